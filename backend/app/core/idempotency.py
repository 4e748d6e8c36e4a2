"""Idempotency-Key on POST: a retried request gets the original response, never a second write.

Same key and same body → the stored response (with `Idempotent-Replayed: true`); same key and
another body → 422; the first request still running → 409. Keys belong to the caller (a person
or a partner system), so one caller can never read another's response. Partner systems must send
a key on every POST. Server errors (5xx) are not stored, so the retry runs again.
"""

import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import problem_response
from app.core.security import InvalidToken, TokenType, decode_token, peek_token_type
from app.core.time import utcnow
from app.models import IdempotencyRecord

HEADER = "idempotency-key"
EXEMPT = {"/api/v1/auth/token"}
MAX_KEY = 200
REPLAYED_HEADERS = {"content-type", "location", "etag"}
RETENTION = timedelta(hours=24)


def _owner(scope: Scope) -> tuple[str, bool] | None:
    """(owner, is_partner) from a valid bearer token; None without one (the route answers 401)."""
    headers = dict(scope["headers"])
    scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    kind: TokenType = "partner" if peek_token_type(token) == "partner" else "access"
    try:
        claims = decode_token(scope["app"].state.settings, token.strip(), kind)
    except InvalidToken:
        return None
    return f"{kind}:{claims.sub}", kind == "partner"


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        if scope["path"] in EXEMPT:
            await self.app(scope, receive, send)
            return
        owner = _owner(scope)
        key = dict(scope["headers"]).get(HEADER.encode(), b"").decode("latin-1").strip()
        request = Request(scope)
        if owner is None:
            await self.app(scope, receive, send)
            return
        if not key:
            if owner[1]:
                response = problem_response(
                    request,
                    428,
                    "idempotency_key_required",
                    "合作系统的 POST 请求必须带 Idempotency-Key 请求头",
                )
                await response(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY:
            await problem_response(
                request, 422, "invalid_idempotency_key", "Idempotency-Key 过长（最多 200 个字符）"
            )(scope, receive, send)
            return

        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        digest = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()

        sessionmaker = scope["app"].state.sessionmaker
        record_id = None
        async with sessionmaker() as session:
            record = IdempotencyRecord(
                owner=owner[0], key=key, method="POST", path=scope["path"], request_hash=digest
            )
            session.add(record)
            try:
                await session.commit()
                record_id = record.id
            except IntegrityError:
                await session.rollback()
                existing = (
                    await session.execute(
                        select(IdempotencyRecord).where(
                            col(IdempotencyRecord.owner) == owner[0],
                            col(IdempotencyRecord.key) == key,
                        )
                    )
                ).scalar_one()
        if record_id is None:
            await self._answer_repeat(existing, digest, request, scope, receive, send)
            return

        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

        async def replay_receive() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            async with sessionmaker() as session:
                stored = await session.get(IdempotencyRecord, record_id)
                if stored is not None:
                    if captured["status"] >= 500:
                        await session.execute(
                            delete(IdempotencyRecord).where(col(IdempotencyRecord.id) == record_id)
                        )
                    else:
                        stored.status_code = captured["status"]
                        stored.response_body = captured["body"].decode("utf-8", errors="replace")
                        stored.response_headers = {
                            k.decode("latin-1"): v.decode("latin-1")
                            for k, v in captured["headers"]
                            if k.decode("latin-1").lower() in REPLAYED_HEADERS
                        }
                # Keys are kept for a day, long enough for any retry; older ones are dropped here.
                await session.execute(
                    delete(IdempotencyRecord).where(
                        col(IdempotencyRecord.created_at) < utcnow() - RETENTION
                    )
                )
                await session.commit()

    async def _answer_repeat(
        self,
        existing: IdempotencyRecord,
        digest: str,
        request: Request,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        response: Response
        if existing.request_hash != digest:
            response = problem_response(
                request, 422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一个不同的请求"
            )
        elif existing.status_code is None:
            response = problem_response(
                request,
                409,
                "idempotency_in_progress",
                "相同 Idempotency-Key 的请求仍在处理中，请稍后重试",
            )
        else:
            response = Response(
                content=(existing.response_body or "").encode(),
                status_code=existing.status_code,
                headers={**(existing.response_headers or {}), "Idempotent-Replayed": "true"},
            )
        await response(scope, receive, send)
