"""What happens to a webhook endpoint (reactions: app/subscriptions.py)."""

from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Recorded


@dataclass(frozen=True, kw_only=True)
class EndpointRecorded(Recorded):
    """An endpoint registered (`create`), changed (`update`), deleted (`delete`), its secret
    rotated (`rotate_secret`) or a delivery sent again (`redeliver`)."""

    object_type: ClassVar[str] = "webhook_endpoint"


@dataclass(frozen=True, kw_only=True)
class EndpointDisabled(Recorded):
    """The worker disabled an endpoint that kept failing; the admins are told."""

    object_type: ClassVar[str] = "webhook_endpoint"
    verb: str = "disable"
    url: str
