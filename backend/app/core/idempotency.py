"""Idempotency-Key on POST: a retried request gets the original response, never a second write.

Same key and same body → the stored response (with `Idempotent-Replayed: true`); same key and
another body → 422; the first request still running → 409. Keys belong to the caller (a person
or a partner system), so one caller can never read another's response. Partner systems must send
a key on every POST.

How: the middleware first claims the key — a record without a response, committed on its own so
that a concurrent duplicate finds it (409). The route (`IdempotentRoute`, the route class of every
router) then writes the response into that record with the request's own session, before the
session commits: the stored response and the business write are committed together or not at
all, so no crash can leave a write whose retry would run it again. A request that fails without
committing (a 4xx, rolled back) wrote nothing to repeat: the middleware stores its response
afterwards. A server error (5xx), or a commit that fails, drops the claim, so the retry runs again.

The claim lives no longer than the request that holds it. On PostgreSQL the request's own
transaction locks the claim's row as it begins (`Claim.hold`, from `get_session`); a duplicate
probes that lock (`FOR UPDATE SKIP LOCKED`), so a claim whose transaction ended without storing a
response — the process was killed, the connection lost — is free at once, and the retry takes it
over (a new record) instead of hearing 409 until some timeout. On SQLite, where one process
serves, a claim is live while this process has it in flight. A claim younger than CLAIM_GRACE is
always live: its request may not have reached its transaction yet. Should a request whose claim
was taken over still be running, it can no longer complete the record, and its write is rolled
back (409). Records are kept for RETENTION; older ones are dropped when a key is claimed.
"""

import hashlib
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import AppError, Conflict, error_response, problem_response
from app.core.security import InvalidToken, TokenType, decode_token, peek_token_type
from app.core.time import utcnow
from app.models import IdempotencyRecord

HEADER = "idempotency-key"
EXEMPT = {"/api/v1/auth/token"}
MAX_KEY = 200
REPLAYED_HEADERS = {"content-type", "location", "etag"}
RETENTION = timedelta(hours=24)
CLAIM_GRACE = timedelta(seconds=1)
IN_PROGRESS = "相同 Idempotency-Key 的请求仍在处理中，请稍后重试"


@dataclass
class Claim:
    """The key a request holds (on `request.state.idempotency_claim`), and whether its response
    went into the request's transaction."""

    record_id: uuid.UUID
    stored: bool = False

    async def hold(self, session: AsyncSession) -> None:
        """Locks the claim in the request's transaction (PostgreSQL), for as long as it lasts;
        409 if a retry has already taken the key over."""
        if session.get_bind().dialect.name != "postgresql":
            return
        held = await session.execute(
            select(col(IdempotencyRecord.id)).where(_unanswered(self.record_id)).with_for_update()
        )
        if held.first() is None:
            raise Conflict(IN_PROGRESS, code="idempotency_in_progress")


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


def _response_values(
    status: int, body: bytes, headers: list[tuple[bytes, bytes]]
) -> dict[str, Any]:
    return {
        "status_code": status,
        "response_body": body.decode("utf-8", errors="replace"),
        "response_headers": {
            k.decode("latin-1"): v.decode("latin-1")
            for k, v in headers
            if k.decode("latin-1").lower() in REPLAYED_HEADERS
        },
    }


def _unanswered(record_id: uuid.UUID) -> Any:
    return (col(IdempotencyRecord.id) == record_id) & col(IdempotencyRecord.status_code).is_(None)


async def _store(request: Request, response: Response) -> None:
    """Writes the response into the claimed record with the request's own session, to be
    committed with the request's write."""
    claim: Claim | None = getattr(request.state, "idempotency_claim", None)
    session: AsyncSession | None = getattr(request.state, "session", None)
    body = getattr(response, "body", None)
    if claim is None or session is None or response.status_code >= 500:
        return
    if not isinstance(body, bytes):  # a streamed response: stored by the middleware once sent
        return
    result = await session.execute(
        update(IdempotencyRecord)
        .where(_unanswered(claim.record_id))
        .values(**_response_values(response.status_code, body, response.headers.raw))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # A retry took the key over (this request had lost its claim): the retry writes.
        raise Conflict(IN_PROGRESS, code="idempotency_in_progress")
    claim.stored = True


class IdempotentRoute(APIRoute):
    """A route that stores its response to a claimed Idempotency-Key in the request's own
    transaction. FastAPI runs the endpoint and serialises its response before it closes the
    dependencies, and closing the session dependency is what commits (`get_session`): the
    handler wrapped here sees the response while the session is still open."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_and_store(request: Request) -> Response:
            try:
                response = await handle(request)
            except AppError as exc:
                if exc.commit:  # the session still commits: its answer goes with it
                    await _store(request, error_response(request, exc))
                raise
            await _store(request, response)
            return response

        return handle_and_store


async def _abandoned(
    session: AsyncSession, record: IdempotencyRecord, inflight: set[uuid.UUID]
) -> bool:
    """Whether a claim without a response has lost its request (see the module's docstring)."""
    if record.created_at >= utcnow() - CLAIM_GRACE:
        return False
    if session.get_bind().dialect.name != "postgresql":
        return record.id not in inflight
    free = await session.execute(
        select(col(IdempotencyRecord.id))
        .where(col(IdempotencyRecord.id) == record.id)
        .with_for_update(skip_locked=True)
    )
    return free.first() is not None


async def _claim(
    sessionmaker: async_sessionmaker[AsyncSession],
    owner: str,
    key: str,
    path: str,
    digest: str,
    inflight: set[uuid.UUID],
) -> uuid.UUID | IdempotencyRecord:
    """Claims the key for this request (its record's id), or the record already holding it."""
    same_key = (col(IdempotencyRecord.owner) == owner) & (col(IdempotencyRecord.key) == key)
    async with sessionmaker() as session:
        for _ in range(3):
            record = IdempotencyRecord(
                owner=owner, key=key, method="POST", path=path, request_hash=digest
            )
            session.add(record)
            try:
                await session.flush()
            except IntegrityError:
                await session.rollback()
            else:
                await session.execute(
                    delete(IdempotencyRecord)
                    .where(col(IdempotencyRecord.created_at) < utcnow() - RETENTION)
                    .execution_options(synchronize_session=False)
                )
                await session.commit()
                return record.id
            existing = (
                await session.execute(select(IdempotencyRecord).where(same_key))
            ).scalar_one_or_none()
            if existing is None:  # dropped in the meantime
                continue
            # Expired, or claimed for this same request by one that died: taken over, in the
            # transaction that inserts the new claim. The DELETE checks again, so a response
            # stored meanwhile is kept (and replayed on the next round).
            expired = col(IdempotencyRecord.created_at) < utcnow() - RETENTION
            if (
                existing.status_code is None
                and existing.request_hash == digest
                and await _abandoned(session, existing, inflight)
            ):
                expired = or_(expired, col(IdempotencyRecord.status_code).is_(None))
            taken = await session.execute(
                delete(IdempotencyRecord)
                .where(col(IdempotencyRecord.id) == existing.id, expired)
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:  # type: ignore[attr-defined]
                return existing  # as read (closing the session rolls back the rest)
        # Three collisions in a row: another request is claiming the same key right now.
        return IdempotencyRecord(
            owner=owner, key=key, method="POST", path=path, request_hash=digest
        )


async def _settle(
    sessionmaker: async_sessionmaker[AsyncSession], record_id: uuid.UUID, captured: dict[str, Any]
) -> None:
    """After a request whose response is not in its transaction: a server error drops the
    claim, anything else (a 4xx, rolled back) is stored. A record completed by a committed
    request is left alone."""
    async with sessionmaker() as session:
        if captured["status"] >= 500:
            await session.execute(
                delete(IdempotencyRecord)
                .where(_unanswered(record_id))
                .execution_options(synchronize_session=False)
            )
        else:
            await session.execute(
                update(IdempotencyRecord)
                .where(_unanswered(record_id))
                .values(
                    **_response_values(captured["status"], captured["body"], captured["headers"])
                )
                .execution_options(synchronize_session=False)
            )
        await session.commit()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # The claims this process's requests hold right now.
        self.inflight: set[uuid.UUID] = set()

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
        claimed = await _claim(sessionmaker, owner[0], key, scope["path"], digest, self.inflight)
        if isinstance(claimed, IdempotencyRecord):
            await self._answer_repeat(claimed, digest, request, scope, receive, send)
            return
        claim = Claim(claimed)
        request.state.idempotency_claim = claim

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

        self.inflight.add(claim.record_id)
        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            try:
                if not claim.stored or captured["status"] >= 500:
                    await _settle(sessionmaker, claim.record_id, captured)
            finally:
                self.inflight.discard(claim.record_id)

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
            response = problem_response(request, 409, "idempotency_in_progress", IN_PROGRESS)
        else:
            response = Response(
                content=(existing.response_body or "").encode(),
                status_code=existing.status_code,
                headers={**(existing.response_headers or {}), "Idempotent-Replayed": "true"},
            )
        await response(scope, receive, send)
