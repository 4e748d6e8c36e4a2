import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import QueryInt, Text
from app.reviews import reads, service
from app.reviews.schemas import (
    CandidateCreate,
    CandidateProject,
    CandidateRead,
    FinalListCreate,
    ReviewRoundCreate,
    ReviewRoundRead,
    VerdictCreate,
)

router = APIRouter(prefix="/review-rounds", tags=["reviews"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reviews_read))]
Nominator = Annotated[Principal, Depends(require(Permission.reviews_nominate, people_only=True))]
Decider = Annotated[Principal, Depends(require(Permission.reviews_decide, people_only=True))]
Manager = Annotated[Principal, Depends(require(Permission.meetings_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=list[ReviewRoundRead], summary="联审轮次列表")
async def list_review_rounds(
    principal: Reader, session: SessionDep, settings: SettingsDep
) -> list[ReviewRoundRead]:
    """One round per year, latest first (candidates only in the detail)."""
    return await reads.list_rounds(session, settings, principal)


@router.post(
    "",
    response_model=ReviewRoundRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="发起年度联审",
)
async def create_review_round(
    body: ReviewRoundCreate,
    principal: Manager,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ReviewRoundRead:
    """One per year (409 `round_exists` for a second)."""
    round_ = await service.create_round(session, principal, body)
    response.headers["Location"] = f"/api/v1/review-rounds/{round_.id}"
    return await reads.read(session, settings, principal, round_.id)


@router.get(
    "/{round_id:uuid}", response_model=ReviewRoundRead, responses=ERRORS, summary="联审详情"
)
async def read_review_round(
    round_id: uuid.UUID, principal: Reader, session: SessionDep, settings: SettingsDep
) -> ReviewRoundRead:
    """The round's candidates with each level's outcome, who recorded it and when."""
    return await reads.read(session, settings, principal, round_id)


@router.get(
    "/{round_id:uuid}/eligible-projects",
    response_model=list[CandidateProject],
    responses=ERRORS,
    summary="可提名的项目",
)
async def list_eligible_projects(
    round_id: uuid.UUID,
    principal: Nominator,
    session: SessionDep,
    settings: SettingsDep,
    q: Annotated[Text | None, Query(max_length=100, description="项目名称或编码包含")] = None,
    limit: Annotated[QueryInt, Query(ge=1, le=50, description="最多条数")] = 20,
) -> list[CandidateProject]:
    """For 发改委 and 商务局 staff choosing what to nominate: every project not dropped and not
    yet a candidate in this round, largest planned investment first."""
    return await reads.eligible_projects(session, settings, principal, round_id, q, limit)


@router.post(
    "/{round_id:uuid}/candidates",
    response_model=CandidateRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="一级：提名候选项目",
)
async def nominate_candidate(
    round_id: uuid.UUID,
    body: CandidateCreate,
    principal: Nominator,
    session: SessionDep,
    settings: SettingsDep,
) -> CandidateRead:
    """By staff of 发改委 or 商务局 (`REVIEW_NOMINATING_UNITS`), with a reason; a project once
    per round (409 `already_nominated`)."""
    candidate = await service.nominate(session, settings, principal, round_id, body)
    return await reads.read_candidate(session, settings, principal, round_id, candidate.id)


@router.post(
    "/{round_id:uuid}/candidates/{candidate_id:uuid}/verdict",
    response_model=CandidateRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="二级：记录联审意见",
)
async def record_review_verdict(
    round_id: uuid.UUID,
    candidate_id: uuid.UUID,
    body: VerdictCreate,
    principal: Decider,
    session: SessionDep,
    settings: SettingsDep,
) -> CandidateRead:
    """The 联审会's verdict on one candidate, recorded once (409 `already_recorded`)."""
    await service.review(session, principal, round_id, candidate_id, body)
    return await reads.read_candidate(session, settings, principal, round_id, candidate_id)


@router.post(
    "/{round_id:uuid}/final-list",
    response_model=ReviewRoundRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="三级：常务会议确定清单",
)
async def decide_major_list(
    round_id: uuid.UUID,
    body: FinalListCreate,
    principal: Decider,
    session: SessionDep,
    settings: SettingsDep,
) -> ReviewRoundRead:
    """Once every candidate has a verdict: the executive meeting's decision on each approved
    candidate. The round is then closed, and the listed projects carry `major_list_year`
    (filter the project list with `major_list_year=2026`)."""
    await service.decide(session, principal, round_id, body)
    return await reads.read(session, settings, principal, round_id)
