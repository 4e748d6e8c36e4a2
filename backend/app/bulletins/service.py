"""半年度通报: built by the coordinator from a snapshot of the statistics, edited while a draft,
then published — frozen (here and by the database), every ranked unit told.

Who reads: the bureau's oversight roles and leaders and viewers every bulletin; districts,
parks, departments and partner systems the published ones only (a draft reads as missing)."""

import uuid
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.bulletins import indicators as computed
from app.bulletins import scoring
from app.bulletins.events import BulletinChanged, BulletinPublished, IndicatorRecorded
from app.bulletins.schemas import (
    BulletinCreate,
    BulletinTransition,
    BulletinUpdate,
    IndicatorUpdate,
    Mention,
)
from app.core import events
from app.core.calendar import business_today
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import AssessmentIndicator, Bulletin, BulletinRow, Unit
from app.models.enums import (
    AssessmentGroup,
    BulletinState,
    IndicatorDirection,
    Role,
    UnitKind,
)
from app.stats import periods
from app.stats.schemas import Period, StatsFilter

READS_DRAFTS = frozenset({Role.coordinator, Role.supervisor, Role.leader, Role.viewer})
GROUP_KINDS = {
    AssessmentGroup.area: (UnitKind.district.value, UnitKind.park.value),
    AssessmentGroup.department: (UnitKind.department.value,),
}
PRAISED_PER_GROUP = 3


def half_label(half: int) -> str:
    return "上半年" if half == 1 else "下半年"


def period_of(year: int, half: int) -> Period:
    return periods.resolve(StatsFilter(year=year, period="half", half=half))


# ── Indicators ────────────────────────────────────────────────────────────────────────────


async def list_indicators(session: AsyncSession) -> list[AssessmentIndicator]:
    stmt = select(AssessmentIndicator).order_by(
        col(AssessmentIndicator.unit_group), col(AssessmentIndicator.position)
    )
    return list((await session.execute(stmt)).scalars())


async def update_indicator(
    session: AsyncSession,
    principal: Principal,
    indicator_id: uuid.UUID,
    body: IndicatorUpdate,
    precondition: Precondition,
) -> AssessmentIndicator:
    """A new label, weight or use; bulletins already built keep the weights they were built
    with (a draft takes the new ones when rebuilt)."""
    indicator = await session.get(AssessmentIndicator, indicator_id, with_for_update=True)
    if indicator is None:
        raise NotFound("考核指标不存在")
    precondition.check(indicator.version)
    before = snapshot(indicator)
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is None:
            raise field_error(name, "不能为空", "null")
        setattr(indicator, name, value)
    await session.flush()
    await events.emit(
        session,
        IndicatorRecorded(
            actor=principal,
            object_id=indicator.id,
            verb="update",
            before=before,
            after=snapshot(indicator),
        ),
    )
    return indicator


# ── Reading ───────────────────────────────────────────────────────────────────────────────


def _reads_drafts(principal: Principal) -> bool:
    return principal.user is not None and principal.role in READS_DRAFTS


async def list_bulletins(session: AsyncSession, principal: Principal) -> list[Bulletin]:
    stmt = select(Bulletin).order_by(col(Bulletin.year).desc(), col(Bulletin.half).desc())
    if not _reads_drafts(principal):
        stmt = stmt.where(col(Bulletin.state) == BulletinState.published.value)
    return list((await session.execute(stmt)).scalars())


async def load(
    session: AsyncSession, principal: Principal, bulletin_id: uuid.UUID, *, lock: bool = False
) -> Bulletin:
    stmt = select(Bulletin).where(col(Bulletin.id) == bulletin_id)
    if not _reads_drafts(principal):
        stmt = stmt.where(col(Bulletin.state) == BulletinState.published.value)
    if lock:
        stmt = stmt.with_for_update()
    bulletin = (await session.execute(stmt)).scalar_one_or_none()
    if bulletin is None:
        raise NotFound("通报不存在")
    return bulletin


async def rows_of(session: AsyncSession, bulletin_id: uuid.UUID) -> list[BulletinRow]:
    stmt = (
        select(BulletinRow)
        .where(col(BulletinRow.bulletin_id) == bulletin_id)
        .order_by(col(BulletinRow.unit_group), col(BulletinRow.rank), col(BulletinRow.unit_name))
    )
    return list((await session.execute(stmt)).scalars())


# ── Writing ───────────────────────────────────────────────────────────────────────────────


def _draft_only(bulletin: Bulletin) -> None:
    if bulletin.state != BulletinState.draft.value:
        raise Conflict("通报已发布，不能再修改", code="bulletin_published")


async def create(session: AsyncSession, principal: Principal, body: BulletinCreate) -> Bulletin:
    """A draft for the half year, built at once. One bulletin per half (409 `bulletin_exists`);
    a half not yet begun has nothing to rank (422 `period_not_started`)."""
    period = period_of(body.year, body.half)
    if period.date_from > business_today():
        raise Unprocessable(f"{period.label}尚未开始，不能生成通报", code="period_not_started")
    exists = await session.execute(
        select(col(Bulletin.id)).where(
            col(Bulletin.year) == body.year, col(Bulletin.half) == body.half
        )
    )
    if exists.first() is not None:
        raise Conflict(f"{period.label}的通报已存在", code="bulletin_exists")
    bulletin = Bulletin(
        year=body.year,
        half=body.half,
        title=f"关于{body.year}年{half_label(body.half)}全市招商引资工作情况的通报",
        period_from=period.date_from,
        period_to=period.date_to,
        built_by_id=principal.user.id if principal.user else None,
    )
    session.add(bulletin)
    await flush_or_conflict(session, f"{period.label}的通报已存在", "bulletin_exists")
    await _build(session, principal, bulletin)
    await _emit(session, principal, bulletin, "build", None)
    return bulletin


async def rebuild(
    session: AsyncSession,
    principal: Principal,
    bulletin_id: uuid.UUID,
    precondition: Precondition,
) -> Bulletin:
    """重新生成: figures, scores and ranks from today's data and today's weights; the 表扬 and
    通报批评 lists go back to the defaults for the new figures; the analysis text is kept."""
    bulletin = await load(session, principal, bulletin_id, lock=True)
    precondition.check(bulletin.version)
    _draft_only(bulletin)
    before = snapshot(bulletin)
    await _build(session, principal, bulletin)
    bulletin.built_at = utcnow()
    bulletin.built_by_id = principal.user.id if principal.user else None
    await session.flush()
    await _emit(session, principal, bulletin, "build", before)
    return bulletin


async def update(
    session: AsyncSession,
    principal: Principal,
    bulletin_id: uuid.UUID,
    body: BulletinUpdate,
    precondition: Precondition,
) -> Bulletin:
    bulletin = await load(session, principal, bulletin_id, lock=True)
    precondition.check(bulletin.version)
    _draft_only(bulletin)
    before = snapshot(bulletin)
    names = {r.unit_id: r.unit_name for r in await rows_of(session, bulletin.id)}
    if body.analysis is not None:
        bulletin.analysis = body.analysis
    if body.praised is not None:
        bulletin.praised = _mentions(body.praised, names, "praised")
    if body.criticised is not None:
        bulletin.criticised = _mentions(body.criticised, names, "criticised")
    await session.flush()
    await _emit(session, principal, bulletin, "update", before)
    return bulletin


def _mentions(
    mentions: list[Mention], names: dict[uuid.UUID, str], field: str
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[uuid.UUID] = set()
    for i, m in enumerate(mentions):
        if m.unit_id not in names:
            raise field_error(f"{field}.{i}.unit_id", "该单位不在本通报的排名中", "unknown_unit")
        if m.unit_id in seen:
            raise field_error(f"{field}.{i}.unit_id", "同一单位只能列入一次", "duplicate")
        seen.add(m.unit_id)
        out.append({"unit_id": str(m.unit_id), "unit_name": names[m.unit_id], "reason": m.reason})
    return out


async def transition(
    session: AsyncSession, principal: Principal, bulletin_id: uuid.UUID, body: BulletinTransition
) -> Bulletin:
    """发布: `draft` → `published`. The bulletin and its rows are frozen from then on and every
    ranked unit is notified (`bulletin_published`)."""
    bulletin = await load(session, principal, bulletin_id, lock=True)
    current = BulletinState(bulletin.state)
    if body.expected_state != current:
        raise Conflict(
            f"通报状态已变为“{current.label}”，请刷新后重试",
            code="state_changed",
            extra={"current_state": current.value},
        )
    if current != BulletinState.draft or body.to_state != BulletinState.published:
        raise Conflict(
            f"“{current.label}”的通报不能转为“{body.to_state.label}”",
            code="illegal_transition",
            extra={"current_state": current.value},
        )
    before = snapshot(bulletin)
    bulletin.state = BulletinState.published.value
    bulletin.published_at = utcnow()
    bulletin.published_by_id = principal.user.id if principal.user else None
    await session.flush()
    rows = await rows_of(session, bulletin.id)
    await events.emit(
        session,
        BulletinPublished(
            actor=principal,
            object_id=bulletin.id,
            title=bulletin.title,
            before=before,
            after=snapshot(bulletin),
            unit_ids=tuple(r.unit_id for r in rows),
        ),
    )
    return bulletin


async def _emit(
    session: AsyncSession,
    principal: Principal,
    bulletin: Bulletin,
    verb: str,
    before: dict[str, Any] | None,
) -> None:
    await events.emit(
        session,
        BulletinChanged(
            actor=principal,
            object_id=bulletin.id,
            verb=verb,
            title=bulletin.title,
            before=before,
            after=snapshot(bulletin),
        ),
    )


# ── The snapshot ──────────────────────────────────────────────────────────────────────────


async def units_of(session: AsyncSession, group: AssessmentGroup) -> list[Unit]:
    """The active units an assessment group ranks: districts and parks, or departments."""
    stmt = (
        select(Unit)
        .where(col(Unit.kind).in_(GROUP_KINDS[group]), col(Unit.is_active))
        .order_by(col(Unit.code))
    )
    return list((await session.execute(stmt)).scalars())


async def _build(session: AsyncSession, principal: Principal, bulletin: Bulletin) -> None:
    """Every unit's values from the statistics for the half, the scores and ranks
    (app/bulletins/scoring), the indicators used, and the default 表扬 / 通报批评 lists."""
    period = Period(
        date_from=bulletin.period_from,
        date_to=bulletin.period_to,
        label=f"{bulletin.year}年{half_label(bulletin.half)}",
    )
    ctx = computed.Context(session, principal, period)
    active = [
        i for i in await list_indicators(session) if i.is_active and i.key in computed.COMPUTE
    ]
    await session.execute(delete(BulletinRow).where(col(BulletinRow.bulletin_id) == bulletin.id))
    used: list[dict[str, Any]] = []
    praised: list[dict[str, Any]] = []
    criticised: list[dict[str, Any]] = []
    for group in AssessmentGroup:
        chosen = [i for i in active if i.unit_group == group.value]
        units = await units_of(session, group)
        table = [[await computed.COMPUTE[i.key][1](ctx, u.id) for i in chosen] for u in units]
        per_indicator = [
            scoring.scores(
                [row[k].value for row in table], i.weight, IndicatorDirection(i.direction)
            )
            for k, i in enumerate(chosen)
        ]
        totals = [
            sum((per_indicator[k][n] for k in range(len(chosen))), Decimal(0))
            for n in range(len(units))
        ]
        for k, i in enumerate(chosen):
            used.append(
                {
                    "unit_group": group.value,
                    "key": i.key,
                    "label": i.label,
                    "weight": str(i.weight),
                    "direction": i.direction,
                    "definition": table[0][k].definition if table else "",
                }
            )
        ranking = scoring.rank(totals, [u.name for u in units])
        # 表扬 the top 3: a tie that would make more than 3 is left for the coordinator to pick.
        tied = Counter(r.rank for r in ranking)
        for ranked in ranking:
            n, unit = ranked.index, units[ranked.index]
            lagging = await computed.lagging(ctx, group, unit.id)
            session.add(
                BulletinRow(
                    bulletin_id=bulletin.id,
                    unit_id=unit.id,
                    unit_name=unit.name,
                    unit_group=group.value,
                    score=totals[n],
                    rank=ranked.rank,
                    values=[
                        _value_json(i.key, table[n][k], per_indicator[k][n])
                        for k, i in enumerate(chosen)
                    ],
                    lagging=lagging,
                )
            )
            mention = {"unit_id": str(unit.id), "unit_name": unit.name}
            top = ranked.rank + tied[ranked.rank] - 1 <= PRAISED_PER_GROUP
            if top and totals[n] > 0:
                praised.append(
                    {
                        **mention,
                        "reason": f"综合得分{totals[n]}分，在{group.label}中排名第{ranked.rank}",
                    }
                )
            if lagging:
                criticised.append({**mention, "reason": "；".join(lagging)})
    bulletin.indicators = used
    bulletin.praised = praised
    bulletin.criticised = criticised
    await session.flush()


def _value_json(key: str, value: computed.Value, score: Decimal) -> dict[str, Any]:
    return {
        "key": key,
        "value": None if value.value is None else str(value.value),
        "display": value.display,
        "score": str(score),
        "list_query": value.list_query.model_dump(mode="json") if value.list_query else None,
        "codes": value.codes,
    }
