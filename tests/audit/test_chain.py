"""The audit trail's hash chain: every line written through the API links to the line before it
in its stream, writers at the same moment (PostgreSQL) append to different streams without
waiting for each other, and a line changed or removed in the database itself, behind the
application's back, is named exactly by `python -m app.cli audit-verify` and by
`GET /audit-events/verify`."""

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import chain
from app.core.config import Settings
from app.core.db import create_engine
from app.core.principal import Principal
from app.main import create_app
from app.models import AuditChainHead, AuditEvent, User
from app.projects import service as projects_service
from tests.conftest import BACKEND, bearer_for, copy_database, drop_database
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import create_project

VERIFY = "/api/v1/audit-events/verify"
APPEND_ONLY = "audit_events is append-only"


async def _heads(session: AsyncSession) -> dict[int, tuple[int, str]]:
    rows = (await session.execute(select(AuditChainHead))).scalars().all()
    return {h.stream: (h.seq, h.hash) for h in rows}


async def test_lines_written_through_the_api_link_to_the_line_before(client, admin, session):
    before = await _heads(session)
    uid = await unit_id(client, admin, "rsj")
    for name in ("市人社局", "市人力资源和社会保障局"):
        etag = (await client.get(f"/api/v1/units/{uid}", headers=admin)).headers["etag"]
        response = await client.patch(
            f"/api/v1/units/{uid}", json={"name": name}, headers={**admin, "If-Match": etag}
        )
        assert response.status_code == 200, response.text

    after = await _heads(session)
    moved = {s for s in after if after[s] != before[s]}
    assert moved, "no head moved"
    new_lines = 0
    for stream in moved:
        first, last = before[stream][0], after[stream][0]
        lines = (
            (
                await session.execute(
                    select(AuditEvent)
                    .where(AuditEvent.stream == stream, AuditEvent.seq > first)
                    .order_by(AuditEvent.seq)
                )
            )
            .scalars()
            .all()
        )
        assert [line.seq for line in lines] == list(range(first + 1, last + 1))
        prev = before[stream][1]
        for line in lines:
            assert line.prev_hash == prev
            assert line.hash == chain.link_hash(prev, line)
            prev = line.hash
        assert prev == after[stream][1]
        new_lines += len(lines)
    renamed = (
        await session.execute(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "unit.update", AuditEvent.object_id == uid)
        )
    ).scalar_one()
    assert new_lines == renamed == 2

    response = await client.get(VERIFY, headers=admin)
    assert response.status_code == 200, response.text
    total = (await session.execute(select(func.count()).select_from(AuditEvent))).scalar_one()
    assert response.json() == {
        "ok": True,
        "streams": chain.STREAMS,
        "events": total,
        "summary": response.json()["summary"],
        "first_broken": None,
    }
    assert f"共 {total} 条记录" in response.json()["summary"]
    # Read a few lines at a time, the walk crosses many batches and finds the same.
    small = await chain.verify(session, batch=7)
    assert (small.ok, small.events) == (True, total)


async def test_verification_is_for_admins_only(client, auth_for):
    assert_problem(await client.get(VERIFY), 401)
    for username in ("supervisor", "coordinator"):
        assert_problem(await client.get(VERIFY, headers=await auth_for(username)), 403)


@pytest.fixture
async def live_client(live_app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_concurrent_writers_append_side_by_side_and_the_chain_holds(
    live_app, live_settings, live_client
):
    if live_app.state.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's writers take turns: there is no concurrent writer")
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    admin = await bearer_for(live_app, live_settings, "admin")
    projects = [await create_project(live_client, yuhu, name=f"并发审计项目{i}") for i in (1, 2)]
    sessionmaker = live_app.state.sessionmaker
    async with sessionmaker() as first, sessionmaker() as second:
        coordinator = (
            await first.execute(select(User).where(User.username == "coordinator"))
        ).scalar_one()
        principal = Principal.of_user(coordinator)

        async def mark_key(s: AsyncSession, project: dict) -> None:
            await projects_service.set_key(s, principal, uuid.UUID(project["id"]), True)
            await s.flush()

        # Two transactions each write an audit line and stay open, holding their streams …
        # (a writer waiting for another's stream would wait here for a commit that never comes:
        # the timeout turns that into a failure)
        for s, project in zip((first, second), projects, strict=True):
            await asyncio.wait_for(mark_key(s, project), timeout=30)
        held = [s.info[chain._HELD][1] for s in (first, second)]
        assert held[0] != held[1]
        # … and a third, through the API, commits meanwhile: nobody waits for anybody.
        quick = await asyncio.wait_for(
            create_project(live_client, yuhu, name="并发审计项目3"), timeout=30
        )
        await second.commit()
        await first.commit()

    async with sessionmaker() as s:
        quick_stream = (
            await s.execute(
                select(AuditEvent.stream).where(
                    AuditEvent.object_id == quick["id"], AuditEvent.action == "project.create"
                )
            )
        ).scalar_one()
    assert quick_stream not in held
    response = await live_client.get(VERIFY, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True, response.json()


# Tampering: each test on a database of its own, a copy of the seeded template, committed for
# real, so the command line sees what the API sees.


@pytest.fixture
async def own_db(template_database_url, tmp_path, settings) -> AsyncIterator[Settings]:
    url = copy_database(template_database_url, tmp_path, "_chain")
    yield settings.model_copy(update={"database_url": url})
    drop_database(url)


async def _tamper(settings: Settings, statement, trigger: str) -> None:
    """Runs `statement` with the append-only trigger `trigger` (update / delete) lifted, as
    someone with the database's owner rights could, then puts it back."""
    engine = create_engine(settings)
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.exec_driver_sql("ALTER TABLE audit_events DISABLE TRIGGER USER")
            await conn.execute(statement)
            await conn.exec_driver_sql("ALTER TABLE audit_events ENABLE TRIGGER USER")
        else:
            await conn.exec_driver_sql(f"DROP TRIGGER audit_events_no_{trigger}")
            await conn.execute(statement)
            await conn.exec_driver_sql(
                f"CREATE TRIGGER audit_events_no_{trigger} BEFORE {trigger.upper()} "
                f"ON audit_events BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    await engine.dispose()


async def _line_at(settings: Settings, where: str) -> tuple[uuid.UUID, int]:
    """The id and seq of stream 0's middle (`middle`) or last (`last`) line."""
    engine = create_engine(settings)
    async with engine.connect() as conn:
        top = (
            await conn.execute(select(func.max(AuditEvent.seq)).where(AuditEvent.stream == 0))
        ).scalar_one()
        assert top > 10  # the demo data wrote the trail
        seq = top // 2 + 1 if where == "middle" else top
        found = (
            await conn.execute(
                select(AuditEvent.id).where(AuditEvent.stream == 0, AuditEvent.seq == seq)
            )
        ).scalar_one()
    await engine.dispose()
    return found, seq


def _cli_verify(settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "APP_ENV": "test"}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "audit-verify"],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
    )


async def _api_verify(settings: Settings) -> dict:
    application = create_app(settings)
    try:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            admin = await bearer_for(application, settings, "admin")
            response = await c.get(VERIFY, headers=admin)
    finally:
        await application.state.engine.dispose()
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_intact_trail_verifies(own_db):
    result = _cli_verify(own_db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("审计日志完整") and len(result.stdout.splitlines()) == 1
    assert (await _api_verify(own_db))["ok"] is True


async def test_a_line_changed_behind_the_apps_back_is_named(own_db):
    target, seq = await _line_at(own_db, "middle")
    await _tamper(
        own_db,
        update(AuditEvent).where(AuditEvent.id == target).values(after={"name": "改过的名称"}),
        "update",
    )
    result = _cli_verify(own_db)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.strip() == (
        f"审计日志校验失败：链 0 第 {seq} 行（事件 {target}）：内容被改动。"
    )
    body = await _api_verify(own_db)
    assert body["ok"] is False
    assert body["events"] == seq - 1
    assert body["first_broken"] == {
        "event_id": str(target),
        "stream": 0,
        "seq": seq,
        "reason": "content_changed",
        "detail": "内容被改动",
    }


async def test_a_line_whose_hash_was_recomputed_breaks_the_next_link(own_db):
    target, seq = await _line_at(own_db, "middle")
    engine = create_engine(own_db)
    async with engine.connect() as conn:
        line = (await conn.execute(select(AuditEvent).where(AuditEvent.id == target))).one()
    await engine.dispose()
    forged = dict(line._asdict(), after={"name": "改过的名称"})
    forged_hash = chain.link_hash(line.prev_hash, SimpleNamespace(**forged))
    await _tamper(
        own_db,
        update(AuditEvent)
        .where(AuditEvent.id == target)
        .values(after=forged["after"], hash=forged_hash),
        "update",
    )
    body = await _api_verify(own_db)
    assert body["first_broken"]["seq"] == seq + 1
    assert body["first_broken"]["reason"] == "link_broken"
    assert f"链 0 第 {seq + 1} 行" in _cli_verify(own_db).stdout


async def test_a_line_deleted_is_found(own_db):
    target, seq = await _line_at(own_db, "middle")
    await _tamper(own_db, delete(AuditEvent).where(AuditEvent.id == target), "delete")
    engine = create_engine(own_db)
    async with engine.connect() as conn:
        following = (
            await conn.execute(
                select(AuditEvent.id).where(AuditEvent.stream == 0, AuditEvent.seq == seq + 1)
            )
        ).scalar_one()
    await engine.dispose()
    result = _cli_verify(own_db)
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"审计日志校验失败：链 0 第 {seq + 1} 行（事件 {following}）："
        f"前面的记录缺失（第 {seq} 行被删除）。"
    )
    broken = (await _api_verify(own_db))["first_broken"]
    assert (broken["event_id"], broken["seq"], broken["reason"]) == (
        str(following),
        seq + 1,
        "missing_line",
    )


async def test_the_last_line_deleted_is_found_by_the_head(own_db):
    target, seq = await _line_at(own_db, "last")
    await _tamper(own_db, delete(AuditEvent).where(AuditEvent.id == target), "delete")
    result = _cli_verify(own_db)
    assert result.returncode == 1
    assert f"链 0 第 {seq - 1} 行" in result.stdout and "末尾记录被删除" in result.stdout
    broken = (await _api_verify(own_db))["first_broken"]
    assert (broken["seq"], broken["reason"]) == (seq - 1, "head_mismatch")
