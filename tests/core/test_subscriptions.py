"""The subscription table is the one place that says what every domain event causes. A new
reaction, or a change of order, is a deliberate change of this table as well."""

from app.subscriptions import SUBSCRIPTIONS

EXPECTED: dict[str, list[str]] = {
    # Projects
    "ProjectStageChanged": ["app.notifications.projects.stage_changed"],
    "TicketCreated": ["app.projects.activity.touch", "app.notifications.tickets.created"],
    "TicketTransitioned": [
        "app.projects.activity.touch",
        "app.projects.concerns.record",
        "app.meetings.followup.ticket_stepped",
        "app.notifications.tickets.transitioned",
    ],
    "TicketNoted": ["app.notifications.tickets.noted"],
    "TicketEscalated": ["app.notifications.tickets.escalated"],
    "TicketComingDue": ["app.notifications.tickets.coming_due"],
    # Meetings and decisions
    "MeetingCreated": ["app.notifications.meetings.meeting_created"],
    "MeetingUpdated": ["app.notifications.meetings.meeting_updated"],
    "MeetingReminded": ["app.notifications.meetings.meeting_reminded"],
    "DecisionCreated": [
        "app.projects.concerns.record",
        "app.notifications.meetings.decision_created",
    ],
    "DecisionUpdated": ["app.projects.concerns.record"],
    "DecisionReminded": ["app.notifications.meetings.decision_reminded"],
    # Reviews
    "CandidateNominated": ["app.projects.concerns.record"],
    "ReportTransitioned": ["app.notifications.reports.transitioned"],
    "ReportReminded": ["app.notifications.reports.reminded"],
    # Bulletins
    "BulletinPublished": ["app.notifications.bulletins.published"],
    "SummaryPublished": ["app.notifications.reports.summary_published"],
    # 年度考核
    "RoundRecorded": ["app.notifications.assessments.round_recorded"],
    "ObjectionRecorded": ["app.notifications.assessments.objection_recorded"],
    # Every event
    "EndpointDisabled": ["app.notifications.webhooks.endpoint_disabled"],
    "Event": ["app.changes.log.record", "app.audit.service.record_events"],
}


def test_every_reaction_is_listed_here_in_order():
    table = {
        kind.__name__: [f"{r.__module__}.{r.__qualname__}" for r in reactions]
        for kind, reactions in SUBSCRIPTIONS.items()
    }
    assert table == EXPECTED
