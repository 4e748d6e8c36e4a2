"""assessment rewards

The reward rule each 考核方案 states (the group's part of the year's fund, the individuals'
share, each grade's factor), the units' nominations of individuals, a round's reward split
(assessment_awards) and when it was last generated. Schemes already recorded get the bureau's
usual rule: 400,000 元 for districts and parks, 200,000 元 for departments (600,000 元 a
year), 20 % for individuals. A final round's nominations and awards are frozen by the
database, like its results.

Revision ID: 0016_assessment_rewards
Revises: 0015_assessment_objections
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0016_assessment_rewards"
down_revision: str | None = "0015_assessment_objections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTORS = {"excellent": "1.50", "good": "1.00", "pass": "0.50", "fail": "0.00"}
SCHEMES_FROZEN = "OLD.state = 'published'"
ITEMS_FROZEN = (
    "(SELECT state FROM assessment_schemes WHERE assessment_schemes.id = OLD.scheme_id)"
    " = 'published'"
)
ROUND_IS_FINAL = (
    "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id) = 'final'"
)


def _stamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
    ]


def _freeze_schemes() -> None:
    freeze(op, "assessment_schemes", SCHEMES_FROZEN, "published assessment schemes are frozen")


def upgrade() -> None:
    with op.batch_alter_table("assessment_schemes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reward_fund", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("individual_percent", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("reward_factors", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("assessment_rounds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("awards_made_at", app.core.db.UTCDateTime(timezone=True), nullable=True)
        )
    # Published schemes are frozen: the rule is given to them with the trigger lifted.
    unfreeze(op, "assessment_schemes")
    op.execute(
        sa.text(
            "UPDATE assessment_schemes SET individual_percent = 20, reward_factors = :factors,"
            " reward_fund = CASE unit_group WHEN 'area' THEN 400000 ELSE 200000 END"
        ).bindparams(sa.bindparam("factors", FACTORS, type_=sa.JSON))
    )
    _freeze_schemes()
    op.create_table(
        "assessment_nominations",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("person_name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("deeds", sa.Text(), nullable=False),
        sa.Column("nominated_by_id", sa.Uuid(), nullable=True),
        sa.Column("nominator_name", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answerer_name", sa.String(length=64), nullable=True),
        sa.Column("answered_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected')",
            name="ck_assessment_nominations_state",
        ),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["nominated_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_assessment_nominations_round", "assessment_nominations", ["round_id", "unit_id"]
    )
    op.create_table(
        "assessment_awards",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("nomination_id", sa.Uuid(), nullable=True),
        sa.Column("person_name", sa.String(length=64), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("total", app.core.db.Money(), nullable=True),
        sa.Column("computed", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('unit', 'individual')", name="ck_assessment_awards_kind"),
        sa.CheckConstraint("computed >= 0 AND amount >= 0", name="ck_assessment_awards_amounts"),
        sa.ForeignKeyConstraint(["round_id"], ["assessment_rounds.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["nomination_id"], ["assessment_nominations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assessment_awards_round", "assessment_awards", ["round_id", "position"])
    freeze(op, "assessment_nominations", ROUND_IS_FINAL, "nominations of a final round are frozen")
    freeze(op, "assessment_awards", ROUND_IS_FINAL, "awards of a final round are frozen")


def downgrade() -> None:
    unfreeze(op, "assessment_awards")
    unfreeze(op, "assessment_nominations")
    op.drop_index("ix_assessment_awards_round", table_name="assessment_awards")
    op.drop_table("assessment_awards")
    op.drop_index("ix_assessment_nominations_round", table_name="assessment_nominations")
    op.drop_table("assessment_nominations")
    # SQLite rebuilds the rounds table here: the triggers that read it go first, then return.
    unfreeze(op, "assessment_self_reports")
    unfreeze(op, "assessment_results")
    unfreeze(op, "assessment_rounds")
    with op.batch_alter_table("assessment_rounds", schema=None) as batch_op:
        batch_op.drop_column("awards_made_at")
    freeze(op, "assessment_rounds", "OLD.state = 'final'", "final assessment rounds are frozen")
    freeze(
        op,
        "assessment_self_reports",
        "(SELECT state FROM assessment_rounds WHERE assessment_rounds.id = OLD.round_id) <> 'open'",
        "self-reports of a publicised or final assessment round are frozen",
    )
    freeze(
        op, "assessment_results", ROUND_IS_FINAL, "results of a final assessment round are frozen"
    )
    # SQLite rebuilds the schemes table here: the items' trigger, which reads it, goes too.
    unfreeze(op, "assessment_scheme_items")
    unfreeze(op, "assessment_schemes")
    with op.batch_alter_table("assessment_schemes", schema=None) as batch_op:
        batch_op.drop_column("reward_factors")
        batch_op.drop_column("individual_percent")
        batch_op.drop_column("reward_fund")
    _freeze_schemes()
    freeze(
        op,
        "assessment_scheme_items",
        ITEMS_FROZEN,
        "items of a published assessment scheme are frozen",
    )
