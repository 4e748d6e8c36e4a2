"""Demo service tickets on Xiangtan's key projects, in every state, with letters and a timeline.

Dates are counted back from today in working days so the demo always has a ticket waiting
for the coordinator, one due soon, one overdue (not yet escalated: the next escalation run
picks it up) and one already under 督办.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import WorkCalendar, business_today
from app.core.config import Settings
from app.core.sequences import next_value
from app.core.time import SHANGHAI
from app.models import (
    Escalation,
    Project,
    Ticket,
    TicketCoHandler,
    TicketEvent,
    Unit,
    User,
)
from app.models.enums import LetterKind, Role, TicketState
from app.tickets import letters


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


def _working_days_before(calendar: WorkCalendar, day: date, n: int) -> date:
    while n > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


async def seed_tickets(session: AsyncSession, settings: Settings) -> int:
    """Adds the demo tickets once (skipped when any ticket exists)."""
    if (await session.execute(select(col(Ticket.id)).limit(1))).first():
        return 0
    units = {u.code: u for u in (await session.execute(select(Unit))).scalars()}
    unit_names = {u.id: u.name for u in units.values()}
    users = {u.username: u for u in (await session.execute(select(User))).scalars()}
    projects = {p.name: p for p in (await session.execute(select(Project))).scalars()}
    coordinator, supervisor = users["coordinator"], users["supervisor"]
    calendar = WorkCalendar()
    today = business_today()
    for demo in DEMO_TICKETS:
        project = projects[demo.project]
        # Raised by the project's district or park officer, or by the coordinator for a unit
        # without a demo account.
        owner = next(
            (
                u
                for u in users.values()
                if u.unit_id == project.owner_unit_id and u.role == Role.unit_officer
            ),
            coordinator,
        )
        assigned_on = _working_days_before(calendar, today, demo.assigned_days_ago)
        raised = _at(assigned_on - timedelta(days=1), 10)
        number = await next_value(session, "ticket", today.year)
        ticket = Ticket(
            code=f"SX-{today.year}-{number:05d}",
            project_id=project.id,
            category=demo.category,
            title=demo.title,
            description=demo.description,
            urgency=demo.urgency,
            requester_id=owner.id,
            requester_name=owner.full_name,
            requester_unit_id=owner.unit_id,
            source="service_request" if owner is not coordinator else "coordinator",
            created_at=raised,
        )
        session.add(ticket)
        await session.flush()
        events: list[tuple[datetime, User, TicketState | None, TicketState, str | None]] = [
            (raised, owner, None, TicketState.submitted, None)
        ]
        if demo.department:
            ticket.lead_department_id = units[demo.department].id
            ticket.assigned_at = _at(assigned_on, 9)
            ticket.assigned_on = assigned_on
            ticket.due_date = calendar.add_working_days(
                assigned_on, settings.ticket_days(demo.urgency)
            )
            co = [units[c].id for c in demo.co]
            session.add_all(TicketCoHandler(ticket_id=ticket.id, unit_id=u) for u in co)
            letter = await letters.issue(
                session,
                settings,
                None,
                ticket,
                project,
                LetterKind.assignment,
                co_units=co,
                deadline=ticket.due_date,
            )
            letter.issued_on, letter.issued_by_id = assigned_on, coordinator.id
            letter.issued_at = ticket.assigned_at
            events.append(
                (ticket.assigned_at, coordinator, TicketState.submitted, TicketState.assigned, None)
            )
            handler = next(
                (u for u in users.values() if u.unit_id == ticket.lead_department_id), coordinator
            )
            step = ticket.assigned_at
            path = [TicketState.accepted, TicketState.in_progress, TicketState.resolved]
            previous = TicketState.assigned
            for state in path:
                if list(TicketState).index(state) > list(TicketState).index(demo.state):
                    break
                step += timedelta(days=1)
                note = demo.resolution if state == TicketState.resolved else None
                events.append((step, handler, previous, state, note))
                previous = state
            ticket.accepted_at = events[2][0] if len(events) > 2 else None
            if demo.resolution:
                ticket.resolution, ticket.resolved_at = demo.resolution, step
            if demo.state == TicketState.closed:
                ticket.closed_at = step + timedelta(days=1)
                ticket.satisfaction = demo.satisfaction
                ticket.satisfaction_comment = "服务高效，问题解决及时"
                events.append((ticket.closed_at, owner, previous, TicketState.closed, None))
            if demo.escalated:
                escalated_on = calendar.add_working_days(assigned_on, 12)
                ticket.escalation_level, ticket.escalated_on = 1, escalated_on
                supervision = await letters.issue(
                    session,
                    settings,
                    None,
                    ticket,
                    project,
                    LetterKind.supervision,
                    reason="超过办理时限仍未办结",
                    deadline=today + timedelta(days=3),
                )
                supervision.issued_on, supervision.issued_by_id = escalated_on, supervisor.id
                supervision.issued_at = _at(escalated_on, 9)
                session.add(
                    Escalation(
                        ticket_id=ticket.id,
                        level=1,
                        reason="overdue",
                        note="超过办理时限仍未办结",
                        department_id=ticket.lead_department_id,
                        letter_id=supervision.id,
                        escalated_by_id=supervisor.id,
                        occurred_at=supervision.issued_at,
                    )
                )
                session.add(
                    TicketEvent(
                        ticket_id=ticket.id,
                        kind="escalation",
                        note=f"督办（{supervision.number}）：超过办理时限仍未办结",
                        actor_id=supervisor.id,
                        actor_name=supervisor.full_name,
                        actor_unit_name=unit_names[supervisor.unit_id],
                        occurred_at=supervision.issued_at,
                    )
                )
        for at, actor, before, after, note in events:
            session.add(
                TicketEvent(
                    ticket_id=ticket.id,
                    kind="transition",
                    from_state=before,
                    to_state=after,
                    note=note,
                    actor_id=actor.id,
                    actor_name=actor.full_name,
                    actor_unit_name=unit_names[actor.unit_id],
                    occurred_at=at,
                )
            )
        ticket.state = demo.state.value
        ticket.updated_at = events[-1][0]
    await session.flush()
    return len(DEMO_TICKETS)
