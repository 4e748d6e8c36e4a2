"""What an audit reader sees of an event's before/after: what they may see of the object itself.

The trail is for who did what, when; the content of a project, ticket, meeting, decision or
review round stays behind the same rules as the object. A reader without the object's read
permission, or outside its row scope, gets no snapshot (`snapshot_withheld`); one who may see
the project but not its confidential investor gets it redacted as the read model redacts it
(`snapshot_redacted`). An object type not listed here is withheld, so a new kind of object
never leaks by default.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import naming, wording
from app.audit.schemas import AuditChange, AuditEventRead
from app.core.permissions import Permission
from app.core.principal import Principal
from app.meetings import scope as meeting_scope
from app.models import AuditEvent, Decision, Meeting, Project, ReviewRound, Ticket
from app.projects import scope as project_scope
from app.tickets import scope as ticket_scope


@dataclass(frozen=True)
class _Kind:
    permission: Permission
    model: Any
    # The domain's row scope applied to a statement on `model`.
    visible: Callable[[Any, Principal], Any]
    # Sees every row, deleted ones included (a deleted object has no row to scope).
    sees_all: Callable[[Principal], bool]


BUSINESS: dict[str, _Kind] = {
    "project": _Kind(
        Permission.projects_read,
        Project,
        project_scope.visible,
        project_scope.sees_all,
    ),
    "ticket": _Kind(
        Permission.tickets_read, Ticket, ticket_scope.visible, lambda p: p.sees_everything
    ),
    "meeting": _Kind(
        Permission.meetings_read,
        Meeting,
        lambda stmt, p: stmt.where(meeting_scope.meeting_condition(p)),
        lambda p: p.sees_everything,
    ),
    "decision": _Kind(
        Permission.meetings_read,
        Decision,
        lambda stmt, p: stmt.where(meeting_scope.decision_condition(p)),
        lambda p: p.sees_everything,
    ),
    # Rounds are visible to whoever may read the 三级联审 at all.
    "review_round": _Kind(
        Permission.reviews_read, ReviewRound, lambda stmt, p: stmt, lambda p: True
    ),
}
# Administration objects: shown to readers holding the permission named (None: any reader).
ADMINISTRATION: dict[str, Permission | None] = {
    "user": Permission.users_read,
    "unit": Permission.units_read,
    "api_client": None,
    "dictionary_item": None,
    "calendar_override": None,
}


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


async def _visible_ids(
    session: AsyncSession, principal: Principal, object_type: str, ids: set[uuid.UUID]
) -> set[uuid.UUID]:
    kind = BUSINESS[object_type]
    if not ids or not principal.has(kind.permission):
        return set()
    if kind.sees_all(principal):
        return ids
    stmt = kind.visible(select(col(kind.model.id)).where(col(kind.model.id).in_(ids)), principal)
    return set((await session.execute(stmt)).scalars())


async def present(
    session: AsyncSession, principal: Principal, events: Sequence[AuditEvent]
) -> list[AuditEventRead]:
    """The events as this reader may read them (one query per object type on the page)."""
    wanted: dict[str, set[uuid.UUID]] = {t: set() for t in BUSINESS}
    for event in events:
        object_id = _uuid(event.object_id)
        if event.object_type in BUSINESS and object_id is not None:
            wanted[event.object_type].add(object_id)
    visible = {t: await _visible_ids(session, principal, t, ids) for t, ids in wanted.items()}
    confidential: set[uuid.UUID] = set()
    if visible["project"]:
        found = await session.execute(
            select(col(Project.id)).where(
                col(Project.id).in_(visible["project"]), col(Project.is_confidential)
            )
        )
        confidential = set(found.scalars())

    page_names = await naming.names(session, events)
    say = page_names.wording()
    reads = []
    for event in events:
        read = AuditEventRead.model_validate(event)
        object_id = _uuid(event.object_id)
        if event.object_type in BUSINESS:
            shown = object_id is not None and object_id in visible[event.object_type]
        elif event.object_type in ADMINISTRATION:
            needed = ADMINISTRATION[event.object_type]
            shown = needed is None or principal.has(needed)
        else:
            shown = False
        if not shown:
            read.before = read.after = None
            read.snapshot_withheld = event.before is not None or event.after is not None
        elif event.object_type == "project":
            read.before, read.after, read.snapshot_redacted = _redacted(
                principal, read.before, read.after, object_id in confidential
            )
        read.actor_display_name, read.unit_name = page_names.actor(event)
        read.action_label = wording.action_label(event.action)
        read.object_type_label = wording.object_type_label(event.object_type)
        read.object_label = page_names.object(event, shown)
        if shown:
            read.changes = [
                AuditChange(field=f, label=label, before=was, after=now)
                for f, label, was, now in wording.changes(
                    event.object_type, read.before, read.after, say
                )
            ]
        reads.append(read)
    return reads


def _redacted(
    principal: Principal,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    confidential_now: bool,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, bool]:
    # Confidential now or then: a project made public later keeps its past investor hidden.
    confidential = confidential_now or any(
        bool(s and s.get("is_confidential")) for s in (before, after)
    )
    hidden = False
    out: list[dict[str, Any] | None] = []
    for snap in (before, after):
        if snap is None:
            out.append(None)
            continue
        redacted, changed = project_scope.redact_snapshot(principal, snap, confidential)
        hidden = hidden or changed
        out.append(redacted)
    return out[0], out[1], hidden
