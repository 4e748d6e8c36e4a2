"""半年度通报 and the indicators units are ranked on (the annual assessment reuses them)."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import Money, UTCDateTime
from app.core.time import utcnow
from app.models.base import IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import AssessmentGroup, BulletinState, IndicatorDirection


class AssessmentIndicator(IdMixin, TimestampMixin, VersionMixin, table=True):
    """考核指标: what units of one group are ranked on and its weight. How a value is computed
    is named by `key` (app/bulletins/indicators.py); the label, weight and whether it counts are
    the coordinator's to edit."""

    __tablename__ = "assessment_indicators"
    __table_args__ = (
        enum_check("unit_group", AssessmentGroup, "ck_assessment_indicators_unit_group"),
        enum_check("direction", IndicatorDirection, "ck_assessment_indicators_direction"),
        CheckConstraint("weight >= 0", name="ck_assessment_indicators_weight"),
        UniqueConstraint("unit_group", "key", name="uq_assessment_indicators_group_key"),
    )

    unit_group: str = Field(sa_type=String(20))
    key: str = Field(sa_type=String(40))
    label: str = Field(sa_type=String(60))
    weight: Decimal = Field(sa_type=Money)
    direction: str = Field(default=IndicatorDirection.positive.value, sa_type=String(20))
    position: int = Field(default=0)
    is_active: bool = Field(default=True)


class Bulletin(IdMixin, TimestampMixin, VersionMixin, table=True):
    """半年度通报: one per half year, built from a snapshot while a draft, frozen once
    published (the database refuses changes to a published one and its rows)."""

    __tablename__ = "bulletins"
    __table_args__ = (
        enum_check("state", BulletinState, "ck_bulletins_state"),
        CheckConstraint("half IN (1, 2)", name="ck_bulletins_half"),
        UniqueConstraint("year", "half", name="uq_bulletins_year_half"),
    )

    year: int
    half: int
    state: str = Field(default=BulletinState.draft.value, sa_type=String(20))
    title: str = Field(sa_type=String(200))
    period_from: date = Field(sa_type=Date)
    period_to: date = Field(sa_type=Date)
    analysis: str = Field(default="", sa_type=Text)
    # [{unit_id, unit_name, reason}] — the coordinator's lists, defaults proposed on each build.
    praised: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    criticised: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    # The indicators and weights the ranking used, as they were at the build.
    indicators: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    built_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    built_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    published_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class BulletinRow(IdMixin, SQLModel, table=True):
    """One unit's line in a bulletin: its values with the records behind them, scores and
    rank within its group."""

    __tablename__ = "bulletin_rows"
    __table_args__ = (
        enum_check("unit_group", AssessmentGroup, "ck_bulletin_rows_unit_group"),
        UniqueConstraint("bulletin_id", "unit_id", name="uq_bulletin_rows_bulletin_unit"),
    )

    bulletin_id: uuid.UUID = Field(foreign_key="bulletins.id", index=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    unit_name: str = Field(sa_type=String(100))
    unit_group: str = Field(sa_type=String(20))
    score: Decimal = Field(sa_type=Money)
    rank: int
    # [{key, label, value, display, score, list_query, codes}]
    values: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    # Why the unit's duties lagged (overdue tickets or decisions), empty when they did not.
    lagging: list[str] = Field(default_factory=list, sa_type=JSON)
