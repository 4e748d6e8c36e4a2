from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlmodel import Field

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin


class IdempotencyRecord(IdMixin, table=True):
    """A POST made with an Idempotency-Key, and the response it got, replayed on a retry."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_idempotency_records_owner_key"),)

    owner: str = Field(sa_type=String(80))
    key: str = Field(sa_type=String(200))
    method: str = Field(sa_type=String(10))
    path: str = Field(sa_type=String(500))
    request_hash: str = Field(sa_type=String(64))
    status_code: int | None = Field(default=None)
    response_body: str | None = Field(default=None, sa_type=Text)
    response_headers: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
