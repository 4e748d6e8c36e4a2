"""自评: while a round is open, a unit's officers report on each hand-scored item of their own
sheet — the points they claim and what they did — and attach the evidence (佐证材料) the office
scores by. One self-report per item, rewritten with If-Match ("0" for the first); frozen once the
round is publicised. The office and the unit read them; no other unit does."""

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import rounds
from app.assessments.events import SelfReportRecorded
from app.assessments.schemas import SelfReportWrite
from app.attachments.service import AttachmentOwner
from app.core import events
from app.core.concurrency import Precondition
from app.core.errors import Conflict, NotFound, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.models import AssessmentRound, AssessmentSelfReport, SelfReportEvidence
from app.models.enums import AssessmentRoundState


async def put(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: SelfReportWrite,
    precondition: Precondition,
) -> AssessmentSelfReport:
    current, result = await rounds.sheet(session, principal, round_id, unit_id)
    rounds.officer_of(principal, unit_id)
    if current.state != AssessmentRoundState.open.value:
        raise Conflict("考核结果已公示，不能再填报自评", code="self_report_closed")
    item = rounds.item_of(result, item_id)
    if not item["by_hand"]:
        raise Conflict("系统计算的项目无需自评", code="computed_item")
    if body.claimed > Decimal(item["weight"]):
        raise field_error("claimed", f"“{item['label']}”最多 {item['weight']} 分", "too_high")
    found = await session.execute(
        select(AssessmentSelfReport)
        .where(
            col(AssessmentSelfReport.result_id) == result.id,
            col(AssessmentSelfReport.item_id) == item_id,
        )
        .with_for_update()
    )
    report = found.scalar_one_or_none()
    precondition.check(report.version if report else 0)
    before = snapshot(report)
    if report is None:
        report = AssessmentSelfReport(
            round_id=round_id,
            result_id=result.id,
            unit_id=unit_id,
            item_id=item_id,
            claimed=body.claimed,
            text=body.text,
            reporter_name=principal.display_name,
        )
        session.add(report)
    report.claimed, report.text = body.claimed, body.text
    report.reported_by_id = principal.user.id if principal.user else None
    report.reporter_name = principal.display_name
    await session.flush()
    await events.emit(
        session,
        SelfReportRecorded(
            actor=principal,
            object_id=report.id,
            verb="update",
            before=before,
            after=snapshot(report),
        ),
    )
    return report


async def of_round(
    session: AsyncSession, round_id: uuid.UUID, unit_ids: set[uuid.UUID]
) -> tuple[list[AssessmentSelfReport], list[SelfReportEvidence]]:
    """The round's self-reports of `unit_ids`, and their evidence files."""
    if not unit_ids:
        return [], []
    reports = list(
        (
            await session.execute(
                select(AssessmentSelfReport).where(
                    col(AssessmentSelfReport.round_id) == round_id,
                    col(AssessmentSelfReport.unit_id).in_(unit_ids),
                )
            )
        ).scalars()
    )
    files = (
        await session.execute(
            select(SelfReportEvidence)
            .where(col(SelfReportEvidence.self_report_id).in_([r.id for r in reports]))
            .order_by(col(SelfReportEvidence.uploaded_at))
        )
    ).scalars()
    return reports, list(files)


async def _load(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID
) -> tuple[AssessmentSelfReport, AssessmentRound]:
    report = await session.get(AssessmentSelfReport, report_id)
    if report is None or not rounds.sees_notes_of(principal, report.unit_id):
        raise NotFound("自评不存在")
    round_ = await rounds.load(session, principal, report.round_id)
    return report, round_


def _check_upload(
    principal: Principal, owner: tuple[AssessmentSelfReport, AssessmentRound]
) -> None:
    report, round_ = owner
    rounds.officer_of(principal, report.unit_id)
    if round_.state != AssessmentRoundState.open.value:
        raise Conflict("考核结果已公示，不能再上传佐证材料", code="self_report_closed")


EVIDENCE = AttachmentOwner(
    kind="self_report",
    collection="assessment/self-reports",
    label="自评",
    model=SelfReportEvidence,
    owner_column="self_report_id",
    folder="assessment",
    load=_load,
    check_upload=_check_upload,
)
