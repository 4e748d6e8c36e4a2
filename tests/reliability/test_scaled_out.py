"""A deployment scaled out (PostgreSQL): two API processes and two job runners
(`app.cli jobs`) on one database, as docker-compose.yml runs them, while people write through
both APIs. Every scheduled effect happens once: each overdue ticket is escalated once with one
letter, each reminder and notice is sent once, each webhook event is delivered once."""

import asyncio
import subprocess
import time
from collections import Counter
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.calendar import business_today
from app.models import Escalation, Letter, Notification, Ticket
from tests.conftest import BACKEND
from tests.helpers import bearer, tokens
from tests.live_server import Backend, backend_python, prepared_database
from tests.projects.factories import create_project
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import partner, subscribe

PROJECTS = 5  # created through each API process


def _job_runner(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        return subprocess.Popen(
            [backend_python(), "-m", "app.cli", "jobs"],
            cwd=BACKEND,
            env={**env, "ESCALATION_INTERVAL_SECONDS": "1", "WEBHOOK_INTERVAL_SECONDS": "0.3"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def test_two_apis_and_two_job_runners_do_every_job_once(tmp_path: Path):
    env = prepared_database(tmp_path, "_pair", {"WEBHOOK_INTERVAL_SECONDS": "0"})
    if not env["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("several processes share one PostgreSQL; the embedded SQLite has one writer")
    engine = create_async_engine(env["DATABASE_URL"])
    today = business_today()
    # Days pass: three open tickets are long overdue and three are due tomorrow.
    async with engine.begin() as db:
        open_ids = (
            (
                await db.execute(
                    select(Ticket.id)
                    .where(
                        Ticket.state.in_(["assigned", "accepted", "in_progress"]),
                        Ticket.escalation_level == 0,
                    )
                    .order_by(Ticket.code)
                    .limit(6)
                )
            )
            .scalars()
            .all()
        )
        assert len(open_ids) == 6
        late, soon = open_ids[:3], open_ids[3:]
        await db.execute(
            update(Ticket).where(Ticket.id.in_(late)).values(due_date=today - timedelta(days=20))
        )
        await db.execute(
            update(Ticket)
            .where(Ticket.id.in_(soon))
            .values(due_date=today + timedelta(days=1), due_soon_notified=False)
        )
        started_at = (await db.execute(text("SELECT now()"))).scalar_one()

    receiver = Receiver()
    await receiver.start()
    with ExitStack() as stack:
        apis = [Backend(env, tmp_path / f"api{n}.log") for n in (1, 2)]
        for api in apis:
            await asyncio.to_thread(api.start)
            stack.callback(api.stop)
        async with httpx.AsyncClient(base_url=apis[0].url, timeout=30) as one:
            admin = bearer((await tokens(one, "admin"))["access_token"])
            _, partner_headers = await partner(
                one, admin, scopes=("projects:read", "webhooks:manage")
            )
            await subscribe(one, partner_headers, receiver.url, ["project.created"])
        runners = [_job_runner(env, tmp_path / f"jobs{n}.log") for n in (1, 2)]
        for runner in runners:
            stack.callback(runner.wait, 15)
            stack.callback(runner.terminate)

        created: list[str] = []
        async with (
            httpx.AsyncClient(base_url=apis[0].url, timeout=30) as one,
            httpx.AsyncClient(base_url=apis[1].url, timeout=30) as two,
        ):
            heads = [
                bearer((await tokens(one, "yuhu"))["access_token"]),
                bearer((await tokens(two, "yuhu"))["access_token"]),
            ]
            for i in range(PROJECTS):
                for client, headers in zip((one, two), heads, strict=True):
                    project = await create_project(client, headers, name=f"扩容演练-{i}")
                    created.append(project["id"])
        deadline = time.monotonic() + 60
        while {m.payload["data"]["id"] for m in receiver.messages} < set(created):
            assert time.monotonic() < deadline, "not every event was delivered within 60 s"
            await asyncio.sleep(0.2)
        await asyncio.sleep(3)  # several more rounds of both runners: nothing more may happen
        assert all(r.poll() is None for r in runners), "a job runner died"
    await receiver.stop()

    # Each webhook event delivered once (the same webhook-id never twice).
    ids = Counter(m.headers["webhook-id"] for m in receiver.messages)
    assert set(ids.values()) == {1}
    assert sorted(m.payload["data"]["id"] for m in receiver.messages) == sorted(created)

    async with engine.connect() as db:
        escalations = (
            (await db.execute(select(Escalation.ticket_id).where(Escalation.ticket_id.in_(late))))
            .scalars()
            .all()
        )
        letters = (
            await db.execute(
                select(Letter.ticket_id, Letter.number).where(
                    Letter.ticket_id.in_(late), Letter.kind == "supervision"
                )
            )
        ).all()
        notices = (
            await db.execute(
                select(
                    Notification.user_id,
                    Notification.kind,
                    Notification.ticket_id,
                    Notification.link,
                    Notification.body,
                ).where(Notification.created_at >= started_at)
            )
        ).all()
    await engine.dispose()
    assert sorted(escalations) == sorted(late)  # once each, level 1
    assert sorted(t for t, _ in letters) == sorted(late)
    assert len({n for _, n in letters}) == len(late)
    # Every notice of the drill (督办, coming due, new-period reminders...) went out once.
    repeated = [n for n, count in Counter(notices).items() if count > 1]
    assert repeated == []
    kinds = Counter(n.kind for n in notices)
    assert kinds["escalated"] >= len(late) and kinds["due_soon"] >= 1, kinds
    print(
        f"\nscaled out: 2 APIs + 2 job runners; {len(created)} webhook events delivered once "
        f"each; {len(escalations)} escalations, {len(letters)} letters; notices {dict(kinds)}"
    )
