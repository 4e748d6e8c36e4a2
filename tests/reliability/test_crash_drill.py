"""Crash mid-write: four clients create projects and tickets and assign them (交办, which issues
a numbered letter) with Idempotency-Keys while the API process is killed (SIGKILL) and started
again, over and over. Every client retries each write until it is acknowledged, and signs in
again after each crash (the four at once, as one account). Afterwards every acknowledged write
exists exactly once, the codes and letter numbers are gap-free and the audit trail holds exactly
one line per write. The numbers are printed for docs/operations.md."""

import asyncio
import random
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.idempotency import CLAIM_GRACE
from app.models import AuditEvent, Letter, Project, Ticket
from tests.helpers import bearer, login, unit_id
from tests.live_server import Backend, prepared_database
from tests.projects.factories import project_body

CLIENTS = 4
WRITES_PER_CLIENT = 8  # each a project, a ticket on it and its 交办
KILLS = 3


class Drill:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.up = asyncio.Event()
        self.up.set()
        self.retries = 0
        self.in_progress = 0
        self.longest_in_progress = 0.0
        self.sign_ins = 0
        self.pending = 0  # keyed requests sent and not yet answered
        self.acknowledged = 0
        self.lead = ""  # the department every ticket is assigned to (市自然资源和规划局)

    async def sign_in(self, client: httpx.AsyncClient, username: str) -> dict[str, str]:
        while True:
            await self.up.wait()
            try:
                answer = await login(client, username)
            except httpx.TransportError:
                await asyncio.sleep(0.2)
                continue
            # Sign-ins of one account at the same moment must all succeed (no 500).
            assert answer.status_code == 200, answer.text
            self.sign_ins += 1
            return bearer(answer.json()["access_token"])

    async def write(
        self,
        client: httpx.AsyncClient,
        auth: dict[str, dict[str, str]],
        who: str,
        url: str,
        body: dict,
    ) -> dict:
        """POSTs until acknowledged, with one key, as a careful client does."""
        key = str(uuid.uuid4())
        waiting_since: float | None = None
        while True:
            await self.up.wait()
            self.pending += 1
            try:
                answer = await client.post(
                    url, json=body, headers={**auth[who], "Idempotency-Key": key}
                )
            except httpx.TransportError:
                self.pending -= 1
                self.retries += 1
                await asyncio.sleep(0.1)
                # The process died under the request: sign in again, as after a crash.
                auth[who] = await self.sign_in(client, who)
                continue
            self.pending -= 1
            if answer.status_code == 201:
                self.acknowledged += 1
                return answer.json()
            if answer.status_code == 409 and answer.json()["code"] == "idempotency_in_progress":
                # The key's claim is held by a request that died with the process: it must
                # be free again within CLAIM_GRACE, not after a timeout of minutes or a day.
                self.in_progress += 1
                waiting_since = waiting_since or time.monotonic()
                waited = time.monotonic() - waiting_since
                self.longest_in_progress = max(self.longest_in_progress, waited)
                assert waited < CLAIM_GRACE.total_seconds() + 2, f"{url}: 409 for {waited} s"
                await asyncio.sleep(0.2)
                continue
            if answer.status_code in (502, 503):
                self.retries += 1
                await asyncio.sleep(0.2)
                continue
            raise AssertionError(f"{url}: {answer.status_code} {answer.text}")

    async def client(self, n: int) -> list[tuple[dict, dict]]:
        done: list[tuple[dict, dict]] = []
        async with httpx.AsyncClient(base_url=self.backend.url, timeout=30) as client:
            auth = {who: await self.sign_in(client, who) for who in ("yuhu", "coordinator")}
            for i in range(WRITES_PER_CLIENT):
                body = project_body(name=f"演练项目-{n}-{i}")
                project = await self.write(client, auth, "yuhu", "/api/v1/projects", body)
                ticket = await self.write(
                    client,
                    auth,
                    "yuhu",
                    "/api/v1/tickets",
                    {
                        "project_id": project["id"],
                        "category": "land",
                        "title": f"演练事项-{n}-{i}",
                        "description": "用地指标协调",
                        "urgency": "normal",
                    },
                )
                # 交办: the coordinator assigns it, which issues a numbered 交办函.
                await self.write(
                    client,
                    auth,
                    "coordinator",
                    f"/api/v1/tickets/{ticket['id']}/transitions",
                    {
                        "expected_state": "submitted",
                        "to_state": "assigned",
                        "lead_department_id": self.lead,
                        "co_department_ids": [],
                    },
                )
                done.append((project, ticket))
        return done

    async def killer(self, finished: asyncio.Event) -> list[float]:
        """Kills the API at random moments while the clients write; each restart's seconds."""
        restarts: list[float] = []
        rng = random.Random(16)
        while len(restarts) < KILLS and not finished.is_set():
            # Some progress since the last restart, then a kill while writes are in flight.
            progress = self.acknowledged + 4
            while (self.acknowledged < progress or self.pending < 2) and not finished.is_set():  # noqa: ASYNC110 - two counters
                await asyncio.sleep(0.005)
            await asyncio.sleep(rng.uniform(0, 0.03))
            self.up.clear()
            self.backend.kill()
            started = time.monotonic()
            await asyncio.to_thread(self.backend.start)
            restarts.append(time.monotonic() - started)
            self.up.set()
        return restarts


async def test_sigkill_during_keyed_writes_loses_and_doubles_nothing(tmp_path: Path):
    env = prepared_database(tmp_path, "_crash")
    backend = Backend(env, tmp_path / "server.log")
    backend.start()
    drill = Drill(backend)
    # Looked up before any kill: the drill's retries cover its writes and sign-ins only.
    async with httpx.AsyncClient(base_url=backend.url, timeout=30) as client:
        drill.lead = await unit_id(client, await drill.sign_in(client, "coordinator"), "zrzy")
    finished = asyncio.Event()
    try:
        killer = asyncio.create_task(drill.killer(finished))
        results = await asyncio.gather(*(drill.client(n) for n in range(CLIENTS)))
        finished.set()
        restarts = await killer
    finally:
        backend.stop()

    acknowledged = [pair for client in results for pair in client]
    assert len(acknowledged) == CLIENTS * WRITES_PER_CLIENT
    assert len(restarts) >= 2, "the clients finished before the API was killed twice"

    engine = create_async_engine(env["DATABASE_URL"])
    try:
        async with engine.connect() as db:
            projects = (
                await db.execute(
                    select(Project.id, Project.code).where(Project.name.like("演练项目-%"))
                )
            ).all()
            tickets = (
                await db.execute(
                    select(Ticket.id, Ticket.code).where(Ticket.title.like("演练事项-%"))
                )
            ).all()
            letters = (
                await db.execute(
                    select(Letter.ticket_id, Letter.serial).where(
                        Letter.kind == "assignment",
                        Letter.ticket_id.in_(
                            select(Ticket.id).where(Ticket.title.like("演练事项-%"))
                        ),
                    )
                )
            ).all()
            audited = (
                await db.execute(
                    select(AuditEvent.action, AuditEvent.object_id).where(
                        AuditEvent.action.in_(["project.create", "ticket.create"])
                    )
                )
            ).all()
    finally:
        await engine.dispose()

    # Each acknowledged write exists exactly once; nothing else was written.
    assert sorted(str(p.id) for p in projects) == sorted(p["id"] for p, _ in acknowledged)
    assert sorted(str(t.id) for t in tickets) == sorted(t["id"] for _, t in acknowledged)
    assert {p.code for p in projects} == {p["code"] for p, _ in acknowledged}
    # No number missing or doubled: the drill's codes are one unbroken run.
    for rows in (projects, tickets):
        numbers = sorted(int(r.code.rsplit("-", 1)[1]) for r in rows)
        assert numbers == list(range(numbers[0], numbers[0] + len(rows)))
    # One 交办函 per ticket, its numbers one unbroken run.
    assert sorted(str(t) for t, _ in letters) == sorted(str(t.id) for t in tickets)
    serials = sorted(serial for _, serial in letters)
    assert serials == list(range(serials[0], serials[0] + len(serials)))
    # One audit line per write.
    ids = {str(p.id) for p in projects} | {str(t.id) for t in tickets}
    lines = [a.object_id for a in audited if a.object_id in ids]
    assert sorted(lines) == sorted(ids)

    print(
        f"\ncrash drill: {len(restarts)} SIGKILLs, restart {max(restarts):.1f} s at most; "
        f"{3 * len(acknowledged)} writes acknowledged, lost 0, duplicates 0; "
        f"{drill.retries} retries after a dropped connection, "
        f"{drill.in_progress} answers 'in progress' (longest wait "
        f"{drill.longest_in_progress:.1f} s), {drill.sign_ins} sign-ins"
    )
