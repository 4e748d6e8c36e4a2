"""节假日调整: the admin-editable overrides on top of the published holiday schedule."""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import extract, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar
from app.core.errors import NotFound
from app.core.events import snapshot
from app.core.principal import Principal
from app.holidays.events import CalendarOverrideRecorded
from app.models import CalendarOverride


async def load_calendar(session: AsyncSession) -> WorkCalendar:
    """The working calendar, read once per session (an override's change drops it)."""
    calendar = session.info.get("calendar")
    if calendar is None:
        rows = (await session.execute(select(CalendarOverride))).scalars().all()
        calendar = session.info["calendar"] = WorkCalendar({o.day: o.is_working_day for o in rows})
    return calendar


async def list_overrides(session: AsyncSession, year: int | None) -> Sequence[CalendarOverride]:
    stmt = select(CalendarOverride).order_by(col(CalendarOverride.day))
    if year is not None:
        stmt = stmt.where(extract("year", col(CalendarOverride.day)) == year)
    return (await session.execute(stmt)).scalars().all()


async def put_override(
    session: AsyncSession, principal: Principal, day: date, is_working_day: bool, name: str
) -> CalendarOverride:
    row = await session.get(CalendarOverride, day)
    before = snapshot(row)
    if row is None:
        row = CalendarOverride(day=day, is_working_day=is_working_day, name=name)
        session.add(row)
    else:
        row.is_working_day, row.name = is_working_day, name
    session.info.pop("calendar", None)
    await session.flush()
    await events.emit(
        session,
        CalendarOverrideRecorded(
            actor=principal,
            verb="put",
            object_id=day.isoformat(),
            before=before,
            after=snapshot(row),
        ),
    )
    return row


async def delete_override(session: AsyncSession, principal: Principal, day: date) -> None:
    row = await session.get(CalendarOverride, day)
    if row is None:
        raise NotFound("该日期没有调整记录")
    before = snapshot(row)
    await session.delete(row)
    session.info.pop("calendar", None)
    await session.flush()
    await events.emit(
        session,
        CalendarOverrideRecorded(
            actor=principal, verb="delete", object_id=day.isoformat(), before=before
        ),
    )


def preview(calendar: WorkCalendar, start: date, days: int) -> tuple[date, list[date]]:
    """The due date `days` working days after `start`, and the days skipped on the way."""
    due = calendar.add_working_days(start, days)
    skipped = []
    day = start + timedelta(days=1)
    while day < due:
        if not calendar.is_working_day(day):
            skipped.append(day)
        day += timedelta(days=1)
    return due, skipped
