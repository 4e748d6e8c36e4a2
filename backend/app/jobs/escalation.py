"""交办 → 督办: escalate late tickets one level and remind handlers of coming deadlines; remind
the units carrying out meeting decisions, and those invited to tomorrow's meetings, too
(meetings/reminders.py); open the reporting period that just ended and remind units of their
reports' deadlines (reports/reminders.py).

Rules (working days, configurable): a ticket not accepted within N days of assignment, overdue
past a grace period, or returned more than N times goes to level 1 (督办函); a level-1 ticket
still late N days after its 督办 goes to level 2 (通报). The run is idempotent — a second run
the same day finds nothing new — and safe with several backend processes on one PostgreSQL:
one run at a time holds a transaction-scoped advisory lock, and a unique (ticket, level) row
makes a double escalation impossible even without it.
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar, business_today
from app.core.config import Settings
from app.core.errors import Conflict, Forbidden
from app.core.events import snapshot
from app.core.metrics import Metrics
from app.core.official_docx import chinese_date
from app.core.principal import Principal
from app.holidays import service as holidays
from app.meetings import reminders
from app.models import Escalation, Project, Ticket, Unit
from app.models.enums import EscalationReason, LetterKind, TicketEventKind
from app.models.ticket import AWAITING_ACCEPTANCE, IS_HANDLING
from app.reports import reminders as report_job
from app.tickets import letters, scope
from app.tickets.events import TicketComingDue, TicketEscalated, TicketOverdue
from app.tickets.reads import co_handlers, load
from app.tickets.service import add_event, handlers

log = logging.getLogger("app.jobs.escalation")
ADVISORY_LOCK_KEY = 740_519_001  # any constant unique to this job
JOB = "escalation"  # its name in the job metrics


@dataclass
class RunResult:
    escalated: int = 0
    due_soon_notified: int = 0
    overdue_noticed: int = 0
    decisions_reminded: int = 0
    meetings_reminded: int = 0
    reports_opened: int = 0
    reports_reminded: int = 0
    ran: bool = True


@dataclass(frozen=True)
class Step:
    """What the next 督办 of a ticket is: level 1 issues a 督办函, level 2 a 通报."""

    level: int
    kind: LetterKind
    deadline: date


def next_step(
    settings: Settings, calendar: WorkCalendar, ticket: Ticket, today: date | None = None
) -> Step:
    if ticket.escalation_level >= 2 or ticket.lead_department_id is None:
        raise Conflict("该事项已是最高督办级别或尚未交办", code="cannot_escalate")
    today = today or business_today()
    level = ticket.escalation_level + 1
    deadline = max(
        ticket.due_date or today, calendar.add_working_days(today, settings.ticket_days_critical)
    )
    return Step(
        level=level,
        kind=LetterKind.supervision if level == 1 else LetterKind.circular,
        deadline=deadline,
    )


@dataclass(frozen=True)
class Preview:
    """The 督办 a supervisor is about to issue, for the dialog to name before they confirm."""

    current_level: int
    level: int
    kind: LetterKind
    letter_number: str
    deadline: date
    department_id: uuid.UUID
    department_name: str


async def preview(
    session: AsyncSession, settings: Settings, principal: Principal, ticket_id: uuid.UUID
) -> Preview:
    """The level, letter and deadline a 督办 by hand now would issue; the number is the one
    the letter gets unless another letter of its kind is issued first."""
    ticket, project = await load(session, principal, ticket_id)
    if "escalate" not in scope.actions(principal, ticket, project):
        raise Forbidden("该事项当前不能督办", code="cannot_escalate")
    step = next_step(settings, await holidays.load_calendar(session), ticket)
    assert ticket.lead_department_id is not None
    department = await session.get(Unit, ticket.lead_department_id)
    return Preview(
        current_level=ticket.escalation_level,
        level=step.level,
        kind=step.kind,
        letter_number=await letters.next_number(session, settings, step.kind),
        deadline=step.deadline,
        department_id=ticket.lead_department_id,
        department_name=department.name if department else "",
    )


async def escalate(
    session: AsyncSession,
    settings: Settings,
    calendar: WorkCalendar,
    ticket: Ticket,
    project: Project,
    reason: EscalationReason,
    note: str | None,
    principal: Principal | None = None,
    today: date | None = None,
) -> TicketEscalated:
    """Raises the ticket one level with its letter, on the timeline and against the lead
    department's record; returns the event for the caller to emit (a run emits all at once)."""
    step = next_step(settings, calendar, ticket, today)
    assert ticket.lead_department_id is not None
    level = step.level
    today = today or business_today()
    text_reason = note or reason.label
    letter = await letters.issue(
        session,
        settings,
        principal,
        ticket,
        project,
        step.kind,
        reason=text_reason,
        deadline=step.deadline,
    )
    row = Escalation(
        ticket_id=ticket.id,
        level=level,
        reason=reason.value,
        note=note,
        department_id=ticket.lead_department_id,
        letter_id=letter.id,
        escalated_by_id=principal.user.id if principal and principal.user else None,
    )
    session.add(row)
    ticket.escalation_level = level
    ticket.escalated_on = today
    label = "督办" if level == 1 else "通报"
    await add_event(
        session,
        principal,
        ticket,
        TicketEventKind.escalation,
        note=f"{label}（{letter.number}）：{text_reason}",
        actor_name="系统自动督办",
    )
    co = await co_handlers(session, [ticket.id])
    await session.flush()
    return TicketEscalated(
        actor=principal,
        object_id=ticket.id,
        after=snapshot(row),
        code=ticket.code,
        title=ticket.title,
        project_id=project.id,
        handler_unit_ids=handlers(ticket, co[ticket.id]),
        level=level,
        letter_number=letter.number,
        reason=text_reason,
    )


async def escalate_by_hand(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    ticket_id: uuid.UUID,
    reason: str,
    expected_level: int | None = None,
) -> None:
    """督办 by a supervisor or the coordinator, with their reason; `expected_level` is the
    level their dialog named, and another one (someone escalated meanwhile) is a conflict."""
    ticket, project = await load(session, principal, ticket_id, lock=True)
    if "escalate" not in scope.actions(principal, ticket, project):
        raise Forbidden("该事项当前不能督办", code="cannot_escalate")
    if expected_level is not None and expected_level != ticket.escalation_level + 1:
        raise Conflict(
            "该事项已被他人督办，将发出的文书已变化，请核对后再确认"
            if ticket.escalation_level < 2
            else "该事项已被他人通报，已是最高督办级别",
            code="escalation_level_changed",
        )
    calendar = await holidays.load_calendar(session)
    event = await escalate(
        session, settings, calendar, ticket, project, EscalationReason.manual, reason, principal
    )
    await events.emit(session, event)


def _rules(settings: Settings, calendar: WorkCalendar, today: date) -> list[tuple[Any, Any]]:
    """(reason, condition) pairs; each condition reads only open tickets through partial
    indexes, so closed tickets never cost anything."""
    unaccepted_by = calendar.latest_start_past(today, settings.escalate_unaccepted_days)
    overdue_by = calendar.latest_start_past(today, settings.escalate_overdue_grace_days)
    handling = IS_HANDLING
    return [
        (
            EscalationReason.not_accepted,
            and_(AWAITING_ACCEPTANCE, col(Ticket.assigned_on) <= unaccepted_by),
        ),
        (EscalationReason.overdue, and_(handling, col(Ticket.due_date) <= overdue_by)),
        (
            EscalationReason.returned,
            and_(handling, col(Ticket.return_count) > settings.escalate_max_returns),
        ),
    ]


def _describe(reason: EscalationReason, ticket: Ticket, settings: Settings) -> str:
    """Why, in the words the letter uses."""
    if reason == EscalationReason.not_accepted and ticket.assigned_on:
        return (
            f"交办后{settings.escalate_unaccepted_days}个工作日内仍未签收"
            f"（交办日期{chinese_date(ticket.assigned_on)}）"
        )
    if reason == EscalationReason.overdue and ticket.due_date:
        return f"办理时限为{chinese_date(ticket.due_date)}，已超期未办结"
    if reason == EscalationReason.returned:
        return f"办理结果已被退回{ticket.return_count}次，仍未办结"
    return reason.label


async def run(
    session: AsyncSession,
    settings: Settings,
    today: date | None = None,
    principal: Principal | None = None,
) -> RunResult:
    """One pass of the job inside the caller's transaction; `principal` is the supervisor who
    ran it on demand (recorded as the actor), None for the schedule."""
    if session.get_bind().dialect.name == "postgresql":
        got = await session.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        )
        if not got.scalar_one():
            return RunResult(ran=False)
    today = today or business_today()
    calendar = await holidays.load_calendar(session)
    result = RunResult()
    level2_by = calendar.latest_start_past(today, settings.escalate_level2_days)
    escalated: list[TicketEscalated] = []
    for reason, late in _rules(settings, calendar, today):
        ready = or_(
            col(Ticket.escalation_level) == 0,
            and_(col(Ticket.escalation_level) == 1, col(Ticket.escalated_on) <= level2_by),
        )
        stmt = (
            select(Ticket, Project)
            .join(Project, col(Project.id) == col(Ticket.project_id))
            .where(late, ready)
            .order_by(col(Ticket.due_date), col(Ticket.id))
            .with_for_update(of=Ticket, skip_locked=True)
        )
        for ticket, project in (await session.execute(stmt)).all():
            note = _describe(reason, ticket, settings)
            escalated.append(
                await escalate(
                    session, settings, calendar, ticket, project, reason, note, principal, today
                )
            )
    await events.emit(session, *escalated)
    result.escalated = len(escalated)
    result.due_soon_notified = await _remind_due_soon(session, settings, calendar, today)
    result.overdue_noticed = await _notice_overdue(session, today)
    result.decisions_reminded = await reminders.remind(session, settings, calendar, today)
    result.meetings_reminded = await reminders.remind_meetings(session, calendar, today)
    reporting = await report_job.run(session, settings, calendar, today)
    result.reports_opened, result.reports_reminded = reporting.opened, reporting.reminded
    return result


async def _remind_due_soon(
    session: AsyncSession, settings: Settings, calendar: WorkCalendar, today: date
) -> int:
    """One reminder per ticket coming due, to its lead department's officers: read as plain
    rows, emitted as one batch (the recipients looked up once for all departments)."""
    until = calendar.add_working_days(today, settings.ticket_due_soon_days)
    due_soon = (col(Ticket.due_date) >= today, col(Ticket.due_date) <= until)
    return await _notice_once(session, TicketComingDue, "due_soon_notified", *due_soon)


async def _notice_overdue(session: AsyncSession, today: date) -> int:
    """Once per ticket still in hand past its deadline, the event partners subscribe to as
    `ticket.overdue` (people hear of lateness through 督办)."""
    late = col(Ticket.due_date) < today
    return await _notice_once(session, TicketOverdue, "overdue_notified", late)


async def _notice_once(
    session: AsyncSession,
    kind: type[TicketComingDue] | type[TicketOverdue],
    flag: str,
    *conditions: Any,
) -> int:
    """Emits `kind` once for each ticket in hand that meets `conditions` and has not had it
    (the ticket's boolean column `flag`), then sets the flag: one batch of events, one
    UPDATE."""
    stmt = (
        select(
            col(Ticket.id),
            col(Ticket.code),
            col(Ticket.title),
            col(Ticket.project_id),
            col(Ticket.due_date),
            col(Ticket.lead_department_id),
        )
        .where(IS_HANDLING, ~col(getattr(Ticket, flag)), *conditions)
        .with_for_update(skip_locked=True)
    )
    tickets = (await session.execute(stmt)).all()
    if not tickets:
        return 0
    await events.emit(
        session,
        *(
            kind(
                actor=None,
                object_id=t.id,
                code=t.code,
                title=t.title,
                project_id=t.project_id,
                handler_unit_ids=(t.lead_department_id,),
                due_date=t.due_date,
            )
            for t in tickets
        ),
    )
    await session.execute(
        update(Ticket)
        .where(col(Ticket.id).in_([t.id for t in tickets]))
        .values({flag: True})
        .execution_options(synchronize_session=False)
    )
    return len(tickets)


async def measured(
    metrics: Metrics,
    session: AsyncSession,
    settings: Settings,
    principal: Principal | None = None,
) -> RunResult:
    """`run`, timed and counted in the job metrics (`skipped` when another process held it)."""
    with metrics.job(JOB) as timed:
        result = await run(session, settings, principal=principal)
        if not result.ran:
            timed.outcome = "skipped"
    return result


async def run_once(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> RunResult:
    async with sessionmaker() as session, session.begin():
        return await run(session, settings)


async def run_forever(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, metrics: Metrics
) -> None:
    """The in-process schedule: one run every `ESCALATION_INTERVAL_SECONDS`."""
    while True:
        try:
            async with sessionmaker() as session, session.begin():
                result = await measured(metrics, session, settings)
            if any(
                (
                    result.escalated,
                    result.due_soon_notified,
                    result.decisions_reminded,
                    result.meetings_reminded,
                    result.reports_opened,
                    result.reports_reminded,
                )
            ):
                log.info(
                    "escalation run: %s escalated, %s reminded, %s decisions and %s meetings "
                    "reminded; %s report periods opened, %s reports reminded",
                    result.escalated,
                    result.due_soon_notified,
                    result.decisions_reminded,
                    result.meetings_reminded,
                    result.reports_opened,
                    result.reports_reminded,
                )
        except Exception:
            log.exception("escalation run failed")
        await asyncio.sleep(settings.escalation_interval_seconds)
