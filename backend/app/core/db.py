"""Engine, sessions and the column types shared by every table."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from fastapi import Request
from sqlalchemy import BigInteger, DateTime, Numeric, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.types import TypeDecorator

from app.core.config import Settings
from app.core.errors import AppError

CENT = Decimal("0.01")


class UTCDateTime(TypeDecorator[datetime]):
    """timestamptz on PostgreSQL; on SQLite stored as UTC and handed back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Money(TypeDecorator[Decimal]):
    """Exact amounts in 万元 with two decimals: NUMERIC(14, 2) on PostgreSQL; on SQLite, which
    has no exact decimal, an integer count of hundredths (so sums and ordering stay exact)."""

    impl = Numeric(14, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(14, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value).quantize(CENT)
        return int(value * 100) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT)


def create_engine(
    settings: Settings, *, foreign_keys: bool = True, serving: bool = False
) -> AsyncEngine:
    """`foreign_keys=False` is for migrations on SQLite only: rebuilding a table that other
    tables reference needs enforcement off (SQLite's documented procedure for schema changes);
    migrations/env.py checks every reference before it commits.

    `serving` is the API's engine: its statements are bounded by DATABASE_STATEMENT_TIMEOUT_MS
    on PostgreSQL, so no request waits on one query (a lock held elsewhere, a runaway plan)
    for longer; the CLI's bulk work is not."""
    if settings.is_sqlite:
        engine = create_async_engine(
            settings.database_url,
            connect_args={"timeout": 30},
            pool_size=settings.database_pool_size,
            max_overflow=0,
            pool_timeout=settings.database_pool_timeout_seconds,
        )
        _configure_sqlite(engine, foreign_keys=foreign_keys)
        return engine
    server_settings = {"jit": "off"}
    if serving and settings.database_statement_timeout_ms:
        server_settings["statement_timeout"] = str(settings.database_statement_timeout_ms)
    return create_async_engine(
        # No pre-ping: it costs a round trip per request; recycling handles stale connections.
        settings.database_url,
        pool_size=settings.database_pool_size,
        # Overflow connections are closed as soon as they go back to a full pool: under steady
        # load that opens (and forks a PostgreSQL backend for) a new connection every few
        # requests. A fixed-size pool keeps its connections; extra requests wait for one.
        max_overflow=0,
        pool_recycle=1800,
        # A request that finds every connection busy waits this long, then gets 503.
        pool_timeout=settings.database_pool_timeout_seconds,
        # No JIT: every query here is a short OLTP read or write, and PostgreSQL's JIT compiles
        # any plan it estimates above `jit_above_cost` — ~0.5 s spent compiling a to-do list
        # that runs in 40 ms (bench/README.md, tickets).
        connect_args={
            "server_settings": server_settings,
            "timeout": settings.database_connect_timeout_seconds,
        },
    )


def _configure_sqlite(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # PostgreSQL's name, so one statement can create rows with new keys on both databases.
        dbapi_connection.create_function("gen_random_uuid", 0, lambda: uuid.uuid4().hex)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


READ_METHODS = frozenset({"GET", "HEAD"})


def make_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession] | None:
    """Sessions for GET requests on PostgreSQL: autocommit, so no BEGIN / COMMIT round trips
    around reads (GET handlers never write). Not on SQLite, whose `begin` listener takes the
    write lock up front."""
    if engine.dialect.name != "postgresql":
        return None
    return make_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


def make_sessionmaker(bind: Any) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent, rolled back on error.

    An `AppError` raised with `commit=True` still commits (a failed login must keep its
    failure count and audit event; a replayed refresh token must stay revoked).

    The session is also left on `request.state.session`, where the route stores the response
    to an Idempotency-Key before the commit; a request holding a key locks its claim first
    (app/core/idempotency.py).
    """
    state = request.app.state
    reader = getattr(state, "read_sessionmaker", None)
    sessionmaker: async_sessionmaker[AsyncSession] = (
        reader if reader is not None and request.method in READ_METHODS else state.sessionmaker
    )
    async with sessionmaker() as session:
        request.state.session = session
        try:
            claim = getattr(request.state, "idempotency_claim", None)
            if claim is not None:  # app/core/idempotency.py: the key is held by this transaction
                await claim.hold(session)
            yield session
        except AppError as exc:
            if exc.commit:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


def upsert(session: AsyncSession, table: Any) -> Any:
    """`INSERT` with `on_conflict_do_update`/`do_nothing`, in the session's dialect (both
    PostgreSQL and SQLite have `ON CONFLICT`)."""
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)


async def flush_or_conflict(
    session: AsyncSession, detail: str, code: str, field: str | None = None
) -> None:
    """Flush now so a unique or foreign-key violation becomes a clear 409, not a 500."""
    from sqlalchemy.exc import IntegrityError

    from app.core.errors import Conflict

    try:
        await session.flush()
    except IntegrityError as exc:
        errors = [{"loc": ["body", field], "msg": detail, "type": code}] if field else None
        raise Conflict(detail, code=code, errors=errors) from exc
