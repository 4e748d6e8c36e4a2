import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow

# SQLite gives an INTEGER PRIMARY KEY its rowid, growing by one.
SEQ = BigInteger().with_variant(Integer(), "sqlite")


class ChangeEvent(SQLModel, table=True):
    """The change log: one row per change of an object partners may read, written in the
    transaction of the change (app/changes). It is the change feed partners follow, and the
    outbox webhooks are sent from (rows with a `type`)."""

    __tablename__ = "change_events"
    __table_args__ = (
        Index("ix_change_events_feed", "xid", "seq"),
        Index(
            "ix_change_events_undispatched",
            "occurred_at",
            "position",
            postgresql_where=text("dispatched_at IS NULL AND type IS NOT NULL"),
            sqlite_where=text("dispatched_at IS NULL AND type IS NOT NULL"),
        ),
    )

    seq: int | None = Field(default=None, primary_key=True, sa_type=SEQ)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, unique=True)
    # The writing transaction's id on PostgreSQL (0 on SQLite, whose writers take turns): the
    # feed reads only transactions that have all finished, in (xid, seq) order.
    xid: int = Field(default=0, sa_type=BigInteger)
    object_type: str = Field(sa_type=String(40))
    object_id: uuid.UUID
    # `changed` or `deleted`.
    action: str = Field(default="changed", sa_type=String(20))
    # The webhook type partners may subscribe to, if the change is one.
    type: str | None = Field(default=None, sa_type=String(40))
    # The unit whose partners may hear of an object that no longer exists (a deleted lead).
    unit_id: uuid.UUID | None = None
    # What changed, in a few fields the object itself no longer shows (from and to states).
    change: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Order within one transaction's events.
    position: int = 0
    # A webhook dispatcher reading the object for its endpoints holds the event until then,
    # under its own claim; only the holder of the claim may mark it dispatched.
    claimed_by: uuid.UUID | None = None
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    dispatched_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
