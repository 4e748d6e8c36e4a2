"""Who is calling: resolves the bearer token to a person or a partner client on every request.

Role, unit and active state are read from the database each time, so a change takes effect at
once; `token_version` ends tokens issued before logout-all, a password or role change.
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.security import OAuth2
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import access, rate_limit
from app.core.config import Settings
from app.core.db import get_session
from app.core.errors import Forbidden, Unauthorized
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.security import InvalidToken, decode_token, peek_token_type
from app.models import ApiClient, User

TOKEN_URL = "/api/v1/auth/token"

oauth2_scheme = OAuth2(
    flows=OAuthFlows(
        password=OAuthFlowPassword(tokenUrl=TOKEN_URL, refreshUrl=TOKEN_URL),
        clientCredentials=OAuthFlowClientCredentials(tokenUrl=TOKEN_URL),
    ),
    scheme_name="OAuth2",
    description="人员使用 password 授权，合作系统使用 client_credentials 授权。",
    auto_error=False,
)


# Built once and run with a bound id: a reused statement keeps its compiled-SQL cache entry,
# where session.get() builds a new SELECT on every request.
_USER_BY_ID = select(User).where(col(User.id) == bindparam("user_id"))
_CLIENT_BY_ID = select(ApiClient).where(col(ApiClient.id) == bindparam("client_id"))

SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


# Dependencies are `async def` even when they never await: FastAPI runs a plain `def` one in
# a worker thread, and those thread hops cost more than the work.
async def app_settings(request: Request) -> Settings:
    """The settings the running app was created with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthorized()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized()
    return token.strip()


async def _person(session: AsyncSession, settings: Settings, token: str) -> User:
    try:
        claims = decode_token(settings, token, "access")
        user_id = uuid.UUID(claims.sub)
    except (InvalidToken, ValueError) as exc:
        raise Unauthorized() from exc
    user = (await session.execute(_USER_BY_ID, {"user_id": user_id})).scalar_one_or_none()
    if user is None or not user.is_active or user.token_version != claims.version:
        raise Unauthorized()
    return user


async def _partner(
    session: AsyncSession, settings: Settings, token: str
) -> tuple[ApiClient, set[str]]:
    try:
        claims = decode_token(settings, token, "partner")
        client_uuid = uuid.UUID(claims.sub)
    except (InvalidToken, ValueError) as exc:
        raise Unauthorized() from exc
    found = await session.execute(_CLIENT_BY_ID, {"client_id": client_uuid})
    client = found.scalar_one_or_none()
    # Revocation ends a client's tokens at once. An admin's edit (its name, grant or rate)
    # keeps them: a token carries what was granted when issued, and a narrowed grant narrows
    # it at once.
    if client is None or not client.is_active:
        raise Unauthorized()
    return client, set(claims.scopes) & set(client.scopes)


async def authenticate(
    session: AsyncSession, settings: Settings, token: str, ip: str | None = None
) -> Principal:
    """The person or partner client the bearer token stands for (401 when it stands for
    none); no rate limit taken."""
    if peek_token_type(token) == "partner":
        client, scopes = await _partner(session, settings, token)
        return Principal(client=client, permissions=frozenset(scopes), ip=ip)
    return Principal.of_user(await _person(session, settings, token), ip)


def remember(request: Request, principal: Principal) -> None:
    """The caller, for the request's later steps, and its id for the access line."""
    request.state.principal = principal
    if principal.user is not None:
        access.add_fields(request, user_id=str(principal.user.id))
    elif principal.client is not None:
        access.add_fields(request, api_client_id=str(principal.client.id))


async def current_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    authorization: Annotated[str | None, Depends(oauth2_scheme)] = None,
) -> Principal:
    ip = request.client.host if request.client else None
    principal = await authenticate(session, settings, bearer_token(authorization), ip)
    remember(request, principal)
    if principal.client is not None:
        policy = rate_limit.Policy("partner", *_partner_rate(settings, principal.client))
        caller = f"client:{principal.client.id}"
    else:
        per_minute = settings.rate_limit_user_per_minute
        policy = rate_limit.Policy("user", per_minute, per_minute)
        caller = f"user:{principal.user.id}"  # type: ignore[union-attr]
    if not rate_limit.is_internal(request):
        await rate_limit.enforce(request, policy, caller)
        if principal.client is not None:
            request.app.state.usage.request(principal.client.id)
    return principal


def _partner_rate(settings: Settings, client: ApiClient) -> tuple[int, int]:
    """A partner client's requests a minute and burst: the admin's setting, or the default."""
    per_minute = client.rate_limit_per_minute or settings.rate_limit_partner_per_minute
    return per_minute, per_minute


async def current_user(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    """Only people. A partner system's valid token answers 403 `people_only`, not 401: the
    token is fine, so a client that renews its token on 401 must not loop here."""
    if not principal.is_person:
        raise Forbidden("该接口仅供人员账户使用，合作系统不能调用", code="people_only")
    return principal


async def current_partner(
    principal: Annotated[Principal, Depends(current_principal)],
) -> Principal:
    """Only partner systems; a person's valid token answers 403 `partners_only`."""
    if principal.client is None:
        raise Forbidden("该接口仅供合作系统调用", code="partners_only")
    return principal


def require(
    *permissions: Permission,
    people_only: bool = False,
    refusal: tuple[str, str] | None = None,
) -> Callable[..., Awaitable[Principal]]:
    """Dependency: the caller must hold every permission (a role's, or a client's scopes).
    `refusal` is the (detail, code) of the 403 where the route's own words explain it better
    than the generic one."""
    base = current_user if people_only else current_principal

    async def dependency(principal: Annotated[Principal, Depends(base)]) -> Principal:
        if not all(principal.has(p) for p in permissions):
            raise Forbidden(refusal[0], code=refusal[1]) if refusal else Forbidden()
        return principal

    dependency.required_permissions = permissions  # type: ignore[attr-defined]
    dependency.people_only = people_only  # type: ignore[attr-defined]
    return dependency


CurrentUser = Annotated[Principal, Depends(current_user)]
CurrentPartner = Annotated[Principal, Depends(current_partner)]
