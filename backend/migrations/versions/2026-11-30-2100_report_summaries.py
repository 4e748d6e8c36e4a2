"""report summaries

The bureau's city summary (全市汇总) of a month or quarter: the coordinator's analysis draft
and the published versions, each with the table it froze. Triggers refuse UPDATE and DELETE of
a published version on both dialects. One notification kind, report_summary_published
(notifications.kind widens from 20 to 40 characters to hold it).

Revision ID: 0011_report_summaries
Revises: 0010_bulletins
Create Date: 2026-11-30 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0011_report_summaries"
down_revision: str | None = "0010_bulletins"
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
    "bulletin_published",
)
NEW_KINDS = ("report_summary_published",)


def _notification_kinds(kinds: tuple[str, ...], length: int) -> None:
    """The kinds the CHECK allows; the column widens to 40 for `report_summary_published`."""
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.alter_column(
            "kind",
            existing_type=sa.String(length=40 if length == 20 else 20),
            type_=sa.String(length=length),
            existing_nullable=False,
        )
        batch_op.create_check_constraint("ck_notifications_kind", check)


def upgrade() -> None:
    op.create_table(
        "report_summary_drafts",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("updated_by_name", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["report_periods.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_id", name="uq_report_summary_drafts_period"),
    )
    op.create_table(
        "report_summary_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("published_by_id", sa.Uuid(), nullable=True),
        sa.Column("published_by_name", sa.String(length=64), nullable=False),
        sa.Column("published_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["report_periods.id"]),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "period_id", "version", name="uq_report_summary_versions_period_version"
        ),
    )
    # Every row of the table is a published version: none ever changes.
    freeze(op, "report_summary_versions", "1 = 1", "published summaries are frozen")
    _notification_kinds(NOTIFICATION_KINDS + NEW_KINDS, 40)


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications WHERE kind IN (" + ", ".join(f"'{k}'" for k in NEW_KINDS) + ")"
    )
    _notification_kinds(NOTIFICATION_KINDS, 20)
    unfreeze(op, "report_summary_versions")
    op.drop_table("report_summary_versions")
    op.drop_table("report_summary_drafts")
