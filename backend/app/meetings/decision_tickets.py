"""转交办: a decision turned into one assigned ticket per department in one step."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import business_today
from app.core.config import Settings
from app.core.errors import Conflict, Forbidden, Unprocessable, field_error
from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import followup, scope
from app.meetings.decision_reads import FINAL_TICKET_STATES, links_of, load, tickets_of
from app.meetings.events import DecisionTicketsCreated
from app.meetings.schemas import DecisionTicketsCreate
from app.models import Ticket, Unit
from app.models.enums import DecisionUpdateKind, TicketSource, TicketState, UnitKind
from app.tickets import lifecycle
from app.tickets import service as tickets
from app.tickets.schemas import TicketCreate, TicketTransition


async def to_tickets(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    decision_id: uuid.UUID,
    body: DecisionTicketsCreate,
) -> list[Ticket]:
    """转交办: one ticket per department, each assigned with its 交办函 and due by the decision's
    deadline (or the urgency's working days when it has none), linked back to the decision."""
    decision, meeting = await load(session, principal, decision_id, lock=True)
    if not scope.manages(principal):
        raise Forbidden()
    if decision.state not in {s.value for s in scope.OPEN_STATES}:
        raise Conflict("议定事项已结束，不能再转交办", code="decision_closed")
    co, projects = await links_of(session, [decision.id])
    project_ids = [p.id for p in projects[decision.id]]
    if not project_ids:
        raise Unprocessable("议定事项未关联项目，不能转交办；请先关联相关项目", code="no_project")
    project_id = body.project_id or (project_ids[0] if len(project_ids) == 1 else None)
    if project_id is None:
        raise field_error("project_id", "议定事项关联了多个项目，请选择事项所属项目", "missing")
    if project_id not in project_ids:
        raise field_error("project_id", "须为议定事项的相关项目之一", "invalid_project")
    candidates = [decision.responsible_unit_id, *co[decision.id]]
    units = list(dict.fromkeys(body.unit_ids)) if body.unit_ids is not None else candidates
    kinds = {
        u.id: u.kind
        for u in (await session.execute(select(Unit).where(col(Unit.id).in_(units)))).scalars()
    }
    if body.unit_ids is not None:
        if set(units) - set(candidates):
            raise field_error("unit_ids", "须为议定事项的责任单位或配合单位", "invalid_unit")
        if any(kinds.get(u) != UnitKind.department for u in units):
            raise field_error("unit_ids", "交办对象须为职能部门", "invalid_department")
    units = [u for u in units if kinds.get(u) == UnitKind.department]
    if not units:
        raise field_error("unit_ids", "责任单位和配合单位中没有职能部门，无法交办", "no_department")
    already = {
        t.lead_department_id
        for t in (await tickets_of(session, [decision.id]))[decision.id]
        if t.state not in FINAL_TICKET_STATES
    }
    if already & set(units):
        raise Conflict("该部门已有本事项未办结的交办单", code="already_assigned")
    today = business_today()
    due = decision.due_date if decision.due_date and decision.due_date > today else None
    created = []
    for unit in units:
        ticket = await tickets.create(
            session,
            principal,
            TicketCreate(
                project_id=project_id,
                category=body.category,
                title=f"{meeting.title}议定事项{decision.seq}",
                description=decision.text,
                urgency=body.urgency,
                source=TicketSource.meeting_decision,
            ),
            decision_id=decision.id,
        )
        await lifecycle.transition(
            session,
            settings,
            principal,
            ticket.id,
            TicketTransition(
                expected_state=TicketState.submitted,
                to_state=TicketState.assigned,
                lead_department_id=unit,
                urgency=body.urgency,
            ),
            due_date=due,
        )
        created.append(ticket)
    await followup.add_update(
        session,
        principal,
        decision,
        DecisionUpdateKind.ticket,
        "转交办：" + "、".join(t.code for t in created),
    )
    await followup.start(session, principal, decision, "已转交办")
    decision.updated_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        DecisionTicketsCreated(
            actor=principal,
            object_id=decision.id,
            after={"ticket_ids": [str(t.id) for t in created]},
            code=decision.code,
            meeting_id=decision.meeting_id,
            responsible_unit_id=decision.responsible_unit_id,
            ticket_ids=tuple(t.id for t in created),
        ),
    )
    return created
