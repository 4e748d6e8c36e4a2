"""议定事项 read: one decision with its units, projects, tickets and latest progress; the list;
a meeting's decisions; a decision's timeline."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.briefs import UnitBrief
from app.core.calendar import business_today
from app.core.errors import NotFound
from app.core.pagination import PageParams, SortKey, paginate
from app.core.principal import Principal
from app.meetings import scope
from app.meetings.meeting_reads import is_overdue, unit_briefs
from app.meetings.meeting_reads import load as load_meeting
from app.meetings.schemas import (
    DecisionFilter,
    DecisionRead,
    DecisionTicketRead,
    ProjectBrief,
)
from app.models import (
    Decision,
    DecisionProject,
    DecisionUnit,
    DecisionUpdate,
    Meeting,
    Project,
    Ticket,
)
from app.models.enums import DecisionUpdateKind, TicketState
from app.models.meeting import DECISION_OPEN
from app.tickets.reads import is_overdue as ticket_overdue
from app.units import service as unit_service

# Decisions without a deadline sort after every dated one.
NO_DUE_DATE = date(9999, 12, 31)
SORTS: dict[str, Any] = {
    "created_at": Decision.created_at,
    "updated_at": Decision.updated_at,
    "code": Decision.code,
    "due_date": SortKey(
        func.coalesce(col(Decision.due_date), NO_DUE_DATE),
        lambda decision: decision.due_date or NO_DUE_DATE,
        Decision.due_date,
    ),
}
FINAL_TICKET_STATES = {TicketState.closed.value, TicketState.cancelled.value}
ROWS: Any = select(Decision, Meeting).join(Meeting, col(Meeting.id) == col(Decision.meeting_id))


async def load(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID, *, lock: bool = False
) -> tuple[Decision, Meeting]:
    stmt = ROWS.where(col(Decision.id) == decision_id, scope.decision_condition(principal))
    if lock:
        stmt = stmt.with_for_update(of=Decision)
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise NotFound("议定事项不存在")
    return row[0], row[1]


async def links_of(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[uuid.UUID]], dict[uuid.UUID, list[ProjectBrief]]]:
    units: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    projects: dict[uuid.UUID, list[ProjectBrief]] = {i: [] for i in ids}
    if ids:
        for du in (
            await session.execute(
                select(DecisionUnit).where(col(DecisionUnit.decision_id).in_(ids))
            )
        ).scalars():
            units[du.decision_id].append(du.unit_id)
        stmt = (
            select(
                col(DecisionProject.decision_id),
                col(Project.id),
                col(Project.code),
                col(Project.name),
            )
            .join(Project, col(Project.id) == col(DecisionProject.project_id))
            .where(col(DecisionProject.decision_id).in_(ids))
            .order_by(col(Project.code))
        )
        for decision_id, pid, code, name in (await session.execute(stmt)).all():
            projects[decision_id].append(ProjectBrief(id=pid, code=code, name=name))
    return units, projects


async def tickets_of(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Ticket]]:
    result: dict[uuid.UUID, list[Ticket]] = {i: [] for i in ids}
    if ids:
        stmt = select(Ticket).where(col(Ticket.decision_id).in_(ids)).order_by(col(Ticket.code))
        for t in (await session.execute(stmt)).scalars():
            assert t.decision_id is not None
            result[t.decision_id].append(t)
    return result


async def _latest_progress(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    latest = (
        select(
            col(DecisionUpdate.decision_id), func.max(col(DecisionUpdate.occurred_at)).label("at")
        )
        .where(
            col(DecisionUpdate.decision_id).in_(ids),
            col(DecisionUpdate.kind) != DecisionUpdateKind.transition.value,
        )
        .group_by(col(DecisionUpdate.decision_id))
        .subquery()
    )
    stmt = select(col(DecisionUpdate.decision_id), col(DecisionUpdate.note)).join(
        latest,
        (latest.c.decision_id == col(DecisionUpdate.decision_id))
        & (latest.c.at == col(DecisionUpdate.occurred_at)),
    )
    return {d: note for d, note in (await session.execute(stmt)).all()}


async def to_reads(
    session: AsyncSession, principal: Principal, rows: Sequence[tuple[Decision, Meeting]]
) -> list[DecisionRead]:
    ids = [d.id for d, _ in rows]
    names = await unit_service.names(session)
    units, projects = await links_of(session, ids)
    tickets = await tickets_of(session, ids)
    progress = await _latest_progress(session, ids)
    departments = await unit_service.department_ids(session)
    today = business_today()
    reads = []
    for d, m in rows:
        ts = tickets[d.id]
        open_tickets = sum(1 for t in ts if t.state not in FINAL_TICKET_STATES)
        busy = {t.lead_department_id for t in ts if t.state not in FINAL_TICKET_STATES}
        assignable = bool(projects[d.id]) and any(
            u in departments and u not in busy for u in (d.responsible_unit_id, *units[d.id])
        )
        reads.append(
            DecisionRead(
                **d.model_dump(exclude={"responsible_unit_id", "created_by_id"}),
                meeting_title=m.title,
                meeting_kind=m.kind,
                responsible_unit=UnitBrief(
                    id=d.responsible_unit_id, name=names.get(d.responsible_unit_id, "")
                ),
                co_units=unit_briefs(names, units[d.id]),
                projects=projects[d.id],
                is_overdue=is_overdue(d, today),
                tickets=[
                    DecisionTicketRead(
                        id=t.id,
                        code=t.code,
                        state=t.state,
                        lead_department=UnitBrief(
                            id=t.lead_department_id, name=names.get(t.lead_department_id, "")
                        )
                        if t.lead_department_id
                        else None,
                        due_date=t.due_date,
                        is_overdue=ticket_overdue(t, today),
                    )
                    for t in ts
                ],
                tickets_closed=len(ts) - open_tickets,
                latest_progress=progress.get(d.id),
                actions=scope.decision_actions(
                    principal, d, m, units[d.id], open_tickets, assignable
                ),
            )
        )
    return reads


async def read(session: AsyncSession, principal: Principal, decision_id: uuid.UUID) -> DecisionRead:
    return (await to_reads(session, principal, [await load(session, principal, decision_id)]))[0]


async def actions_of(
    session: AsyncSession, principal: Principal, decision: Decision, meeting: Meeting
) -> list[str]:
    return (await to_reads(session, principal, [(decision, meeting)]))[0].actions


async def updates(
    session: AsyncSession, principal: Principal, decision_id: uuid.UUID
) -> Sequence[DecisionUpdate]:
    decision, _ = await load(session, principal, decision_id)
    stmt = (
        select(DecisionUpdate)
        .where(col(DecisionUpdate.decision_id) == decision.id)
        .order_by(col(DecisionUpdate.occurred_at), col(DecisionUpdate.id))
    )
    return (await session.execute(stmt)).scalars().all()


async def list_decisions(
    session: AsyncSession, principal: Principal, params: PageParams, f: DecisionFilter
) -> tuple[list[DecisionRead], str | None, int | None]:
    today = business_today()
    conditions: list[Any] = [scope.decision_condition(principal)]
    if f.meeting_id:
        conditions.append(col(Decision.meeting_id) == f.meeting_id)
    if f.kind:
        conditions.append(col(Meeting.kind).in_([k.value for k in f.kind]))
    if f.chair_id:
        conditions.append(col(Meeting.chair_id) == f.chair_id)
    if f.meeting_from:
        conditions.append(col(Meeting.starts_at) >= f.meeting_from)
    if f.meeting_before:
        conditions.append(col(Meeting.starts_at) < f.meeting_before)
    if f.state:
        conditions.append(col(Decision.state).in_([s.value for s in f.state]))
    if f.unit_id:
        conditions.append(scope.unit_responsible(f.unit_id))
    if f.project_id:
        linked = select(col(DecisionProject.decision_id)).where(
            col(DecisionProject.project_id) == f.project_id
        )
        conditions.append(col(Decision.id).in_(linked))
    if f.overdue is not None:
        due = col(Decision.due_date)
        overdue = DECISION_OPEN & due.is_not(None) & (due < today)
        # Spelled out for `false`: NOT over a NULL due date would drop those without one.
        conditions.append(
            overdue
            if f.overdue
            else or_(
                col(Decision.state).not_in([s.value for s in scope.OPEN_STATES]),
                due.is_(None),
                due >= today,
            )
        )
    if f.due_before:
        conditions.append(col(Decision.due_date) < f.due_before)
    if f.mine:
        conditions.append(scope.unit_responsible(principal.unit_id))
    if f.q:
        conditions.append(
            col(Decision.text).contains(f.q, autoescape=True)
            | col(Decision.code).contains(f.q, autoescape=True)
        )
    if f.updated_after:
        conditions.append(col(Decision.updated_at) > f.updated_after)
    rows, cursor, total = await paginate(
        session,
        ROWS.where(*conditions),
        params=params,
        sorts=SORTS,
        default_sort="-created_at",
        id_column=Decision.id,
    )
    return await to_reads(session, principal, [(r[0], r[1]) for r in rows]), cursor, total


async def of_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> list[DecisionRead]:
    """The meeting's decisions the caller may see; 404 for a meeting outside their scope."""
    await load_meeting(session, principal, meeting_id)
    stmt = ROWS.where(
        col(Decision.meeting_id) == meeting_id, scope.decision_condition(principal)
    ).order_by(col(Decision.seq))
    rows = (await session.execute(stmt)).all()
    return await to_reads(session, principal, [(r[0], r[1]) for r in rows])
