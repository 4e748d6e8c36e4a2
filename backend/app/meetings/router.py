import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from app.attachments.router import attachment_router
from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import files, xlsx
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import QueryInt
from app.meetings import (
    attachments,
    decision_reads,
    decisions,
    excel_export,
    meeting_reads,
    minutes_docx,
    service,
)
from app.meetings.schemas import (
    DecisionCreate,
    DecisionRead,
    MeetingCreate,
    MeetingFilter,
    MeetingRead,
    MeetingTransition,
    MeetingUpdate,
    MinutesRevision,
    MinutesVersionRead,
)

router = APIRouter(prefix="/meetings", tags=["meetings"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.meetings_read))]
Manager = Annotated[Principal, Depends(require(Permission.meetings_write, people_only=True))]
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


@router.get("", response_model=Page[MeetingRead], summary="会议列表")
async def list_meetings(
    principal: Reader,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    filters: Annotated[MeetingFilter, query_model(MeetingFilter)],
) -> Page[MeetingRead]:
    """Meetings in the caller's scope, latest first (`sort=starts_at` for oldest first). For a
    calendar, filter by `starts_from` / `starts_before`."""
    items, cursor, total = await meeting_reads.list_meetings(session, principal, params, filters)
    return Page[MeetingRead](items=items, next_cursor=cursor, total=total)


@router.get(
    "/export",
    response_class=Response,
    responses=xlsx.responses("会议（.xlsx）"),
    summary="导出会议",
)
async def export_meetings(
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
    filters: Annotated[MeetingFilter, query_model(MeetingFilter)],
) -> Response:
    """The meeting list as a workbook: the same filters and scope as `GET /meetings`, every
    page, Chinese headers and labels. At most 50,000 rows (more answers 422
    `export_too_large`)."""
    content = await excel_export.export_meetings(session, principal, settings, filters)
    return xlsx.download(content, "会议", "meetings")


@router.post(
    "",
    response_model=MeetingRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="新建会议",
)
async def create_meeting(
    body: MeetingCreate, principal: Manager, session: SessionDep, response: Response
) -> MeetingRead:
    """A new meeting in `draft` (筹备中). A quarterly joint meeting (`joint`) starts with the
    previous joint meeting's open decisions on its agenda (`carried_decisions`). When the
    meeting is still to come, the officers of the attending units and the chair get a
    notification (`meeting_notice`, 会议通知) with its time, place and chair."""
    meeting = await service.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/meetings/{meeting.id}"
    set_etag(response, meeting.version)
    return await meeting_reads.read(session, principal, meeting.id)


@router.get("/{meeting_id:uuid}", response_model=MeetingRead, responses=ERRORS, summary="会议详情")
async def read_meeting(
    meeting_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> MeetingRead:
    meeting = await meeting_reads.read(session, principal, meeting_id)
    set_etag(response, meeting.version)
    return meeting


@router.patch(
    "/{meeting_id:uuid}", response_model=MeetingRead, responses=ERRORS, summary="修改会议"
)
async def update_meeting(
    meeting_id: uuid.UUID,
    body: MeetingUpdate,
    principal: Manager,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> MeetingRead:
    """Partial update with `If-Match`, until the minutes are published (then 409
    `meeting_frozen`). For a meeting still to come and not yet held, a new time, place or chair
    is announced again to those invited, and units added get the 会议通知. A joint meeting moved
    to another date while in preparation carries over anew: the previous joint meeting is looked
    up for the new date, with its decisions open now."""
    meeting = await service.update(session, principal, meeting_id, body, precondition)
    set_etag(response, meeting.version)
    return await meeting_reads.read(session, principal, meeting.id)


@router.post(
    "/{meeting_id:uuid}/transitions",
    response_model=MeetingRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="会议状态变更",
)
async def transition_meeting(
    meeting_id: uuid.UUID,
    body: MeetingTransition,
    principal: Manager,
    session: SessionDep,
    response: Response,
) -> MeetingRead:
    """`draft` → `held` (召开), `held` → `published` (印发纪要: the draft becomes minutes
    version 1 and the meeting, its minutes and decisions' wording are frozen)."""
    meeting = await service.transition(session, principal, meeting_id, body)
    set_etag(response, meeting.version)
    return await meeting_reads.read(session, principal, meeting.id)


@router.get(
    "/{meeting_id:uuid}/minutes-versions",
    response_model=list[MinutesVersionRead],
    responses={404: {"model": Problem}},
    summary="纪要版本",
)
async def list_minutes_versions(
    meeting_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[MinutesVersionRead]:
    """Every published version, newest first."""
    rows = await meeting_reads.minutes_versions(session, principal, meeting_id)
    return [MinutesVersionRead.of(r) for r in rows]


@router.post(
    "/{meeting_id:uuid}/minutes-versions",
    response_model=MinutesVersionRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="修订已印发的纪要",
)
async def revise_meeting_minutes(
    meeting_id: uuid.UUID, body: MinutesRevision, principal: Manager, session: SessionDep
) -> MinutesVersionRead:
    """Published minutes never change: a revision is a new version with its reason, and every
    earlier version stays readable."""
    row = await service.revise_minutes(session, principal, meeting_id, body)
    return MinutesVersionRead.of(row)


@router.get(
    "/{meeting_id:uuid}/minutes-versions/{version:int}/docx",
    response_class=Response,
    responses={200: {"content": {DOCX_MEDIA_TYPE: {}}}, 404: {"model": Problem}},
    summary="下载会议纪要（Word）",
)
async def download_meeting_minutes(
    meeting_id: uuid.UUID,
    version: Annotated[QueryInt, Path(ge=1, le=100_000, description="纪要版本号")],
    principal: Reader,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """One published version of the minutes (`version` as listed by `GET
    /meetings/{id}/minutes-versions`, also given as each version's `download_url`) as a Word
    document in the layout of the bureau's letters: the minutes as written, an annex of the
    decisions with responsible and co-units and due dates, when and where the meeting sat with
    its chair and units, the issuer and 分送 to the attending units. Whoever may read the
    meeting may download it: coordinators, supervisors, the chair and the attending units.
    404 for a version not published."""
    data, filename = await minutes_docx.document(session, settings, principal, meeting_id, version)
    return files.download(data, DOCX_MEDIA_TYPE, filename, f"minutes-v{version}.docx")


@router.get(
    "/{meeting_id:uuid}/decisions",
    response_model=list[DecisionRead],
    responses={404: {"model": Problem}},
    summary="会议的议定事项",
)
async def list_meeting_decisions(
    meeting_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[DecisionRead]:
    """The meeting's decisions in order, those the caller may see."""
    return await decision_reads.of_meeting(session, principal, meeting_id)


@router.post(
    "/{meeting_id:uuid}/decisions",
    response_model=DecisionRead,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 403: {"model": Problem}},
    summary="记录议定事项",
)
async def create_decision(
    meeting_id: uuid.UUID,
    body: DecisionCreate,
    principal: Manager,
    session: SessionDep,
    response: Response,
) -> DecisionRead:
    """Until the minutes are published. The decision gets a code (`YD-2026-0007`) and the next
    number within the meeting."""
    decision = await decisions.create(session, principal, meeting_id, body)
    response.headers["Location"] = f"/api/v1/decisions/{decision.id}"
    set_etag(response, decision.version)
    return await decision_reads.read(session, principal, decision.id)


router.include_router(
    attachment_router(
        attachments.MEETING_FILES,
        reader=require(Permission.meetings_read),
        uploader=require(Permission.meetings_write, people_only=True),
    )
)
