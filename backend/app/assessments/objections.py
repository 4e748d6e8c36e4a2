"""申诉: once a round is publicised, a unit's officers may object to any item of their own
sheet — computed or scored by hand — until the window's last working day, one objection per
item. The office answers each: accepted, the item's score changes to the one given, with the
answer as its reason (total, grade and ranks follow); or rejected, with the reason. An answer is
final (frozen by the database too), and the supervisor confirms only once none is pending."""

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import rewards, rounds
from app.assessments.events import ObjectionRecorded, ResultRecorded
from app.assessments.schemas import ObjectionCreate, ObjectionTransition
from app.core import events
from app.core.calendar import business_today
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.official_docx import chinese_date
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import AssessmentObjection, AssessmentRound
from app.models.enums import AssessmentRoundState, ObjectionState


def _title(objection: AssessmentObjection) -> str:
    return f"{objection.unit_name}：{objection.item_label}"


async def raise_objection(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: ObjectionCreate,
) -> AssessmentObjection:
    current, result = await rounds.sheet(session, principal, round_id, unit_id)
    rounds.officer_of(principal, unit_id)
    if current.state != AssessmentRoundState.objection.value:
        raise Conflict("考核结果公示期间才能提出申诉", code="not_publicized")
    assert current.objection_due is not None
    if business_today() > current.objection_due:
        raise Conflict(
            f"申诉期已于 {chinese_date(current.objection_due)} 截止", code="objection_window_closed"
        )
    item = rounds.item_of(result, item_id)
    taken = f"已对“{item['label']}”提出过申诉"
    objection = AssessmentObjection(
        round_id=round_id,
        result_id=result.id,
        unit_id=unit_id,
        unit_name=result.unit_name,
        item_id=item_id,
        item_label=item["label"],
        reason=body.reason,
        raised_by_id=principal.user.id if principal.user else None,
        raiser_name=principal.display_name,
    )
    session.add(objection)
    await flush_or_conflict(session, taken, "objection_exists")
    await events.emit(
        session,
        ObjectionRecorded(
            actor=principal,
            object_id=objection.id,
            verb="create",
            after=snapshot(objection),
            title=_title(objection),
            unit_id=unit_id,
            round_id=round_id,
        ),
    )
    return objection


async def list_objections(
    session: AsyncSession,
    principal: Principal,
    *,
    year: int | None,
    state: ObjectionState | None,
) -> list[AssessmentObjection]:
    """The office's queue (every unit's), or a unit's own objections; oldest first."""
    stmt = (
        select(AssessmentObjection)
        .join(AssessmentRound, col(AssessmentRound.id) == col(AssessmentObjection.round_id))
        .order_by(col(AssessmentObjection.created_at), col(AssessmentObjection.id))
    )
    if year is not None:
        stmt = stmt.where(col(AssessmentRound.year) == year)
    if state is not None:
        stmt = stmt.where(col(AssessmentObjection.state) == state.value)
    if not rounds.is_office(principal):
        stmt = stmt.where(col(AssessmentObjection.unit_id) == principal.unit_id)
    return list((await session.execute(stmt)).scalars())


async def of_round(
    session: AsyncSession, round_id: uuid.UUID, unit_ids: set[uuid.UUID]
) -> list[AssessmentObjection]:
    if not unit_ids:
        return []
    stmt = select(AssessmentObjection).where(
        col(AssessmentObjection.round_id) == round_id,
        col(AssessmentObjection.unit_id).in_(unit_ids),
    )
    stmt = stmt.order_by(col(AssessmentObjection.created_at))
    return list((await session.execute(stmt)).scalars())


async def answer(
    session: AsyncSession,
    principal: Principal,
    objection_id: uuid.UUID,
    body: ObjectionTransition,
) -> AssessmentObjection:
    """The office's answer; the route lets the office alone call it."""
    found = await session.execute(
        select(AssessmentObjection)
        .where(col(AssessmentObjection.id) == objection_id)
        .with_for_update()
    )
    objection = found.scalar_one_or_none()
    if objection is None:
        raise NotFound("申诉不存在")
    current, result = await rounds.sheet(session, principal, objection.round_id, objection.unit_id)
    if objection.state != body.expected_state.value:
        raise Conflict(f"申诉当前为“{ObjectionState(objection.state).label}”", code="state_changed")
    if objection.state != ObjectionState.pending.value or body.to_state not in (
        ObjectionState.accepted,
        ObjectionState.rejected,
    ):
        raise Conflict("只能采纳或驳回待答复的申诉", code="invalid_transition")
    if current.state != AssessmentRoundState.objection.value:
        raise Conflict("考核结果已确认，不能再答复申诉", code="round_final")
    item = rounds.item_of(result, objection.item_id)
    before_score = Decimal(item["score"]) if item["score"] is not None else None
    before = snapshot(objection)
    if body.to_state == ObjectionState.accepted:
        if body.score is None:
            raise field_error("score", "采纳申诉须给出调整后的得分", "missing")
        if body.score > Decimal(item["weight"]):
            raise field_error("score", f"“{item['label']}”最多 {item['weight']} 分", "too_high")
        if body.score == before_score:
            raise Unprocessable("采纳申诉须调整得分；得分不变请驳回", code="score_unchanged")
        sheet_before = snapshot(result)
        item.update(
            score=str(body.score),
            note=f"申诉采纳：{body.answer}",
            scored_by=principal.display_name,
        )
        await rounds.rescore(session, current, result, item)
        # Scores moved: a reward split made on the old ones no longer holds.
        await rewards.discard(session, current)
        await events.emit(
            session,
            ResultRecorded(
                actor=principal,
                object_id=result.id,
                verb="adjust",
                before=sheet_before,
                after=snapshot(result),
            ),
        )
        objection.score_after = body.score
    elif body.score is not None:
        raise field_error("score", "驳回申诉不调整得分", "not_allowed")
    objection.state = body.to_state.value
    objection.answer = body.answer
    objection.score_before = before_score
    objection.answered_by_id = principal.user.id if principal.user else None
    objection.answerer_name = principal.display_name
    objection.answered_at = utcnow()
    await session.flush()
    await events.emit(
        session,
        ObjectionRecorded(
            actor=principal,
            object_id=objection.id,
            verb="accept" if body.to_state == ObjectionState.accepted else "reject",
            before=before,
            after=snapshot(objection),
            title=_title(objection),
            unit_id=objection.unit_id,
            round_id=objection.round_id,
        ),
    )
    return objection
