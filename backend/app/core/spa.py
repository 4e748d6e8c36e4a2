"""Serves the built SPA: real files as they are, any other page path gets index.html."""

from starlette._utils import get_route_path
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope


class SPAMount(Mount):
    """The SPA at "/", never matching an API path. A mount at "/" matches every path, and the
    router prefers it to a route that matches the path but not the method, which turned an
    unsupported method on an API path into the SPA's 404 instead of 405. /metrics is the
    monitoring system's, never a page."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = get_route_path(scope)
        if path == "/api" or path.startswith("/api/") or path == "/metrics":
            return Match.NONE, {}
        return super().matches(scope)


class SPAStaticFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            response = await super().get_response("index.html", scope)
            response.headers["Cache-Control"] = "no-cache"
            return response
        if path.startswith("assets/"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        return response
