"""assessment rounds and results

年度考核 rounds: a year's unit group assessed under a published scheme, its snapshot of every
unit's values and scores (assessment_results); a confirmed (final) round and its results are
frozen by the database.

Revision ID: 0014_assessment_rounds
Revises: 0013_assessment_schemes
Create Date: 2026-12-01 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0014_assessment_rounds"
down_revision: str | None = "0013_assessment_schemes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "assessment_rounds",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_group", sa.String(length=20), nullable=False),
        sa.Column("scheme_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("opened_by_id", sa.Uuid(), nullable=True),
        sa.Column("finalized_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finalized_by_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "unit_group IN ('area', 'department')", name="ck_assessment_rounds_unit_group"
        ),
        sa.CheckConstraint("state IN ('open', 'final')", name="ck_assessment_rounds_state"),
        sa.ForeignKeyConstraint(["scheme_id"], ["assessment_schemes.id"]),
        sa.ForeignKeyConstraint(["opened_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["finalized_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "unit_group", name="uq_assessment_rounds_year_group"),
    )
    op.create_table(
        "assessment_results",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("total", app.core.db.Money(), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "grade IN ('excellent', 'good', 'pass', 'fail')", name="ck_assessment_results_grade"
        ),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "unit_id", name="uq_assessment_results_round_unit"),
    )
    op.create_index("ix_assessment_results_round_id", "assessment_results", ["round_id"])
    freeze(op, "assessment_rounds", "OLD.state = 'final'", "final assessment rounds are frozen")
    freeze(
        op,
        "assessment_results",
        "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id)"
        " = 'final'",
        "results of a final assessment round are frozen",
    )


def downgrade() -> None:
    unfreeze(op, "assessment_results")
    unfreeze(op, "assessment_rounds")
    op.drop_index("ix_assessment_results_round_id", table_name="assessment_results")
    op.drop_table("assessment_results")
    op.drop_table("assessment_rounds")
