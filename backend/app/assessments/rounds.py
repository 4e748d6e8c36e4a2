"""年度考核 rounds: opened by the office under the year's current scheme, which takes a snapshot
of every unit's computed values and the records behind them (later edits of projects or tickets
do not change it). While open, units self-report on hand-scored items (self_reports.py) and the
office scores them with a note; once all are scored the office publicises the results (公示) and
each unit may object item by item for N working days (objections.py); after that window, with
every objection answered and the reward split generated (rewards.py), the supervisor confirms —
final and frozen, here and by the database.

Who reads: the assessment office every round and every sheet; an assessed unit its own sheet
while the round is open or publicised; everyone (leaders, viewers, other units) every sheet once
final — before that a unit sees no other unit's detail."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import preview, schemes, scoring
from app.assessments.events import ResultRecorded, RoundRecorded
from app.assessments.schemas import HandScore, ResultItem, RoundCreate, RoundTransition
from app.bulletins import scoring as ranking
from app.core import events
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.config import Settings
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.official_docx import chinese_date
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.holidays.service import load_calendar
from app.models import (
    AssessmentObjection,
    AssessmentResult,
    AssessmentRound,
    AssessmentScheme,
)
from app.models.enums import AssessmentGroup, AssessmentRoundState, ObjectionState, Role


def is_office(principal: Principal) -> bool:
    return principal.user is not None and principal.has(Permission.assessments_write)


def _own(principal: Principal) -> ColumnElement[bool]:
    """Rounds not yet final that assess the caller's unit (where it reads its own sheet)."""
    return col(AssessmentRound.id).in_(
        select(col(AssessmentResult.round_id)).where(
            col(AssessmentResult.unit_id) == principal.unit_id
        )
    )


def _visible(stmt: Select[AssessmentRound], principal: Principal) -> Select[AssessmentRound]:
    if is_office(principal):
        return stmt
    return stmt.where(
        (col(AssessmentRound.state) == AssessmentRoundState.final.value) | _own(principal)
    )


async def list_rounds(
    session: AsyncSession, principal: Principal, year: int | None
) -> list[AssessmentRound]:
    stmt = select(AssessmentRound).order_by(
        col(AssessmentRound.year).desc(), col(AssessmentRound.unit_group)
    )
    if year is not None:
        stmt = stmt.where(col(AssessmentRound.year) == year)
    return list((await session.execute(_visible(stmt, principal))).scalars())


async def load(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, *, lock: bool = False
) -> AssessmentRound:
    stmt = _visible(select(AssessmentRound).where(col(AssessmentRound.id) == round_id), principal)
    if lock:
        stmt = stmt.with_for_update()
    found = (await session.execute(stmt)).scalar_one_or_none()
    if found is None:
        raise NotFound("年度考核不存在")
    return found


def sees_every_sheet(principal: Principal, round_: AssessmentRound) -> bool:
    return is_office(principal) or round_.state == AssessmentRoundState.final.value


def sees_notes_of(principal: Principal, unit_id: uuid.UUID) -> bool:
    """Self-reports and objections: the office's and the unit's own business."""
    return is_office(principal) or principal.unit_id == unit_id


async def visible_results(
    session: AsyncSession, principal: Principal, round_: AssessmentRound
) -> list[AssessmentResult]:
    results = await results_of(session, round_.id)
    if sees_every_sheet(principal, round_):
        return results
    return [r for r in results if r.unit_id == principal.unit_id]


def officer_of(principal: Principal, unit_id: uuid.UUID) -> None:
    """Self-reports, objections and nominations are written by the unit's own officers."""
    if principal.role not in (Role.unit_officer, Role.department_officer) or (
        principal.unit_id != unit_id
    ):
        raise Forbidden(
            "只有本单位的工作人员可以为本单位填报自评、提出申诉或提名先进个人", code="own_unit_only"
        )


async def sheet(
    session: AsyncSession, principal: Principal, round_id: uuid.UUID, unit_id: uuid.UUID
) -> tuple[AssessmentRound, AssessmentResult]:
    """A unit's sheet, locked with its round, as the caller may see it (404 otherwise)."""
    current = await load(session, principal, round_id, lock=True)
    found = await session.execute(
        select(AssessmentResult)
        .where(col(AssessmentResult.round_id) == round_id, col(AssessmentResult.unit_id) == unit_id)
        .with_for_update()
    )
    result = found.scalar_one_or_none()
    if result is None or not (sees_every_sheet(principal, current) or principal.unit_id == unit_id):
        raise NotFound("该单位不在本次考核中")
    return current, result


def item_of(result: AssessmentResult, item_id: uuid.UUID) -> dict[str, Any]:
    item = next((i for i in result.items if i["item_id"] == str(item_id)), None)
    if item is None:
        raise NotFound("考核内容不存在")
    return dict(item)


async def rescore(
    session: AsyncSession,
    round_: AssessmentRound,
    result: AssessmentResult,
    item: dict[str, Any],
) -> None:
    """Puts one changed item on a unit's sheet; its total and grade follow, and the group's
    ranks."""
    items = [item if i["item_id"] == item["item_id"] else dict(i) for i in result.items]
    scheme = await session.get(AssessmentScheme, round_.scheme_id)
    assert scheme is not None
    result.items = items
    result.total = scoring.sheet_total(
        (i["kind"], Decimal(i["score"]) if i["score"] is not None else None) for i in items
    )
    result.grade = scoring.grade(
        result.total, scheme.excellent_min, scheme.good_min, scheme.pass_min
    ).value
    results = await results_of(session, round_.id, lock=True)
    # The caller's changed row is the identity-mapped one in `results`.
    for place in ranking.rank([r.total for r in results], [r.unit_name for r in results]):
        results[place.index].rank = place.rank
    await session.flush()


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
    await _announce(session, principal, opened, "open", None)
    return opened


def _title(round_: AssessmentRound) -> str:
    return f"{round_.year}年度{AssessmentGroup(round_.unit_group).label}考核"


async def _announce(
    session: AsyncSession,
    principal: Principal,
    round_: AssessmentRound,
    verb: str,
    before: dict[str, Any] | None,
) -> None:
    unit_ids = tuple(r.unit_id for r in await results_of(session, round_.id))
    await events.emit(
        session,
        RoundRecorded(
            actor=principal,
            object_id=round_.id,
            verb=verb,
            before=before,
            after=snapshot(round_),
            title=_title(round_),
            unit_ids=unit_ids,
        ),
    )


async def score(
    session: AsyncSession,
    principal: Principal,
    round_id: uuid.UUID,
    unit_id: uuid.UUID,
    item_id: uuid.UUID,
    body: HandScore,
    precondition: Precondition,
) -> AssessmentResult:
    """A hand score with its note on one unit's sheet while the round is open: at most the
    item's weight (or cap); the unit's total and grade follow, and the group's ranks. After
    公示 a score changes only by an accepted objection."""
    current, result = await sheet(session, principal, round_id, unit_id)
    if current.state == AssessmentRoundState.objection.value:
        raise Conflict("考核结果已公示，得分只能通过答复申诉调整", code="round_publicized")
    if current.state != AssessmentRoundState.open.value:
        raise Conflict("考核结果已确认，不能再评分", code="round_final")
    precondition.check(result.version)
    item = item_of(result, item_id)
    if not item["by_hand"]:
        raise Conflict("系统计算的项目不能人工评分", code="computed_item")
    if body.score > Decimal(item["weight"]):
        raise field_error("score", f"“{item['label']}”最多 {item['weight']} 分", "too_high")
    before = snapshot(result)
    item.update(score=str(body.score), note=body.note, scored_by=principal.display_name)
    await rescore(session, current, result, item)
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
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    round_id: uuid.UUID,
    body: RoundTransition,
) -> AssessmentRound:
    """公示 (`open` → `objection`) by the office once every hand item of every unit is scored:
    units may object until the N-th working day after today. 确认 (`objection` → `final`) by
    the supervisor alone, once that window has closed and every objection is answered; the
    round and its results are then frozen."""
    current = await load(session, principal, round_id, lock=True)
    if current.state != body.expected_state.value:
        raise Conflict(
            f"考核当前为“{AssessmentRoundState(current.state).label}”", code="state_changed"
        )
    moves = {
        (AssessmentRoundState.open, AssessmentRoundState.objection),
        (AssessmentRoundState.objection, AssessmentRoundState.final),
    }
    if (AssessmentRoundState(current.state), body.to_state) not in moves:
        raise Conflict("考核须先公示、申诉期满后再确认", code="invalid_transition")
    before = snapshot(current)
    if body.to_state == AssessmentRoundState.objection:
        await _check_scored(session, round_id)
        calendar = await load_calendar(session)
        current.state = AssessmentRoundState.objection.value
        current.publicized_at = utcnow()
        current.objection_due = calendar.add_working_days(
            business_today(), settings.assessment_objection_days
        )
        verb = "publicize"
    else:
        if principal.role != Role.supervisor:
            raise Forbidden("考核结果须由督查督办确认", code="supervisor_only")
        assert current.objection_due is not None
        if business_today() <= current.objection_due:
            raise Unprocessable(
                f"申诉期至 {chinese_date(current.objection_due)} 止，期满后方可确认",
                code="objection_window_open",
            )
        pending = await session.execute(
            select(col(AssessmentObjection.unit_name), col(AssessmentObjection.item_label)).where(
                col(AssessmentObjection.round_id) == round_id,
                col(AssessmentObjection.state) == ObjectionState.pending.value,
            )
        )
        waiting = [f"{unit}“{label}”" for unit, label in pending]
        if waiting:
            raise Unprocessable(f"尚有申诉未答复：{_some(waiting)}", code="objections_pending")
        scheme = await session.get(AssessmentScheme, current.scheme_id)
        if scheme is not None and scheme.reward_fund > 0 and current.awards_made_at is None:
            raise Unprocessable(
                "尚未生成奖励分配（或得分、提名变化后须重新生成）", code="awards_missing"
            )
        current.state = AssessmentRoundState.final.value
        current.finalized_at = utcnow()
        current.finalized_by_id = principal.user.id if principal.user else None
        verb = "finalize"
    await session.flush()
    await _announce(session, principal, current, verb, before)
    return current


def _some(names: list[str]) -> str:
    return "、".join(names[:5]) + (f"等 {len(names)} 项" if len(names) > 5 else "")


async def _check_scored(session: AsyncSession, round_id: uuid.UUID) -> None:
    missing = [
        f"{r.unit_name}“{i['label']}”"
        for r in await results_of(session, round_id)
        for i in r.items
        if i["by_hand"] and i["score"] is None
    ]
    if missing:
        raise Unprocessable(f"尚有人工评分项未评分：{_some(missing)}", code="unscored_items")
