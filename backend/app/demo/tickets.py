"""Demo service tickets on Xiangtan's key projects, in every state, with letters and a timeline.

Dates are counted back from today in working days so the demo always has a ticket waiting
for the coordinator, one due soon, one overdue (not yet escalated: the next escalation run
picks it up) and one already under 督办.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar, business_today
from app.core.config import Settings
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.holidays import service as holidays
from app.jobs import escalation
from app.models import Escalation, Letter, Project, Ticket, TicketEvent, Unit, User
from app.models.enums import (
    EscalationReason,
    LetterKind,
    Role,
    TicketEventKind,
    TicketState,
    Urgency,
)
from app.tickets import lifecycle, resolutions
from app.tickets import service as tickets
from app.tickets.reads import load
from app.tickets.schemas import TicketCreate, TicketTransition


@dataclass(frozen=True)
class DemoTicket:
    project: str
    category: str
    title: str
    description: str
    urgency: str
    state: TicketState
    department: str | None = None
    co: tuple[str, ...] = ()
    assigned_days_ago: int = 0  # working days
    escalated: bool = False
    resolution: str | None = None
    satisfaction: int | None = None


DEMO_TICKETS = [
    DemoTicket(
        "塔奥（地通）智能装备产业园",
        "land",
        "二期用地报批进度缓慢",
        "二期 120 亩工业用地已完成土地收储，农转用报批材料上报后尚无进展，影响二期厂房开工。",
        "urgent",
        TicketState.in_progress,
        "zrzy",
        assigned_days_ago=9,
    ),
    DemoTicket(
        "湘江风电叶片及整机配套项目",
        "policy",
        "首期产业扶持资金兑现",
        "项目已按协议完成首期设备投资 3.2 亿元，申请兑现首期产业扶持资金。",
        "normal",
        TicketState.in_progress,
        "fgw",
        co=("czj",),
        assigned_days_ago=16,
        escalated=True,
    ),
    DemoTicket(
        "塔奥（地通）智能装备产业园",
        "utilities",
        "厂区 110 千伏专线接入",
        "一期投产后用电负荷将达 3 万千伏安，需尽快建设 110 千伏专线。",
        "normal",
        TicketState.submitted,
    ),
    DemoTicket(
        "湘江风电叶片及整机配套项目",
        "planning",
        "总平面规划方案审查",
        "叶片车间跨度调整，需对总平面规划方案进行变更审查。",
        "urgent",
        TicketState.accepted,
        "zrzy",
        assigned_days_ago=3,
    ),
    DemoTicket(
        "蓝思科技湘潭新材料项目",
        "environment",
        "三期扩产环评批复",
        "三期玻璃盖板扩产项目环评报告书已报送，请协调加快审批。",
        "normal",
        TicketState.resolved,
        "sthj",
        assigned_days_ago=8,
        resolution="环评报告书已于本周通过技术评审，批复文件已印发企业。",
    ),
    DemoTicket(
        "吉昌动漫玩具智能制造基地",
        "labour",
        "旺季用工缺口 300 人",
        "四季度订单增长，普工缺口约 300 人，请协助组织专场招聘。",
        "normal",
        TicketState.closed,
        "rsj",
        assigned_days_ago=20,
        resolution="已在湘潭县、湘乡市组织两场专场招聘会，企业招录 326 人。",
        satisfaction=5,
    ),
]


# The department's steps, then the raising side's.
WORK = [TicketState.accepted, TicketState.in_progress, TicketState.resolved, TicketState.closed]


def _working_days_before(calendar: WorkCalendar, day: date, n: int) -> date:
    while n > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


async def seed_tickets(session: AsyncSession, settings: Settings) -> int:
    """Adds the demo tickets once (skipped when any ticket exists). Each goes through the same
    services as a real one (raised, assigned, worked, escalated, with their letters, timeline,
    notifications, audit lines and project concerns); the dates are then set back to when the
    demo says it happened."""
    if (await session.execute(select(col(Ticket.id)).limit(1))).first():
        return 0
    units = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    people = {name: Principal.of_user(user) for name, user in users.items()}
    projects = {p.name: p for p in (await session.execute(select(Project))).scalars()}
    calendar = await holidays.load_calendar(session)
    today = business_today()
    for demo in DEMO_TICKETS:
        project = projects[demo.project]
        # Raised by the project's district or park officer, or by the coordinator for a unit
        # without a demo account.
        owner = next(
            (
                people[name]
                for name, u in users.items()
                if u.unit_id == project.owner_unit_id and u.role == Role.unit_officer
            ),
            people["coordinator"],
        )
        assigned_on = _working_days_before(calendar, today, demo.assigned_days_ago)
        body = TicketCreate(
            project_id=project.id,
            category=demo.category,
            title=demo.title,
            description=demo.description,
            urgency=Urgency(demo.urgency),
        )
        ticket = await tickets.create(session, owner, body)
        times = [_at(assigned_on - timedelta(days=1), 10)]
        if demo.department:
            lead = units[demo.department]
            due = calendar.add_working_days(assigned_on, settings.ticket_days(demo.urgency))
            assignment = TicketTransition(
                expected_state=TicketState.submitted,
                to_state=TicketState.assigned,
                lead_department_id=lead.id,
                co_department_ids=[units[c].id for c in demo.co],
            )
            coordinator = people["coordinator"]
            await lifecycle.transition(
                session, settings, coordinator, ticket.id, assignment, due_date=due
            )
            times.append(_at(assigned_on, 9))
            ticket.assigned_at, ticket.assigned_on = times[-1], assigned_on
            # The lead department's officer works it a day a step; the raising side closes it.
            handler = next(p for p in people.values() if p.unit_id == lead.id)
            for state in WORK[: WORK.index(demo.state) + 1]:
                who = owner if state == TicketState.closed else handler
                await _step(session, settings, who, ticket, state, demo)
                times.append(times[-1] + timedelta(days=1))
            if demo.escalated:
                await _escalate(session, settings, people["supervisor"], ticket, assigned_on)
        await _backdate(session, ticket, times, demo)
    await session.flush()
    # The backdating moved the resolution dates the resolving transactions counted under today.
    await resolutions.rebuild(session)
    return len(DEMO_TICKETS)


async def _step(
    session: AsyncSession,
    settings: Settings,
    who: Principal,
    ticket: Ticket,
    to: TicketState,
    demo: DemoTicket,
) -> None:
    closing = to == TicketState.closed
    body = TicketTransition(
        expected_state=TicketState(ticket.state),
        to_state=to,
        note=demo.resolution if to == TicketState.resolved else None,
        satisfaction=demo.satisfaction if closing else None,
        satisfaction_comment="服务高效，问题解决及时" if closing else None,
    )
    await lifecycle.transition(session, settings, who, ticket.id, body)


async def _escalate(
    session: AsyncSession,
    settings: Settings,
    supervisor: Principal,
    ticket: Ticket,
    assigned_on: date,
) -> None:
    """督办 twelve working days after assignment, for being late."""
    calendar = await holidays.load_calendar(session)
    escalated_on = calendar.add_working_days(assigned_on, 12)
    ticket_row, project = await load(session, supervisor, ticket.id, lock=True)
    event = await escalation.escalate(
        session,
        settings,
        calendar,
        ticket_row,
        project,
        EscalationReason.overdue,
        "超过办理时限仍未办结",
        supervisor,
        escalated_on,
    )
    await events.emit(session, event)
    row = (
        await session.execute(select(Escalation).where(col(Escalation.ticket_id) == ticket.id))
    ).scalar_one()
    letter = await session.get(Letter, row.letter_id)
    assert letter is not None
    row.occurred_at = letter.issued_at = _at(escalated_on, 9)
    letter.issued_on = escalated_on
    # Its line on the timeline carries the letter's date too.
    await session.execute(
        update(TicketEvent)
        .where(
            col(TicketEvent.ticket_id) == ticket.id,
            col(TicketEvent.kind) == TicketEventKind.escalation.value,
        )
        .values(occurred_at=row.occurred_at)
    )


async def _backdate(
    session: AsyncSession, ticket: Ticket, times: list[datetime], demo: DemoTicket
) -> None:
    """Sets the ticket, its timeline and its letters back to the demo's dates."""
    await session.flush()
    ticket.created_at = times[0]
    steps = (
        await session.execute(
            select(TicketEvent)
            .where(col(TicketEvent.ticket_id) == ticket.id, col(TicketEvent.kind) == "transition")
            .order_by(col(TicketEvent.occurred_at), col(TicketEvent.id))
        )
    ).scalars()
    for step, at in zip(steps, times, strict=True):
        step.occurred_at = at
    if demo.state in (TicketState.accepted, TicketState.in_progress, TicketState.resolved):
        ticket.accepted_at = times[2]
    if demo.state in (TicketState.resolved, TicketState.closed):
        ticket.accepted_at, ticket.resolved_at = times[2], times[4]
        ticket.resolved_on = business_today(times[4])
        if ticket.assigned_on is not None:
            calendar = await holidays.load_calendar(session)
            ticket.working_days_taken = calendar.working_days_between(
                ticket.assigned_on, ticket.resolved_on
            )
    if demo.state == TicketState.closed:
        ticket.closed_at = times[5]
    assignment = (
        await session.execute(
            select(Letter).where(
                col(Letter.ticket_id) == ticket.id,
                col(Letter.kind) == LetterKind.assignment.value,
            )
        )
    ).scalar_one_or_none()
    if assignment is not None:
        assignment.issued_on, assignment.issued_at = times[1].date(), times[1]
    ticket.updated_at = times[-1]
