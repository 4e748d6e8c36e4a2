"""The departments' figures: tickets in hand, overdue, and escalated (督办 level 1, 通报
level 2) as they stand, and tickets resolved (反馈) in the period — how many, how many on time,
the on-time rate and the average working days — per department leading or co-handling them,
over the caller's tickets (app/tickets/scope), with the ticket list's own filters in each
figure's `list_query`.

Only the tickets a figure can count are read: overdue ones (the partial index of handling
tickets) and escalated ones; 在办 counts ticket_open_handlers (a row per ticket in hand and
handling department, kept by the transitions). The period's resolutions come from the per-day rollup
(ticket_resolution_days, kept by the resolving transaction) for callers who see all tickets or
one unit's, and for a department officer, its own department's row; for leaders, whose tickets
are one project's, from those tickets resolved in the period (`ix_tickets_resolved_on`). Never
the closed history as a whole."""

import uuid
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from app.core.calendar import business_today
from app.core.principal import Principal
from app.models import Project, Ticket, TicketCoHandler, TicketOpenHandler, TicketResolutionDay
from app.models.ticket import IS_HANDLING
from app.stats.figures import figure
from app.stats.schemas import DepartmentRow, DepartmentStats, Period, StatsFilter
from app.tickets import scope
from app.units import service as units

PATH = "/api/v1/tickets"
HANDLING = ["assigned", "accepted", "in_progress"]

OPEN = "目前处于已交办、已签收或办理中的事项（该部门牵头或协办；不按统计期划分）"
OVERDUE = "办理中且已过办理时限（按工作日计算）的事项（该部门牵头或协办）"
SUPERVISED = "目前督办级别为督办（1 级）的事项，不论是否办结（该部门牵头或协办）"
CIRCULATED = "目前督办级别为通报（2 级）的事项，不论是否办结（该部门牵头或协办）"
RESOLVED = (
    "反馈日期（北京时间）在统计期内的事项（该部门牵头或协办；退回重办的以重新反馈的日期为准）"
)
ON_TIME = "反馈日期在统计期内、且不晚于办理时限的事项（该部门牵头或协办）"
DEFINITIONS = {
    "on_time_rate": "按时反馈率 = 统计期内按时反馈的事项数 ÷ 统计期内反馈的事项数（四位小数）",
    "avg_working_days": (
        "平均办理用时 = 统计期内反馈的事项自交办日至反馈日的工作日数（不含交办当日，"
        "按法定节假日和调休计算）之和 ÷ 事项数，保留一位小数"
    ),
}


_figure = partial(figure, PATH)


def _ratio(part: int, whole: int, places: str) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP))


async def departments(
    session: AsyncSession, principal: Principal, f: StatsFilter, period: Period
) -> DepartmentStats:
    """Per department, as the ticket list filtered by `department_id` (lead or co-handler)."""
    units_slice = scope.project_units(principal)
    own = scope.handling_department(principal)
    direct = units_slice is None and own is None
    numbers = await _from_tickets(session, principal, f, period, direct=direct)
    if not direct:
        unit = None if units_slice in (None, scope.ALL_UNITS) else units_slice
        for department, count in (await _in_hand(session, f, unit, own)).items():
            numbers.setdefault(department, [0] * 8)[0] = count
        for department, sums in (await _from_rollup(session, f, period, unit, own)).items():
            numbers.setdefault(department, [0] * 8)[4:] = sums
    query: dict[str, Any] = {"unit_id": str(f.unit_id)} if f.unit_id else {}
    names = await units.names(session)
    span = {
        "resolved_from": period.date_from.isoformat(),
        "resolved_to": period.date_to.isoformat(),
    }
    rows: list[DepartmentRow] = []
    for unit_id, counts in numbers.items():
        open_, overdue, supervised, circulated, resolved, punctual, days, timed = counts
        q = {**query, "department_id": str(unit_id)}
        figures = [
            _figure("open", "在办", open_, OPEN, {**q, "state": HANDLING}),
            _figure("overdue", "超期", overdue, OVERDUE, {**q, "overdue": "true"}),
            _figure("supervised", "督办", supervised, SUPERVISED, {**q, "escalation_level": 1}),
            _figure("circulated", "通报", circulated, CIRCULATED, {**q, "escalation_level": 2}),
        ]
        # A department officer's resolutions are its own department's; the other rows (tickets
        # co-handled with it) carry the current figures only.
        timed_row = own is None or unit_id == own
        if timed_row:
            figures += [
                _figure("resolved", "反馈", resolved, RESOLVED, {**q, **span}),
                _figure(
                    "resolved_on_time",
                    "按时反馈",
                    punctual,
                    ON_TIME,
                    {**q, **span, "resolved_on_time": "true"},
                ),
            ]
        rows.append(
            DepartmentRow(
                department_id=unit_id,
                department_name=names.get(unit_id, ""),
                figures=figures,
                on_time_rate=_ratio(punctual, resolved, "0.0001") if timed_row else None,
                avg_working_days=_ratio(days, timed, "0.1") if timed_row else None,
            )
        )
    rows.sort(key=lambda r: (-r.figures[1].count, -r.figures[0].count, r.department_name))
    return DepartmentStats(period=period, definitions=DEFINITIONS, rows=rows)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


async def _from_tickets(
    session: AsyncSession,
    principal: Principal,
    f: StatsFilter,
    period: Period,
    *,
    direct: bool,
) -> dict[uuid.UUID, list[int]]:
    """The figures read from the tickets a figure can count: overdue ones (the partial index
    of handling tickets, by due date) and escalated ones; with `direct` (a leader's one
    project), also every ticket in hand and those resolved in the period. Otherwise the 在办
    count comes from ticket_open_handlers and the resolutions from the rollup."""
    resolved_on = col(Ticket.resolved_on)
    level = col(Ticket.escalation_level)
    overdue = and_(IS_HANDLING, col(Ticket.due_date) < business_today())
    in_period = and_(resolved_on >= period.date_from, resolved_on <= period.date_to)
    counted = [
        or_(IS_HANDLING, level > 0, in_period) if direct else or_(overdue, level > 0),
        scope.condition(principal),
    ]
    if f.unit_id:
        counted.append(
            col(Ticket.project_id).in_(
                select(col(Project.id)).where(col(Project.owner_unit_id) == f.unit_id)
            )
        )

    def flag(condition: Any) -> Any:
        return case((condition, 1), else_=0)

    if not direct:
        current = [flag(overdue), flag(level == 1), flag(level == 2)]
        return await _overdue_and_escalated(session, counted, current)
    # Each branch carries what the figures need of a ticket, so the union is aggregated as it
    # stands, without reading the tickets again.
    flags = [
        flag(IS_HANDLING).label("open"),
        flag(overdue).label("overdue"),
        flag(level == 1).label("supervised"),
        flag(level == 2).label("circulated"),
        flag(in_period).label("resolved"),
        flag(and_(in_period, resolved_on <= col(Ticket.due_date))).label("on_time"),
        case((in_period, col(Ticket.working_days_taken))).label("days"),
    ]
    # Aliased: a department's scope asks ticket_co_handlers about the same ticket itself.
    # UNION ALL: the lead department is never also a co-handler (refused on assignment).
    co = aliased(TicketCoHandler)
    pairs = union_all(
        select(col(Ticket.id), col(Ticket.lead_department_id).label("unit"), *flags).where(
            col(Ticket.lead_department_id).is_not(None), *counted
        ),
        select(col(Ticket.id), col(co.unit_id), *flags)
        .select_from(co)
        .join(Ticket, col(Ticket.id) == col(co.ticket_id))
        .where(*counted),
    ).subquery()
    c = pairs.c
    names = ["open", "overdue", "supervised", "circulated", "resolved", "on_time", "days"]
    sums: list[Any] = [func.coalesce(func.sum(c[name]), 0) for name in names]
    stmt = select(c.unit, *sums, func.count(c.days)).group_by(c.unit)
    result = await session.execute(stmt)
    return {_uuid(unit): [int(n) for n in numbers] for unit, *numbers in result.all()}


# Ticket ids per statement when reading the co-handlers of the tickets read.
_BATCH = 1000


async def _overdue_and_escalated(
    session: AsyncSession, counted: list[Any], flags: list[Any]
) -> dict[uuid.UUID, list[int]]:
    """超期, 督办 and 通报 per department (the 在办 count and the resolutions come from
    elsewhere), in two steps: the overdue and escalated tickets (a few hundred, through the
    partial indexes), then the co-handlers of those tickets by ticket id. Joined in one
    statement, PostgreSQL takes the due date's spread over the whole table for the open
    tickets' and expects thousands of matches, so it hashes the entire co-handler table."""
    result = await session.execute(
        select(col(Ticket.id), col(Ticket.lead_department_id), *flags).where(*counted)
    )
    tickets = {ticket: (lead, numbers) for ticket, lead, *numbers in result.all()}
    handlers: list[tuple[Any, Any]] = [
        (ticket, lead) for ticket, (lead, _) in tickets.items() if lead is not None
    ]
    ids = list(tickets)
    for start in range(0, len(ids), _BATCH):
        co = await session.execute(
            select(col(TicketCoHandler.ticket_id), col(TicketCoHandler.unit_id)).where(
                col(TicketCoHandler.ticket_id).in_(ids[start : start + _BATCH])
            )
        )
        handlers += co.all()
    rows: dict[uuid.UUID, list[int]] = {}
    for ticket, department in handlers:
        row = rows.setdefault(_uuid(department), [0] * 8)
        for i, n in enumerate(tickets[ticket][1], start=1):
            row[i] += int(n)
    return rows


async def _in_hand(
    session: AsyncSession, f: StatsFilter, unit: Any, department: Any
) -> dict[uuid.UUID, int]:
    """在办 per department from ticket_open_handlers, for callers whose tickets are all, one
    unit's projects' or one department's (led or co-handled)."""
    handler = TicketOpenHandler
    stmt = select(col(handler.department_id), func.count()).group_by(col(handler.department_id))
    for only in (unit, f.unit_id):
        if only is not None:
            stmt = stmt.where(col(handler.unit_id) == only)
    if department is not None:
        mine = aliased(TicketOpenHandler)
        stmt = stmt.where(
            col(handler.ticket_id).in_(
                select(col(mine.ticket_id)).where(col(mine.department_id) == department)
            )
        )
    result = await session.execute(stmt)
    return {_uuid(d): int(n) for d, n in result.all()}


async def _from_rollup(
    session: AsyncSession, f: StatsFilter, period: Period, unit: Any, department: Any
) -> dict[uuid.UUID, list[int]]:
    """The period's resolutions per department from ticket_resolution_days (a few rows per
    day), for callers whose tickets are all or one unit's, or one department's own."""
    day = TicketResolutionDay
    stmt = (
        select(
            col(day.department_id),
            func.sum(col(day.resolved)),
            func.sum(col(day.on_time)),
            func.sum(col(day.working_days)),
            func.sum(col(day.timed)),
        )
        .where(col(day.resolved_on) >= period.date_from, col(day.resolved_on) <= period.date_to)
        .group_by(col(day.department_id))
    )
    for only in (unit, f.unit_id):
        if only is not None:
            stmt = stmt.where(col(day.unit_id) == only)
    if department is not None:
        stmt = stmt.where(col(day.department_id) == department)
    result = await session.execute(stmt)
    return {
        _uuid(department): [int(n or 0) for n in numbers]
        for department, *numbers in result.all()
        if numbers[0]
    }
