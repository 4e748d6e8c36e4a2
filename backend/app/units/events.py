"""What happens to a unit (reactions: app/subscriptions.py; the audit trail only)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class UnitRecorded(Recorded):
    """A unit created (`create`) or changed (`update`, deactivation included)."""

    object_type: ClassVar[str] = "unit"
