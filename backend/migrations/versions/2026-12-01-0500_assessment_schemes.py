"""assessment schemes and unit targets

年度考核: each year's 考核方案 per unit group (revisions, grade thresholds) with its items, and
the districts' and parks' annual targets. A published scheme and its items are frozen by the
database; one draft at a time per year and group.

Revision ID: 0013_assessment_schemes
Revises: 0012_dashboard_reads
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db
from app.core.frozen_rows import freeze, unfreeze

revision: str = "0013_assessment_schemes"
down_revision: str | None = "0012_dashboard_reads"
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
        "assessment_schemes",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_group", sa.String(length=20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("excellent_min", app.core.db.Money(), nullable=False),
        sa.Column("good_min", app.core.db.Money(), nullable=False),
        sa.Column("pass_min", app.core.db.Money(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("published_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "unit_group IN ('area', 'department')", name="ck_assessment_schemes_unit_group"
        ),
        sa.CheckConstraint("state IN ('draft', 'published')", name="ck_assessment_schemes_state"),
        sa.CheckConstraint("revision >= 1", name="ck_assessment_schemes_revision"),
        sa.CheckConstraint(
            # No upper bound here: SQLite keeps money as hundredths (app/core/db.Money);
            # the API holds thresholds to 0–100.
            "0 <= pass_min AND pass_min < good_min AND good_min < excellent_min",
            name="ck_assessment_schemes_grades",
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "year", "unit_group", "revision", name="uq_assessment_schemes_year_group_revision"
        ),
    )
    op.create_index(
        "uq_assessment_schemes_draft",
        "assessment_schemes",
        ["year", "unit_group"],
        unique=True,
        sqlite_where=sa.text("state = 'draft'"),
        postgresql_where=sa.text("state = 'draft'"),
    )
    op.create_table(
        "assessment_scheme_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("scheme_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("weight", app.core.db.Money(), nullable=False),
        sa.Column("points", app.core.db.Money(), nullable=True),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('computed', 'manual', 'bonus', 'deduction')",
            name="ck_assessment_scheme_items_kind",
        ),
        sa.CheckConstraint("weight >= 0", name="ck_assessment_scheme_items_weight"),
        sa.CheckConstraint(
            "points IS NULL OR points > 0", name="ck_assessment_scheme_items_points"
        ),
        sa.ForeignKeyConstraint(["scheme_id"], ["assessment_schemes.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_assessment_scheme_items_scheme_id", "assessment_scheme_items", ["scheme_id"]
    )
    op.create_table(
        "unit_targets",
        *_stamps(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("signed_amount", app.core.db.Money(), nullable=False),
        sa.Column("major_projects", sa.Integer(), nullable=False),
        sa.Column("funds_arrived", app.core.db.Money(), nullable=False),
        sa.CheckConstraint(
            "signed_amount >= 0 AND major_projects >= 0 AND funds_arrived >= 0",
            name="ck_unit_targets_non_negative",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "unit_id", name="uq_unit_targets_year_unit"),
    )
    freeze(
        op,
        "assessment_schemes",
        "OLD.state = 'published'",
        "published assessment schemes are frozen",
    )
    freeze(
        op,
        "assessment_scheme_items",
        "(SELECT state FROM assessment_schemes WHERE assessment_schemes.id = OLD.scheme_id)"
        " = 'published'",
        "items of a published assessment scheme are frozen",
    )


def downgrade() -> None:
    unfreeze(op, "assessment_scheme_items")
    unfreeze(op, "assessment_schemes")
    op.drop_table("unit_targets")
    op.drop_index("ix_assessment_scheme_items_scheme_id", table_name="assessment_scheme_items")
    op.drop_table("assessment_scheme_items")
    op.drop_index("uq_assessment_schemes_draft", table_name="assessment_schemes")
    op.drop_table("assessment_schemes")
