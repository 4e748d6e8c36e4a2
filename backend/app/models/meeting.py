import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import FileMixin, IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import (
    DecisionState,
    DecisionUpdateKind,
    MeetingKind,
    MeetingState,
    ReviewRoundState,
    ReviewVerdict,
)

# Decisions the responsible units still owe work on; only these can be overdue or carried over.
DECISION_OPEN = text("decisions.state IN ('open', 'in_progress')")


class Meeting(IdMixin, TimestampMixin, VersionMixin, table=True):
    """联席会议, 部门会商, 常务会议, 联审会 or 调度会: chaired by a city leader; its minutes are
    frozen once published (a later change is a new version)."""

    __tablename__ = "meetings"
    __table_args__ = (
        enum_check("kind", MeetingKind, "ck_meetings_kind"),
        enum_check("state", MeetingState, "ck_meetings_state"),
        Index("ix_meetings_starts", "starts_at", "id"),
        Index("ix_meetings_kind_starts", "kind", "starts_at"),
    )

    title: str = Field(sa_type=String(200))
    kind: str = Field(sa_type=String(20))
    starts_at: datetime = Field(sa_type=UTCDateTime)
    place: str = Field(sa_type=String(200))
    chair_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    agenda: str = Field(default="", sa_type=Text)
    minutes_draft: str = Field(default="", sa_type=Text)
    state: str = Field(default=MeetingState.draft.value, sa_type=String(20))
    minutes_version: int = Field(default=0)
    previous_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id")
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # The day-before reminder was sent (meetings/reminders.py); a new date clears it.
    reminded: bool = Field(default=False)


class MeetingUnit(SQLModel, table=True):
    """参会单位."""

    __tablename__ = "meeting_units"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class MinutesVersion(IdMixin, SQLModel, table=True):
    """A published version of a meeting's minutes (会议纪要); never changed once written."""

    __tablename__ = "meeting_minutes_versions"
    __table_args__ = (UniqueConstraint("meeting_id", "version", name="uq_minutes_meeting_version"),)

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id")
    version: int
    minutes: str = Field(sa_type=Text)
    reason: str | None = Field(default=None, sa_type=String(500))
    published_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    published_by_name: str = Field(sa_type=String(64))
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeetingAttachment(FileMixin, table=True):
    """A file on a meeting (材料, 签到表, 纪要扫描件), stored on disk by `id`."""

    __tablename__ = "meeting_attachments"
    __table_args__ = (Index("ix_meeting_attachments_meeting", "meeting_id", "uploaded_at"),)

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id")


class CarriedDecision(SQLModel, table=True):
    """An open decision of an earlier joint meeting, on a later joint meeting's agenda."""

    __tablename__ = "meeting_carried_decisions"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True)
    decision_id: uuid.UUID = Field(foreign_key="decisions.id", primary_key=True)


class Decision(IdMixin, TimestampMixin, VersionMixin, table=True):
    """议定事项: what a meeting decided, who carries it out, by when; followed up to done."""

    __tablename__ = "decisions"
    __table_args__ = (
        enum_check("state", DecisionState, "ck_decisions_state"),
        UniqueConstraint("meeting_id", "seq", name="uq_decisions_meeting_seq"),
        Index("ix_decisions_created", "created_at", "id"),
        Index("ix_decisions_updated", "updated_at", "id"),
        Index("ix_decisions_unit_state", "responsible_unit_id", "state"),
        Index(
            "ix_decisions_open_due",
            "due_date",
            postgresql_where=text("state IN ('open', 'in_progress')"),
            sqlite_where=text("state IN ('open', 'in_progress')"),
        ),
    )

    code: str = Field(sa_type=String(20), unique=True)
    meeting_id: uuid.UUID = Field(foreign_key="meetings.id")
    seq: int
    text: str = Field(sa_type=Text)
    responsible_unit_id: uuid.UUID = Field(foreign_key="units.id")
    due_date: date | None = Field(default=None, sa_type=Date)
    state: str = Field(default=DecisionState.open.value, sa_type=String(20))
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # Reminders sent by the scheduled job (meetings/reminders.py); a new due date clears both.
    due_soon_notified: bool = Field(default=False)
    overdue_notified: bool = Field(default=False)


class DecisionUnit(SQLModel, table=True):
    """配合单位 of a decision."""

    __tablename__ = "decision_units"

    decision_id: uuid.UUID = Field(foreign_key="decisions.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)


class DecisionProject(SQLModel, table=True):
    """A project a decision concerns."""

    __tablename__ = "decision_projects"

    decision_id: uuid.UUID = Field(foreign_key="decisions.id", primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="projects.id", primary_key=True, index=True)


class DecisionUpdate(IdMixin, SQLModel, table=True):
    """One entry on a decision's follow-up: a dated progress report, a state change, or what
    happened to a ticket it created."""

    __tablename__ = "decision_updates"
    __table_args__ = (
        enum_check("kind", DecisionUpdateKind, "ck_decision_updates_kind"),
        Index("ix_decision_updates_decision", "decision_id", "occurred_at"),
    )

    decision_id: uuid.UUID = Field(foreign_key="decisions.id")
    kind: str = Field(sa_type=String(20))
    progress_date: date | None = Field(default=None, sa_type=Date)
    note: str = Field(sa_type=Text)
    from_state: str | None = Field(default=None, sa_type=String(20))
    to_state: str | None = Field(default=None, sa_type=String(20))
    ticket_id: uuid.UUID | None = Field(default=None, foreign_key="tickets.id")
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    actor_name: str = Field(sa_type=String(64))
    actor_unit_name: str | None = Field(default=None, sa_type=String(100))
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReviewRound(IdMixin, TimestampMixin, VersionMixin, table=True):
    """三级联审 of one year's major-project list."""

    __tablename__ = "review_rounds"
    __table_args__ = (enum_check("state", ReviewRoundState, "ck_review_rounds_state"),)

    year: int = Field(unique=True)
    title: str = Field(sa_type=String(200))
    state: str = Field(default=ReviewRoundState.nominating.value, sa_type=String(20))
    decision_meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id")
    decided_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    decided_by_name: str | None = Field(default=None, sa_type=String(64))
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class ReviewCandidate(IdMixin, SQLModel, table=True):
    """A project nominated for the year's list, with each level's outcome. Each level is
    written once: level 1 on nomination, level 2 at the 联审会, level 3 at the 常务会议."""

    __tablename__ = "review_candidates"
    __table_args__ = (
        UniqueConstraint("round_id", "project_id", name="uq_review_candidates_round_project"),
        enum_check("verdict", ReviewVerdict, "ck_review_candidates_verdict"),
        CheckConstraint(
            "verdict IS NOT NULL OR listed IS NULL", name="ck_review_candidates_level_order"
        ),
    )

    round_id: uuid.UUID = Field(foreign_key="review_rounds.id", index=True)
    project_id: uuid.UUID = Field(foreign_key="projects.id", index=True)
    # Level 1: nomination by 发改委 or 商务局.
    reason: str = Field(sa_type=Text)
    nominating_unit_id: uuid.UUID = Field(foreign_key="units.id")
    nominated_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    nominated_by_name: str = Field(sa_type=String(64))
    nominated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Level 2: the joint review meeting's verdict.
    verdict: str | None = Field(default=None, sa_type=String(20))
    opinion: str | None = Field(default=None, sa_type=Text)
    review_meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id")
    reviewed_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    reviewed_by_name: str | None = Field(default=None, sa_type=String(64))
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Level 3: on the list or not, as the executive meeting decided.
    listed: bool | None = Field(default=None)
    final_opinion: str | None = Field(default=None, sa_type=Text)
