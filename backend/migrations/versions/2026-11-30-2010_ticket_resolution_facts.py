"""ticket resolution facts

A resolved ticket keeps the business date it was resolved on (Asia/Shanghai) and the working
days it took from assignment, written in the resolving transaction, so the departments' on-time
rate and average days are sums over stored facts; ticket_resolution_days adds them up per day,
handling department and project unit in the same transaction, so a period reads a few rows per
day. Both filled here for the tickets already resolved. A partial index on the start date of
started and operating projects serves the landings (落地) figure.

Revision ID: 0009_ticket_resolution_facts
Revises: 0008_reports
Create Date: 2026-11-30 20:00:00
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import sqlalchemy as sa
from alembic import op

revision: str = "0009_ticket_resolution_facts"
down_revision: str | None = "0008_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHANGHAI = ZoneInfo("Asia/Shanghai")
RESOLVED = sa.text("resolved_on IS NOT NULL")
LANDED = sa.text("stage IN ('started', 'operating')")
# Plain SQL both dialects run; UNION drops a department that both leads and co-handles.
ROLLUP = """
INSERT INTO ticket_resolution_days
    (resolved_on, department_id, unit_id, resolved, on_time, working_days, timed)
SELECT h.resolved_on, h.department_id, p.owner_unit_id, COUNT(*),
       SUM(CASE WHEN h.resolved_on <= h.due_date THEN 1 ELSE 0 END),
       COALESCE(SUM(h.working_days_taken), 0), COUNT(h.working_days_taken)
FROM (
    SELECT t.id, t.project_id, t.resolved_on, t.due_date, t.working_days_taken,
           t.lead_department_id AS department_id
    FROM tickets t
    WHERE t.resolved_on IS NOT NULL AND t.lead_department_id IS NOT NULL
    UNION
    SELECT t.id, t.project_id, t.resolved_on, t.due_date, t.working_days_taken, c.unit_id
    FROM tickets t JOIN ticket_co_handlers c ON c.ticket_id = t.id
    WHERE t.resolved_on IS NOT NULL
) h
JOIN projects p ON p.id = h.project_id
GROUP BY h.resolved_on, h.department_id, p.owner_unit_id
"""


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolved_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("working_days_taken", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_tickets_resolved_on",
            ["resolved_on"],
            unique=False,
            postgresql_where=RESOLVED,
            sqlite_where=RESOLVED,
        )
    op.create_table(
        "ticket_resolution_days",
        sa.Column("resolved_on", sa.Date(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=False),
        sa.Column("timed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("resolved_on", "department_id", "unit_id"),
    )
    _backfill()
    op.execute(ROLLUP)
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(
            "ix_projects_landed",
            ["started_date"],
            unique=False,
            postgresql_where=LANDED,
            sqlite_where=LANDED,
        )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+) rather than a batch copy: copying `tickets` would drop
    # a table other tables' rows point at.
    op.drop_index("ix_projects_landed", table_name="projects")
    op.drop_table("ticket_resolution_days")
    op.drop_index("ix_tickets_resolved_on", table_name="tickets")
    op.drop_column("tickets", "working_days_taken")
    op.drop_column("tickets", "resolved_on")


def _backfill() -> None:
    # The working calendar written out again (not imported from app.core.calendar): a
    # migration is frozen history. Overrides win over the package; a year the package does not
    # know counts Monday to Friday.
    bind = op.get_bind()
    overrides = {
        _day(r[0]): bool(r[1])
        for r in bind.execute(sa.text("SELECT day, is_working_day FROM calendar_overrides"))
    }

    def working(day: date) -> bool:
        if day in overrides:
            return overrides[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return day.weekday() < 5

    def between(start: date, end: date) -> int:
        days, day = 0, start
        while day < end:
            day += timedelta(days=1)
            days += working(day)
        return days

    tickets = sa.table(
        "tickets",
        sa.column("id", sa.Uuid()),
        sa.column("assigned_on", sa.Date()),
        sa.column("resolved_at", sa.DateTime(timezone=True)),
        sa.column("resolved_on", sa.Date()),
        sa.column("working_days_taken", sa.Integer()),
    )
    rows = bind.execute(
        sa.select(tickets.c.id, tickets.c.assigned_on, tickets.c.resolved_at).where(
            tickets.c.resolved_at.is_not(None)
        )
    ).all()
    updates = []
    for ticket_id, assigned_on, resolved_at in rows:
        at = resolved_at if resolved_at.tzinfo else resolved_at.replace(tzinfo=UTC)
        resolved_on = at.astimezone(SHANGHAI).date()
        taken = between(_day(assigned_on), resolved_on) if assigned_on is not None else None
        updates.append({"ticket_id": ticket_id, "resolved_on": resolved_on, "taken": taken})
    if updates:
        bind.execute(
            tickets.update()
            .where(tickets.c.id == sa.bindparam("ticket_id"))
            .values(
                resolved_on=sa.bindparam("resolved_on"), working_days_taken=sa.bindparam("taken")
            ),
            updates,
        )


def _day(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
