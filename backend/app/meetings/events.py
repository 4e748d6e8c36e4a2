"""What happens to meetings and their decisions, as the events their services and the reminder
job emit (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from app.core.events import Event
from app.models.enums import DecisionState, MeetingState
from app.projects.concerns import Concern


@dataclass(frozen=True, kw_only=True)
class MeetingChange(Event):
    """A meeting as it stands after the change: what its notices say."""

    object_type: ClassVar[str] = "meeting"

    object_id: uuid.UUID
    title: str
    state: MeetingState
    starts_at: datetime
    place: str
    chair_id: uuid.UUID


@dataclass(frozen=True, kw_only=True)
class MeetingCreated(MeetingChange):
    # The units invited to it.
    unit_ids: tuple[uuid.UUID, ...]

    @property
    def action(self) -> str:
        return "meeting.create"


@dataclass(frozen=True, kw_only=True)
class MeetingUpdated(MeetingChange):
    # The units invited to it, as of after the change.
    unit_ids: tuple[uuid.UUID, ...]
    # Its time, place or chair changed.
    rescheduled: bool = False
    # The units invited by this change (also in `unit_ids`).
    added_unit_ids: tuple[uuid.UUID, ...] = ()

    @property
    def action(self) -> str:
        return "meeting.update"


@dataclass(frozen=True, kw_only=True)
class MeetingHeld(MeetingChange):
    @property
    def action(self) -> str:
        return "meeting.held"


@dataclass(frozen=True, kw_only=True)
class MeetingPublished(MeetingChange):
    """Its minutes published (印发): the meeting is frozen from now on."""

    minutes_version: int

    @property
    def action(self) -> str:
        return "meeting.published"


@dataclass(frozen=True, kw_only=True)
class MinutesRevised(MeetingChange):
    """A new version of published minutes, with its reason."""

    minutes_version: int
    reason: str | None = None

    @property
    def action(self) -> str:
        return "meeting.revise_minutes"


@dataclass(frozen=True, kw_only=True)
class MeetingReminded(MeetingChange):
    """The reminder job's day-before reminder (not in the audit trail)."""

    audited: ClassVar[bool] = False

    unit_ids: tuple[uuid.UUID, ...]

    @property
    def action(self) -> str:
        return "meeting.remind"


@dataclass(frozen=True, kw_only=True)
class DecisionChange(Event):
    """A decision as it stands after the change."""

    object_type: ClassVar[str] = "decision"

    object_id: uuid.UUID
    code: str
    meeting_id: uuid.UUID
    responsible_unit_id: uuid.UUID

    @property
    def concern(self) -> Concern | None:
        return None


@dataclass(frozen=True, kw_only=True)
class DecisionLinked(DecisionChange):
    """A change that states the decision's co-units and projects (as of after it)."""

    co_unit_ids: tuple[uuid.UUID, ...] = ()
    project_ids: tuple[uuid.UUID, ...] = ()

    @property
    def unit_ids(self) -> tuple[uuid.UUID, ...]:
        """The units carrying it out: the responsible unit first, then the co-units."""
        return (self.responsible_unit_id, *self.co_unit_ids)


@dataclass(frozen=True, kw_only=True)
class DecisionCreated(DecisionLinked):
    meeting_title: str
    text: str

    @property
    def action(self) -> str:
        return "decision.create"

    @property
    def concern(self) -> Concern | None:
        return Concern("decision", self.object_id, self.project_ids, self.unit_ids, first=True)


@dataclass(frozen=True, kw_only=True)
class DecisionUpdated(DecisionLinked):
    # Its responsible unit, co-units or projects were set by this change.
    relinked: bool = False

    @property
    def action(self) -> str:
        return "decision.update"

    @property
    def concern(self) -> Concern | None:
        if not self.relinked:
            return None
        return Concern("decision", self.object_id, self.project_ids, self.unit_ids)


@dataclass(frozen=True, kw_only=True)
class DecisionTransitioned(DecisionChange):
    from_state: DecisionState
    to_state: DecisionState
    note: str | None = None

    @property
    def action(self) -> str:
        return f"decision.{self.to_state.value}"


@dataclass(frozen=True, kw_only=True)
class DecisionProgressReported(DecisionChange):
    note: str
    progress_date: date

    @property
    def action(self) -> str:
        return "decision.report"


@dataclass(frozen=True, kw_only=True)
class DecisionTicketsCreated(DecisionChange):
    """转交办: the tickets made from it in one step."""

    ticket_ids: tuple[uuid.UUID, ...]

    @property
    def action(self) -> str:
        return "decision.to_tickets"


@dataclass(frozen=True, kw_only=True)
class DecisionReminded(DecisionChange):
    """The reminder job's notice that it comes due soon or is overdue (not in the audit trail)."""

    audited: ClassVar[bool] = False

    co_unit_ids: tuple[uuid.UUID, ...] = ()
    meeting_title: str
    due_date: date
    overdue: bool

    @property
    def unit_ids(self) -> tuple[uuid.UUID, ...]:
        return (self.responsible_unit_id, *self.co_unit_ids)

    @property
    def action(self) -> str:
        return "decision.overdue_reminder" if self.overdue else "decision.due_soon_reminder"
