"""A leader's home (我的项目): the project they lead, its next gate, its open tickets and
decisions, and what happened on it lately — everything in a fixed number of queries."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assignments import service
from app.assignments.schemas import LeaderOverview, ProjectEventRead
from app.core.config import Settings
from app.core.pagination import PageParams, cursor_key
from app.core.permissions import Permission
from app.core.principal import Principal
from app.meetings import decision_reads
from app.meetings.schemas import DecisionFilter, DecisionRead
from app.meetings.scope import OPEN_STATES as OPEN_DECISION_STATES
from app.models import Decision, DecisionProject, DecisionUpdate, FollowUp, StageChange, Ticket
from app.models import TicketEvent as TicketStep
from app.models.enums import (
    DecisionState,
    DecisionUpdateKind,
    FollowUpKind,
    Stage,
    TicketEventKind,
    TicketState,
)
from app.projects import reads as project_reads
from app.projects import records, workflow
from app.projects.schemas import FollowUpRead, StageChangeRead
from app.tickets import reads as ticket_reads
from app.tickets.schemas import TicketFilter, TicketRead

FINAL_TICKET_STATES = (TicketState.closed, TicketState.cancelled)
OPEN_TICKET_STATES = [s for s in TicketState if s not in FINAL_TICKET_STATES]
# What the home lists; a project with more open items shows the count and links to the lists.
OPEN_ITEMS = 50
RECENT = 20


def _page(settings: Settings, sort: str) -> PageParams:
    return PageParams(
        limit=OPEN_ITEMS, cursor=None, include_total=True, sort=sort, key=cursor_key(settings)
    )


def _stage_event(change: StageChange) -> ProjectEventRead:
    to = Stage(change.to_stage).label
    if change.from_stage:
        title = f"阶段：{Stage(change.from_stage).label} → {to}"
    else:
        title = f"新建项目（{to}）"
    return ProjectEventRead(
        kind="stage",
        title=title,
        detail=change.reason,
        actor_name=change.actor_name,
        occurred_at=change.occurred_at,
        link=None,
    )


def _follow_up_event(f: FollowUp) -> ProjectEventRead:
    return ProjectEventRead(
        kind="follow_up",
        title=f"{FollowUpKind(f.kind).label}（{f.occurred_on.isoformat()}）：{f.participants}"[
            :200
        ],
        detail=f.notes[:300],
        actor_name=f.author_name,
        occurred_at=f.created_at,
        link=None,
    )


async def _ticket_events(session: AsyncSession, project_id: uuid.UUID) -> list[ProjectEventRead]:
    stmt = (
        select(TicketStep, col(Ticket.code), col(Ticket.title))
        .join(Ticket, col(Ticket.id) == col(TicketStep.ticket_id))
        .where(col(Ticket.project_id) == project_id)
        .order_by(col(TicketStep.occurred_at).desc(), col(TicketStep.id).desc())
        .limit(RECENT)
    )
    result = []
    for step, code, title in (await session.execute(stmt)).all():
        what = TicketEventKind(step.kind).label
        if step.kind == TicketEventKind.transition and step.to_state:
            what = TicketState(step.to_state).label
        result.append(
            ProjectEventRead(
                kind="ticket",
                title=f"{code} {title}：{what}"[:200],
                detail=step.note[:300] if step.note else None,
                actor_name=step.actor_name,
                occurred_at=step.occurred_at,
                link=f"/tickets/{step.ticket_id}",
            )
        )
    return result


async def _decision_events(session: AsyncSession, project_id: uuid.UUID) -> list[ProjectEventRead]:
    stmt = (
        select(DecisionUpdate, col(Decision.code))
        .join(Decision, col(Decision.id) == col(DecisionUpdate.decision_id))
        .join(DecisionProject, col(DecisionProject.decision_id) == col(Decision.id))
        .where(col(DecisionProject.project_id) == project_id)
        .order_by(col(DecisionUpdate.occurred_at).desc(), col(DecisionUpdate.id).desc())
        .limit(RECENT)
    )
    result = []
    for update, code in (await session.execute(stmt)).all():
        what = DecisionUpdateKind(update.kind).label
        if update.kind == DecisionUpdateKind.transition and update.to_state:
            what = DecisionState(update.to_state).label
        result.append(
            ProjectEventRead(
                kind="decision",
                title=f"议定事项 {code}：{what}",
                detail=update.note[:300] or None,
                actor_name=update.actor_name,
                occurred_at=update.occurred_at,
                link=f"/decisions/{update.decision_id}",
            )
        )
    return result


def _newest_first(events: list[ProjectEventRead]) -> list[ProjectEventRead]:
    def key(e: ProjectEventRead) -> datetime:
        return e.occurred_at

    return sorted(events, key=key, reverse=True)[:RECENT]


async def overview(
    session: AsyncSession, principal: Principal, settings: Settings
) -> LeaderOverview:
    """The caller's led project and what needs them on it; empty when they lead none."""
    assert principal.user is not None
    current = await service.list_assignments(
        session, principal, leader_id=principal.user.id, active=True
    )
    if not current:
        return LeaderOverview.empty()
    assignment = current[0]
    project_id = assignment.project_id
    project = await project_reads.read(session, principal, settings, project_id)
    history = await workflow.history(session, principal, project_id)
    follow_ups = await records.follow_ups(session, principal, project_id)
    gate = await workflow.way_on(session, principal, project_id)
    events = [_stage_event(c) for c in history] + [_follow_up_event(f) for f in follow_ups]

    tickets: list[TicketRead] = []
    ticket_total = 0
    if principal.has(Permission.tickets_read):
        filters = TicketFilter(project_id=project_id, state=OPEN_TICKET_STATES)
        tickets, _, total = await ticket_reads.list_tickets(
            session, principal, settings, _page(settings, "due_date"), filters
        )
        ticket_total = total or 0
        events += await _ticket_events(session, project_id)
    decisions: list[DecisionRead] = []
    decision_total = 0
    if principal.has(Permission.meetings_read):
        decision_filter = DecisionFilter(project_id=project_id, state=list(OPEN_DECISION_STATES))
        decisions, _, total = await decision_reads.list_decisions(
            session, principal, _page(settings, "due_date"), decision_filter
        )
        decision_total = total or 0
        events += await _decision_events(session, project_id)

    return LeaderOverview(
        assignment=assignment,
        project=project,
        stage_history=[StageChangeRead.model_validate(c) for c in history],
        follow_ups=[FollowUpRead.model_validate(f) for f in follow_ups],
        next_gate=gate,
        open_tickets=tickets,
        open_tickets_total=ticket_total,
        open_decisions=decisions,
        open_decisions_total=decision_total,
        recent_events=_newest_first(events),
    )
