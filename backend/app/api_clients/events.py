"""What happens to a partner system's client (reactions: app/subscriptions.py; the audit trail
only)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class ApiClientRecorded(Recorded):
    """A client registered (`create`) or revoked (`revoke`)."""

    object_type: ClassVar[str] = "api_client"
