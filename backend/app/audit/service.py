"""The append-only audit trail: one line per domain event, in the same transaction as the write.

`record_events` is subscribed to every `Event` (app/subscriptions.py); services never write the
trail themselves, they emit what happened.
"""

from collections.abc import Sequence
from typing import Any

from asgi_correlation_id import correlation_id
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.audit import chain, disclosure
from app.audit.schemas import (
    AuditChainBreak,
    AuditEventFilter,
    AuditEventRead,
    AuditVerification,
)
from app.core.events import Event
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.models import AuditEvent


async def record_events(session: AsyncSession, events: Sequence[Event]) -> None:
    """One line of the trail per audited event, linked into the hash chain (app/audit/chain.py)
    and added to the session of the change."""
    session.add_all(await chain.append(session, [_line(e) for e in events if e.audited]))


def _line(event: Event) -> dict[str, Any]:
    actor = event.actor
    person = actor.user if actor else None
    client = actor.client if actor else None
    return {
        "actor_id": person.id if person else (client.id if client else None),
        "actor_name": person.username if person else (client.name if client else None),
        "actor_role": str(person.role) if person else ("partner" if client else None),
        "unit_id": person.unit_id if person else (client.unit_id if client else None),
        "client_id": client.client_id if client else None,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": str(event.object_id) if event.object_id is not None else None,
        "outcome": event.outcome.value,
        "before": event.before,
        "after": event.after,
        "request_id": correlation_id.get(),
        "ip": event.ip or (actor.ip if actor else None),
    }


async def list_events(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    filters: AuditEventFilter,
) -> tuple[list[AuditEventRead], str | None, int | None]:
    """A page of the trail, each snapshot shown only as far as the reader may see its object."""
    stmt = select(AuditEvent)
    if filters.action:
        stmt = stmt.where(col(AuditEvent.action) == filters.action)
    if filters.object_type:
        stmt = stmt.where(col(AuditEvent.object_type) == filters.object_type)
    if filters.object_id:
        stmt = stmt.where(col(AuditEvent.object_id) == filters.object_id)
    if filters.actor_id:
        stmt = stmt.where(col(AuditEvent.actor_id) == filters.actor_id)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={"occurred_at": AuditEvent.occurred_at},
        default_sort="-occurred_at",
        id_column=AuditEvent.id,
    )
    return await disclosure.present(session, principal, [r[0] for r in rows]), cursor, total


async def verify_chain(session: AsyncSession) -> AuditVerification:
    """The whole trail checked link by link (the route requires `audit:verify`: admins)."""
    result = await chain.verify(session)
    broken = result.first_broken
    return AuditVerification(
        ok=result.ok,
        streams=result.streams,
        events=result.events,
        summary=result.summary(),
        first_broken=None
        if broken is None
        else AuditChainBreak(
            event_id=broken.event_id,
            stream=broken.stream,
            seq=broken.seq,
            reason=broken.reason.value,
            detail=broken.detail,
        ),
    )
