"""Meetings: schedule, attendees, agenda, held, minutes published (then frozen, revised only as
new versions). Reads are in meeting_reads, the joint meeting's carried decisions in carry_over;
who hears of a meeting is app/notifications/meetings.py's reaction to its events."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.concurrency import Precondition
from app.core.errors import Conflict, Forbidden, Unprocessable, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import carry_over, scope
from app.meetings.events import (
    MeetingCreated,
    MeetingHeld,
    MeetingPublished,
    MeetingUpdated,
    MinutesRevised,
)
from app.meetings.meeting_reads import attending, load
from app.meetings.schemas import MeetingCreate, MeetingTransition, MeetingUpdate, MinutesRevision
from app.models import Meeting, MeetingUnit, MinutesVersion, Unit, User
from app.models.enums import MeetingKind, MeetingState, Role

NEXT = {MeetingState.draft: MeetingState.held, MeetingState.held: MeetingState.published}


def facts(meeting: Meeting) -> dict[str, Any]:
    """What every meeting event says of the meeting as it now stands."""
    return {
        "object_id": meeting.id,
        "title": meeting.title,
        "state": MeetingState(meeting.state),
        "starts_at": meeting.starts_at,
        "place": meeting.place,
        "chair_id": meeting.chair_id,
    }


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
        await carry_over.previous_joint(session, body.starts_at)
        if body.kind == MeetingKind.joint
        else None
    )
    meeting.previous_id = previous.id if previous else None
    session.add(meeting)
    await session.flush()
    session.add_all(MeetingUnit(meeting_id=meeting.id, unit_id=u) for u in unit_ids)
    if previous is not None:
        await carry_over.carry_over(session, meeting, previous)
    await session.flush()
    await events.emit(
        session,
        MeetingCreated(
            actor=principal,
            after={**(snapshot(meeting) or {}), "unit_ids": [str(u) for u in unit_ids]},
            unit_ids=tuple(unit_ids),
            **facts(meeting),
        ),
    )
    return meeting


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
    precondition: Precondition,
) -> Meeting:
    meeting = await load(session, principal, meeting_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    # A change without If-Match (or from a stale copy) is refused before the meeting's state is
    # told: 428/412, then 409.
    precondition.check(meeting.version)
    _require(principal, meeting, "edit", "纪要已印发，会议信息不能再修改；修订纪要请印发新版本")
    before = snapshot(meeting)
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
        await carry_over.redo(session, meeting)
    now_attending = (await attending(session, [meeting.id]))[meeting.id]
    rescheduled = (meeting.starts_at, meeting.place, meeting.chair_id) != schedule
    if rescheduled:
        meeting.reminded = False  # the day-before reminder goes out for the new date
    await events.emit(
        session,
        MeetingUpdated(
            actor=principal,
            before=before,
            after={
                **(snapshot(meeting) or {}),
                **(
                    {"unit_ids": [str(u) for u in body.unit_ids]}
                    if body.unit_ids is not None
                    else {}
                ),
            },
            unit_ids=tuple(now_attending),
            rescheduled=rescheduled,
            added_unit_ids=tuple(u for u in now_attending if u not in invited),
            **facts(meeting),
        ),
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
    before = snapshot(meeting)
    if body.to_state == MeetingState.published:
        if not meeting.minutes_draft.strip():
            raise Unprocessable("请先填写会议纪要再印发", code="minutes_missing")
        await _publish(session, principal, meeting, meeting.minutes_draft, None)
    meeting.state = body.to_state.value
    await session.flush()
    after = snapshot(meeting)
    await events.emit(
        session,
        MeetingPublished(
            actor=principal,
            before=before,
            after=after,
            minutes_version=meeting.minutes_version,
            **facts(meeting),
        )
        if body.to_state == MeetingState.published
        else MeetingHeld(actor=principal, before=before, after=after, **facts(meeting)),
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
    await events.emit(
        session,
        MinutesRevised(
            actor=principal,
            after=snapshot(version),
            minutes_version=version.version,
            reason=version.reason,
            **facts(meeting),
        ),
    )
    return version
