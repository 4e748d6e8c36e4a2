"""The service tickets the history's projects raised over 2026: most resolved on time, some
late, a few under 督办 and one 通报, some still in hand — so the departments' figures (on-time
rate, working days to resolve, escalations) have a year behind them.

Each ticket goes through the same services as a real one (raised, assigned with its 交办函,
worked, escalated with its letters, resolved, closed); the dates are then set back, and the
notifications they caused are marked read on their day (they are history, not news).
"""

import random
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
from app.demo.tickets import _working_days_before
from app.holidays import service as holidays
from app.jobs import escalation
from app.models import Escalation, Letter, Notification, Project, Ticket, TicketEvent, Unit
from app.models.enums import EscalationReason, LetterKind, TicketEventKind, TicketState, Urgency
from app.tickets import lifecycle, resolutions
from app.tickets import service as tickets
from app.tickets.reads import load
from app.tickets.schemas import TicketCreate, TicketTransition

SEED = 20261130

# Per category: the lead department, co-handlers, and what projects ask for.
CATEGORIES: dict[str, tuple[str, tuple[str, ...], list[tuple[str, str]]]] = {
    "land": (
        "zrzy",
        (),
        [
            ("项目用地报批", "一期工业用地已完成收储，农转用报批材料已上报，请协调加快审批。"),
            ("用地红线调整", "因厂区道路布局优化，需对用地红线进行局部调整。"),
            ("不动产权证办理", "土地出让金已缴清，请协调尽快办理不动产权证。"),
        ],
    ),
    "planning": (
        "zrzy",
        ("spj",),
        [
            ("规划设计方案审查", "厂房及配套用房规划设计方案已报送，请协调加快审查。"),
            ("建设工程规划许可证办理", "施工图已完成审查，申请办理建设工程规划许可证。"),
        ],
    ),
    "environment": (
        "sthj",
        (),
        [
            ("环评批复办理", "项目环境影响报告书已编制完成，请协调加快技术评审和批复。"),
            ("排污许可证申领", "项目即将试生产，申请办理排污许可证。"),
        ],
    ),
    "utilities": (
        "fgw",
        ("zjj",),
        [
            ("厂区供电专线接入", "项目投产后用电负荷较大，需协调供电部门建设专线。"),
            ("天然气管网接入", "生产线需使用天然气，请协调燃气公司接入园区管网。"),
        ],
    ),
    "labour": (
        "rsj",
        (),
        [
            ("技术工人招聘", "项目投产在即，普工和技术工人缺口约 200 人，请协助组织专场招聘。"),
            ("人才引进政策申报", "企业引进高层次人才 12 名，申请享受市人才政策。"),
        ],
    ),
    "policy": (
        "fgw",
        ("czj",),
        [
            ("产业扶持资金兑现", "项目已按协议完成首期投资，申请兑现首期产业扶持资金。"),
            ("省重点建设项目申报", "请协助项目申报纳入省重点建设项目库。"),
        ],
    ),
    "financing": (
        "fgw",
        ("czj",),
        [("项目融资对接", "项目二期建设资金缺口约 2 亿元，请协调银行开展融资对接。")],
    ),
}
RESOLUTIONS = {
    "land": "用地报批已获省政府批复，相关手续已办结。",
    "planning": "规划审查意见已出具，许可证已核发企业。",
    "environment": "环评报告书已通过技术评审，批复文件已印发企业。",
    "utilities": "已协调相关公司完成接入方案审定并开工建设。",
    "labour": "已组织专场招聘会，企业招录人员满足投产需要。",
    "policy": "资金已拨付到企业账户，相关材料已归档。",
    "financing": "已组织三家银行现场对接，授信方案已确定。",
}


@dataclass(frozen=True)
class Outcome:
    """How a history ticket went: its end state, and how its department kept time."""

    state: TicketState
    late: bool = False
    escalations: int = 0  # 1: 督办; 2: 督办 then 通报


# 36 tickets: most closed on time, some late, three under 督办 and one 通报, a few still open.
OUTCOMES = (
    [Outcome(TicketState.closed)] * 20
    + [Outcome(TicketState.closed, late=True)] * 7
    + [Outcome(TicketState.closed, late=True, escalations=1)] * 3
    + [Outcome(TicketState.closed, late=True, escalations=2)]
    + [Outcome(TicketState.resolved)] * 2
    + [Outcome(TicketState.in_progress)] * 3
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), SHANGHAI)


def _working_day(calendar: WorkCalendar, day: date) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


@dataclass
class _Times:
    created: datetime
    steps: list[datetime]  # one per transition after the creation
    escalations: list[date]


async def seed_ticket_history(
    session: AsyncSession,
    settings: Settings,
    people: dict[str, Principal],
    officers: dict[object, Principal],
    units: dict[str, Unit],
    signed: list[Project],
) -> int:
    """One ticket on each of 36 of this year's signed projects, oldest signings first."""
    rng = random.Random(SEED)
    calendar = await holidays.load_calendar(session)
    today = business_today()
    candidates = sorted(
        (p for p in signed if p.signed_date and date(today.year, 1, 20) <= p.signed_date),
        key=lambda p: (p.signed_date, p.code),
    )
    chosen = candidates[:: max(1, len(candidates) // len(OUTCOMES))][: len(OUTCOMES)]
    open_ones = [o for o in OUTCOMES if o.state != TicketState.closed]
    closed_ones = [o for o in OUTCOMES if o.state == TicketState.closed]
    rng.shuffle(closed_ones)
    # The open ones go on the latest signings, as they would.
    outcomes = closed_ones[: len(chosen) - len(open_ones)] + open_ones
    for project, outcome in zip(chosen, outcomes, strict=False):
        await _ticket(
            session, settings, calendar, rng, today, people, officers, units, project, outcome
        )
    await session.flush()
    await resolutions.rebuild(session)
    return len(chosen)


async def _ticket(
    session: AsyncSession,
    settings: Settings,
    calendar: WorkCalendar,
    rng: random.Random,
    today: date,
    people: dict[str, Principal],
    officers: dict[object, Principal],
    units: dict[str, Unit],
    project: Project,
    outcome: Outcome,
) -> None:
    category = rng.choice(list(CATEGORIES))
    lead, co, asks = CATEGORIES[category]
    title, description = rng.choice(asks)
    urgency = Urgency.urgent if rng.random() < 0.3 else Urgency.normal
    allowed = settings.ticket_days(urgency)
    assert project.signed_date is not None
    if outcome.state == TicketState.closed:
        latest = today - timedelta(days=75)
        first = min(project.signed_date + timedelta(days=10), latest)
        assigned_on = _working_day(calendar, first + (latest - first) * rng.random() * 0.6)
    else:
        assigned_on = _working_days_before(calendar, today, rng.randrange(3, 6))
    due = calendar.add_working_days(assigned_on, allowed)
    accepted = calendar.add_working_days(assigned_on, 1)
    working = calendar.add_working_days(accepted, 1)
    if outcome.late:
        resolved = calendar.add_working_days(due, rng.randrange(3, 9) + 6 * outcome.escalations)
    else:
        resolved = calendar.add_working_days(assigned_on, rng.randrange(3, allowed))
    escalated = [calendar.add_working_days(due, 2 + 5 * i) for i in range(outcome.escalations)]
    owner = officers.get(project.owner_unit_id, people["coordinator"])
    ticket = await tickets.create(
        session,
        owner,
        TicketCreate(
            project_id=project.id,
            category=category,
            title=f"{title}（{project.name}）"[:200],
            description=description,
            urgency=urgency,
        ),
    )
    times = _Times(
        created=_at(assigned_on - timedelta(days=1), 16), steps=[], escalations=escalated
    )
    coordinator = people["coordinator"]
    lead_unit = units[lead]
    await lifecycle.transition(
        session,
        settings,
        coordinator,
        ticket.id,
        TicketTransition(
            expected_state=TicketState.submitted,
            to_state=TicketState.assigned,
            lead_department_id=lead_unit.id,
            co_department_ids=[units[c].id for c in co],
        ),
        due_date=due,
    )
    times.steps.append(_at(assigned_on, 9))
    handler = people[lead]
    steps = [(TicketState.accepted, accepted), (TicketState.in_progress, working)]
    if outcome.state in (TicketState.resolved, TicketState.closed):
        steps.append((TicketState.resolved, resolved))
    if outcome.state == TicketState.closed:
        steps.append((TicketState.closed, calendar.add_working_days(resolved, 2)))
    for state, day in steps:
        if state == TicketState.resolved:
            for n, escalated_on in enumerate(escalated):
                await _escalate(
                    session, settings, calendar, people["supervisor"], ticket, escalated_on, n
                )
        closing = state == TicketState.closed
        await lifecycle.transition(
            session,
            settings,
            owner if closing else handler,
            ticket.id,
            TicketTransition(
                expected_state=TicketState(ticket.state),
                to_state=state,
                note=RESOLUTIONS[category] if state == TicketState.resolved else None,
                satisfaction=(3 if outcome.late else 5) if closing else None,
                satisfaction_comment=(
                    (
                        "办理超出时限，希望进一步提高效率"
                        if outcome.late
                        else "服务高效，问题解决及时"
                    )
                    if closing
                    else None
                ),
            ),
        )
        times.steps.append(_at(day, 15 if state == TicketState.resolved else 10))
    await _backdate(session, ticket, times, calendar)


async def _escalate(
    session: AsyncSession,
    settings: Settings,
    calendar: WorkCalendar,
    supervisor: Principal,
    ticket: Ticket,
    on: date,
    n: int,
) -> None:
    ticket_row, project = await load(session, supervisor, ticket.id, lock=True)
    event = await escalation.escalate(
        session,
        settings,
        calendar,
        ticket_row,
        project,
        EscalationReason.overdue,
        "超过办理时限仍未办结" if n == 0 else "督办后仍未按期办结，予以通报",
        supervisor,
        on,
    )
    await events.emit(session, event)


async def _backdate(
    session: AsyncSession, ticket: Ticket, times: _Times, calendar: WorkCalendar
) -> None:
    await session.flush()
    ticket.created_at = times.created
    transitions = (
        await session.execute(
            select(TicketEvent)
            .where(
                col(TicketEvent.ticket_id) == ticket.id,
                col(TicketEvent.kind) == TicketEventKind.transition.value,
            )
            .order_by(col(TicketEvent.occurred_at), col(TicketEvent.id))
        )
    ).scalars()
    all_times = [times.created, *times.steps]
    for step, at in zip(transitions, all_times, strict=True):
        step.occurred_at = at
    ticket.assigned_at, ticket.assigned_on = times.steps[0], times.steps[0].date()
    ticket.accepted_at = times.steps[1]
    if len(times.steps) > 3:
        # The day of resolution and the working days taken, as the resolving service sets them
        # (the rollup is rebuilt from these once the history is written).
        ticket.resolved_at = times.steps[3]
        ticket.resolved_on = business_today(times.steps[3])
        ticket.working_days_taken = calendar.working_days_between(
            times.steps[0].date(), ticket.resolved_on
        )
    if len(times.steps) > 4:
        ticket.closed_at = times.steps[4]
    ticket.updated_at = all_times[-1]
    letters = {
        letter.id: letter
        for letter in (
            await session.execute(select(Letter).where(col(Letter.ticket_id) == ticket.id))
        ).scalars()
    }
    for letter in letters.values():
        if letter.kind == LetterKind.assignment.value:
            letter.issued_on, letter.issued_at = times.steps[0].date(), times.steps[0]
    rows = (
        await session.execute(
            select(Escalation)
            .where(col(Escalation.ticket_id) == ticket.id)
            .order_by(col(Escalation.level))
        )
    ).scalars()
    escalation_events = (
        await session.execute(
            select(TicketEvent)
            .where(
                col(TicketEvent.ticket_id) == ticket.id,
                col(TicketEvent.kind) == TicketEventKind.escalation.value,
            )
            .order_by(col(TicketEvent.occurred_at), col(TicketEvent.id))
        )
    ).scalars()
    for row, line, day in zip(rows, escalation_events, times.escalations, strict=True):
        row.occurred_at = line.occurred_at = _at(day, 9)
        letter = letters[row.letter_id]
        letter.issued_on, letter.issued_at = day, row.occurred_at
    await session.execute(
        update(Notification)
        .where(col(Notification.ticket_id) == ticket.id)
        .values(created_at=times.steps[0], read_at=times.steps[0] + timedelta(hours=2))
    )
