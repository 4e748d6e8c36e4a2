"""How much each partner client uses the API: requests and tokens issued per day (Beijing
time) and when it last called, for the admins' client pages.

Counting a request must not cost it a write: each process adds up its counts in memory and
adds them to `api_client_usage` every `USAGE_FLUSH_SECONDS` and when it stops, with one
upsert per client and day, so several processes add to the same rows. A process killed
outright loses at most that many seconds of counts — these are statistics, not records.
"""

import asyncio
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from app.core.calendar import business_today
from app.core.db import upsert
from app.core.time import utcnow
from app.models import ApiClientUsage

log = logging.getLogger("app.api_clients.usage")
FLUSH_SECONDS = 10


@dataclass
class _Counts:
    requests: int = 0
    tokens_issued: int = 0
    last_used_at: datetime | None = None


class UsageCounter:
    def __init__(self) -> None:
        self.pending: dict[tuple[uuid.UUID, date], _Counts] = defaultdict(_Counts)

    def request(self, client_id: uuid.UUID) -> None:
        counts = self.pending[(client_id, business_today())]
        counts.requests += 1
        counts.last_used_at = utcnow()

    def token(self, client_id: uuid.UUID) -> None:
        self.pending[(client_id, business_today())].tokens_issued += 1

    async def flush(self, sessionmaker: async_sessionmaker[AsyncSession]) -> int:
        """Adds what was counted since the last flush to the table; returns the rows touched."""
        taken, self.pending = self.pending, defaultdict(_Counts)
        if not taken:
            return 0
        rows = [
            {
                "api_client_id": client_id,
                "day": day,
                "requests": c.requests,
                "tokens_issued": c.tokens_issued,
                "last_used_at": c.last_used_at,
            }
            for (client_id, day), c in taken.items()
        ]
        async with sessionmaker() as session, session.begin():
            stmt = upsert(session, ApiClientUsage).values(rows)
            table = ApiClientUsage.__table__  # type: ignore[attr-defined]
            await session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["api_client_id", "day"],
                    set_={
                        "requests": table.c.requests + stmt.excluded.requests,
                        "tokens_issued": table.c.tokens_issued + stmt.excluded.tokens_issued,
                        "last_used_at": func.coalesce(
                            stmt.excluded.last_used_at, table.c.last_used_at
                        ),
                    },
                )
            )
        return len(rows)


async def run_forever(
    counter: UsageCounter, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    """The in-process flush, every FLUSH_SECONDS; once more when the process stops."""
    try:
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            try:
                await counter.flush(sessionmaker)
            except Exception:
                log.exception("client usage flush failed")
    finally:
        await counter.flush(sessionmaker)


async def recent(session: AsyncSession, client_id: uuid.UUID, days: int) -> list[ApiClientUsage]:
    since = business_today() - timedelta(days=days - 1)
    stmt = (
        select(ApiClientUsage)
        .where(col(ApiClientUsage.api_client_id) == client_id, col(ApiClientUsage.day) >= since)
        .order_by(col(ApiClientUsage.day))
    )
    return list((await session.execute(stmt)).scalars())


async def last_used(
    session: AsyncSession, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, datetime]:
    stmt = (
        select(col(ApiClientUsage.api_client_id), func.max(col(ApiClientUsage.last_used_at)))
        .where(col(ApiClientUsage.api_client_id).in_(client_ids))
        .group_by(col(ApiClientUsage.api_client_id))
    )
    return {cid: at for cid, at in (await session.execute(stmt)).all() if at is not None}
