"""Reading periods and reports, within the caller's scope, in a few queries per page."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.briefs import UnitBrief
from app.core.calendar import business_today
from app.core.errors import NotFound
from app.core.pagination import PageParams, paginate
from app.core.principal import Principal
from app.models import ReportPeriod, Unit, UnitReport, UnitReportEvent, UnitReportFigure
from app.models.enums import ReportFigureKey, ReportKind, ReportState
from app.projects import scope as project_scope
from app.reports import figures, scope
from app.reports.periods import label
from app.reports.schemas import (
    EventRead,
    FigureRead,
    PeriodFilter,
    PeriodRead,
    ProjectRow,
    ReportFilter,
    ReportRead,
    ReportSummary,
)
from app.stats.figures import count_where

SUBMITTED = (ReportState.submitted.value, ReportState.accepted.value)


def overdue(report: UnitReport, period: ReportPeriod, today: date) -> bool:
    return report.first_submitted_at is None and today > period.deadline


def _overdue_condition(today: date) -> Any:
    return and_(col(UnitReport.first_submitted_at).is_(None), col(ReportPeriod.deadline) < today)


async def _period_reads(
    session: AsyncSession, principal: Principal, periods: Sequence[ReportPeriod]
) -> dict[uuid.UUID, PeriodRead]:
    """Each period with how many of the caller's reports it holds and how many are in."""
    ids = [p.id for p in periods]
    counts: dict[uuid.UUID, tuple[int, int, int]] = {}
    if ids:
        state = col(UnitReport.state)
        stmt = scope.visible(
            select(
                col(UnitReport.period_id),
                func.count(),
                count_where(state.in_(SUBMITTED)),
                count_where(state == ReportState.accepted.value),
            ),
            principal,
        )
        stmt = stmt.where(col(UnitReport.period_id).in_(ids)).group_by(col(UnitReport.period_id))
        for period_id, total, submitted, accepted in (await session.execute(stmt)).all():
            counts[period_id] = (int(total), int(submitted), int(accepted))
    return {
        p.id: PeriodRead(
            id=p.id,
            kind=ReportKind(p.kind),
            year=p.year,
            number=p.number,
            label=label(p),
            date_from=p.date_from,
            date_to=p.date_to,
            deadline=p.deadline,
            reports=counts.get(p.id, (0, 0, 0))[0],
            submitted=counts.get(p.id, (0, 0, 0))[1],
            accepted=counts.get(p.id, (0, 0, 0))[2],
            created_at=p.created_at,
        )
        for p in periods
    }


async def list_periods(
    session: AsyncSession, principal: Principal, params: PageParams, f: PeriodFilter
) -> tuple[list[PeriodRead], str | None, int | None]:
    stmt = select(ReportPeriod)
    if f.kind:
        stmt = stmt.where(col(ReportPeriod.kind) == f.kind.value)
    if f.year:
        stmt = stmt.where(col(ReportPeriod.year) == f.year)
    if f.updated_after:
        stmt = stmt.where(col(ReportPeriod.updated_at) > f.updated_after)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        sorts={
            "date_to": ReportPeriod.date_to,
            "deadline": ReportPeriod.deadline,
            "updated_at": ReportPeriod.updated_at,
        },
        default_sort="-date_to",
        id_column=ReportPeriod.id,
    )
    periods = [r[0] for r in rows]
    reads = await _period_reads(session, principal, periods)
    return [reads[p.id] for p in periods], cursor, total


async def read_period(
    session: AsyncSession, principal: Principal, period_id: uuid.UUID
) -> PeriodRead:
    period = await session.get(ReportPeriod, period_id)
    if period is None:
        raise NotFound("报表期不存在")
    return (await _period_reads(session, principal, [period]))[period.id]


async def load(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> UnitReport:
    stmt = scope.visible(select(UnitReport).where(col(UnitReport.id) == report_id), principal)
    report = (await session.execute(stmt)).scalar_one_or_none()
    if report is None:
        raise NotFound("报表不存在")
    return report


async def _summaries(
    session: AsyncSession, principal: Principal, reports: Sequence[UnitReport]
) -> list[ReportSummary]:
    period_ids = {r.period_id for r in reports}
    periods = (
        (await session.execute(select(ReportPeriod).where(col(ReportPeriod.id).in_(period_ids))))
        .scalars()
        .all()
    )
    by_id = {p.id: p for p in periods}
    period_reads = await _period_reads(session, principal, periods)
    unit_ids = {r.unit_id for r in reports}
    names = dict(
        (
            await session.execute(
                select(col(Unit.id), col(Unit.name)).where(col(Unit.id).in_(unit_ids))
            )
        ).all()
    )
    today = business_today()
    return [
        ReportSummary(
            id=r.id,
            period=period_reads[r.period_id],
            unit=UnitBrief(id=r.unit_id, name=names.get(r.unit_id, "")),
            state=ReportState(r.state),
            submitted_at=r.submitted_at,
            accepted_at=r.accepted_at,
            late=r.late,
            overdue=overdue(r, by_id[r.period_id], today),
            return_reason=r.return_reason if r.state == ReportState.returned.value else None,
            version=r.version,
        )
        for r in reports
    ]


async def list_reports(
    session: AsyncSession, principal: Principal, params: PageParams, f: ReportFilter
) -> tuple[list[ReportSummary], str | None, int | None]:
    stmt = scope.visible(
        select(UnitReport).join(ReportPeriod, col(ReportPeriod.id) == col(UnitReport.period_id)),
        principal,
    )
    if f.period_id:
        stmt = stmt.where(col(UnitReport.period_id) == f.period_id)
    if f.kind:
        stmt = stmt.where(col(ReportPeriod.kind) == f.kind.value)
    if f.year:
        stmt = stmt.where(col(ReportPeriod.year) == f.year)
    if f.unit_id:
        stmt = stmt.where(col(UnitReport.unit_id) == f.unit_id)
    if f.state:
        stmt = stmt.where(col(UnitReport.state).in_([s.value for s in f.state]))
    if f.late is not None:
        stmt = stmt.where(col(UnitReport.late) == f.late)
    if f.updated_after:
        stmt = stmt.where(col(UnitReport.updated_at) > f.updated_after)
    if f.overdue is not None:
        late = _overdue_condition(business_today())
        stmt = stmt.where(late if f.overdue else ~late)
    rows, cursor, total = await paginate(
        session,
        stmt,
        params=params,
        # Drafts are made when their period opens: newest periods first.
        sorts={"created_at": UnitReport.created_at, "updated_at": UnitReport.updated_at},
        default_sort="-created_at",
        id_column=UnitReport.id,
    )
    return await _summaries(session, principal, [r[0] for r in rows]), cursor, total


def _figure_reads(rows: Sequence[UnitReportFigure]) -> list[FigureRead]:
    by_key = {r.key: r for r in rows}
    reads: list[FigureRead] = []
    for key in ReportFigureKey:
        row = by_key.get(key.value)
        if row is None:
            continue
        reads.append(
            FigureRead(
                key=key,
                label=key.label,
                unit=figures.unit_of(key),
                definition=figures.DEFINITIONS[key],
                computed=row.computed,
                corrected=row.corrected,
                reason=row.reason,
                value=row.corrected if row.corrected is not None else row.computed,
            )
        )
    return reads


def _project_rows(principal: Principal, rows: list[dict[str, Any]]) -> list[ProjectRow]:
    hide = project_scope.redacts_confidential(principal)
    return [
        ProjectRow(
            id=uuid.UUID(r["id"]),
            code=r["code"],
            name=r["name"],
            stage=r["stage"],
            signed_amount=None
            if r["signed_amount"] is None or (hide and r.get("is_confidential"))
            else Decimal(r["signed_amount"]),
            progress=r.get("progress", ""),
        )
        for r in rows
    ]


async def read(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> ReportRead:
    report = await load(session, principal, report_id)
    summary = (await _summaries(session, principal, [report]))[0]
    figure_rows = (
        (
            await session.execute(
                select(UnitReportFigure).where(col(UnitReportFigure.report_id) == report.id)
            )
        )
        .scalars()
        .all()
    )
    event_rows = (
        (
            await session.execute(
                select(UnitReportEvent)
                .where(col(UnitReportEvent.report_id) == report.id)
                .order_by(col(UnitReportEvent.occurred_at), col(UnitReportEvent.id))
            )
        )
        .scalars()
        .all()
    )
    return ReportRead(
        **summary.model_dump(),
        measures=report.measures,
        meetings=report.meetings,
        activities=report.activities,
        project_progress=report.project_progress,
        problems=report.problems,
        next_plan=report.next_plan,
        figures=_figure_reads(figure_rows),
        projects=_project_rows(principal, report.projects),
        computed_at=report.computed_at,
        events=[EventRead.model_validate(e) for e in event_rows],
        actions=scope.actions(principal, report),
    )
