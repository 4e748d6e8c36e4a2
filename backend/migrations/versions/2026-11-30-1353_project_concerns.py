"""project concerns

Which units a project concerns beyond its owner (the department officers' scope), kept from
now on by reactions to ticket, decision and review events, and filled here from what exists.

Revision ID: 0006_project_concerns
Revises: 0005_decision_reminders
Create Date: 2026-11-30 13:53:41.200761
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_project_concerns"
down_revision: str | None = "0005_decision_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain SQL that SQLite and PostgreSQL both run: a migration is frozen history and must not
# change when the models or the services do. UNION (not UNION ALL) drops a unit that is both
# the lead and a co-handler, or both responsible and a co-unit.
BACKFILL = (
    # Tickets: the lead department and the co-handlers of every ticket that was assigned.
    """
    INSERT INTO project_concerns (source, source_id, project_id, unit_id)
    SELECT 'ticket', t.id, t.project_id, t.lead_department_id
    FROM tickets t
    WHERE t.lead_department_id IS NOT NULL
    UNION
    SELECT 'ticket', t.id, t.project_id, c.unit_id
    FROM tickets t
    JOIN ticket_co_handlers c ON c.ticket_id = t.id
    WHERE t.lead_department_id IS NOT NULL
    """,
    # Decisions: each project a decision concerns, for its responsible unit and its co-units.
    """
    INSERT INTO project_concerns (source, source_id, project_id, unit_id)
    SELECT 'decision', d.id, dp.project_id, d.responsible_unit_id
    FROM decisions d
    JOIN decision_projects dp ON dp.decision_id = d.id
    UNION
    SELECT 'decision', dp.decision_id, dp.project_id, du.unit_id
    FROM decision_projects dp
    JOIN decision_units du ON du.decision_id = dp.decision_id
    """,
    # Review candidates: the unit that nominated the project.
    """
    INSERT INTO project_concerns (source, source_id, project_id, unit_id)
    SELECT 'review_candidate', rc.id, rc.project_id, rc.nominating_unit_id
    FROM review_candidates rc
    """,
)


def upgrade() -> None:
    op.create_table(
        "project_concerns",
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("source", "source_id", "project_id", "unit_id"),
    )
    with op.batch_alter_table("project_concerns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_concerns_unit_id"), ["unit_id"], unique=False)
    for statement in BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("project_concerns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_concerns_unit_id"))
    op.drop_table("project_concerns")
