"""月报 / 季报: reporting periods and the districts' and parks' reports."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import files
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.pagination import Page, PageParams, page_params, query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.schemas import QueryInt
from app.core.xlsx import XLSX_MEDIA_TYPE
from app.reports import periods, reads, service, summary, summary_docs
from app.reports.schemas import (
    PeriodCreate,
    PeriodFilter,
    PeriodRead,
    ReportFilter,
    ReportRead,
    ReportSummary,
    ReportTransition,
    ReportUpdate,
)
from app.reports.summary_schemas import (
    SummaryAnalysisUpdate,
    SummaryPublish,
    SummaryRead,
    SummaryVersionRead,
)

periods_router = APIRouter(prefix="/report-periods", tags=["reports"], route_class=IdempotentRoute)
router = APIRouter(prefix="/reports", tags=["reports"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Reviewer = Annotated[Principal, Depends(require(Permission.reports_review, people_only=True))]
Person = Annotated[Principal, Depends(require(Permission.reports_read, people_only=True))]
Submitter = Annotated[Principal, Depends(require(Permission.reports_submit, people_only=True))]
Params = Annotated[PageParams, Depends(page_params)]
ERRORS: dict[int | str, dict[str, object]] = {
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    412: {"model": Problem},
    422: {"model": Problem},
    428: {"model": Problem},
}


@periods_router.get("", response_model=Page[PeriodRead], summary="报表期列表")
async def list_report_periods(
    principal: Reader,
    session: SessionDep,
    params: Params,
    filters: Annotated[PeriodFilter, query_model(PeriodFilter)],
) -> Page[PeriodRead]:
    """Periods, the latest first, with how many of the caller's reports each holds and how
    many are submitted and accepted."""
    items, cursor, total = await reads.list_periods(session, principal, params, filters)
    return Page[PeriodRead](items=items, next_cursor=cursor, total=total)


@periods_router.post(
    "",
    response_model=PeriodRead,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": PeriodRead}, 403: {"model": Problem}, 422: {"model": Problem}},
    summary="开启报表期",
)
async def open_report_period(
    body: PeriodCreate,
    principal: Reviewer,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> PeriodRead:
    """Opens a month or quarter with a pre-filled draft for every district and park (the job
    does so on the first working day after a period ends). Idempotent per kind, year and
    number: an open period answers 200 as it is (its deadline unchanged), adding only the
    drafts of units that have none yet."""
    opened = await periods.open_period(
        session,
        settings,
        body.kind,
        body.year,
        body.number,
        deadline=body.deadline,
        principal=principal,
    )
    if not opened.created:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/api/v1/report-periods/{opened.period.id}"
    return await reads.read_period(session, principal, opened.period.id)


@periods_router.get(
    "/{period_id:uuid}", response_model=PeriodRead, responses=ERRORS, summary="报表期详情"
)
async def read_report_period(
    period_id: uuid.UUID, principal: Reader, session: SessionDep
) -> PeriodRead:
    return await reads.read_period(session, principal, period_id)


@periods_router.get(
    "/{period_id:uuid}/summary",
    response_model=SummaryRead,
    responses=ERRORS,
    summary="全市汇总",
)
async def read_report_summary(
    period_id: uuid.UUID, principal: Person, session: SessionDep, response: Response
) -> SummaryRead:
    """All units' accepted figures of the period side by side, totals, the change against the
    previous period (上月 / 上季度) and the same period last year (from those periods' accepted
    reports; `available=false` reads 无数据), the units not yet accepted, the analysis draft
    (its version is the ETag) and every published version. The coordinator, supervisors,
    leaders and viewers read it at any time; the units' officers once it is published."""
    read = await summary.read(session, principal, period_id)
    set_etag(response, read.draft_version)
    return read


@periods_router.put(
    "/{period_id:uuid}/summary/analysis",
    response_model=SummaryRead,
    responses=ERRORS,
    summary="编辑全市汇总分析",
)
async def update_report_summary_analysis(
    period_id: uuid.UUID,
    body: SummaryAnalysisUpdate,
    principal: Reviewer,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> SummaryRead:
    """The coordinator's analysis text, a draft until published, with `If-Match` (`"0"` for
    the first draft)."""
    await summary.update_analysis(session, principal, period_id, body, precondition)
    read = await summary.read(session, principal, period_id)
    set_etag(response, read.draft_version)
    return read


@periods_router.post(
    "/{period_id:uuid}/summary/versions",
    response_model=SummaryVersionRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="发布全市汇总或更正版",
)
async def publish_report_summary(
    period_id: uuid.UUID,
    body: SummaryPublish,
    principal: Reviewer,
    session: SessionDep,
    precondition: IfMatchVersion,
) -> SummaryVersionRead:
    """发布: the draft's analysis and the table as the accepted reports stand now become
    version 1, frozen (later corrections of reports do not change it), and the units, leaders
    and supervisors are told. Once published, 409 `summary_published` unless a `reason` is
    given: then a correction (更正版) is the next version. `If-Match` carries the draft's
    version."""
    row = await summary.publish(session, principal, period_id, body, precondition)
    return summary.version_read(row)


VersionNumber = Annotated[QueryInt, Path(ge=1, le=100_000, description="汇总版本号")]


@periods_router.get(
    "/{period_id:uuid}/summary/versions/{version:int}/docx",
    response_class=Response,
    responses={
        200: {"content": {DOCX_MEDIA_TYPE: {}}},
        403: {"model": Problem},
        404: {"model": Problem},
    },
    summary="下载全市汇总（Word）",
)
async def download_report_summary_docx(
    period_id: uuid.UUID,
    version: VersionNumber,
    principal: Person,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """One published version in the 公文 layout of the bureau's letters: title, period, the
    table, who has not reported, the analysis, issuer and date."""
    period, row = await summary.version(session, principal, period_id, version)
    data = summary_docs.render_docx(settings.letter_issuer, row)
    name = summary_docs.file_name(periods.label(period), row.version, "docx")
    return files.download(data, DOCX_MEDIA_TYPE, name, f"summary-v{row.version}.docx")


@periods_router.get(
    "/{period_id:uuid}/summary/versions/{version:int}/xlsx",
    response_class=Response,
    responses={
        200: {"content": {XLSX_MEDIA_TYPE: {}}},
        403: {"model": Problem},
        404: {"model": Problem},
    },
    summary="下载全市汇总（Excel）",
)
async def download_report_summary_xlsx(
    period_id: uuid.UUID, version: VersionNumber, principal: Person, session: SessionDep
) -> Response:
    """One published version as a workbook: the table with Chinese headers naming each
    figure's unit (万元 / 个), and a sheet with the units missing and the analysis."""
    period, row = await summary.version(session, principal, period_id, version)
    data = summary_docs.render_xlsx(row)
    name = summary_docs.file_name(periods.label(period), row.version, "xlsx")
    return files.download(data, XLSX_MEDIA_TYPE, name, f"summary-v{row.version}.xlsx")


@router.get("", response_model=Page[ReportSummary], summary="月报季报列表")
async def list_reports(
    principal: Reader,
    session: SessionDep,
    params: Params,
    filters: Annotated[ReportFilter, query_model(ReportFilter)],
) -> Page[ReportSummary]:
    """Districts and parks see their own unit's reports; the coordinator, supervisors, leaders
    and viewers every unit's. `overdue=true`: never submitted and past the deadline;
    `late=true`: first submitted after it."""
    items, cursor, total = await reads.list_reports(session, principal, params, filters)
    return Page[ReportSummary](items=items, next_cursor=cursor, total=total)


@router.get("/{report_id:uuid}", response_model=ReportRead, responses=ERRORS, summary="报表详情")
async def read_report(
    report_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> ReportRead:
    report = await reads.read(session, principal, report_id)
    set_etag(response, report.version)
    return report


@router.patch("/{report_id:uuid}", response_model=ReportRead, responses=ERRORS, summary="填报")
async def update_report(
    report_id: uuid.UUID,
    body: ReportUpdate,
    principal: Submitter,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> ReportRead:
    """The narrative sections and corrections of figures (a corrected value needs a reason;
    null withdraws the correction), with `If-Match`, while the report is a draft or returned.
    Submitted: 409 `report_submitted`; accepted: 409 `report_frozen`."""
    report = await service.update(session, principal, report_id, body, precondition)
    set_etag(response, report.version)
    return await reads.read(session, principal, report.id)


@router.post(
    "/{report_id:uuid}/refresh",
    response_model=ReportRead,
    responses=ERRORS,
    summary="重新计算指标",
)
async def refresh_report(
    report_id: uuid.UUID,
    principal: Submitter,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> ReportRead:
    """Computes the figures and the major-projects table again from the data as it stands,
    with `If-Match`, while the report is a draft or returned; corrections stay."""
    report = await service.refresh(session, principal, report_id, precondition)
    set_etag(response, report.version)
    return await reads.read(session, principal, report.id)


@router.post(
    "/{report_id:uuid}/transitions",
    response_model=ReportRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="报送、退回或通过",
)
async def transition_report(
    report_id: uuid.UUID,
    body: ReportTransition,
    principal: Person,
    session: SessionDep,
    response: Response,
) -> ReportRead:
    """`submitted` by the unit's officers (from draft or returned; the figures are fixed from
    then on), `returned` with a reason or `accepted` by the coordinator (from submitted). An
    accepted report is frozen."""
    report = await service.transition(session, principal, report_id, body)
    set_etag(response, report.version)
    return await reads.read(session, principal, report.id)
