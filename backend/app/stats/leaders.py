"""The leaders' board (领导联系项目): each city leader with the project they lead (one leader,
one active project), its stage and days in it, and its open tickets, overdue tickets and open
decisions. Leaders are those of the caller's projects (app/projects/scope); a project's tickets
and decisions are counted in the caller's ticket and decision scope, as their lists show them.
No amount or investor is named, so a confidential project reads as the project list shows it.
A caller who may not read tickets (or decisions) gets no ticket (or decision) figures, since
there is no list to reproduce them."""

import uuid
from functools import partial
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.calendar import business_today
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import scope as decision_scope
from app.models import Decision, DecisionProject, LeaderAssignment, Project, Ticket, User
from app.models.enums import Stage
from app.models.meeting import DECISION_OPEN
from app.models.ticket import IS_HANDLING
from app.projects import scope
from app.stats.figures import count_where, figure
from app.stats.projects import base
from app.stats.schemas import LeaderRow, LeaderStats, StatsFilter
from app.tickets import scope as ticket_scope

TICKETS = "/api/v1/tickets"
DECISIONS = "/api/v1/decisions"
OPEN_TICKET_STATES = ["submitted", "assigned", "accepted", "in_progress", "resolved"]
OPEN_DECISION_STATES = [s.value for s in decision_scope.OPEN_STATES]

DEFINITION = (
    "每位市领导目前牵头联系的项目（一名领导一个项目），项目当前阶段和在该阶段的天数；不按统计期划分"
)
OPEN_TICKETS = "该项目目前未办结（待交办、办理中或已反馈待确认）的服务事项"
OVERDUE_TICKETS = "该项目办理中且已过办理时限（按工作日计算）的服务事项"
OPEN_DECISIONS = "涉及该项目、目前未办结（待办理、办理中）的会议议定事项"

_tickets = partial(figure, TICKETS)
_decisions = partial(figure, DECISIONS)


async def board(session: AsyncSession, principal: Principal, f: StatsFilter) -> LeaderStats:
    conditions, _ = base(f)
    stmt = (
        select(
            col(User.id),
            col(User.full_name),
            col(Project.id),
            col(Project.code),
            col(Project.name),
            col(Project.stage),
            col(Project.stage_entered_at),
        )
        .select_from(LeaderAssignment)
        .join(Project, col(Project.id) == col(LeaderAssignment.project_id))
        .join(User, col(User.id) == col(LeaderAssignment.leader_id))
        .where(col(LeaderAssignment.ended_at).is_(None), *conditions)
    )
    leads = (await session.execute(scope.visible(stmt, principal))).all()
    ids = [row[2] for row in leads]
    tickets = await _ticket_counts(session, principal, ids)
    decisions = await _decision_counts(session, principal, ids)
    now = utcnow()
    rows: list[LeaderRow] = []
    for leader_id, leader_name, project_id, code, name, stage, entered in leads:
        open_tickets, overdue = tickets.get(project_id, (0, 0))
        project = {"project_id": str(project_id)}
        figures = []
        if principal.has(Permission.tickets_read):
            figures += [
                _tickets(
                    "open_tickets",
                    "未办结服务事项",
                    open_tickets,
                    OPEN_TICKETS,
                    {**project, "state": OPEN_TICKET_STATES},
                ),
                _tickets(
                    "overdue_tickets",
                    "超期服务事项",
                    overdue,
                    OVERDUE_TICKETS,
                    {**project, "overdue": "true"},
                ),
            ]
        if principal.has(Permission.meetings_read):
            figures.append(
                _decisions(
                    "open_decisions",
                    "未办结议定事项",
                    decisions.get(project_id, 0),
                    OPEN_DECISIONS,
                    {**project, "state": OPEN_DECISION_STATES},
                )
            )
        rows.append(
            LeaderRow(
                leader_id=leader_id,
                leader_name=leader_name,
                project_id=project_id,
                project_code=code,
                project_name=name,
                stage=Stage(stage),
                stage_label=Stage(stage).label,
                days_in_stage=(now - entered).days,
                figures=figures,
            )
        )
    rows.sort(key=lambda r: (r.leader_name, r.project_code))
    return LeaderStats(definition=DEFINITION, rows=rows)


async def _ticket_counts(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID]
) -> dict[Any, tuple[int, int]]:
    if not ids or not principal.has(Permission.tickets_read):
        return {}
    project = col(Ticket.project_id)
    stmt = (
        select(
            project,
            count_where(col(Ticket.state).in_(OPEN_TICKET_STATES)),
            count_where(and_(IS_HANDLING, col(Ticket.due_date) < business_today())),
        )
        .where(project.in_(ids), col(Ticket.state).in_(OPEN_TICKET_STATES))
        .group_by(project)
    )
    result = await session.execute(ticket_scope.visible(stmt, principal))
    return {row[0]: (int(row[1]), int(row[2])) for row in result.all()}


async def _decision_counts(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID]
) -> dict[Any, int]:
    if not ids or not principal.has(Permission.meetings_read):
        return {}
    project = col(DecisionProject.project_id)
    stmt = (
        select(project, count_where(DECISION_OPEN))
        .select_from(DecisionProject)
        .join(Decision, col(Decision.id) == col(DecisionProject.decision_id))
        .where(project.in_(ids), DECISION_OPEN, decision_scope.decision_condition(principal))
        .group_by(project)
    )
    return {row[0]: int(row[1]) for row in (await session.execute(stmt)).all()}
