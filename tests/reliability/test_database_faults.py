"""The database failing under the API: every connection busy, a statement stuck behind a lock,
the database going away and coming back. Each answers 503 problem+json with Retry-After within
its bound — never a hang, never a 500 with a trace — and the API recovers by itself."""

import asyncio
import signal
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.main import create_app
from tests.conftest import bearer_for
from tests.helpers import assert_problem, bearer, tokens
from tests.live_server import Backend, free_port, prepared_database
from tests.projects.factories import create_project
from tests.reliability.proxy import TcpProxy

PROJECTS = "/api/v1/projects"


def _postgres(url: str) -> bool:
    return url.startswith("postgresql")


async def test_every_connection_busy_is_503_within_the_pool_timeout(live_settings):
    settings = live_settings.model_copy(
        update={"database_pool_size": 2, "database_pool_timeout_seconds": 1}
    )
    app = create_app(settings)
    try:
        headers = await bearer_for(app, settings, "yuhu")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            # Each checks a connection out of the pool and keeps it.
            held = [await app.state.engine.connect() for _ in range(2)]
            started = time.monotonic()
            busy = await client.get(PROJECTS, headers=headers)
            waited = time.monotonic() - started
            body = assert_problem(busy, 503, "database_busy")
            assert busy.headers["retry-after"] == "2"
            assert "稍后重试" in body["detail"] and "Traceback" not in busy.text
            assert 1 <= waited < 3, waited  # the pool timeout, not a hang
            # A write is refused the same way, and writes nothing.
            refused = await client.post(
                PROJECTS, json={"name": "排队的项目"}, headers={**headers, "Idempotency-Key": "k1"}
            )
            assert_problem(refused, 503, "database_busy")
            for conn in held:
                await conn.close()
            assert (await client.get(PROJECTS, headers=headers)).status_code == 200
    finally:
        await app.state.engine.dispose()


async def test_a_statement_stuck_behind_a_lock_is_cancelled(live_settings):
    if not _postgres(live_settings.database_url):
        pytest.skip("statement_timeout: PostgreSQL")
    settings = live_settings.model_copy(update={"database_statement_timeout_ms": 500})
    app = create_app(settings)
    try:
        headers = await bearer_for(app, settings, "yuhu")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            project = await create_project(client, headers, name="被锁住的项目")
            url = f"{PROJECTS}/{project['id']}"
            etag = (await client.get(url, headers=headers)).headers["etag"]
            change = {"name": "锁释放后改名"}
            async with app.state.engine.connect() as other:  # someone else's long transaction
                await other.execute(
                    text("SELECT id FROM projects WHERE id = :id FOR UPDATE"),
                    {"id": project["id"]},
                )
                started = time.monotonic()
                stuck = await client.patch(url, json=change, headers={**headers, "If-Match": etag})
                waited = time.monotonic() - started
                assert_problem(stuck, 503, "database_timeout")
                assert stuck.headers["retry-after"] == "2"
                assert waited < 3, waited
                await other.rollback()
            again = await client.patch(url, json=change, headers={**headers, "If-Match": etag})
            assert again.status_code == 200, again.text
    finally:
        await app.state.engine.dispose()


async def test_the_database_going_away_and_coming_back(tmp_path: Path):
    """A real API process whose database (behind a proxy) goes away under load: 503 and /readyz
    503 at once while it is away, and answers again by itself once it is back."""
    env = prepared_database(tmp_path, "_away")
    if not _postgres(env["DATABASE_URL"]):
        pytest.skip("a database server to lose: PostgreSQL (SQLite is a file in the process)")
    url = make_url(env["DATABASE_URL"])
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432, free_port())
    await proxy.up()
    backend = Backend(
        {**env, "DATABASE_URL": url.set(port=proxy.port).render_as_string(hide_password=False)},
        tmp_path / "server.log",
    )
    await asyncio.to_thread(backend.start)
    try:
        async with httpx.AsyncClient(base_url=backend.url, timeout=30) as client:
            headers = bearer((await tokens(client, "yuhu"))["access_token"])
            assert (await client.get(PROJECTS, headers=headers)).status_code == 200
            assert (await client.get("/readyz")).status_code == 200

            await proxy.down()
            for path in (PROJECTS, f"{PROJECTS}?stage=signed"):
                started = time.monotonic()
                away = await client.get(path, headers=headers)
                assert time.monotonic() - started < 6
                assert_problem(away, 503, "database_unavailable")
                assert away.headers["retry-after"] == "5" and "Traceback" not in away.text
            assert_problem(await client.get("/readyz"), 503, "database_unavailable")
            assert (await client.get("/healthz")).status_code == 200  # the process lives on

            await proxy.up()
            back = time.monotonic()
            while (await client.get(PROJECTS, headers=headers)).status_code != 200:
                assert time.monotonic() - back < 10, "no recovery within 10 s"
                await asyncio.sleep(0.2)
            recovered = time.monotonic() - back
            assert (await client.get("/readyz")).status_code == 200
            created = await create_project(client, headers, name="恢复后新建的项目")
            assert created["code"]
        print(f"\ndatabase away and back: recovered {recovered:.2f} s after it returned")
    finally:
        backend.stop()
        if proxy.server is not None:
            await proxy.down()


async def test_sigterm_lets_the_request_in_flight_finish(tmp_path: Path):
    """A supervisor stopping the API (SIGTERM) while a write waits on the database: the write
    completes and is answered, then the process exits cleanly."""
    # No in-process jobs: the drill is about the request in flight.
    env = prepared_database(tmp_path, "_term", {"WEBHOOK_INTERVAL_SECONDS": "0"})
    backend = Backend(env, tmp_path / "server.log")
    await asyncio.to_thread(backend.start)
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(env["DATABASE_URL"])
    try:
        async with httpx.AsyncClient(base_url=backend.url, timeout=60) as client:
            headers = bearer((await tokens(client, "yuhu"))["access_token"])
            project = await create_project(client, headers, name="停机时修改的项目")
            url = f"{PROJECTS}/{project['id']}"
            etag = (await client.get(url, headers=headers)).headers["etag"]
            async with engine.connect() as other:
                # Hold the write back: a row lock (PostgreSQL) or the file's write lock (SQLite).
                if _postgres(env["DATABASE_URL"]):
                    await other.execute(
                        text("SELECT id FROM projects WHERE id = :id FOR UPDATE"),
                        {"id": project["id"]},
                    )
                else:
                    await other.exec_driver_sql("BEGIN IMMEDIATE")
                write = asyncio.create_task(
                    client.patch(
                        url,
                        json={"name": "停机前改好的名字"},
                        headers={**headers, "If-Match": etag},
                    )
                )
                await asyncio.sleep(1)
                assert not write.done()
                assert backend.process is not None
                backend.process.terminate()  # SIGTERM
                await asyncio.sleep(1)
                assert backend.process.poll() is None  # waiting for the request
                await other.rollback()
            answer = await write
            assert answer.status_code == 200, answer.text
            code = await asyncio.to_thread(backend.process.wait, 15)
            # uvicorn finishes its shutdown, then ends by the signal it caught.
            assert code in (0, -signal.SIGTERM)
            log = backend.log_path.read_text()
            assert "Application shutdown complete" in log and "Traceback" not in log
        async with engine.connect() as db:
            name = (
                await db.execute(
                    text("SELECT name FROM projects WHERE code = :code"), {"code": project["code"]}
                )
            ).scalar_one()
        assert name == "停机前改好的名字"
    finally:
        backend.stop()
        await engine.dispose()
