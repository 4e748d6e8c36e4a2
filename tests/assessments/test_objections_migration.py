"""The migration that brings in objections rebuilds assessment_rounds on SQLite (its state CHECK
widens) while assessment_results reference it: rounds and results already recorded come through
it, and back down, whole."""

from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.core.config import Settings
from app.core.db import create_engine
from app.demo.history import YEAR
from tests.conftest import alembic, cli, fresh_database_url

BEFORE = "0014_assessment_rounds"


async def _run(url: str, *statements: str) -> list[tuple]:
    engine = create_engine(Settings(database_url=url, app_env="test"))
    try:
        async with engine.begin() as conn:
            rows: list[tuple] = []
            for statement in statements:
                result = await conn.execute(text(statement))
                rows = [tuple(r) for r in result.all()] if result.returns_rows else rows
            return rows
    finally:
        await engine.dispose()


async def test_rounds_and_results_come_through_both_ways(tmp_path):
    url = fresh_database_url(tmp_path, "_objections")
    cli(url, "migrate")
    cli(url, "seed")
    alembic(url, "downgrade", BEFORE)
    sqlite = make_url(url).get_backend_name() == "sqlite"
    round_id = "0" * 31 + "1" if sqlite else "00000000-0000-0000-0000-000000000001"
    result_id = "0" * 31 + "2" if sqlite else "00000000-0000-0000-0000-000000000002"
    await _run(
        url,
        "INSERT INTO assessment_rounds (version, created_at, updated_at, id, year, unit_group,"
        " scheme_id, state, as_of) SELECT 1, created_at, created_at, "
        f"'{round_id}', year, unit_group, id, 'open', '2026-12-01' FROM assessment_schemes"
        f" WHERE unit_group = 'area' AND state = 'published' AND year = {YEAR}",
        "INSERT INTO assessment_results (version, created_at, updated_at, id, round_id, unit_id,"
        f" unit_name, total, grade, rank, items) SELECT 1, created_at, created_at, '{result_id}',"
        f" '{round_id}', id, name, 0, 'fail', 1, '[]' FROM units WHERE code = 'yuhu'",
    )
    count = (
        "SELECT COUNT(*) FROM assessment_results JOIN assessment_rounds"
        " ON assessment_rounds.id = assessment_results.round_id"
    )
    # The demo's confirmed rounds of last year, and this one of this year.
    before = await _run(url, count)
    alembic(url, "upgrade", "head")
    assert await _run(url, count) == before
    this_year = f"SELECT state, objection_due FROM assessment_rounds WHERE year = {YEAR}"
    assert await _run(url, this_year) == [("open", None)]
    alembic(url, "downgrade", BEFORE)
    assert await _run(url, count) == before
