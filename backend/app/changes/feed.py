"""The change feed: `GET /api/v1/changes?since=<cursor>`, the change log as the caller may see
it, to follow forever without missing a change or a deletion.

Rows are read in (transaction id, sequence) order and only from transactions that have all
finished: on PostgreSQL every row below the oldest transaction still running
(`pg_snapshot_xmin`) is final, since any transaction still writing has a newer id, so a cursor
past a row never skips one committed later. (A plain sequence or timestamp would: a
transaction that took its number first can commit last.) SQLite's writers take turns, so its
sequence alone is in commit order.

Each entry shows its object as the caller's own `GET` shows it now; entries about objects the
caller may not read are left out, and the cursor moves past them all the same.
"""

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Select, bindparam, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.changes.catalog import SCOPES
from app.changes.reader import ObjectReader
from app.core.errors import AppError
from app.core.principal import Principal
from app.models import ChangeEvent

HORIZON = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")


@dataclass(frozen=True)
class Position:
    """Where a reader of the feed stands: after the entry (xid, seq)."""

    xid: int = 0
    seq: int = 0


@dataclass
class Entry:
    row: ChangeEvent
    object: Any


def encode(key: bytes, position: Position) -> str:
    data = json.dumps([position.xid, position.seq]).encode()
    signature = hmac.digest(key, b"changes\x00" + data, hashlib.sha256)[:12]
    return ".".join(base64.urlsafe_b64encode(p).decode().rstrip("=") for p in (data, signature))


def decode(key: bytes, cursor: str) -> Position:
    try:
        body, signature = (
            base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)) for p in cursor.split(".")
        )
        expected = hmac.digest(key, b"changes\x00" + body, hashlib.sha256)[:12]
        if not hmac.compare_digest(signature, expected):
            raise ValueError
        xid, seq = json.loads(body)
        if not isinstance(xid, int) or not isinstance(seq, int):
            raise ValueError
        return Position(xid, seq)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise AppError(
            "变更游标无效：请原样传回上次返回的 next_cursor",
            code="invalid_cursor",
            status=400,
            errors=[{"loc": ["query", "since"], "msg": "变更游标无效", "type": "invalid_cursor"}],
        ) from exc


async def _finished(session: AsyncSession, stmt: Select) -> Select:
    """Only rows of transactions that have all finished."""
    if session.get_bind().dialect.name != "postgresql":
        return stmt
    horizon = (await session.execute(HORIZON)).scalar_one()
    return stmt.where(col(ChangeEvent.xid) < horizon)


async def latest(session: AsyncSession) -> Position:
    """The position after the newest finished entry: where a reader starts who wants only
    what happens from now on."""
    stmt = await _finished(
        session,
        select(col(ChangeEvent.xid), col(ChangeEvent.seq))
        .order_by(col(ChangeEvent.xid).desc(), col(ChangeEvent.seq).desc())
        .limit(1),
    )
    row = (await session.execute(stmt)).first()
    return Position(row.xid, row.seq) if row else Position()


async def read(
    session: AsyncSession,
    app: FastAPI,
    principal: Principal,
    authorization: str,
    since: Position,
    limit: int,
) -> tuple[list[Entry], Position, bool]:
    """A page of the feed after `since`: the entries the caller may see, where the page ends
    and whether more are waiting."""
    after = tuple_(
        bindparam("since_xid", since.xid, type_=ChangeEvent.__table__.c.xid.type),  # type: ignore[attr-defined]
        bindparam("since_seq", since.seq, type_=ChangeEvent.__table__.c.seq.type),  # type: ignore[attr-defined]
    )
    stmt = await _finished(
        session,
        select(ChangeEvent)
        .where(tuple_(col(ChangeEvent.xid), col(ChangeEvent.seq)) > after)
        .order_by(col(ChangeEvent.xid), col(ChangeEvent.seq))
        .limit(limit + 1),
    )
    rows = list((await session.execute(stmt)).scalars())
    # The reads below go through the API: this request's connection goes back to the pool
    # first (a commit of nothing, which keeps what was loaded; a rollback would expire it).
    await session.commit()
    more = len(rows) > limit
    rows = rows[:limit]
    end = Position(rows[-1].xid, rows[-1].seq or 0) if rows else since
    reader = ObjectReader(app)
    entries = []
    try:
        for row in rows:
            if not principal.has(SCOPES[row.object_type]):
                continue
            if row.action == "deleted":
                if principal.sees_everything or row.unit_id == principal.unit_id:
                    entries.append(Entry(row, None))
                continue
            obj = await reader.read(authorization, row.object_type, row.object_id)
            if obj is not None:
                entries.append(Entry(row, obj))
    finally:
        await reader.close()
    return entries, end, more
