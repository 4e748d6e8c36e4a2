"""The scheduled job's part in reporting: open the period that just ended, and remind units.

On the first working day after a month (and a quarter) ends, its period opens with a draft for
every district and park — up to its default deadline: a period whose reporting window has
passed (a new installation, a job stopped for weeks) is the coordinator's to open on demand.
A report not yet submitted reminds its unit's officers once when its deadline is within
`REPORT_DUE_SOON_DAYS` working days, and once more, with the coordinators, when it has passed.
Every step is idempotent: a second run the same day does nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar
from app.core.config import Settings
from app.models import ReportPeriod, UnitReport
from app.models.enums import ReportKind, ReportState
from app.reports import periods
from app.reports.events import ReportReminded


@dataclass
class Done:
    opened: int = 0
    reminded: int = 0


def ended(today: date) -> list[tuple[ReportKind, int, int, date]]:
    """The month and the quarter that ended last before `today`, with their last day."""
    month_end = today.replace(day=1) - timedelta(days=1)
    quarter = (month_end.month - 1) // 3 + 1
    quarter_end_month = 3 * quarter
    if quarter_end_month != month_end.month:
        # The quarter of last month is still running: the one before it ended last.
        quarter -= 1
    year = month_end.year
    if quarter == 0:
        quarter, year = 4, year - 1
    _, quarter_end = periods.dates(ReportKind.quarter, year, quarter)
    return [
        (ReportKind.month, month_end.year, month_end.month, month_end),
        (ReportKind.quarter, year, quarter, quarter_end),
    ]


async def run(session: AsyncSession, settings: Settings, work: WorkCalendar, today: date) -> Done:
    done = Done()
    for kind, year, number, last_day in ended(today):
        first = work.add_working_days(last_day, 1)
        if first <= today <= periods.default_deadline(settings, work, last_day):
            opened = await periods.open_period(session, settings, kind, year, number)
            done.opened += int(opened.created)
    done.reminded = await _remind(session, settings, work, today)
    return done


async def _remind(
    session: AsyncSession, settings: Settings, work: WorkCalendar, today: date
) -> int:
    until = work.add_working_days(today, settings.report_due_soon_days)
    not_in = (
        col(UnitReport.first_submitted_at).is_(None),
        col(UnitReport.state) == ReportState.draft.value,
    )
    reminders: list[ReportReminded] = []
    for flag, when, overdue in (
        (
            UnitReport.due_soon_notified,
            (col(ReportPeriod.deadline) >= today, col(ReportPeriod.deadline) <= until),
            False,
        ),
        (UnitReport.overdue_notified, (col(ReportPeriod.deadline) < today,), True),
    ):
        stmt = (
            select(UnitReport, ReportPeriod)
            .join(ReportPeriod, col(ReportPeriod.id) == col(UnitReport.period_id))
            .where(*not_in, ~col(flag), *when)
            .with_for_update(of=UnitReport, skip_locked=True)
        )
        rows = (await session.execute(stmt)).all()
        if not rows:
            continue
        await session.execute(
            update(UnitReport)
            .where(col(UnitReport.id).in_([r.id for r, _ in rows]))
            .values({flag.key: True})  # type: ignore[attr-defined]
            .execution_options(synchronize_session=False)
        )
        reminders += [
            ReportReminded(
                actor=None,
                object_id=report.id,
                unit_id=report.unit_id,
                label=periods.label(period),
                state=ReportState(report.state),
                deadline=period.deadline,
                overdue=overdue,
            )
            for report, period in rows
        ]
    if reminders:
        await events.emit(session, *reminders)
    return len(reminders)
