"""RFC 9457 problem details for every error the API returns.

Each error carries a stable English `code` for programs and a Chinese `detail` for people.
Nothing from an exception's internals (stack, SQL, paths) ever reaches a response.
"""

import logging
import socket
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from sqlalchemy import exc as sa_exc
from starlette._utils import get_route_path
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("app.errors")

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    loc: list[str | int] = Field(description='出错字段的路径，如 ["body", "username"]')
    msg: str = Field(description="中文错误说明")
    type: str = Field(description="错误类型代码")


class Problem(BaseModel):
    type: str = Field(default="about:blank", description="问题类型 URI")
    title: str = Field(description="HTTP 状态短语")
    status: int = Field(description="HTTP 状态码")
    detail: str = Field(description="给人看的中文说明")
    code: str = Field(description="给程序用的稳定英文错误代码")
    instance: str | None = Field(default=None, description="出错的请求路径")
    request_id: str | None = Field(default=None, description="请求编号，便于排查")
    errors: list[FieldError] | None = Field(default=None, description="字段级错误（校验失败时）")


class AppError(Exception):
    status = 400
    code = "bad_request"
    detail = "请求无效"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
        commit: bool = False,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.detail = detail or self.detail
        self.code = code or self.code
        self.status = status or self.status
        self.headers = headers
        self.errors = errors
        self.commit = commit
        self.extra = extra or {}
        super().__init__(self.detail)


class NotFound(AppError):
    status, code, detail = 404, "not_found", "资源不存在"


class Unauthorized(AppError):
    status, code, detail = 401, "unauthorized", "未登录或登录已失效"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status, code, detail = 403, "forbidden", "没有执行该操作的权限"


class Conflict(AppError):
    status, code, detail = 409, "conflict", "与现有数据冲突"


class PreconditionFailed(AppError):
    status, code, detail = 412, "precondition_failed", "该记录已被他人修改，请刷新后重试"


class PreconditionRequired(AppError):
    status, code, detail = (
        428,
        "precondition_required",
        "缺少 If-Match 请求头（请先读取记录的 ETag）",
    )


class Unprocessable(AppError):
    status, code, detail = 422, "validation_error", "提交的数据不符合要求"


def field_error(field: str, message: str, code: str = "missing") -> Unprocessable:
    """422 for one body field, in the same shape as the request validator's errors."""
    return Unprocessable(
        message, code=code, errors=[{"loc": ["body", field], "msg": message, "type": code}]
    )


_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

_HTTP_DETAILS = {
    404: ("not_found", "资源不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("payload_too_large", "请求内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
}

_PYDANTIC_MESSAGES = {
    "missing": "必填",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_type": "应为字符串",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为布尔值",
    "uuid_parsing": "不是有效的编号（UUID）",
    "uuid_type": "不是有效的编号（UUID）",
    "enum": "取值无效，可选值：{expected}",
    "literal_error": "取值无效，可选值：{expected}",
    "extra_forbidden": "不允许的字段",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "必须大于 {gt}",
    "less_than": "必须小于 {lt}",
    "string_pattern_mismatch": "格式不正确",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为列表",
    "datetime_parsing": "不是有效的时间（ISO 8601）",
    "datetime_from_date_parsing": "不是有效的时间（ISO 8601）",
    "date_parsing": "不是有效的日期（YYYY-MM-DD）",
    "decimal_parsing": "不是有效的数字",
    "decimal_max_places": "最多 {decimal_places} 位小数",
    "timezone_aware": "须带时区，如 2026-11-30T09:00:00+08:00（北京时间）",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
}


def translate_error(err: dict[str, Any]) -> dict[str, Any]:
    kind = err.get("type", "value_error")
    if kind in ("too_short", "too_long") and isinstance(err.get("input"), str):
        # A length rule on an optional text field reaches here as the generic kind.
        kind = f"string_{kind}"
    template = _PYDANTIC_MESSAGES.get(kind)
    if template:
        try:
            msg = template.format(**(err.get("ctx") or {}))
        except (KeyError, IndexError):
            msg = template
    elif kind == "naive_datetime":
        msg = str(err.get("msg", ""))
    elif kind == "value_error":
        # Our own validators raise ValueError with a Chinese message.
        msg = str((err.get("ctx") or {}).get("error", err.get("msg", "")))
    else:
        msg = "取值无效"
    return {
        "loc": [str(p) if not isinstance(p, int) else p for p in err["loc"]],
        "msg": msg,
        "type": kind,
    }


def problem_response(
    request: Request,
    status: int,
    code: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.url.path,
        "request_id": correlation_id.get(),
    }
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def error_response(request: Request, exc: AppError) -> JSONResponse:
    """The problem response for an `AppError`."""
    return problem_response(
        request,
        exc.status,
        exc.code,
        exc.detail,
        errors=exc.errors,
        headers=exc.headers,
        extra=exc.extra,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [translate_error(e) for e in exc.errors()]
        return problem_response(
            request, 422, "validation_error", "提交的数据不符合要求", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, detail = _HTTP_DETAILS.get(exc.status_code, ("http_error", "请求无法处理"))
        headers = dict(exc.headers) if exc.headers else {}
        if exc.status_code == 405 and (allowed := _allowed_methods(request)):
            headers["Allow"] = allowed
        return problem_response(request, exc.status_code, code, detail, headers=headers or None)


def _allowed_methods(request: Request) -> str:
    """Every method the path answers to. The router's own 405 names only the first route that
    matched the path, and GET and POST on one path are separate routes."""
    path = get_route_path(request.scope)
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        regex = getattr(route, "path_regex", None)
        if route.methods and regex is not None and regex.match(path):
            methods |= route.methods
    return ", ".join(sorted(methods))


class UnhandledErrorMiddleware:
    """Turns an unhandled exception into the 500 problem, logged once with the request id.

    Starlette's outermost error middleware re-raises after sending its 500, and the server then
    drops the keep-alive connection, failing the client's next request on it. Install this
    inside the request-id middleware, so the 500 carries the `X-Request-ID` header too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                # Half a response is out: only the server closing the connection can end it
                # (and the server logs the exception).
                raise
            if (failure := database_failure(exc)) is not None:
                code, detail, retry_after = failure
                log.warning(
                    "%s in %s %s: %s", code, scope["method"], scope["path"], exc.__class__.__name__
                )
                response = problem_response(
                    Request(scope),
                    503,
                    code,
                    detail,
                    headers={"Retry-After": str(retry_after)},
                )
            else:
                log.exception("unhandled error in %s %s", scope["method"], scope["path"])
                response = problem_response(
                    Request(scope), 500, "internal_error", "服务器内部错误，请稍后重试"
                )
            await response(scope, receive, send)


# PostgreSQL's SQLSTATEs for a cancelled statement (statement_timeout) and for a server that is
# starting up, shutting down or refusing connections.
QUERY_CANCELED = "57014"
UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"}


def database_failure(exc: BaseException) -> tuple[str, str, int] | None:
    """A failure of the database rather than of the request — (code, detail, Retry-After
    seconds) for a 503 — or None. Such a request may simply be sent again."""
    busy = ("database_busy", "系统繁忙，暂时没有可用的数据库连接，请稍后重试", 2)
    away = ("database_unavailable", "数据库暂不可用，请稍后重试", 5)
    if isinstance(exc, sa_exc.TimeoutError):  # no pooled connection came free in time
        return busy
    cause = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    state = getattr(cause, "sqlstate", None)
    if state == QUERY_CANCELED:
        return "database_timeout", "数据库处理超时，请稍后重试", 2
    if state in UNAVAILABLE_STATES:
        return away
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated or isinstance(exc, sa_exc.InterfaceError):
            return away
        if isinstance(exc, sa_exc.OperationalError) and "database is locked" in str(cause):
            return busy  # SQLite: another writer held the file past the busy timeout
    # Connecting: refused, reset, unresolvable or timed out.
    if isinstance(cause, ConnectionError | socket.gaierror | TimeoutError):
        return away
    return None
