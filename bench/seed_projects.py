"""Builds the bench database: real migrations and demo seed, then 100,000 projects with history.

    backend/.venv/bin/python bench/seed_projects.py [--count 100000] [--db zst_bench]

Drops and recreates the database. Rows are generated with a fixed random seed and loaded with
asyncpg COPY; derived columns (code, investor_name_key, is_major, possible_duplicate) follow the
same rules as app.projects.service, and code_sequences is moved past the seeded numbers.
"""

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg

BACKEND = Path(__file__).resolve().parents[1] / "backend"
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
OPEN = ["lead", "evaluation", "contact", "negotiation", "review"]
ORDER = [*OPEN, "signed", "started", "operating"]
# Roughly how a mature pipeline looks: most projects early, a tail signed, a few exited.
STAGE_WEIGHTS = {
    "lead": 20,
    "evaluation": 12,
    "contact": 12,
    "negotiation": 12,
    "review": 6,
    "signed": 10,
    "started": 8,
    "operating": 8,
    "shelved": 6,
    "dropped": 6,
}
MAJOR = Decimal("10000")
_W = "华远金瑞恒信鼎盛天成宏达中科新元博远嘉禾瑞丰长江湘江昭山韶峰凯旋"
WORDS = [_W[i : i + 2] for i in range(0, len(_W), 2)]
TRADES = ["智能装备", "新能源", "新材料", "电子", "生物医药", "文旅", "物流", "食品", "精密制造"]
REASONS = {"shelved": "投资方资金安排调整", "dropped": "投资方放弃"}
CONTACTS = '[{"name": "张经理", "title": "投资总监", "phone": "0731-58880000"}]'
LEADERS = 60  # extra leader accounts: one active lead per leader is a database rule


def investor_key(name: str) -> str:  # same rule as app.projects.service.investor_key
    return re.sub(r"[\s\W_]+", "", name).lower()


async def recreate(db: str) -> None:
    conn = await asyncpg.connect(f"{PG}/postgres")
    await conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    await conn.execute(f'CREATE DATABASE "{db}"')
    await conn.close()


def app_cli(db: str, command: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"postgresql+asyncpg://{PG.split('://', 1)[1]}/{db}"}
    subprocess.run([sys.executable, "-m", "app.cli", command], cwd=BACKEND, env=env, check=True)


def history(stage: str, rng: random.Random) -> list[str]:
    """The stages a project passed through, ending at `stage`."""
    if stage in ("shelved", "dropped"):
        return [*ORDER[: rng.randint(1, len(OPEN))], stage]
    return ORDER[: ORDER.index(stage) + 1]


def generate(count: int, refs: dict, now: datetime, rng: random.Random) -> tuple[list, list]:
    projects, changes = [], []
    stages, weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    investors: list[str] = []
    span = timedelta(days=3 * 365).total_seconds()
    for n in range(count):
        created = now - timedelta(seconds=rng.random() * span)
        path = history(rng.choices(stages, weights)[0], rng)
        # Times along the path: each step between the previous one and now.
        times = [created]
        for _ in path[1:]:
            times.append(times[-1] + (now - times[-1]) * rng.uniform(0.05, 0.5))
        stage, entered = path[-1], times[-1]
        last_activity = entered + (now - entered) * rng.random()
        if rng.random() < 0.06 and investors:
            investor = rng.choice(investors)  # same investor reported again, maybe elsewhere
        else:
            investor = f"湖南{rng.choice(WORDS)}{rng.choice(TRADES)}{n:06d}有限公司"
            investors.append(investor)
        planned = Decimal(int(rng.lognormvariate(8.5, 1.2) * 100)) / 100
        reached = set(path)
        signed, started = "signed" in reached, "started" in reached
        pid = uuid.uuid4()
        unit = rng.choice(refs["units"])
        projects.append(
            {
                "id": pid,
                "created": created,
                "name": f"{rng.choice(WORDS)}{rng.choice(TRADES)}项目（{n}）",
                "investor_name": investor,
                "industry_chain": rng.choice(refs["industries"]),
                "source_channel": rng.choice(refs["sources"]),
                "owner_unit_id": unit,
                "planned_investment": planned,
                "signed_amount": planned if signed else None,
                "funds_arrived": (planned * Decimal("0.3")).quantize(Decimal("0.01"))
                if started
                else Decimal("0"),
                "is_foreign": rng.random() < 0.05,
                "land_area": (planned / 500).quantize(Decimal("0.01")),
                "expected_jobs": int(planned / 100),
                "expected_tax": (planned / 50).quantize(Decimal("0.01")),
                "is_confidential": rng.random() < 0.03,
                "is_key": rng.random() < 0.02,
                "stage": stage,
                "stage_before_shelved": path[-2] if stage == "shelved" else None,
                "stage_entered_at": entered,
                "last_activity_at": last_activity,
                "signed_date": times[path.index("signed")].date() if signed else None,
                "agreement_type": "formal" if signed else None,
                "started_date": times[path.index("started")].date() if started else None,
                "production_date": times[-1].date() if stage == "operating" else None,
            }
        )
        for i, to_stage in enumerate(path):
            changes.append(
                (
                    uuid.uuid4(),
                    pid,
                    path[i - 1] if i else None,
                    to_stage,
                    REASONS.get(to_stage) if i else "新建项目",
                    refs["actor_id"],
                    refs["actor_name"],
                    times[i],
                )
            )
    return projects, changes


COLUMNS = [
    "id", "code", "name", "investor_name", "investor_name_key", "investor_credit_code",
    "investor_contacts", "industry_chain", "source_channel", "owner_unit_id",
    "planned_investment", "signed_amount", "funds_arrived", "is_foreign", "land_area",
    "expected_jobs", "expected_tax", "is_confidential", "blocker_note", "is_major", "is_key",
    "possible_duplicate", "stage", "stage_before_shelved", "stage_entered_at",
    "last_activity_at", "signed_date", "agreement_type", "started_date", "production_date",
    "created_by_id", "created_at", "updated_at", "version",
]  # fmt: skip


def rows(projects: list[dict], sequences: dict[int, int], actor_id: uuid.UUID) -> list[tuple]:
    """Codes numbered per year in creation order; duplicates flagged like refresh_duplicates."""
    units_per_key: dict[str, set] = defaultdict(set)
    for p in projects:
        units_per_key[investor_key(p["investor_name"])].add(p["owner_unit_id"])
    out = []
    for p in sorted(projects, key=lambda p: p["created"]):
        year = p["created"].year
        sequences[year] = sequences.get(year, 0) + 1
        key = investor_key(p["investor_name"])
        values = {
            **p,
            "code": f"XT-{year}-{sequences[year]:04d}",
            "investor_name_key": key,
            "investor_credit_code": None,
            "investor_contacts": CONTACTS,
            "blocker_note": None,
            "is_major": p["planned_investment"] >= MAJOR,
            "possible_duplicate": len(units_per_key[key]) > 1,
            "created_by_id": actor_id,
            "created_at": p["created"],
            "updated_at": p["last_activity_at"],
            "version": 1,
        }
        out.append(tuple(values[c] for c in COLUMNS))
    return out


async def load(db: str, count: int) -> None:
    conn = await asyncpg.connect(f"{PG}/{db}")
    units = [
        r["id"] for r in await conn.fetch("SELECT id FROM units WHERE kind IN ('district','park')")
    ]
    dicts = await conn.fetch("SELECT kind, code FROM dictionary_items WHERE is_active")
    coordinator = await conn.fetchrow(
        "SELECT id, full_name, unit_id FROM users WHERE username = 'coordinator'"
    )
    leader_unit = await conn.fetchval("SELECT unit_id FROM users WHERE username = 'leader'")
    refs = {
        "units": units,
        "industries": [r["code"] for r in dicts if r["kind"] == "industry_chain"],
        "sources": [r["code"] for r in dicts if r["kind"] == "source_channel"],
        "actor_id": coordinator["id"],
        "actor_name": coordinator["full_name"],
    }
    sequences = {
        r["year"]: r["last_value"]
        for r in await conn.fetch(
            "SELECT year, last_value FROM code_sequences WHERE name = 'project'"
        )
    }
    now = datetime.now(UTC)
    rng = random.Random(20261127)
    started = time.perf_counter()
    projects, changes = generate(count, refs, now, rng)
    records = rows(projects, sequences, coordinator["id"])
    async with conn.transaction():
        await conn.copy_records_to_table("projects", records=records, columns=COLUMNS)
        await conn.copy_records_to_table(
            "project_stage_changes",
            records=changes,
            columns=[
                "id", "project_id", "from_stage", "to_stage", "reason", "actor_id",
                "actor_name", "occurred_at",
            ],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO code_sequences (name, year, last_value) VALUES ('project', $1, $2) "
            "ON CONFLICT (name, year) DO UPDATE SET last_value = EXCLUDED.last_value",
            sorted(sequences.items()),
        )
        await assign_leaders(conn, projects, leader_unit, coordinator["id"], now, rng)
    print(f"{count} projects, {len(changes)} stage changes in {time.perf_counter() - started:.1f}s")
    await conn.execute("VACUUM ANALYZE")
    await conn.close()


async def assign_leaders(conn, projects, leader_unit, actor_id, now, rng) -> None:
    """60 more city leaders, each leading one major project now, and ended leads in the past."""
    leaders = [
        (uuid.uuid4(), f"bench-leader-{i:02d}", f"压测领导{i:02d}", "leader", leader_unit, "!")
        for i in range(LEADERS)
    ]
    await conn.executemany(
        "INSERT INTO users (id, username, full_name, role, unit_id, password_hash, is_active,"
        " token_version, created_at, updated_at, version)"
        " VALUES ($1, $2, $3, $4, $5, $6, true, 1, now(), now(), 1)",
        leaders,
    )
    majors = [p for p in projects if p["planned_investment"] >= MAJOR]
    chosen = rng.sample(majors, LEADERS * 11)
    assignments = []
    for i, p in enumerate(chosen):
        leader = leaders[i % LEADERS][0]
        active = i < LEADERS
        begun = p["created"] + (now - p["created"]) * 0.2
        ended = None if active else begun + (now - begun) * 0.5
        assignments.append((uuid.uuid4(), p["id"], leader, begun, actor_id, ended, actor_id))
    await conn.executemany(
        "INSERT INTO leader_assignments (id, project_id, leader_id, started_at, assigned_by_id,"
        " ended_at, ended_by_id) VALUES ($1, $2, $3, $4, $5, $6,"
        " CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE $7::uuid END)",
        assignments,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--db", default="zst_bench")
    args = parser.parse_args()
    asyncio.run(recreate(args.db))
    app_cli(args.db, "migrate")
    app_cli(args.db, "seed")
    asyncio.run(load(args.db, args.count))


if __name__ == "__main__":
    main()
