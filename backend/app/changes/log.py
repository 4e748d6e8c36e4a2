"""The change log's reaction to every event (app/subscriptions.py): one row per change of an
object partners may read, written in the transaction of the change. A rolled-back write leaves
no row; a committed one leaves its row for the change feed and the webhook worker, whatever
happens to the process afterwards.

On PostgreSQL each row carries the writing transaction's id, so the feed can read only what
every transaction before it has finished writing (app/changes/feed.py)."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, insert, literal_column
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes.catalog import entry
from app.core.events import Event
from app.core.time import utcnow
from app.models import ChangeEvent

TRANSACTION_ID: ColumnElement[int] = literal_column("pg_current_xact_id()::text::bigint")


async def record(session: AsyncSession, events: Sequence[Event]) -> None:
    now = utcnow()
    postgres = session.get_bind().dialect.name == "postgresql"
    rows: list[dict[str, Any]] = []
    for position, event in enumerate(events):
        found = entry(event)
        if found is None:
            continue
        rows.append(
            {
                "id": uuid.uuid4(),
                "xid": TRANSACTION_ID if postgres else 0,
                "object_type": found.object_type,
                "object_id": found.object_id,
                "action": "deleted" if found.deleted else "changed",
                "type": found.type.value if found.type else None,
                "unit_id": found.unit_id,
                "change": found.change,
                "occurred_at": now,
                "position": position,
            }
        )
    if rows:
        await session.execute(insert(ChangeEvent).values(rows))
