"""Webhooks: partner systems' endpoints and every delivery and attempt of the change log's
events to them (app/webhooks)."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Index, String, Text, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import WebhookDeliveryState


class WebhookEndpoint(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A URL a partner client receives events at; it sees what the client may read."""

    __tablename__ = "webhook_endpoints"

    api_client_id: uuid.UUID = Field(foreign_key="api_clients.id", index=True)
    url: str = Field(sa_type=String(500))
    description: str = Field(default="", sa_type=String(200))
    event_types: list[str] = Field(default_factory=list, sa_type=JSON)
    # Standard Webhooks secrets (`whsec_` + base64): the key signs every message, so it is kept.
    secret: str = Field(sa_type=String(100))
    # After a rotation the old secret signs too, until it expires.
    previous_secret: str | None = Field(default=None, sa_type=String(100))
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    is_active: bool = Field(default=True)
    # Since when every attempt has failed; a day of it disables the endpoint.
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled_reason: str | None = Field(default=None, sa_type=String(200))
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class WebhookDelivery(IdMixin, SQLModel, table=True):
    """One event for one endpoint: the exact body sent on every attempt, and where it stands."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        enum_check("state", WebhookDeliveryState, "ck_webhook_deliveries_state"),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index(
            "ix_webhook_deliveries_object",
            "endpoint_id",
            "object_id",
            "occurred_at",
            "position",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "created_at", "id"),
    )

    event_id: uuid.UUID = Field(foreign_key="change_events.id")
    endpoint_id: uuid.UUID = Field(foreign_key="webhook_endpoints.id")
    type: str = Field(sa_type=String(40))
    object_id: uuid.UUID
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    position: int = 0
    body: str = Field(sa_type=Text)
    state: str = Field(default=WebhookDeliveryState.pending.value, sa_type=String(20))
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Retried until then (a day from the event, or from a redelivery), then `failed`.
    expires_at: datetime = Field(sa_type=UTCDateTime)
    # Claimed by a sender until then; a sender that dies leaves it to the next one.
    leased_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_type=String(500))
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def message_id(self) -> str:
        """The `webhook-id` header: its event's, the same on every attempt and endpoint."""
        return f"msg_{self.event_id.hex}"


class WebhookAttempt(IdMixin, SQLModel, table=True):
    """One POST of a delivery: what the receiver answered and how long it took."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery", "delivery_id", "attempted_at"),)

    delivery_id: uuid.UUID = Field(foreign_key="webhook_deliveries.id")
    attempted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    status_code: int | None = None
    latency_ms: int = 0
    response_snippet: str = Field(default="", sa_type=String(500))
    error: str | None = Field(default=None, sa_type=String(500))
