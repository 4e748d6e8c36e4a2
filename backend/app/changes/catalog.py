"""What the change log records and which webhook types partners hear of.

Every change of an object partners may read (the kinds in `PATHS`) is one entry of the change
log; some are also a webhook type (`WebhookEventType`) partners may subscribe to. Either way the
object is shown as the API shows it to the partner client (its `GET` path here), so the scope
that reads the object also decides who hears of it.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from app.assessments.events import RoundRecorded
from app.assignments.events import LeaderAssigned, LeaderAssignmentEnded
from app.bulletins.events import BulletinPublished
from app.core.events import Event
from app.core.permissions import Permission
from app.meetings.events import (
    DecisionCreated,
    DecisionReminded,
    DecisionTransitioned,
    MeetingPublished,
)
from app.models.enums import DecisionState, TicketState
from app.models.enums import WebhookEventType as T
from app.projects.events import (
    ProjectCreated,
    ProjectDeleted,
    ProjectKeyMarked,
    ProjectStageChanged,
    ProjectUpdated,
)
from app.reports.events import SummaryPublished
from app.tickets.events import TicketCreated, TicketEscalated, TicketOverdue, TicketTransitioned

# The read scope a client needs to hear of an object, and the API path that shows it.
SCOPES: dict[str, Permission] = {
    "unit": Permission.units_read,
    "project": Permission.projects_read,
    "ticket": Permission.tickets_read,
    "decision": Permission.meetings_read,
    "meeting": Permission.meetings_read,
    "report_period": Permission.reports_read,
    "unit_report": Permission.reports_read,
    "bulletin": Permission.reports_read,
    "assessment_round": Permission.reports_read,
}
PATHS: dict[str, str] = {
    "unit": "/api/v1/units/{id}",
    "project": "/api/v1/projects/{id}",
    "ticket": "/api/v1/tickets/{id}",
    "decision": "/api/v1/decisions/{id}",
    "meeting": "/api/v1/meetings/{id}",
    "report_period": "/api/v1/report-periods/{id}",
    "unit_report": "/api/v1/reports/{id}",
    "bulletin": "/api/v1/bulletins/{id}",
    "assessment_round": "/api/v1/assessment/rounds/{id}",
}
OBJECT_OF: dict[T, str] = {t: t.value.split(".")[0] for t in T}
OBJECT_OF.update(
    {
        T.leader_assigned: "project",
        T.leader_ended: "project",
        T.report_published: "report_period",
        T.assessment_published: "assessment_round",
    }
)
TICKET_STEPS = {
    TicketState.assigned: T.ticket_assigned,
    TicketState.resolved: T.ticket_resolved,
    TicketState.closed: T.ticket_closed,
}


def scope_of(event_type: T) -> Permission:
    return SCOPES[OBJECT_OF[event_type]]


@dataclass(frozen=True)
class Entry:
    """One entry of the change log: the object, whether it changed or is gone, and the
    webhook type it is, if any."""

    object_type: str
    object_id: uuid.UUID
    type: T | None = None
    change: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    # Only for an object that no longer exists: the unit whose partners may hear of it.
    unit_id: uuid.UUID | None = None


def entry(event: Event) -> Entry | None:
    """The change log's entry for an event: every change of an object partners may read, and
    the schedule's notices that are webhook types (a ticket overdue, a decision coming due)."""
    if event.object_type not in PATHS or not isinstance(event.object_id, uuid.UUID):
        return None
    hook = webhook(event)
    if hook is None and not event.audited:
        return None
    change, unit = hook[1] if hook else {}, None
    if isinstance(event, ProjectDeleted):
        owner = (event.before or {}).get("owner_unit_id")
        unit = uuid.UUID(owner) if owner else None
    return Entry(
        event.object_type,
        event.object_id,
        hook[0] if hook else None,
        change,
        deleted=isinstance(event, ProjectDeleted),
        unit_id=unit,
    )


def webhook(event: Event) -> tuple[T, dict[str, Any]] | None:
    """The webhook type an event is, with what changed, if it is one."""
    change: dict[str, Any]
    match event:
        case ProjectCreated():
            return T.project_created, {}
        case ProjectUpdated() | ProjectKeyMarked():
            return T.project_updated, {}
        case ProjectStageChanged():
            change = {"from_stage": event.from_stage.value, "to_stage": event.to_stage.value}
            return T.project_stage_changed, change
        case ProjectDeleted():
            return T.project_deleted, {"code": event.code}
        case LeaderAssigned():
            return T.leader_assigned, {"assignment_id": str(event.assignment_id)}
        case LeaderAssignmentEnded():
            return T.leader_ended, {"assignment_id": str(event.assignment_id)}
        case TicketCreated():
            return T.ticket_raised, {}
        case TicketTransitioned() if event.to_state in TICKET_STEPS:
            change = {"from_state": event.from_state.value, "to_state": event.to_state.value}
            return TICKET_STEPS[event.to_state], change
        case TicketOverdue():
            return T.ticket_overdue, {"due_date": event.due_date.isoformat()}
        case TicketEscalated():
            change = {"level": event.level, "letter_number": event.letter_number}
            return T.ticket_escalated, change
        case DecisionCreated():
            return T.decision_created, {}
        case DecisionReminded() if not event.overdue:
            return T.decision_due, {"due_date": event.due_date.isoformat()}
        case DecisionTransitioned() if event.to_state == DecisionState.done:
            return T.decision_done, {}
        case MeetingPublished():
            return T.meeting_published, {"minutes_version": event.minutes_version}
        case SummaryPublished():
            return T.report_published, {"version": event.version}
        case BulletinPublished():
            return T.bulletin_published, {}
        case RoundRecorded() if event.verb == "finalize":
            return T.assessment_published, {}
    return None
