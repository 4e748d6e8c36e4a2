import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response, status

from app.auth import service
from app.auth.dependencies import CurrentUser, SessionDep, SettingsDep
from app.auth.schemas import LogoutRequest, Me, PasswordChange, TokenResponse, UserUnit
from app.core import rate_limit
from app.core.errors import AppError, Problem, Unauthorized
from app.core.idempotency import IdempotentRoute
from app.models import Unit
from app.models.enums import Role

router = APIRouter(prefix="/auth", tags=["auth"], route_class=IdempotentRoute)

_AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem, "description": "未登录、令牌无效或已失效"},
}


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        client_id, _, secret = base64.b64decode(value).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return client_id, secret


@router.post(
    "/token",
    response_model=TokenResponse,
    responses={
        400: {
            "model": Problem,
            "description": "授权请求无效（OAuth2 错误见 error），或请求体无法解析",
        },
        401: {"model": Problem},
        429: {"model": Problem, "description": "同一来源地址登录过于频繁：按 Retry-After 等待"},
    },
    summary="获取令牌（OAuth2）",
)
async def issue_token(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    grant_type: Annotated[
        Literal["password", "refresh_token", "client_credentials"],
        Form(
            description="password：人员登录；refresh_token：换发令牌；client_credentials：合作系统"
        ),
    ],
    username: Annotated[str | None, Form(max_length=64, description="登录名（password）")] = None,
    password: Annotated[str | None, Form(max_length=128, description="密码（password）")] = None,
    refresh_token: Annotated[
        str | None, Form(max_length=200, description="刷新令牌（refresh_token）")
    ] = None,
    client_id: Annotated[
        str | None, Form(max_length=64, description="客户端编号（client_credentials）")
    ] = None,
    client_secret: Annotated[
        str | None, Form(max_length=200, description="客户端密钥（client_credentials）")
    ] = None,
    scope: Annotated[
        str | None, Form(max_length=500, description="申请的权限范围，空格分隔（可选）")
    ] = None,
) -> TokenResponse:
    """OAuth2 token endpoint. People sign in with `password` and renew with `refresh_token`
    (each refresh token works once; presenting a used one ends the whole session). Partner
    systems use `client_credentials`, with the secret in the form or as HTTP Basic."""
    response.headers["Cache-Control"] = "no-store"
    ip = request.client.host if request.client else None
    # Sign-ins from one address, whichever accounts they try (each account has its own lock).
    per_minute = settings.rate_limit_login_per_minute
    await rate_limit.enforce(
        request, rate_limit.Policy("login", per_minute, per_minute), f"ip:{ip}"
    )
    with _failures_counted(request, grant_type):
        if grant_type == "password":
            if not username or not password:
                raise _missing("username 和 password")
            return await service.password_grant(session, settings, username, password, ip)
        if grant_type == "refresh_token":
            if not refresh_token:
                raise _missing("refresh_token")
            return await service.refresh_grant(session, settings, refresh_token, ip)
        basic = _basic_credentials(request)
        if basic:
            client_id, client_secret = basic
        if not client_id or not client_secret:
            raise Unauthorized(
                "缺少客户端编号或密钥", code="invalid_client", extra={"error": "invalid_client"}
            )
        issued, client = await service.client_credentials_grant(
            session, settings, client_id, client_secret, scope, ip
        )
        request.app.state.usage.token(client.id)
        return issued


@contextmanager
def _failures_counted(request: Request, grant_type: str) -> Iterator[None]:
    """Counts a refused grant (401) by its reason code: never by user name or client id,
    which would make a metric series per caller."""
    try:
        yield
    except AppError as exc:
        if exc.status == 401:
            request.app.state.metrics.login_failures.labels(grant_type, exc.code).inc()
        raise


def _missing(what: str) -> AppError:
    return AppError(
        f"缺少 {what}", code="invalid_request", status=400, extra={"error": "invalid_request"}
    )


@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, responses=_AUTH_ERRORS, summary="退出登录"
)
async def logout(body: LogoutRequest, principal: CurrentUser, session: SessionDep) -> None:
    """Ends this sign-in: the refresh token and every token rotated from it stop working.
    The access token expires by itself within 15 minutes; the SPA discards it at once."""
    await service.logout(session, principal, body.refresh_token)


@router.post(
    "/logout-all",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_AUTH_ERRORS,
    summary="退出所有设备",
)
async def logout_all(principal: CurrentUser, session: SessionDep) -> None:
    """Ends every token of the caller, on every device, at once."""
    await service.logout_all(session, principal)


@router.get("/me", response_model=Me, responses=_AUTH_ERRORS, summary="当前用户")
async def read_me(principal: CurrentUser, session: SessionDep) -> Me:
    user = principal.user
    assert user is not None
    unit = await session.get(Unit, user.unit_id)
    assert unit is not None
    return Me(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        role_label=Role(user.role).label,
        unit=UserUnit.model_validate(unit),
        permissions=sorted(principal.permissions),
    )


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**_AUTH_ERRORS, 422: {"model": Problem}},
    summary="修改本人密码",
)
async def change_password(
    body: PasswordChange, principal: CurrentUser, session: SessionDep
) -> None:
    """Changes the caller's password and ends all their sessions; sign in again afterwards."""
    await service.change_password(session, principal, body.current_password, body.new_password)
