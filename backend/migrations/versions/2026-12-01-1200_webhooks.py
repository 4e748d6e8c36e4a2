"""change log and webhooks

The change log (change_events): one row per change of an object partners may read, written in
the change's transaction with its transaction id, which the change feed follows and webhooks are
sent from. Partner systems' webhook endpoints (URL, event types, signing secret and the previous
one during a rotation, failing/disabled state), one delivery per event and endpoint with the
exact body sent, and every attempt. A partner client's own rate limit and its use per day. Tickets remember that partners were told they passed their deadline
(`overdue_notified`; tickets already late count as told, so the first run sends no backlog). A
notification kind tells admins an endpoint was disabled.

Revision ID: 0018_webhooks
Revises: 0017_ticket_returns_index
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.core.db

revision: str = "0018_webhooks"
down_revision: str | None = "0017_ticket_returns_index"
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
    "assessment_opened",
    "assessment_publicized",
    "objection_raised",
    "objection_answered",
    "assessment_final",
)
PENDING = sa.text("state = 'pending'")
UNDISPATCHED = sa.text("dispatched_at IS NULL AND type IS NOT NULL")


def _notification_kinds(kinds: tuple[str, ...]) -> None:
    check = "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notifications_kind", type_="check")
        batch_op.create_check_constraint("ck_notifications_kind", check)


def _time(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, app.core.db.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("version", sa.Integer(), nullable=False),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("api_client_id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("previous_secret", sa.String(length=100), nullable=True),
        _time("previous_secret_expires_at"),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        _time("failing_since"),
        _time("disabled_at"),
        sa.Column("disabled_reason", sa.String(length=200), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["api_client_id"], ["api_clients.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_webhook_endpoints_api_client_id", "webhook_endpoints", ["api_client_id"])
    op.create_table(
        "change_events",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("xid", sa.BigInteger(), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("change", sa.JSON(), nullable=False),
        _time("occurred_at", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.Uuid(), nullable=True),
        _time("claimed_until"),
        _time("dispatched_at"),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_change_events_feed", "change_events", ["xid", "seq"])
    op.create_index(
        "ix_change_events_undispatched",
        "change_events",
        ["occurred_at", "position"],
        postgresql_where=UNDISPATCHED,
        sqlite_where=UNDISPATCHED,
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("endpoint_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Uuid(), nullable=False),
        _time("occurred_at", nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("next_attempt_at", nullable=False),
        _time("expires_at", nullable=False),
        _time("leased_until"),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        _time("delivered_at"),
        _time("created_at", nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'delivered', 'failed')", name="ck_webhook_deliveries_state"
        ),
        sa.ForeignKeyConstraint(["endpoint_id"], ["webhook_endpoints.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["change_events.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )
    op.create_index(
        "ix_webhook_deliveries_object",
        "webhook_deliveries",
        ["endpoint_id", "object_id", "occurred_at", "position"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )
    op.create_index(
        "ix_webhook_deliveries_endpoint",
        "webhook_deliveries",
        ["endpoint_id", "created_at", "id"],
    )
    op.create_table(
        "webhook_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("delivery_id", sa.Uuid(), nullable=False),
        _time("attempted_at", nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("response_snippet", sa.String(length=500), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["delivery_id"], ["webhook_deliveries.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_webhook_attempts_delivery", "webhook_attempts", ["delivery_id", "attempted_at"]
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("overdue_notified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE tickets SET overdue_notified = TRUE WHERE due_date < CURRENT_DATE"
        " AND state IN ('assigned', 'accepted', 'in_progress')"
    )
    _notification_kinds((*NOTIFICATION_KINDS, "webhook_disabled"))
    with op.batch_alter_table("api_clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_limit_per_minute", sa.Integer(), nullable=True))
    op.create_table(
        "api_client_usage",
        sa.Column("api_client_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("tokens_issued", sa.Integer(), nullable=False),
        _time("last_used_at"),
        sa.ForeignKeyConstraint(["api_client_id"], ["api_clients.id"]),
        sa.PrimaryKeyConstraint("api_client_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("api_client_usage")
    with op.batch_alter_table("api_clients", schema=None) as batch_op:
        batch_op.drop_column("rate_limit_per_minute")
    op.execute("DELETE FROM notifications WHERE kind = 'webhook_disabled'")
    _notification_kinds(NOTIFICATION_KINDS)
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_column("overdue_notified")
    op.drop_index("ix_webhook_attempts_delivery", table_name="webhook_attempts")
    op.drop_table("webhook_attempts")
    op.drop_index("ix_webhook_deliveries_endpoint", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_object", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_due", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_change_events_undispatched", table_name="change_events")
    op.drop_index("ix_change_events_feed", table_name="change_events")
    op.drop_table("change_events")
    op.drop_index("ix_webhook_endpoints_api_client_id", table_name="webhook_endpoints")
    op.drop_table("webhook_endpoints")
