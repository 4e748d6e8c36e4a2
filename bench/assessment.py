"""年度考核 preview at 100,000 projects and 1,000,000 tickets: each unit group's scheme scored on
the whole year's records, in process, as the coordinator.

    backend/.venv/bin/python bench/stats.py --seed          # once: zst_bench_stats
    DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/zst_bench_stats \\
        backend/.venv/bin/python -m app.cli migrate && … -m app.cli seed   # the year's schemes
    backend/.venv/bin/python bench/assessment.py [--runs 5]

Prints, per group, the median and slowest of `--runs` previews, the statements each sends and
the slowest statement (EXPLAIN ANALYZE)."""

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import asyncpg
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "backend"))
sys.path.insert(0, str(BENCH))

import seed_projects  # noqa: E402

from app.assessments import preview  # noqa: E402
from app.core.principal import Principal  # noqa: E402
from app.models import AssessmentScheme, User  # noqa: E402

DB = "zst_bench_stats"


async def main(runs: int) -> None:
    dsn = f"{seed_projects.PG}/{DB}"
    engine = create_async_engine(dsn.replace("postgresql://", "postgresql+asyncpg://"))
    statements: list[tuple[str, tuple]] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    sessions = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    async with sessions() as session:
        user = (
            await session.execute(select(User).where(User.username == "coordinator"))
        ).scalar_one()
        coordinator = Principal.of_user(user)
        schemes = (
            (
                await session.execute(
                    select(AssessmentScheme).where(AssessmentScheme.state == "published")
                )
            )
            .scalars()
            .all()
        )
    for scheme in schemes:
        times, slowest = [], ("", 0.0)
        for _ in range(runs):
            statements.clear()
            async with sessions() as session:
                began = time.perf_counter()
                result = await preview.preview(session, coordinator, scheme)
                times.append(time.perf_counter() - began)
        conn = await asyncpg.connect(dsn)
        for sql, params in statements:
            plan = await conn.fetch(f"EXPLAIN (ANALYZE) {sql}", *params)
            ms = float(plan[-1][0].split("Execution Time: ")[1].split(" ")[0])
            if ms > slowest[1]:
                slowest = (sql.split("\n")[0][:120], ms)
        await conn.close()
        print(
            f"{scheme.year} {scheme.unit_group}: {len(result.rows)} units,"
            f" median {statistics.median(times):.2f} s, slowest {max(times):.2f} s,"
            f" {len(statements)} statements; slowest statement {slowest[1]:.1f} ms: {slowest[0]}"
        )
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    asyncio.run(main(parser.parse_args().runs))
