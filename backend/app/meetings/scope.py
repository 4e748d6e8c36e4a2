"""Which meetings and decisions a caller sees, and what they may do with each.

Coordinators and supervisors see all; a leader the meetings they chair (and those meetings'
decisions, plus decisions on the project they lead); a unit (its officers, or its partner
system) the meetings it attended and the decisions it is responsible for or helps with.
Out of scope reads as missing (404).
"""

import uuid
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlmodel import col

from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import (
    Decision,
    DecisionProject,
    DecisionUnit,
    LeaderAssignment,
    Meeting,
    MeetingUnit,
)
from app.models.enums import DecisionState, MeetingState, Role

OPEN_STATES = (DecisionState.open, DecisionState.in_progress)


def _attended(unit_id: uuid.UUID) -> Any:
    return select(col(MeetingUnit.meeting_id)).where(col(MeetingUnit.unit_id) == unit_id)


def meeting_condition(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    if principal.client is None and principal.role == Role.leader:
        assert principal.user is not None
        return col(Meeting.chair_id) == principal.user.id
    if principal.client is not None or principal.role in (
        Role.unit_officer,
        Role.department_officer,
    ):
        return col(Meeting.id).in_(_attended(principal.unit_id))
    return false()


def unit_responsible(unit_id: uuid.UUID) -> ColumnElement[bool]:
    """Decisions the unit carries out: as the responsible unit or as a co-unit."""
    co = select(col(DecisionUnit.decision_id)).where(col(DecisionUnit.unit_id) == unit_id)
    return or_(col(Decision.responsible_unit_id) == unit_id, col(Decision.id).in_(co))


def decision_condition(principal: Principal) -> ColumnElement[bool]:
    if principal.sees_everything:
        return true()
    if principal.client is None and principal.role == Role.leader:
        assert principal.user is not None
        chaired = select(col(Meeting.id)).where(col(Meeting.chair_id) == principal.user.id)
        led = select(col(DecisionProject.decision_id)).where(
            col(DecisionProject.project_id).in_(
                select(col(LeaderAssignment.project_id)).where(
                    col(LeaderAssignment.leader_id) == principal.user.id,
                    col(LeaderAssignment.ended_at).is_(None),
                )
            )
        )
        return or_(col(Decision.meeting_id).in_(chaired), col(Decision.id).in_(led))
    if principal.client is not None or principal.role in (
        Role.unit_officer,
        Role.department_officer,
    ):
        unit = principal.unit_id
        return or_(unit_responsible(unit), col(Decision.meeting_id).in_(_attended(unit)))
    return false()


def manages(principal: Principal) -> bool:
    return principal.is_person and principal.has(Permission.meetings_write)


def meeting_actions(principal: Principal, meeting: Meeting) -> list[str]:
    if not manages(principal):
        return []
    state = MeetingState(meeting.state)
    actions = ["attach"]
    if state != MeetingState.published:
        actions += ["edit", "add_decision"]
    if state == MeetingState.draft:
        actions.append("held")
    if state == MeetingState.held and meeting.minutes_draft.strip():
        actions.append("published")
    if state == MeetingState.published:
        actions.append("revise_minutes")
    return actions


def is_responsible(principal: Principal, decision: Decision, co_units: list[uuid.UUID]) -> bool:
    unit = principal.unit_id
    return principal.is_person and (decision.responsible_unit_id == unit or unit in co_units)


def decision_actions(
    principal: Principal,
    decision: Decision,
    meeting: Meeting,
    co_units: list[uuid.UUID],
    tickets_open: int,
    assignable: bool,
) -> list[str]:
    """`assignable`: it concerns a project and has a department without an open ticket."""
    state = DecisionState(decision.state)
    if state not in OPEN_STATES:
        return []
    manager = manages(principal)
    responsible = is_responsible(principal, decision, co_units)
    lead = principal.is_person and decision.responsible_unit_id == principal.unit_id
    actions: list[str] = []
    if manager and meeting.state != MeetingState.published:
        actions.append("edit")
    if state == DecisionState.open and (manager or responsible):
        actions.append("in_progress")
    if (manager or lead) and tickets_open == 0:
        actions.append("done")
    if manager:
        actions.append("cancelled")
    if manager and assignable:
        actions.append("to_tickets")
    if manager or responsible:
        actions.append("report")
    return actions
