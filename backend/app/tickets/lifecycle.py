"""A ticket's way through 交办: submitted → assigned → accepted → in_progress → resolved →
closed, returned from resolved back to in_progress, cancelled from any open state."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import events
from app.core.calendar import business_today
from app.core.config import Settings
from app.core.errors import Conflict, Forbidden, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.holidays import service as holidays
from app.models import Project, Ticket, TicketCoHandler, Unit
from app.models.enums import (
    LetterKind,
    TicketEventKind,
    TicketState,
    UnitKind,
    Urgency,
)
from app.tickets import letters, open_handlers, resolutions, scope
from app.tickets.events import TicketTransitioned
from app.tickets.reads import co_handlers, load
from app.tickets.schemas import TicketTransition
from app.tickets.service import add_event, handlers
from app.units import service as units_service

NOTE_REQUIRED = {
    TicketState.resolved: "请填写办理结果",
    TicketState.cancelled: "请填写撤销原因",
}


async def _departments(
    session: AsyncSession, lead: uuid.UUID, co: list[uuid.UUID]
) -> dict[uuid.UUID, Unit]:
    units = await units_service.directory(session)
    for field, ids in (("lead_department_id", [lead]), ("co_department_ids", co)):
        found = [units.get(u) for u in ids]
        if not all(u and u.kind == UnitKind.department and u.is_active for u in found):
            raise field_error(field, "须为启用的职能部门", "invalid_department")
    return units


async def _assign(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ticket: Ticket,
    project: Project,
    body: TicketTransition,
    due_date: date | None,
) -> list[uuid.UUID]:
    if body.lead_department_id is None:
        raise field_error("lead_department_id", "交办时请选择牵头办理部门")
    co = list(dict.fromkeys(body.co_department_ids))
    if body.lead_department_id in co:
        raise field_error("co_department_ids", "协办部门不能与牵头部门相同", "invalid_department")
    await _departments(session, body.lead_department_id, co)
    calendar = await holidays.load_calendar(session)
    today = business_today()
    urgency = body.urgency or Urgency(ticket.urgency)
    ticket.urgency = urgency.value
    ticket.lead_department_id = body.lead_department_id
    ticket.assigned_at = utcnow()
    ticket.assigned_on = today
    ticket.due_date = due_date or calendar.add_working_days(
        today, settings.ticket_days(urgency.value)
    )
    # A ticket is assigned once, from submitted: it has no co-handlers to replace yet.
    session.add_all(TicketCoHandler(ticket_id=ticket.id, unit_id=u) for u in co)
    await letters.issue(
        session,
        settings,
        principal,
        ticket,
        project,
        LetterKind.assignment,
        co_units=co,
        deadline=ticket.due_date,
    )
    return co


async def transition(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ticket_id: uuid.UUID,
    body: TicketTransition,
    *,
    due_date: date | None = None,
) -> tuple[Ticket, Project, list[uuid.UUID]]:
    """One step of the lifecycle; returns the ticket, its project and its co-handlers. `due_date`
    overrides the urgency's working days on assignment (a meeting decision's own deadline)."""
    ticket, project = await load(session, principal, ticket_id, lock=True)
    current, target = TicketState(ticket.state), body.to_state
    allowed = scope.allowed_states(principal, ticket, project)
    if body.expected_state != current:
        raise Conflict(
            f"事项状态已变为“{current.label}”，请刷新后重试",
            code="state_changed",
            extra={"current_state": current.value, "allowed": [s.value for s in allowed]},
        )
    if target not in scope.NEXT_STATES[current]:
        names = "、".join(s.label for s in scope.NEXT_STATES[current]) or "无"
        raise Conflict(
            f"“{current.label}”的事项不能转为“{target.label}”（可转为：{names}）",
            code="illegal_transition",
            extra={"current_state": current.value, "allowed": [s.value for s in allowed]},
        )
    if target not in allowed:
        raise Forbidden("这一步不由你办理", code="not_your_step")
    returning = current == TicketState.resolved and target == TicketState.in_progress
    if (target in NOTE_REQUIRED or returning) and not body.note:
        raise field_error("note", "请填写退回原因" if returning else NOTE_REQUIRED[target])
    if target == TicketState.closed and body.satisfaction is None:
        raise field_error("satisfaction", "办结时请评价满意度（1–5）")

    before = snapshot(ticket)
    now = utcnow()
    ticket.state = target.value
    if target == TicketState.assigned:
        co = await _assign(session, settings, principal, ticket, project, body, due_date)
    else:
        co = (await co_handlers(session, [ticket.id]))[ticket.id]
    if target == TicketState.accepted:
        ticket.accepted_at = now
    elif target == TicketState.resolved:
        ticket.resolved_at, ticket.resolution = now, body.note
        ticket.resolved_on = business_today(now)
        if ticket.assigned_on is not None:
            calendar = await holidays.load_calendar(session)
            ticket.working_days_taken = calendar.working_days_between(
                ticket.assigned_on, ticket.resolved_on
            )
        await resolutions.count(session, ticket, project.owner_unit_id, co, 1)
    elif returning:
        ticket.return_count += 1
        await resolutions.count(session, ticket, project.owner_unit_id, co, -1)
        ticket.resolved_at = ticket.resolved_on = ticket.working_days_taken = None
    elif target == TicketState.closed:
        ticket.closed_at = now
        ticket.satisfaction, ticket.satisfaction_comment = (
            body.satisfaction,
            body.satisfaction_comment,
        )
    in_hand = target in scope.HANDLING_STATES
    if in_hand and current not in scope.HANDLING_STATES:
        await open_handlers.enter(session, ticket, project.owner_unit_id, co)
    elif current in scope.HANDLING_STATES and not in_hand:
        await open_handlers.leave(session, ticket.id)
    await add_event(
        session,
        principal,
        ticket,
        TicketEventKind.transition,
        from_state=current.value,
        to_state=target.value,
        note=body.note,
    )
    await session.flush()
    await events.emit(
        session,
        TicketTransitioned(
            actor=principal,
            object_id=ticket.id,
            before=before,
            after=snapshot(ticket),
            code=ticket.code,
            title=ticket.title,
            project_id=project.id,
            handler_unit_ids=handlers(ticket, co),
            from_state=current,
            to_state=target,
            note=body.note,
            owner_unit_id=project.owner_unit_id,
            requester_id=ticket.requester_id,
            decision_id=ticket.decision_id,
            due_date=ticket.due_date,
            satisfaction=ticket.satisfaction,
        ),
    )
    return ticket, project, co
