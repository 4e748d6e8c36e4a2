"""The migrations build the schema the models describe, and undo it cleanly."""

import os
import subprocess
import sys

from tests.conftest import BACKEND, fresh_database_url


def _alembic(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "test"}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", *args],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path):
    url = fresh_database_url(tmp_path, "_migrations")
    _alembic(url, "upgrade", "head")
    _alembic(url, "downgrade", "base")
    assert "(head)" not in _alembic(url, "current")
    _alembic(url, "upgrade", "head")
    assert "(head)" in _alembic(url, "current")
    # autogenerate compares the models with the migrated database; any difference fails.
    assert "No new upgrade operations detected" in _alembic(url, "check")
