"""The dashboard's statistics at 100,000 projects and 1,000,000 tickets, at 8 connections.

    backend/.venv/bin/python bench/stats.py --seed      # build zst_bench_stats (~2 min)
    backend/.venv/bin/python bench/stats.py [--duration 10] [--warmup 3] [--conns 8]
    backend/.venv/bin/python bench/stats.py --only tickets/departments   # some requests, printed

`--seed` drops and recreates `zst_bench_stats`: real migrations and demo seed, 100,000 projects
with history and 60 leaders (bench/seed_projects.py), then 970,000 closed, 30,000 open and 200
late tickets (bench/tickets.py) over those projects, a co-handling department on one ticket in
five, and the per-day resolution rollup rebuilt from the tickets (as the demo does).

The run starts the app with uvicorn (1 worker, production settings), drives every dashboard
request with wrk as the coordinator (the whole city, the heaviest scope) and some as a district
officer (yuhu) and a department officer (zrzy), and writes bench/results/<date>-stats.md with
the numbers and EXPLAIN (ANALYZE, BUFFERS) of every statement each request sends.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import event

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "backend"))
sys.path.insert(0, str(BENCH))

import seed_projects  # noqa: E402
import tickets as ticket_bench  # noqa: E402
from run import LUA, cpu_seconds, start, wrk  # noqa: E402

from app.core.config import Settings  # noqa: E402
from app.core.security import create_token  # noqa: E402
from app.main import create_app  # noqa: E402
from app.tickets import open_handlers, resolutions  # noqa: E402

DB = "zst_bench_stats"
PG = seed_projects.PG
BASE = "http://127.0.0.1:8111"
STATS = "/api/v1/stats"
CO_HANDLERS = """
INSERT INTO ticket_co_handlers (ticket_id, unit_id)
SELECT t.id, d.id
FROM tickets t
JOIN LATERAL (
    SELECT u.id FROM units u
    WHERE u.kind = 'department' AND u.id <> t.lead_department_id
    ORDER BY md5(t.code || u.code) LIMIT 1
) d ON true
WHERE t.code LIKE 'BX-%' AND abs(hashtext(t.code)) % 5 = 0
"""


def scenarios(unit: str, only: str | None = None) -> dict[str, str]:
    every = {
        "projects (headline + YTD)": f"{STATS}/projects",
        "breakdown by unit": f"{STATS}/projects/breakdown?by=unit",
        "breakdown by month": f"{STATS}/projects/breakdown?by=month",
        "breakdown by industry_chain": f"{STATS}/projects/breakdown?by=industry_chain",
        "funnel": f"{STATS}/projects/funnel",
        "tickets/departments": f"{STATS}/tickets/departments",
        "tickets/departments, one quarter": f"{STATS}/tickets/departments?period=quarter&quarter=3",
        "decisions/units": f"{STATS}/decisions/units",
        "leaders": f"{STATS}/leaders",
        "key projects": f"{STATS}/projects/key",
        "projects, unit_id": f"{STATS}/projects?unit_id={unit}",
    }
    return {name: path for name, path in every.items() if only is None or only in name}


DISTRICT = ["projects (headline + YTD)", "tickets/departments", "leaders", "funnel", "key projects"]
CALLERS = {"yuhu": DISTRICT, "zrzy": ["tickets/departments", "leaders"]}


async def seed(args: argparse.Namespace) -> None:
    await seed_projects.recreate(DB)
    seed_projects.app_cli(DB, "migrate")
    seed_projects.app_cli(DB, "seed")
    await seed_projects.load(DB, args.projects)
    dsn = f"{PG}/{DB}"
    started = time.perf_counter()
    kinds = [("closed", args.closed), ("open", args.open), ("late", args.late)]
    await ticket_bench.load(dsn, kinds, 1, 20261130)
    conn = await asyncpg.connect(dsn)
    await conn.execute(CO_HANDLERS)
    async with conn.transaction():
        for statement in (*resolutions.REBUILD, *open_handlers.REBUILD):
            await conn.execute(statement)
    await conn.execute("VACUUM ANALYZE")
    counts = await conn.fetchrow(
        "SELECT (SELECT count(*) FROM tickets) AS tickets,"
        " (SELECT count(*) FROM ticket_co_handlers) AS co,"
        " (SELECT count(*) FROM ticket_resolution_days) AS days,"
        " (SELECT count(*) FROM ticket_open_handlers) AS in_hand"
    )
    await conn.close()
    print(
        f"{counts['tickets']:,} tickets, {counts['co']:,} co-handlers, {counts['days']:,}"
        f" rollup rows, {counts['in_hand']:,} handlers of open tickets"
        f" in {time.perf_counter() - started:.0f}s"
    )


async def people(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    rows = await conn.fetch(
        "SELECT username, id, token_version FROM users"
        " WHERE username IN ('coordinator', 'yuhu', 'zrzy')"
    )
    unit = await conn.fetchval("SELECT id FROM units WHERE code = 'yuhu'")
    await conn.close()
    return {"unit": str(unit), **{r["username"]: r for r in rows}}


def mint(settings: Settings, user) -> str:
    token, _ = create_token(
        settings, subject=str(user["id"]), token_type="access", version=user["token_version"]
    )
    return token


def load_test(args, settings, fx, server) -> list[dict]:
    results = []
    paths = scenarios(fx["unit"], args.only)
    for who in ("coordinator", *CALLERS):
        for name, path in paths.items():
            if who in CALLERS and name not in CALLERS[who]:
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
                lua.write(LUA.format(token=mint(settings, fx[who])))
                lua.flush()
                check = httpx.get(
                    BASE + path,
                    headers={"Authorization": f"Bearer {mint(settings, fx[who])}"},
                    timeout=60,
                )
                check.raise_for_status()
                wrk(BASE + path, args.conns, args.warmup, lua.name, server.pid)
                row = wrk(BASE + path, args.conns, args.duration, lua.name, server.pid)
            row.update(who=who, scenario=name, path=path)
            print(
                f"{who:12} {name:36} {row['rps']:7.1f} req/s  p50 {row['p50']:7.1f} ms"
                f"  p99 {row['p99']:7.1f} ms  errors {row['errors']}",
                flush=True,
            )
            results.append(row)
    return results


async def plans(
    settings: Settings, dsn: str, fx: dict, timings: dict[str, float], only: str | None
) -> dict[str, list[tuple[float, str]]]:
    """Each coordinator request once in process, its statements captured, then EXPLAINed;
    and the median of 20 sequential requests in process (`timings`): one request's whole cost
    with nothing else competing in the app."""
    app = create_app(settings)
    captured: list[tuple[str, tuple]] = []

    @event.listens_for(app.state.engine.sync_engine, "before_cursor_execute")
    def _capture(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        captured.append((statement, parameters))

    out: dict[str, list[tuple[float, str]]] = {}
    conn = await asyncpg.connect(dsn)
    await conn.execute("SET jit = off")
    headers = {"Authorization": f"Bearer {mint(settings, fx['coordinator'])}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for name, path in scenarios(fx["unit"], only).items():
            samples = []
            for _ in range(20):
                began = time.perf_counter()
                (await client.get(path, headers=headers)).raise_for_status()
                samples.append((time.perf_counter() - began) * 1000)
            timings[name] = statistics.median(samples)
            captured.clear()
            (await client.get(path, headers=headers)).raise_for_status()
            explained = []
            for sql, params in captured:
                if "FROM users" in sql and "stats" not in path:
                    continue
                rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *params)
                text = "\n".join(r[0] for r in rows)
                ms = float(text.rsplit("Execution Time: ", 1)[1].split(" ")[0])
                explained.append((ms, f"{sql}\n\n{text}"))
            out[name] = explained
    await conn.close()
    await app.state.engine.dispose()
    return out


async def counts(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    row = await conn.fetchrow(
        "SELECT (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM tickets)"
        " AS tickets, (SELECT count(*) FROM tickets WHERE state IN"
        " ('assigned','accepted','in_progress')) AS open,"
        " (SELECT count(*) FROM ticket_co_handlers) AS co,"
        " (SELECT count(*) FROM ticket_resolution_days) AS days,"
        " (SELECT count(*) FROM tickets WHERE resolved_on >= date_trunc('year', now()))"
        " AS resolved_this_year, version() AS version"
    )
    await conn.close()
    return dict(row)


def report(args, results, explained, timings, facts) -> Path:
    now = datetime.now(UTC)
    lines = [
        f"# Statistics benchmark, {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {os.cpu_count()} cores; {facts['version'].split(',')[0]}; "
        f"{facts['projects']:,} projects, {facts['tickets']:,} tickets ({facts['open']:,} open, "
        f"{facts['resolved_this_year']:,} resolved this year), {facts['co']:,} co-handlers, "
        f"{facts['days']:,} rows in ticket_resolution_days.",
        f"wrk -t1 -c{args.conns}, {args.warmup} s warm-up + {args.duration} s measured per row;"
        " app: uvicorn, 1 worker, APP_ENV=production.",
        "",
        "| caller | request | req/s | p50 ms | p99 ms | app CPU | errors |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lines.append(
            f"| {r['who']} | {r['scenario']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p99']:.1f}"
            f" | {r['server_cpu']:.0%} | {r['errors']} |"
        )
    lines += [
        "",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (other work shares the 2 cores).",
        "",
        "## One request alone (coordinator, in process, median of 20 sequential)",
        "",
        "| request | whole request ms | of which SQL ms (EXPLAIN ANALYZE) | statements |",
        "|---|--:|--:|--:|",
    ]
    for name, statements in explained.items():
        sql = sum(ms for ms, _ in statements)
        lines.append(f"| {name} | {timings[name]:.1f} | {sql:.1f} | {len(statements)} |")
    lines += ["", "## Statements per request (coordinator), EXPLAIN (ANALYZE, BUFFERS)", ""]
    for name, statements in explained.items():
        total = sum(ms for ms, _ in statements)
        lines += [f"### {name}: {len(statements)} statements, {total:.1f} ms in PostgreSQL", ""]
        for _, text in statements:
            lines += ["```", text, "```", ""]
    path = BENCH / "results" / f"{now:%Y-%m-%d}-stats.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="build the database, then stop")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--closed", type=int, default=970_000)
    parser.add_argument("--open", type=int, default=30_000)
    parser.add_argument("--late", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--conns", type=int, default=8)
    parser.add_argument(
        "--only", help="the requests whose name contains this; printed, no results file"
    )
    args = parser.parse_args()
    if args.seed:
        asyncio.run(seed(args))
        return
    dsn = f"{PG}/{DB}"
    secret = secrets.token_urlsafe(48)
    url = dsn.replace("postgresql://", "postgresql+asyncpg://")
    env = {
        **os.environ,
        "APP_ENV": "production",
        "JWT_SECRET": secret,
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
        "ESCALATION_INTERVAL_SECONDS": "0",
    }
    settings = Settings(
        app_env="production", jwt_secret=secret, database_url=url, escalation_interval_seconds=0
    )
    fx = asyncio.run(people(dsn))
    server = start(["app.main:app", "--port", "8111"], env, BENCH.parent / "backend")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(BASE + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        results = load_test(args, settings, fx, server)
        print(f"app CPU {cpu_seconds(server.pid):.0f} s in total")
    finally:
        server.terminate()
        server.wait(timeout=10)
    timings: dict[str, float] = {}
    explained = asyncio.run(plans(settings, dsn, fx, timings, args.only))
    for name, statements in explained.items():
        sql = sum(ms for ms, _ in statements)
        print(f"{name:36} {timings[name]:7.1f} ms per request, {sql:7.1f} ms in SQL")
    if args.only is None:
        print(report(args, results, explained, timings, asyncio.run(counts(dsn))))


if __name__ == "__main__":
    main()
