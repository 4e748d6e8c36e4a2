"""奖励经费: a round's part of the year's fund split by the rule its scheme states.

- Units nominate individuals (先进个人) while the round is open or publicised; the office
  approves or rejects each, with its opinion.
- Once every objection and nomination is answered, the office generates the split: the
  individuals' share (the scheme's percentage, only when someone is approved) equally among the
  approved nominees, the rest among the units by grade factor × total score; each part in whole
  yuan by the largest-remainder method (scoring.split), so the parts add up to the fund exactly.
  When no unit weighs anything (every unit 不合格), the units' share is not paid out.
- The office may adjust parts with a reason, keeping the total.
- A later change that moves the basis (an accepted objection, a new or answered nomination)
  discards the split; the supervisor confirms only with a current one, and it is frozen with
  the results.

Who reads: the office, and the round's units their own nominations; everyone reads the split
once final."""

import uuid
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import rounds, schemes
from app.assessments.events import AwardRecorded, NominationRecorded
from app.assessments.schemas import AwardAdjust, NominationCreate, NominationTransition
from app.assessments.scoring import split
from app.core import events
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import (
    AssessmentAward,
    AssessmentNomination,
    AssessmentObjection,
    AssessmentRound,
    AssessmentScheme,
)
from app.models.enums import (
    AssessmentGrade,
    AssessmentRoundState,
    AwardKind,
    NominationState,
)


def _not_final(round_: AssessmentRound) -> None:
    if round_.state == AssessmentRoundState.final.value:
        raise Conflict("考核结果已确认，奖励分配不能再改变", code="round_final")


async def nominate(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    body: NominationCreate,
) -> AssessmentNomination:
    current, result = await rounds.sheet(session, principal, round_id, unit_id)
    rounds.officer_of(principal, unit_id)
    _not_final(current)
    nomination = AssessmentNomination(
        round_id=round_id,
        unit_id=unit_id,
        unit_name=result.unit_name,
        person_name=body.person_name,
        position=body.position,
        deeds=body.deeds,
        nominated_by_id=principal.user.id if principal.user else None,
        nominator_name=principal.display_name,
    )
    session.add(nomination)
    # A split made before it would leave it unanswered at confirmation: make it again after.
    await discard(session, current)
    await session.flush()
    await events.emit(
        session,
        NominationRecorded(
            actor=principal, object_id=nomination.id, verb="create", after=snapshot(nomination)
        ),
    )
    return nomination


async def nominations(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID
) -> list[AssessmentNomination]:
    await rounds.load(session, principal, round_id)
    stmt = select(AssessmentNomination).where(col(AssessmentNomination.round_id) == round_id)
    if not rounds.is_office(principal):
        stmt = stmt.where(col(AssessmentNomination.unit_id) == principal.unit_id)
    stmt = stmt.order_by(col(AssessmentNomination.created_at), col(AssessmentNomination.id))
    return list((await session.execute(stmt)).scalars())


async def answer_nomination(
    session: AsyncSession,
    principal: Principal,
    nomination_id: uuid.UUID,
    body: NominationTransition,
) -> AssessmentNomination:
    """The office's opinion; the route lets the office alone call it."""
    found = await session.execute(
        select(AssessmentNomination)
        .where(col(AssessmentNomination.id) == nomination_id)
        .with_for_update()
    )
    nomination = found.scalar_one_or_none()
    if nomination is None:
        raise NotFound("提名不存在")
    current = await rounds.load(session, principal, nomination.round_id, lock=True)
    if nomination.state != body.expected_state.value:
        raise Conflict(
            f"提名当前为“{NominationState(nomination.state).label}”", code="state_changed"
        )
    if nomination.state != NominationState.pending.value or body.to_state not in (
        NominationState.approved,
        NominationState.rejected,
    ):
        raise Conflict("只能同意或不同意待审核的提名", code="invalid_transition")
    _not_final(current)
    before = snapshot(nomination)
    nomination.state = body.to_state.value
    nomination.answer = body.answer
    nomination.answerer_name = principal.display_name
    nomination.answered_at = utcnow()
    await discard(session, current)
    await session.flush()
    await events.emit(
        session,
        NominationRecorded(
            actor=principal,
            object_id=nomination.id,
            verb="approve" if body.to_state == NominationState.approved else "reject",
            before=before,
            after=snapshot(nomination),
        ),
    )
    return nomination


async def discard(session: AsyncSession, round_: AssessmentRound) -> None:
    """The split no longer matches its basis: it must be generated again."""
    await session.execute(delete(AssessmentAward).where(col(AssessmentAward.round_id) == round_.id))
    round_.awards_made_at = None


async def awards_of(session: AsyncSession, round_id: uuid.UUID) -> list[AssessmentAward]:
    stmt = (
        select(AssessmentAward)
        .where(col(AssessmentAward.round_id) == round_id)
        .order_by(col(AssessmentAward.position))
    )
    return list((await session.execute(stmt)).scalars())


def pools(fund: int, individual_percent: int, approved: int) -> tuple[int, int]:
    """(units' pool, individuals' pool) in whole yuan: no approved nominee, no individual pool."""
    individual = fund * individual_percent // 100 if approved else 0
    return fund - individual, individual


async def _pending(
    session: AsyncSession,
    model: type[AssessmentObjection] | type[AssessmentNomination],
    round_id: uuid.UUID,
) -> int:
    """Objections or nominations of the round still waiting for the office ("pending")."""
    stmt = select(func.count()).where(
        col(model.round_id) == round_id, col(model.state) == "pending"
    )
    return int((await session.execute(stmt)).scalar_one())


async def generate(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID
) -> list[AssessmentAward]:
    """The split on the publicised round's scores as they stand; replaces any earlier one."""
    current = await rounds.load(session, principal, round_id, lock=True)
    _not_final(current)
    if current.state != AssessmentRoundState.objection.value:
        raise Conflict("考核结果公示后才能生成奖励分配", code="not_publicized")
    if await _pending(session, AssessmentObjection, round_id):
        raise Unprocessable("尚有申诉未答复，答复后再生成奖励分配", code="objections_pending")
    if await _pending(session, AssessmentNomination, round_id):
        raise Unprocessable("尚有先进个人提名未审核", code="nominations_pending")
    scheme = await session.get(AssessmentScheme, current.scheme_id)
    assert scheme is not None
    rule = schemes.reward_of(scheme)
    results = await rounds.results_of(session, round_id)
    rank = {r.unit_id: (r.rank, r.unit_name) for r in results}
    approved = sorted(
        (
            n
            for n in await nominations(session, principal, round_id)
            if n.state == NominationState.approved.value
        ),
        key=lambda n: (*rank[n.unit_id], n.created_at),
    )
    unit_pool, individual_pool = pools(rule.fund, rule.individual_percent, len(approved))
    factors = rule.factors
    unit_parts = split(
        unit_pool, {r.unit_id: factors[AssessmentGrade(r.grade)] * r.total for r in results}
    )
    person_parts = split(individual_pool, {n.id: Decimal(1) for n in approved})
    await discard(session, current)
    current.awards_made_at = utcnow()
    made: list[AssessmentAward] = []
    for r in results:
        if unit_parts[r.unit_id]:
            made.append(
                AssessmentAward(
                    round_id=round_id,
                    position=len(made) + 1,
                    kind=AwardKind.unit.value,
                    unit_id=r.unit_id,
                    unit_name=r.unit_name,
                    grade=r.grade,
                    total=r.total,
                    computed=unit_parts[r.unit_id],
                    amount=unit_parts[r.unit_id],
                )
            )
    for n in approved:
        made.append(
            AssessmentAward(
                round_id=round_id,
                position=len(made) + 1,
                kind=AwardKind.individual.value,
                unit_id=n.unit_id,
                unit_name=n.unit_name,
                nomination_id=n.id,
                person_name=n.person_name,
                computed=person_parts[n.id],
                amount=person_parts[n.id],
            )
        )
    session.add_all(made)
    await session.flush()
    await events.emit(
        session,
        AwardRecorded(
            actor=principal,
            object_id=round_id,
            verb="compute",
            after={"paid": sum(a.amount for a in made), "parts": len(made)},
        ),
    )
    return made


async def adjust(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, body: AwardAdjust
) -> list[AssessmentAward]:
    """Changed parts with the reason; the total paid stays what it was."""
    current = await rounds.load(session, principal, round_id, lock=True)
    _not_final(current)
    awards = {a.id: a for a in await awards_of(session, round_id)}
    if not awards:
        raise Conflict("尚未生成奖励分配", code="awards_missing")
    changes = {c.award_id: c.amount for c in body.changes}
    unknown = set(changes) - set(awards)
    if unknown:
        raise NotFound("奖励分配中没有该项")
    paid = sum(a.amount for a in awards.values())
    after = sum(changes.get(i, a.amount) for i, a in awards.items())
    if after != paid:
        raise Unprocessable(
            f"调整后合计为 {after:,} 元，须保持 {paid:,} 元不变", code="total_changed"
        )
    before = {str(i): a.amount for i, a in awards.items()}
    for award_id, amount in changes.items():
        if awards[award_id].amount != amount:
            awards[award_id].amount = amount
            awards[award_id].note = body.reason
    await session.flush()
    await events.emit(
        session,
        AwardRecorded(
            actor=principal,
            object_id=round_id,
            verb="adjust",
            before=before,
            after={str(i): a.amount for i, a in awards.items()},
        ),
    )
    return list(awards.values())
