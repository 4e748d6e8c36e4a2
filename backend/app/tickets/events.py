"""What happens to a ticket, as the events its services emit (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from app.core.events import Event
from app.models.enums import TicketEventKind, TicketState
from app.projects.concerns import Concern


@dataclass(frozen=True, kw_only=True)
class TicketChange(Event):
    object_type: ClassVar[str] = "ticket"

    object_id: uuid.UUID
    code: str
    title: str
    project_id: uuid.UUID
    # The departments handling it: the lead first, then the co-handlers.
    handler_unit_ids: tuple[uuid.UUID, ...] = ()

    @property
    def project_ids(self) -> tuple[uuid.UUID, ...]:
        return (self.project_id,)

    @property
    def concern(self) -> Concern | None:
        return None


@dataclass(frozen=True, kw_only=True)
class TicketCreated(TicketChange):
    project_name: str
    decision_id: uuid.UUID | None = None

    @property
    def action(self) -> str:
        return "ticket.create"


@dataclass(frozen=True, kw_only=True)
class TicketTransitioned(TicketChange):
    from_state: TicketState
    to_state: TicketState
    note: str | None = None
    owner_unit_id: uuid.UUID
    requester_id: uuid.UUID | None = None
    decision_id: uuid.UUID | None = None
    due_date: date | None = None
    satisfaction: int | None = None

    @property
    def returned(self) -> bool:
        """Sent back from resolved to in progress (退回)."""
        return self.from_state == TicketState.resolved and self.to_state == TicketState.in_progress

    @property
    def action(self) -> str:
        return "ticket.return" if self.returned else f"ticket.{self.to_state.value}"

    @property
    def concern(self) -> Concern | None:
        if self.to_state != TicketState.assigned:
            return None
        # A ticket is assigned once, from submitted: nothing earlier to replace.
        return Concern(
            "ticket", self.object_id, self.project_ids, self.handler_unit_ids, first=True
        )


@dataclass(frozen=True, kw_only=True)
class TicketNoted(TicketChange):
    """A comment (留言), 催办 or 批示 on the timeline."""

    kind: TicketEventKind
    note: str

    @property
    def action(self) -> str:
        return f"ticket.{self.kind.value}"


@dataclass(frozen=True, kw_only=True)
class TicketEscalated(TicketChange):
    """督办 (level 1) or 通报 (level 2), by a person or by the schedule (no actor)."""

    level: int
    letter_number: str
    reason: str

    @property
    def label(self) -> str:
        return "督办" if self.level == 1 else "通报"

    @property
    def action(self) -> str:
        return "ticket.escalate"


@dataclass(frozen=True, kw_only=True)
class TicketComingDue(TicketChange):
    """The schedule's reminder that a ticket's deadline is near; not a change of the ticket."""

    audited: ClassVar[bool] = False
    due_date: date

    @property
    def action(self) -> str:
        return "ticket.due_soon"


@dataclass(frozen=True, kw_only=True)
class TicketOverdue(TicketChange):
    """The schedule found the ticket still in hand past its deadline (once per ticket); partners
    subscribed to `ticket.overdue` hear of it."""

    audited: ClassVar[bool] = False
    due_date: date

    @property
    def action(self) -> str:
        return "ticket.overdue"
