"""Test fixtures: a database built by the real migrations, each test in a rolled-back transaction.

`make test` runs on an embedded SQLite file; set TEST_DATABASE_URL to a PostgreSQL URL
(postgresql+asyncpg://…/name) to run the same suite there: the database is dropped and rebuilt.
"""

import asyncio
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from app.core.config import Settings
from app.core.security import create_token
from app.main import create_app
from app.models import User

BACKEND = Path(__file__).resolve().parents[1] / "backend"


def recreate_postgres_database(url: str) -> None:
    import asyncpg

    parsed = make_url(url)
    name = parsed.database
    admin_dsn = parsed.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )

    async def _run() -> None:
        conn = await asyncpg.connect(admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    # In a thread of its own: the caller may sit inside a running event loop (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(_run())).result()


def fresh_database_url(tmp_path: Path, suffix: str = "") -> str:
    """A new empty database: PostgreSQL when TEST_DATABASE_URL says so, else a SQLite file."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith("postgresql"):
        parsed = make_url(base)
        url = parsed.set(database=f"{parsed.database}{suffix}").render_as_string(
            hide_password=False
        )
        recreate_postgres_database(url)
        return url
    return f"sqlite+aiosqlite:///{tmp_path / f'test{suffix}.db'}"


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


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = fresh_database_url(tmp_path_factory.mktemp("db"))
    cli(url, "migrate")
    cli(url, "seed")
    return url


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
    )


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


@pytest.fixture
async def live_app(settings: Settings) -> AsyncIterator[object]:
    """An app on real, separately committed connections, for tests of true concurrency.

    What such a test writes is committed: it must remove it itself.
    """
    application = create_app(settings)
    yield application
    await application.state.engine.dispose()


async def bearer_for(application: object, settings: Settings, username: str) -> dict[str, str]:
    async with application.state.sessionmaker() as s:  # type: ignore[attr-defined]
        user = (await s.execute(select(User).where(User.username == username))).scalar_one()
    token, _ = create_token(
        settings, subject=str(user.id), token_type="access", version=user.token_version
    )
    return {"Authorization": f"Bearer {token}"}
