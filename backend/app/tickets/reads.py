"""Service tickets read: one ticket, the list and its counts (待办), the timeline, escalations."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.briefs import UnitBrief
from app.core.calendar import business_today
from app.core.config import Settings
from app.core.errors import NotFound
from app.core.pagination import PageParams, SortKey, paginate
from app.core.principal import Principal
from app.holidays import service as holidays
from app.models import Escalation, Letter, Project, Ticket, TicketCoHandler, TicketEvent, Unit
from app.models.enums import EscalationReason
from app.models.ticket import IS_HANDLING
from app.tickets import scope
from app.tickets.schemas import EscalationRead, TicketFilter, TicketRead
from app.units import service as units

HANDLING_VALUES = [s.value for s in scope.HANDLING_STATES]
# Tickets without a due date (not yet assigned) sort after every dated one.
NO_DUE_DATE = date(9999, 12, 31)
SORTS: dict[str, Any] = {
    "created_at": Ticket.created_at,
    "updated_at": Ticket.updated_at,
    "due_date": SortKey(
        func.coalesce(col(Ticket.due_date), NO_DUE_DATE),
        lambda ticket: ticket.due_date or NO_DUE_DATE,
        Ticket.due_date,
    ),
}
TICKET_ROWS: Any = select(Ticket, Project).join(Project, col(Project.id) == col(Ticket.project_id))


@dataclass
class Context:
    """What rendering tickets needs beyond the rows: today, the calendar and unit names."""

    today: date
    due_soon_until: date
    unit_names: dict[uuid.UUID, str]


async def context(session: AsyncSession, settings: Settings) -> Context:
    calendar = await holidays.load_calendar(session)
    today = business_today()
    return Context(
        today=today,
        due_soon_until=calendar.add_working_days(today, settings.ticket_due_soon_days),
        unit_names=await units.names(session),
    )


def _unit(ctx: Context, unit_id: uuid.UUID | None) -> UnitBrief | None:
    if unit_id is None:
        return None
    return UnitBrief(id=unit_id, name=ctx.unit_names.get(unit_id, ""))


def is_overdue(ticket: Ticket, today: date) -> bool:
    return (
        ticket.state in HANDLING_VALUES and ticket.due_date is not None and ticket.due_date < today
    )


def to_read(
    principal: Principal,
    ctx: Context,
    ticket: Ticket,
    project: Project,
    co_units: Sequence[uuid.UUID],
) -> TicketRead:
    data = ticket.model_dump(exclude={"requester_unit_id", "lead_department_id"})
    due = ticket.due_date
    return TicketRead(
        **data,
        project_code=project.code,
        project_name=project.name,
        requester_unit=_unit(ctx, ticket.requester_unit_id),
        lead_department=_unit(ctx, ticket.lead_department_id),
        co_departments=[u for u in (_unit(ctx, c) for c in co_units) if u],
        is_overdue=is_overdue(ticket, ctx.today),
        is_due_soon=ticket.state in HANDLING_VALUES
        and due is not None
        and ctx.today <= due <= ctx.due_soon_until,
        actions=scope.actions(principal, ticket, project),
    )


async def co_handlers(
    session: AsyncSession, ticket_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    result: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t in ticket_ids}
    if ticket_ids:
        stmt = select(TicketCoHandler).where(col(TicketCoHandler.ticket_id).in_(ticket_ids))
        for row in (await session.execute(stmt)).scalars():
            result[row.ticket_id].append(row.unit_id)
    return result


async def load(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID, *, lock: bool = False
) -> tuple[Ticket, Project]:
    """The ticket and its project if the caller may see it; otherwise 404 like a missing one.
    `lock` takes the ticket's row lock for a state change."""
    stmt = scope.visible(TICKET_ROWS.where(col(Ticket.id) == ticket_id), principal)
    if lock:
        stmt = stmt.with_for_update(of=Ticket)
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise NotFound("服务事项不存在")
    return row[0], row[1]


async def read(
    session: AsyncSession, principal: Principal, settings: Settings, ticket_id: uuid.UUID
) -> TicketRead:
    ticket, project = await load(session, principal, ticket_id)
    ctx = await context(session, settings)
    co = await co_handlers(session, [ticket.id])
    return to_read(principal, ctx, ticket, project, co[ticket.id])


def _conditions(principal: Principal, ctx: Context, f: TicketFilter) -> list[Any]:
    conditions: list[Any] = []
    handling = IS_HANDLING
    if f.state:
        conditions.append(col(Ticket.state).in_([s.value for s in f.state]))
    if f.department_id:
        co = select(col(TicketCoHandler.ticket_id)).where(
            col(TicketCoHandler.unit_id) == f.department_id
        )
        conditions.append(
            or_(col(Ticket.lead_department_id) == f.department_id, col(Ticket.id).in_(co))
        )
    if f.project_id:
        conditions.append(col(Ticket.project_id) == f.project_id)
    if f.unit_id:
        conditions.append(col(Project.owner_unit_id) == f.unit_id)
    if f.urgency:
        conditions.append(col(Ticket.urgency) == f.urgency.value)
    if f.overdue is not None:
        overdue = and_(handling, col(Ticket.due_date) < ctx.today)
        conditions.append(overdue if f.overdue else ~overdue)
    if f.due_soon is not None:
        due = col(Ticket.due_date)
        soon = and_(handling, due >= ctx.today, due <= ctx.due_soon_until)
        conditions.append(soon if f.due_soon else ~soon)
    if f.due_before:
        conditions.append(col(Ticket.due_date) < f.due_before)
    if f.escalation_level is not None:
        conditions.append(col(Ticket.escalation_level) == f.escalation_level)
    resolved_on = col(Ticket.resolved_on)
    if f.resolved_from:
        conditions.append(resolved_on >= f.resolved_from)
    if f.resolved_to:
        conditions.append(resolved_on <= f.resolved_to)
    if f.resolved_on_time is not None:
        on_time = resolved_on <= col(Ticket.due_date)
        conditions.append(on_time if f.resolved_on_time else resolved_on > col(Ticket.due_date))
    if f.mine:
        conditions.append(scope.to_act_on(principal, ctx.today))
    if f.q:
        conditions.append(
            or_(
                col(Ticket.title).contains(f.q, autoescape=True),
                col(Ticket.code).contains(f.q, autoescape=True),
            )
        )
    if f.updated_after:
        conditions.append(col(Ticket.updated_at) > f.updated_after)
    return conditions


async def list_tickets(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    params: PageParams,
    filters: TicketFilter,
) -> tuple[list[TicketRead], str | None, int | None]:
    ctx = await context(session, settings)
    stmt = scope.visible(TICKET_ROWS, principal).where(*_conditions(principal, ctx, filters))
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts=SORTS,
        default_sort="-created_at",
        id_column=Ticket.id,
    )
    co = await co_handlers(session, [r[0].id for r in rows])
    items = [to_read(principal, ctx, t, p, co[t.id]) for t, p in rows]
    return items, cursor, total


async def count(
    session: AsyncSession, principal: Principal, ctx: Context, filters: TicketFilter
) -> int:
    stmt = scope.visible(
        select(func.count())
        .select_from(Ticket)
        .join(Project, col(Project.id) == Ticket.project_id),
        principal,
    ).where(*_conditions(principal, ctx, filters))
    return int((await session.execute(stmt)).scalar_one())


async def todo_summary(
    session: AsyncSession, principal: Principal, settings: Settings
) -> dict[str, int]:
    """The 待办 counts, each the size of the list the SPA opens for it."""
    ctx = await context(session, settings)
    return {
        "todo": await count(session, principal, ctx, TicketFilter(mine=True)),
        "overdue": await count(session, principal, ctx, TicketFilter(mine=True, overdue=True)),
        "due_soon": await count(session, principal, ctx, TicketFilter(mine=True, due_soon=True)),
    }


async def timeline(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID
) -> Sequence[TicketEvent]:
    ticket, _ = await load(session, principal, ticket_id)
    stmt = (
        select(TicketEvent)
        .where(col(TicketEvent.ticket_id) == ticket.id)
        .order_by(col(TicketEvent.occurred_at), col(TicketEvent.id))
    )
    return (await session.execute(stmt)).scalars().all()


async def escalations(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID
) -> Sequence[Any]:
    """The ticket's escalations with the department's name and the letter's number; 404 for a
    ticket outside the caller's scope."""
    await load(session, principal, ticket_id)
    stmt = (
        select(Escalation, col(Unit.name), col(Letter.number))
        .join(Unit, col(Unit.id) == col(Escalation.department_id))
        .join(Letter, col(Letter.id) == col(Escalation.letter_id))
        .where(col(Escalation.ticket_id) == ticket_id)
        .order_by(col(Escalation.level))
    )
    return (await session.execute(stmt)).all()


async def escalation_reads(
    session: AsyncSession, principal: Principal, ticket_id: uuid.UUID
) -> list[EscalationRead]:
    """The ticket's 督办 record, oldest first."""
    return [
        EscalationRead(
            id=e.id,
            level=e.level,
            reason=EscalationReason(e.reason),
            note=e.note,
            department=UnitBrief(id=e.department_id, name=unit_name),
            letter_number=number,
            occurred_at=e.occurred_at,
        )
        for e, unit_name, number in await escalations(session, principal, ticket_id)
    ]
