"""月报 / 季报: reporting periods and each district's and park's report for one.

The figures of a report are rows of their own (computed value, the unit's correction and its
reason side by side) so that the bureau's city summary can add up the accepted figures per unit
and period in SQL. An accepted report, its figures and its history are frozen by database
triggers (migration `reports`), beneath the API's own refusal.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import Money, UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import ReportFigureKey, ReportKind, ReportState

# The narrative sections the bureau's rules name, in order: column → heading.
NARRATIVE_SECTIONS: dict[str, str] = {
    "measures": "重大措施",
    "meetings": "重要会议",
    "activities": "重要活动",
    "project_progress": "重点项目进展",
    "problems": "存在问题",
    "next_plan": "下月工作计划",
}


class ReportPeriod(IdMixin, TimestampMixin, table=True):
    """报表期: one month or quarter, its dates and the units' deadline."""

    __tablename__ = "report_periods"
    __table_args__ = (
        enum_check("kind", ReportKind, "ck_report_periods_kind"),
        UniqueConstraint("kind", "year", "number", name="uq_report_periods_kind_year_number"),
        CheckConstraint("number >= 1 AND number <= 12", name="ck_report_periods_number"),
        CheckConstraint("date_from <= date_to", name="ck_report_periods_dates"),
    )

    kind: str = Field(sa_type=String(20))
    year: int
    # The month (1–12) or the quarter (1–4).
    number: int
    date_from: date = Field(sa_type=Date)
    date_to: date = Field(sa_type=Date)
    deadline: date = Field(sa_type=Date, index=True)
    opened_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class UnitReport(IdMixin, TimestampMixin, VersionMixin, table=True):
    """One unit's report for one period."""

    __tablename__ = "unit_reports"
    __table_args__ = (
        enum_check("state", ReportState, "ck_unit_reports_state"),
        UniqueConstraint("period_id", "unit_id", name="uq_unit_reports_period_unit"),
        Index("ix_unit_reports_unit", "unit_id", "period_id"),
        Index("ix_unit_reports_state", "state"),
    )

    period_id: uuid.UUID = Field(foreign_key="report_periods.id")
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    state: str = Field(default=ReportState.draft.value, sa_type=String(20))
    measures: str = Field(default="", sa_type=Text)
    meetings: str = Field(default="", sa_type=Text)
    activities: str = Field(default="", sa_type=Text)
    project_progress: str = Field(default="", sa_type=Text)
    problems: str = Field(default="", sa_type=Text)
    next_plan: str = Field(default="", sa_type=Text)
    # The unit's major projects as they stood when the figures were last computed.
    projects: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    computed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    first_submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # First submitted after the deadline (Asia/Shanghai dates).
    late: bool = Field(default=False)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    return_reason: str | None = Field(default=None, sa_type=String(500))
    due_soon_notified: bool = Field(default=False)
    overdue_notified: bool = Field(default=False)


class UnitReportFigure(SQLModel, table=True):
    """One pre-filled figure of a report: what the data gave and, when the unit corrected it,
    the corrected value and why."""

    __tablename__ = "unit_report_figures"
    __table_args__ = (enum_check("key", ReportFigureKey, "ck_unit_report_figures_key"),)

    report_id: uuid.UUID = Field(foreign_key="unit_reports.id", primary_key=True)
    key: str = Field(sa_type=String(20), primary_key=True)
    computed: Decimal = Field(sa_type=Money)
    corrected: Decimal | None = Field(default=None, sa_type=Money)
    reason: str | None = Field(default=None, sa_type=String(500))


class UnitReportEvent(IdMixin, SQLModel, table=True):
    """A report's history: who did what, when, to which state, and why."""

    __tablename__ = "unit_report_events"
    __table_args__ = (
        enum_check("to_state", ReportState, "ck_unit_report_events_to_state"),
        Index("ix_unit_report_events_report", "report_id", "occurred_at"),
    )

    report_id: uuid.UUID = Field(foreign_key="unit_reports.id")
    action: str = Field(sa_type=String(20))
    from_state: str | None = Field(default=None, sa_type=String(20))
    to_state: str = Field(sa_type=String(20))
    reason: str | None = Field(default=None, sa_type=String(500))
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    actor_name: str = Field(sa_type=String(64))
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
