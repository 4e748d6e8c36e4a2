"""The projects' figures: signings, ≥ 1 亿元 signings, landings, funds arrived, breakdowns and
the funnel. Each is one aggregate statement over the caller's projects (app/projects/scope),
with the same conditions as the project list's filters named in its `list_query`."""

import calendar
from datetime import date, timedelta
from functools import partial
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.principal import Principal
from app.core.time import day_start
from app.dictionaries import service as dictionaries
from app.models import Project
from app.models.enums import STAGE_ORDER, DictionaryKind, Stage, StatsBreakdown
from app.models.project import IS_LANDED, MAJOR_THRESHOLD
from app.projects import scope
from app.stats.figures import count_where, figure, money_sum
from app.stats.schemas import (
    Breakdown,
    BreakdownRow,
    Figure,
    Funnel,
    FunnelRow,
    Period,
    StatsFilter,
)
from app.units import service as units

PATH = "/api/v1/projects"
LANDED = (Stage.started, Stage.operating)

SIGNED = "签约日期在统计期内的项目（不论目前所处阶段），签约金额合计（万元）"
SIGNED_MAJOR = "签约日期在统计期内、签约金额 ≥ 1 亿元（10000 万元）的项目"
LANDED_TEXT = "开工日期在统计期内、目前处于已开工或已投产阶段的项目（落地）"
FUNDS = "签约日期在统计期内的项目的累计到位资金（万元；分次到位记录建立前按项目累计数）"
FUNNEL = "各阶段目前的项目数（不按统计期划分），按工作流程顺序"
NEW_LEADS = "录入日期（北京时间）在统计期内的项目（新增线索，不论目前所处阶段）"
BREAKDOWN = "签约日期在统计期内的项目，按{by}分组的个数和签约金额（万元）"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _scoped(stmt: Any, principal: Principal | None) -> Any:
    """The caller's projects; None is the whole city (a unit's report, the same figures
    whoever computes them)."""
    return stmt if principal is None else scope.visible(stmt, principal)


def base(f: StatsFilter) -> tuple[list[Any], dict[str, Any]]:
    """The slice's conditions and the same slice as the project list's query parameters."""
    conditions: list[Any] = []
    query: dict[str, Any] = {}
    if f.unit_id:
        conditions.append(col(Project.owner_unit_id) == f.unit_id)
        query["owner_unit_id"] = str(f.unit_id)
    if f.industry_chain:
        conditions.append(col(Project.industry_chain) == f.industry_chain)
        query["industry_chain"] = f.industry_chain
    for name, column, value in (
        ("is_major", Project.is_major, f.is_major),
        ("is_key", Project.is_key, f.is_key),
    ):
        if value is not None:
            conditions.append(col(column) == value)
            query[name] = _flag(value)
    return conditions, query


def _signed_in(start: date, end: date) -> tuple[Any, dict[str, Any]]:
    signed = col(Project.signed_date)
    return and_(signed >= start, signed <= end), {
        "signed_from": start.isoformat(),
        "signed_to": end.isoformat(),
    }


_figure = partial(figure, PATH)


async def headline(
    session: AsyncSession, principal: Principal | None, f: StatsFilter, period: Period
) -> list[Figure]:
    conditions, query = base(f)
    in_period, signed_query = _signed_in(period.date_from, period.date_to)
    major = col(Project.signed_amount) >= MAJOR_THRESHOLD
    signed_stmt = select(
        func.count(),
        money_sum(col(Project.signed_amount)),
        count_where(major),
        money_sum(case((major, col(Project.signed_amount)))),
        money_sum(col(Project.funds_arrived)),
    ).select_from(Project)
    signed_stmt = _scoped(signed_stmt, principal).where(*conditions, in_period)
    count, amount, major_count, major_amount, funds = (await session.execute(signed_stmt)).one()
    started = col(Project.started_date)
    landed_stmt = _scoped(select(func.count()).select_from(Project), principal).where(
        *conditions,
        IS_LANDED,
        started >= period.date_from,
        started <= period.date_to,
    )
    landed = (await session.execute(landed_stmt)).scalar_one()
    signed_list = {**query, **signed_query}
    return [
        _figure("signed", "签约项目", count, SIGNED, signed_list, amount),
        _figure(
            "signed_major",
            "签约 1 亿元以上项目",
            major_count,
            SIGNED_MAJOR,
            {**signed_list, "signed_amount_min": str(MAJOR_THRESHOLD)},
            major_amount,
        ),
        _figure(
            "landed",
            "落地项目（已开工、已投产）",
            landed,
            LANDED_TEXT,
            {
                **query,
                "stage": [s.value for s in LANDED],
                "started_from": period.date_from.isoformat(),
                "started_to": period.date_to.isoformat(),
            },
        ),
        _figure("funds_arrived", "到位资金", count, FUNDS, signed_list, funds),
    ]


def _month_bounds(year: int, month: int, period: Period) -> tuple[date, date]:
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return max(first, period.date_from), min(last, period.date_to)


async def _labels(session: AsyncSession, by: StatsBreakdown) -> dict[Any, str]:
    if by == StatsBreakdown.unit:
        return dict(await units.names(session))
    if by == StatsBreakdown.industry_chain:
        return await dictionaries.labels(session, DictionaryKind.industry_chain)
    if by == StatsBreakdown.source_channel:
        return await dictionaries.labels(session, DictionaryKind.source_channel)
    return {s.value: s.label for s in Stage}


async def breakdown(
    session: AsyncSession,
    principal: Principal,
    f: StatsFilter,
    period: Period,
    by: StatsBreakdown,
) -> Breakdown:
    conditions, query = base(f)
    in_period, signed_query = _signed_in(period.date_from, period.date_to)
    amount = money_sum(col(Project.signed_amount))
    keys: list[Any]
    if by == StatsBreakdown.month:
        signed = col(Project.signed_date)
        keys = [func.extract("year", signed), func.extract("month", signed)]
    else:
        column = {
            StatsBreakdown.unit: Project.owner_unit_id,
            StatsBreakdown.industry_chain: Project.industry_chain,
            StatsBreakdown.source_channel: Project.source_channel,
            StatsBreakdown.stage: Project.stage,
        }[by]
        keys = [col(column)]
    stmt = scope.visible(select(*keys, func.count(), amount).select_from(Project), principal)
    stmt = stmt.where(*conditions, in_period).group_by(*keys)
    result = (await session.execute(stmt)).all()
    labels = {} if by == StatsBreakdown.month else await _labels(session, by)
    rows: list[BreakdownRow] = []
    for row in result:
        *group, count, total = row
        if by == StatsBreakdown.month:
            year, month = int(group[0]), int(group[1])
            start, end = _month_bounds(year, month, period)
            key, label = f"{year:04d}-{month:02d}", f"{year}年{month}月"
            row_query = {**query, "signed_from": start.isoformat(), "signed_to": end.isoformat()}
        else:
            value = group[0]
            key, label = str(value), labels.get(value, str(value))
            name = {
                StatsBreakdown.unit: "owner_unit_id",
                StatsBreakdown.industry_chain: "industry_chain",
                StatsBreakdown.source_channel: "source_channel",
                StatsBreakdown.stage: "stage",
            }[by]
            row_query = {**query, **signed_query, name: [key] if name == "stage" else key}
        figure = _figure("signed", "签约项目", count, SIGNED, row_query, total)
        rows.append(BreakdownRow(key=key, label=label, figures=[figure]))
    if by == StatsBreakdown.month:
        rows.sort(key=lambda r: r.key)
    else:
        rows.sort(key=lambda r: (-(r.figures[0].amount or 0), -r.figures[0].count, r.key))
    return Breakdown(period=period, by=by, definition=BREAKDOWN.format(by=by.label), rows=rows)


async def funnel(session: AsyncSession, principal: Principal | None, f: StatsFilter) -> Funnel:
    conditions, query = base(f)
    stage = col(Project.stage)
    stmt = _scoped(select(stage, func.count()).select_from(Project), principal)
    counts = dict((await session.execute(stmt.where(*conditions).group_by(stage))).all())
    rows = [
        FunnelRow(
            stage=s.value,
            label=s.label,
            figure=_figure(
                s.value, s.label, counts.get(s.value, 0), FUNNEL, {**query, "stage": [s]}
            ),
        )
        for s in STAGE_ORDER
    ]
    return Funnel(definition=FUNNEL, rows=rows)


async def new_leads(
    session: AsyncSession, principal: Principal | None, f: StatsFilter, period: Period
) -> Figure:
    """新增线索: projects recorded in the period, whatever their stage now."""
    conditions, query = base(f)
    stmt = _scoped(select(func.count()).select_from(Project), principal).where(
        *conditions,
        col(Project.created_at) >= day_start(period.date_from),
        col(Project.created_at) < day_start(period.date_to + timedelta(days=1)),
    )
    count = (await session.execute(stmt)).scalar_one()
    return _figure(
        "new_leads",
        "新增线索",
        count,
        NEW_LEADS,
        {
            **query,
            "created_from": period.date_from.isoformat(),
            "created_to": period.date_to.isoformat(),
        },
    )
