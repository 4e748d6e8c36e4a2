import uuid
from datetime import datetime

from sqlalchemy import JSON, String
from sqlmodel import Field

from app.core.db import UTCDateTime
from app.models.base import IdMixin, TimestampMixin, VersionMixin


class ApiClient(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A partner system calling the API with OAuth2 client credentials, bound to one unit."""

    __tablename__ = "api_clients"

    client_id: str = Field(sa_type=String(64), unique=True, index=True)
    name: str = Field(sa_type=String(100))
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    secret_hash: str = Field(sa_type=String(255))
    scopes: list[str] = Field(default_factory=list, sa_type=JSON)
    is_active: bool = Field(default=True)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # Requests a minute (and at once) it may make; None: RATE_LIMIT_PARTNER_PER_MINUTE.
    rate_limit_per_minute: int | None = None
