"""The audit trail as a hash chain: what makes a line changed or removed behind the application's
back (in the database itself, where the append-only triggers can be switched off) visible.

Lines form `STREAMS` chains. Line `seq` of a stream stores the hash of line `seq - 1` of the same
stream (`prev_hash`; the first line the `GENESIS` value) and its own `hash`:
sha256(prev_hash + canonical content), the content being every column that says what happened
(the canonical JSON of `content`, keys sorted). `audit_chain_heads` holds each stream's last
`seq` and `hash`.

A writing transaction takes one stream's head row with `FOR UPDATE SKIP LOCKED` at its first
line and keeps it to its commit, so concurrent writers append to different streams instead of
queueing for one row (they wait only when every stream is held). SQLite's writers take turns
anyway, so there every line goes to the first stream.

The same functions hash for the writer (`append`), the verifier (`verify`) and the migration
that chained the lines written before the chain existed.
"""

import dataclasses
import hashlib
import json
import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditChainHead, AuditEvent

STREAMS = 16
GENESIS = "0" * 64
# The columns a line's hash covers; `prev_hash` is hashed in front of them.
CONTENT = (
    "id",
    "stream",
    "seq",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_role",
    "unit_id",
    "client_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "before",
    "after",
    "request_id",
    "ip",
)
BATCH = 1000

events_table: Table = AuditEvent.__table__  # type: ignore[attr-defined]
heads_table: Table = AuditChainHead.__table__  # type: ignore[attr-defined]
# Which stream the session's current transaction holds: (its root transaction, stream).
_HELD = "audit_chain_stream"


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def canonical(line: Any) -> str:
    """A line's content as one string: JSON, keys sorted, no spaces, UUIDs and UTC times as
    text. `line` is an `AuditEvent` or a row read from `audit_events`."""
    content = {name: _plain(getattr(line, name)) for name in CONTENT}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, line: Any) -> str:
    return hashlib.sha256((prev_hash + canonical(line)).encode()).hexdigest()


def as_stored(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A snapshot as the database hands it back (tuples as lists, keys as text), so the hash
    of what is written is the hash of what is read."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False))


async def _take_head(session: AsyncSession) -> tuple[int, int, str]:
    """The (stream, seq, hash) of the head this transaction appends to, locked to its end."""
    columns = select(heads_table.c.stream, heads_table.c.seq, heads_table.c.hash)
    transaction = session.sync_session.get_transaction()
    held = session.info.get(_HELD)
    if held is not None and held[0] is transaction:
        stream = held[1]
        query = columns.where(heads_table.c.stream == stream).with_for_update()
        row = (await session.execute(query)).one()
    else:
        free = columns.order_by(heads_table.c.stream).limit(1)
        found = (await session.execute(free.with_for_update(skip_locked=True))).first()
        if found is None:  # every stream is held by a transaction in progress: wait for one
            busy = columns.where(heads_table.c.stream == random.randrange(STREAMS))
            found = (await session.execute(busy.with_for_update())).one()
        row = found
        session.info[_HELD] = (transaction, row.stream)
    return row.stream, row.seq, row.hash


async def append(session: AsyncSession, contents: Sequence[dict[str, Any]]) -> list[AuditEvent]:
    """New lines with these contents, linked to the end of the stream this transaction holds
    (two statements: the head's select and its update); the caller adds them to the session."""
    if not contents:
        return []
    stream, seq, prev = await _take_head(session)
    lines = []
    for content in contents:
        seq += 1
        line = AuditEvent(
            **{
                **content,
                "before": as_stored(content.get("before")),
                "after": as_stored(content.get("after")),
            },
            stream=stream,
            seq=seq,
            prev_hash=prev,
            hash="",
        )
        line.hash = prev = link_hash(prev, line)
        lines.append(line)
    await session.execute(
        update(heads_table).where(heads_table.c.stream == stream).values(seq=seq, hash=prev)
    )
    return lines


class Flaw(StrEnum):
    content_changed = "content_changed"
    link_broken = "link_broken"
    missing_line = "missing_line"
    head_mismatch = "head_mismatch"


@dataclasses.dataclass(frozen=True)
class Broken:
    """The first link found broken: the line (`event_id`, None when its stream has no line
    left) at `seq` of `stream`, and what is wrong with it."""

    stream: int
    seq: int
    event_id: uuid.UUID | None
    reason: Flaw
    detail: str


@dataclasses.dataclass(frozen=True)
class Verification:
    streams: int
    events: int
    first_broken: Broken | None

    @property
    def ok(self) -> bool:
        return self.first_broken is None

    def summary(self) -> str:
        if self.first_broken is None:
            return (
                f"审计日志完整：{self.streams} 条链共 {self.events} 条记录，"
                "逐条校验无误，未发现改动、删除或插入。"
            )
        b = self.first_broken
        line = f"事件 {b.event_id}" if b.event_id else "无记录"
        return f"审计日志校验失败：链 {b.stream} 第 {b.seq} 行（{line}）：{b.detail}。"


async def verify(session: AsyncSession, batch: int = BATCH) -> Verification:
    """Walks every stream up to its head, `batch` lines at a time (memory stays bounded), and
    stops at the first broken link. Lines appended after the heads were read are left to the
    next run, so a verification under load does not mistake them for forgeries."""
    heads = (
        await session.execute(
            select(heads_table.c.stream, heads_table.c.seq, heads_table.c.hash).order_by(
                heads_table.c.stream
            )
        )
    ).all()
    checked = 0
    for head in heads:
        prev, last_seq, last_id = GENESIS, 0, None
        while True:
            rows = (
                await session.execute(
                    select(events_table)
                    .where(
                        events_table.c.stream == head.stream,
                        events_table.c.seq > last_seq,
                        events_table.c.seq <= head.seq,
                    )
                    .order_by(events_table.c.seq)
                    .limit(batch)
                )
            ).all()
            for row in rows:
                flaw = _flaw(row, last_seq, prev)
                if flaw is not None:
                    reason, detail = flaw
                    return Verification(
                        len(heads), checked, Broken(row.stream, row.seq, row.id, reason, detail)
                    )
                prev, last_seq, last_id = row.hash, row.seq, row.id
                checked += 1
            if len(rows) < batch:
                break
        if last_seq != head.seq or prev != head.hash:
            detail = (
                f"链尾登记到第 {head.seq} 行，现存记录只到第 {last_seq} 行（末尾记录被删除）"
                if last_seq != head.seq
                else "与链尾登记的哈希不符"
            )
            broken = Broken(head.stream, last_seq, last_id, Flaw.head_mismatch, detail)
            return Verification(len(heads), checked, broken)
    return Verification(len(heads), checked, None)


def _flaw(row: Any, last_seq: int, prev: str) -> tuple[Flaw, str] | None:
    if row.seq != last_seq + 1:
        first, last = last_seq + 1, row.seq - 1
        missing = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
        return Flaw.missing_line, f"前面的记录缺失（{missing}被删除）"
    if row.prev_hash != prev:
        return Flaw.link_broken, "与前一行的链接断开（前一行被替换或本行被移动）"
    if link_hash(row.prev_hash, row) != row.hash:
        return Flaw.content_changed, "内容被改动"
    return None
