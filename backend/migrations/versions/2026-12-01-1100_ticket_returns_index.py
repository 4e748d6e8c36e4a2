"""ticket returns index

A partial index on the ticket timeline's returns for more work (反馈 → 办理中) by date: the
年度考核 counts a year's returns per department, and with it reads only that year's returns
however long the other years' timelines grow.

Revision ID: 0017_ticket_returns_index
Revises: 0016_assessment_rewards
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_ticket_returns_index"
down_revision: str | None = "0016_assessment_rewards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RETURNS = "kind = 'transition' AND from_state = 'resolved' AND to_state = 'in_progress'"


def upgrade() -> None:
    op.create_index(
        "ix_ticket_events_returns",
        "ticket_events",
        ["occurred_at"],
        sqlite_where=sa.text(RETURNS),
        postgresql_where=sa.text(RETURNS),
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_events_returns", table_name="ticket_events")
