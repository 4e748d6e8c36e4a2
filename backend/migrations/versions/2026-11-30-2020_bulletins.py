"""half-year bulletins and assessment indicators

半年度通报: the indicators units are ranked on (with their weights, the coordinator's to edit,
seeded here with the bureau's defaults; the annual assessment reuses them), the bulletins and
their rows. A published bulletin and its rows are frozen by the database. A new notification
kind tells the units a bulletin was published.

Revision ID: 0010_bulletins
Revises: 0009_ticket_resolution_facts
Create Date: 2026-11-30 20:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0010_bulletins"
down_revision: str | None = "0009_ticket_resolution_facts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTIFICATION_KINDS = (
    "assigned",
    "nudged",
    "escalated",
    "resolved",
    "returned",
    "closed",
    "due_soon",
    "instructed",
    "submitted",
    "decision_assigned",
    "decision_due_soon",
    "decision_overdue",
    "meeting_notice",
    "evaluation_requested",
    "report_due_soon",
    "report_overdue",
    "report_submitted",
    "report_returned",
)
NEW_KINDS = ("bulletin_published",)

# (group, key, label, weight, direction): written out rather than imported, a migration is
# frozen history. Weights add up to 100 in each group.
DEFAULT_INDICATORS = (
    ("area", "signed_amount", "签约金额", "30", "positive"),
    ("area", "signed_major", "签约 1 亿元以上项目", "20", "positive"),
    ("area", "landed", "落地项目（开工）", "20", "positive"),
    ("area", "funds_arrived", "到位资金", "15", "positive"),
    ("area", "activities_reported", "重要会议和活动报送", "5", "positive"),
    ("area", "decisions_on_time", "议定事项按时落实率", "10", "positive"),
    ("department", "ticket_on_time", "服务事项按时办结率", "70", "positive"),
    ("department", "escalations", "被督办、通报", "30", "negative"),
)


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    indicators = op.create_table(
        "assessment_indicators",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_group", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("weight", app.core.db.Money(), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "unit_group IN ('area', 'department')", name="ck_assessment_indicators_unit_group"
        ),
        sa.CheckConstraint(
            "direction IN ('positive', 'negative')", name="ck_assessment_indicators_direction"
        ),
        sa.CheckConstraint("weight >= 0", name="ck_assessment_indicators_weight"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_group", "key", name="uq_assessment_indicators_group_key"),
    )
    op.create_table(
        "bulletins",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("half", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("praised", sa.JSON(), nullable=False),
        sa.Column("criticised", sa.JSON(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("built_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("built_by_id", sa.Uuid(), nullable=True),
        sa.Column("published_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("state IN ('draft', 'published')", name="ck_bulletins_state"),
        sa.CheckConstraint("half IN (1, 2)", name="ck_bulletins_half"),
        sa.ForeignKeyConstraint(["built_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "half", name="uq_bulletins_year_half"),
    )
    op.create_table(
        "bulletin_rows",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bulletin_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("unit_group", sa.String(length=20), nullable=False),
        sa.Column("score", app.core.db.Money(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("lagging", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "unit_group IN ('area', 'department')", name="ck_bulletin_rows_unit_group"
        ),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletins.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bulletin_id", "unit_id", name="uq_bulletin_rows_bulletin_unit"),
    )
    with op.batch_alter_table("bulletin_rows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bulletin_rows_bulletin_id"), ["bulletin_id"], unique=False
        )
    now = datetime.now(UTC)
    op.bulk_insert(
        indicators,
        [
            {
                "id": uuid.uuid4(),
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "unit_group": group,
                "key": key,
                "label": label,
                "weight": Decimal(weight),
                "direction": direction,
                "position": position,
                "is_active": True,
            }
            for position, (group, key, label, weight, direction) in enumerate(DEFAULT_INDICATORS)
        ],
    )
    freeze(op, "bulletins", "OLD.state = 'published'", "published bulletins are frozen")
    freeze(
        op,
        "bulletin_rows",
        "(SELECT state FROM bulletins WHERE bulletins.id = OLD.bulletin_id) = 'published'",
        "rows of a published bulletin are frozen",
    )
    _notification_kinds(NOTIFICATION_KINDS + NEW_KINDS)


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications WHERE kind IN (" + ", ".join(f"'{k}'" for k in NEW_KINDS) + ")"
    )
    _notification_kinds(NOTIFICATION_KINDS)
    unfreeze(op, "bulletin_rows")
    unfreeze(op, "bulletins")
    with op.batch_alter_table("bulletin_rows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bulletin_rows_bulletin_id"))
    op.drop_table("bulletin_rows")
    op.drop_table("bulletins")
    op.drop_table("assessment_indicators")


def _notification_kinds(kinds: tuple[str, ...]) -> None:
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.create_check_constraint("ck_notifications_kind", check)
