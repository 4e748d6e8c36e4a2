"""Project list and detail: the real app against a raw ASGI + asyncpg baseline, side by side,
with FastAPI doing only the raw work (`floor_app.py`) as the framework's floor.

    backend/.venv/bin/python bench/run.py [--duration 5] [--warmup 2] [--rounds 3] [--db zst_bench]

Needs the database from bench/seed_projects.py and `wrk` (apt-get install -y wrk). Starts both
apps with uvicorn (1 worker, no access log) on 127.0.0.1, then for every scenario and connection
count runs wrk against one app and then the other, several rounds with the order alternating,
keeps the median of each figure, and writes a Markdown report to bench/results/<date>.md.
"""

import argparse
import asyncio
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

BENCH = Path(__file__).resolve().parent
BACKEND = BENCH.parent / "backend"
sys.path.insert(0, str(BACKEND))

from app.core.config import Settings  # noqa: E402
from app.core.security import create_token  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
UVICORN = str(BACKEND / ".venv" / "bin" / "uvicorn")
REAL, RAW, FLOOR = "http://127.0.0.1:8101", "http://127.0.0.1:8102", "http://127.0.0.1:8103"
BASES = {"real": REAL, "raw": RAW, "floor": FLOOR}
LIST = "/api/v1/projects"
DEEP_PAGES = 200
LUA = """wrk.headers["Authorization"] = "Bearer {token}"
done = function(s, latency, requests)
  local e = s.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", s.requests, s.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    common = ["--host", "127.0.0.1", "--workers", "1", "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen([UVICORN, *args, *common], cwd=cwd, env=env)


def wait_ready(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + LIST, timeout=1).status_code == 401:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"{base} did not start")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, conns: int, seconds: int, lua: str, server_pid: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_seconds(server_pid)
    cmd = ["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s", "-s", lua, url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    requests, duration, p50, p99, status_errors, socket_errors = map(int, line.split()[1:])
    secs = duration / 1e6
    return {
        "rps": requests / secs,
        "p50": p50 / 1000,
        "p99": p99 / 1000,
        "errors": status_errors + socket_errors,
        "wrk_cpu": (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / secs,
        "server_cpu": (cpu_seconds(server_pid) - server_before) / secs,
    }


async def fixtures(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    user = await conn.fetchrow("SELECT id, token_version FROM users WHERE username = 'coordinator'")
    unit = await conn.fetchval("SELECT id FROM units WHERE code = 'yuhu'")
    project = await conn.fetchval(
        "SELECT id FROM projects ORDER BY created_at DESC OFFSET 5000 LIMIT 1"
    )
    await conn.close()
    return {"user": user, "unit": unit, "project": project}


def deep_cursor(base: str, headers: dict[str, str]) -> str:
    """Follows next_cursor DEEP_PAGES pages in, as a client paging through the list would."""
    cursor = None
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for _ in range(DEEP_PAGES):
            params = {"cursor": cursor} if cursor else {}
            cursor = client.get(LIST, params=params).raise_for_status().json()["next_cursor"]
    return cursor


def check_same(paths: list[str], headers: dict[str, str]) -> None:
    """All apps must serve the same rows, cursor and total, or the comparison means nothing."""
    for path in paths:
        real = httpx.get(REAL + path, headers=headers, timeout=30).raise_for_status().json()
        raw = httpx.get(RAW + path, headers=headers, timeout=30).raise_for_status().json()
        if "items" in real:
            same = [i["id"] for i in real["items"]] == [i["id"] for i in raw["items"]]
            pages = [(p["next_cursor"], p["total"]) for p in (real, raw)]
            same = same and pages[0] == pages[1]
            keys = real["items"][0].keys() == raw["items"][0].keys()
        else:
            same, keys = real["id"] == raw["id"], real.keys() == raw.keys()
        if not (same and keys):
            raise SystemExit(f"real and raw apps differ on {path}")
        floor = httpx.get(FLOOR + path, headers=headers, timeout=30).raise_for_status().json()
        if floor != raw:
            raise SystemExit(f"floor and raw apps differ on {path}")


async def explain(dsn: str, queries: dict[str, str]) -> str:
    conn = await asyncpg.connect(dsn)
    out = []
    for name, sql in queries.items():
        plan = await conn.fetch("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
        out.append(f"-- {name}\n" + "\n".join(r[0] for r in plan))
    await conn.close()
    return "\n\n".join(out)


def table(results: list[dict]) -> str:
    lines = [
        "| scenario | conns | app req/s | app p50 ms | app p99 ms | raw req/s | raw p50 ms "
        "| raw p99 ms | app/raw | floor req/s | floor/raw | app CPU | wrk CPU |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        a, b, f = r["real"], r["raw"], r["floor"]
        wrk_cpu = max(x["wrk_cpu"] for x in (a, b, f))
        lines.append(
            f"| {r['scenario']} | {r['conns']} | {a['rps']:.0f} | {a['p50']:.1f} | {a['p99']:.1f}"
            f" | {b['rps']:.0f} | {b['p50']:.1f} | {b['p99']:.1f} | {a['rps'] / b['rps']:.2f}"
            f" | {f['rps']:.0f} | {f['rps'] / b['rps']:.2f}"
            f" | {a['server_cpu']:.0%} | {wrk_cpu:.0%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--db", default="zst_bench")
    parser.add_argument("--conns", default="1,32")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    args = parser.parse_args()
    dsn = f"{PG}/{args.db}"
    secret = secrets.token_urlsafe(48)
    env = {
        **os.environ,
        "APP_ENV": "production",
        "JWT_SECRET": secret,
        "DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://"),
        "LOG_LEVEL": "WARNING",
        # Only requests are measured: no escalation job in the background.
        "ESCALATION_INTERVAL_SECONDS": "0",
    }
    settings = Settings(app_env="production", jwt_secret=secret)
    fx = asyncio.run(fixtures(dsn))
    servers = {
        "real": start(["app.main:app", "--port", "8101"], env, BACKEND),
        "raw": start(["raw_app:app", "--port", "8102"], env, BENCH),
        "floor": start(["floor_app:app", "--port", "8103"], env, BENCH),
    }
    try:
        wait_ready(REAL)
        wait_ready(RAW)
        wait_ready(FLOOR)
        results = run_all(args, settings, fx, servers)
    finally:
        for proc in servers.values():
            proc.terminate()
            proc.wait(timeout=10)
    report(args, dsn, results, fx)


def mint(settings: Settings, fx: dict) -> str:
    user = fx["user"]
    token, _ = create_token(
        settings, subject=str(user["id"]), token_type="access", version=user["token_version"]
    )
    return token


def run_all(args: argparse.Namespace, settings: Settings, fx: dict, servers: dict) -> list:
    headers = {"Authorization": f"Bearer {mint(settings, fx)}"}
    cursor = deep_cursor(REAL, headers)
    fx["cursor"] = cursor
    scenarios = {
        "list page 1": LIST,
        "list page 1, stage=negotiation&is_major=true": f"{LIST}?stage=negotiation&is_major=true",
        "list page 1, owner_unit_id": f"{LIST}?owner_unit_id={fx['unit']}",
        f"list page {DEEP_PAGES + 1} (cursor)": f"{LIST}?cursor={cursor}",
        "list page 1, include_total=true": f"{LIST}?include_total=true",
        "project detail": f"{LIST}/{fx['project']}",
    }
    fx["scenarios"] = scenarios
    check_same(list(scenarios.values()), headers)
    results, order = [], ["real", "raw", "floor"]
    for name, path in scenarios.items():
        if args.only not in name:
            continue
        for conns in (int(c) for c in args.conns.split(",")):
            runs: dict[str, list[dict]] = {which: [] for which in order}
            for _ in range(args.rounds):
                for which in order:
                    runs[which].append(measure(which, path, conns, args, settings, fx, servers))
                order = order[1:] + order[:1]  # each app goes first in turn
            row = {"scenario": name, "conns": conns, **{k: median(v) for k, v in runs.items()}}
            print(table([row]).splitlines()[-1], flush=True)
            results.append(row)
    return results


def measure(which, path, conns, args, settings, fx, servers) -> dict:
    base = BASES[which]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(LUA.format(token=mint(settings, fx)))  # tokens live 15 minutes
        lua.flush()
        pid = servers[which].pid
        wrk(base + path, conns, args.warmup, lua.name, pid)
        return wrk(base + path, conns, args.duration, lua.name, pid)


def median(runs: list[dict]) -> dict:
    """Per figure, the median over the rounds (the machine is shared; one run can be unlucky)."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def report(args: argparse.Namespace, dsn: str, results: list, fx: dict) -> None:
    counts = asyncio.run(_counts(dsn))
    plans = asyncio.run(explain(dsn, _plan_queries(fx)))
    now = datetime.now(UTC)
    text = "\n".join(
        [
            f"# Project list benchmark, {now:%Y-%m-%d %H:%M} UTC",
            "",
            f"Machine: {os.cpu_count()} cores, {_cpu_model()}; PostgreSQL {counts['version']}"
            f" on 127.0.0.1; {counts['projects']:,} projects, {counts['changes']:,} stage"
            f" changes. wrk -t1; per cell {args.rounds} rounds of {args.warmup} s warm-up +"
            f" {args.duration} s measured, the three apps taking turns to go"
            " first, median of the rounds; app = uvicorn app.main:app, raw = uvicorn"
            " bench/raw_app.py, floor = uvicorn bench/floor_app.py, each 1 worker.",
            "",
            table(results),
            "",
            "app CPU: share of one core the app's uvicorn process used while measured;"
            " wrk CPU: the load generator's.",
            "",
            "## Query plans (the raw app's SQL, same shape as the app's)",
            "",
            "```",
            plans,
            "```",
            "",
        ]
    )
    suffix = f"-only-{args.only.replace(' ', '-')}" if args.only else ""
    out = BENCH / "results" / f"{now:%Y-%m-%d}{suffix}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print("\n" + table(results) + f"\n\nwritten to {out}")


def _plan_queries(fx: dict) -> dict[str, str]:
    import raw_app  # the SQL both apps send, written out by hand there

    created, last_id = raw_app.decode_cursor(fx["cursor"])
    order = " ORDER BY p.created_at DESC, p.id DESC LIMIT 51"
    return {
        "page 1": raw_app.SELECT + order,
        f"page {DEEP_PAGES + 1}": raw_app.SELECT
        + f" WHERE (p.created_at, p.id) < ('{created.isoformat()}', '{last_id}')"
        + order,
        "stage=negotiation&is_major=true": raw_app.SELECT
        + " WHERE p.stage = ANY('{negotiation}') AND p.is_major"
        + order,
        "owner_unit_id": raw_app.SELECT + f" WHERE p.owner_unit_id = '{fx['unit']}'" + order,
        "include_total": f"SELECT count(*) FROM (SELECT p.id {raw_app.FROM}) AS s",
    }


async def _counts(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    result = {
        "projects": await conn.fetchval("SELECT count(*) FROM projects"),
        "changes": await conn.fetchval("SELECT count(*) FROM project_stage_changes"),
        "version": await conn.fetchval("SHOW server_version"),
    }
    await conn.close()
    return result


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


if __name__ == "__main__":
    main()
