"""Request body caps, enforced while the body streams in.

A body announced (`Content-Length`) above its cap is refused before the app reads a byte; a body
without one (chunked) is counted as it arrives and refused as soon as it passes the cap, so an
oversized upload never sits whole in memory or on disk. Uploads (multipart) get the file cap
plus a little room for the multipart framing; the exact per-file check stays in `core.files`.
Everything else (JSON, forms) gets a small cap.
"""

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response

# Boundaries and part headers (a 200-character name, its content type) fit well within this.
MULTIPART_FRAMING = 16 * 1024


class BodyTooLarge(HTTPException):
    """Raised from `receive` once the body passes its cap. An HTTPException, so FastAPI's body
    parsing lets it through rather than turning it into a 400; the middleware answers anyway."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


def size_label(n: int) -> str:
    """Bytes as people read a size limit: 10 MB, 64 KB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.4g} MB"
    return f"{n / 1024:.4g} KB"


class BodyLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        json_max_bytes: int,
        upload_max_bytes: int,
        upload_limits: Mapping[str, int] | None = None,
    ) -> None:
        """`upload_limits` maps a path to its own file cap (the Excel import)."""
        self.app = app
        self.json_max_bytes = json_max_bytes
        self.upload_max_bytes = upload_max_bytes
        self.upload_limits = dict(upload_limits or {})

    def _limit(self, headers: Headers, path: str) -> tuple[int, str]:
        """The cap on this request's body and the Chinese sentence naming it."""
        if headers.get("content-type", "").lower().startswith("multipart/form-data"):
            cap = self.upload_limits.get(path, self.upload_max_bytes)
            return cap + MULTIPART_FRAMING, f"上传的文件不能超过 {size_label(cap)}"
        return self.json_max_bytes, f"请求内容不能超过 {size_label(self.json_max_bytes)}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit, detail = self._limit(headers, scope["path"])
        try:
            announced = int(headers.get("content-length", ""))
        except ValueError:
            announced = None
        if announced is not None and announced > limit:
            await self._refuse(scope, receive, send, detail)
            return

        received = 0
        exceeded = started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # whatever the app made of BodyTooLarge; the 413 below answers instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded or started:
                raise
        if exceeded and not started:
            await self._refuse(scope, receive, send, detail)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
        # The rest of the body is never read, so the connection cannot carry another request.
        response = problem_response(
            Request(scope), 413, "payload_too_large", detail, headers={"Connection": "close"}
        )
        await response(scope, receive, send)
