"""decision reminders and meeting notices

Revision ID: 0005_decision_reminders
Revises: 0004_meetings
Create Date: 2026-11-28 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_decision_reminders"
down_revision: str | None = "0004_meetings"
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
)
NEW_KINDS = ("decision_due_soon", "decision_overdue", "meeting_notice")


def upgrade() -> None:
    # Existing decisions start with neither reminder sent: the next run reminds what is due.
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("due_soon_notified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("overdue_notified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    _notification_kinds(NOTIFICATION_KINDS + NEW_KINDS)
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminded", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications WHERE kind IN (" + ", ".join(f"'{k}'" for k in NEW_KINDS) + ")"
    )
    _notification_kinds(NOTIFICATION_KINDS)
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("reminded")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("overdue_notified")
        batch_op.drop_column("due_soon_notified")


def _notification_kinds(kinds: tuple[str, ...]) -> None:
    # Written again rather than imported from 0004: a migration is frozen history and must not
    # change when another one is edited.
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.create_check_constraint("ck_notifications_kind", check)
