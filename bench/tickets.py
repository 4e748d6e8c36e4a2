"""Service tickets at 1,000,000 and 2,000,000 rows: the escalation job and the to-do list.

    backend/.venv/bin/python bench/tickets.py [--closed 970000] [--open 30000] [--late 200]

Builds `zst_bench_tickets` (real migrations and demo seed), COPYs the open tickets and the
closed ones, then measures with the app's own code on PostgreSQL:

- the escalation job (`app.jobs.escalation.run`) — each run inside a transaction that is rolled
  back, so every run sees the same late tickets and does the same work;
- the to-do list and its counts as a department officer and the coordinator sign in to see them
  (`GET /api/v1/tickets?mine=true&sort=due_date`, `GET /api/v1/tickets/todo-summary`), in process
  through httpx's ASGI transport;
- `EXPLAIN (ANALYZE, BUFFERS)` of the statements those requests send.

Then it adds as many closed tickets again and measures once more: neither number may grow with
the closed tickets (the open set is identical in both rounds).
"""

import argparse
import asyncio
import functools
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_projects import PG, app_cli, recreate

from app.core.calendar import WorkCalendar, business_today
from app.core.config import Settings
from app.core.security import create_token
from app.jobs import escalation
from app.main import create_app

DB = "zst_bench_tickets"
COLUMNS = [
    "id", "version", "created_at", "updated_at", "code", "project_id", "category", "title",
    "description", "urgency", "source", "state", "requester_id", "requester_name",
    "requester_unit_id", "lead_department_id", "assigned_at", "assigned_on", "due_date",
    "accepted_at", "resolved_at", "resolution", "closed_at", "satisfaction",
    "satisfaction_comment", "return_count", "escalation_level", "escalated_on",
    "last_nudged_at", "due_soon_notified", "resolved_on", "working_days_taken",
]  # fmt: skip
CALENDAR = WorkCalendar()
# Closed tickets take a fixed number of days, so a few thousand distinct spans cover them all.
working_days = functools.lru_cache(maxsize=None)(CALENDAR.working_days_between)
CATEGORIES = ["land", "planning", "environment", "construction-permit", "utilities", "labour"]


async def refs(conn: asyncpg.Connection) -> dict:
    units = {r["code"]: r["id"] for r in await conn.fetch("SELECT code, id FROM units")}
    departments = [
        r["id"] for r in await conn.fetch("SELECT id FROM units WHERE kind = 'department'")
    ]
    projects = await conn.fetch("SELECT id, owner_unit_id FROM projects")
    requester = await conn.fetchrow("SELECT id, full_name FROM users WHERE username = 'yuhu'")
    return {
        "units": units,
        "departments": departments,
        "projects": [(p["id"], p["owner_unit_id"]) for p in projects],
        "requester": requester,
    }


def ticket(n: int, rng: random.Random, ref: dict, today: date, kind: str) -> tuple:
    """One row: `kind` is open, late or closed."""
    now = datetime.now(UTC)
    project_id, unit_id = rng.choice(ref["projects"])
    department = ref["units"]["zrzy"] if n % 10 == 0 else rng.choice(ref["departments"])
    if kind == "closed":
        due = today - timedelta(days=rng.randint(20, 3 * 365))
        state = "closed" if n % 20 else "cancelled"
    elif kind == "late":
        due, state = today - timedelta(days=10), "in_progress"
    else:
        due = today + timedelta(days=rng.randint(0, 25))
        state = rng.choice(["accepted", "in_progress", "in_progress"])
    assigned_on = due - timedelta(days=14)
    if kind == "open" and n % 7 == 0:
        state, assigned_on = "assigned", today - timedelta(days=1)
    created = datetime.combine(assigned_on, datetime.min.time(), UTC) - timedelta(hours=3)
    closed = created + timedelta(days=12) if kind == "closed" else None
    resolved_on = business_today(closed) if closed else None
    return (
        uuid.uuid4(), 1, created, closed or now, f"BX-{n:08d}", project_id,
        rng.choice(CATEGORIES), f"压测事项{n}", "压测数据", "normal", "service_request", state,
        ref["requester"]["id"], ref["requester"]["full_name"], unit_id, department,
        created, assigned_on, due, created if state != "assigned" else None,
        closed, "已办结" if closed else None, closed if state == "closed" else None,
        5 if state == "closed" else None, None, 0, 0, None, None, False,
        resolved_on, working_days(assigned_on, resolved_on) if closed else None,
    )  # fmt: skip


async def load(dsn: str, kinds: list[tuple[str, int]], start: int, seed: int) -> int:
    conn = await asyncpg.connect(dsn)
    ref, today, rng = await refs(conn), business_today(), random.Random(seed)
    n = start
    for kind, count in kinds:
        for offset in range(0, count, 50_000):
            batch = [
                ticket(n + i, rng, ref, today, kind) for i in range(min(50_000, count - offset))
            ]
            await conn.copy_records_to_table("tickets", records=batch, columns=COLUMNS)
            n += len(batch)
    await conn.execute("VACUUM ANALYZE tickets")
    await conn.close()
    return n


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


async def measure(settings: Settings, dsn: str, requests: int) -> dict:
    app = create_app(settings)
    statements: list[tuple[str, tuple]] = []

    @event.listens_for(app.state.engine.sync_engine, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    result: dict = {}
    job_times = []
    for _ in range(5):
        async with app.state.sessionmaker() as session:
            await session.begin()
            began = time.perf_counter()
            run = await escalation.run(session, settings)
            job_times.append((time.perf_counter() - began) * 1000)
            await session.rollback()
    result["job_ms"] = statistics.median(job_times)
    result["escalated"] = run.escalated

    conn = await asyncpg.connect(dsn)
    people = {
        r["username"]: r
        for r in await conn.fetch(
            "SELECT username, id, token_version FROM users WHERE username IN ('zrzy','coordinator')"
        )
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for who in ("zrzy", "coordinator"):
            token, _ = create_token(
                settings, subject=str(people[who]["id"]), token_type="access",
                version=people[who]["token_version"],
            )  # fmt: skip
            headers = {"Authorization": f"Bearer {token}"}
            for name, path in (
                ("todo list", "/api/v1/tickets?mine=true&sort=due_date&limit=50"),
                ("todo counts", "/api/v1/tickets/todo-summary"),
            ):
                samples = []
                for _ in range(requests):
                    began = time.perf_counter()
                    response = await client.get(path, headers=headers)
                    samples.append((time.perf_counter() - began) * 1000)
                    assert response.status_code == 200, response.text
                result[f"{who} {name}"] = percentiles(samples)
                statements.clear()
                await client.get(path, headers=headers)
                result[f"plan {who} {name}"] = await explain(conn, statements)
    await conn.close()
    await app.state.engine.dispose()
    return result


async def explain(conn: asyncpg.Connection, statements: list[tuple[str, tuple]]) -> str:
    plans = []
    for sql, params in statements:
        if "FROM tickets" not in sql:
            continue
        rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", *params)
        plans.append("\n".join(r[0] for r in rows))
    return "\n\n".join(plans)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--closed", type=int, default=970_000)
    parser.add_argument("--open", type=int, default=30_000)
    parser.add_argument("--late", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    url = f"postgresql+asyncpg://{PG.split('://', 1)[1]}/{DB}"
    dsn = f"{PG}/{DB}"
    await recreate(DB)
    app_cli(DB, "migrate")
    app_cli(DB, "seed")
    settings = Settings(
        app_env="test", database_url=url, jwt_secret=os.urandom(48).hex(),
        escalation_interval_seconds=0,
    )  # fmt: skip
    began = time.perf_counter()
    n = await load(dsn, [("late", args.late), ("open", args.open), ("closed", args.closed)], 0, 1)
    print(f"loaded {n:,} tickets in {time.perf_counter() - began:.0f} s", flush=True)
    rounds = [(n, await measure(settings, dsn, args.requests))]
    began = time.perf_counter()
    n = await load(dsn, [("closed", args.closed + args.open + args.late)], n, 2)
    print(f"loaded up to {n:,} tickets in {time.perf_counter() - began:.0f} s", flush=True)
    rounds.append((n, await measure(settings, dsn, args.requests)))
    report(rounds, args)


def report(rounds: list[tuple[int, dict]], args: argparse.Namespace) -> None:
    lines = [
        f"# Tickets bench — {datetime.now(UTC):%Y-%m-%d}, open {args.open:,}, late {args.late}",
        "",
        "| tickets | escalation job (ms, median of 5) | escalated per run | "
        "zrzy 待办 p50/p99 ms | zrzy counts p50/p99 | coordinator 待办 p50/p99 | "
        "coordinator counts p50/p99 |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for total, r in rounds:
        cells = [
            f"{r[k][0]:.1f} / {r[k][1]:.1f}"
            for k in (
                "zrzy todo list", "zrzy todo counts",
                "coordinator todo list", "coordinator todo counts",
            )
        ]  # fmt: skip
        lines.append(
            f"| {total:,} | {r['job_ms']:.0f} | {r['escalated']} | " + " | ".join(cells) + " |"
        )
    lines += ["", "## Plans at the larger size", ""]
    for key, value in rounds[-1][1].items():
        if key.startswith("plan "):
            lines += [f"### {key[5:]}", "", "```", value, "```", ""]
    out = Path(__file__).parent / "results" / f"tickets-{datetime.now(UTC):%Y-%m-%d}.md"
    out.write_text("\n".join(lines))
    print("\n".join(lines[:8]))
    print(f"written to {out}")


if __name__ == "__main__":
    asyncio.run(main())
