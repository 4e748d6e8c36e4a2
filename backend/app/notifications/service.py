"""In-app notifications: delivering notices and each person's inbox. Who hears about what is
decided by the reactions in this package (tickets, meetings), wired in app/subscriptions.py."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.core.time import utcnow
from app.models import Notification, User
from app.models.enums import NotificationKind, Role
from app.notifications.schemas import NotificationFilter

OFFICER_ROLES = (Role.department_officer.value, Role.unit_officer.value)


@dataclass(frozen=True, kw_only=True)
class Note:
    """One notice and who receives it: the active officers of `units`, everyone holding one of
    `roles`, and the people in `users` — each once, never the person who caused it."""

    kind: NotificationKind
    title: str
    body: str
    link: str
    ticket_id: uuid.UUID | None = None
    units: Sequence[uuid.UUID | None] = ()
    roles: Sequence[Role] = ()
    users: Sequence[uuid.UUID | None] = ()
    exclude: uuid.UUID | None = None


def about_ticket(
    kind: NotificationKind, ticket_id: uuid.UUID, code: str, title: str, body: str, **who: Any
) -> Note:
    """A notice on a ticket, titled by its number and title and linking to it."""
    return Note(
        kind=kind,
        title=f"{code} {title}",
        body=body,
        link=f"/tickets/{ticket_id}",
        ticket_id=ticket_id,
        **who,
    )


async def deliver(session: AsyncSession, notes: Sequence[Note]) -> None:
    """Adds the notifications for a batch of notices. One notice is one INSERT … SELECT from
    the people it reaches; a larger batch (a job's reminders) finds every recipient in one
    query and writes all its rows in one insert."""
    if len(notes) == 1:
        await _insert_selected(session, notes[0])
        return
    who = _who(
        [u for n in notes for u in n.units],
        [r for n in notes for r in n.roles],
        [u for n in notes for u in n.users],
    )
    if who is None:
        return
    stmt = select(col(User.id), col(User.unit_id), col(User.role)).where(col(User.is_active), who)
    people = (await session.execute(stmt)).all()
    rows = []
    for note in notes:
        note_units, note_roles = set(note.units), {r.value for r in note.roles}
        recipients = dict.fromkeys(
            person_id
            for person_id, unit_id, role in people
            if person_id != note.exclude
            and (
                (unit_id in note_units and role in OFFICER_ROLES)
                or role in note_roles
                or person_id in note.users
            )
        )
        rows += [{"id": uuid.uuid4(), "user_id": u, **_fields(note)} for u in recipients]
    if rows:
        await session.execute(insert(Notification), rows)


def _who(
    units: Iterable[uuid.UUID | None], roles: Iterable[Role], users: Iterable[uuid.UUID | None]
) -> ColumnElement[bool] | None:
    unit_ids = {u for u in units if u is not None}
    role_values = {r.value for r in roles}
    user_ids = {u for u in users if u is not None}
    who: list[ColumnElement[bool]] = []
    if unit_ids:
        who.append(col(User.unit_id).in_(unit_ids) & col(User.role).in_(OFFICER_ROLES))
    if role_values:
        who.append(col(User.role).in_(role_values))
    if user_ids:
        who.append(col(User.id).in_(user_ids))
    return or_(*who) if who else None


def _fields(note: Note) -> dict[str, Any]:
    return {
        "kind": note.kind.value,
        "title": note.title[:200],
        "body": note.body[:500],
        "ticket_id": note.ticket_id,
        "link": note.link,
        "created_at": utcnow(),
    }


async def _insert_selected(session: AsyncSession, note: Note) -> None:
    who = _who(note.units, note.roles, note.users)
    if who is None:
        return
    condition = and_(col(User.is_active), who)
    if note.exclude is not None:
        condition = and_(condition, col(User.id) != note.exclude)
    fields = _fields(note)
    table = Notification.__table__  # type: ignore[attr-defined]
    columns = ["id", "user_id", *fields]
    values = [
        # A new key per row from the database: gen_random_uuid() on PostgreSQL, the function of
        # that name app/core/db.py gives SQLite connections.
        func.gen_random_uuid(),
        col(User.id),
        *(literal(v, table.c[k].type) for k, v in fields.items()),
    ]
    await session.execute(
        insert(Notification).from_select(columns, select(*values).where(condition))
    )


async def list_mine(
    session: AsyncSession, user_id: uuid.UUID, params: PageParams, filters: NotificationFilter
) -> tuple[Sequence[Notification], str | None, int | None]:
    stmt = select(Notification).where(col(Notification.user_id) == user_id)
    if filters.unread is not None:
        unread = col(Notification.read_at).is_(None)
        stmt = stmt.where(unread if filters.unread else ~unread)
    if filters.kind:
        stmt = stmt.where(col(Notification.kind).in_([k.value for k in filters.kind]))
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={"created_at": Notification.created_at},
        default_sort="-created_at",
        id_column=Notification.id,
    )
    return [r[0] for r in rows], cursor, total


async def unread_count(session: AsyncSession, user_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(
        col(Notification.user_id) == user_id, col(Notification.read_at).is_(None)
    )
    return int((await session.execute(stmt)).scalar_one())


async def mark_read(
    session: AsyncSession, user_id: uuid.UUID, notification_id: uuid.UUID | None
) -> int:
    """Marks one notification (or, without an id, all) of this user as read."""
    stmt = (
        update(Notification)
        .where(col(Notification.user_id) == user_id, col(Notification.read_at).is_(None))
        .values(read_at=utcnow())
    )
    if notification_id is not None:
        stmt = stmt.where(col(Notification.id) == notification_id)
    result = await session.execute(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def mark_one_read(
    session: AsyncSession, user_id: uuid.UUID, notification_id: uuid.UUID
) -> None:
    """One of the user's notifications read (again is fine); another's is 404, like a missing
    one."""
    row = await session.get(Notification, notification_id)
    if row is None or row.user_id != user_id:
        raise NotFound("通知不存在")
    await mark_read(session, user_id, notification_id)
