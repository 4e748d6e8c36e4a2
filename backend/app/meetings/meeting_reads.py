"""Meetings read: one with its minutes and carried decisions, the list, the minutes versions."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.briefs import UnitBrief
from app.core.calendar import business_today
from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.meetings import scope
from app.meetings.schemas import CarriedDecisionRead, MeetingFilter, MeetingRead, PersonBrief
from app.models import CarriedDecision, Decision, Meeting, MeetingUnit, MinutesVersion, User
from app.models.meeting import DECISION_OPEN
from app.units import service as unit_service

SORTS = {
    "starts_at": Meeting.starts_at,
    "created_at": Meeting.created_at,
    "updated_at": Meeting.updated_at,
}


def unit_briefs(names: dict[uuid.UUID, str], ids: Sequence[uuid.UUID]) -> list[UnitBrief]:
    return [UnitBrief(id=i, name=names.get(i, "")) for i in ids]


async def load(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, *, lock: bool = False
) -> Meeting:
    stmt = select(Meeting).where(col(Meeting.id) == meeting_id, scope.meeting_condition(principal))
    if lock:
        stmt = stmt.with_for_update()
    meeting = (await session.execute(stmt)).scalar_one_or_none()
    if meeting is None:
        raise NotFound("会议不存在")
    return meeting


async def attending(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    result: dict[uuid.UUID, list[uuid.UUID]] = {m: [] for m in meeting_ids}
    if meeting_ids:
        rows = await session.execute(
            select(MeetingUnit).where(col(MeetingUnit.meeting_id).in_(meeting_ids))
        )
        for row in rows.scalars():
            result[row.meeting_id].append(row.unit_id)
    return result


async def _carried(
    session: AsyncSession, meeting: Meeting, names: dict[uuid.UUID, str]
) -> list[CarriedDecisionRead]:
    stmt = (
        select(Decision, col(Meeting.title))
        .join(CarriedDecision, col(CarriedDecision.decision_id) == col(Decision.id))
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(col(CarriedDecision.meeting_id) == meeting.id)
        .order_by(col(Decision.code))
    )
    today = business_today()
    return [
        CarriedDecisionRead(
            id=d.id,
            code=d.code,
            text=d.text,
            state=d.state,
            responsible_unit=UnitBrief(
                id=d.responsible_unit_id, name=names.get(d.responsible_unit_id, "")
            ),
            due_date=d.due_date,
            is_overdue=is_overdue(d, today),
            meeting_id=d.meeting_id,
            meeting_title=title,
        )
        for d, title in (await session.execute(stmt)).all()
    ]


def is_overdue(decision: Decision, today: date) -> bool:
    return (
        decision.state in {s.value for s in scope.OPEN_STATES}
        and decision.due_date is not None
        and decision.due_date < today
    )


async def _latest_minutes(session: AsyncSession, meeting: Meeting) -> str | None:
    if meeting.minutes_version == 0:
        return None
    stmt = select(col(MinutesVersion.minutes)).where(
        col(MinutesVersion.meeting_id) == meeting.id,
        col(MinutesVersion.version) == meeting.minutes_version,
    )
    return (await session.execute(stmt)).scalar_one()


async def _decision_counts(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    if not meeting_ids:
        return {}
    open_count = func.count().filter(DECISION_OPEN)
    stmt = (
        select(col(Decision.meeting_id), func.count(), open_count)
        .where(col(Decision.meeting_id).in_(meeting_ids))
        .group_by(col(Decision.meeting_id))
    )
    return {m: (n, o) for m, n, o in (await session.execute(stmt)).all()}


async def to_reads(
    session: AsyncSession, principal: Principal, meetings: Sequence[Meeting], *, full: bool
) -> list[MeetingRead]:
    names = await unit_service.names(session)
    ids = [m.id for m in meetings]
    units = await attending(session, ids)
    counts = await _decision_counts(session, ids)
    chairs = {
        u.id: u.full_name
        for u in (
            await session.execute(
                select(col(User.id), col(User.full_name)).where(
                    col(User.id).in_({m.chair_id for m in meetings})
                )
            )
        )
    }
    reads = []
    for m in meetings:
        total, open_ = counts.get(m.id, (0, 0))
        reads.append(
            MeetingRead(
                **m.model_dump(exclude={"chair_id", "created_by_id"}),
                chair=PersonBrief(id=m.chair_id, full_name=chairs.get(m.chair_id, "")),
                units=unit_briefs(names, units[m.id]),
                minutes=await _latest_minutes(session, m) if full else None,
                carried_decisions=await _carried(session, m, names) if full else [],
                decision_count=total,
                open_decision_count=open_,
                actions=scope.meeting_actions(principal, m),
            )
        )
    return reads


async def read(session: AsyncSession, principal: Principal, meeting_id: uuid.UUID) -> MeetingRead:
    meeting = await load(session, principal, meeting_id)
    return (await to_reads(session, principal, [meeting], full=True))[0]


async def minutes_versions(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> Sequence[MinutesVersion]:
    meeting = await load(session, principal, meeting_id)
    stmt = (
        select(MinutesVersion)
        .where(col(MinutesVersion.meeting_id) == meeting.id)
        .order_by(col(MinutesVersion.version).desc())
    )
    return (await session.execute(stmt)).scalars().all()


async def list_meetings(
    session: AsyncSession, principal: Principal, params: PageParams, f: MeetingFilter
) -> tuple[list[MeetingRead], str | None, int | None]:
    conditions: list[Any] = [scope.meeting_condition(principal)]
    if f.kind:
        conditions.append(col(Meeting.kind).in_([k.value for k in f.kind]))
    if f.state:
        conditions.append(col(Meeting.state).in_([s.value for s in f.state]))
    if f.starts_from:
        conditions.append(col(Meeting.starts_at) >= f.starts_from)
    if f.updated_after:
        conditions.append(col(Meeting.updated_at) > f.updated_after)
    if f.starts_before:
        conditions.append(col(Meeting.starts_at) < f.starts_before)
    if f.chair_id:
        conditions.append(col(Meeting.chair_id) == f.chair_id)
    if f.unit_id:
        attended = select(col(MeetingUnit.meeting_id)).where(col(MeetingUnit.unit_id) == f.unit_id)
        conditions.append(col(Meeting.id).in_(attended))
    if f.q:
        conditions.append(col(Meeting.title).contains(f.q, autoescape=True))
    rows, cursor, total = await paginate(
        session,
        select(Meeting).where(*conditions),
        params=params,
        sorts=SORTS,
        default_sort="-starts_at",
        id_column=Meeting.id,
    )
    return await to_reads(session, principal, [r[0] for r in rows], full=False), cursor, total
