import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin


class AuditEvent(IdMixin, SQLModel, table=True):
    """Append-only record of every write. Database triggers reject UPDATE and DELETE."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_object", "object_type", "object_id"),
        Index("ix_audit_events_occurred", "occurred_at", "id"),
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
