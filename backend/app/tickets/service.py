"""Service tickets: raise one, record events on its timeline, comments, 催办 and 批示. Reads and
lists are in reads, state changes in lifecycle."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.core import events
from app.core.calendar import business_today
from app.core.errors import Forbidden, NotFound, Unprocessable
from app.core.events import snapshot
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.sequences import next_value
from app.core.time import utcnow
from app.dictionaries import service as dictionaries
from app.models import Ticket, TicketEvent
from app.models.enums import (
    DictionaryKind,
    Role,
    Stage,
    TicketEventKind,
    TicketSource,
    TicketState,
)
from app.projects import reads as project_reads
from app.tickets import scope
from app.tickets.events import TicketCreated, TicketNoted
from app.tickets.reads import co_handlers, load
from app.tickets.schemas import TicketCreate
from app.units import service as units


async def add_event(
    session: AsyncSession,
    principal: Principal | None,
    ticket: Ticket,
    kind: TicketEventKind,
    *,
    note: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    actor_name: str = "系统",
) -> TicketEvent:
    unit_name = None
    if principal is not None:
        unit_name = (await units.names(session)).get(principal.unit_id)
    event = TicketEvent(
        ticket_id=ticket.id,
        kind=kind.value,
        from_state=from_state,
        to_state=to_state,
        note=note,
        actor_id=principal.user.id if principal and principal.user else None,
        actor_name=principal.display_name if principal else actor_name,
        actor_unit_name=unit_name,
    )
    session.add(event)
    return event


async def create(
    session: AsyncSession,
    principal: Principal,
    body: TicketCreate,
    *,
    decision_id: uuid.UUID | None = None,
) -> Ticket:
    if not principal.has(Permission.tickets_raise):
        raise Forbidden()
    project = await project_reads.get_visible(session, principal, body.project_id)
    if not principal.has(Permission.projects_manage) and project.owner_unit_id != principal.unit_id:
        raise NotFound("项目不存在")
    if project.stage == Stage.dropped:
        raise Unprocessable("项目已终止，不能再提出服务事项", code="project_dropped")
    await dictionaries.check_code(
        session, DictionaryKind.ticket_category, body.category, "category"
    )
    source = body.source or (
        TicketSource.coordinator
        if principal.role == Role.coordinator
        else TicketSource.service_request
    )
    year = business_today().year
    number = await next_value(session, "ticket", year)
    ticket = Ticket(
        code=f"SX-{year}-{number:05d}",
        project_id=project.id,
        category=body.category,
        title=body.title,
        description=body.description,
        urgency=body.urgency.value,
        source=source.value,
        requester_id=principal.user.id if principal.user else None,
        requester_name=principal.display_name,
        requester_unit_id=principal.unit_id,
        decision_id=decision_id,
    )
    session.add(ticket)
    await session.flush()
    await add_event(
        session, principal, ticket, TicketEventKind.transition, to_state=TicketState.submitted
    )
    await events.emit(
        session,
        TicketCreated(
            actor=principal,
            object_id=ticket.id,
            after=snapshot(ticket),
            code=ticket.code,
            title=ticket.title,
            project_id=project.id,
            project_name=project.name,
            decision_id=decision_id,
        ),
    )
    return ticket


async def add_note(
    session: AsyncSession,
    principal: Principal,
    ticket_id: uuid.UUID,
    kind: TicketEventKind,
    text: str,
) -> TicketEvent:
    """A comment (留言), 催办 (nudge) or 批示 (instruction): recorded on the timeline; nudges and
    instructions notify the handling departments."""
    ticket, project = await load(session, principal, ticket_id)
    needed = {
        TicketEventKind.comment: "comment",
        TicketEventKind.nudge: "nudge",
        TicketEventKind.instruction: "instruct",
    }[kind]
    if needed not in scope.actions(principal, ticket, project):
        raise Forbidden("当前状态下不能执行该操作" if principal.is_person else None)
    event = await add_event(session, principal, ticket, kind, note=text)
    ticket.updated_at = utcnow()
    if kind == TicketEventKind.nudge:
        ticket.last_nudged_at = utcnow()
    co = await co_handlers(session, [ticket.id])
    await session.flush()
    await events.emit(
        session,
        TicketNoted(
            actor=principal,
            object_id=ticket.id,
            after={"note": text},
            code=ticket.code,
            title=ticket.title,
            project_id=project.id,
            handler_unit_ids=handlers(ticket, co[ticket.id]),
            kind=kind,
            note=text,
        ),
    )
    return event


def handlers(ticket: Ticket, co: list[uuid.UUID]) -> tuple[uuid.UUID, ...]:
    """The departments handling the ticket, the lead first."""
    lead = (ticket.lead_department_id,) if ticket.lead_department_id else ()
    return (*lead, *co)
