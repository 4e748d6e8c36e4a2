"""dashboard reads

Two things the 驾驶舱 reads on every request, made cheap at a million tickets:

- `ticket_open_handlers`: one row per ticket in hand (assigned, accepted, in progress) and
  handling department (lead or co-handler), with the project's unit, kept by the transitions
  in and out of those states; the departments' 在办 figure counts these rows instead of joining
  every open ticket to the co-handlers of all tickets. Filled here from the tickets.
- `ix_projects_signed_date` becomes a covering index on PostgreSQL: the date, then the columns
  the statistics sum, group by and slice on, so a period's headline and breakdowns are
  index-only scans instead of a heap read of every project signed in it. SQLite has no INCLUDE
  and keeps the plain date index.

Both written out as they stand at this revision (not imported from the application).

Revision ID: 0012_dashboard_reads
Revises: 0011_report_summaries
Create Date: 2026-12-01 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_dashboard_reads"
down_revision: str | None = "0011_report_summaries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNED_COVER = [
    "signed_amount",
    "funds_arrived",
    "owner_unit_id",
    "industry_chain",
    "source_channel",
    "stage",
    "is_major",
    "is_key",
]
OPEN_HANDLERS = """
    INSERT INTO ticket_open_handlers (ticket_id, department_id, unit_id)
    SELECT h.id, h.department_id, p.owner_unit_id
    FROM (
        SELECT t.id, t.project_id, t.lead_department_id AS department_id
        FROM tickets t
        WHERE t.state IN ('assigned', 'accepted', 'in_progress')
          AND t.lead_department_id IS NOT NULL
        UNION
        SELECT t.id, t.project_id, c.unit_id
        FROM tickets t JOIN ticket_co_handlers c ON c.ticket_id = t.id
        WHERE t.state IN ('assigned', 'accepted', 'in_progress')
    ) h
    JOIN projects p ON p.id = h.project_id
"""


def upgrade() -> None:
    op.create_table(
        "ticket_open_handlers",
        sa.Column("ticket_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.ForeignKeyConstraint(["department_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("ticket_id", "department_id"),
    )
    op.create_index(
        "ix_ticket_open_handlers_department_id", "ticket_open_handlers", ["department_id"]
    )
    op.create_index("ix_ticket_open_handlers_unit_id", "ticket_open_handlers", ["unit_id"])
    op.execute(OPEN_HANDLERS)
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_projects_signed_date", table_name="projects")
        op.create_index(
            "ix_projects_signed_date", "projects", ["signed_date"], postgresql_include=SIGNED_COVER
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_projects_signed_date", table_name="projects")
        op.create_index("ix_projects_signed_date", "projects", ["signed_date"])
    op.drop_index("ix_ticket_open_handlers_unit_id", table_name="ticket_open_handlers")
    op.drop_index("ix_ticket_open_handlers_department_id", table_name="ticket_open_handlers")
    op.drop_table("ticket_open_handlers")
