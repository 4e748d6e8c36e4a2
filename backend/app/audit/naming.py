"""Names for a page of the audit trail: who acted (name and unit), what the object is called
(project code and name, ticket code and title, meeting title, user, unit …) and the units and
people its snapshots mention. One query per kind of thing per page, never one per row."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import wording
from app.dictionaries import service as dictionaries
from app.models import (
    ApiClient,
    AuditEvent,
    Decision,
    DictionaryItem,
    Meeting,
    Project,
    ReviewRound,
    Ticket,
    Unit,
    User,
)
from app.models.enums import DictionaryKind

# How each kind of object is named: its model and the columns that make its label.
_LABELS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "project": (Project, ("code", "name")),
    "ticket": (Ticket, ("code", "title")),
    "meeting": (Meeting, ("title",)),
    "decision": (Decision, ("code", "text")),
    "review_round": (ReviewRound, ("title",)),
    "api_client": (ApiClient, ("name",)),
    "dictionary_item": (DictionaryItem, ("label",)),
}
# What of a business object's label a reader outside its scope may see: its code, not its name.
_CODE_ONLY = {"project", "ticket", "decision"}
_TEXT_LIMIT = 40


@dataclass
class PageNames:
    users: dict[uuid.UUID, tuple[str, uuid.UUID | None]] = field(default_factory=dict)
    units: dict[uuid.UUID, str] = field(default_factory=dict)
    objects: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    dictionaries: dict[DictionaryKind, dict[str, str]] = field(default_factory=dict)

    def wording(self) -> wording.Names:
        return wording.Names(
            units=self.units,
            users={i: name for i, (name, _) in self.users.items()},
            dictionaries=self.dictionaries,
        )

    def actor(self, event: AuditEvent) -> tuple[str | None, str | None]:
        """The actor's name and unit, as people know them."""
        person = self.users.get(event.actor_id) if event.actor_id else None
        name = person[0] if person and not event.client_id else event.actor_name
        unit = self.units.get(event.unit_id) if event.unit_id else None
        return name, unit

    def object(self, event: AuditEvent, shown: bool) -> str | None:
        """The object by its human name (a reader outside a project's scope sees its code)."""
        kind, key = event.object_type, event.object_id
        if key is None:
            return None
        if kind == "calendar_override":
            return key
        if kind == "user":
            person = self.users.get(_uuid(key) or uuid.UUID(int=0))
            return person[0] if person else None
        if kind == "unit":
            return self.units.get(_uuid(key) or uuid.UUID(int=0))
        parts = self.objects.get((kind, key))
        if parts is None and shown and kind in _LABELS:
            # A deleted object: named as its last snapshot had it.
            snap = event.before or {}
            parts = tuple(str(snap[c]) for c in _LABELS[kind][1] if snap.get(c))
        if not parts:
            return None
        if not shown:
            return parts[0] if kind in _CODE_ONLY else None
        return " ".join(_short(p) for p in parts)


def _short(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


async def names(session: AsyncSession, events: Sequence[AuditEvent]) -> PageNames:
    out = PageNames()
    wanted: dict[str, set[uuid.UUID]] = {kind: set() for kind in _LABELS}
    users: set[uuid.UUID] = set()
    units: set[uuid.UUID] = set()
    for event in events:
        if event.actor_id and not event.client_id:
            users.add(event.actor_id)
        if event.unit_id:
            units.add(event.unit_id)
        object_id = _uuid(event.object_id)
        if object_id is not None:
            if event.object_type == "user":
                users.add(object_id)
            elif event.object_type == "unit":
                units.add(object_id)
            elif event.object_type in wanted:
                wanted[event.object_type].add(object_id)
        more_units, more_users = wording.referenced([event.before, event.after])
        units |= more_units
        users |= more_users

    if users:
        rows = await session.execute(
            select(col(User.id), col(User.full_name), col(User.unit_id)).where(
                col(User.id).in_(users)
            )
        )
        out.users = {i: (name, unit) for i, name, unit in rows.all()}
    if units:
        found = await session.execute(
            select(col(Unit.id), col(Unit.name)).where(col(Unit.id).in_(units))
        )
        out.units = {i: name for i, name in found.all()}
    for kind, ids in wanted.items():
        if not ids:
            continue
        model, columns = _LABELS[kind]
        stmt = select(col(model.id), *(getattr(model, c) for c in columns))
        for row in (await session.execute(stmt.where(col(model.id).in_(ids)))).all():
            out.objects[(kind, str(row[0]))] = tuple(str(v) for v in row[1:] if v)
    if any(e.before or e.after for e in events):
        out.dictionaries = {
            kind: await dictionaries.labels(session, kind) for kind in DictionaryKind
        }
    return out
