"""年度考核: each year's 考核方案 per unit group (its scored items, grade thresholds) and the
districts' and parks' annual targets the computed items are measured against."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.core.db import Money, UTCDateTime
from app.models.base import FileMixin, IdMixin, TimestampMixin, VersionMixin, enum_check
from app.models.enums import (
    AssessmentGrade,
    AssessmentGroup,
    AssessmentRoundState,
    AwardKind,
    NominationState,
    ObjectionState,
    SchemeItemKind,
    SchemeState,
)


class AssessmentScheme(IdMixin, TimestampMixin, VersionMixin, table=True):
    """考核方案: one year's scheme for one unit group, revision 1, 2, …. A published revision is
    frozen (here and by the database); the year's scheme is its latest published revision."""

    __tablename__ = "assessment_schemes"
    __table_args__ = (
        enum_check("unit_group", AssessmentGroup, "ck_assessment_schemes_unit_group"),
        enum_check("state", SchemeState, "ck_assessment_schemes_state"),
        CheckConstraint("revision >= 1", name="ck_assessment_schemes_revision"),
        CheckConstraint(
            # No upper bound here: SQLite keeps money as hundredths (app/core/db.Money);
            # the API holds thresholds to 0–100.
            "0 <= pass_min AND pass_min < good_min AND good_min < excellent_min",
            name="ck_assessment_schemes_grades",
        ),
        UniqueConstraint(
            "year", "unit_group", "revision", name="uq_assessment_schemes_year_group_revision"
        ),
        # One draft at a time per year and group.
        Index(
            "uq_assessment_schemes_draft",
            "year",
            "unit_group",
            unique=True,
            sqlite_where=text("state = 'draft'"),
            postgresql_where=text("state = 'draft'"),
        ),
    )

    year: int
    unit_group: str = Field(sa_type=String(20))
    revision: int = Field(default=1)
    state: str = Field(default=SchemeState.draft.value, sa_type=String(20))
    title: str = Field(sa_type=String(200))
    # Why this revision replaces the one before; empty for revision 1.
    reason: str = Field(default="", sa_type=Text)
    # Grades by total score: 优秀 ≥ excellent_min, 良好 ≥ good_min, 合格 ≥ pass_min, else 不合格.
    excellent_min: Decimal = Field(default=Decimal("90.00"), sa_type=Money)
    good_min: Decimal = Field(default=Decimal("80.00"), sa_type=Money)
    pass_min: Decimal = Field(default=Decimal("60.00"), sa_type=Money)
    # 奖励经费: the group's part of the year's fund (元), the share of it for individuals (%),
    # and each grade's factor on a unit's score ({"excellent": "1.5", …}; app/assessments/rewards).
    reward_fund: int = 0
    individual_percent: int = 0
    reward_factors: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    created_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    published_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class AssessmentSchemeItem(IdMixin, SQLModel, table=True):
    """One line of a scheme: a computed indicator (`key`, scored by the method its key names,
    app/assessments/catalog.py), a hand-scored item, or a bonus or deduction capped at
    `weight`. A computed deduction takes `points` per occurrence."""

    __tablename__ = "assessment_scheme_items"
    __table_args__ = (
        enum_check("kind", SchemeItemKind, "ck_assessment_scheme_items_kind"),
        CheckConstraint("weight >= 0", name="ck_assessment_scheme_items_weight"),
        CheckConstraint("points IS NULL OR points > 0", name="ck_assessment_scheme_items_points"),
    )

    scheme_id: uuid.UUID = Field(foreign_key="assessment_schemes.id", index=True)
    position: int
    kind: str = Field(sa_type=String(20))
    key: str | None = Field(default=None, sa_type=String(40))
    label: str = Field(sa_type=String(60))
    # Points for computed and manual items; the cap for bonus and deduction items.
    weight: Decimal = Field(sa_type=Money)
    points: Decimal | None = Field(default=None, sa_type=Money)
    criteria: str = Field(default="", sa_type=Text)


class UnitTarget(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A district's or park's annual targets (年度目标任务), set by the coordinator."""

    __tablename__ = "unit_targets"
    __table_args__ = (
        CheckConstraint(
            "signed_amount >= 0 AND major_projects >= 0 AND funds_arrived >= 0",
            name="ck_unit_targets_non_negative",
        ),
        UniqueConstraint("year", "unit_id", name="uq_unit_targets_year_unit"),
    )

    year: int
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    signed_amount: Decimal = Field(sa_type=Money)  # 万元
    major_projects: int
    funds_arrived: Decimal = Field(sa_type=Money)  # 万元


class AssessmentRound(IdMixin, TimestampMixin, VersionMixin, table=True):
    """考核 of one year's unit group under a published scheme: opened with a snapshot of every
    computed value, hand scores entered while open, then confirmed by the supervisor — final
    and frozen (here and by the database), with the results."""

    __tablename__ = "assessment_rounds"
    __table_args__ = (
        enum_check("unit_group", AssessmentGroup, "ck_assessment_rounds_unit_group"),
        enum_check("state", AssessmentRoundState, "ck_assessment_rounds_state"),
        UniqueConstraint("year", "unit_group", name="uq_assessment_rounds_year_group"),
    )

    year: int
    unit_group: str = Field(sa_type=String(20))
    scheme_id: uuid.UUID = Field(foreign_key="assessment_schemes.id")
    state: str = Field(default=AssessmentRoundState.open.value, sa_type=String(20))
    # The business day whose records the snapshot holds.
    as_of: date = Field(sa_type=Date)
    # 公示: when the results were shown to the units, and the last day they may object.
    publicized_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    objection_due: date | None = Field(default=None, sa_type=Date)
    # When the reward split was last generated on the current scores and nominations; cleared
    # when either moves (app/assessments/rewards.py). A split may rightly be empty.
    awards_made_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    opened_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    finalized_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finalized_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class AssessmentResult(IdMixin, TimestampMixin, VersionMixin, table=True):
    """One unit's sheet in a round: every item's value, score and the records behind it as
    they were when the round opened (hand scores as entered), the total, grade and rank."""

    __tablename__ = "assessment_results"
    __table_args__ = (
        enum_check("grade", AssessmentGrade, "ck_assessment_results_grade"),
        UniqueConstraint("round_id", "unit_id", name="uq_assessment_results_round_unit"),
    )

    round_id: uuid.UUID = Field(foreign_key="assessment_rounds.id", index=True)
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    unit_name: str = Field(sa_type=String(100))
    total: Decimal = Field(sa_type=Money)
    grade: str = Field(sa_type=String(20))
    rank: int
    # [{item_id, label, kind, weight, display, score, codes, list_query, note, scored_by}]
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class AssessmentSelfReport(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A unit's 自评 on one hand-scored item of its sheet while the round is open: the points it
    claims and what it did, with evidence files (`SelfReportEvidence`). Frozen (by the
    database too) once the round leaves `open`."""

    __tablename__ = "assessment_self_reports"
    __table_args__ = (
        CheckConstraint("claimed >= 0", name="ck_assessment_self_reports_claimed"),
        UniqueConstraint("result_id", "item_id", name="uq_assessment_self_reports_result_item"),
    )

    round_id: uuid.UUID = Field(foreign_key="assessment_rounds.id", index=True)
    result_id: uuid.UUID = Field(foreign_key="assessment_results.id")
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    item_id: uuid.UUID
    claimed: Decimal = Field(sa_type=Money)
    text: str = Field(sa_type=Text)
    reported_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    reporter_name: str = Field(sa_type=String(64))


class SelfReportEvidence(FileMixin, table=True):
    """A file backing a self-report (佐证材料), stored on disk by `id`."""

    __tablename__ = "assessment_self_report_evidence"
    __table_args__ = (Index("ix_self_report_evidence_report", "self_report_id", "uploaded_at"),)

    self_report_id: uuid.UUID = Field(foreign_key="assessment_self_reports.id")


class AssessmentObjection(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A unit's 申诉 on one item of its publicised sheet, and the office's answer: accepted
    (the item's score moves from `score_before` to `score_after`) or rejected, with the reason.
    One per item; frozen (by the database too) once answered."""

    __tablename__ = "assessment_objections"
    __table_args__ = (
        enum_check("state", ObjectionState, "ck_assessment_objections_state"),
        UniqueConstraint("result_id", "item_id", name="uq_assessment_objections_result_item"),
        Index("ix_assessment_objections_round_state", "round_id", "state"),
    )

    round_id: uuid.UUID = Field(foreign_key="assessment_rounds.id")
    result_id: uuid.UUID = Field(foreign_key="assessment_results.id")
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    unit_name: str = Field(sa_type=String(100))
    item_id: uuid.UUID
    item_label: str = Field(sa_type=String(60))
    reason: str = Field(sa_type=Text)
    raised_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    raiser_name: str = Field(sa_type=String(64))
    state: str = Field(default=ObjectionState.pending.value, sa_type=String(20))
    answer: str = Field(default="", sa_type=Text)
    answered_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    answerer_name: str | None = Field(default=None, sa_type=String(64))
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    score_before: Decimal | None = Field(default=None, sa_type=Money)
    score_after: Decimal | None = Field(default=None, sa_type=Money)


class AssessmentNomination(IdMixin, TimestampMixin, VersionMixin, table=True):
    """A person a unit puts forward for the individual share of the reward (先进个人), with
    what they did; approved or rejected by the office, with the reason. Frozen (by the database
    too) with the round once final."""

    __tablename__ = "assessment_nominations"
    __table_args__ = (
        enum_check("state", NominationState, "ck_assessment_nominations_state"),
        Index("ix_assessment_nominations_round", "round_id", "unit_id"),
    )

    round_id: uuid.UUID = Field(foreign_key="assessment_rounds.id")
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    unit_name: str = Field(sa_type=String(100))
    person_name: str = Field(sa_type=String(64))
    position: str = Field(sa_type=String(100))
    deeds: str = Field(sa_type=Text)
    nominated_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    nominator_name: str = Field(sa_type=String(64))
    state: str = Field(default=NominationState.pending.value, sa_type=String(20))
    answer: str = Field(default="", sa_type=Text)
    answerer_name: str | None = Field(default=None, sa_type=String(64))
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AssessmentAward(IdMixin, TimestampMixin, VersionMixin, table=True):
    """One part of a round's reward split, in whole yuan: a unit's (by grade and score) or an
    approved nominee's. `computed` is the largest-remainder split; `amount` what is paid after
    any adjustment (with `note`, its reason). Frozen (by the database too) once final."""

    __tablename__ = "assessment_awards"
    __table_args__ = (
        enum_check("kind", AwardKind, "ck_assessment_awards_kind"),
        CheckConstraint("computed >= 0 AND amount >= 0", name="ck_assessment_awards_amounts"),
        Index("ix_assessment_awards_round", "round_id", "position"),
    )

    round_id: uuid.UUID = Field(foreign_key="assessment_rounds.id")
    position: int
    kind: str = Field(sa_type=String(20))
    unit_id: uuid.UUID = Field(foreign_key="units.id")
    unit_name: str = Field(sa_type=String(100))
    nomination_id: uuid.UUID | None = Field(default=None, foreign_key="assessment_nominations.id")
    person_name: str | None = Field(default=None, sa_type=String(64))
    grade: str | None = Field(default=None, sa_type=String(20))
    total: Decimal | None = Field(default=None, sa_type=Money)
    computed: int
    amount: int
    note: str = Field(default="", sa_type=Text)
