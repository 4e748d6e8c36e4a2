"""Leader assignments (市领导联系重大招商项目制度) and service teams (保姆式服务专班)."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assignments.events import (
    LeaderAssigned,
    LeaderAssignmentEnded,
    ServiceTeamMemberAdded,
    ServiceTeamMemberRemoved,
)
from app.assignments.schemas import (
    AssignmentRead,
    ServiceTeamRead,
    TeamMemberCreate,
    TeamMemberRead,
)
from app.core import events
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import LeaderAssignment, Project, ServiceTeamMember, Unit, User
from app.models.enums import Role
from app.projects import scope
from app.projects.reads import get_visible
from app.projects.service import add_record

# Built once; each query adds its own conditions to a copy.
ASSIGNMENT_ROWS: Any = (
    select(
        LeaderAssignment,
        col(Project.code),
        col(Project.name),
        col(Project.stage),
        col(User.full_name),
    )
    .join(Project, col(Project.id) == col(LeaderAssignment.project_id))
    .join(User, col(User.id) == col(LeaderAssignment.leader_id))
)


def _read(row: Any) -> AssignmentRead:
    assignment, code, name, stage, leader_name = row
    return AssignmentRead(
        **assignment.model_dump(exclude={"assigned_by_id", "ended_by_id"}),
        project_code=code,
        project_name=name,
        project_stage=stage,
        leader_name=leader_name,
        is_active=assignment.ended_at is None,
    )


async def _read_one(session: AsyncSession, assignment_id: uuid.UUID) -> AssignmentRead:
    row = (
        await session.execute(ASSIGNMENT_ROWS.where(col(LeaderAssignment.id) == assignment_id))
    ).one()
    return _read(row)


async def assign(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    leader_id: uuid.UUID,
    note: str | None,
) -> AssignmentRead:
    project = await get_visible(session, principal, project_id)
    leader = await session.get(User, leader_id)
    if leader is None or leader.role != Role.leader or not leader.is_active:
        raise Unprocessable(
            "牵头人须为在职的市领导",
            code="invalid_leader",
            errors=[{"loc": ["body", "leader_id"], "msg": "不是市领导", "type": "invalid_leader"}],
        )
    assert principal.user is not None
    assignment = LeaderAssignment(
        project_id=project.id, leader_id=leader.id, assigned_by_id=principal.user.id, note=note
    )
    try:
        # The partial unique indexes decide: one active lead per project and per leader. A Core
        # INSERT in a savepoint leaves the session usable when the database says no.
        async with session.begin_nested():
            await session.execute(insert(LeaderAssignment).values(**assignment.model_dump()))
    except IntegrityError as exc:
        raise await _conflict(session, project, leader) from exc
    project.last_activity_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        LeaderAssigned(
            actor=principal,
            object_id=project.id,
            after=snapshot(assignment),
            assignment_id=assignment.id,
            leader_id=leader.id,
        ),
    )
    return await _read_one(session, assignment.id)


async def _conflict(session: AsyncSession, project: Project, leader: User) -> Conflict:
    active = col(LeaderAssignment.ended_at).is_(None)
    rows = (
        await session.execute(
            ASSIGNMENT_ROWS.where(
                active,
                (col(LeaderAssignment.project_id) == project.id)
                | (col(LeaderAssignment.leader_id) == leader.id),
            )
        )
    ).all()
    # The project's own lead is the conflict a user can act on first.
    for row in sorted(rows, key=lambda r: r[0].project_id != project.id):
        current = _read(row)
        if current.project_id == project.id:
            return Conflict(
                f"项目“{project.name}”已由{current.leader_name}牵头，请先结束现有牵头关系",
                code="project_already_led",
                extra={"assignment_id": str(current.id)},
            )
        return Conflict(
            f"{leader.full_name}已牵头项目“{current.project_name}”，一名市领导只牵头一个项目",
            code="leader_already_assigned",
            extra={"assignment_id": str(current.id)},
        )
    return Conflict("牵头关系已变化，请刷新后重试", code="assignment_conflict")


async def end(
    session: AsyncSession, principal: Principal, assignment_id: uuid.UUID, reason: str
) -> AssignmentRead:
    assignment = await session.get(LeaderAssignment, assignment_id)
    if assignment is None:
        raise NotFound("牵头记录不存在")
    await get_visible(session, principal, assignment.project_id)
    if assignment.ended_at is not None:
        raise Conflict("该牵头关系已经结束", code="assignment_ended")
    assert principal.user is not None
    before = snapshot(assignment)
    assignment.ended_at = utcnow()
    assignment.ended_by_id = principal.user.id
    assignment.end_reason = reason
    await session.flush()
    await events.emit(
        session,
        LeaderAssignmentEnded(
            actor=principal,
            object_id=assignment.project_id,
            before=before,
            after=snapshot(assignment),
            assignment_id=assignment.id,
            leader_id=assignment.leader_id,
            reason=reason,
        ),
    )
    return await _read_one(session, assignment.id)


async def project_assignments(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> list[AssignmentRead]:
    """A project's lead leaders, newest first; 404 for a project outside the caller's scope."""
    await get_visible(session, principal, project_id)
    return await list_assignments(session, principal, project_id=project_id)


async def list_assignments(
    session: AsyncSession,
    principal: Principal,
    *,
    project_id: uuid.UUID | None = None,
    leader_id: uuid.UUID | None = None,
    active: bool | None = None,
) -> list[AssignmentRead]:
    stmt = scope.visible(ASSIGNMENT_ROWS, principal)
    if project_id:
        stmt = stmt.where(col(LeaderAssignment.project_id) == project_id)
    if leader_id:
        stmt = stmt.where(col(LeaderAssignment.leader_id) == leader_id)
    if active is not None:
        ended = col(LeaderAssignment.ended_at).is_(None)
        stmt = stmt.where(ended if active else ~ended)
    stmt = stmt.order_by(col(LeaderAssignment.started_at).desc(), col(LeaderAssignment.id))
    return [_read(r) for r in (await session.execute(stmt)).all()]


async def _members(session: AsyncSession, project_id: uuid.UUID) -> Sequence[Any]:
    stmt = (
        select(ServiceTeamMember, col(Unit.name), col(User.full_name))
        .outerjoin(Unit, col(Unit.id) == col(ServiceTeamMember.unit_id))
        .outerjoin(User, col(User.id) == col(ServiceTeamMember.user_id))
        .where(col(ServiceTeamMember.project_id) == project_id)
        .order_by(col(ServiceTeamMember.added_at), col(ServiceTeamMember.id))
    )
    return (await session.execute(stmt)).all()


async def service_team(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> ServiceTeamRead:
    project = await get_visible(session, principal, project_id)
    members = [
        TeamMemberRead(**m.model_dump(), name=unit_name or user_name or "")
        for m, unit_name, user_name in await _members(session, project.id)
    ]
    current = [m for m in members if m.removed_at is None]
    leads = await list_assignments(session, principal, project_id=project.id, active=True)
    return ServiceTeamRead(
        project_id=project.id,
        is_key=project.is_key,
        lead_leader=leads[0] if leads else None,
        sections=[m for m in current if m.unit_id],
        officers=[m for m in current if m.user_id],
        history=members,
    )


async def add_member(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, body: TeamMemberCreate
) -> ServiceTeamRead:
    project = await get_visible(session, principal, project_id)
    if not project.is_key:
        raise Conflict(
            "只有重点项目（保姆式服务）才组建服务专班，请先标记为重点项目", code="not_key_project"
        )
    if (body.unit_id is None) == (body.user_id is None):
        raise Unprocessable(
            "请在责任单位和服务专员中选择一项",
            code="validation_error",
            errors=[{"loc": ["body"], "msg": "unit_id 与 user_id 二选一", "type": "one_of"}],
        )
    unit = await session.get(Unit, body.unit_id) if body.unit_id else None
    if body.unit_id and (unit is None or not unit.is_active):
        raise Unprocessable(
            "单位不存在或已停用",
            code="invalid_unit",
            errors=[{"loc": ["body", "unit_id"], "msg": "单位无效", "type": "invalid_unit"}],
        )
    if body.user_id and (
        (user := await session.get(User, body.user_id)) is None or not user.is_active
    ):
        raise Unprocessable(
            "用户不存在或已停用",
            code="invalid_user",
            errors=[{"loc": ["body", "user_id"], "msg": "用户无效", "type": "invalid_user"}],
        )
    existing = await session.execute(
        select(col(ServiceTeamMember.id)).where(
            col(ServiceTeamMember.project_id) == project.id,
            col(ServiceTeamMember.removed_at).is_(None),
            col(ServiceTeamMember.unit_id) == body.unit_id
            if body.unit_id
            else col(ServiceTeamMember.user_id) == body.user_id,
        )
    )
    if existing.first() is not None:
        raise Conflict("已在服务专班中", code="already_member")
    assert principal.user is not None
    member = ServiceTeamMember(
        project_id=project.id,
        unit_id=body.unit_id,
        user_id=body.user_id,
        added_by_id=principal.user.id,
    )
    await add_record(session, project, member)
    await events.emit(
        session,
        ServiceTeamMemberAdded(
            actor=principal,
            object_id=project.id,
            after=snapshot(member),
            record_id=member.id,
            unit_id=member.unit_id,
            user_id=member.user_id,
        ),
    )
    return await service_team(session, principal, project.id)


async def remove_member(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, member_id: uuid.UUID
) -> ServiceTeamRead:
    project = await get_visible(session, principal, project_id)
    member = await session.get(ServiceTeamMember, member_id)
    if member is None or member.project_id != project.id:
        raise NotFound("专班成员不存在")
    if member.removed_at is None:
        assert principal.user is not None
        before = snapshot(member)
        member.removed_at = utcnow()
        member.removed_by_id = principal.user.id
        await session.flush()
        await events.emit(
            session,
            ServiceTeamMemberRemoved(
                actor=principal,
                object_id=project.id,
                before=before,
                after=snapshot(member),
                member_id=member.id,
                unit_id=member.unit_id,
                user_id=member.user_id,
            ),
        )
    return await service_team(session, principal, project.id)
