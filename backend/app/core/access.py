"""Each request once: its access log line and its request metrics, by route template.

Reads made through the API in-process on a caller's behalf (the change feed's, the webhook
worker's) belong to that request or job and are neither counted nor logged here.

Sits inside the request-id middleware, so the line carries the request's id, and outside the
500 catcher, so an unhandled error is counted with the status the caller got.
"""

import logging
import time
from typing import Any

from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core import rate_limit
from app.core.metrics import Metrics

log = logging.getLogger("app.access")

# Paths no route matched (a 404 before any route, a redirect to the slash-less path): one label
# for all of them, so unknown paths never make new series.
UNMATCHED = "<unmatched>"
_FIELDS = "access_log_fields"
_INTERNAL = rate_limit.INTERNAL_HEADER.lower().encode()


def add_fields(request: Any, **fields: str) -> None:
    """Fields for the request's access line, set while it is handled: the caller's id (as a
    string, read when the line is written, after the request's session is gone)."""
    state = request.state
    setattr(state, _FIELDS, {**getattr(state, _FIELDS, {}), **fields})


class AccessMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        # Route → template, built on the first request (after every router was included).
        self._templates: dict[int, str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _internal(scope):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        # As it came in: routing may rewrite the scope's paths for a mount.
        where = {"type": "http", "path": scope["path"], "root_path": scope.get("root_path", "")}

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - started
            route = self._template(scope, where)
            self.metrics.request(scope["method"], route, status, seconds)
            self._log(scope, route, status, seconds)

    def _template(self, scope: Scope, where: Scope) -> str:
        """The matched route's path template, `{name}` for each parameter. The router leaves
        the route it took in the scope; a route included from a router has its own path there,
        without the prefix, so the full templates are looked up once from the app's routes. A
        mount (the SPA, the docs' assets) is not left in the scope: it is matched here."""
        app = scope["app"]
        if self._templates is None:
            self._templates = _templates(app.routes)
        route = scope.get("route")
        if route is not None:
            found = self._templates.get(id(route))
            return found or getattr(route, "path_format", None) or UNMATCHED
        for mount in app.routes:
            if isinstance(mount, Mount) and mount.matches(where)[0] == Match.FULL:
                return f"{mount.path}/{{path}}"
        return UNMATCHED

    def _log(self, scope: Scope, route: str, status: int, seconds: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        duration_ms = round(seconds * 1000, 1)
        extra: dict[str, Any] = {
            "method": scope["method"],
            "path": scope["path"],
            "route": route,
            "status": status,
            "duration_ms": duration_ms,
        }
        client = scope.get("client")
        if client:
            extra["client_ip"] = client[0]
        extra.update(scope.get("state", {}).get(_FIELDS, {}))
        # The peer as uvicorn's access log named it (after --proxy-headers, the real client).
        peer = f"{client[0]}:{client[1]}" if client else "-"
        log.info(
            "%s - %s %s %s %.1fms",
            peer,
            scope["method"],
            scope["path"],
            status,
            duration_ms,
            extra=extra,
        )


def _internal(scope: Scope) -> bool:
    """A read the change feed or the webhook worker makes through the API in-process, on a
    caller's behalf: part of that request or job, not a request of its own."""
    return any(name == _INTERNAL for name, _ in scope["headers"]) and rate_limit.is_internal(
        Request(scope)
    )


def _templates(routes: list[BaseRoute]) -> dict[int, str]:
    templates = {}
    for context in iter_route_contexts(routes):
        if isinstance(context.original_route, Mount):
            continue
        if context.path_format:
            templates[id(context.original_route)] = context.path_format
    return templates
