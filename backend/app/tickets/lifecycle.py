"""A ticket's way through 交办: submitted → assigned → accepted → in_progress → resolved →
closed, returned from resolved back to in_progress, cancelled from any open state."""

import uuid
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import service as audit
from app.core.calendar import business_today
from app.core.config import Settings
from app.core.errors import Conflict, Forbidden, field_error
from app.core.principal import Principal
from app.core.time import utcnow
from app.holidays import service as holidays
from app.meetings import followup
from app.models import Project, Ticket, TicketCoHandler, Unit
from app.models.enums import (
    LetterKind,
    NotificationKind,
    TicketEventKind,
    TicketState,
    UnitKind,
    Urgency,
)
from app.notifications import service as notifications
from app.projects import service as projects_service
from app.tickets import letters, scope
from app.tickets.reads import co_handlers, load
from app.tickets.schemas import TicketTransition
from app.tickets.service import add_event

NOTE_REQUIRED = {
    TicketState.resolved: "请填写办理结果",
    TicketState.cancelled: "请填写撤销原因",
}


async def _departments(session: AsyncSession, ids: list[uuid.UUID], field: str) -> None:
    rows = (await session.execute(select(Unit).where(col(Unit.id).in_(ids)))).scalars().all()
    valid = {u.id for u in rows if u.kind == UnitKind.department and u.is_active}
    if set(ids) - valid:
        raise field_error(field, "须为启用的职能部门", "invalid_department")


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
    await _departments(session, [body.lead_department_id], "lead_department_id")
    await _departments(session, co, "co_department_ids")
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
    await session.execute(
        delete(TicketCoHandler).where(col(TicketCoHandler.ticket_id) == ticket.id)
    )
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
) -> Ticket:
    """One step of the lifecycle. `due_date` overrides the urgency's working days on
    assignment (a meeting decision's own deadline)."""
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

    before = audit.snapshot(ticket)
    now = utcnow()
    handlers: list[uuid.UUID | None] = [ticket.lead_department_id]
    notice: tuple[NotificationKind, str, list[uuid.UUID | None]] | None = None
    if target == TicketState.assigned:
        co = await _assign(session, settings, principal, ticket, project, body, due_date)
        handlers = [ticket.lead_department_id, *co]
        notice = (NotificationKind.assigned, f"请于{ticket.due_date}前办结", handlers)
    else:
        handlers += (await co_handlers(session, [ticket.id]))[ticket.id]
    if target == TicketState.accepted:
        ticket.accepted_at = now
    elif target == TicketState.resolved:
        ticket.resolved_at, ticket.resolution = now, body.note
        notice = (NotificationKind.resolved, body.note or "", [project.owner_unit_id])
    elif returning:
        ticket.return_count += 1
        ticket.resolved_at = None
        notice = (NotificationKind.returned, f"退回原因：{body.note}", handlers)
    elif target == TicketState.closed:
        ticket.closed_at = now
        ticket.satisfaction, ticket.satisfaction_comment = (
            body.satisfaction,
            body.satisfaction_comment,
        )
        notice = (NotificationKind.closed, f"满意度 {body.satisfaction} 分", handlers)
    elif target == TicketState.cancelled:
        notice = (NotificationKind.closed, f"已撤销：{body.note}", handlers)
    ticket.state = target.value
    await projects_service.touch(session, project.id)
    await followup.on_ticket_changed(session, principal, ticket, target, body.note)
    await add_event(
        session,
        principal,
        ticket,
        TicketEventKind.transition,
        from_state=current.value,
        to_state=target.value,
        note=body.note,
    )
    if notice:
        kind, text, units = notice
        extra_users = [ticket.requester_id] if kind == NotificationKind.resolved else []
        await notifications.notify(
            session,
            ticket,
            kind,
            text,
            units=[u for u in units if u],
            users=extra_users,
            exclude=principal.user.id if principal.user else None,
        )
    await session.flush()
    audit.record(
        session,
        action=f"ticket.{'return' if returning else target.value}",
        object_type="ticket",
        object_id=ticket.id,
        actor=principal,
        before=before,
        after=audit.snapshot(ticket),
    )
    return ticket
