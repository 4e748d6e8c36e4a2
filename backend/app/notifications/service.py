"""In-app notifications: who hears about a ticket, a meeting or a decision, and their inbox."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.core.time import utcnow
from app.models import Notification, Ticket, User
from app.models.enums import NotificationKind, Role


async def notify(
    session: AsyncSession,
    ticket: Ticket,
    kind: NotificationKind,
    body: str,
    *,
    units: Iterable[uuid.UUID] = (),
    roles: Iterable[Role] = (),
    users: Iterable[uuid.UUID | None] = (),
    exclude: uuid.UUID | None = None,
) -> int:
    """Adds one notification per active person in `units` (their officers), holding one of
    `roles`, or listed in `users` — once each, never to the person who caused it."""
    recipients = await _recipients(session, units, roles, users, exclude)
    title = f"{ticket.code} {ticket.title}"
    for user_id in recipients:
        session.add(
            Notification(
                user_id=user_id,
                kind=kind.value,
                title=title[:200],
                body=body[:500],
                ticket_id=ticket.id,
                link=f"/tickets/{ticket.id}",
            )
        )
    return len(recipients)


async def notify_about(
    session: AsyncSession,
    kind: NotificationKind,
    title: str,
    body: str,
    link: str,
    *,
    units: Iterable[uuid.UUID] = (),
    users: Iterable[uuid.UUID | None] = (),
    exclude: uuid.UUID | None = None,
) -> int:
    """Notifications that are not about a ticket (a meeting, a decision): one per active
    officer of `units` and person in `users`, never to the person who caused it."""
    recipients = await _recipients(session, units, (), users, exclude)
    for user_id in recipients:
        session.add(
            Notification(
                user_id=user_id, kind=kind.value, title=title[:200], body=body[:500], link=link
            )
        )
    return len(recipients)


async def _recipients(
    session: AsyncSession,
    units: Iterable[uuid.UUID],
    roles: Iterable[Role],
    users: Iterable[uuid.UUID | None],
    exclude: uuid.UUID | None,
) -> list[uuid.UUID]:
    unit_ids, role_values = list(units), [r.value for r in roles]
    user_ids = [u for u in users if u is not None]
    who: list[Any] = []
    if unit_ids:
        who.append(col(User.unit_id).in_(unit_ids) & col(User.role).in_(OFFICER_ROLES))
    if role_values:
        who.append(col(User.role).in_(role_values))
    if user_ids:
        who.append(col(User.id).in_(user_ids))
    if not who:
        return []
    stmt = select(col(User.id)).where(col(User.is_active), or_(*who))
    return [r for r in (await session.execute(stmt)).scalars().all() if r != exclude]


OFFICER_ROLES = (Role.department_officer.value, Role.unit_officer.value)


async def officers_of(
    session: AsyncSession, unit_ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The active officers of each unit, in one query."""
    ids = [u for u in set(unit_ids) if u is not None]
    result: dict[uuid.UUID, list[uuid.UUID]] = {}
    if ids:
        stmt = select(col(User.unit_id), col(User.id)).where(
            col(User.is_active), col(User.unit_id).in_(ids), col(User.role).in_(OFFICER_ROLES)
        )
        for unit_id, user_id in (await session.execute(stmt)).all():
            result.setdefault(unit_id, []).append(user_id)
    return result


def row(
    user_id: uuid.UUID,
    kind: NotificationKind,
    title: str,
    body: str,
    *,
    ticket_id: uuid.UUID | None = None,
    link: str | None = None,
) -> dict[str, Any]:
    """A notification as a plain row, for writing many at once; it links to its ticket unless
    given another `link`."""
    return {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "kind": kind.value,
        "title": title[:200],
        "body": body[:500],
        "ticket_id": ticket_id,
        "link": link or f"/tickets/{ticket_id}",
        "created_at": utcnow(),
    }


async def list_mine(
    session: AsyncSession, user_id: uuid.UUID, params: PageParams, unread: bool | None
) -> tuple[Sequence[Notification], str | None, int | None]:
    stmt = select(Notification).where(col(Notification.user_id) == user_id)
    if unread is not None:
        read = col(Notification.read_at).is_(None)
        stmt = stmt.where(read if unread else ~read)
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
