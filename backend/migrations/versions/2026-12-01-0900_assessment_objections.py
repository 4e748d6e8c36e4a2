"""assessment self-reports and objections

年度考核 between opening and confirmation: units' self-reports on hand-scored items with their
evidence files, the 公示 (publicised) round state with its last day for objections, and the
units' objections item by item with the office's answers. A self-report is frozen once its round
leaves `open`; an objection once it is answered. Five notification kinds for the round's steps.

Revision ID: 0015_assessment_objections
Revises: 0014_assessment_rounds
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0015_assessment_objections"
down_revision: str | None = "0014_assessment_rounds"
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
    "report_summary_published",
)
NEW_KINDS = (
    "assessment_opened",
    "assessment_publicized",
    "objection_raised",
    "objection_answered",
    "assessment_final",
)


def _notification_kinds(kinds: tuple[str, ...]) -> None:
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.create_check_constraint("ck_notifications_kind", check)


def _round_states(states: str, drop: tuple[str, ...] = ()) -> None:
    with op.batch_alter_table("assessment_rounds", schema=None) as batch_op:
        batch_op.drop_constraint("ck_assessment_rounds_state", type_="check")
        batch_op.create_check_constraint("ck_assessment_rounds_state", f"state IN ({states})")
        for column in drop:
            batch_op.drop_column(column)


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    # SQLite rebuilds the table for the batch below: its freeze triggers go first and come back.
    unfreeze(op, "assessment_results")
    unfreeze(op, "assessment_rounds")
    with op.batch_alter_table("assessment_rounds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("publicized_at", app.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("objection_due", sa.Date(), nullable=True))
    _round_states("'open', 'objection', 'final'")
    freeze(op, "assessment_rounds", "OLD.state = 'final'", "final assessment rounds are frozen")
    freeze(
        op,
        "assessment_results",
        "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id)"
        " = 'final'",
        "results of a final assessment round are frozen",
    )
    op.create_table(
        "assessment_self_reports",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("result_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("claimed", app.core.db.Money(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reported_by_id", sa.Uuid(), nullable=True),
        sa.Column("reporter_name", sa.String(length=64), nullable=False),
        sa.CheckConstraint("claimed >= 0", name="ck_assessment_self_reports_claimed"),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"]),
        sa.ForeignKeyConstraint(["result_id"], ["assessment_results.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["reported_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "result_id", "item_id", name="uq_assessment_self_reports_result_item"
        ),
    )
    op.create_index(
        "ix_assessment_self_reports_round_id", "assessment_self_reports", ["round_id"]
    )
    op.create_table(
        "assessment_self_report_evidence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by_id", sa.Uuid(), nullable=True),
        sa.Column("uploader_name", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("self_report_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["self_report_id"], ["assessment_self_reports.id"]),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_self_report_evidence_report",
        "assessment_self_report_evidence",
        ["self_report_id", "uploaded_at"],
    )
    op.create_table(
        "assessment_objections",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("result_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("item_label", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raised_by_id", sa.Uuid(), nullable=True),
        sa.Column("raiser_name", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by_id", sa.Uuid(), nullable=True),
        sa.Column("answerer_name", sa.String(length=64), nullable=True),
        sa.Column("answered_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("score_before", app.core.db.Money(), nullable=True),
        sa.Column("score_after", app.core.db.Money(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'accepted', 'rejected')", name="ck_assessment_objections_state"
        ),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"]),
        sa.ForeignKeyConstraint(["result_id"], ["assessment_results.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["raised_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("result_id", "item_id", name="uq_assessment_objections_result_item"),
    )
    op.create_index(
        "ix_assessment_objections_round_state", "assessment_objections", ["round_id", "state"]
    )
    freeze(
        op,
        "assessment_self_reports",
        "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id)"
        " <> 'open'",
        "self-reports of a publicised or final assessment round are frozen",
    )
    freeze(op, "assessment_objections", "OLD.state <> 'pending'", "answered objections are frozen")
    _notification_kinds(NOTIFICATION_KINDS + NEW_KINDS)


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications WHERE kind IN (" + ", ".join(f"'{k}'" for k in NEW_KINDS) + ")"
    )
    _notification_kinds(NOTIFICATION_KINDS)
    unfreeze(op, "assessment_objections")
    unfreeze(op, "assessment_self_reports")
    op.drop_index("ix_assessment_objections_round_state", table_name="assessment_objections")
    op.drop_table("assessment_objections")
    op.drop_index("ix_self_report_evidence_report", table_name="assessment_self_report_evidence")
    op.drop_table("assessment_self_report_evidence")
    op.drop_index("ix_assessment_self_reports_round_id", table_name="assessment_self_reports")
    op.drop_table("assessment_self_reports")
    unfreeze(op, "assessment_results")
    unfreeze(op, "assessment_rounds")
    # Rounds in 公示 go back to being scored: the earlier schema knows no such state.
    op.execute("UPDATE assessment_rounds SET state = 'open' WHERE state = 'objection'")
    _round_states("'open', 'final'", drop=("objection_due", "publicized_at"))
    freeze(op, "assessment_rounds", "OLD.state = 'final'", "final assessment rounds are frozen")
    freeze(
        op,
        "assessment_results",
        "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id)"
        " = 'final'",
        "results of a final assessment round are frozen",
    )
