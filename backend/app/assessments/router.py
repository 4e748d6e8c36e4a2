"""年度考核: the 考核方案 (its items, weights and grade thresholds, revisions) and the districts'
and parks' annual targets."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.assessments import catalog, preview, rounds, schemes, targets, targets_excel
from app.assessments.schemas import (
    ComputationRead,
    HandScore,
    ResultRead,
    RoundCreate,
    RoundRead,
    RoundSummary,
    RoundTransition,
    SchemeCreate,
    SchemeItemRead,
    SchemePreview,
    SchemeRead,
    SchemeRevise,
    SchemeSummary,
    SchemeTransition,
    SchemeUpdate,
    TargetImportResult,
    TargetRead,
    TargetWrite,
)
from app.auth.dependencies import SessionDep, require
from app.core import xlsx
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import AppError, Forbidden, Problem
from app.core.idempotency import IdempotentRoute
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import AssessmentRound, AssessmentScheme
from app.models.enums import AssessmentGroup, Role

router = APIRouter(prefix="/assessment", tags=["assessment"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Editor = Annotated[Principal, Depends(require(Permission.assessments_write, people_only=True))]


async def _supervisor(principal: Editor) -> Principal:
    if principal.role != Role.supervisor:
        raise Forbidden("考核结果须由督查督办确认", code="supervisor_only")
    return principal


Supervisor = Annotated[Principal, Depends(_supervisor)]
ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": Problem},
    409: {"model": Problem},
    412: {"model": Problem},
    422: {"model": Problem},
    428: {"model": Problem},
}


def _summary(scheme: AssessmentScheme, current: set[uuid.UUID]) -> SchemeSummary:
    return SchemeSummary.model_validate({**scheme.model_dump(), "is_current": scheme.id in current})


async def _read(session: AsyncSession, scheme: AssessmentScheme) -> SchemeRead:
    items = await schemes.items_of(session, scheme.id)
    group = AssessmentGroup(scheme.unit_group)
    current = await schemes.current_ids(session)
    return SchemeRead(
        **_summary(scheme, current).model_dump(),
        excellent_min=scheme.excellent_min,
        good_min=scheme.good_min,
        pass_min=scheme.pass_min,
        total_weight=schemes.total_weight(items),
        items=[
            SchemeItemRead(
                **i.model_dump(),
                definition=c.definition if i.key and (c := catalog.find(group, i.key)) else "",
            )
            for i in items
        ],
    )


@router.get("/computations", response_model=list[ComputationRead], summary="可系统计算的考核指标")
async def list_computations(principal: Reader) -> list[ComputationRead]:
    """What a scheme's computed items and per-occurrence deductions can be, per unit group,
    with the definition and scoring method each states."""
    return [
        ComputationRead(
            key=c.key,
            unit_group=c.group,
            kind=c.kind,
            method=c.method.value,
            label=c.label,
            definition=c.definition,
        )
        for c in catalog.COMPUTATIONS
    ]


@router.get("/schemes", response_model=list[SchemeSummary], summary="考核方案列表")
async def list_schemes(
    principal: Reader,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> list[SchemeSummary]:
    """Newest year first, every revision; `is_current` marks each year's scheme in force per
    unit group. Drafts are listed only to those who write schemes."""
    found = await schemes.list_schemes(session, principal, year)
    current = await schemes.current_ids(session)
    return [_summary(s, current) for s in found]


@router.post(
    "/schemes",
    response_model=SchemeRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="新建考核方案",
)
async def create_scheme(
    body: SchemeCreate, principal: Editor, session: SessionDep, response: Response
) -> SchemeRead:
    """A draft (revision 1) for the year and unit group. Without `items` it starts from last
    year's published scheme for the group, or the bureau's default one. One per year and group
    (409 `scheme_exists`); change a published one through `/revisions`."""
    scheme = await schemes.create(session, principal, body)
    response.headers["Location"] = f"/api/v1/assessment/schemes/{scheme.id}"
    set_etag(response, scheme.version)
    return await _read(session, scheme)


@router.get(
    "/schemes/{scheme_id:uuid}", response_model=SchemeRead, responses=ERRORS, summary="考核方案详情"
)
async def read_scheme(
    scheme_id: uuid.UUID, principal: Reader, session: SessionDep, response: Response
) -> SchemeRead:
    scheme = await schemes.load(session, principal, scheme_id)
    set_etag(response, scheme.version)
    return await _read(session, scheme)


@router.get(
    "/schemes/{scheme_id:uuid}/preview",
    response_model=SchemePreview,
    responses=ERRORS,
    summary="考核得分实时预览",
)
async def preview_scheme(
    scheme_id: uuid.UUID, principal: Editor, session: SessionDep
) -> SchemePreview:
    """Every unit of the scheme's group scored on today's records: each computed item's value,
    score and the records behind it (`codes`, `list_query`), hand-scored items still to score
    (`score` null, counted as 0), the total, grade and rank. For the assessment office only:
    before publication a unit sees no other unit's detail. Nothing is stored."""
    scheme = await schemes.load(session, principal, scheme_id)
    return await preview.preview(session, principal, scheme)


@router.patch(
    "/schemes/{scheme_id:uuid}", response_model=SchemeRead, responses=ERRORS, summary="修改考核方案"
)
async def update_scheme(
    scheme_id: uuid.UUID,
    body: SchemeUpdate,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> SchemeRead:
    """A draft's title, grade thresholds or items (`items` replaces them all), with `If-Match`.
    Each item's shape is checked here (422 with the item's position); the weights' sum when
    it is published. A published scheme answers 409 `scheme_published`."""
    scheme = await schemes.update(session, principal, scheme_id, body, precondition)
    set_etag(response, scheme.version)
    return await _read(session, scheme)


@router.post(
    "/schemes/{scheme_id:uuid}/transitions",
    response_model=SchemeRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="发布考核方案",
)
async def transition_scheme(
    scheme_id: uuid.UUID,
    body: SchemeTransition,
    principal: Editor,
    session: SessionDep,
    response: Response,
) -> SchemeRead:
    """`draft` → `published` (发布): the computed and hand-scored items must add up to 100
    points (422 `weights_not_100`). Published, the scheme and its items are frozen (the database
    refuses changes); it becomes the year's scheme for its group."""
    scheme = await schemes.transition(session, principal, scheme_id, body)
    set_etag(response, scheme.version)
    return await _read(session, scheme)


@router.post(
    "/schemes/{scheme_id:uuid}/revisions",
    response_model=SchemeRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="修订考核方案",
)
async def revise_scheme(
    scheme_id: uuid.UUID,
    body: SchemeRevise,
    principal: Editor,
    session: SessionDep,
    response: Response,
) -> SchemeRead:
    """A new draft revision of the year's current scheme, a copy of it, with the reason for
    the change (409 `not_current` for an older revision or a draft, `revision_exists` when a
    revision already awaits publication). The current one stays in force until the revision is
    published."""
    draft = await schemes.revise(session, principal, scheme_id, body)
    response.headers["Location"] = f"/api/v1/assessment/schemes/{draft.id}"
    set_etag(response, draft.version)
    return await _read(session, draft)


@router.get("/targets", response_model=list[TargetRead], summary="年度目标任务")
async def list_targets(
    principal: Reader,
    session: SessionDep,
    year: Annotated[int, Query(ge=2000, le=2100, description="年度")],
) -> list[TargetRead]:
    """Every active district and park with its targets for the year (null where not set)."""
    return await targets.list_targets(session, year)


@router.put(
    "/targets/{year}/{unit_id:uuid}",
    response_model=TargetRead,
    responses=ERRORS,
    summary="设定单位年度目标",
)
async def put_target(
    year: Annotated[int, Path(ge=2000, le=2100, description="年度")],
    unit_id: uuid.UUID,
    body: TargetWrite,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> TargetRead:
    """A district's or park's targets for the year, with `If-Match`: the version read, or
    `"0"` while none are set (412 when someone set or changed them since)."""
    target = await targets.put(session, principal, year, unit_id, body, precondition)
    set_etag(response, target.version or 1)
    return target


TargetYear = Annotated[int, Path(ge=2000, le=2100, description="年度")]


@router.get(
    "/targets/{year}/xlsx",
    response_class=Response,
    responses=xlsx.responses("年度目标任务（.xlsx），也是导入模板"),
    summary="导出年度目标任务",
)
async def export_targets(year: TargetYear, principal: Reader, session: SessionDep) -> Response:
    """Every active district and park with its targets for the year (blank where not set):
    fill it in and import it back."""
    content = await targets_excel.workbook(session, year)
    return xlsx.download(content, f"{year}年度目标任务", f"targets-{year}")


@router.post(
    "/targets/{year}/imports",
    response_model=TargetImportResult,
    responses={403: {"model": Problem}, 413: {"model": Problem}, 422: {"model": Problem}},
    summary="从 Excel 导入年度目标任务",
)
async def import_targets(
    year: TargetYear,
    principal: Editor,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="导出的年度目标表填写后的 .xlsx（不超过 1 MB）")],
) -> TargetImportResult:
    """Sets the targets of every unit named in the sheet (by name or code), all or nothing: a
    wrong row answers 422 `import_invalid` with every error in `rows` ({row, column,
    message}). Units not in the sheet keep their targets; each change is in the audit log."""
    data = await file.read(targets_excel.MAX_UPLOAD_BYTES + 1)
    if len(data) > targets_excel.MAX_UPLOAD_BYTES:
        raise AppError("文件超过 1 MB", code="file_too_large", status=413)
    imported = await targets_excel.import_targets(session, principal, year, data, file.filename)
    return TargetImportResult(imported=imported)


async def _round(session: AsyncSession, found: AssessmentRound) -> RoundRead:
    results = await rounds.results_of(session, found.id)
    return RoundRead(
        **RoundSummary.model_validate(found).model_dump(),
        results=[ResultRead.model_validate(r) for r in results],
    )


@router.get("/rounds", response_model=list[RoundSummary], summary="年度考核列表")
async def list_rounds(
    principal: Reader,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> list[RoundSummary]:
    """Newest year first. Rounds still being scored are listed to the assessment office only."""
    found = await rounds.list_rounds(session, principal, year)
    return [RoundSummary.model_validate(r) for r in found]


@router.post(
    "/rounds",
    response_model=RoundRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="开启年度考核",
)
async def open_round(
    body: RoundCreate, principal: Editor, session: SessionDep, response: Response
) -> RoundRead:
    """Takes the snapshot under the year's current scheme (409 `not_current` for another
    revision, `round_exists` when the year's group is already being assessed): every unit's
    computed values with the records behind them, as of today; later edits of projects or
    tickets do not change it. Hand-scored items start unscored."""
    opened = await rounds.open_round(session, principal, body)
    response.headers["Location"] = f"/api/v1/assessment/rounds/{opened.id}"
    return await _round(session, opened)


@router.get(
    "/rounds/{round_id:uuid}", response_model=RoundRead, responses=ERRORS, summary="年度考核详情"
)
async def read_round(round_id: uuid.UUID, principal: Reader, session: SessionDep) -> RoundRead:
    """Every unit's sheet, by rank. Before the supervisor confirms it, the office only (404 to
    others)."""
    return await _round(session, await rounds.load(session, principal, round_id))


@router.put(
    "/rounds/{round_id:uuid}/results/{unit_id:uuid}/items/{item_id:uuid}",
    response_model=ResultRead,
    responses=ERRORS,
    summary="人工评分",
)
async def score_item(
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: HandScore,
    principal: Editor,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> ResultRead:
    """A hand-scored item's points (a bonus's, a manual deduction's) with a note, on one unit's
    sheet, with `If-Match` of that sheet: at most the item's weight or cap (422 `too_high`);
    computed items cannot be scored by hand (409 `computed_item`). The total, grade and the
    group's ranks follow."""
    result = await rounds.score(session, principal, round_id, unit_id, item_id, body, precondition)
    set_etag(response, result.version)
    return ResultRead.model_validate(result)


@router.post(
    "/rounds/{round_id:uuid}/transitions",
    response_model=RoundRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="确认年度考核结果",
)
async def transition_round(
    round_id: uuid.UUID, body: RoundTransition, principal: Supervisor, session: SessionDep
) -> RoundRead:
    """`open` → `final` (确认), by the supervisor only (403 `supervisor_only`), once every hand
    item of every unit is scored (422 `unscored_items`). The round and its results are then
    frozen (the database refuses changes) and every unit can read them."""
    return await _round(session, await rounds.transition(session, principal, round_id, body))
