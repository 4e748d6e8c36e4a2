import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin

ACTIVE = text("ended_at IS NULL")


class LeaderAssignment(IdMixin, SQLModel, table=True):
    """一名市领导牵头一个项目: at most one active lead per project and per leader,
    enforced by partial unique indexes, so a concurrent second assignment fails in the database."""

    __tablename__ = "leader_assignments"
    __table_args__ = (
        Index(
            "uq_leader_assignments_active_project",
            "project_id",
            unique=True,
            postgresql_where=ACTIVE,
            sqlite_where=ACTIVE,
        ),
        Index(
            "uq_leader_assignments_active_leader",
            "leader_id",
            unique=True,
            postgresql_where=ACTIVE,
            sqlite_where=ACTIVE,
        ),
        Index("ix_leader_assignments_project", "project_id", "started_at"),
    )

    project_id: uuid.UUID = Field(foreign_key="projects.id")
    leader_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    assigned_by_id: uuid.UUID = Field(foreign_key="users.id")
    note: str | None = Field(default=None, sa_type=String(500))
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    end_reason: str | None = Field(default=None, sa_type=String(500))


class ServiceTeamMember(IdMixin, SQLModel, table=True):
    """保姆式服务专班 of a key project: responsible business sections (units) and service
    officers (users). Removal ends a row; the rows are the team's history."""

    __tablename__ = "service_team_members"
    __table_args__ = (
        CheckConstraint(
            "(unit_id IS NULL) <> (user_id IS NULL)", name="ck_service_team_members_one"
        ),
        Index("ix_service_team_members_project", "project_id", "added_at"),
    )

    project_id: uuid.UUID = Field(foreign_key="projects.id")
    unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id")
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    added_by_id: uuid.UUID = Field(foreign_key="users.id")
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    removed_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
