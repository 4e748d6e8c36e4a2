"""The migrations build the schema the models describe, and undo it cleanly."""

from tests.conftest import alembic, fresh_database_url


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path):
    url = fresh_database_url(tmp_path, "_migrations")
    alembic(url, "upgrade", "head")
    alembic(url, "downgrade", "base")
    assert "(head)" not in alembic(url, "current")
    alembic(url, "upgrade", "head")
    assert "(head)" in alembic(url, "current")
    # autogenerate compares the models with the migrated database; any difference fails.
    assert "No new upgrade operations detected" in alembic(url, "check")
