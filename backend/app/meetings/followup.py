"""A decision's follow-up record, written by its own steps and by the tickets it created.

Kept apart from `decisions` and `decision_tickets` so the ticket lifecycle can report to it
without importing the code that creates tickets."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import scope
from app.models import Decision, DecisionUpdate, Ticket, Unit
from app.models.enums import DecisionState, DecisionUpdateKind, TicketState


async def add_update(
    session: AsyncSession,
    principal: Principal | None,
    decision: Decision,
    kind: DecisionUpdateKind,
    note: str,
    *,
    progress_date: date | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    ticket_id: uuid.UUID | None = None,
) -> DecisionUpdate:
    unit_name = None
    if principal is not None:
        unit = await session.get(Unit, principal.unit_id)
        unit_name = unit.name if unit else None
    row = DecisionUpdate(
        decision_id=decision.id,
        kind=kind.value,
        progress_date=progress_date,
        note=note,
        from_state=from_state,
        to_state=to_state,
        ticket_id=ticket_id,
        actor_id=principal.user.id if principal and principal.user else None,
        actor_name=principal.display_name if principal else "系统",
        actor_unit_name=unit_name,
    )
    session.add(row)
    return row


async def start(
    session: AsyncSession, principal: Principal | None, decision: Decision, note: str
) -> None:
    """The first sign of work moves an open decision to in progress."""
    if decision.state == DecisionState.open.value:
        decision.state = DecisionState.in_progress.value
        await add_update(
            session,
            principal,
            decision,
            DecisionUpdateKind.transition,
            note,
            from_state=DecisionState.open.value,
            to_state=DecisionState.in_progress.value,
        )


async def on_ticket_changed(
    session: AsyncSession,
    principal: Principal | None,
    ticket: Ticket,
    to_state: TicketState,
    note: str | None,
) -> None:
    """A ticket created from a decision reports its steps on the decision's follow-up."""
    if ticket.decision_id is None or to_state == TicketState.assigned:
        return
    decision = await session.get(Decision, ticket.decision_id, with_for_update=True)
    if decision is None or decision.state not in {s.value for s in scope.OPEN_STATES}:
        return
    unit = await session.get(Unit, ticket.lead_department_id) if ticket.lead_department_id else None
    who = unit.name if unit else ""
    text = f"{ticket.code}（{who}）{to_state.label}"
    if note:
        text += f"：{note}"
    await add_update(
        session, principal, decision, DecisionUpdateKind.ticket, text, ticket_id=ticket.id
    )
    if to_state in (TicketState.accepted, TicketState.in_progress, TicketState.resolved):
        await start(session, principal, decision, f"{ticket.code}已开始办理")
    decision.updated_at = utcnow()
