"""Which tickets a caller sees, what they may do with each, and what is theirs to act on."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlmodel import col

from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import LeaderAssignment, Project, Ticket, TicketCoHandler
from app.models.enums import Role, TicketState
from app.models.ticket import IS_HANDLING

HANDLING_STATES = (TicketState.assigned, TicketState.accepted, TicketState.in_progress)
FINAL_STATES = (TicketState.closed, TicketState.cancelled)


def _co_handles(unit_id: Any) -> ColumnElement[bool]:
    return exists().where(
        col(TicketCoHandler.ticket_id) == col(Ticket.id), col(TicketCoHandler.unit_id) == unit_id
    )


def _unit_projects(unit_id: Any) -> ColumnElement[bool]:
    return col(Ticket.project_id).in_(
        select(col(Project.id)).where(col(Project.owner_unit_id) == unit_id)
    )


def _led_projects(user_id: Any) -> ColumnElement[bool]:
    return col(Ticket.project_id).in_(
        select(col(LeaderAssignment.project_id)).where(
            col(LeaderAssignment.leader_id) == user_id, col(LeaderAssignment.ended_at).is_(None)
        )
    )


def condition(principal: Principal) -> ColumnElement[bool]:
    """Out of scope reads as missing: departments see tickets they lead or co-handle,
    districts and parks (and partner systems) their unit's projects' tickets, leaders the
    tickets of the project they lead; coordinators and supervisors all."""
    if principal.client is not None:
        return _unit_projects(principal.unit_id)
    if principal.sees_everything:
        return true()
    role = principal.role
    if role == Role.department_officer:
        unit = principal.unit_id
        return or_(col(Ticket.lead_department_id) == unit, _co_handles(unit))
    if role == Role.unit_officer:
        return _unit_projects(principal.unit_id)
    if role == Role.leader:
        assert principal.user is not None
        return _led_projects(principal.user.id)
    return false()


ALL_UNITS = "all"


def project_units(principal: Principal) -> uuid.UUID | str | None:
    """The caller's tickets as a slice of project units, for rollups kept per unit: ALL_UNITS
    for every ticket, a unit id for one unit's projects' tickets, None when the scope is not
    a slice of units (departments and leaders see tickets by handler or by project)."""
    if principal.client is not None:
        return principal.unit_id
    if principal.sees_everything:
        return ALL_UNITS
    if principal.role == Role.unit_officer:
        return principal.unit_id
    return None


def handling_department(principal: Principal) -> uuid.UUID | None:
    """The department whose tickets (led or co-handled) a department officer sees."""
    if principal.client is None and principal.role == Role.department_officer:
        return principal.unit_id
    return None


def visible(stmt: Any, principal: Principal) -> Any:
    return stmt.where(condition(principal))


def to_act_on(principal: Principal, today: date) -> ColumnElement[bool]:
    """待办: tickets waiting for this caller's step. Counts and lists share this condition.

    - department officers: tickets their department leads or co-handles, to accept, handle
      and report on;
    - district and park officers (and partner systems): their projects' results to confirm;
    - the coordinator: tickets to assign, results of the bureau's own requests to confirm,
      and every ticket overdue city-wide, to chase;
    - the supervisor: every ticket overdue city-wide, to chase or 督办, and those already
      escalated, followed until handled;
    - a leader: the open tickets of the project they lead.
    """
    state = col(Ticket.state)
    handling = IS_HANDLING
    overdue = and_(handling, col(Ticket.due_date) < today)
    if principal.client is not None:
        return and_(_unit_projects(principal.unit_id), state == TicketState.resolved.value)
    role = principal.role
    unit = principal.unit_id
    if role == Role.department_officer:
        return and_(handling, or_(col(Ticket.lead_department_id) == unit, _co_handles(unit)))
    if role == Role.unit_officer:
        return and_(_unit_projects(unit), state == TicketState.resolved.value)
    if role == Role.coordinator:
        return or_(
            state == TicketState.submitted.value,
            and_(state == TicketState.resolved.value, col(Ticket.requester_unit_id) == unit),
            overdue,
        )
    if role == Role.supervisor:
        return and_(handling, or_(col(Ticket.escalation_level) > 0, col(Ticket.due_date) < today))
    if role == Role.leader:
        assert principal.user is not None
        return and_(handling, _led_projects(principal.user.id))
    return false()


def is_handler(principal: Principal, ticket: Ticket) -> bool:
    return (
        principal.has(Permission.tickets_handle)
        and ticket.lead_department_id is not None
        and ticket.lead_department_id == principal.unit_id
    )


def is_requester_side(principal: Principal, ticket: Ticket, project: Project) -> bool:
    """The raising side confirms or returns the result: the project's unit, or the
    coordinator for any ticket."""
    if principal.has(Permission.tickets_assign):
        return True
    return principal.has(Permission.tickets_raise) and project.owner_unit_id == principal.unit_id


def allowed_states(principal: Principal, ticket: Ticket, project: Project) -> list[TicketState]:
    """The states this caller may move the ticket to from where it is now."""
    state = TicketState(ticket.state)
    coordinator = principal.has(Permission.tickets_assign)
    targets: list[TicketState] = []
    if state == TicketState.submitted:
        if coordinator:
            targets.append(TicketState.assigned)
        if coordinator or is_requester_side(principal, ticket, project):
            targets.append(TicketState.cancelled)
        return targets
    if state in FINAL_STATES:
        return targets
    handler = is_handler(principal, ticket)
    if state == TicketState.assigned and handler:
        targets.append(TicketState.accepted)
    elif state == TicketState.accepted and handler:
        targets.append(TicketState.in_progress)
    elif state == TicketState.in_progress and handler:
        targets.append(TicketState.resolved)
    elif state == TicketState.resolved and is_requester_side(principal, ticket, project):
        targets += [TicketState.closed, TicketState.in_progress]
    if coordinator:
        targets.append(TicketState.cancelled)
    return targets


NEXT_STATES: dict[TicketState, list[TicketState]] = {
    TicketState.submitted: [TicketState.assigned, TicketState.cancelled],
    TicketState.assigned: [TicketState.accepted, TicketState.cancelled],
    TicketState.accepted: [TicketState.in_progress, TicketState.cancelled],
    TicketState.in_progress: [TicketState.resolved, TicketState.cancelled],
    TicketState.resolved: [TicketState.closed, TicketState.in_progress, TicketState.cancelled],
    TicketState.closed: [],
    TicketState.cancelled: [],
}


def actions(principal: Principal, ticket: Ticket, project: Project) -> list[str]:
    """Everything this caller may do with the ticket, for the SPA's buttons."""
    result = [s.value for s in allowed_states(principal, ticket, project)]
    open_ticket = TicketState(ticket.state) not in FINAL_STATES
    handling = TicketState(ticket.state) in HANDLING_STATES
    if open_ticket and (principal.is_person or principal.has(Permission.tickets_raise)):
        result += ["comment", "attach"]
    if handling and principal.has(Permission.tickets_escalate):
        result.append("nudge")
        if ticket.escalation_level < 2:
            result.append("escalate")
    if open_ticket and principal.has(Permission.tickets_instruct):
        result.append("instruct")
    return result
