"""GET /metrics: the app's Prometheus metrics (app/core/metrics.py) for a scraper holding
`METRICS_TOKEN`, or for an admin with their own token.

Outside /api/v1 and the OpenAPI document: it is for the monitoring system, in Prometheus's text
format, not part of the API partners build on. It takes no rate-limit token and counts as no
partner call.
"""

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.auth.dependencies import (
    SessionDep,
    SettingsDep,
    authenticate,
    bearer_token,
    remember,
)
from app.core.access import AccessMiddleware
from app.core.errors import Forbidden
from app.core.metrics import Metrics
from app.models.enums import Role

router = APIRouter()


async def metrics_reader(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> None:
    """The scraper's token, compared in constant time, or an admin's access token; another
    valid token is refused with 403, a missing or invalid one with 401."""
    token = bearer_token(authorization)
    expected = settings.metrics_token
    if expected is not None and secrets.compare_digest(
        token.encode(), expected.get_secret_value().encode()
    ):
        return
    ip = request.client.host if request.client else None
    principal = await authenticate(session, settings, token, ip)
    remember(request, principal)
    if principal.role != Role.admin:
        raise Forbidden("只有系统管理员可以查看运行指标")


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(metrics_reader)])
async def read_metrics(request: Request) -> Response:
    metrics: Metrics = request.app.state.metrics
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)


def install(app: FastAPI) -> None:
    """The app's metrics, its access line and request metrics (a middleware: call this where
    it belongs in the middleware order), and the /metrics route."""
    app.state.metrics = Metrics(app.state.engine)
    app.add_middleware(AccessMiddleware, metrics=app.state.metrics)
    app.include_router(router)
