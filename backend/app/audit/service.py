"""The append-only audit trail: one event per write, in the same transaction as the write."""

import uuid
from typing import Any

from asgi_correlation_id import correlation_id
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from app.audit import disclosure
from app.audit.schemas import AuditEventRead
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.models import AuditEvent, User
from app.models.enums import AuditOutcome

SECRET_FIELDS = {"password_hash", "secret_hash", "token_hash"}


def snapshot(obj: SQLModel | None) -> dict[str, Any] | None:
    """A JSON-safe copy of a row for before/after, without secrets."""
    if obj is None:
        return None
    return obj.model_dump(mode="json", exclude=SECRET_FIELDS)


def record(
    session: AsyncSession,
    *,
    action: str,
    object_type: str,
    object_id: uuid.UUID | str | None,
    actor: Principal | None = None,
    user: User | None = None,
    ip: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    outcome: AuditOutcome = AuditOutcome.success,
) -> AuditEvent:
    """Adds an audit event to the session; it is written with the same commit as the change.

    `actor` is the authenticated caller; `user` names the person for sign-in events.
    """
    person = actor.user if actor else user
    client = actor.client if actor else None
    event = AuditEvent(
        actor_id=person.id if person else (client.id if client else None),
        actor_name=person.username if person else (client.name if client else None),
        actor_role=str(person.role) if person else ("partner" if client else None),
        unit_id=person.unit_id if person else (client.unit_id if client else None),
        client_id=client.client_id if client else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else None,
        outcome=outcome.value,
        before=before,
        after=after,
        request_id=correlation_id.get(),
        ip=actor.ip if actor else ip,
    )
    session.add(event)
    return event


async def list_events(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    *,
    action: str | None,
    object_type: str | None,
    object_id: str | None,
    actor_id: uuid.UUID | None,
) -> tuple[list[AuditEventRead], str | None, int | None]:
    """A page of the trail, each snapshot shown only as far as the reader may see its object."""
    stmt = select(AuditEvent)
    if action:
        stmt = stmt.where(col(AuditEvent.action) == action)
    if object_type:
        stmt = stmt.where(col(AuditEvent.object_type) == object_type)
    if object_id:
        stmt = stmt.where(col(AuditEvent.object_id) == object_id)
    if actor_id:
        stmt = stmt.where(col(AuditEvent.actor_id) == actor_id)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={"occurred_at": AuditEvent.occurred_at},
        default_sort="-occurred_at",
        id_column=AuditEvent.id,
    )
    return await disclosure.present(session, principal, [r[0] for r in rows]), cursor, total
