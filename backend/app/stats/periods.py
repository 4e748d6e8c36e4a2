"""统计期: the dates a StatsFilter's period covers, and the same days of the year before."""

import calendar
from datetime import date

from app.core.calendar import business_today
from app.models.enums import StatsPeriod
from app.stats.schemas import Period, StatsFilter


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def resolve(f: StatsFilter, today: date | None = None) -> Period:
    year = f.year or (today or business_today()).year
    if f.period == StatsPeriod.custom:
        assert f.date_from is not None and f.date_to is not None
        label = f"{f.date_from.isoformat()} 至 {f.date_to.isoformat()}"
        return Period(date_from=f.date_from, date_to=f.date_to, label=label)
    if f.period == StatsPeriod.half:
        assert f.half is not None
        first = 1 if f.half == 1 else 7
        return Period(
            date_from=date(year, first, 1),
            date_to=_month_end(year, first + 5),
            label=f"{year}年{'上' if f.half == 1 else '下'}半年",
        )
    if f.period == StatsPeriod.quarter:
        assert f.quarter is not None
        first = 3 * f.quarter - 2
        return Period(
            date_from=date(year, first, 1),
            date_to=_month_end(year, first + 2),
            label=f"{year}年第{f.quarter}季度",
        )
    if f.period == StatsPeriod.month:
        assert f.month is not None
        return Period(
            date_from=date(year, f.month, 1),
            date_to=_month_end(year, f.month),
            label=f"{year}年{f.month}月",
        )
    return Period(date_from=date(year, 1, 1), date_to=date(year, 12, 31), label=f"{year}年")


def year_to_date(period: Period) -> tuple[Period, Period]:
    """1 January to the period's end, and the same days one year earlier (29 February reads
    as 28 February)."""
    end = period.date_to
    this = Period(
        date_from=date(end.year, 1, 1),
        date_to=end,
        label=f"{end.year}年1月1日至{end.month}月{end.day}日",
    )
    day = min(end.day, calendar.monthrange(end.year - 1, end.month)[1])
    last_end = date(end.year - 1, end.month, day)
    last = Period(
        date_from=date(end.year - 1, 1, 1),
        date_to=last_end,
        label=f"{last_end.year}年1月1日至{last_end.month}月{last_end.day}日",
    )
    return this, last
