"""The departments' figures: tickets in hand, overdue, and escalated (督办 level 1, 通报
level 2), per department leading or co-handling them, over the caller's tickets
(app/tickets/scope), with the ticket list's own filters in each figure's `list_query`."""

import uuid
from functools import partial
from typing import Any

from sqlalchemy import and_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.principal import Principal
from app.models import Project, Ticket, TicketCoHandler
from app.models.ticket import IS_HANDLING
from app.stats.figures import count_where, figure
from app.stats.schemas import DepartmentRow, DepartmentStats, StatsFilter
from app.tickets import scope
from app.units import service as units

PATH = "/api/v1/tickets"
HANDLING = ["assigned", "accepted", "in_progress"]

OPEN = "目前处于已交办、已签收或办理中的事项（该部门牵头或协办；不按统计期划分）"
OVERDUE = "办理中且已过办理时限（按工作日计算）的事项（该部门牵头或协办）"
SUPERVISED = "目前督办级别为督办（1 级）的事项，不论是否办结（该部门牵头或协办）"
CIRCULATED = "目前督办级别为通报（2 级）的事项，不论是否办结（该部门牵头或协办）"


_figure = partial(figure, PATH)


async def departments(
    session: AsyncSession, principal: Principal, f: StatsFilter
) -> DepartmentStats:
    """Per department, as the ticket list filtered by `department_id` (lead or co-handler)."""
    pairs = union(
        select(
            col(Ticket.id).label("ticket_id"), col(Ticket.lead_department_id).label("unit")
        ).where(col(Ticket.lead_department_id).is_not(None)),
        select(col(TicketCoHandler.ticket_id), col(TicketCoHandler.unit_id)),
    ).subquery()
    today = business_today()
    level = col(Ticket.escalation_level)
    stmt = (
        select(
            pairs.c.unit,
            count_where(IS_HANDLING),
            count_where(and_(IS_HANDLING, col(Ticket.due_date) < today)),
            count_where(level == 1),
            count_where(level == 2),
        )
        .select_from(pairs)
        .join(Ticket, col(Ticket.id) == pairs.c.ticket_id)
        .join(Project, col(Project.id) == col(Ticket.project_id))
        .group_by(pairs.c.unit)
    )
    query: dict[str, Any] = {}
    if f.unit_id:
        stmt = stmt.where(col(Project.owner_unit_id) == f.unit_id)
        query["unit_id"] = str(f.unit_id)
    stmt = scope.visible(stmt, principal)
    names = await units.names(session)
    rows: list[DepartmentRow] = []
    for unit, open_, overdue, supervised, circulated in (await session.execute(stmt)).all():
        unit_id = unit if isinstance(unit, uuid.UUID) else uuid.UUID(str(unit))
        q = {**query, "department_id": str(unit_id)}

        rows.append(
            DepartmentRow(
                department_id=unit_id,
                department_name=names.get(unit_id, ""),
                figures=[
                    _figure("open", "在办", open_, OPEN, {**q, "state": HANDLING}),
                    _figure("overdue", "超期", overdue, OVERDUE, {**q, "overdue": "true"}),
                    _figure(
                        "supervised", "督办", supervised, SUPERVISED, {**q, "escalation_level": 1}
                    ),
                    _figure(
                        "circulated", "通报", circulated, CIRCULATED, {**q, "escalation_level": 2}
                    ),
                ],
            )
        )
    rows.sort(key=lambda r: (-r.figures[1].count, -r.figures[0].count, r.department_name))
    return DepartmentStats(rows=rows)
