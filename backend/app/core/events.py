"""Domain events: a service says what happened; what follows from it (the audit trail,
notifications, a decision's follow-up, a project's activity and concerns) is a reaction listed in
`app/subscriptions.py`, the one place that shows what a ticket step or a meeting's publication
causes.

Reactions run when the event is emitted, on the same session, in the order the table gives, so
they share the write's transaction: a rolled-back request leaves neither its change nor any of
its consequences. They run at `emit` rather than at commit because the response built right after
a service returns must already show them (a decision moved by its ticket's step). A reaction takes
a batch: a job that escalates a hundred tickets emits a hundred events at once, and each reaction
handles them together (one query for all the recipients, not one per ticket).

Events carry plain data about the change (ids, states, JSON snapshots) so they can be serialised
for partner systems with `payload()`; the caller travels beside them as `actor`.
"""

import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from itertools import groupby
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from app.core.principal import Principal
from app.models.enums import AuditOutcome


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened to one object. Subclasses name the object type and the action
    the audit trail records; `audited = False` keeps an event out of the trail."""

    object_type: ClassVar[str]
    audited: ClassVar[bool] = True

    actor: Principal | None
    # A row id; calendar overrides are named by their ISO date.
    object_id: uuid.UUID | str | None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    outcome: AuditOutcome = AuditOutcome.success
    # Where the actor is not a caller of the API (a sign-in attempt), its address.
    ip: str | None = None

    @property
    def action(self) -> str:
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        """The event as JSON-safe data, the actor reduced to who it was."""
        data = {
            f.name: _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in {"actor", "ip"}
        }
        actor = self.actor
        data["action"] = self.action
        data["object_type"] = self.object_type
        data["actor"] = (
            None
            if actor is None or (actor.user is None and actor.client is None)
            else {
                "kind": "person" if actor.user is not None else "partner",
                "id": str(actor.user.id if actor.user else actor.client.id),  # type: ignore[union-attr]
                "name": actor.display_name,
                "unit_id": str(actor.unit_id),
            }
        )
        return data


@dataclasses.dataclass(frozen=True, kw_only=True)
class Recorded(Event):
    """A change whose only consequence is its line in the audit trail (administration data,
    sign-ins): the domain names the action itself."""

    verb: str

    @property
    def action(self) -> str:
        return f"{self.object_type}.{self.verb}"


# Hashes, and the webhook signing secrets the worker must keep as given.
SECRET_FIELDS = {"password_hash", "secret_hash", "token_hash", "secret", "previous_secret"}


def snapshot(obj: SQLModel | None) -> dict[str, Any] | None:
    """A JSON-safe copy of a row for an event's before/after, without secrets."""
    if obj is None:
        return None
    return obj.model_dump(mode="json", exclude=SECRET_FIELDS)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID | date | datetime):
        return str(value) if isinstance(value, uuid.UUID) else value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


Reaction = Callable[[AsyncSession, Sequence[Any]], Awaitable[None]]
_reactions: dict[type[Event], tuple[Reaction, ...]] = {}


def install(table: Mapping[type[Event], Sequence[Reaction]]) -> None:
    """Sets the subscription table (`app.subscriptions.install` does this at start-up)."""
    _reactions.clear()
    _reactions.update({kind: tuple(reactions) for kind, reactions in table.items()})


def reactions_to(kind: type[Event]) -> list[Reaction]:
    """The event's own reactions in their listed order, then those of the kinds it extends
    (so the audit trail, subscribed to every `Event`, comes last)."""
    return [r for base in kind.__mro__ for r in _reactions.get(base, ())]


async def emit(session: AsyncSession, *events: Event) -> None:
    """Runs every reaction to these events now, in this session's transaction. Consecutive
    events of one kind reach each reaction as one batch."""
    if not _reactions:
        raise RuntimeError("app.subscriptions.install() has not run: no reaction is wired")
    for kind, batch in groupby(events, type):
        group = list(batch)
        for reaction in reactions_to(kind):
            await reaction(session, group)
