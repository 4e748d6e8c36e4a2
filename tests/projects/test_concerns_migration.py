"""The migration that brings in project_concerns fills it from the tickets, decisions and review
candidates already recorded, so no department officer's view of projects changes with it."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.conftest import alembic, cli, fresh_database_url

BEFORE = "0005_decision_reminders"

# The units each project concerned under the rules the projects' scope read before the table.
EARLIER_RULES = """
SELECT t.lead_department_id, t.project_id FROM tickets t WHERE t.lead_department_id IS NOT NULL
UNION SELECT c.unit_id, t.project_id FROM ticket_co_handlers c JOIN tickets t ON t.id = c.ticket_id
UNION SELECT d.responsible_unit_id, dp.project_id
    FROM decisions d JOIN decision_projects dp ON dp.decision_id = d.id
UNION SELECT du.unit_id, dp.project_id
    FROM decision_units du JOIN decision_projects dp ON dp.decision_id = du.decision_id
UNION SELECT rc.nominating_unit_id, rc.project_id FROM review_candidates rc
"""
ROWS = "SELECT source, source_id, project_id, unit_id FROM project_concerns"


async def _read(url: str) -> tuple[set[tuple], set[tuple]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            earlier = {tuple(r) for r in (await conn.execute(text(EARLIER_RULES))).all()}
            rows = {tuple(r) for r in (await conn.execute(text(ROWS))).all()}
    finally:
        await engine.dispose()
    return earlier, rows


async def test_backfill_gives_every_unit_the_projects_it_saw_before(tmp_path):
    url = fresh_database_url(tmp_path, "_concerns")
    cli(url, "migrate")
    cli(url, "seed")
    # The demo's tickets, decisions and candidates, as they stood before the table existed.
    alembic(url, "downgrade", BEFORE)
    alembic(url, "upgrade", "head")
    earlier, rows = await _read(url)
    assert {source for source, *_ in rows} == {"ticket", "decision", "review_candidate"}
    assert {(unit, project) for _, _, project, unit in rows} == earlier
