"""Reminders sent by the scheduled job, so that meetings and their decisions are not forgotten.

A decision coming due within `DECISION_DUE_SOON_DAYS` working days reminds the officers of its
responsible and co-units once; a decision past its due date and still open tells them and the
coordinators once. Moving the due date arms both reminders again (`decisions.update`).
On the last working day before a meeting, its chair and the officers of its units are reminded
once; moving the meeting arms the reminder again (`service.update`).
"""

import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import WorkCalendar
from app.core.config import Settings
from app.core.official_docx import chinese_date
from app.core.time import SHANGHAI
from app.meetings import meeting_reads, notices
from app.models import Decision, DecisionUnit, Meeting, Notification, User
from app.models.enums import MeetingState, NotificationKind, Role
from app.models.meeting import DECISION_OPEN
from app.notifications import service as notifications


async def remind(
    session: AsyncSession, settings: Settings, calendar: WorkCalendar, today: date
) -> int:
    """Sends the reminders due today; answers how many decisions were reminded."""
    until = calendar.add_working_days(today, settings.decision_due_soon_days)
    due_soon = await _send(
        session,
        NotificationKind.decision_due_soon,
        Decision.due_soon_notified,
        (col(Decision.due_date) >= today, col(Decision.due_date) <= until),
        lambda d: f"落实时限为{chinese_date(d.due_date)}，请抓紧落实并报送进展",
        coordinators=False,
    )
    overdue = await _send(
        session,
        NotificationKind.decision_overdue,
        Decision.overdue_notified,
        (col(Decision.due_date) < today,),
        lambda d: f"已超过落实时限（{chinese_date(d.due_date)}）仍未落实完成，请尽快落实并报送进展",
        coordinators=True,
    )
    return due_soon + overdue


async def _send(
    session: AsyncSession,
    kind: NotificationKind,
    flag: Any,
    when: tuple[Any, ...],
    body: Callable[[Any], str],
    *,
    coordinators: bool,
) -> int:
    """One notification per person concerned for every decision matching `when` whose `flag`
    is not yet set, then the flag set — read as plain rows, written in two statements."""
    stmt = (
        select(
            col(Decision.id),
            col(Decision.code),
            col(Decision.due_date),
            col(Decision.responsible_unit_id),
            col(Meeting.title),
        )
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(DECISION_OPEN, ~col(flag), *when)
        .with_for_update(of=Decision, skip_locked=True)
    )
    decisions = (await session.execute(stmt)).all()
    if not decisions:
        return 0
    ids = [d.id for d in decisions]
    units: dict[uuid.UUID, set[uuid.UUID]] = {d.id: {d.responsible_unit_id} for d in decisions}
    co = select(col(DecisionUnit.decision_id), col(DecisionUnit.unit_id)).where(
        col(DecisionUnit.decision_id).in_(ids)
    )
    for decision_id, unit_id in (await session.execute(co)).all():
        units[decision_id].add(unit_id)
    officers = await notifications.officers_of(session, {u for us in units.values() for u in us})
    extra: list[uuid.UUID] = []
    if coordinators:
        extra = list(
            (
                await session.execute(
                    select(col(User.id)).where(
                        col(User.is_active), col(User.role) == Role.coordinator.value
                    )
                )
            ).scalars()
        )
    rows = []
    for d in decisions:
        people = {p for unit_id in units[d.id] for p in officers.get(unit_id, [])} | set(extra)
        rows += [
            notifications.row(
                user_id, kind, f"{d.code} {d.title}", body(d), link=f"/decisions/{d.id}"
            )
            for user_id in people
        ]
    if rows:
        await session.execute(insert(Notification), rows)
    await session.execute(
        update(Decision)
        .where(col(Decision.id).in_(ids))
        .values({flag.key: True})
        .execution_options(synchronize_session=False)
    )
    return len(decisions)


async def remind_meetings(session: AsyncSession, calendar: WorkCalendar, today: date) -> int:
    """Meetings still to be held on a day after today up to the next working day (so Friday
    reminds of Saturday's and Monday's): their chair and units' officers, once each."""
    first = datetime.combine(today + timedelta(days=1), time(), SHANGHAI)
    after = datetime.combine(
        calendar.add_working_days(today, 1) + timedelta(days=1), time(), SHANGHAI
    )
    stmt = (
        select(Meeting)
        .where(
            col(Meeting.state) == MeetingState.draft.value,
            ~col(Meeting.reminded),
            col(Meeting.starts_at) >= first,
            col(Meeting.starts_at) < after,
        )
        .with_for_update(skip_locked=True)
    )
    meetings = (await session.execute(stmt)).scalars().all()
    units = await meeting_reads.attending(session, [m.id for m in meetings])
    for meeting in meetings:
        await notices.announce(
            session, None, meeting, units[meeting.id], chair=True, prefix="会议提醒："
        )
        meeting.reminded = True
    await session.flush()
    return len(meetings)
