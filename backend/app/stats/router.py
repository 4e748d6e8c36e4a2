"""统计: the figures dashboards and reports show, each with its definition and its list."""

from typing import Annotated

from fastapi import APIRouter, Depends

from app.auth.dependencies import SessionDep, require
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.stats import decisions, periods, projects, tickets
from app.stats.schemas import (
    Breakdown,
    BreakdownFilter,
    Comparison,
    DepartmentStats,
    Funnel,
    ProjectStats,
    StatsFilter,
    UnitStats,
)

router = APIRouter(prefix="/stats", tags=["stats"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Filters = Annotated[StatsFilter, query_model(StatsFilter)]
ERRORS: dict[int | str, dict[str, object]] = {401: {"model": Problem}, 403: {"model": Problem}}


@router.get("/projects", response_model=ProjectStats, responses=ERRORS, summary="项目主要指标")
async def project_stats(principal: Reader, session: SessionDep, filters: Filters) -> ProjectStats:
    """签约个数和金额、1 亿元以上签约、落地（开工）、到位资金，统计期内和年初至今对比上年同期。
    每个指标带口径和产生它的项目列表查询（`list_query`）：以 include_total=true 调用该列表，
    `total` 等于指标的 `count`，列表各行金额之和等于指标的 `amount`。"""
    period = periods.resolve(filters)
    this, last = periods.year_to_date(period)
    return ProjectStats(
        period=period,
        figures=await projects.headline(session, principal, filters, period),
        year_to_date=Comparison(
            period=this,
            last_year=last,
            figures=await projects.headline(session, principal, filters, this),
            last_year_figures=await projects.headline(session, principal, filters, last),
        ),
    )


@router.get(
    "/projects/breakdown", response_model=Breakdown, responses=ERRORS, summary="签约项目分组统计"
)
async def project_breakdown(
    principal: Reader,
    session: SessionDep,
    filters: Annotated[BreakdownFilter, query_model(BreakdownFilter)],
) -> Breakdown:
    """统计期内签约的项目按责任单位、产业链、招商渠道、当前阶段或月份分组。"""
    period = periods.resolve(filters)
    return await projects.breakdown(session, principal, filters, period, filters.by)


@router.get("/projects/funnel", response_model=Funnel, responses=ERRORS, summary="项目阶段漏斗")
async def project_funnel(principal: Reader, session: SessionDep, filters: Filters) -> Funnel:
    """各阶段目前的项目数，按流程顺序（统计期参数不适用）。"""
    return await projects.funnel(session, principal, filters)


@router.get(
    "/tickets/departments",
    response_model=DepartmentStats,
    responses=ERRORS,
    summary="各部门服务事项办理情况",
)
async def ticket_departments(
    principal: Reader, session: SessionDep, filters: Filters
) -> DepartmentStats:
    """各职能部门（牵头或协办）在办、超期、督办、通报的事项数（仅 unit_id 筛选适用）。"""
    return await tickets.departments(session, principal, filters)


@router.get(
    "/decisions/units",
    response_model=UnitStats,
    responses=ERRORS,
    summary="各单位议定事项落实情况",
)
async def decision_units(principal: Reader, session: SessionDep) -> UnitStats:
    """各单位（负责或配合）未办结、超期的议定事项数。"""
    return await decisions.by_unit(session, principal)
