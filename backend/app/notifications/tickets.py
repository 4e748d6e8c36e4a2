"""Who hears about what happens to a ticket (reactions to app/tickets/events.py)."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.events import Event
from app.models.enums import NotificationKind, Role, TicketEventKind, TicketState
from app.notifications.service import Note, about_ticket, deliver
from app.tickets.events import (
    TicketChange,
    TicketComingDue,
    TicketCreated,
    TicketEscalated,
    TicketNoted,
    TicketTransitioned,
)


def _actor(event: Event) -> dict[str, object]:
    """Never notify the person who caused it."""
    user = event.actor.user if event.actor else None
    return {"exclude": user.id if user else None}


def _note(event: TicketChange, kind: NotificationKind, body: str, **who: object) -> Note:
    return about_ticket(kind, event.object_id, event.code, event.title, body, **who)


async def created(session: AsyncSession, events: Sequence[TicketCreated]) -> None:
    """A new ticket waits for the coordinators to assign it."""
    await deliver(
        session,
        [
            _note(
                e,
                NotificationKind.submitted,
                f"{e.project_name}提出新的服务事项，待交办",
                roles=[Role.coordinator],
                **_actor(e),
            )
            for e in events
        ],
    )


def _transition_note(e: TicketTransitioned) -> Note | None:
    handlers = e.handler_unit_ids
    if e.to_state == TicketState.assigned:
        return _note(
            e, NotificationKind.assigned, f"请于{e.due_date}前办结", units=handlers, **_actor(e)
        )
    if e.to_state == TicketState.resolved:
        # The unit that raised it checks the result; so does the person who raised it.
        return _note(
            e,
            NotificationKind.resolved,
            e.note or "",
            units=[e.owner_unit_id],
            users=[e.requester_id],
            **_actor(e),
        )
    if e.returned:
        return _note(
            e, NotificationKind.returned, f"退回原因：{e.note}", units=handlers, **_actor(e)
        )
    if e.to_state == TicketState.closed:
        body = f"满意度 {e.satisfaction} 分"
        return _note(e, NotificationKind.closed, body, units=handlers, **_actor(e))
    if e.to_state == TicketState.cancelled:
        return _note(e, NotificationKind.closed, f"已撤销：{e.note}", units=handlers, **_actor(e))
    return None


async def transitioned(session: AsyncSession, events: Sequence[TicketTransitioned]) -> None:
    """Assigned, returned, closed or cancelled: the handling departments; resolved: the unit
    and the person who raised it. Accepting and starting work notify no one."""
    await deliver(session, [n for n in map(_transition_note, events) if n])


async def noted(session: AsyncSession, events: Sequence[TicketNoted]) -> None:
    """催办 and 批示 reach the handling departments; a comment (留言) notifies no one."""
    kinds = {
        TicketEventKind.nudge: NotificationKind.nudged,
        TicketEventKind.instruction: NotificationKind.instructed,
    }
    await deliver(
        session,
        [
            _note(
                e,
                kinds[e.kind],
                f"{e.actor.display_name if e.actor else '系统'}：{e.note}",
                units=e.handler_unit_ids,
            )
            for e in events
            if e.kind in kinds
        ],
    )


async def escalated(session: AsyncSession, events: Sequence[TicketEscalated]) -> None:
    """督办 and 通报 reach the handling departments, the supervisors and the coordinators."""
    await deliver(
        session,
        [
            _note(
                e,
                NotificationKind.escalated,
                f"已{e.label}（{e.letter_number}）：{e.reason}",
                units=e.handler_unit_ids,
                roles=[Role.supervisor, Role.coordinator],
                **_actor(e),
            )
            for e in events
        ],
    )


async def coming_due(session: AsyncSession, events: Sequence[TicketComingDue]) -> None:
    """The lead department's officers, once per ticket coming due."""
    await deliver(
        session,
        [
            _note(
                e,
                NotificationKind.due_soon,
                f"办理时限为{e.due_date}，请抓紧办理",
                units=e.handler_unit_ids[:1],
            )
            for e in events
        ],
    )
