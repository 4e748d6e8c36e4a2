"""A decision's follow-up record, written by its own steps and, as a reaction to their
events, by the steps of the tickets it created."""

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import scope
from app.models import Decision, DecisionUpdate
from app.models.enums import DecisionState, DecisionUpdateKind, TicketState
from app.tickets.events import TicketTransitioned
from app.units import service as units


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
        unit_name = (await units.names(session)).get(principal.unit_id)
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


async def ticket_stepped(session: AsyncSession, events: Sequence[TicketTransitioned]) -> None:
    """Reaction: a ticket created from a decision reports its steps (after its assignment) on
    the decision's follow-up, and its work starting moves the decision to in progress."""
    for event in events:
        if event.decision_id is None or event.to_state == TicketState.assigned:
            continue
        decision = await session.get(Decision, event.decision_id, with_for_update=True)
        if decision is None or decision.state not in {s.value for s in scope.OPEN_STATES}:
            continue
        lead = event.handler_unit_ids[0] if event.handler_unit_ids else None
        who = (await units.names(session)).get(lead, "") if lead else ""
        text = f"{event.code}（{who}）{event.to_state.label}"
        if event.note:
            text += f"：{event.note}"
        await add_update(
            session,
            event.actor,
            decision,
            DecisionUpdateKind.ticket,
            text,
            ticket_id=event.object_id,
        )
        if event.to_state in (TicketState.accepted, TicketState.in_progress, TicketState.resolved):
            await start(session, event.actor, decision, f"{event.code}已开始办理")
        decision.updated_at = utcnow()
