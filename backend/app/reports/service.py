"""A unit's report: filling it in, computing its figures again, and its states.

`draft → submitted → accepted`, or `submitted → returned` (with a reason) and submitted again.
While draft or returned the unit edits the narrative, corrects a figure (with a reason) and may
compute the figures again; on submission they are fixed. An accepted report is frozen: refused
here with 409 `report_frozen`, and by the database's triggers beneath.
"""

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core import events
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.errors import Conflict, Forbidden, Unprocessable, field_error
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import ReportPeriod, UnitReport, UnitReportEvent, UnitReportFigure
from app.models.enums import ReportState
from app.reports import figures, reads, scope
from app.reports.events import ReportEdited, ReportTransitioned
from app.reports.periods import label
from app.reports.schemas import ReportTransition, ReportUpdate

S = ReportState
NARRATIVE = ("measures", "meetings", "activities", "project_progress", "problems", "next_plan")


def _editable(report: UnitReport) -> None:
    state = S(report.state)
    if state == S.accepted:
        raise Conflict("报表已通过，已冻结，不能再修改", code="report_frozen")
    if state == S.submitted:
        raise Conflict("报表已报送，等待审核；退回后才能修改", code="report_submitted")


async def _writable(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, precondition: Precondition
) -> UnitReport:
    report = await reads.load(session, principal, report_id)
    if not scope.writes(principal, report):
        raise Forbidden("只有本单位的专员可以填报本单位的报表")
    _editable(report)
    precondition.check(report.version)
    return report


async def _period(session: AsyncSession, report: UnitReport) -> ReportPeriod:
    period = await session.get(ReportPeriod, report.period_id)
    assert period is not None
    return period


async def update(
    session: AsyncSession,
    principal: Principal,
    report_id: uuid.UUID,
    body: ReportUpdate,
    precondition: Precondition,
) -> UnitReport:
    report = await _writable(session, principal, report_id, precondition)
    changes = body.model_dump(exclude_unset=True, exclude={"corrections"})
    for name, value in changes.items():
        setattr(report, name, value if value is not None else "")
    corrected: list[str] = []
    if body.corrections:
        rows = {
            r.key: r
            for r in (
                await session.execute(
                    select(UnitReportFigure).where(col(UnitReportFigure.report_id) == report.id)
                )
            ).scalars()
        }
        for i, c in enumerate(body.corrections):
            row = rows[c.key.value]
            if c.corrected is None:
                row.corrected, row.reason = None, None
                continue
            if c.reason is None:
                raise field_error(
                    f"corrections.{i}.reason", "更正指标须说明理由", "reason_required"
                )
            if c.key in figures.COUNTS and c.corrected != c.corrected.to_integral_value():
                raise Unprocessable(
                    f"{c.key.label}是个数，须为整数",
                    code="not_a_count",
                    errors=[{"loc": ["body", "corrections", i, "corrected"], "msg": "须为整数"}],
                )
            row.corrected, row.reason = c.corrected, c.reason
            corrected.append(c.key.value)
    report.updated_at = utcnow()  # the report's version moves with its figures
    await session.flush()
    await events.emit(
        session,
        ReportEdited(
            actor=principal,
            object_id=report.id,
            unit_id=report.unit_id,
            label=label(await _period(session, report)),
            state=S(report.state),
            after={**changes, "corrected": corrected} if corrected else changes,
        ),
    )
    return report


async def refresh(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, precondition: Precondition
) -> UnitReport:
    """The figures and the projects table computed again from today's data; a correction
    stays beside the new computed value."""
    report = await _writable(session, principal, report_id, precondition)
    period = await _period(session, report)
    await recompute(session, report, period)
    await events.emit(
        session,
        ReportEdited(
            actor=principal,
            object_id=report.id,
            unit_id=report.unit_id,
            label=label(period),
            state=S(report.state),
            refreshed=True,
        ),
    )
    return report


async def recompute(session: AsyncSession, report: UnitReport, period: ReportPeriod) -> None:
    computed = await figures.compute(session, period, report.unit_id)
    rows = {
        r.key: r
        for r in (
            await session.execute(
                select(UnitReportFigure).where(col(UnitReportFigure.report_id) == report.id)
            )
        ).scalars()
    }
    for key, value in computed.figures.items():
        row = rows.get(key.value)
        if row is None:
            session.add(UnitReportFigure(report_id=report.id, key=key.value, computed=value))
        else:
            row.computed = value
    report.projects = computed.projects
    report.computed_at = utcnow()
    await session.flush()


async def transition(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, body: ReportTransition
) -> UnitReport:
    report = await reads.load(session, principal, report_id)
    current = S(report.state)
    to = body.to_state
    if to == S.submitted:
        if not scope.writes(principal, report):
            raise Forbidden("只有本单位的专员可以报送本单位的报表")
    elif to in (S.returned, S.accepted):
        if not scope.reviews(principal):
            raise Forbidden("只有招商统筹可以审核报表")
    else:
        raise Unprocessable("不能变更到该状态", code="invalid_transition")
    if body.expected_state != current:
        raise Conflict(
            f"报表状态已变为“{current.label}”，请刷新后重试",
            code="state_changed",
            extra={"current_state": current.value},
        )
    if current == S.accepted:
        raise Conflict("报表已通过，已冻结，不能再修改", code="report_frozen")
    allowed = {
        S.submitted: (S.draft, S.returned),
        S.returned: (S.submitted,),
        S.accepted: (S.submitted,),
    }[to]
    if current not in allowed:
        raise Conflict(f"“{current.label}”的报表不能{to.label}", code="invalid_transition")
    if to == S.returned and body.reason is None:
        raise field_error("reason", "退回须说明理由", "reason_required")
    period = await _period(session, report)
    now = utcnow()
    if to == S.submitted:
        if report.first_submitted_at is None:
            report.first_submitted_at = now
            report.late = business_today(now) > period.deadline
        report.submitted_at = now
        report.return_reason = None
    elif to == S.returned:
        report.return_reason = body.reason
    else:
        report.accepted_at = now
    report.state = to.value
    reason = body.reason if to == S.returned else None
    session.add(
        UnitReportEvent(
            report_id=report.id,
            action={S.submitted: "submit", S.returned: "return", S.accepted: "accept"}[to],
            from_state=current.value,
            to_state=to.value,
            reason=reason,
            actor_id=principal.user.id if principal.user else None,
            actor_name=principal.display_name,
        )
    )
    await session.flush()
    await events.emit(
        session,
        ReportTransitioned(
            actor=principal,
            object_id=report.id,
            unit_id=report.unit_id,
            label=label(period),
            state=to,
            from_state=current,
            reason=reason,
            before={"state": current.value},
            after={"state": to.value, **({"reason": reason} if reason else {})},
        ),
    )
    return report


async def accepted_figures(
    session: AsyncSession, period_id: uuid.UUID
) -> dict[uuid.UUID, dict[str, Decimal]]:
    """The accepted reports' figures of a period, per unit (corrected value where corrected):
    what the bureau's city summary adds up."""
    stmt = (
        select(
            col(UnitReport.unit_id),
            col(UnitReportFigure.key),
            col(UnitReportFigure.computed),
            col(UnitReportFigure.corrected),
        )
        .join(UnitReport, col(UnitReport.id) == col(UnitReportFigure.report_id))
        .where(
            col(UnitReport.period_id) == period_id,
            col(UnitReport.state) == S.accepted.value,
        )
    )
    found: dict[uuid.UUID, dict[str, Decimal]] = {}
    for unit_id, key, computed, corrected in (await session.execute(stmt)).all():
        found.setdefault(unit_id, {})[key] = corrected if corrected is not None else computed
    return found
