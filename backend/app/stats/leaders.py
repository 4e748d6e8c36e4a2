"""The leaders' board (领导联系项目): each city leader with the project they lead (one leader,
one active project), its stage and days in it, and its open tickets, overdue tickets and open
decisions. Leaders are those of the caller's projects (app/projects/scope); a project's tickets
and decisions are counted in the caller's ticket and decision scope, as their lists show them.
The key projects' board (重点项目，保姆式服务) shows the same open items for each key project.
No amount or investor is named, so a confidential project reads as the project list shows it.
A caller who may not read tickets (or decisions) gets no ticket (or decision) figures, since
there is no list to reproduce them."""

import uuid
from functools import partial
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from app.core.calendar import business_today
from app.core.config import Settings
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.meetings import scope as decision_scope
from app.models import Decision, DecisionProject, LeaderAssignment, Project, Ticket, Unit, User
from app.models.enums import Stage
from app.models.meeting import DECISION_OPEN
from app.models.ticket import IS_HANDLING
from app.projects import scope
from app.projects.reads import is_stale
from app.stats.figures import count_where, figure
from app.stats.projects import PATH as PROJECTS
from app.stats.projects import base
from app.stats.schemas import (
    Figure,
    KeyProjectRow,
    KeyProjectStats,
    LeaderRow,
    LeaderStats,
    StatsFilter,
)
from app.tickets import scope as ticket_scope

TICKETS = "/api/v1/tickets"
DECISIONS = "/api/v1/decisions"
OPEN_TICKET_STATES = ["submitted", "assigned", "accepted", "in_progress", "resolved"]
OPEN_DECISION_STATES = [s.value for s in decision_scope.OPEN_STATES]

DEFINITION = (
    "每位市领导目前牵头联系的项目（一名领导一个项目），项目当前阶段和在该阶段的天数；不按统计期划分"
)
KEY_DEFINITION = (
    "招商统筹标记为重点项目、实行保姆式服务的项目（不按统计期划分），列出当前阶段、在该阶段的天数、"
    "牵头市领导、卡点，以及未办结的服务事项和议定事项"
)
KEY_ROWS = 50  # the board lists the first 50 by code; `total` and its list hold them all
OPEN_TICKETS = "该项目目前未办结（待交办、办理中或已反馈待确认）的服务事项"
OVERDUE_TICKETS = "该项目办理中且已过办理时限（按工作日计算）的服务事项"
OPEN_DECISIONS = "涉及该项目、目前未办结（待办理、办理中）的会议议定事项"

_tickets = partial(figure, TICKETS)
_decisions = partial(figure, DECISIONS)


def _open_items(
    principal: Principal,
    project_id: uuid.UUID,
    tickets: dict[Any, tuple[int, int]],
    decisions: dict[Any, int],
) -> list[Figure]:
    """A project's open and overdue tickets and open decisions, each with its list; only the
    figures whose list the caller may read."""
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
    return figures


async def _open_item_counts(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID]
) -> tuple[dict[Any, tuple[int, int]], dict[Any, int]]:
    return (
        await _ticket_counts(session, principal, ids),
        await _decision_counts(session, principal, ids),
    )


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
    tickets, decisions = await _open_item_counts(session, principal, [row[2] for row in leads])
    now = utcnow()
    rows = [
        LeaderRow(
            leader_id=leader_id,
            leader_name=leader_name,
            project_id=project_id,
            project_code=code,
            project_name=name,
            stage=Stage(stage),
            stage_label=Stage(stage).label,
            days_in_stage=(now - entered).days,
            figures=_open_items(principal, project_id, tickets, decisions),
        )
        for leader_id, leader_name, project_id, code, name, stage, entered in leads
    ]
    rows.sort(key=lambda r: (r.leader_name, r.project_code))
    return LeaderStats(definition=DEFINITION, rows=rows)


async def key_projects(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    f: StatsFilter,
    limit: int | None = KEY_ROWS,
) -> KeyProjectStats:
    """重点项目（保姆式服务）: the caller's key projects in the slice (not by period), each with
    its stage, days in it, leader, 卡点 and open items — the first `limit` by code (the export
    takes them all); `total` counts them all, as the key project list does."""
    conditions, query = base(f.model_copy(update={"is_key": None}))
    conditions.append(col(Project.is_key).is_(True))
    leads, leaders = aliased(LeaderAssignment), aliased(User)
    stmt = (
        select(
            col(Project.id),
            col(Project.code),
            col(Project.name),
            col(Unit.name),
            col(Project.stage),
            col(Project.stage_entered_at),
            col(Project.last_activity_at),
            col(Project.blocker_note),
            col(leaders.full_name),
        )
        .join(Unit, col(Unit.id) == col(Project.owner_unit_id))
        .outerjoin(
            leads,
            and_(col(leads.project_id) == col(Project.id), col(leads.ended_at).is_(None)),
        )
        .outerjoin(leaders, col(leaders.id) == col(leads.leader_id))
        .where(*conditions)
        .order_by(col(Project.code))
    )
    visible = scope.visible(stmt, principal)
    found = (await session.execute(visible.limit(limit))).all()
    total = len(found)
    if limit is not None and total == limit:  # more may follow: count them all
        total = await session.scalar(select(func.count()).select_from(visible.subquery())) or 0
    tickets, decisions = await _open_item_counts(session, principal, [row[0] for row in found])
    now = utcnow()
    return KeyProjectStats(
        total=figure(
            PROJECTS,
            "key_projects",
            "重点项目",
            total,
            KEY_DEFINITION,
            {**query, "is_key": "true"},
        ),
        rows=[
            KeyProjectRow(
                project_id=project_id,
                project_code=code,
                project_name=name,
                owner_unit_name=unit_name,
                stage=Stage(stage),
                stage_label=Stage(stage).label,
                days_in_stage=(now - entered).days,
                is_stale=is_stale(stage, last_activity, now, settings),
                blocker_note=blocker,
                leader_name=leader_name,
                figures=_open_items(principal, project_id, tickets, decisions),
            )
            for (
                project_id,
                code,
                name,
                unit_name,
                stage,
                entered,
                last_activity,
                blocker,
                leader_name,
            ) in found
        ],
    )


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
