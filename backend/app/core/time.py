from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


# Set only while the demo records its history (clock_at); None everywhere else.
_clock: ContextVar[datetime | None] = ContextVar("clock", default=None)


def utcnow() -> datetime:
    return _clock.get() or datetime.now(UTC)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """The demo history only: the services run as on the day they would have run, so every
    timestamp and every rule on dates (a late report) comes out as it would have then."""
    token = _clock.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _clock.reset(token)


def day_start(day: date) -> datetime:
    """The first moment of a business date (Asia/Shanghai), in UTC."""
    return datetime.combine(day, time(), SHANGHAI).astimezone(UTC)
