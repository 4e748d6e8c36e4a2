import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin


class AuditEvent(IdMixin, SQLModel, table=True):
    """Append-only record of every write. Database triggers reject UPDATE and DELETE.

    Each line is a link of a hash chain (app/audit/chain.py): line `seq` of its `stream` holds
    the hash of the line before it and its own hash over that and its content, so a line
    changed, removed or slipped in behind the application's back breaks the chain."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_object", "object_type", "object_id"),
        Index("ix_audit_events_occurred", "occurred_at", "id"),
        UniqueConstraint("stream", "seq", name="uq_audit_events_stream_seq"),
    )

    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    actor_id: uuid.UUID | None = Field(default=None, index=True)
    actor_name: str | None = Field(default=None, sa_type=String(64))
    actor_role: str | None = Field(default=None, sa_type=String(32))
    unit_id: uuid.UUID | None = Field(default=None)
    client_id: str | None = Field(default=None, sa_type=String(64))
    action: str = Field(sa_type=String(64), index=True)
    object_type: str = Field(sa_type=String(40))
    object_id: str | None = Field(default=None, sa_type=String(64))
    outcome: str = Field(default="success", sa_type=String(16))
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    request_id: str | None = Field(default=None, sa_type=String(64))
    ip: str | None = Field(default=None, sa_type=String(64))
    stream: int = Field(sa_type=Integer, nullable=False)
    seq: int = Field(sa_type=BigInteger, nullable=False)
    prev_hash: str = Field(sa_type=String(64), nullable=False)
    hash: str = Field(sa_type=String(64), nullable=False)


class AuditChainHead(SQLModel, table=True):
    """The last link of each stream of the audit chain. A writing transaction holds one stream's
    row (locked) from its first audit line to its commit; the streams let writers append side by
    side instead of queueing for one row."""

    __tablename__ = "audit_chain_heads"

    stream: int = Field(
        primary_key=True, sa_type=Integer, sa_column_kwargs={"autoincrement": False}
    )
    seq: int = Field(default=0, sa_type=BigInteger, nullable=False)
    hash: str = Field(sa_type=String(64), nullable=False)
