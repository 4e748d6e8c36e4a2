"""What happens to bulletins and assessment indicators (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Event, Recorded


@dataclass(frozen=True, kw_only=True)
class BulletinChanged(Event):
    """A bulletin built (`build`, its first build included), edited (`update`) or published."""

    object_type: ClassVar[str] = "bulletin"

    object_id: uuid.UUID
    verb: str
    title: str

    @property
    def action(self) -> str:
        return f"bulletin.{self.verb}"


@dataclass(frozen=True, kw_only=True)
class BulletinPublished(BulletinChanged):
    # The units ranked in it: each is told.
    unit_ids: tuple[uuid.UUID, ...]
    verb: str = "publish"


@dataclass(frozen=True, kw_only=True)
class IndicatorRecorded(Recorded):
    """An assessment indicator's label, weight or use changed (`update`)."""

    object_type: ClassVar[str] = "assessment_indicator"
