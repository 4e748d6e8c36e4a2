import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field

from app.core.db import UTCDateTime
from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import Role


class User(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A person who signs in. One unit, one role."""

    __tablename__ = "users"
    __table_args__ = (enum_check("role", Role, "ck_users_role"),)

    username: str = Field(sa_type=String(64), unique=True, index=True)
    full_name: str = Field(sa_type=String(64))
    phone: str | None = Field(default=None, sa_type=String(32))
    role: str = Field(sa_type=String(32), index=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    password_hash: str = Field(sa_type=String(255))
    is_active: bool = Field(default=True)
    # Bumped on logout-all, password, role or unit change and deactivation: ends every token.
    token_version: int = Field(default=1)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginThrottle(TimestampMixin, table=True):
    """Failed sign-ins per username, known or not, so a lockout reveals nothing about existence."""

    __tablename__ = "login_throttles"

    username: str = Field(sa_type=String(64), primary_key=True)
    failures: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RefreshToken(IdMixin, TimestampMixin, table=True):
    """Opaque refresh tokens, stored as SHA-256 hashes, rotated on every use."""

    __tablename__ = "refresh_tokens"

    token_hash: str = Field(sa_type=String(64), unique=True, index=True)
    family_id: uuid.UUID = Field(index=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    token_version: int
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
