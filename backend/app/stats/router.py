"""统计: the figures dashboards and reports show, each with its definition and its list, and
every table as an Excel workbook (`…/export`, the same filters, scope and permission)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import SessionDep, SettingsDep, require
from app.core import xlsx
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.pagination import query_model
from app.core.permissions import Permission
from app.core.principal import Principal
from app.stats import decisions, excel_export, leaders, periods, projects, tickets
from app.stats.schemas import (
    Breakdown,
    BreakdownFilter,
    Comparison,
    DepartmentStats,
    Funnel,
    KeyProjectStats,
    LeaderStats,
    ProjectStats,
    StatsFilter,
    UnitStats,
)

router = APIRouter(prefix="/stats", tags=["stats"], route_class=IdempotentRoute)

Reader = Annotated[Principal, Depends(require(Permission.reports_read))]
Filters = Annotated[StatsFilter, query_model(StatsFilter)]
BreakdownFilters = Annotated[BreakdownFilter, query_model(BreakdownFilter)]
ERRORS: dict[int | str, dict[str, object]] = {401: {"model": Problem}, 403: {"model": Problem}}


def _workbook(description: str) -> dict[int | str, dict[str, object]]:
    return {**xlsx.responses(description), **ERRORS}


async def _project_stats(
    session: AsyncSession, principal: Principal, f: StatsFilter
) -> ProjectStats:
    period = periods.resolve(f)
    this, last = periods.year_to_date(period)
    figures = await projects.headline(session, principal, f, period)
    # The whole year, or a period from 1 January, is its own year to date: read it once.
    same = (this.date_from, this.date_to) == (period.date_from, period.date_to)
    return ProjectStats(
        period=period,
        figures=figures,
        year_to_date=Comparison(
            period=this,
            last_year=last,
            figures=figures if same else await projects.headline(session, principal, f, this),
            last_year_figures=await projects.headline(session, principal, f, last),
        ),
    )


@router.get("/projects", response_model=ProjectStats, responses=ERRORS, summary="项目主要指标")
async def project_stats(principal: Reader, session: SessionDep, filters: Filters) -> ProjectStats:
    """签约个数和金额、1 亿元以上签约、落地（开工）、到位资金，统计期内和年初至今对比上年同期。
    每个指标带口径和产生它的项目列表查询（`list_query`）：以 include_total=true 调用该列表，
    `total` 等于指标的 `count`，列表各行金额之和等于指标的 `amount`。"""
    return await _project_stats(session, principal, filters)


@router.get(
    "/projects/export",
    response_class=Response,
    responses=_workbook("项目主要指标（.xlsx）"),
    summary="导出项目主要指标",
)
async def export_project_stats(
    principal: Reader, session: SessionDep, filters: Filters
) -> Response:
    """`GET /stats/projects` as a workbook: 本期、今年累计、上年同期的个数和金额（万元）及口径。"""
    stats = await _project_stats(session, principal, filters)
    return xlsx.download(await excel_export.projects(stats), "项目主要指标", "project-stats")


@router.get(
    "/projects/breakdown", response_model=Breakdown, responses=ERRORS, summary="签约项目分组统计"
)
async def project_breakdown(
    principal: Reader, session: SessionDep, filters: BreakdownFilters
) -> Breakdown:
    """统计期内签约的项目按责任单位、产业链、招商渠道、当前阶段或月份分组。"""
    period = periods.resolve(filters)
    return await projects.breakdown(session, principal, filters, period, filters.by)


@router.get(
    "/projects/breakdown/export",
    response_class=Response,
    responses=_workbook("签约项目分组统计（.xlsx）"),
    summary="导出签约项目分组统计",
)
async def export_project_breakdown(
    principal: Reader, session: SessionDep, filters: BreakdownFilters
) -> Response:
    """`GET /stats/projects/breakdown` as a workbook: 各组签约个数和金额（万元）。"""
    period = periods.resolve(filters)
    stats = await projects.breakdown(session, principal, filters, period, filters.by)
    name = f"签约项目按{filters.by.label}统计"
    return xlsx.download(await excel_export.breakdown(stats), name, f"signed-by-{filters.by}")


@router.get("/projects/key", response_model=KeyProjectStats, responses=ERRORS, summary="重点项目")
async def key_projects(
    principal: Reader, session: SessionDep, settings: SettingsDep, filters: Filters
) -> KeyProjectStats:
    """重点项目（保姆式服务）：各项目当前阶段和天数、牵头市领导、卡点，及未办结、超期的服务事项和
    未办结的议定事项（各带列表查询；调用方不能查看服务事项或会议时不含相应指标）。按项目编码列出
    前 50 个，`total` 为全部个数及其项目列表；统计期参数不适用。"""
    return await leaders.key_projects(session, principal, settings, filters)


@router.get(
    "/projects/key/export",
    response_class=Response,
    responses=_workbook("重点项目（.xlsx）"),
    summary="导出重点项目",
)
async def export_key_projects(
    principal: Reader, session: SessionDep, settings: SettingsDep, filters: Filters
) -> Response:
    """`GET /stats/projects/key` as a workbook, every key project in it."""
    stats = await leaders.key_projects(session, principal, settings, filters, limit=None)
    return xlsx.download(await excel_export.key_projects(stats), "重点项目", "key-projects")


@router.get("/projects/funnel", response_model=Funnel, responses=ERRORS, summary="项目阶段漏斗")
async def project_funnel(principal: Reader, session: SessionDep, filters: Filters) -> Funnel:
    """各阶段目前的项目数，按流程顺序（统计期参数不适用）。"""
    return await projects.funnel(session, principal, filters)


@router.get(
    "/projects/funnel/export",
    response_class=Response,
    responses=_workbook("项目阶段漏斗（.xlsx）"),
    summary="导出项目阶段漏斗",
)
async def export_project_funnel(
    principal: Reader, session: SessionDep, filters: Filters
) -> Response:
    """`GET /stats/projects/funnel` as a workbook."""
    stats = await projects.funnel(session, principal, filters)
    return xlsx.download(await excel_export.funnel(stats), "项目阶段漏斗", "project-funnel")


@router.get(
    "/tickets/departments",
    response_model=DepartmentStats,
    responses=ERRORS,
    summary="各部门服务事项办理情况",
)
async def ticket_departments(
    principal: Reader, session: SessionDep, filters: Filters
) -> DepartmentStats:
    """各职能部门（牵头或协办）目前在办、超期、督办、通报的事项数，统计期内反馈、按时反馈的
    事项数、按时反馈率和平均办理用时（工作日）。项目筛选中仅 unit_id 适用。"""
    return await tickets.departments(session, principal, filters, periods.resolve(filters))


@router.get(
    "/tickets/departments/export",
    response_class=Response,
    responses=_workbook("各部门服务事项办理情况（.xlsx）"),
    summary="导出各部门服务事项办理情况",
)
async def export_ticket_departments(
    principal: Reader, session: SessionDep, filters: Filters
) -> Response:
    """`GET /stats/tickets/departments` as a workbook (按时反馈率以百分数表示)。"""
    stats = await tickets.departments(session, principal, filters, periods.resolve(filters))
    content = await excel_export.departments(stats)
    return xlsx.download(content, "各部门服务事项办理情况", "ticket-departments")


@router.get(
    "/decisions/units",
    response_model=UnitStats,
    responses=ERRORS,
    summary="各单位议定事项落实情况",
)
async def decision_units(principal: Reader, session: SessionDep) -> UnitStats:
    """各单位（负责或配合）未办结、超期的议定事项数。"""
    return await decisions.by_unit(session, principal)


@router.get(
    "/decisions/units/export",
    response_class=Response,
    responses=_workbook("各单位议定事项落实情况（.xlsx）"),
    summary="导出各单位议定事项落实情况",
)
async def export_decision_units(principal: Reader, session: SessionDep) -> Response:
    """`GET /stats/decisions/units` as a workbook."""
    stats = await decisions.by_unit(session, principal)
    content = await excel_export.units(stats)
    return xlsx.download(content, "各单位议定事项落实情况", "decision-units")


@router.get("/leaders", response_model=LeaderStats, responses=ERRORS, summary="市领导联系项目")
async def leader_board(principal: Reader, session: SessionDep, filters: Filters) -> LeaderStats:
    """每位市领导目前牵头联系的项目、所处阶段和天数，及该项目未办结、超期的服务事项和未办结的
    议定事项（各带列表查询；调用方不能查看服务事项或会议时不含相应指标）。只列调用方可见的
    项目；统计期参数不适用。"""
    return await leaders.board(session, principal, filters)


@router.get(
    "/leaders/export",
    response_class=Response,
    responses=_workbook("市领导联系项目（.xlsx）"),
    summary="导出市领导联系项目",
)
async def export_leader_board(principal: Reader, session: SessionDep, filters: Filters) -> Response:
    """`GET /stats/leaders` as a workbook."""
    stats = await leaders.board(session, principal, filters)
    return xlsx.download(await excel_export.leaders(stats), "市领导联系项目", "leaders")
