"""Who hears of meetings and their decisions, and what they read: 会议通知 to the units invited
to a meeting still to come (and its chair), the units carrying out a new decision, and the job's
reminders of decisions coming due or overdue."""

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.official_docx import chinese_date
from app.core.principal import Principal
from app.core.time import SHANGHAI, utcnow
from app.meetings.events import (
    DecisionCreated,
    DecisionReminded,
    MeetingChange,
    MeetingCreated,
    MeetingReminded,
    MeetingUpdated,
)
from app.models import User
from app.models.enums import MeetingState, NotificationKind, Role
from app.notifications.service import Note, deliver

WEEKDAYS = "一二三四五六日"


async def meeting_created(session: AsyncSession, events: Sequence[MeetingCreated]) -> None:
    """Reaction: the units invited to a new meeting, and its chair, are told of it."""
    await _announce(session, [(e, e.unit_ids, True, "") for e in events])


async def meeting_updated(session: AsyncSession, events: Sequence[MeetingUpdated]) -> None:
    """Reaction: those already invited (and the chair) hear of a new time, place or chair; units
    invited by the change hear of the meeting."""
    notices: list[tuple[MeetingChange, Sequence[uuid.UUID], bool, str]] = []
    for e in events:
        if e.rescheduled:
            kept = [u for u in e.unit_ids if u not in e.added_unit_ids]
            notices.append((e, kept, True, "会议安排调整："))
        if e.added_unit_ids:
            notices.append((e, e.added_unit_ids, False, ""))
    await _announce(session, notices)


async def meeting_reminded(session: AsyncSession, events: Sequence[MeetingReminded]) -> None:
    """Reaction: the day-before reminder to the chair and the invited units."""
    await _announce(session, [(e, e.unit_ids, True, "会议提醒：") for e in events])


async def _announce(
    session: AsyncSession,
    notices: Iterable[tuple[MeetingChange, Sequence[uuid.UUID], bool, str]],
) -> None:
    """会议通知 to the officers of the units (and the chair, when asked): when, where, who chairs,
    after a prefix (a change, a reminder). Only for a meeting still to come; one recorded
    afterwards announces nothing."""
    now = utcnow()
    coming = [n for n in notices if n[0].state == MeetingState.draft and n[0].starts_at > now]
    if not coming:
        return
    chairs = {n[0].chair_id for n in coming}
    names = dict(
        (
            await session.execute(
                select(col(User.id), col(User.full_name)).where(col(User.id).in_(chairs))
            )
        ).all()
    )
    notes = []
    for meeting, units, chair, prefix in coming:
        local = meeting.starts_at.astimezone(SHANGHAI)
        body = (
            f"{prefix}定于{chinese_date(local.date())}（星期{WEEKDAYS[local.weekday()]}）"
            f"{local:%H:%M}在{meeting.place}召开，{names.get(meeting.chair_id)}主持，请准时参加。"
        )
        notes.append(
            Note(
                kind=NotificationKind.meeting_notice,
                title=meeting.title,
                body=body,
                link=f"/meetings/{meeting.object_id}",
                units=units,
                users=[meeting.chair_id] if chair else [],
                exclude=_person(meeting.actor),
            )
        )
    await deliver(session, notes)


async def decision_created(session: AsyncSession, events: Sequence[DecisionCreated]) -> None:
    """Reaction: the responsible unit and the co-units of a new decision are told of it."""
    await deliver(
        session,
        [
            Note(
                kind=NotificationKind.decision_assigned,
                title=f"{e.code} {e.meeting_title}",
                body=e.text,
                link=f"/decisions/{e.object_id}",
                units=e.unit_ids,
                exclude=_person(e.actor),
            )
            for e in events
        ],
    )


async def decision_reminded(session: AsyncSession, events: Sequence[DecisionReminded]) -> None:
    """Reaction: the units carrying out a decision are reminded that it comes due soon; once it
    is overdue, the coordinators are told as well."""
    overdue, due_soon = NotificationKind.decision_overdue, NotificationKind.decision_due_soon
    await deliver(
        session,
        [
            Note(
                kind=overdue if e.overdue else due_soon,
                title=f"{e.code} {e.meeting_title}",
                body=(
                    f"已超过落实时限（{chinese_date(e.due_date)}）仍未落实完成，请尽快落实并报送进展"
                    if e.overdue
                    else f"落实时限为{chinese_date(e.due_date)}，请抓紧落实并报送进展"
                ),
                link=f"/decisions/{e.object_id}",
                units=e.unit_ids,
                roles=[Role.coordinator] if e.overdue else [],
            )
            for e in events
        ],
    )


def _person(actor: Principal | None) -> uuid.UUID | None:
    return actor.user.id if actor is not None and actor.user is not None else None
