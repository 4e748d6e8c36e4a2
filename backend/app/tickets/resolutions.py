"""The per-day rollup of resolved tickets (ticket_resolution_days), kept in the transaction
that resolves or returns a ticket: one row per day, handling department and project unit."""

import uuid
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.db import upsert
from app.models import Ticket, TicketResolutionDay

# The rollup from the tickets themselves (for data written around the services: the demo's
# backdated history, bulk loads). UNION drops a department that both leads and co-handles.
REBUILD = (
    "DELETE FROM ticket_resolution_days",
    """
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
    """,
)


async def rebuild(session: AsyncSession) -> None:
    for statement in REBUILD:
        await session.execute(text(statement))


async def count(
    session: AsyncSession,
    ticket: Ticket,
    unit_id: uuid.UUID,
    co: Iterable[uuid.UUID],
    sign: int,
) -> None:
    """Adds (sign 1, on resolving) or removes (sign -1, on returning) `ticket`'s resolution,
    as it stands on the ticket, for its lead department and each co-handler."""
    if ticket.resolved_on is None:
        return
    on_time = int(ticket.due_date is not None and ticket.resolved_on <= ticket.due_date)
    days = ticket.working_days_taken
    values = {
        "resolved": sign,
        "on_time": sign * on_time,
        "working_days": sign * (days or 0),
        "timed": sign * int(days is not None),
    }
    table = TicketResolutionDay.__table__  # type: ignore[attr-defined]
    departments = {d for d in (ticket.lead_department_id, *co) if d is not None}
    for department in sorted(departments):
        stmt = upsert(session, table).values(
            resolved_on=ticket.resolved_on, department_id=department, unit_id=unit_id, **values
        )
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["resolved_on", "department_id", "unit_id"],
                set_={k: table.c[k] + stmt.excluded[k] for k in values},
            )
        )
