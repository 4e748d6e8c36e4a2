"""Every reaction to every domain event, in the order it runs: one table to read for what a
ticket step, a decision's step or a meeting's publication causes. `tests/core/test_subscriptions.py`
pins it, so a new reaction is a visible change here and there.

Reactions to a kind run before those to the kinds it extends; the audit trail, subscribed to
every `Event`, runs last (app/core/events.py).
"""

from collections.abc import Sequence

from app.assessments.events import ObjectionRecorded, RoundRecorded
from app.audit import service as audit
from app.bulletins.events import BulletinPublished
from app.changes import log as change_log
from app.core import events
from app.core.events import Event, Reaction
from app.meetings import followup
from app.meetings.events import (
    DecisionCreated,
    DecisionReminded,
    DecisionUpdated,
    MeetingCreated,
    MeetingReminded,
    MeetingUpdated,
)
from app.notifications import assessments as assessment_notices
from app.notifications import bulletins as bulletin_notices
from app.notifications import meetings as meeting_notices
from app.notifications import projects as project_notices
from app.notifications import reports as report_notices
from app.notifications import tickets as ticket_notices
from app.notifications import webhooks as webhook_notices
from app.projects import activity, concerns
from app.projects.events import ProjectStageChanged
from app.reports.events import ReportReminded, ReportTransitioned, SummaryPublished
from app.reviews.events import CandidateNominated
from app.tickets.events import (
    TicketComingDue,
    TicketCreated,
    TicketEscalated,
    TicketNoted,
    TicketTransitioned,
)
from app.webhooks.events import EndpointDisabled

SUBSCRIPTIONS: dict[type[Event], Sequence[Reaction]] = {
    # Projects: a district's 提交评估 waits for the bureau's evaluation
    ProjectStageChanged: [project_notices.stage_changed],
    # Tickets
    TicketCreated: [activity.touch, ticket_notices.created],
    TicketTransitioned: [
        activity.touch,
        concerns.record,
        followup.ticket_stepped,
        ticket_notices.transitioned,
    ],
    TicketNoted: [ticket_notices.noted],
    TicketEscalated: [ticket_notices.escalated],
    TicketComingDue: [ticket_notices.coming_due],
    # Meetings and decisions
    MeetingCreated: [meeting_notices.meeting_created],
    MeetingUpdated: [meeting_notices.meeting_updated],
    MeetingReminded: [meeting_notices.meeting_reminded],
    DecisionCreated: [concerns.record, meeting_notices.decision_created],
    DecisionUpdated: [concerns.record],
    DecisionReminded: [meeting_notices.decision_reminded],
    # Reviews: a nomination makes the project concern the nominating unit
    CandidateNominated: [concerns.record],
    # Units' reports (月报/季报)
    ReportTransitioned: [report_notices.transitioned],
    ReportReminded: [report_notices.reminded],
    # Bulletins: every ranked unit hears of a published 半年度通报
    BulletinPublished: [bulletin_notices.published],
    SummaryPublished: [report_notices.summary_published],
    # 年度考核: the assessed units hear of each step of their round; objections and answers
    RoundRecorded: [assessment_notices.round_recorded],
    ObjectionRecorded: [assessment_notices.objection_recorded],
    # Webhooks: the endpoint failing for a day is disabled; the admins hear of it
    EndpointDisabled: [webhook_notices.endpoint_disabled],
    # Every event: the change log (partners' change feed and webhooks' outbox), the audit trail
    Event: [change_log.record, audit.record_events],
}


def install() -> None:
    events.install(SUBSCRIPTIONS)
