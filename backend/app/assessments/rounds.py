"""年度考核 rounds: opened by the office under the year's current scheme, which takes a snapshot
of every unit's computed values and the records behind them (later edits of projects or tickets
do not change it); hand-scored items entered with a note while open; confirmed by the supervisor
once every hand item is scored — then final and frozen, here and by the database.

Who reads: the assessment office every round; everyone else (districts, parks, departments,
leaders, viewers) final rounds only — before that a unit sees no other unit's detail."""

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import preview, schemes, scoring
from app.assessments.events import ResultRecorded, RoundRecorded
from app.assessments.schemas import HandScore, ResultItem, RoundCreate, RoundTransition
from app.bulletins import scoring as ranking
from app.core import events
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import AssessmentResult, AssessmentRound, AssessmentScheme
from app.models.enums import AssessmentGroup, AssessmentRoundState


def _office(principal: Principal) -> bool:
    return principal.user is not None and principal.has(Permission.assessments_write)


async def list_rounds(
    session: AsyncSession, principal: Principal, year: int | None
) -> list[AssessmentRound]:
    stmt = select(AssessmentRound).order_by(
        col(AssessmentRound.year).desc(), col(AssessmentRound.unit_group)
    )
    if year is not None:
        stmt = stmt.where(col(AssessmentRound.year) == year)
    if not _office(principal):
        stmt = stmt.where(col(AssessmentRound.state) == AssessmentRoundState.final.value)
    return list((await session.execute(stmt)).scalars())


async def load(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, *, lock: bool = False
) -> AssessmentRound:
    stmt = select(AssessmentRound).where(col(AssessmentRound.id) == round_id)
    if not _office(principal):
        stmt = stmt.where(col(AssessmentRound.state) == AssessmentRoundState.final.value)
    if lock:
        stmt = stmt.with_for_update()
    found = (await session.execute(stmt)).scalar_one_or_none()
    if found is None:
        raise NotFound("年度考核不存在")
    return found


async def results_of(
    session: AsyncSession, round_id: uuid.UUID, *, lock: bool = False
) -> list[AssessmentResult]:
    stmt = (
        select(AssessmentResult)
        .where(col(AssessmentResult.round_id) == round_id)
        .order_by(col(AssessmentResult.rank), col(AssessmentResult.unit_name))
    )
    if lock:
        stmt = stmt.with_for_update()
    return list((await session.execute(stmt)).scalars())


async def open_round(
    session: AsyncSession, principal: Principal, body: RoundCreate
) -> AssessmentRound:
    """The snapshot: the preview of the year's current scheme as of today, stored."""
    scheme = await schemes.load(session, principal, body.scheme_id)
    if scheme.id not in await schemes.current_ids(session):
        raise Conflict("只能按该年度现行（最新发布）的考核方案开启考核", code="not_current")
    group = AssessmentGroup(scheme.unit_group)
    exists = await session.execute(
        select(col(AssessmentRound.id)).where(
            col(AssessmentRound.year) == scheme.year,
            col(AssessmentRound.unit_group) == group.value,
        )
    )
    taken = f"{scheme.year}年度{group.label}的考核已开启"
    if exists.first() is not None:
        raise Conflict(taken, code="round_exists")
    opened = AssessmentRound(
        year=scheme.year,
        unit_group=group.value,
        scheme_id=scheme.id,
        as_of=business_today(),
        opened_by_id=principal.user.id if principal.user else None,
    )
    session.add(opened)
    await flush_or_conflict(session, taken, "round_exists")
    scored = await preview.preview(session, principal, scheme)
    for row in scored.rows:
        session.add(
            AssessmentResult(
                round_id=opened.id,
                unit_id=row.unit_id,
                unit_name=row.unit_name,
                total=row.total,
                grade=row.grade.value,
                rank=row.rank,
                items=[
                    ResultItem(**item.model_dump()).model_dump(mode="json") for item in row.items
                ],
            )
        )
    await session.flush()
    await events.emit(
        session,
        RoundRecorded(actor=principal, object_id=opened.id, verb="open", after=snapshot(opened)),
    )
    return opened


async def score(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: HandScore,
    precondition: Precondition,
) -> AssessmentResult:
    """A hand score with its note on one unit's sheet: at most the item's weight (or cap); the
    unit's total and grade follow, and the group's ranks."""
    current = await load(session, principal, round_id, lock=True)
    if current.state != AssessmentRoundState.open.value:
        raise Conflict("考核结果已确认，不能再评分", code="round_final")
    results = await results_of(session, round_id, lock=True)
    result = next((r for r in results if r.unit_id == unit_id), None)
    if result is None:
        raise NotFound("该单位不在本次考核中")
    precondition.check(result.version)
    items = [dict(i) for i in result.items]
    item = next((i for i in items if i["item_id"] == str(item_id)), None)
    if item is None:
        raise NotFound("考核内容不存在")
    if not item["by_hand"]:
        raise Conflict("系统计算的项目不能人工评分", code="computed_item")
    if body.score > Decimal(item["weight"]):
        raise field_error("score", f"“{item['label']}”最多 {item['weight']} 分", "too_high")
    before = snapshot(result)
    item.update(score=str(body.score), note=body.note, scored_by=principal.display_name)
    scheme = await session.get(AssessmentScheme, current.scheme_id)
    assert scheme is not None
    result.items = items
    result.total = scoring.sheet_total(
        (i["kind"], Decimal(i["score"]) if i["score"] is not None else None) for i in items
    )
    result.grade = scoring.grade(
        result.total, scheme.excellent_min, scheme.good_min, scheme.pass_min
    ).value
    for place in ranking.rank([r.total for r in results], [r.unit_name for r in results]):
        results[place.index].rank = place.rank
    await session.flush()
    await events.emit(
        session,
        ResultRecorded(
            actor=principal,
            object_id=result.id,
            verb="score",
            before=before,
            after=snapshot(result),
        ),
    )
    return result


async def transition(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, body: RoundTransition
) -> AssessmentRound:
    """确认 (`open` → `final`), once every hand item of every unit is scored; then the round
    and its results are frozen. The route lets the supervisor alone call it."""
    current = await load(session, principal, round_id, lock=True)
    if current.state != body.expected_state.value:
        raise Conflict(
            f"考核当前为“{AssessmentRoundState(current.state).label}”", code="state_changed"
        )
    if body.to_state != AssessmentRoundState.final or current.state != "open":
        raise Conflict("只能确认评分中的考核", code="invalid_transition")
    missing = [
        f"{r.unit_name}“{i['label']}”"
        for r in await results_of(session, round_id)
        for i in r.items
        if i["by_hand"] and i["score"] is None
    ]
    if missing:
        shown = "、".join(missing[:5]) + (f"等 {len(missing)} 项" if len(missing) > 5 else "")
        raise Unprocessable(f"尚有人工评分项未评分：{shown}", code="unscored_items")
    before = snapshot(current)
    current.state = AssessmentRoundState.final.value
    current.finalized_at = utcnow()
    current.finalized_by_id = principal.user.id if principal.user else None
    await session.flush()
    await events.emit(
        session,
        RoundRecorded(
            actor=principal,
            object_id=current.id,
            verb="finalize",
            before=before,
            after=snapshot(current),
        ),
    )
    return current
