import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from app.models import IdempotencyRecord, Project, User
from tests.helpers import assert_problem
from tests.projects.factories import URL, project_body


async def _count(session) -> int:
    return (await session.execute(select(func.count()).select_from(Project))).scalar_one()


async def test_retry_with_same_key_returns_first_response(client, auth_for, session):
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "create-42"}
    before = await _count(session)
    first = await client.post(URL, json=project_body(), headers=headers)
    again = await client.post(URL, json=project_body(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"]
    assert await _count(session) == before + 1


async def test_same_key_other_body_is_refused(client, auth_for, session):
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "create-43"}
    await client.post(URL, json=project_body(), headers=headers)
    other = await client.post(URL, json=project_body(name="另一个项目"), headers=headers)
    assert_problem(other, 422, "idempotency_key_reused")


async def test_keys_belong_to_their_caller(client, auth_for):
    body = project_body()
    mine = await client.post(
        URL, json=body, headers={**await auth_for("yuhu"), "Idempotency-Key": "shared"}
    )
    theirs = await client.post(
        URL, json=body, headers={**await auth_for("yuetang"), "Idempotency-Key": "shared"}
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != mine.json()["id"]
    assert "idempotent-replayed" not in theirs.headers


async def test_request_still_running_answers_409(client, auth_for, session):
    headers = await auth_for("yuhu")
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    session.add(
        IdempotencyRecord(
            owner=f"access:{me['id']}", key="busy", method="POST", path=URL, request_hash="x"
        )
    )
    await session.flush()
    response = await client.post(
        URL, json=project_body(), headers={**headers, "Idempotency-Key": "busy"}
    )
    assert_problem(response, 422, "idempotency_key_reused")
    record = (
        await session.execute(select(IdempotencyRecord).where(IdempotencyRecord.key == "busy"))
    ).scalar_one()
    import hashlib
    import json

    body = json.dumps(project_body()).encode()
    record.request_hash = hashlib.sha256(b"\n".join([URL.encode(), b"", body])).hexdigest()
    await session.flush()
    response = await client.post(
        URL,
        content=body,
        headers={**headers, "Idempotency-Key": "busy", "Content-Type": "application/json"},
    )
    assert_problem(response, 409, "idempotency_in_progress")


async def test_validation_errors_are_replayed_too(client, auth_for):
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "bad-1"}
    first = await client.post(URL, json=project_body(planned_investment="-1"), headers=headers)
    again = await client.post(URL, json=project_body(planned_investment="-1"), headers=headers)
    assert first.status_code == again.status_code == 422 and again.json() == first.json()


async def test_keys_are_kept_for_a_day(client, auth_for, session):
    from datetime import timedelta

    from app.core.time import utcnow

    old = IdempotencyRecord(
        owner="access:someone",
        key="old",
        method="POST",
        path=URL,
        request_hash="x",
        status_code=201,
        created_at=utcnow() - timedelta(hours=25),
    )
    recent = IdempotencyRecord(
        owner="access:someone",
        key="recent",
        method="POST",
        path=URL,
        request_hash="x",
        status_code=201,
        created_at=utcnow() - timedelta(hours=23),
    )
    session.add_all([old, recent])
    await session.flush()
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "create-44"}
    assert (await client.post(URL, json=project_body(), headers=headers)).status_code == 201
    keys = set((await session.execute(select(IdempotencyRecord.key))).scalars())
    assert "old" not in keys and {"recent", "create-44"} <= keys


def _digest(body: bytes) -> str:
    import hashlib

    return hashlib.sha256(b"\n".join([URL.encode(), b"", body])).hexdigest()


async def _record(session, key: str) -> IdempotencyRecord | None:
    return (
        await session.execute(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
    ).scalar_one_or_none()


async def test_the_response_is_stored_with_the_write(client, auth_for, session):
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "together-1"}
    created = await client.post(URL, json=project_body(), headers=headers)
    assert created.status_code == 201
    record = await _record(session, "together-1")
    assert record is not None and record.status_code == 201
    assert record.response_body is not None and created.json()["id"] in record.response_body
    assert record.response_headers["location"] == created.headers["location"]
    assert await session.get(Project, uuid.UUID(created.json()["id"])) is not None


async def test_a_failed_commit_stores_nothing_and_the_retry_writes_once(client, auth_for, session):
    """The completed record is written by the request's own transaction: when its commit fails,
    neither the project nor the stored response exists, and the retry runs again."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    def note_the_project(s: Session, _context: object) -> None:
        if any(isinstance(o, Project) for o in s.new):
            s.info["wrote_project"] = True

    def fail_the_business_commit(s: Session) -> None:
        if s.info.get("wrote_project"):
            raise RuntimeError("the database went away")

    headers = {**await auth_for("yuhu"), "Idempotency-Key": "together-2"}
    before = await _count(session)
    event.listen(Session, "after_flush", note_the_project)
    event.listen(Session, "before_commit", fail_the_business_commit)
    try:
        failed = await client.post(URL, json=project_body(), headers=headers)
    finally:
        event.remove(Session, "before_commit", fail_the_business_commit)
        event.remove(Session, "after_flush", note_the_project)
    assert_problem(failed, 500, "internal_error")
    assert await _count(session) == before
    assert await _record(session, "together-2") is None

    retried = await client.post(URL, json=project_body(), headers=headers)
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert await _count(session) == before + 1
    assert (await _record(session, "together-2")).status_code == 201


@contextmanager
def dying_after_a_commit_of(state: Any, model: type) -> Iterator[dict[str, bool]]:
    """Emulates the process dying right after the commit of a transaction that wrote `model`:
    every session opened after that fails. Yields {"committed": …}."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    seen = {"committed": False}
    sessionmaker = state.sessionmaker

    def note_the_write(s: Session, _context: object) -> None:
        if any(isinstance(o, model) for o in s.new):
            s.info["wrote"] = True

    def note_the_commit(s: Session) -> None:
        seen["committed"] = seen["committed"] or bool(s.info.get("wrote"))

    def dead_after_the_commit() -> object:
        if seen["committed"]:
            raise RuntimeError("the process died")
        return sessionmaker()

    state.sessionmaker = dead_after_the_commit
    event.listen(Session, "after_flush", note_the_write)
    event.listen(Session, "after_commit", note_the_commit)
    try:
        yield seen
    finally:
        event.remove(Session, "after_commit", note_the_commit)
        event.remove(Session, "after_flush", note_the_write)
        state.sessionmaker = sessionmaker


async def test_nothing_after_the_commit_is_needed(client, auth_for, session, app):
    """Were the process to die right after the request's commit, the retry would still find
    the response: it is committed with the project, not stored afterwards."""
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "together-5"}
    before = await _count(session)
    with dying_after_a_commit_of(app.state, Project) as seen:
        first = await client.post(URL, json=project_body(), headers=headers)
    assert seen["committed"] and first.status_code == 201
    again = await client.post(URL, json=project_body(), headers=headers)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await _count(session) == before + 1


async def test_a_refused_request_stores_its_answer_and_writes_nothing(client, auth_for, session):
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "together-3"}
    before = await _count(session)
    refused = await client.post(URL, json=project_body(name=""), headers=headers)
    assert refused.status_code == 422
    assert (await _record(session, "together-3")).status_code == 422
    assert await _count(session) == before


async def test_a_request_that_lost_its_claim_rolls_back(client, auth_for, session, monkeypatch):
    """A request whose claim was taken over by a retry (see `_abandoned`): it can
    no longer store its response, and its write goes with it."""
    from sqlalchemy import delete

    from app.projects import service

    create = service.create

    async def create_and_lose_the_claim(db, principal, body):
        project = await create(db, principal, body)
        # What a retry taking the key over does, seen from this request.
        await db.execute(delete(IdempotencyRecord).where(IdempotencyRecord.key == "together-4"))
        return project

    monkeypatch.setattr(service, "create", create_and_lose_the_claim)
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "together-4"}
    before = await _count(session)
    response = await client.post(URL, json=project_body(), headers=headers)
    assert_problem(response, 409, "idempotency_in_progress")
    assert await _count(session) == before


async def test_an_abandoned_claim_is_taken_over(client, auth_for, session):
    from datetime import timedelta

    from app.core.time import utcnow

    headers = await auth_for("yuhu")
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    body = json.dumps(project_body()).encode()
    stale = IdempotencyRecord(
        owner=f"access:{me['id']}",
        key="abandoned",
        method="POST",
        path=URL,
        request_hash=_digest(body),
        # Older than CLAIM_GRACE, and held by no request of this process: its request died.
        created_at=utcnow() - timedelta(seconds=10),
    )
    session.add(stale)
    await session.flush()
    stale_id = stale.id
    before = await _count(session)
    response = await client.post(
        URL,
        content=body,
        headers={**headers, "Idempotency-Key": "abandoned", "Content-Type": "application/json"},
    )
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers
    assert await _count(session) == before + 1
    session.expunge_all()
    record = await _record(session, "abandoned")
    assert record.id != stale_id and record.status_code == 201


async def test_an_expired_key_is_not_replayed(client, auth_for, session):
    from datetime import timedelta

    from app.core.time import utcnow

    headers = await auth_for("yuhu")
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    session.add(
        IdempotencyRecord(
            owner=f"access:{me['id']}",
            key="expired",
            method="POST",
            path=URL,
            request_hash="x",
            status_code=201,
            response_body="{}",
            created_at=utcnow() - timedelta(hours=25),
        )
    )
    await session.flush()
    response = await client.post(
        URL, json=project_body(), headers={**headers, "Idempotency-Key": "expired"}
    )
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers


async def test_an_error_that_commits_stores_its_answer_in_the_same_commit(
    app, conn, settings, auth_for, session
):
    """An `AppError(commit=True)` keeps what the request wrote: its answer is committed with it."""
    from datetime import date

    import httpx
    from fastapi import APIRouter, FastAPI

    from app.auth.dependencies import SessionDep
    from app.core.errors import Conflict, install_error_handlers
    from app.core.idempotency import IdempotencyMiddleware, IdempotentRoute
    from app.models import CalendarOverride

    router = APIRouter(route_class=IdempotentRoute)

    @router.post("/api/v1/refused-but-kept")
    async def refused_but_kept(session: SessionDep) -> None:
        session.add(CalendarOverride(day=date(2099, 1, 2), is_working_day=True, name="保留"))
        await session.flush()
        raise Conflict("拒绝但保留", code="kept", commit=True)

    probe = FastAPI()
    probe.state.settings = settings
    probe.state.sessionmaker = app.state.sessionmaker
    install_error_handlers(probe)
    probe.include_router(router)
    probe.add_middleware(IdempotencyMiddleware)
    headers = {**await auth_for("yuhu"), "Idempotency-Key": "kept-1"}
    transport = httpx.ASGITransport(app=probe)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        with dying_after_a_commit_of(probe.state, CalendarOverride) as seen:
            first = await c.post("/api/v1/refused-but-kept", headers=headers)
        again = await c.post("/api/v1/refused-but-kept", headers=headers)
    assert seen["committed"]
    assert_problem(first, 409, "kept")
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert await session.get(CalendarOverride, date(2099, 1, 2)) is not None


def test_every_api_post_stores_its_answer_in_its_own_transaction(app):
    from fastapi.routing import iter_route_contexts

    from app.core.idempotency import IdempotentRoute

    posts = [
        r
        for r in iter_route_contexts(app.routes)
        if "POST" in (r.methods or ()) and (r.path or "").startswith("/api/")
    ]
    assert len(posts) > 30
    assert [r.path for r in posts if not isinstance(r.original_route, IdempotentRoute)] == []


async def test_concurrent_duplicates_write_once(live_app, settings):
    """Real connections: of ten copies of one request sent at once, one writes; the others are
    told it is in progress or get its response."""
    import asyncio

    import httpx

    from tests.conftest import bearer_for

    headers = {**await bearer_for(live_app, settings, "yuhu"), "Idempotency-Key": "same-time"}
    body = project_body(name="并发幂等项目")
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=120) as c:
        responses = await asyncio.gather(
            *[c.post(URL, json=body, headers=headers) for _ in range(10)]
        )
    written = [
        r for r in responses if r.status_code == 201 and "idempotent-replayed" not in r.headers
    ]
    assert len(written) == 1, [r.text for r in responses]
    for r in responses:
        if r is not written[0]:
            assert r.status_code == 409 or r.json() == written[0].json(), r.text
    async with live_app.state.sessionmaker() as s:
        ids = (await s.execute(select(Project.id).where(Project.name == body["name"]))).all()
    assert len(ids) == 1


async def test_a_claim_is_live_while_its_transaction_is(live_app, settings):
    """PostgreSQL: a claim whose request's transaction still runs answers 409 however old it
    is; the moment that transaction ends without a response (its process killed, its
    connection lost), the retry takes the key over."""
    from datetime import timedelta

    import httpx

    from app.core.time import utcnow
    from tests.conftest import bearer_for

    if live_app.state.engine.dialect.name != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite: test_an_abandoned_claim_is_taken_over)")
    headers = await bearer_for(live_app, settings, "yuhu")
    body = json.dumps(project_body(name="断线重试项目")).encode()
    async with live_app.state.sessionmaker() as s:
        user_id = (await s.execute(select(User.id).where(User.username == "yuhu"))).scalar_one()
        record = IdempotencyRecord(
            owner=f"access:{user_id}",
            key="held",
            method="POST",
            path=URL,
            request_hash=_digest(body),
            created_at=utcnow() - timedelta(minutes=30),
        )
        s.add(record)
        await s.commit()
    request = {**headers, "Idempotency-Key": "held", "Content-Type": "application/json"}
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        async with live_app.state.engine.connect() as holder:
            # What `Claim.hold` does in the request's transaction.
            await holder.execute(
                select(IdempotencyRecord.id)
                .where(IdempotencyRecord.id == record.id)
                .with_for_update()
            )
            assert_problem(await c.post(URL, content=body, headers=request), 409)
            await holder.rollback()  # the transaction ends, nothing stored
        retried = await c.post(URL, content=body, headers=request)
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
