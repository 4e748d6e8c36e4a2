"""Working days on the Chinese calendar: statutory holidays and make-up working days (调休).

The `chinesecalendar` package knows the State Council's schedule for the years it was released
with; the `calendar_overrides` table (admin-editable) wins over it, and a year the package does
not know falls back to "Monday to Friday" plus the overrides — `knows_year` says which.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar

from app.core.time import SHANGHAI, utcnow


def business_today(now: datetime | None = None) -> date:
    """Today's date in Xiangtan (Asia/Shanghai), which is what deadlines are counted in."""
    return (now or utcnow()).astimezone(SHANGHAI).date()


def package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class WorkCalendar:
    overrides: Mapping[date, bool] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if package_knows(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (start itself is not counted)."""
        day = start
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start): the
        days `add_working_days(start, n)` counts, so a ticket resolved on its due date took
        exactly its allowance."""
        days, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                days += 1
        return days

    def latest_start_past(self, today: date, days: int) -> date:
        """The latest date d such that `add_working_days(d, days) < today`, i.e. every date up
        to it has run out of its `days` working days before today. Lets a query compare a date
        column with one value instead of computing working days per row."""
        day = today - timedelta(days=1)
        while self.add_working_days(day, days) >= today:
            day -= timedelta(days=1)
        return day

    def knows_year(self, year: int) -> bool:
        """True when holidays for `year` come from the published schedule (package or
        overrides), False when only weekends are known."""
        return package_knows(year) or any(d.year == year for d in self.overrides)
