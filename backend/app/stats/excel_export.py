"""The statistics tables as Excel workbooks: the same rows as the JSON, Chinese headers with
their units (个、件、万元、工作日), one sheet per table."""

from decimal import Decimal
from typing import Any

from app.core.xlsx import Column, table
from app.models.enums import StatsBreakdown
from app.stats.schemas import (
    Breakdown,
    BreakdownRow,
    DepartmentRow,
    DepartmentStats,
    Figure,
    Funnel,
    FunnelRow,
    KeyProjectRow,
    KeyProjectStats,
    LeaderRow,
    LeaderStats,
    Period,
    ProjectStats,
    UnitRow,
    UnitStats,
)


def _count(key: str) -> Any:
    def read(row: Any) -> int | None:
        figure = next((f for f in row.figures if f.key == key), None)
        return None if figure is None else figure.count

    return read


def percent(rate: float | None) -> Decimal | None:
    """A 0–1 rate as the percentage the sheet shows (two decimals)."""
    return None if rate is None else (Decimal(str(rate)) * 100).quantize(Decimal("0.01"))


PERIOD_COLUMNS: list[Column[tuple[str, Period]]] = [
    Column("统计期", 12, lambda r: r[0]),
    Column("名称", 30, lambda r: r[1].label),
    Column("起（含）", 12, lambda r: r[1].date_from),
    Column("止（含）", 12, lambda r: r[1].date_to),
]


async def projects(stats: ProjectStats) -> bytes:
    ytd = stats.year_to_date
    rows = list(zip(stats.figures, ytd.figures, ytd.last_year_figures, strict=True))

    def amount(f: Figure) -> Decimal | None:
        return f.amount

    columns: list[Column[tuple[Figure, Figure, Figure]]] = [
        Column("指标", 24, lambda r: r[0].label),
        Column("本期个数（个）", 14, lambda r: r[0].count),
        Column("本期金额（万元）", 18, lambda r: amount(r[0])),
        Column("今年累计个数（个）", 16, lambda r: r[1].count),
        Column("今年累计金额（万元）", 20, lambda r: amount(r[1])),
        Column("上年同期个数（个）", 16, lambda r: r[2].count),
        Column("上年同期金额（万元）", 20, lambda r: amount(r[2])),
        Column("口径", 60, lambda r: r[0].definition),
    ]
    periods = [("本期", stats.period), ("今年累计", ytd.period), ("上年同期", ytd.last_year)]
    return await table([("主要指标", columns, rows), ("统计期", PERIOD_COLUMNS, periods)])


BREAKDOWN_HEADERS = {
    StatsBreakdown.unit: "责任单位",
    StatsBreakdown.industry_chain: "产业链",
    StatsBreakdown.source_channel: "招商渠道",
    StatsBreakdown.stage: "当前阶段",
    StatsBreakdown.month: "签约月份",
}


async def breakdown(stats: Breakdown) -> bytes:
    columns: list[Column[BreakdownRow]] = [
        Column(BREAKDOWN_HEADERS[stats.by], 24, lambda r: r.label),
        Column("签约项目（个）", 14, lambda r: r.figures[0].count),
        Column("签约金额（万元）", 18, lambda r: r.figures[0].amount),
    ]
    return await table([(f"按{stats.by.label}", columns, stats.rows)])


async def funnel(stats: Funnel) -> bytes:
    columns: list[Column[FunnelRow]] = [
        Column("阶段", 14, lambda r: r.label),
        Column("项目数（个）", 14, lambda r: r.figure.count),
    ]
    return await table([("项目阶段漏斗", columns, stats.rows)])


async def departments(stats: DepartmentStats) -> bytes:
    columns: list[Column[DepartmentRow]] = [
        Column("部门", 28, lambda r: r.department_name),
        Column("在办（件）", 12, _count("open")),
        Column("超期（件）", 12, _count("overdue")),
        Column("督办（件）", 12, _count("supervised")),
        Column("通报（件）", 12, _count("circulated")),
        Column("反馈（件）", 12, _count("resolved")),
        Column("按时反馈（件）", 14, _count("resolved_on_time")),
        Column("按时反馈率（%）", 16, lambda r: percent(r.on_time_rate)),
        Column("平均办理用时（工作日）", 22, lambda r: r.avg_working_days),
    ]
    return await table(
        [
            ("各部门办理情况", columns, stats.rows),
            ("统计期", PERIOD_COLUMNS, [("统计期", stats.period)]),
        ]
    )


async def units(stats: UnitStats) -> bytes:
    columns: list[Column[UnitRow]] = [
        Column("单位", 28, lambda r: r.unit_name),
        Column("未办结议定事项（项）", 20, _count("open")),
        Column("超期议定事项（项）", 20, _count("overdue")),
    ]
    return await table([("议定事项落实情况", columns, stats.rows)])


async def leaders(stats: LeaderStats) -> bytes:
    columns: list[Column[LeaderRow]] = [
        Column("市领导", 12, lambda r: r.leader_name),
        Column("项目编码", 16, lambda r: r.project_code),
        Column("项目名称", 36, lambda r: r.project_name),
        Column("当前阶段", 12, lambda r: r.stage_label),
        Column("在当前阶段（天）", 16, lambda r: r.days_in_stage),
        Column("未办结服务事项（件）", 20, _count("open_tickets")),
        Column("超期服务事项（件）", 18, _count("overdue_tickets")),
        Column("未办结议定事项（项）", 20, _count("open_decisions")),
    ]
    return await table([("市领导联系项目", columns, stats.rows)])


async def key_projects(stats: KeyProjectStats) -> bytes:
    columns: list[Column[KeyProjectRow]] = [
        Column("项目编码", 16, lambda r: r.project_code),
        Column("项目名称", 36, lambda r: r.project_name),
        Column("责任单位", 20, lambda r: r.owner_unit_name),
        Column("当前阶段", 12, lambda r: r.stage_label),
        Column("在当前阶段（天）", 16, lambda r: r.days_in_stage),
        Column("长期无进展", 10, lambda r: "是" if r.is_stale else ""),
        Column("牵头市领导", 12, lambda r: r.leader_name or ""),
        Column("未办结服务事项（件）", 20, _count("open_tickets")),
        Column("超期服务事项（件）", 18, _count("overdue_tickets")),
        Column("未办结议定事项（项）", 20, _count("open_decisions")),
        Column("卡点", 40, lambda r: r.blocker_note or ""),
    ]
    return await table([("重点项目", columns, stats.rows)])
