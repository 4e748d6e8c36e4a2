"""The duty figures a half-year ranking needs that the dashboards do not: meeting decisions
carried out on time, tickets resolved on time, escalations — each for a period, per unit, with
the codes of the records it counts (the lists have no filter that reproduces them exactly; each
figure's `list_query` opens the unit's list those records are in)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.meetings import scope as decision_scope
from app.models import Decision, Escalation, Ticket
from app.models.enums import DecisionState, TicketState
from app.stats.schemas import ListQuery, Period
from app.tickets import scope as ticket_scope

DECISIONS_ON_TIME = (
    "完成时限在统计期内的议定事项（该单位负责；已取消的除外）中，在完成时限当日或之前办结的比例"
)
TICKETS_ON_TIME = (
    "反馈办理结果的日期（北京时间）在统计期内的事项（该部门牵头）中，在办理时限当日或之前反馈的比例"
)
ESCALATIONS = "统计期内对该部门的督办（1 级）和通报（2 级）次数，每次升级计 1 次"


@dataclass
class Tally:
    """How many records a unit had (`total`), how many met the duty (`met`), and the codes of
    those that did not (`missed`) — or, for a plain count, the codes counted."""

    total: int = 0
    met: int = 0
    missed: list[str] = field(default_factory=list)


def tally_rows(rows: Iterable[tuple[uuid.UUID, str, bool]]) -> dict[uuid.UUID, Tally]:
    """Per unit: its records (`total`), those that met the duty, and the codes of the rest
    (sorted)."""
    tallies: dict[uuid.UUID, Tally] = {}
    for unit, code, met in rows:
        tally = tallies.setdefault(unit, Tally())
        tally.total += 1
        if met:
            tally.met += 1
        else:
            tally.missed.append(code)
    for tally in tallies.values():
        tally.missed.sort()
    return tallies


def local_day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone(SHANGHAI).date()


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The period's first and (exclusive) last instant, Beijing days."""
    start = datetime.combine(period.date_from, time.min, SHANGHAI)
    end = datetime.combine(period.date_to + timedelta(days=1), time.min, SHANGHAI)
    return start, end


def decisions_list(unit_id: uuid.UUID) -> ListQuery:
    return ListQuery(path="/api/v1/decisions", query={"unit_id": str(unit_id)})


def tickets_list(unit_id: uuid.UUID, *states: TicketState) -> ListQuery:
    query: dict[str, object] = {"department_id": str(unit_id)}
    if states:
        query["state"] = [s.value for s in states]
    return ListQuery(path="/api/v1/tickets", query=query)


async def decisions_on_time(
    session: AsyncSession, principal: Principal, period: Period
) -> dict[uuid.UUID, Tally]:
    """Per responsible unit: decisions due in the period, those done by their due date, and the
    codes of the rest (done late or still open)."""
    stmt = select(
        col(Decision.responsible_unit_id),
        col(Decision.code),
        col(Decision.due_date),
        col(Decision.state),
        col(Decision.done_at),
    ).where(
        col(Decision.due_date) >= period.date_from,
        col(Decision.due_date) <= period.date_to,
        col(Decision.state) != DecisionState.cancelled.value,
        decision_scope.decision_condition(principal),
    )

    def met(due: date | None, state: str, done_at: datetime | None) -> bool:
        done_on = local_day(done_at)
        on_time = done_on is not None and due is not None and done_on <= due
        return state == DecisionState.done.value and on_time

    rows = (await session.execute(stmt)).all()
    return tally_rows((unit, code, met(due, state, done)) for unit, code, due, state, done in rows)


async def tickets_on_time(
    session: AsyncSession, principal: Principal, period: Period
) -> dict[uuid.UUID, Tally]:
    """Per lead department: tickets resolved (反馈) in the period — still resolved or since
    closed — those resolved by their due date, and the codes of the late ones.

    The statistics' definition (app/stats/tickets.py): a ticket's stored `resolved_on` (its
    business day of 反馈, kept by app/tickets/lifecycle.py) in the period, on time when it is
    no later than the due date."""
    resolved_on = col(Ticket.resolved_on)
    stmt = ticket_scope.visible(
        select(
            col(Ticket.lead_department_id),
            col(Ticket.code),
            resolved_on <= col(Ticket.due_date),
        ).where(
            col(Ticket.lead_department_id).is_not(None),
            resolved_on >= period.date_from,
            resolved_on <= period.date_to,
        ),
        principal,
    )
    rows = (await session.execute(stmt)).all()
    return tally_rows((unit, code, bool(on_time)) for unit, code, on_time in rows if unit)


async def escalations(
    session: AsyncSession, principal: Principal, period: Period, level: int | None = None
) -> dict[uuid.UUID, Tally]:
    """Per department: escalations (督办, 通报; or only those of `level`) against it in the
    period; `missed` holds the tickets' codes, once per escalation."""
    start, end = bounds(period)
    stmt = (
        select(col(Escalation.department_id), col(Ticket.code))
        .select_from(Escalation)
        .join(Ticket, col(Ticket.id) == col(Escalation.ticket_id))
        .where(col(Escalation.occurred_at) >= start, col(Escalation.occurred_at) < end)
    )
    if level is not None:
        stmt = stmt.where(col(Escalation.level) == level)
    stmt = ticket_scope.visible(stmt, principal)
    tallies: dict[uuid.UUID, Tally] = {}
    for unit_id, code in (await session.execute(stmt)).all():
        tally = tallies.setdefault(unit_id, Tally())
        tally.total += 1
        tally.missed.append(code)
    for tally in tallies.values():
        tally.missed.sort()
    return tallies
