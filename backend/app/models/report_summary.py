"""The bureau's city summary (全市汇总) of a month or quarter: the coordinator's draft of the
analysis text, and the published versions. A published version holds the figures as they
stood when it was published (a snapshot), so a later correction of a unit's report never
changes it; the database refuses UPDATE and DELETE of a version on both dialects (migration
`report_summaries`). A correction is a new version with its reason."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, TimestampMixin, VersionMixin


class ReportSummaryDraft(IdMixin, TimestampMixin, VersionMixin, table=True):
    """The analysis text the coordinator is writing for a period's summary."""

    __tablename__ = "report_summary_drafts"
    __table_args__ = (UniqueConstraint("period_id", name="uq_report_summary_drafts_period"),)

    period_id: uuid.UUID = Field(foreign_key="report_periods.id")
    analysis: str = Field(default="", sa_type=Text)
    updated_by_name: str = Field(default="", sa_type=String(64))


class ReportSummaryVersion(IdMixin, SQLModel, table=True):
    """A published version of a period's summary; never changed once written."""

    __tablename__ = "report_summary_versions"
    __table_args__ = (
        UniqueConstraint("period_id", "version", name="uq_report_summary_versions_period_version"),
    )

    period_id: uuid.UUID = Field(foreign_key="report_periods.id")
    version: int
    analysis: str = Field(sa_type=Text)
    # The summary's table as published (rows, totals, comparisons, units missing).
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    reason: str | None = Field(default=None, sa_type=String(500))
    published_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    published_by_name: str = Field(sa_type=String(64))
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
