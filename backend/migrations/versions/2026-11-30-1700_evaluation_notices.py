"""evaluation notices

A district's submission of a lead for evaluation (提交评估) notifies the coordinators: a new
notification kind. (A draft lead's unnamed investor is stored as an empty name, so the
projects table, which other tables reference, is not rebuilt on SQLite.)

Revision ID: 0007_evaluation_notices
Revises: 0006_project_concerns
Create Date: 2026-11-30 17:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_evaluation_notices"
down_revision: str | None = "0006_project_concerns"
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
)
NEW_KINDS = ("evaluation_requested",)


def upgrade() -> None:
    _notification_kinds(NOTIFICATION_KINDS + NEW_KINDS)


def downgrade() -> None:
    op.execute(
        "DELETE FROM notifications WHERE kind IN (" + ", ".join(f"'{k}'" for k in NEW_KINDS) + ")"
    )
    _notification_kinds(NOTIFICATION_KINDS)


def _notification_kinds(kinds: tuple[str, ...]) -> None:
    # Written again rather than imported: a migration is frozen history.
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.create_check_constraint("ck_notifications_kind", check)
