"""The units' decisions (议定事项): open and overdue, per unit responsible for or helping
with them, over the caller's decisions (app/meetings/scope), with the decision list's own
filters in each figure's `list_query`."""

import uuid
from functools import partial

from sqlalchemy import and_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.principal import Principal
from app.meetings import scope
from app.models import Decision, DecisionUnit
from app.models.meeting import DECISION_OPEN
from app.stats.figures import count_where, figure
from app.stats.schemas import UnitRow, UnitStats
from app.units import service as units

PATH = "/api/v1/decisions"
OPEN = [s.value for s in scope.OPEN_STATES]

OPEN_TEXT = "目前未办结（待办理、办理中）的议定事项（该单位负责或配合；不按统计期划分）"
OVERDUE = "未办结且已过完成时限的议定事项（该单位负责或配合）"


_figure = partial(figure, PATH)


async def by_unit(session: AsyncSession, principal: Principal) -> UnitStats:
    """Per unit, as the decision list filtered by `unit_id` (responsible or co-unit)."""
    pairs = union(
        select(
            col(Decision.id).label("decision_id"), col(Decision.responsible_unit_id).label("unit")
        ),
        select(col(DecisionUnit.decision_id), col(DecisionUnit.unit_id)),
    ).subquery()
    due = col(Decision.due_date)
    stmt = (
        select(
            pairs.c.unit,
            count_where(DECISION_OPEN),
            count_where(and_(DECISION_OPEN, due.is_not(None), due < business_today())),
        )
        .select_from(pairs)
        .join(Decision, col(Decision.id) == pairs.c.decision_id)
        .where(scope.decision_condition(principal))
        .group_by(pairs.c.unit)
    )
    names = await units.names(session)
    rows: list[UnitRow] = []
    for unit, open_, overdue in (await session.execute(stmt)).all():
        unit_id = unit if isinstance(unit, uuid.UUID) else uuid.UUID(str(unit))
        q = {"unit_id": str(unit_id)}
        rows.append(
            UnitRow(
                unit_id=unit_id,
                unit_name=names.get(unit_id, ""),
                figures=[
                    _figure("open", "未办结", open_, OPEN_TEXT, {**q, "state": OPEN}),
                    _figure("overdue", "超期", overdue, OVERDUE, {**q, "overdue": "true"}),
                ],
            )
        )
    rows.sort(key=lambda r: (-r.figures[1].count, -r.figures[0].count, r.unit_name))
    return UnitStats(rows=rows)
