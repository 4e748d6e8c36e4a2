import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.projects import duplicates, lead, reads, records, service, workflow
from app.projects.schemas import (
    ApprovalCreate,
    ApprovalRead,
    EvaluationCreate,
    EvaluationRead,
    FollowUpCreate,
    FollowUpRead,
    KeyMark,
    NextStage,
    ProjectCreate,
    ProjectFilter,
    ProjectRead,
    ProjectUpdate,
    StageChangeRead,
    TransitionCreate,
)

router = APIRouter(prefix="/projects", tags=["projects"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.projects_read))]
Writer = Annotated[Principal, Depends(require(Permission.projects_write))]
Manager = Annotated[Principal, Depends(require(Permission.projects_manage, people_only=True))]
# The evaluation is the bureau's (app/projects/lead.py): others are told so, not just refused.
Evaluator = Annotated[
    Principal,
    Depends(
        require(Permission.projects_manage, people_only=True, refusal=lead.refusal("录入评估"))
    ),
]
CONFLICTS: dict[int | str, dict[str, object]] = {
    404: {"model": Problem},
    409: {"model": Problem},
}


Filters = Annotated[ProjectFilter, query_model(ProjectFilter)]


@router.get("", response_model=Page[ProjectRead], summary="项目库")
async def list_projects(
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    params: Annotated[PageParams, Depends(page_params)],
    filters: Filters,
) -> Page[ProjectRead]:
    """Projects in the caller's scope. Sort keys: `created_at` (default, newest first),
    `updated_at`, `last_activity_at`, `planned_investment`, `code`. For incremental sync use
    `updated_after` with `sort=updated_at`."""
    items, cursor, total = await reads.list_projects(session, principal, settings, params, filters)
    return Page[ProjectRead](items=items, next_cursor=cursor, total=total)


@router.post(
    "",
    response_model=ProjectRead,
    status_code=status.HTTP_201_CREATED,
    responses={409: {"model": Problem}},
    summary="新建项目",
)
async def create_project(
    body: ProjectCreate,
    principal: Writer,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ProjectRead:
    """Starts a project at stage `lead` with a new code (`XT-2026-0042`)."""
    project = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/projects/{project.id}"
    set_etag(response, project.version)
    return await reads.read(session, principal, settings, project.id)


@router.get(
    "/{project_id:uuid}",
    response_model=ProjectRead,
    responses={404: {"model": Problem}},
    summary="项目详情",
)
async def read_project(
    project_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ProjectRead:
    project = await reads.read(session, principal, settings, project_id)
    set_etag(response, project.version)
    return project


@router.patch(
    "/{project_id:uuid}", response_model=ProjectRead, responses=CONFLICTS, summary="修改项目"
)
async def update_project(
    project_id: uuid.UUID,
    body: ProjectUpdate,
    principal: Writer,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    precondition: IfMatchVersion,
) -> ProjectRead:
    """Partial update with `If-Match`. The stage changes only through transitions."""
    project = await service.update_project(session, principal, project_id, body, precondition)
    set_etag(response, project.version)
    return await reads.read(session, principal, settings, project.id)


@router.delete(
    "/{project_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=CONFLICTS,
    summary="删除项目",
)
async def delete_project(
    project_id: uuid.UUID, principal: Writer, session: SessionDep, precondition: IfMatchVersion
) -> None:
    """Only a lead (信息收集) may be deleted; later, end a project with the `dropped` transition."""
    await service.delete_project(session, principal, project_id, precondition)


@router.post(
    "/{project_id:uuid}/transitions",
    response_model=ProjectRead,
    status_code=status.HTTP_201_CREATED,
    responses=CONFLICTS,
    summary="推进或变更阶段",
)
async def transition_project(
    project_id: uuid.UUID,
    body: TransitionCreate,
    principal: Writer,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ProjectRead:
    """Moves the project to `to_stage` if it is still at `expected_stage` (else 409
    `stage_conflict`). Forward moves pass the gate of the next stage (422 `gate_not_met` lists
    what is missing); back-steps, `shelved` and `dropped` need a `reason`; from `shelved` the
    project resumes at the stage it left. `lead` → `evaluation` is the district's 提交评估: its
    gate needs the investor's full name, a contact, the planned investment, land area and
    expected tax, and the coordinators are notified. `evaluation` → `contact` is the
    coordinator's (403 `evaluation_by_bureau` for others)."""
    project = await workflow.transition(session, principal, project_id, body)
    response.headers["Location"] = f"/api/v1/projects/{project.id}/transitions"
    set_etag(response, project.version)
    return await reads.read(session, principal, settings, project.id)


@router.get(
    "/{project_id:uuid}/transitions",
    response_model=list[StageChangeRead],
    responses={404: {"model": Problem}},
    summary="阶段历史",
)
async def list_project_transitions(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[StageChangeRead]:
    return [
        StageChangeRead.model_validate(c)
        for c in await workflow.history(session, principal, project_id)
    ]


@router.get(
    "/{project_id:uuid}/next-stages",
    response_model=list[NextStage],
    responses={404: {"model": Problem}},
    summary="可去往的阶段及其条件",
)
async def list_next_stages(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[NextStage]:
    """Each stage the caller may take the project to now, and what its gate still needs. Out of
    项目评估 only the coordinator moves a project forward (the bureau's evaluation decides), so
    the way to 项目接洽 is not offered to others."""
    return await workflow.next_stages(session, principal, project_id)


@router.post(
    "/{project_id:uuid}/approvals",
    response_model=ApprovalRead,
    status_code=status.HTTP_201_CREATED,
    responses=CONFLICTS,
    summary="审核通过",
)
async def approve_project(
    project_id: uuid.UUID,
    body: ApprovalCreate,
    principal: Manager,
    session: SessionDep,
    response: Response,
) -> ApprovalRead:
    """The coordinator's approval of a project in `review`, needed before it can be signed."""
    approval = await workflow.approve(session, principal, project_id, body.opinion)
    response.headers["Location"] = f"/api/v1/projects/{project_id}/approvals"
    return ApprovalRead.model_validate(approval)


@router.get(
    "/{project_id:uuid}/approvals",
    response_model=list[ApprovalRead],
    responses={404: {"model": Problem}},
    summary="审核记录",
)
async def list_project_approvals(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[ApprovalRead]:
    return [
        ApprovalRead.model_validate(a)
        for a in await workflow.approvals(session, principal, project_id)
    ]


@router.post(
    "/{project_id:uuid}/evaluations",
    response_model=EvaluationRead,
    status_code=status.HTTP_201_CREATED,
    responses={404: {"model": Problem}},
    summary="新增评估",
)
async def create_evaluation(
    project_id: uuid.UUID,
    body: EvaluationCreate,
    principal: Evaluator,
    session: SessionDep,
    response: Response,
) -> EvaluationRead:
    """Scores per item; the total is their sum. A `recommend` conclusion opens the way to 接洽.
    The evaluation is the bureau's: only the coordinator records one (others: 403
    `evaluation_by_bureau`)."""
    evaluation = await records.add_evaluation(session, principal, project_id, body)
    response.headers["Location"] = f"/api/v1/projects/{project_id}/evaluations"
    return EvaluationRead.model_validate(evaluation)


@router.get(
    "/{project_id:uuid}/evaluations",
    response_model=list[EvaluationRead],
    responses={404: {"model": Problem}},
    summary="评估记录",
)
async def list_evaluations(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[EvaluationRead]:
    return [
        EvaluationRead.model_validate(e)
        for e in await records.evaluations(session, principal, project_id)
    ]


@router.post(
    "/{project_id:uuid}/follow-ups",
    response_model=FollowUpRead,
    status_code=status.HTTP_201_CREATED,
    responses={404: {"model": Problem}},
    summary="新增接洽记录",
)
async def create_follow_up(
    project_id: uuid.UUID,
    body: FollowUpCreate,
    principal: Writer,
    session: SessionDep,
    response: Response,
) -> FollowUpRead:
    follow_up = await records.add_follow_up(session, principal, project_id, body)
    response.headers["Location"] = f"/api/v1/projects/{project_id}/follow-ups"
    return FollowUpRead.model_validate(follow_up)


@router.get(
    "/{project_id:uuid}/follow-ups",
    response_model=list[FollowUpRead],
    responses={404: {"model": Problem}},
    summary="接洽记录",
)
async def list_follow_ups(
    project_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[FollowUpRead]:
    return [
        FollowUpRead.model_validate(f)
        for f in await records.follow_ups(session, principal, project_id)
    ]


@router.put(
    "/{project_id:uuid}/key",
    response_model=ProjectRead,
    responses={404: {"model": Problem}},
    summary="标记重点项目",
)
async def mark_key_project(
    project_id: uuid.UUID,
    body: KeyMark,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
) -> ProjectRead:
    """Chooses (or un-chooses) the project for 保姆式服务."""
    await service.set_key(session, principal, project_id, body.is_key)
    return await reads.read(session, principal, settings, project_id)


@router.get(
    "/{project_id:uuid}/duplicates",
    response_model=list[ProjectRead],
    responses={404: {"model": Problem}},
    summary="疑似重复的项目",
)
async def list_project_duplicates(
    project_id: uuid.UUID, principal: Reader, session: SessionDep, settings: SettingsDep
) -> list[ProjectRead]:
    """Other projects of the same investor (same credit code or name) visible to the caller."""
    return await duplicates.duplicates_of(session, principal, settings, project_id)
