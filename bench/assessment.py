"""年度考核 at 100,000 projects and 1,000,000 tickets: each unit group's scheme scored on the
whole year's records (the live preview), and the round opened on them (the snapshot written,
then rolled back), in process, as the coordinator.

    backend/.venv/bin/python bench/stats.py --seed          # once: zst_bench_stats (demo too)
    backend/.venv/bin/python bench/assessment.py --timelines   # once: every ticket's timeline
    backend/.venv/bin/python bench/assessment.py [--runs 5]
    backend/.venv/bin/python bench/assessment.py --other-years   # once more: 2 years earlier

`--timelines` gives every bench ticket the timeline its state implies (提交 → 交办 → 签收 →
办理中 → 反馈 → 办结, one in ten returned once for more work) — about 5.6 million rows.
`--other-years` copies every ticket's timeline two years back, doubling the table with
another year's events (returns included), so a second run shows whether a round's cost grows
with closed tickets of other years.

Prints, per group, the median and slowest of `--runs` previews and round openings, the
statements a preview sends and its slowest statement (EXPLAIN ANALYZE)."""

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

from app import subscriptions  # noqa: E402
from app.assessments import preview, rounds  # noqa: E402
from app.assessments.schemas import RoundCreate  # noqa: E402
from app.core.principal import Principal  # noqa: E402
from app.demo.history import YEAR  # noqa: E402
from app.models import AssessmentScheme, User  # noqa: E402

# Each step of a ticket's way: the state it leaves and enters, how long after the ticket was
# raised, and which tickets took it (by the state they are in now; steps 5 and 6, a return for
# more work and the second 反馈, one ticket in ten).
TIMELINE = """
INSERT INTO ticket_events (id, ticket_id, kind, from_state, to_state, actor_name, occurred_at)
SELECT gen_random_uuid(), t.id, 'transition', s.from_state, s.to_state, '基准数据',
       t.created_at + s.after
FROM tickets t
JOIN (VALUES
    ('submitted', 'assigned', interval '2 hours', 1),
    ('assigned', 'accepted', interval '1 day', 2),
    ('accepted', 'in_progress', interval '1 day 2 hours', 3),
    ('in_progress', 'resolved', interval '3 days', 4),
    ('resolved', 'in_progress', interval '4 days', 5),
    ('in_progress', 'resolved', interval '6 days', 6),
    ('resolved', 'closed', interval '7 days', 7)
) AS s(from_state, to_state, after, step) ON
    (s.step = 1 AND t.state NOT IN ('submitted', 'cancelled'))
    OR (s.step = 2 AND t.state IN ('accepted', 'in_progress', 'resolved', 'closed'))
    OR (s.step = 3 AND t.state IN ('in_progress', 'resolved', 'closed'))
    OR (s.step = 4 AND t.state IN ('resolved', 'closed'))
    OR (s.step IN (5, 6) AND t.state IN ('resolved', 'closed')
        AND ('x' || substr(t.id::text, 1, 8))::bit(32)::int % 10 = 0)
    OR (s.step = 7 AND t.state = 'closed')
"""
OTHER_YEARS = """
INSERT INTO ticket_events (id, ticket_id, kind, from_state, to_state, actor_name, occurred_at)
SELECT gen_random_uuid(), ticket_id, kind, from_state, to_state, actor_name,
       occurred_at - interval '2 years'
FROM ticket_events WHERE actor_name = '基准数据'
"""


async def _load(dsn: str, statement: str) -> None:
    conn = await asyncpg.connect(dsn)
    began = time.perf_counter()
    status = await conn.execute(statement, timeout=3600)
    await conn.execute("ANALYZE ticket_events")
    total = await conn.fetchval("SELECT count(*) FROM ticket_events")
    returns = await conn.fetchval(
        "SELECT count(*) FROM ticket_events WHERE kind = 'transition'"
        " AND from_state = 'resolved' AND to_state = 'in_progress'"
    )
    await conn.close()
    print(
        f"{status} in {time.perf_counter() - began:.0f} s: ticket_events holds {total:,} rows,"
        f" {returns:,} of them returns"
    )


DB = "zst_bench_stats"


async def main(runs: int) -> None:
    subscriptions.install()  # opening a round notifies the units and writes the audit trail
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
                    # The year not yet assessed (the demo's 2026): its round can be opened.
                    select(AssessmentScheme).where(
                        AssessmentScheme.state == "published", AssessmentScheme.year == YEAR
                    )
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
        sent = list(statements)  # the last preview's; EXPLAINed below
        opened = []
        for _ in range(runs):
            async with sessions() as session:
                began = time.perf_counter()
                await rounds.open_round(session, coordinator, RoundCreate(scheme_id=scheme.id))
                opened.append(time.perf_counter() - began)
                await session.rollback()
        conn = await asyncpg.connect(dsn)
        for sql, params in sent:
            plan = await conn.fetch(f"EXPLAIN (ANALYZE) {sql}", *params)
            ms = float(plan[-1][0].split("Execution Time: ")[1].split(" ")[0])
            if ms > slowest[1]:
                slowest = (sql.split("\n")[0][:120], ms)
        await conn.close()
        print(
            f"{scheme.year} {scheme.unit_group}: {len(result.rows)} units,"
            f" median {statistics.median(times):.2f} s, slowest {max(times):.2f} s,"
            f" {len(sent)} statements; slowest statement {slowest[1]:.1f} ms: {slowest[0]};"
            f" round opened: median {statistics.median(opened):.2f} s,"
            f" slowest {max(opened):.2f} s"
        )
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timelines", action="store_true", help="load the timelines, then stop")
    parser.add_argument(
        "--other-years", action="store_true", help="copy the timelines 2 years back, then stop"
    )
    args = parser.parse_args()
    if args.timelines or args.other_years:
        loading = TIMELINE if args.timelines else OTHER_YEARS
        asyncio.run(_load(f"{seed_projects.PG}/{DB}", loading))
    else:
        asyncio.run(main(args.runs))
