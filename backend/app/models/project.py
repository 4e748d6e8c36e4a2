import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Index, String, Text, text
from sqlmodel import Field, SQLModel

from app.core.db import Money, UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import EvaluationConclusion, FollowUpKind, Stage

MAJOR_THRESHOLD = Decimal("10000")  # 万元: 1 亿元 and above is a major project (重大项目)
# Started or operating (落地), as a literal so PostgreSQL can match it to the partial index.
LANDED_STAGES = text("stage IN ('started', 'operating')")
IS_LANDED = text("projects.stage IN ('started', 'operating')")
SIGNED_COVER = [
    "signed_amount",
    "funds_arrived",
    "owner_unit_id",
    "industry_chain",
    "source_channel",
    "stage",
    "is_major",
    "is_key",
]


class Project(IdMixin, TimestampMixin, VersionMixin, table=True):
    """招商项目: one investment project from first lead to production."""

    __tablename__ = "projects"
    __table_args__ = (
        enum_check("stage", Stage, "ck_projects_stage"),
        CheckConstraint("planned_investment >= 0", name="ck_projects_planned_investment"),
        Index("ix_projects_updated", "updated_at", "id"),
        Index("ix_projects_created", "created_at", "id"),
        Index("ix_projects_unit_stage", "owner_unit_id", "stage"),
        # Signings by date, covering what the statistics sum and group by (PostgreSQL answers
        # a period's headline and breakdowns from the index alone; SQLite keeps the date key).
        Index(
            "ix_projects_signed_date",
            "signed_date",
            postgresql_include=SIGNED_COVER,
        ),
        # Landings (落地) by start date: the statistics read started and operating projects only.
        Index(
            "ix_projects_landed",
            "started_date",
            postgresql_where=LANDED_STAGES,
            sqlite_where=LANDED_STAGES,
        ),
    )

    code: str = Field(sa_type=String(20), unique=True, index=True)
    name: str = Field(sa_type=String(200))
    # Empty on a draft lead (信息收集) whose investor is not named yet (read as null); the gate
    # into evaluation needs the full name (app/projects/lead.py).
    investor_name: str = Field(sa_type=String(200))
    # Lower-cased, spaces and punctuation removed: what duplicate detection compares.
    investor_name_key: str = Field(sa_type=String(200), index=True)
    investor_credit_code: str | None = Field(default=None, sa_type=String(18), index=True)
    investor_contacts: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    industry_chain: str = Field(sa_type=String(40), index=True)
    source_channel: str = Field(sa_type=String(40), index=True)
    owner_unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    planned_investment: Decimal = Field(sa_type=Money)
    signed_amount: Decimal | None = Field(default=None, sa_type=Money)
    funds_arrived: Decimal = Field(default=Decimal("0"), sa_type=Money)
    is_foreign: bool = Field(default=False)
    land_area: Decimal | None = Field(default=None, sa_type=Money)
    expected_jobs: int | None = Field(default=None)
    expected_tax: Decimal | None = Field(default=None, sa_type=Money)
    is_confidential: bool = Field(default=False, index=True)
    blocker_note: str | None = Field(default=None, sa_type=String(1000))
    is_major: bool = Field(default=False, index=True)
    is_key: bool = Field(default=False, index=True)
    possible_duplicate: bool = Field(default=False, index=True)
    # The latest year whose major-project list (三级联审) includes this project.
    major_list_year: int | None = Field(default=None, index=True)
    stage: str = Field(default=Stage.lead.value, sa_type=String(20), index=True)
    stage_before_shelved: str | None = Field(default=None, sa_type=String(20))
    stage_entered_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_activity_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    signed_date: date | None = Field(default=None, sa_type=Date)
    agreement_type: str | None = Field(default=None, sa_type=String(20))
    started_date: date | None = Field(default=None, sa_type=Date)
    production_date: date | None = Field(default=None, sa_type=Date)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class StageChange(IdMixin, SQLModel, table=True):
    """One step of a project through the workflow: who, when, from, to and why."""

    __tablename__ = "project_stage_changes"
    __table_args__ = (Index("ix_project_stage_changes_project", "project_id", "occurred_at"),)

    project_id: uuid.UUID = Field(foreign_key="projects.id")
    from_stage: str | None = Field(default=None, sa_type=String(20))
    to_stage: str = Field(sa_type=String(20))
    reason: str | None = Field(default=None, sa_type=String(500))
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    actor_name: str = Field(sa_type=String(64))
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProjectApproval(IdMixin, SQLModel, table=True):
    """The coordinator's approval of a project under review (审核), required before signing."""

    __tablename__ = "project_approvals"

    project_id: uuid.UUID = Field(foreign_key="projects.id", index=True)
    opinion: str = Field(sa_type=String(500))
    approved_by_id: uuid.UUID = Field(foreign_key="users.id")
    approver_name: str = Field(sa_type=String(64))
    approved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Evaluation(IdMixin, TimestampMixin, table=True):
    """项目评估: scored items, a total and a conclusion."""

    __tablename__ = "project_evaluations"
    __table_args__ = (
        enum_check("conclusion", EvaluationConclusion, "ck_project_evaluations_conclusion"),
    )

    project_id: uuid.UUID = Field(foreign_key="projects.id", index=True)
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    total: int
    conclusion: str = Field(sa_type=String(20))
    summary: str | None = Field(default=None, sa_type=Text)
    evaluator_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    evaluator_name: str = Field(sa_type=String(64))


class FollowUp(IdMixin, TimestampMixin, table=True):
    """接洽/洽谈记录: a dated visit, call, meeting or negotiation."""

    __tablename__ = "project_follow_ups"
    __table_args__ = (
        enum_check("kind", FollowUpKind, "ck_project_follow_ups_kind"),
        Index("ix_project_follow_ups_project", "project_id", "occurred_on"),
    )

    project_id: uuid.UUID = Field(foreign_key="projects.id")
    kind: str = Field(sa_type=String(20))
    occurred_on: date = Field(sa_type=Date)
    participants: str = Field(sa_type=String(500))
    notes: str = Field(sa_type=Text)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    author_name: str = Field(sa_type=String(64))


class ProjectConcern(SQLModel, table=True):
    """Which units a project concerns beyond its owner, and through what: a ticket they handle,
    a decision they carry out, a candidate they nominated. Kept by reactions to those domains'
    events (app/projects/concerns.py) so the projects' scope reads one table of its own."""

    __tablename__ = "project_concerns"

    source: str = Field(sa_type=String(20), primary_key=True)
    source_id: uuid.UUID = Field(primary_key=True)
    project_id: uuid.UUID = Field(foreign_key="projects.id", primary_key=True, ondelete="CASCADE")
    unit_id: uuid.UUID = Field(foreign_key="units.id", primary_key=True, index=True)
