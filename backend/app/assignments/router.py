import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.assignments import leader_home, service
from app.assignments.schemas import (
    AssignmentCreate,
    AssignmentEnd,
    AssignmentRead,
    LeaderOverview,
    ServiceTeamRead,
    TeamMemberCreate,
)
from app.auth.dependencies import CurrentUser, SessionDep, SettingsDep, require
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.permissions import Permission
from app.core.principal import Principal

router = APIRouter(tags=["assignments"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.projects_read))]
Assigner = Annotated[Principal, Depends(require(Permission.assignments_write, people_only=True))]
Manager = Annotated[Principal, Depends(require(Permission.projects_manage, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {404: {"model": Problem}, 409: {"model": Problem}}


@router.get(
    "/projects/{project_id:uuid}/assignments",
    response_model=list[AssignmentRead],
    responses=ERRORS,
    summary="项目的牵头领导历史",
)
async def list_project_assignments(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[AssignmentRead]:
    return await service.project_assignments(session, principal, project_id)


@router.post(
    "/projects/{project_id:uuid}/assignments",
    response_model=AssignmentRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="安排市领导牵头",
)
async def assign_leader(
    project_id: uuid.UUID,
    body: AssignmentCreate,
    principal: Assigner,
    session: SessionDep,
    response: Response,
) -> AssignmentRead:
    """One city leader leads one project: a project already led, or a leader already leading
    another project, answers 409 (`project_already_led`, `leader_already_assigned`)."""
    assignment = await service.assign(session, principal, project_id, body.leader_id, body.note)
    response.headers["Location"] = f"/api/v1/assignments/{assignment.id}"
    return assignment


@router.post(
    "/assignments/{assignment_id:uuid}/end",
    response_model=AssignmentRead,
    responses=ERRORS,
    summary="结束牵头关系",
)
async def end_assignment(
    assignment_id: uuid.UUID, body: AssignmentEnd, principal: Assigner, session: SessionDep
) -> AssignmentRead:
    return await service.end(session, principal, assignment_id, body.reason)


@router.get("/assignments", response_model=list[AssignmentRead], summary="领导联系项目一览")
async def list_assignments(
    principal: Reader,
    session: SessionDep,
    leader_id: Annotated[uuid.UUID | None, Query(description="按市领导筛选")] = None,
    project_id: Annotated[uuid.UUID | None, Query(description="按项目筛选")] = None,
    active: Annotated[bool | None, Query(description="true 只看当前有效，false 只看已结束")] = None,
) -> list[AssignmentRead]:
    """Which leader leads which project, newest first, within the caller's project scope."""
    return await service.list_assignments(
        session, principal, leader_id=leader_id, project_id=project_id, active=active
    )


@router.get("/assignments/mine", response_model=LeaderOverview, summary="我牵头的项目")
async def read_my_led_project(
    principal: CurrentUser, session: SessionDep, settings: SettingsDep
) -> LeaderOverview:
    """A leader's own view: the project they lead (stage history, follow-ups, the next gate and
    what it still needs), its open tickets and decisions, and its recent events."""
    return await leader_home.overview(session, principal, settings)


@router.get(
    "/projects/{project_id:uuid}/service-team",
    response_model=ServiceTeamRead,
    responses=ERRORS,
    summary="服务专班",
)
async def read_service_team(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> ServiceTeamRead:
    return await service.service_team(session, principal, project_id)


@router.post(
    "/projects/{project_id:uuid}/service-team/members",
    response_model=ServiceTeamRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="加入服务专班",
)
async def add_service_team_member(
    project_id: uuid.UUID,
    body: TeamMemberCreate,
    principal: Manager,
    session: SessionDep,
    response: Response,
) -> ServiceTeamRead:
    """Adds a business section (unit) or a service officer (user) to a key project's team."""
    response.headers["Location"] = f"/api/v1/projects/{project_id}/service-team"
    return await service.add_member(session, principal, project_id, body)


@router.delete(
    "/projects/{project_id:uuid}/service-team/members/{member_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    summary="移出服务专班",
)
async def remove_service_team_member(
    project_id: uuid.UUID, member_id: uuid.UUID, principal: Manager, session: SessionDep
) -> None:
    """Ends the membership; the team's history keeps it."""
    await service.remove_member(session, principal, project_id, member_id)
