"""Columns every table shares: UUID key, UTC timestamps and, for mutable rows, a version."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow


class IdMixin(SQLModel):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)


class TimestampMixin(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


class VersionMixin(SQLModel):
    """Optimistic concurrency: every UPDATE checks and bumps `version` (ETag / If-Match)."""

    version: int = Field(default=1, sa_type=Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class FileMixin(IdMixin):
    """An uploaded file's description; the bytes live on disk under `ATTACHMENTS_DIR`, named by
    the row's id."""

    filename: str = Field(sa_type=String(200))
    content_type: str = Field(sa_type=String(100))
    size: int = 0
    sha256: str = Field(default="", sa_type=String(64))
    uploaded_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    uploader_name: str = Field(sa_type=String(64))
    uploaded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


def enum_check(column: str, enum: type[StrEnum], name: str) -> CheckConstraint:
    values = ", ".join(f"'{m.value}'" for m in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name)
