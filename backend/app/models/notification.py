import uuid
from datetime import datetime

from sqlalchemy import Index, String, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, enum_check
from app.models.enums import NotificationKind


class Notification(IdMixin, SQLModel, table=True):
    """An in-app message to one person about a ticket or a meeting decision, with a link
    straight to it."""

    __tablename__ = "notifications"
    __table_args__ = (
        enum_check("kind", NotificationKind, "ck_notifications_kind"),
        Index("ix_notifications_user", "user_id", "created_at", "id"),
        Index(
            "ix_notifications_unread",
            "user_id",
            postgresql_where=text("read_at IS NULL"),
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    user_id: uuid.UUID = Field(foreign_key="users.id")
    kind: str = Field(sa_type=String(40))
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=String(500))
    ticket_id: uuid.UUID | None = Field(default=None, foreign_key="tickets.id")
    link: str = Field(sa_type=String(200))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
