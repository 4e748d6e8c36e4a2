"""The handlers of tickets in hand (ticket_open_handlers), kept by the transitions that bring a
ticket into the handling states (交办, 退回重办) or take it out (反馈, 撤销): one row per ticket
and handling department, with the project's unit. A ticket is assigned once, so its lead and
co-handlers do not change while the rows exist."""

import uuid
from collections.abc import Iterable

from sqlalchemy import delete, insert, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import Ticket, TicketOpenHandler

# The rows from the tickets themselves (for data written around the services: bulk loads).
REBUILD = (
    "DELETE FROM ticket_open_handlers",
    """
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
    """,
)


async def rebuild(session: AsyncSession) -> None:
    for statement in REBUILD:
        await session.execute(text(statement))


async def enter(
    session: AsyncSession, ticket: Ticket, unit_id: uuid.UUID, co: Iterable[uuid.UUID]
) -> None:
    """The ticket is now in hand: a row for its lead department and each co-handler."""
    departments = sorted({d for d in (ticket.lead_department_id, *co) if d is not None})
    if departments:
        # Core statements, not ORM objects: a returned ticket re-enters within one session.
        await session.execute(
            insert(TicketOpenHandler).values(
                [
                    {"ticket_id": ticket.id, "department_id": d, "unit_id": unit_id}
                    for d in departments
                ]
            )
        )


async def leave(session: AsyncSession, ticket_id: uuid.UUID) -> None:
    """The ticket is out of hand (resolved or cancelled): its rows go."""
    await session.execute(
        delete(TicketOpenHandler).where(col(TicketOpenHandler.ticket_id) == ticket_id)
    )
