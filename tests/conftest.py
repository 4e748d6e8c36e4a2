"""Test fixtures: a database built by the real migrations, each test in a rolled-back transaction.

`make test` runs on an embedded SQLite file; set TEST_DATABASE_URL to a PostgreSQL URL
(postgresql+asyncpg://…/name) to run the same suite there: the database is dropped and rebuilt.
The migrations and the demo seed run once, into a template; the shared test database and each
live app's own database (tests that commit for real) are copies of it.
"""

import asyncio
import itertools
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from app.core import events
from app.core.config import Settings
from app.core.security import create_token
from app.main import create_app
from app.models import User
from app.subscriptions import SUBSCRIPTIONS

BACKEND = Path(__file__).resolve().parents[1] / "backend"


def _postgres_admin(url: str, *statements: str) -> None:
    """Runs `statements` on the server of `url`, connected to its `postgres` database."""
    import asyncpg

    admin_dsn = (
        make_url(url)
        .set(drivername="postgresql", database="postgres")
        .render_as_string(hide_password=False)
    )

    async def _run() -> None:
        conn = await asyncpg.connect(admin_dsn)
        try:
            for statement in statements:
                await conn.execute(statement)
        finally:
            await conn.close()

    # In a thread of its own: the caller may sit inside a running event loop (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(_run())).result()


def recreate_postgres_database(url: str, template: str | None = None) -> None:
    """Drops and creates the database of `url`: empty, or a copy of the database `template`
    (to which nobody may be connected)."""
    name = make_url(url).database
    _postgres_admin(
        url,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""),
    )


def _database_url(tmp_path: Path, suffix: str) -> str:
    """Where a test database goes: on the PostgreSQL of TEST_DATABASE_URL when it names one
    (its name with `suffix`), else in a SQLite file."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith("postgresql"):
        parsed = make_url(base)
        return parsed.set(database=f"{parsed.database}{suffix}").render_as_string(
            hide_password=False
        )
    return f"sqlite+aiosqlite:///{tmp_path / f'test{suffix}.db'}"


def database_url_of(tmp_path: Path, suffix: str = "") -> str:
    """The database `fresh_database_url(tmp_path, suffix)` made, without making it again."""
    return _database_url(tmp_path, suffix)


def fresh_database_url(tmp_path: Path, suffix: str = "") -> str:
    """A new empty database: PostgreSQL when TEST_DATABASE_URL says so, else a SQLite file."""
    url = _database_url(tmp_path, suffix)
    if url.startswith("postgresql"):
        recreate_postgres_database(url)
    return url


def copy_database(source_url: str, tmp_path: Path, suffix: str = "") -> str:
    """A new database holding what `source_url` holds; nobody may be connected to the source."""
    url = _database_url(tmp_path, suffix)
    source = make_url(source_url)
    if url.startswith("postgresql"):
        recreate_postgres_database(url, template=source.database)
        return url
    target = make_url(url).database
    assert source.database and target
    for ending in ("", "-wal"):  # a write-ahead log left behind belongs to the copy too
        if Path(source.database + ending).exists():
            shutil.copyfile(source.database + ending, target + ending)
    return url


def drop_database(url: str) -> None:
    if url.startswith("postgresql"):
        name = make_url(url).database
        _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    path = make_url(url).database
    assert path
    for ending in ("", "-wal", "-shm"):
        Path(path + ending).unlink(missing_ok=True)


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "APP_ENV": "test"}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def alembic(database_url: str, *args: str) -> str:
    """Runs an Alembic command on the database; returns what it printed."""
    env = {**os.environ, "DATABASE_URL": database_url, "APP_ENV": "test"}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", *args],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def template_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Built by the real migrations and loaded with the demo data; never used directly, so it
    stays as built: the test databases are copies of it."""
    url = fresh_database_url(tmp_path_factory.mktemp("template"), "_template")
    cli(url, "migrate")
    cli(url, "seed")
    return url


@pytest.fixture(scope="session")
def database_url(template_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database the tests share, each in a transaction of its own rolled back at its end."""
    return copy_database(template_database_url, tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        app_env="test",
        database_url=database_url,
        jwt_secret=secrets.token_urlsafe(48),
        attachments_dir=tmp_path_factory.mktemp("attachments"),
        attachment_max_bytes=64 * 1024,
        # Tests run the escalation job themselves, on a date they choose.
        escalation_interval_seconds=0,
        # The suite signs in and calls far faster than people do; tests/core/test_rate_limits.py
        # sets the limits it tests.
        rate_limit_user_per_minute=1_000_000,
        rate_limit_partner_per_minute=1_000_000,
        rate_limit_login_per_minute=1_000_000,
    )


async def _serialisable(session: AsyncSession, emitted: list[events.Event]) -> None:
    """Every event any test causes must serialise for partner systems (the webhook outbox)."""
    for event in emitted:
        json.dumps(event.payload(), ensure_ascii=False)


@pytest.fixture(autouse=True)
def _payloads_checked() -> None:
    """Installed before each test (an app built since may have reinstalled the plain table)."""
    events.install({**SUBSCRIPTIONS, events.Event: [*SUBSCRIPTIONS[events.Event], _serialisable]})


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings)
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def conn(app: object) -> AsyncIterator[AsyncConnection]:
    """One connection per test inside a transaction that is rolled back at the end; the app's
    own commits become savepoints inside it."""
    engine = app.state.engine  # type: ignore[attr-defined]
    async with engine.connect() as connection:
        transaction = await connection.begin()
        app.state.sessionmaker = async_sessionmaker(  # type: ignore[attr-defined]
            bind=connection,
            expire_on_commit=False,
            autoflush=False,
            join_transaction_mode="create_savepoint",
        )
        # Reads too: GETs must see what the test wrote in its transaction.
        app.state.read_sessionmaker = app.state.sessionmaker  # type: ignore[attr-defined]
        yield connection
        await transaction.rollback()


@pytest.fixture
async def session(conn: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session for arranging and checking data, inside the same test transaction."""
    async with AsyncSession(
        bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
    ) as s:
        yield s


@pytest.fixture
async def client(app: object, conn: AsyncConnection) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


TokenFor = Callable[[str], Awaitable[dict[str, str]]]


@pytest.fixture
def auth_for(session: AsyncSession, settings: Settings) -> TokenFor:
    """Bearer headers for a demo user, minted directly (sign-in itself is tested in tests/auth)."""

    async def _headers(username: str) -> dict[str, str]:
        user = (await session.execute(select(User).where(User.username == username))).scalar_one()
        token, _ = create_token(
            settings, subject=str(user.id), token_type="access", version=user.token_version
        )
        return {"Authorization": f"Bearer {token}"}

    return _headers


@pytest.fixture
async def admin(auth_for: TokenFor) -> dict[str, str]:
    return await auth_for("admin")


_live_databases = itertools.count(1)


@pytest.fixture(scope="module")
def live_settings(
    settings: Settings, template_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """The settings of the live apps of one test module: a database of the module's own, a copy
    of the seeded template, dropped when the module is done."""
    url = copy_database(
        template_database_url, tmp_path_factory.mktemp("live"), f"_live{next(_live_databases)}"
    )
    yield settings.model_copy(update={"database_url": url})
    drop_database(url)


@pytest.fixture
async def live_app(live_settings: Settings) -> AsyncIterator[object]:
    """An app on real, separately committed connections, for tests of true concurrency.

    What such a test writes is committed, to the database of its module (`live_settings`),
    which no other module sees; the tests of one module share it.
    """
    application = create_app(live_settings)
    yield application
    await application.state.engine.dispose()


async def bearer_for(application: object, settings: Settings, username: str) -> dict[str, str]:
    async with application.state.sessionmaker() as s:  # type: ignore[attr-defined]
        user = (await s.execute(select(User).where(User.username == username))).scalar_one()
    token, _ = create_token(
        settings, subject=str(user.id), token_type="access", version=user.token_version
    )
    return {"Authorization": f"Bearer {token}"}
