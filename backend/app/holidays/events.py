"""What happens to the holiday overrides (reactions: app/subscriptions.py; the audit trail only)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class CalendarOverrideRecorded(Recorded):
    """An override set (`put`, created or replaced) or removed (`delete`); the trail names the
    action after the calendar (`calendar.put`)."""

    object_type: ClassVar[str] = "calendar_override"

    @property
    def action(self) -> str:
        return f"calendar.{self.verb}"
