"""考核方案: one per year and unit group, edited while a draft, published by the coordinator or
the supervisor, then frozen (here and by the database). A change to a published scheme is a new
revision with its reason: a draft copy that, once published, becomes the year's scheme; the
earlier revision stays as it was, on the record.

Who reads: everyone who reads reports sees published schemes (a unit knows what it is assessed
on); drafts only those who write schemes."""

import uuid
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments import catalog
from app.assessments.defaults import DEFAULT_ITEMS, DEFAULT_REWARD
from app.assessments.events import SchemeRecorded
from app.assessments.schemas import (
    RewardRule,
    SchemeCreate,
    SchemeItemWrite,
    SchemeRevise,
    SchemeTransition,
    SchemeUpdate,
)
from app.core import events
from app.core.concurrency import Precondition
from app.core.db import flush_or_conflict
from app.core.errors import Conflict, NotFound, Unprocessable, field_error
from app.core.events import snapshot
from app.core.permissions import Permission
from app.core.principal import Principal
from app.core.time import utcnow
from app.models import AssessmentScheme, AssessmentSchemeItem
from app.models.enums import AssessmentGroup, SchemeItemKind, SchemeState

FULL_MARKS = Decimal(100)
SCORED = (SchemeItemKind.computed.value, SchemeItemKind.manual.value)


def title_of(year: int, group: AssessmentGroup) -> str:
    return f"{year}年度{group.label}招商引资工作考核方案"


def _reads_drafts(principal: Principal) -> bool:
    return principal.user is not None and principal.has(Permission.assessments_write)


# ── Reading ───────────────────────────────────────────────────────────────────────────────


async def list_schemes(
    session: AsyncSession, principal: Principal, year: int | None
) -> list[AssessmentScheme]:
    stmt = select(AssessmentScheme).order_by(
        col(AssessmentScheme.year).desc(),
        col(AssessmentScheme.unit_group),
        col(AssessmentScheme.revision).desc(),
    )
    if year is not None:
        stmt = stmt.where(col(AssessmentScheme.year) == year)
    if not _reads_drafts(principal):
        stmt = stmt.where(col(AssessmentScheme.state) == SchemeState.published.value)
    return list((await session.execute(stmt)).scalars())


async def current_ids(session: AsyncSession) -> set[uuid.UUID]:
    """The latest published revision of every year and group."""
    latest = (
        select(
            col(AssessmentScheme.year),
            col(AssessmentScheme.unit_group),
            func.max(col(AssessmentScheme.revision)).label("revision"),
        )
        .where(col(AssessmentScheme.state) == SchemeState.published.value)
        .group_by(col(AssessmentScheme.year), col(AssessmentScheme.unit_group))
        .subquery()
    )
    stmt = select(col(AssessmentScheme.id)).join(
        latest,
        (col(AssessmentScheme.year) == latest.c.year)
        & (col(AssessmentScheme.unit_group) == latest.c.unit_group)
        & (col(AssessmentScheme.revision) == latest.c.revision),
    )
    return set((await session.execute(stmt)).scalars())


async def load(
    session: AsyncSession, principal: Principal, scheme_id: uuid.UUID, *, lock: bool = False
) -> AssessmentScheme:
    stmt = select(AssessmentScheme).where(col(AssessmentScheme.id) == scheme_id)
    if not _reads_drafts(principal):
        stmt = stmt.where(col(AssessmentScheme.state) == SchemeState.published.value)
    if lock:
        stmt = stmt.with_for_update()
    scheme = (await session.execute(stmt)).scalar_one_or_none()
    if scheme is None:
        raise NotFound("考核方案不存在")
    return scheme


async def items_of(session: AsyncSession, scheme_id: uuid.UUID) -> list[AssessmentSchemeItem]:
    stmt = (
        select(AssessmentSchemeItem)
        .where(col(AssessmentSchemeItem.scheme_id) == scheme_id)
        .order_by(col(AssessmentSchemeItem.position))
    )
    return list((await session.execute(stmt)).scalars())


def total_weight(items: list[AssessmentSchemeItem]) -> Decimal:
    return sum((i.weight for i in items if i.kind in SCORED), Decimal(0))


# ── Writing ───────────────────────────────────────────────────────────────────────────────


def _item_error(n: int, field: str, message: str, code: str) -> Unprocessable:
    """422 for one field of the n-th item, located as the request validator locates it."""
    return Unprocessable(
        message,
        code=code,
        errors=[{"loc": ["body", "items", n, field], "msg": message, "type": code}],
    )


def _check_items(group: AssessmentGroup, items: list[SchemeItemWrite]) -> None:
    """Each line's shape, whenever a draft is saved; the weights' sum is checked on publish."""
    seen: set[str] = set()
    for n, item in enumerate(items):
        computation = catalog.find(group, item.key) if item.key else None
        if item.kind == SchemeItemKind.computed and computation is None:
            raise _item_error(
                n,
                "key",
                f"第 {n + 1} 项：系统计算项须选择{group.label}的指标",
                "unknown_indicator",
            )
        if item.kind in (SchemeItemKind.manual, SchemeItemKind.bonus) and item.key:
            raise _item_error(
                n, "key", f"第 {n + 1} 项：人工评分和加分项不填指标代码", "unexpected_key"
            )
        if item.kind == SchemeItemKind.deduction and item.key and computation is None:
            raise _item_error(
                n,
                "key",
                f"第 {n + 1} 项：按次扣分须选择{group.label}的扣分指标",
                "unknown_indicator",
            )
        if computation is not None and computation.kind != item.kind:
            wanted = "扣分项" if computation.kind == SchemeItemKind.deduction else "系统计算项"
            message = f"第 {n + 1} 项：“{computation.label}”只能作为{wanted}"
            raise _item_error(n, "kind", message, "wrong_kind")
        if item.kind == SchemeItemKind.deduction and item.key and item.points is None:
            raise _item_error(n, "points", f"第 {n + 1} 项：按次扣分须填写每次扣分", "missing")
        if item.points is not None and not (item.kind == SchemeItemKind.deduction and item.key):
            raise _item_error(
                n, "points", f"第 {n + 1} 项：只有按次扣分项填写每次扣分", "unexpected_points"
            )
        if item.key:
            if item.key in seen:
                raise _item_error(
                    n, "key", f"第 {n + 1} 项：指标“{item.label}”重复", "duplicate_indicator"
                )
            seen.add(item.key)


async def _write_items(
    session: AsyncSession, scheme: AssessmentScheme, items: list[SchemeItemWrite]
) -> None:
    await session.execute(
        delete(AssessmentSchemeItem).where(col(AssessmentSchemeItem.scheme_id) == scheme.id)
    )
    session.add_all(
        AssessmentSchemeItem(scheme_id=scheme.id, position=n, **item.model_dump())
        for n, item in enumerate(items)
    )
    await session.flush()


def _as_write(item: AssessmentSchemeItem) -> SchemeItemWrite:
    return SchemeItemWrite.model_validate(
        item.model_dump(include={"kind", "key", "label", "weight", "points", "criteria"})
    )


def reward_of(scheme: AssessmentScheme) -> RewardRule:
    return RewardRule.model_validate(
        {
            "fund": scheme.reward_fund,
            "individual_percent": scheme.individual_percent,
            "factors": scheme.reward_factors,
        }
    )


def _set_reward(scheme: AssessmentScheme, rule: RewardRule) -> None:
    scheme.reward_fund = rule.fund
    scheme.individual_percent = rule.individual_percent
    scheme.reward_factors = {g.value: str(f) for g, f in rule.factors.items()}


async def _last_year(
    session: AsyncSession, year: int, group: AssessmentGroup
) -> AssessmentScheme | None:
    """Last year's scheme for the group as it was finally published."""
    return (
        await session.execute(
            select(AssessmentScheme)
            .where(
                col(AssessmentScheme.year) == year - 1,
                col(AssessmentScheme.unit_group) == group.value,
                col(AssessmentScheme.state) == SchemeState.published.value,
            )
            .order_by(col(AssessmentScheme.revision).desc())
            .limit(1)
        )
    ).scalar_one_or_none()


async def _emit(
    session: AsyncSession,
    principal: Principal,
    scheme: AssessmentScheme,
    verb: str,
    before: dict | None,
) -> None:
    await events.emit(
        session,
        SchemeRecorded(
            actor=principal, object_id=scheme.id, verb=verb, before=before, after=snapshot(scheme)
        ),
    )


def _draft_only(scheme: AssessmentScheme) -> None:
    if scheme.state != SchemeState.draft.value:
        raise Conflict("考核方案已发布，不能修改；如需调整请修订为新版本", code="scheme_published")


async def create(
    session: AsyncSession, principal: Principal, body: SchemeCreate
) -> AssessmentScheme:
    """Revision 1 of the year's scheme for the group; one per year and group (409
    `scheme_exists`: change it through a revision)."""
    group = body.unit_group
    exists = await session.execute(
        select(col(AssessmentScheme.id)).where(
            col(AssessmentScheme.year) == body.year,
            col(AssessmentScheme.unit_group) == group.value,
        )
    )
    if exists.first() is not None:
        raise Conflict(f"{body.year}年度{group.label}的考核方案已存在", code="scheme_exists")
    last = await _last_year(session, body.year, group)
    items = body.items
    if items is None:
        items = [_as_write(i) for i in await items_of(session, last.id)] if last else None
    items = items if items is not None else DEFAULT_ITEMS[group]
    _check_items(group, items)
    grades = body.grades.model_dump() if body.grades else {}
    scheme = AssessmentScheme(
        year=body.year,
        unit_group=group.value,
        title=body.title or title_of(body.year, group),
        created_by_id=principal.user.id if principal.user else None,
        **grades,
    )
    _set_reward(scheme, body.reward or (reward_of(last) if last else DEFAULT_REWARD[group]))
    _check_grades(scheme)
    session.add(scheme)
    await flush_or_conflict(
        session, f"{body.year}年度{group.label}的考核方案已存在", "scheme_exists"
    )
    await _write_items(session, scheme, items)
    await _emit(session, principal, scheme, "create", None)
    return scheme


def _check_grades(scheme: AssessmentScheme) -> None:
    if not (scheme.pass_min < scheme.good_min < scheme.excellent_min):
        raise field_error(
            "grades", "等次分数线须满足：合格 < 良好 < 优秀（0–100 分）", "invalid_grades"
        )


async def update(
    session: AsyncSession,
    principal: Principal,
    scheme_id: uuid.UUID,
    body: SchemeUpdate,
    precondition: Precondition,
) -> AssessmentScheme:
    scheme = await load(session, principal, scheme_id, lock=True)
    precondition.check(scheme.version)
    _draft_only(scheme)
    before = snapshot(scheme)
    if body.title is not None:
        scheme.title = body.title
    if body.grades is not None:
        for name, value in body.grades.model_dump().items():
            setattr(scheme, name, value)
        _check_grades(scheme)
    if body.reward is not None:
        _set_reward(scheme, body.reward)
    if body.items is not None:
        _check_items(AssessmentGroup(scheme.unit_group), body.items)
        await _write_items(session, scheme, body.items)
    # The items live in their own table: a change to them is still a change of the scheme.
    scheme.updated_at = utcnow()
    await session.flush()
    await _emit(session, principal, scheme, "update", before)
    return scheme


async def transition(
    session: AsyncSession,
    principal: Principal,
    scheme_id: uuid.UUID,
    body: SchemeTransition,
) -> AssessmentScheme:
    """发布: the scored items (computed and hand-scored) must add up to 100 points."""
    scheme = await load(session, principal, scheme_id, lock=True)
    if scheme.state != body.expected_state.value:
        raise Conflict(f"考核方案当前为“{SchemeState(scheme.state).label}”", code="state_changed")
    if body.to_state != SchemeState.published or scheme.state != SchemeState.draft.value:
        raise Conflict("只能发布草稿状态的考核方案", code="invalid_transition")
    items = await items_of(session, scheme.id)
    if not any(i.kind in SCORED for i in items):
        raise Unprocessable("考核方案没有计分项，不能发布", code="scheme_empty")
    weight = total_weight(items)
    if weight != FULL_MARKS:
        raise Unprocessable(
            f"计分项（系统计算和人工评分）分值合计为 {weight} 分，须为 100 分",
            code="weights_not_100",
        )
    before = snapshot(scheme)
    scheme.state = SchemeState.published.value
    scheme.published_at = utcnow()
    scheme.published_by_id = principal.user.id if principal.user else None
    await session.flush()
    await _emit(session, principal, scheme, "publish", before)
    return scheme


async def revise(
    session: AsyncSession, principal: Principal, scheme_id: uuid.UUID, body: SchemeRevise
) -> AssessmentScheme:
    """修订: a draft copy of the year's current scheme as the next revision, with the reason;
    the published one stays in force until the new one is published."""
    scheme = await load(session, principal, scheme_id, lock=True)
    if scheme.id not in await current_ids(session):
        raise Conflict("只能修订该年度现行（最新发布）的考核方案", code="not_current")
    draft = AssessmentScheme(
        year=scheme.year,
        unit_group=scheme.unit_group,
        revision=scheme.revision + 1,
        title=scheme.title,
        reason=body.reason,
        excellent_min=scheme.excellent_min,
        good_min=scheme.good_min,
        pass_min=scheme.pass_min,
        reward_fund=scheme.reward_fund,
        individual_percent=scheme.individual_percent,
        reward_factors=dict(scheme.reward_factors),
        created_by_id=principal.user.id if principal.user else None,
    )
    session.add(draft)
    await flush_or_conflict(session, "该考核方案已有待发布的修订稿", "revision_exists")
    await _write_items(session, draft, [_as_write(i) for i in await items_of(session, scheme.id)])
    await _emit(session, principal, draft, "revise", None)
    return draft
