"""报表期: opening a month or quarter for every district and park, by the job or on demand.

Opening is idempotent per (kind, year, number): again it only adds the drafts of units that
have none yet (a park created since), and never touches an existing report.
"""

import calendar as months
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import WorkCalendar
from app.core.config import Settings
from app.core.errors import Unprocessable
from app.core.principal import Principal
from app.holidays import service as holidays
from app.models import ReportPeriod, Unit, UnitReport, UnitReportEvent, UnitReportFigure
from app.models.enums import ReportKind, ReportState, UnitKind
from app.reports import figures
from app.reports.events import PeriodOpened

REPORTING_KINDS = (UnitKind.district.value, UnitKind.park.value)


def dates(kind: ReportKind, year: int, number: int) -> tuple[date, date]:
    if kind == ReportKind.quarter:
        if number > 4:
            raise Unprocessable("季度须为 1–4", code="invalid_quarter")
        first, last = 3 * number - 2, 3 * number
    else:
        first = last = number
    return date(year, first, 1), date(year, last, months.monthrange(year, last)[1])


def label(period: ReportPeriod) -> str:
    if period.kind == ReportKind.quarter.value:
        return f"{period.year}年第{period.number}季度季报"
    return f"{period.year}年{period.number}月月报"


def default_deadline(settings: Settings, work: WorkCalendar, date_to: date) -> date:
    """The N-th working day after the period's last day (the 5th working day of the next
    month by default)."""
    return work.add_working_days(date_to, settings.report_deadline_working_days)


@dataclass(frozen=True)
class Opened:
    period: ReportPeriod
    created: bool
    drafts: int


async def find(
    session: AsyncSession, kind: ReportKind, year: int, number: int
) -> ReportPeriod | None:
    stmt = select(ReportPeriod).where(
        col(ReportPeriod.kind) == kind.value,
        col(ReportPeriod.year) == year,
        col(ReportPeriod.number) == number,
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def open_period(
    session: AsyncSession,
    settings: Settings,
    kind: ReportKind,
    year: int,
    number: int,
    *,
    deadline: date | None = None,
    principal: Principal | None = None,
) -> Opened:
    date_from, date_to = dates(kind, year, number)
    period = await find(session, kind, year, number)
    created = period is None
    if period is None:
        work = await holidays.load_calendar(session)
        period = ReportPeriod(
            kind=kind.value,
            year=year,
            number=number,
            date_from=date_from,
            date_to=date_to,
            deadline=deadline or default_deadline(settings, work, date_to),
            opened_by_id=principal.user.id if principal and principal.user else None,
        )
        try:
            async with session.begin_nested():
                session.add(period)
                await session.flush()
        except IntegrityError:
            # Opened at the same moment by the job or another coordinator: theirs stands.
            found = await find(session, kind, year, number)
            assert found is not None
            period, created = found, False
    drafts = await _add_drafts(session, period, principal)
    if created or drafts:
        await events.emit(
            session,
            PeriodOpened(
                actor=principal,
                object_id=period.id,
                label=label(period),
                reports=drafts,
                after={"kind": period.kind, "year": year, "number": number, "drafts": drafts},
            ),
        )
    return Opened(period=period, created=created, drafts=drafts)


async def _add_drafts(
    session: AsyncSession, period: ReportPeriod, principal: Principal | None
) -> int:
    """A draft, pre-filled, for every active district and park without a report yet."""
    have = select(col(UnitReport.unit_id)).where(col(UnitReport.period_id) == period.id)
    stmt = (
        select(col(Unit.id))
        .where(
            col(Unit.kind).in_(REPORTING_KINDS),
            col(Unit.is_active),
            col(Unit.id).not_in(have),
        )
        .order_by(col(Unit.code))
    )
    unit_ids: list[uuid.UUID] = list((await session.execute(stmt)).scalars())
    for unit_id in unit_ids:
        computed = await figures.compute(session, period, unit_id)
        report = UnitReport(period_id=period.id, unit_id=unit_id, projects=computed.projects)
        session.add(report)
        await session.flush()
        session.add_all(
            UnitReportFigure(report_id=report.id, key=key.value, computed=value)
            for key, value in computed.figures.items()
        )
        session.add(
            UnitReportEvent(
                report_id=report.id,
                action="open",
                to_state=ReportState.draft.value,
                actor_id=principal.user.id if principal and principal.user else None,
                actor_name=principal.display_name if principal else "系统",
            )
        )
    await session.flush()
    return len(unit_ids)
