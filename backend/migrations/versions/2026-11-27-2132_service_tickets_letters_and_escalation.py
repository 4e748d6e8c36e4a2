"""Service tickets, letters, escalations, notifications and the working-day calendar

Revision ID: 0003_tickets
Revises: 0002_projects
Create Date: 2026-11-27 21:32:43.210289
"""

from collections.abc import Sequence

import sqlalchemy as sa
import app.core.db
from alembic import op


revision: str = '0003_tickets'
down_revision: str | None = '0002_projects'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


KINDS_BEFORE = "kind IN ('industry_chain', 'source_channel')"
KINDS_AFTER = "kind IN ('industry_chain', 'source_channel', 'ticket_category')"


def _dictionary_kinds(check: str) -> None:
    with op.batch_alter_table('dictionary_items', schema=None) as batch_op:
        batch_op.drop_constraint('ck_dictionary_items_kind', type_='check')
        batch_op.create_check_constraint('ck_dictionary_items_kind', check)


def upgrade() -> None:
    _dictionary_kinds(KINDS_AFTER)
    op.create_table('calendar_overrides',
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('tickets',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('urgency', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('requester_id', sa.Uuid(), nullable=True),
    sa.Column('requester_name', sa.String(length=64), nullable=False),
    sa.Column('requester_unit_id', sa.Uuid(), nullable=False),
    sa.Column('lead_department_id', sa.Uuid(), nullable=True),
    sa.Column('assigned_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assigned_on', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('accepted_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('closed_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('satisfaction_comment', sa.String(length=500), nullable=True),
    sa.Column('return_count', sa.Integer(), nullable=False),
    sa.Column('escalation_level', sa.Integer(), nullable=False),
    sa.Column('escalated_on', sa.Date(), nullable=True),
    sa.Column('last_nudged_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_soon_notified', sa.Boolean(), nullable=False),
    sa.CheckConstraint("source IN ('service_request', 'meeting_decision', 'coordinator')", name='ck_tickets_source'),
    sa.CheckConstraint("state IN ('submitted', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'cancelled')", name='ck_tickets_state'),
    sa.CheckConstraint("state IN ('submitted', 'cancelled') OR lead_department_id IS NOT NULL", name='ck_tickets_assigned_has_department'),
    sa.CheckConstraint("urgency IN ('normal', 'urgent', 'critical')", name='ck_tickets_urgency'),
    sa.CheckConstraint('escalation_level BETWEEN 0 AND 2', name='ck_tickets_escalation_level'),
    sa.CheckConstraint('satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5', name='ck_tickets_satisfaction'),
    sa.ForeignKeyConstraint(['lead_department_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.ForeignKeyConstraint(['requester_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['requester_unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_awaiting_acceptance', ['assigned_on'], unique=False, postgresql_where=sa.text("state = 'assigned'"), sqlite_where=sa.text("state = 'assigned'"))
        batch_op.create_index('ix_tickets_created', ['created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_escalation_level'), ['escalation_level'], unique=False)
        batch_op.create_index('ix_tickets_handling_due', ['due_date'], unique=False, postgresql_where=sa.text("state IN ('assigned', 'accepted', 'in_progress')"), sqlite_where=sa.text("state IN ('assigned', 'accepted', 'in_progress')"))
        batch_op.create_index('ix_tickets_lead_state', ['lead_department_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_requester_id'), ['requester_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_state'), ['state'], unique=False)
        batch_op.create_index('ix_tickets_updated', ['updated_at', 'id'], unique=False)

    op.create_table('letters',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('recipient_unit_id', sa.Uuid(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint("kind IN ('assignment', 'supervision', 'circular')", name='ck_letters_kind'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['recipient_unit_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'year', 'serial', name='uq_letters_kind_year_serial'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index('ix_letters_ticket', ['ticket_id', 'issued_at'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.String(length=500), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('link', sa.String(length=200), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('assigned', 'nudged', 'escalated', 'resolved', 'returned', 'closed', 'due_soon', 'instructed', 'submitted')", name='ck_notifications_kind'),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_unread', ['user_id'], unique=False, postgresql_where=sa.text('read_at IS NULL'), sqlite_where=sa.text('read_at IS NULL'))
        batch_op.create_index('ix_notifications_user', ['user_id', 'created_at', 'id'], unique=False)

    op.create_table('ticket_attachments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Uuid(), nullable=True),
    sa.Column('uploader_name', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket_attachments', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_attachments_ticket', ['ticket_id', 'uploaded_at'], unique=False)

    op.create_table('ticket_co_handlers',
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('ticket_id', 'unit_id')
    )
    with op.batch_alter_table('ticket_co_handlers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_co_handlers_unit_id'), ['unit_id'], unique=False)

    op.create_table('ticket_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_name', sa.String(length=64), nullable=False),
    sa.Column('actor_unit_name', sa.String(length=100), nullable=True),
    sa.Column('occurred_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('transition', 'comment', 'nudge', 'instruction', 'escalation', 'attachment')", name='ck_ticket_events_kind'),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_events_ticket', ['ticket_id', 'occurred_at'], unique=False)

    op.create_table('ticket_escalations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('department_id', sa.Uuid(), nullable=False),
    sa.Column('letter_id', sa.Uuid(), nullable=False),
    sa.Column('escalated_by_id', sa.Uuid(), nullable=True),
    sa.Column('occurred_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("reason IN ('not_accepted', 'overdue', 'returned', 'manual')", name='ck_ticket_escalations_reason'),
    sa.CheckConstraint('level IN (1, 2)', name='ck_ticket_escalations_level'),
    sa.ForeignKeyConstraint(['department_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['escalated_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_id', 'level', name='uq_ticket_escalations_ticket_level')
    )
    with op.batch_alter_table('ticket_escalations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_escalations_department_id'), ['department_id'], unique=False)



def downgrade() -> None:
    op.execute("DELETE FROM dictionary_items WHERE kind = 'ticket_category'")
    _dictionary_kinds(KINDS_BEFORE)
    with op.batch_alter_table('ticket_escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_escalations_department_id'))

    op.drop_table('ticket_escalations')
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_events_ticket')

    op.drop_table('ticket_events')
    with op.batch_alter_table('ticket_co_handlers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_co_handlers_unit_id'))

    op.drop_table('ticket_co_handlers')
    with op.batch_alter_table('ticket_attachments', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_attachments_ticket')

    op.drop_table('ticket_attachments')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user')
        batch_op.drop_index('ix_notifications_unread', postgresql_where=sa.text('read_at IS NULL'), sqlite_where=sa.text('read_at IS NULL'))

    op.drop_table('notifications')
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index('ix_letters_ticket')

    op.drop_table('letters')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_updated')
        batch_op.drop_index(batch_op.f('ix_tickets_state'))
        batch_op.drop_index(batch_op.f('ix_tickets_requester_id'))
        batch_op.drop_index(batch_op.f('ix_tickets_project_id'))
        batch_op.drop_index('ix_tickets_lead_state')
        batch_op.drop_index('ix_tickets_handling_due', postgresql_where=sa.text("state IN ('assigned', 'accepted', 'in_progress')"), sqlite_where=sa.text("state IN ('assigned', 'accepted', 'in_progress')"))
        batch_op.drop_index(batch_op.f('ix_tickets_escalation_level'))
        batch_op.drop_index('ix_tickets_created')
        batch_op.drop_index('ix_tickets_awaiting_acceptance', postgresql_where=sa.text("state = 'assigned'"), sqlite_where=sa.text("state = 'assigned'"))

    op.drop_table('tickets')
    op.drop_table('calendar_overrides')
