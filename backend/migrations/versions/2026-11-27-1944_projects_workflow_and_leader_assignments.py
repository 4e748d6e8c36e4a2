"""Projects through the workflow, leader assignments, service teams, code lists and idempotency.

Revision ID: e35f286e1657
Revises: 0001_foundation
Create Date: 2026-11-27 19:44:22.064796
"""

from collections.abc import Sequence

import sqlalchemy as sa
import app.core.db
from alembic import op


revision: str = '0002_projects'
down_revision: str | None = '0001_foundation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('code_sequences',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', 'year')
    )
    op.create_table('dictionary_items',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('industry_chain', 'source_channel')", name='ck_dictionary_items_kind'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'code', name='uq_dictionary_items_kind_code')
    )
    with op.batch_alter_table('dictionary_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dictionary_items_kind'), ['kind'], unique=False)

    op.create_table('idempotency_records',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner', sa.String(length=80), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('response_body', sa.Text(), nullable=True),
    sa.Column('response_headers', sa.JSON(), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('owner', 'key', name='uq_idempotency_records_owner_key')
    )
    with op.batch_alter_table('idempotency_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_records_created_at'), ['created_at'], unique=False)

    op.create_table('projects',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('investor_name', sa.String(length=200), nullable=False),
    sa.Column('investor_name_key', sa.String(length=200), nullable=False),
    sa.Column('investor_credit_code', sa.String(length=18), nullable=True),
    sa.Column('investor_contacts', sa.JSON(), nullable=False),
    sa.Column('industry_chain', sa.String(length=40), nullable=False),
    sa.Column('source_channel', sa.String(length=40), nullable=False),
    sa.Column('owner_unit_id', sa.Uuid(), nullable=False),
    sa.Column('planned_investment', app.core.db.Money(precision=14, scale=2), nullable=False),
    sa.Column('signed_amount', app.core.db.Money(precision=14, scale=2), nullable=True),
    sa.Column('funds_arrived', app.core.db.Money(precision=14, scale=2), nullable=False),
    sa.Column('is_foreign', sa.Boolean(), nullable=False),
    sa.Column('land_area', app.core.db.Money(precision=14, scale=2), nullable=True),
    sa.Column('expected_jobs', sa.Integer(), nullable=True),
    sa.Column('expected_tax', app.core.db.Money(precision=14, scale=2), nullable=True),
    sa.Column('is_confidential', sa.Boolean(), nullable=False),
    sa.Column('blocker_note', sa.String(length=1000), nullable=True),
    sa.Column('is_major', sa.Boolean(), nullable=False),
    sa.Column('is_key', sa.Boolean(), nullable=False),
    sa.Column('possible_duplicate', sa.Boolean(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('stage_before_shelved', sa.String(length=20), nullable=True),
    sa.Column('stage_entered_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_activity_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_date', sa.Date(), nullable=True),
    sa.Column('agreement_type', sa.String(length=20), nullable=True),
    sa.Column('started_date', sa.Date(), nullable=True),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint("stage IN ('lead', 'evaluation', 'contact', 'negotiation', 'review', 'signed', 'started', 'operating', 'shelved', 'dropped')", name='ck_projects_stage'),
    sa.CheckConstraint('planned_investment >= 0', name='ck_projects_planned_investment'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_code'), ['code'], unique=True)
        batch_op.create_index('ix_projects_created', ['created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_industry_chain'), ['industry_chain'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_investor_credit_code'), ['investor_credit_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_investor_name_key'), ['investor_name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_is_confidential'), ['is_confidential'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_is_key'), ['is_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_is_major'), ['is_major'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_last_activity_at'), ['last_activity_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_owner_unit_id'), ['owner_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_possible_duplicate'), ['possible_duplicate'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_signed_date'), ['signed_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_source_channel'), ['source_channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_stage'), ['stage'], unique=False)
        batch_op.create_index('ix_projects_unit_stage', ['owner_unit_id', 'stage'], unique=False)
        batch_op.create_index('ix_projects_updated', ['updated_at', 'id'], unique=False)

    op.create_table('leader_assignments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('leader_id', sa.Uuid(), nullable=False),
    sa.Column('started_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('assigned_by_id', sa.Uuid(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('ended_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_by_id', sa.Uuid(), nullable=True),
    sa.Column('end_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['ended_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('leader_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leader_assignments_leader_id'), ['leader_id'], unique=False)
        batch_op.create_index('ix_leader_assignments_project', ['project_id', 'started_at'], unique=False)
        batch_op.create_index('uq_leader_assignments_active_leader', ['leader_id'], unique=True, postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))
        batch_op.create_index('uq_leader_assignments_active_project', ['project_id'], unique=True, postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))

    op.create_table('project_approvals',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('opinion', sa.String(length=500), nullable=False),
    sa.Column('approved_by_id', sa.Uuid(), nullable=False),
    sa.Column('approver_name', sa.String(length=64), nullable=False),
    sa.Column('approved_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_approvals_project_id'), ['project_id'], unique=False)

    op.create_table('project_evaluations',
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('conclusion', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('evaluator_id', sa.Uuid(), nullable=True),
    sa.Column('evaluator_name', sa.String(length=64), nullable=False),
    sa.CheckConstraint("conclusion IN ('recommend', 'not_recommend')", name='ck_project_evaluations_conclusion'),
    sa.ForeignKeyConstraint(['evaluator_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_evaluations_project_id'), ['project_id'], unique=False)

    op.create_table('project_follow_ups',
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('participants', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('author_name', sa.String(length=64), nullable=False),
    sa.CheckConstraint("kind IN ('visit', 'call', 'meeting', 'negotiation')", name='ck_project_follow_ups_kind'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_project_follow_ups_project', ['project_id', 'occurred_on'], unique=False)

    op.create_table('project_stage_changes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=True),
    sa.Column('to_stage', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_name', sa.String(length=64), nullable=False),
    sa.Column('occurred_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_stage_changes', schema=None) as batch_op:
        batch_op.create_index('ix_project_stage_changes_project', ['project_id', 'occurred_at'], unique=False)

    op.create_table('service_team_members',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('project_id', sa.Uuid(), nullable=False),
    sa.Column('unit_id', sa.Uuid(), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('added_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by_id', sa.Uuid(), nullable=False),
    sa.Column('removed_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('removed_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint('(unit_id IS NULL) <> (user_id IS NULL)', name='ck_service_team_members_one'),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.ForeignKeyConstraint(['removed_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_team_members', schema=None) as batch_op:
        batch_op.create_index('ix_service_team_members_project', ['project_id', 'added_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_team_members_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('service_team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_team_members_user_id'))
        batch_op.drop_index('ix_service_team_members_project')

    op.drop_table('service_team_members')
    with op.batch_alter_table('project_stage_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_project_stage_changes_project')

    op.drop_table('project_stage_changes')
    with op.batch_alter_table('project_follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_project_follow_ups_project')

    op.drop_table('project_follow_ups')
    with op.batch_alter_table('project_evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_evaluations_project_id'))

    op.drop_table('project_evaluations')
    with op.batch_alter_table('project_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_approvals_project_id'))

    op.drop_table('project_approvals')
    with op.batch_alter_table('leader_assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_leader_assignments_active_project', postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index('uq_leader_assignments_active_leader', postgresql_where=sa.text('ended_at IS NULL'), sqlite_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index('ix_leader_assignments_project')
        batch_op.drop_index(batch_op.f('ix_leader_assignments_leader_id'))

    op.drop_table('leader_assignments')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index('ix_projects_updated')
        batch_op.drop_index('ix_projects_unit_stage')
        batch_op.drop_index(batch_op.f('ix_projects_stage'))
        batch_op.drop_index(batch_op.f('ix_projects_source_channel'))
        batch_op.drop_index(batch_op.f('ix_projects_signed_date'))
        batch_op.drop_index(batch_op.f('ix_projects_possible_duplicate'))
        batch_op.drop_index(batch_op.f('ix_projects_owner_unit_id'))
        batch_op.drop_index(batch_op.f('ix_projects_last_activity_at'))
        batch_op.drop_index(batch_op.f('ix_projects_is_major'))
        batch_op.drop_index(batch_op.f('ix_projects_is_key'))
        batch_op.drop_index(batch_op.f('ix_projects_is_confidential'))
        batch_op.drop_index(batch_op.f('ix_projects_investor_name_key'))
        batch_op.drop_index(batch_op.f('ix_projects_investor_credit_code'))
        batch_op.drop_index(batch_op.f('ix_projects_industry_chain'))
        batch_op.drop_index('ix_projects_created')
        batch_op.drop_index(batch_op.f('ix_projects_code'))

    op.drop_table('projects')
    with op.batch_alter_table('idempotency_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_records_created_at'))

    op.drop_table('idempotency_records')
    with op.batch_alter_table('dictionary_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dictionary_items_kind'))

    op.drop_table('dictionary_items')
    op.drop_table('code_sequences')
