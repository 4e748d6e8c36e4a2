"""The bureau's city summary (全市汇总) of a month or quarter.

All units' accepted figures side by side, their totals, the change against the previous period
(last month / last quarter) and the same period last year — from those periods' accepted
figures, 无数据 where there are none — and the units whose report is not accepted yet.

The coordinator writes the analysis text in a draft (`If-Match` on the draft's version);
发布 freezes the draft's text and the table as it stands into version 1. A correction (更正版)
is a new version with its reason; no version ever changes (409 here, database triggers below).
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.briefs import UnitBrief
from app.core.concurrency import Precondition
from app.core.errors import Conflict, Forbidden, NotFound, field_error
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import ReportPeriod, ReportSummaryDraft, ReportSummaryVersion, Unit, UnitReport
from app.models.enums import ReportFigureKey, ReportKind, ReportState
from app.reports import figures, periods, reads, scope, service
from app.reports.events import SummaryPublished
from app.reports.summary_schemas import (
    MissingUnit,
    SummaryAnalysisUpdate,
    SummaryColumn,
    SummaryComparison,
    SummaryContent,
    SummaryPublish,
    SummaryRead,
    SummaryRow,
    SummaryVersionRead,
)

K = ReportFigureKey
MISSING_STATUS = {
    None: "未报送",
    ReportState.draft: "未报送",
    ReportState.submitted: "待审核",
    ReportState.returned: "已退回",
}
PERCENT = Decimal("0.1")


def _previous(period: ReportPeriod) -> tuple[int, int]:
    if period.number > 1:
        return period.year, period.number - 1
    return period.year - 1, 4 if period.kind == ReportKind.quarter.value else 12


def _label(kind: ReportKind, year: int, number: int) -> str:
    return f"{year}年第{number}季度" if kind == ReportKind.quarter else f"{year}年{number}月"


def _sum(by_unit: dict[uuid.UUID, dict[str, Decimal]]) -> dict[K, Decimal]:
    totals = {k: Decimal(0) for k in K}
    for values in by_unit.values():
        for key, value in values.items():
            totals[K(key)] += value
    return totals


async def _comparison(
    session: AsyncSession,
    label: str,
    kind: ReportKind,
    year: int,
    number: int,
    totals: dict[K, Decimal],
) -> SummaryComparison:
    other = await periods.find(session, kind, year, number)
    by_unit = await service.accepted_figures(session, other.id) if other is not None else {}
    base = dict(
        label=label,
        period_id=other.id if other is not None else None,
        period_label=_label(kind, year, number),
        reports=len(by_unit),
    )
    if not by_unit:
        return SummaryComparison(**base, available=False, totals=None, change=None, rate=None)
    theirs = _sum(by_unit)
    change = {k: totals[k] - theirs[k] for k in K}
    rate = {
        k: (change[k] * 100 / theirs[k]).quantize(PERCENT, ROUND_HALF_UP) if theirs[k] else None
        for k in K
    }
    return SummaryComparison(**base, available=True, totals=theirs, change=change, rate=rate)


async def compute(session: AsyncSession, period: ReportPeriod) -> SummaryContent:
    """The summary as the accepted reports stand now."""
    reports = {
        r.unit_id: r
        for r in (
            await session.execute(select(UnitReport).where(col(UnitReport.period_id) == period.id))
        ).scalars()
    }
    stmt = (
        select(Unit)
        .where(
            (col(Unit.kind).in_(periods.REPORTING_KINDS) & col(Unit.is_active))
            | col(Unit.id).in_(list(reports))
        )
        .order_by(col(Unit.code))
    )
    units = (await session.execute(stmt)).scalars().all()
    accepted = await service.accepted_figures(session, period.id)
    rows: list[SummaryRow] = []
    missing: list[MissingUnit] = []
    for unit in units:
        report = reports.get(unit.id)
        state = ReportState(report.state) if report is not None else None
        brief = UnitBrief(id=unit.id, name=unit.name)
        values = accepted.get(unit.id)
        rows.append(
            SummaryRow(
                unit=brief,
                state=state,
                figures={K(k): v for k, v in values.items()} if values is not None else None,
            )
        )
        if state != ReportState.accepted:
            missing.append(MissingUnit(unit=brief, state=state, status=MISSING_STATUS[state]))
    totals = _sum(accepted)
    kind = ReportKind(period.kind)
    year, number = _previous(period)
    return SummaryContent(
        period_label=periods.label(period),
        date_from=period.date_from,
        date_to=period.date_to,
        columns=[SummaryColumn(key=k, label=k.label, unit=figures.unit_of(k)) for k in K],
        rows=rows,
        totals=totals,
        expected=len(rows),
        accepted=len(accepted),
        previous=await _comparison(
            session, "上季度" if kind == ReportKind.quarter else "上月", kind, year, number, totals
        ),
        last_year=await _comparison(
            session, "去年同期", kind, period.year - 1, period.number, totals
        ),
        missing=missing,
    )


def _reads_live(principal: Principal) -> bool:
    return scope.reads_all(principal)


async def _period(session: AsyncSession, period_id: uuid.UUID) -> ReportPeriod:
    period = await session.get(ReportPeriod, period_id)
    if period is None:
        raise NotFound("报表期不存在")
    return period


async def _draft(session: AsyncSession, period_id: uuid.UUID) -> ReportSummaryDraft | None:
    stmt = select(ReportSummaryDraft).where(col(ReportSummaryDraft.period_id) == period_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def _versions(session: AsyncSession, period_id: uuid.UUID) -> list[ReportSummaryVersion]:
    stmt = (
        select(ReportSummaryVersion)
        .where(col(ReportSummaryVersion.period_id) == period_id)
        .order_by(col(ReportSummaryVersion.version).desc())
    )
    return list((await session.execute(stmt)).scalars())


def version_read(row: ReportSummaryVersion) -> SummaryVersionRead:
    base = f"/api/v1/report-periods/{row.period_id}/summary/versions/{row.version}"
    return SummaryVersionRead(
        version=row.version,
        analysis=row.analysis,
        reason=row.reason,
        published_by_name=row.published_by_name,
        published_at=row.published_at,
        content=SummaryContent.model_validate(row.content),
        docx_url=f"{base}/docx",
        xlsx_url=f"{base}/xlsx",
    )


async def _readable(
    session: AsyncSession, principal: Principal, period_id: uuid.UUID
) -> tuple[ReportPeriod, list[ReportSummaryVersion]]:
    """The coordinator, supervisors, leaders and viewers read the summary at any time; the
    units' officers (who are told when it is published) its published versions."""
    period = await _period(session, period_id)
    versions = await _versions(session, period.id)
    if not _reads_live(principal) and not (principal.is_person and versions):
        raise Forbidden("全市汇总发布后各单位方可查看")
    return period, versions


async def read(session: AsyncSession, principal: Principal, period_id: uuid.UUID) -> SummaryRead:
    period, versions = await _readable(session, principal, period_id)
    draft = await _draft(session, period.id)
    reviewer = scope.reviews(principal)
    actions = ["edit", "correct" if versions else "publish"] if reviewer else []
    return SummaryRead(
        period=await reads.read_period(session, principal, period.id),
        content=await compute(session, period),
        analysis=(draft.analysis if draft is not None else "") if _reads_live(principal) else "",
        draft_version=draft.version if draft is not None else 0,
        versions=[version_read(v) for v in versions],
        actions=actions,
    )


def _reviewer(principal: Principal) -> None:
    if not (principal.is_person and principal.has(Permission.reports_review)):
        raise Forbidden("只有招商统筹可以编写和发布全市汇总")


async def update_analysis(
    session: AsyncSession,
    principal: Principal,
    period_id: uuid.UUID,
    body: SummaryAnalysisUpdate,
    precondition: Precondition,
) -> ReportSummaryDraft:
    """The draft's analysis text; `If-Match: "0"` writes the first draft."""
    _reviewer(principal)
    period = await _period(session, period_id)
    draft = await _draft(session, period.id)
    precondition.check(draft.version if draft is not None else 0)
    if draft is None:
        draft = ReportSummaryDraft(
            period_id=period.id, analysis=body.analysis, updated_by_name=principal.display_name
        )
        try:
            async with session.begin_nested():
                session.add(draft)
                await session.flush()
        except IntegrityError:
            raise Conflict("草稿已被他人创建，请刷新后重试", code="draft_exists") from None
        return draft
    draft.analysis = body.analysis
    draft.updated_by_name = principal.display_name
    draft.updated_at = utcnow()
    await session.flush()
    return draft


async def publish(
    session: AsyncSession,
    principal: Principal,
    period_id: uuid.UUID,
    body: SummaryPublish,
    precondition: Precondition,
) -> ReportSummaryVersion:
    """发布 (version 1) or 发布更正版 (the next version, with its reason): the draft's text
    and the table as the accepted reports stand now, frozen."""
    _reviewer(principal)
    period = await _period(session, period_id)
    draft = await _draft(session, period.id)
    precondition.check(draft.version if draft is not None else 0)
    if draft is None or len(draft.analysis.strip()) < 2:
        raise field_error("analysis", "请先填写分析文字再发布", "analysis_required")
    versions = await _versions(session, period.id)
    if versions and body.reason is None:
        raise Conflict(
            f"全市汇总已发布第{versions[0].version}版，已冻结；更正须发布更正版并说明原因",
            code="summary_published",
        )
    if not versions and body.reason is not None:
        raise field_error("reason", "首次发布无需填写更正原因", "reason_not_applicable")
    content = await compute(session, period)
    row = ReportSummaryVersion(
        period_id=period.id,
        version=versions[0].version + 1 if versions else 1,
        analysis=draft.analysis,
        content=content.model_dump(mode="json"),
        reason=body.reason,
        published_by_id=principal.user.id if principal.user else None,
        published_by_name=principal.display_name,
    )
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        raise Conflict("该版本已由他人发布，请刷新后重试", code="summary_published") from None
    # The draft's version moves, so a second publish of the same text needs a fresh read.
    draft.updated_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        SummaryPublished(
            actor=principal,
            object_id=period.id,
            label=periods.label(period),
            version=row.version,
            reason=row.reason,
            unit_ids=tuple(r.unit.id for r in content.rows),
            after={"version": row.version, **({"reason": row.reason} if row.reason else {})},
        ),
    )
    return row


async def version(
    session: AsyncSession, principal: Principal, period_id: uuid.UUID, number: int
) -> tuple[ReportPeriod, ReportSummaryVersion]:
    period, versions = await _readable(session, principal, period_id)
    for row in versions:
        if row.version == number:
            return period, row
    raise NotFound("该版本的全市汇总不存在")
