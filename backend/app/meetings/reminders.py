"""Reminders sent by the scheduled job, so that meetings and their decisions are not forgotten.

A decision coming due within `DECISION_DUE_SOON_DAYS` working days reminds the officers of its
responsible and co-units once; a decision past its due date and still open tells them and the
coordinators once. Moving the due date arms both reminders again (`decisions.update`).
On the last working day before a meeting, its chair and the officers of its units are reminded
once; moving the meeting arms the reminder again (`service.update`).
"""

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar
from app.core.config import Settings
from app.core.time import SHANGHAI
from app.meetings import meeting_reads
from app.meetings.events import DecisionReminded, MeetingReminded
from app.meetings.service import facts
from app.models import Decision, DecisionUnit, Meeting
from app.models.enums import MeetingState
from app.models.meeting import DECISION_OPEN


async def remind(
    session: AsyncSession, settings: Settings, calendar: WorkCalendar, today: date
) -> int:
    """Sends the reminders due today; answers how many decisions were reminded."""
    until = calendar.add_working_days(today, settings.decision_due_soon_days)
    due_soon = await _due(
        session,
        Decision.due_soon_notified,
        (col(Decision.due_date) >= today, col(Decision.due_date) <= until),
        overdue=False,
    )
    overdue = await _due(
        session, Decision.overdue_notified, (col(Decision.due_date) < today,), overdue=True
    )
    if due_soon or overdue:
        await events.emit(session, *due_soon, *overdue)
    return len(due_soon) + len(overdue)


async def _due(
    session: AsyncSession, flag: Any, when: tuple[Any, ...], *, overdue: bool
) -> list[DecisionReminded]:
    """A reminder for every open decision matching `when` whose `flag` is not yet set, then the
    flag set — read as plain rows, the flags written in one statement."""
    stmt = (
        select(
            col(Decision.id),
            col(Decision.code),
            col(Decision.meeting_id),
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
        return []
    ids = [d.id for d in decisions]
    co: dict[uuid.UUID, list[uuid.UUID]] = {d.id: [] for d in decisions}
    stmt_co = select(col(DecisionUnit.decision_id), col(DecisionUnit.unit_id)).where(
        col(DecisionUnit.decision_id).in_(ids)
    )
    for decision_id, unit_id in (await session.execute(stmt_co)).all():
        co[decision_id].append(unit_id)
    await session.execute(
        update(Decision)
        .where(col(Decision.id).in_(ids))
        .values({flag.key: True})
        .execution_options(synchronize_session=False)
    )
    return [
        DecisionReminded(
            actor=None,
            object_id=d.id,
            code=d.code,
            meeting_id=d.meeting_id,
            meeting_title=d.title,
            responsible_unit_id=d.responsible_unit_id,
            co_unit_ids=tuple(co[d.id]),
            due_date=d.due_date,
            overdue=overdue,
        )
        for d in decisions
    ]


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
        meeting.reminded = True
    await session.flush()
    if meetings:
        await events.emit(
            session,
            *(
                MeetingReminded(actor=None, unit_ids=tuple(units[m.id]), **facts(m))
                for m in meetings
            ),
        )
    return len(meetings)
