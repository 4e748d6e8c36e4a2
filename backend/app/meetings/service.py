"""Meetings: schedule, attendees, agenda, held, minutes published (then frozen, revised only as
new versions) and the quarterly joint meeting's carried-over decisions."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import service as audit
from app.core.calendar import business_today
from app.core.concurrency import check_version
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from app.core.official_docx import chinese_date
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.core.time import SHANGHAI, utcnow
from app.meetings import scope
from app.meetings.schemas import (
    CarriedDecisionRead,
    MeetingCreate,
    MeetingRead,
    MeetingTransition,
    MeetingUpdate,
    MinutesRevision,
    PersonBrief,
)
from app.models import (
    CarriedDecision,
    Decision,
    Meeting,
    MeetingUnit,
    MinutesVersion,
    Unit,
    User,
)
from app.models.enums import (
    MeetingKind,
    MeetingState,
    NotificationKind,
    Role,
)
from app.models.meeting import DECISION_OPEN
from app.notifications import service as notifications
from app.units import service as unit_service
from app.units.schemas import UnitBrief

SORTS = {"starts_at": Meeting.starts_at, "created_at": Meeting.created_at}
NEXT = {MeetingState.draft: MeetingState.held, MeetingState.held: MeetingState.published}


@dataclass
class MeetingFilter:
    kind: list[MeetingKind] | None = None
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    chair_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    state: list[MeetingState] | None = None
    q: str | None = None


def unit_briefs(names: dict[uuid.UUID, str], ids: Sequence[uuid.UUID]) -> list[UnitBrief]:
    return [UnitBrief(id=i, name=names.get(i, "")) for i in ids]


async def check_units(session: AsyncSession, ids: Sequence[uuid.UUID], field: str) -> None:
    if not ids:
        return
    found = await session.execute(
        select(col(Unit.id)).where(col(Unit.id).in_(ids), col(Unit.is_active).is_(True))
    )
    if set(ids) - set(found.scalars()):
        raise field_error(field, "单位不存在或已停用", "invalid_unit")


async def _check_chair(session: AsyncSession, chair_id: uuid.UUID) -> None:
    chair = await session.get(User, chair_id)
    if chair is None or chair.role != Role.leader or not chair.is_active:
        raise field_error("chair_id", "主持人须为启用的市领导账户", "invalid_chair")


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


async def _previous_joint(session: AsyncSession, starts_at: datetime) -> Meeting | None:
    stmt = (
        select(Meeting)
        .where(col(Meeting.kind) == MeetingKind.joint.value, col(Meeting.starts_at) < starts_at)
        .order_by(col(Meeting.starts_at).desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _redo_carry_over(session: AsyncSession, meeting: Meeting) -> None:
    """A joint meeting still being prepared moved to another date: the previous joint meeting
    is looked up again, and its decisions open now go on the agenda."""
    await session.execute(
        delete(CarriedDecision).where(col(CarriedDecision.meeting_id) == meeting.id)
    )
    previous = await _previous_joint(session, meeting.starts_at)
    meeting.previous_id = previous.id if previous else None
    if previous is not None:
        await _carry_over(session, meeting, previous)
    await session.flush()


async def _carry_over(session: AsyncSession, meeting: Meeting, previous: Meeting) -> None:
    """The previous joint meeting's open decisions — its own and those it carried — go on the
    new meeting's agenda."""
    own = select(col(Decision.id)).where(col(Decision.meeting_id) == previous.id, DECISION_OPEN)
    carried = (
        select(col(Decision.id))
        .join(CarriedDecision, col(CarriedDecision.decision_id) == col(Decision.id))
        .where(col(CarriedDecision.meeting_id) == previous.id, DECISION_OPEN)
    )
    ids = set((await session.execute(own)).scalars()) | set(
        (await session.execute(carried)).scalars()
    )
    session.add_all(CarriedDecision(meeting_id=meeting.id, decision_id=d) for d in ids)


async def create(session: AsyncSession, principal: Principal, body: MeetingCreate) -> Meeting:
    await _check_chair(session, body.chair_id)
    unit_ids = list(dict.fromkeys(body.unit_ids))
    await check_units(session, unit_ids, "unit_ids")
    meeting = Meeting(
        title=body.title,
        kind=body.kind.value,
        starts_at=body.starts_at,
        place=body.place,
        chair_id=body.chair_id,
        agenda=body.agenda,
        created_by_id=principal.user.id if principal.user else None,
    )
    previous = (
        await _previous_joint(session, body.starts_at) if body.kind == MeetingKind.joint else None
    )
    meeting.previous_id = previous.id if previous else None
    session.add(meeting)
    await session.flush()
    session.add_all(MeetingUnit(meeting_id=meeting.id, unit_id=u) for u in unit_ids)
    if previous is not None:
        await _carry_over(session, meeting, previous)
    await session.flush()
    await announce(session, principal, meeting, unit_ids, chair=True)
    audit.record(
        session,
        action="meeting.create",
        object_type="meeting",
        object_id=meeting.id,
        actor=principal,
        after={**(audit.snapshot(meeting) or {}), "unit_ids": [str(u) for u in unit_ids]},
    )
    return meeting


async def announce(
    session: AsyncSession,
    principal: Principal | None,
    meeting: Meeting,
    units: Sequence[uuid.UUID],
    *,
    chair: bool,
    prefix: str = "",
) -> None:
    """会议通知 to the officers of `units` (and the chair): when, where, who chairs, after
    `prefix` (a change, a reminder). Only for a meeting still to come; one recorded afterwards
    announces nothing."""
    if meeting.state != MeetingState.draft or meeting.starts_at <= utcnow():
        return
    chair_name = await session.scalar(
        select(col(User.full_name)).where(col(User.id) == meeting.chair_id)
    )
    local = meeting.starts_at.astimezone(SHANGHAI)
    body = (
        f"{prefix}定于{chinese_date(local.date())}（星期{WEEKDAYS[local.weekday()]}）{local:%H:%M}"
        f"在{meeting.place}召开，{chair_name}主持，请准时参加。"
    )
    await notifications.notify_about(
        session,
        NotificationKind.meeting_notice,
        meeting.title,
        body,
        f"/meetings/{meeting.id}",
        units=units,
        users=[meeting.chair_id] if chair else [],
        exclude=principal.user.id if principal and principal.user else None,
    )


WEEKDAYS = "一二三四五六日"


def _require(principal: Principal, meeting: Meeting, action: str, message: str) -> None:
    if action not in scope.meeting_actions(principal, meeting):
        if not scope.manages(principal):
            raise Forbidden()
        raise Conflict(
            message,
            code="meeting_frozen" if meeting.state == MeetingState.published else "invalid_state",
        )


async def update(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    body: MeetingUpdate,
    if_match: str | None,
) -> Meeting:
    meeting = await load(session, principal, meeting_id, lock=True)
    _require(principal, meeting, "edit", "纪要已印发，会议信息不能再修改；修订纪要请印发新版本")
    check_version(meeting.version, if_match)
    before = audit.snapshot(meeting)
    schedule = (meeting.starts_at, meeting.place, meeting.chair_id)
    invited = (await attending(session, [meeting.id]))[meeting.id]
    changes = body.model_dump(exclude_unset=True)
    for name, value in changes.items():
        if value is None:
            raise field_error(name, "不能为空", "missing")
    if body.chair_id is not None:
        await _check_chair(session, body.chair_id)
    if body.unit_ids is not None:
        unit_ids = list(dict.fromkeys(body.unit_ids))
        await check_units(session, unit_ids, "unit_ids")
        await session.execute(delete(MeetingUnit).where(col(MeetingUnit.meeting_id) == meeting.id))
        session.add_all(MeetingUnit(meeting_id=meeting.id, unit_id=u) for u in unit_ids)
        changes.pop("unit_ids")
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.updated_at = utcnow()  # a new version even when only the attendees changed
    await session.flush()
    if (
        meeting.kind == MeetingKind.joint
        and meeting.state == MeetingState.draft
        and meeting.starts_at != schedule[0]
    ):
        await _redo_carry_over(session, meeting)
    # Those already invited hear of a new time, place or chair; units added hear of the meeting.
    now_attending = (await attending(session, [meeting.id]))[meeting.id]
    if (meeting.starts_at, meeting.place, meeting.chair_id) != schedule:
        kept = [u for u in now_attending if u in invited]
        meeting.reminded = False  # the day-before reminder goes out for the new date
        await announce(session, principal, meeting, kept, chair=True, prefix="会议安排调整：")
    added = [u for u in now_attending if u not in invited]
    if added:
        await announce(session, principal, meeting, added, chair=False)
    audit.record(
        session,
        action="meeting.update",
        object_type="meeting",
        object_id=meeting.id,
        actor=principal,
        before=before,
        after={
            **(audit.snapshot(meeting) or {}),
            **({"unit_ids": [str(u) for u in body.unit_ids]} if body.unit_ids is not None else {}),
        },
    )
    return meeting


async def _publish(
    session: AsyncSession, principal: Principal, meeting: Meeting, minutes: str, reason: str | None
) -> MinutesVersion:
    meeting.minutes_version += 1
    version = MinutesVersion(
        meeting_id=meeting.id,
        version=meeting.minutes_version,
        minutes=minutes,
        reason=reason,
        published_by_id=principal.user.id if principal.user else None,
        published_by_name=principal.display_name,
    )
    session.add(version)
    return version


async def transition(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, body: MeetingTransition
) -> Meeting:
    meeting = await load(session, principal, meeting_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    current = MeetingState(meeting.state)
    if body.expected_state != current:
        raise Conflict(
            f"会议状态已变为“{current.label}”，请刷新后重试",
            code="state_changed",
            extra={"current_state": current.value},
        )
    if NEXT.get(current) != body.to_state:
        raise Conflict(
            f"“{current.label}”的会议不能转为“{body.to_state.label}”",
            code="illegal_transition",
            extra={"current_state": current.value},
        )
    before = audit.snapshot(meeting)
    if body.to_state == MeetingState.published:
        if not meeting.minutes_draft.strip():
            raise Unprocessable("请先填写会议纪要再印发", code="minutes_missing")
        await _publish(session, principal, meeting, meeting.minutes_draft, None)
    meeting.state = body.to_state.value
    await session.flush()
    audit.record(
        session,
        action=f"meeting.{body.to_state.value}",
        object_type="meeting",
        object_id=meeting.id,
        actor=principal,
        before=before,
        after=audit.snapshot(meeting),
    )
    return meeting


async def revise_minutes(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, body: MinutesRevision
) -> MinutesVersion:
    meeting = await load(session, principal, meeting_id, lock=True)
    _require(principal, meeting, "revise_minutes", "纪要尚未印发，请直接修改纪要草稿")
    version = await _publish(session, principal, meeting, body.minutes, body.reason)
    meeting.minutes_draft = body.minutes
    await session.flush()
    audit.record(
        session,
        action="meeting.revise_minutes",
        object_type="meeting",
        object_id=meeting.id,
        actor=principal,
        after=audit.snapshot(version),
    )
    return version


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
