"""Application factory: middleware, routers, error handlers and the SPA."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from sqlalchemy import text

from app import subscriptions
from app.api import PREFIX, ROUTERS
from app.api_clients import usage
from app.auth.dependencies import SessionDep
from app.core import guide
from app.core.body_limit import BodyLimitMiddleware
from app.core.config import Settings, get_settings, settings_or_exit
from app.core.db import create_engine, make_read_sessionmaker, make_sessionmaker
from app.core.errors import (
    Problem,
    UnhandledErrorMiddleware,
    install_error_handlers,
    problem_response,
)
from app.core.idempotency import IdempotencyMiddleware
from app.core.logging import configure_logging
from app.core.openapi import OPENAPI_TAGS, install_openapi
from app.core.rate_limit import Limiter, RateLimitHeadersMiddleware
from app.core.spa import SPAMount, SPAStaticFiles
from app.jobs import escalation
from app.meta import metrics
from app.projects import excel_import
from app.webhooks import delivery as webhook_delivery

DESCRIPTION = """
招商通 — 湘潭市招商引资管理平台 API。

* **接入指南**：[/docs/integration](/docs/integration)——令牌、分页、变更流、重试、错误代码、
  推送签名和限流，附可运行的 Python 示例。
* **认证**：`POST /api/v1/auth/token`（OAuth2）。人员用 `password` 授权登录并以 `refresh_token`
  换发；合作系统用 `client_credentials`，只能访问授予的权限范围和所绑定单位的数据。
* **错误**：一律为 RFC 9457 `application/problem+json`，含稳定的英文 `code` 和中文 `detail`。
* **列表**：游标分页（`limit`、`cursor`、`next_cursor`），`include_total=true` 时返回总数。
  游标经签名并与排序绑定，须原样传回；被改动或来自其他排序的游标返回 400 `invalid_cursor`。
* **并发**：读取返回 `ETag`；修改记录（PATCH）和删除项目须带 `If-Match`，缺少返回 428，
  过期返回 412。
* **重试**：POST 可带 `Idempotency-Key`，重试返回第一次的响应；合作系统的 POST 必须带，
  缺少返回 428。
* **请求**：请求体无法解析返回 400，超过大小上限返回 413；路径存在但不支持该请求方法返回 405，
  并在 `Allow` 头中列出支持的方法。
* **类型严格**：数字须为 JSON 数字（`"12"`、`true` 不算数字），布尔值须为 `true`/`false`，
  日期须为字符串。**金额**（万元）和面积（亩）在请求和响应中都是十进制字符串（如 `"1200.50"`，
  最多两位小数；JSON 数字会被拒绝，因为二进制浮点数表示不了 0.1）。时间为带时区的
  ISO 8601（响应为 UTC），业务日期为 `YYYY-MM-DD`（北京时间），均须在 2000–2100 年之间；
  已发生的事（签约、开工、投产、走访）不能晚于今天。
* **文本**：从 Word 粘贴的换行（U+000B 等）在多行文本中统一为换行、在单行文本中为空格；
  零宽字符、双向控制符等格式字符会被去掉；其他控制字符返回 422；名称须含可见字符。
  搜索参数 `q` 中的 `%`、`_` 按字面匹配。
* **生成客户端**：分组（tag）用英文标识，中文名称见各分组说明。用 openapi-python-client 生成
  Python 客户端时请带上仓库中的 `openapi/client-config.yaml`（包名 `zhaoshangtong_client`）：
  `openapi-python-client generate --path openapi/openapi.json --config openapi/client-config.yaml`。
"""


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)
    subscriptions.install()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        jobs = []
        if settings.escalation_interval_seconds > 0:
            jobs.append(
                asyncio.create_task(
                    escalation.run_forever(app.state.sessionmaker, settings, app.state.metrics)
                )
            )
        if settings.webhook_interval_seconds > 0:
            jobs.append(asyncio.create_task(webhook_delivery.run_forever(app)))
        jobs.append(asyncio.create_task(usage.run_forever(app.state.usage, app.state.sessionmaker)))
        yield
        for job in jobs:
            job.cancel()
            with suppress(asyncio.CancelledError):
                await job
        await app.state.engine.dispose()

    # Swagger UI and ReDoc served from the package, not a CDN: government intranets are offline.
    app = FastAPIOffline(
        static_url="/docs-assets",
        title="招商通 API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=OPENAPI_TAGS,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = create_engine(settings, serving=True)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.read_sessionmaker = make_read_sessionmaker(app.state.engine)
    app.state.limiter = Limiter(settings)
    app.state.usage = usage.UsageCounter()

    install_error_handlers(app)
    install_openapi(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "X-Request-ID"],
        )
    # Added innermost first. The body cap sits outside the idempotency middleware, which
    # reads the whole body; the 500 catcher inside the request id, so its answer carries one.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        json_max_bytes=settings.json_max_bytes,
        upload_max_bytes=settings.attachment_max_bytes,
        upload_limits={f"{PREFIX}/projects/imports": excel_import.MAX_UPLOAD_BYTES},
    )
    app.add_middleware(UnhandledErrorMiddleware)
    app.add_middleware(RateLimitHeadersMiddleware)
    # The access line and request metrics, inside the request id; and GET /metrics.
    metrics.install(app)
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")

    @app.get("/docs/integration", include_in_schema=False, response_class=HTMLResponse)
    async def integration_guide() -> HTMLResponse:
        return HTMLResponse(guide.page())

    @app.get("/healthz", tags=["health"], summary="进程存活")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["health"],
        summary="数据库可用",
        response_model=None,
        responses={503: {"model": Problem, "description": "数据库暂不可用"}},
    )
    async def readyz(request: Request, session: SessionDep) -> dict[str, str] | JSONResponse:
        try:
            await session.execute(text("SELECT 1"))
        except Exception:
            return problem_response(request, 503, "database_unavailable", "数据库暂不可用")
        return {"status": "ok"}

    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX)
    if (settings.spa_dist / "index.html").is_file():
        spa = SPAStaticFiles(directory=settings.spa_dist, html=True)
        app.router.routes.append(SPAMount("/", app=spa, name="spa"))
    return app


app = create_app(settings_or_exit())
