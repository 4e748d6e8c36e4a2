import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, String
from sqlmodel import Field, SQLModel

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


class ApiClientUsage(SQLModel, table=True):
    """A partner client's use of the API on one day (Beijing time): added up by each API
    process and written every few seconds (app/api_clients/usage.py)."""

    __tablename__ = "api_client_usage"

    api_client_id: uuid.UUID = Field(foreign_key="api_clients.id", primary_key=True)
    day: date = Field(primary_key=True, sa_type=Date)
    requests: int = 0
    tokens_issued: int = 0
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
