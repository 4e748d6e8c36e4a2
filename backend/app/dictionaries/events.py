"""What happens to a code list's entries (reactions: app/subscriptions.py; the audit trail only)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class DictionaryItemRecorded(Recorded):
    """An entry added (`create`) or changed (`update`); the trail names the action after the
    code list (`dictionary.create`), the object after the entry (`dictionary_item`)."""

    object_type: ClassVar[str] = "dictionary_item"

    @property
    def action(self) -> str:
        return f"dictionary.{self.verb}"
