"""What happens to a person's account (reactions: app/subscriptions.py; the audit trail only)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class UserRecorded(Recorded):
    """An account created (`create`), changed (`update`) or given a new password by an
    administrator (`password_reset`)."""

    object_type: ClassVar[str] = "user"
