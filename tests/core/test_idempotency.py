from sqlalchemy import func, select

from app.models import IdempotencyRecord, Project
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
