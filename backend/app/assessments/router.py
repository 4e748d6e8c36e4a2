"""年度考核: the 考核方案 (its items, weights and grade thresholds, revisions) and the districts'
and parks' annual targets."""

import uuid
from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from app.assessments import (
    catalog,
    documents,
    objections,
    preview,
    rewards,
    rounds,
    schemes,
    self_reports,
    targets,
    targets_excel,
)
from app.assessments.schemas import (
    AwardAdjust,
    AwardRead,
    AwardsRead,
    ComputationRead,
    HandScore,
    NominationCreate,
    NominationRead,
    NominationTransition,
    ObjectionCreate,
    ObjectionRead,
    ObjectionTransition,
    ResultBase,
    ResultRead,
    RewardRuleRead,
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
    SelfReportBase,
    SelfReportRead,
    SelfReportWrite,
    TargetImportResult,
    TargetRead,
    TargetWrite,
)
from app.attachments import service as attachments
from app.attachments.router import attachment_router
from app.attachments.schemas import AttachmentRead
from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import files, xlsx
from app.core.concurrency import IfMatchVersion, set_etag
from app.core.errors import AppError, Conflict, NotFound, Problem
from app.core.idempotency import IdempotentRoute
from app.core.official_docx import DOCX_MEDIA_TYPE
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import SHANGHAI
from app.models import (
    AssessmentResult,
    AssessmentRound,
    AssessmentScheme,
    AssessmentSelfReport,
    SelfReportEvidence,
)
from app.models.enums import AssessmentGroup, AssessmentRoundState, AwardKind, ObjectionState

router = APIRouter(prefix="/assessment", tags=["assessment"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Editor = Annotated[Principal, Depends(require(Permission.assessments_write, people_only=True))]


# Self-reports and objections: people, each the officer of the unit concerned (checked there).
Person = Annotated[Principal, Depends(require(Permission.reports_read, people_only=True))]
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
        reward=RewardRuleRead.model_validate(schemes.reward_of(scheme).model_dump()),
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


def _report_read(
    report: AssessmentSelfReport, files: Iterable[SelfReportEvidence]
) -> SelfReportRead:
    """A self-report with its evidence, picked from `files`."""
    return SelfReportRead(
        **SelfReportBase.model_validate(report).model_dump(),
        evidence=[
            AttachmentRead.of(f, self_reports.EVIDENCE.url_of(f))
            for f in files
            if f.self_report_id == report.id
        ],
    )


async def _sheets(
    session: AsyncSession,
    principal: Principal,
    found: AssessmentRound,
    results: list[AssessmentResult],
) -> list[ResultRead]:
    """Sheets with the self-reports and objections the caller may read (office: all; a unit:
    its own)."""
    noted = {r.unit_id for r in results if rounds.sees_notes_of(principal, r.unit_id)}
    reports, files = await self_reports.of_round(session, found.id, noted)
    raised = await objections.of_round(session, found.id, noted)
    return [
        ResultRead(
            **ResultBase.model_validate(r).model_dump(),
            self_reports=[_report_read(s, files) for s in reports if s.result_id == r.id],
            objections=[ObjectionRead.model_validate(o) for o in raised if o.result_id == r.id],
        )
        for r in results
    ]


async def _round(session: AsyncSession, principal: Principal, found: AssessmentRound) -> RoundRead:
    results = await rounds.visible_results(session, principal, found)
    return RoundRead(
        **RoundSummary.model_validate(found).model_dump(),
        results=await _sheets(session, principal, found, results),
    )


@router.get("/rounds", response_model=list[RoundSummary], summary="年度考核列表")
async def list_rounds(
    principal: Reader,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> list[RoundSummary]:
    """Newest year first. Before confirmation a round is listed to the assessment office and
    to the units it assesses only."""
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
    tickets do not change it. Hand-scored items start unscored; every assessed unit is notified
    to self-report."""
    opened = await rounds.open_round(session, principal, body)
    response.headers["Location"] = f"/api/v1/assessment/rounds/{opened.id}"
    return await _round(session, principal, opened)


@router.get(
    "/rounds/{round_id:uuid}", response_model=RoundRead, responses=ERRORS, summary="年度考核详情"
)
async def read_round(round_id: uuid.UUID, principal: Reader, session: SessionDep) -> RoundRead:
    """Every unit's sheet, by rank, once confirmed. Before that the office reads every sheet
    and an assessed unit its own (404 to everyone else). Self-reports and objections are the
    office's and the unit's own."""
    return await _round(session, principal, await rounds.load(session, principal, round_id))


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
    sheet while the round is open, with `If-Match` of that sheet: at most the item's weight or
    cap (422 `too_high`); computed items cannot be scored by hand (409 `computed_item`); after
    公示 a score changes only by answering an objection (409 `round_publicized`). The total,
    grade and the group's ranks follow."""
    result = await rounds.score(session, principal, round_id, unit_id, item_id, body, precondition)
    set_etag(response, result.version)
    found = await rounds.load(session, principal, round_id)
    return (await _sheets(session, principal, found, [result]))[0]


@router.put(
    "/rounds/{round_id:uuid}/results/{unit_id:uuid}/items/{item_id:uuid}/self-report",
    response_model=SelfReportRead,
    responses={403: {"model": Problem}, **ERRORS},
    summary="填报自评",
)
async def put_self_report(
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: SelfReportWrite,
    principal: Person,
    session: SessionDep,
    response: Response,
    precondition: IfMatchVersion,
) -> SelfReportRead:
    """A unit's self-report on a hand-scored item of its own sheet while the round is open
    (409 `self_report_closed` after 公示): the points it claims (at most the item's weight, 422
    `too_high`) and what it did. `If-Match: "0"` for the first, then the self-report's version.
    Only the unit's own officers (403 `own_unit_only`). Evidence goes to
    `/assessment/self-reports/{id}/attachments`."""
    report = await self_reports.put(
        session, principal, round_id, unit_id, item_id, body, precondition
    )
    set_etag(response, report.version)
    files = await attachments.list_for(session, principal, self_reports.EVIDENCE, report.id)
    return _report_read(report, files)


@router.post(
    "/rounds/{round_id:uuid}/results/{unit_id:uuid}/items/{item_id:uuid}/objections",
    response_model=ObjectionRead,
    status_code=status.HTTP_201_CREATED,
    responses={403: {"model": Problem}, **ERRORS},
    summary="提出申诉",
)
async def raise_objection(
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: ObjectionCreate,
    principal: Person,
    session: SessionDep,
    response: Response,
) -> ObjectionRead:
    """A unit's objection to one item of its own publicised sheet, computed or scored by hand,
    until the window's last day (`objection_due`; 409 `not_publicized`,
    `objection_window_closed`); one per item (409 `objection_exists`). Only the unit's own
    officers (403 `own_unit_only`). The coordinators are notified."""
    objection = await objections.raise_objection(
        session, principal, round_id, unit_id, item_id, body
    )
    response.headers["Location"] = f"/api/v1/assessment/objections/{objection.id}"
    return ObjectionRead.model_validate(objection)


@router.get("/objections", response_model=list[ObjectionRead], summary="申诉列表")
async def list_objections(
    principal: Reader,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
    state: Annotated[ObjectionState | None, Query(description="状态")] = None,
) -> list[ObjectionRead]:
    """Oldest first: the office's queue (`state=pending`) of every unit's objections, or a
    unit's own."""
    found = await objections.list_objections(session, principal, year=year, state=state)
    return [ObjectionRead.model_validate(o) for o in found]


@router.post(
    "/objections/{objection_id:uuid}/transitions",
    response_model=ObjectionRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="答复申诉",
)
async def answer_objection(
    objection_id: uuid.UUID, body: ObjectionTransition, principal: Editor, session: SessionDep
) -> ObjectionRead:
    """`pending` → `accepted` with the item's new `score` (422 `score_unchanged` when it is the
    same; the unit's total, grade and the group's ranks follow) or `rejected`, each with the
    answer as its reason. An answer is final (the database refuses changes); the unit is
    notified."""
    return ObjectionRead.model_validate(
        await objections.answer(session, principal, objection_id, body)
    )


@router.post(
    "/rounds/{round_id:uuid}/results/{unit_id:uuid}/nominations",
    response_model=NominationRead,
    status_code=status.HTTP_201_CREATED,
    responses={403: {"model": Problem}, **ERRORS},
    summary="提名先进个人",
)
async def nominate(
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    body: NominationCreate,
    principal: Person,
    session: SessionDep,
    response: Response,
) -> NominationRead:
    """A unit's nominee for the individual share of the reward, with what they did, before
    the round is confirmed (409 `round_final`). Only the unit's own officers (403
    `own_unit_only`); the office approves or rejects it."""
    made = await rewards.nominate(session, principal, round_id, unit_id, body)
    response.headers["Location"] = f"/api/v1/assessment/nominations/{made.id}"
    return NominationRead.model_validate(made)


@router.get(
    "/rounds/{round_id:uuid}/nominations",
    response_model=list[NominationRead],
    responses=ERRORS,
    summary="先进个人提名列表",
)
async def list_nominations(
    round_id: uuid.UUID, principal: Reader, session: SessionDep
) -> list[NominationRead]:
    """Oldest first: every unit's to the office, a unit's own to the unit."""
    found = await rewards.nominations(session, principal, round_id)
    return [NominationRead.model_validate(n) for n in found]


@router.post(
    "/nominations/{nomination_id:uuid}/transitions",
    response_model=NominationRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="审核先进个人提名",
)
async def answer_nomination(
    nomination_id: uuid.UUID, body: NominationTransition, principal: Editor, session: SessionDep
) -> NominationRead:
    """`pending` → `approved` or `rejected`, with the office's opinion. A reward split already
    generated is discarded (it must be generated again)."""
    return NominationRead.model_validate(
        await rewards.answer_nomination(session, principal, nomination_id, body)
    )


async def _awards(session: AsyncSession, found: AssessmentRound) -> AwardsRead:
    scheme = await session.get(AssessmentScheme, found.scheme_id)
    assert scheme is not None
    items = await rewards.awards_of(session, found.id)
    individuals = sum(1 for a in items if a.kind == AwardKind.individual.value)
    unit_pool, individual_pool = rewards.pools(
        scheme.reward_fund, scheme.individual_percent, individuals
    )
    return AwardsRead(
        round_id=found.id,
        fund=scheme.reward_fund,
        unit_pool=unit_pool,
        individual_pool=individual_pool,
        paid=sum(a.amount for a in items),
        items=[AwardRead.model_validate(a) for a in items],
    )


@router.get(
    "/rounds/{round_id:uuid}/awards",
    response_model=AwardsRead,
    responses=ERRORS,
    summary="奖励分配",
)
async def read_awards(round_id: uuid.UUID, principal: Reader, session: SessionDep) -> AwardsRead:
    """The round's reward split: to the office while it is prepared, to everyone once the
    round is confirmed (404 otherwise)."""
    found = await rounds.load(session, principal, round_id)
    if not rounds.sees_every_sheet(principal, found):
        raise NotFound("年度考核不存在")
    return await _awards(session, found)


@router.post(
    "/rounds/{round_id:uuid}/awards",
    response_model=AwardsRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="生成奖励分配",
)
async def generate_awards(
    round_id: uuid.UUID, principal: Editor, session: SessionDep
) -> AwardsRead:
    """Splits the scheme's fund on the publicised scores (409 `not_publicized` before 公示),
    once every objection and nomination is answered (422 `objections_pending`,
    `nominations_pending`): the individuals' percentage equally among approved nominees (none
    approved: all to units), the rest among units by grade factor × total score, each part in
    whole yuan by the largest-remainder method so the parts add up to the fund. Replaces any
    earlier split, adjustments included."""
    await rewards.generate(session, principal, round_id)
    return await _awards(session, await rounds.load(session, principal, round_id))


@router.put(
    "/rounds/{round_id:uuid}/awards",
    response_model=AwardsRead,
    responses=ERRORS,
    summary="调整奖励分配",
)
async def adjust_awards(
    round_id: uuid.UUID, body: AwardAdjust, principal: Editor, session: SessionDep
) -> AwardsRead:
    """Sets some parts' amounts with the reason; the total paid must stay the same (422
    `total_changed`). Until the round is confirmed (409 `round_final`)."""
    await rewards.adjust(session, principal, round_id, body)
    return await _awards(session, await rounds.load(session, principal, round_id))


@router.post(
    "/rounds/{round_id:uuid}/transitions",
    response_model=RoundRead,
    status_code=status.HTTP_201_CREATED,
    responses={403: {"model": Problem}, **ERRORS},
    summary="公示或确认年度考核结果",
)
async def transition_round(
    round_id: uuid.UUID,
    body: RoundTransition,
    principal: Editor,
    session: SessionDep,
    settings: SettingsDep,
) -> RoundRead:
    """`open` → `objection` (公示) once every hand item of every unit is scored (422
    `unscored_items`): each unit may object until `objection_due`, the N-th working day after
    today (`ASSESSMENT_OBJECTION_DAYS`, default 5). `objection` → `final` (确认) by the
    supervisor only (403 `supervisor_only`), after that day (422 `objection_window_open`) and
    with every objection answered (422 `objections_pending`) and, when the scheme has a fund,
    the reward split generated on the current scores (422 `awards_missing`). The round, its
    results and the split are then frozen (the database refuses changes) and every unit can
    read them. Each step notifies
    the assessed units."""
    moved = await rounds.transition(session, settings, principal, round_id, body)
    return await _round(session, principal, moved)


async def _confirmed(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID
) -> tuple[AssessmentRound, list[ResultRead], AwardsRead]:
    found = await rounds.load(session, principal, round_id)
    if not rounds.sees_every_sheet(principal, found):
        raise NotFound("年度考核不存在")
    results = await _sheets(session, principal, found, await rounds.results_of(session, found.id))
    return found, results, await _awards(session, found)


@router.get(
    "/rounds/{round_id:uuid}/docx",
    response_class=Response,
    responses={
        200: {"content": {DOCX_MEDIA_TYPE: {}}},
        404: {"model": Problem},
        409: {"model": Problem},
    },
    summary="下载年度考核通报（Word）",
)
async def download_round_docx(
    round_id: uuid.UUID, principal: Reader, session: SessionDep, settings: SettingsDep
) -> Response:
    """The confirmed round as the 年度考核通报 in the layout of the bureau's letters: the
    ranking with grades, 表扬 (优秀 units, approved 先进个人), 通报批评 (不合格 units) and the
    reward table. 409 `round_not_final` before confirmation."""
    found, results, awards = await _confirmed(session, principal, round_id)
    if found.state != AssessmentRoundState.final.value or found.finalized_at is None:
        raise Conflict("考核结果确认后才能下载通报", code="round_not_final")
    scheme = await session.get(AssessmentScheme, found.scheme_id)
    assert scheme is not None
    group = AssessmentGroup(found.unit_group)
    data = documents.render_docx(
        year=found.year,
        group=group,
        scheme_title=scheme.title,
        results=results,
        awards=awards,
        praised_people=[
            f"{a.person_name}（{a.unit_name}）" for a in awards.items if a.person_name is not None
        ],
        issuer=settings.letter_issuer,
        issued_on=found.finalized_at.astimezone(SHANGHAI).date(),
    )
    # A file name cannot hold the label's "/".
    name = f"{found.year}年度{group.label.replace('/', '、')}招商引资工作考核结果通报.docx"
    fallback = f"assessment-{found.year}-{group.value}.docx"
    return files.download(data, DOCX_MEDIA_TYPE, name, fallback)


@router.get(
    "/rounds/{round_id:uuid}/xlsx",
    response_class=Response,
    responses=xlsx.responses("考核得分和奖励分配（.xlsx）"),
    summary="导出年度考核得分（Excel）",
)
async def export_round_xlsx(
    round_id: uuid.UUID, principal: Reader, session: SessionDep
) -> Response:
    """Every unit's every item (value and points), total, grade and rank on one sheet, the
    reward split on another. The office any time; everyone once confirmed (404 before)."""
    found, results, awards = await _confirmed(session, principal, round_id)
    group = AssessmentGroup(found.unit_group)
    return xlsx.download(
        documents.render_xlsx(results, awards),
        f"{found.year}年度{group.label.replace('/', '、')}考核得分",
        f"assessment-{found.year}-{group.value}",
    )


router.include_router(
    attachment_router(
        self_reports.EVIDENCE,
        reader=require(Permission.reports_read),
        uploader=require(Permission.reports_read, people_only=True),
    ),
    prefix="/self-reports",
)
