"""The statistics' filters and read models: every figure names its definition and the list
query that reproduces it."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from app.core.schemas import Day, QueryInt, QueryParams, ResponseBody, Text
from app.models.enums import Stage, StatsBreakdown, StatsPeriod


class StatsFilter(QueryParams):
    """统计期 and the slice of projects a statistic covers."""

    year: Annotated[
        QueryInt | None, Field(ge=2000, le=2100, description="年度；不填为今年（北京时间）")
    ] = None
    period: Annotated[StatsPeriod, Field(description="统计期：全年、半年、季度、月度或自定义")] = (
        StatsPeriod.year
    )
    half: Annotated[QueryInt | None, Field(ge=1, le=2, description="上/下半年（1 或 2）")] = None
    quarter: Annotated[QueryInt | None, Field(ge=1, le=4, description="季度（1–4）")] = None
    month: Annotated[QueryInt | None, Field(ge=1, le=12, description="月份（1–12）")] = None
    date_from: Annotated[Day | None, Field(description="自定义统计期起（含）")] = None
    date_to: Annotated[Day | None, Field(description="自定义统计期止（含）")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="责任单位（县市区/园区）")] = None
    industry_chain: Annotated[Text | None, Field(max_length=40, description="产业链代码")] = None
    is_major: Annotated[bool | None, Field(description="重大项目（计划总投资 ≥ 1 亿元）")] = None
    is_key: Annotated[bool | None, Field(description="重点项目（保姆式服务）")] = None

    @model_validator(mode="after")
    def _period_complete(self) -> Self:
        needs = {
            StatsPeriod.half: ("half", self.half),
            StatsPeriod.quarter: ("quarter", self.quarter),
            StatsPeriod.month: ("month", self.month),
        }
        if self.period in needs and needs[self.period][1] is None:
            raise ValueError(f"统计期为{self.period.label}时须指定 {needs[self.period][0]}")
        if self.period == StatsPeriod.custom:
            if self.date_from is None or self.date_to is None:
                raise ValueError("自定义统计期须指定 date_from 和 date_to")
            if self.date_from > self.date_to:
                raise ValueError("统计期的起始日期不能晚于截止日期")
        return self


class BreakdownFilter(StatsFilter):
    by: Annotated[StatsBreakdown, Field(description="分组维度")] = StatsBreakdown.unit


class Period(ResponseBody):
    date_from: date = Field(description="统计期起（含）")
    date_to: date = Field(description="统计期止（含）")
    label: str = Field(description="统计期名称，如 2026年第3季度")


class ListQuery(ResponseBody):
    """The list that produces a figure: GET `path` with `query` (and include_total=true)
    answers `total` equal to the figure's count, and its rows add up to its amount."""

    path: str = Field(description="列表接口路径，如 /api/v1/projects")
    query: dict[str, Any] = Field(description="列表的查询参数（多值参数为数组）")


class Figure(ResponseBody):
    key: str = Field(description="指标代码")
    label: str = Field(description="指标名称")
    count: int = Field(description="个数（列表的 total）")
    amount: Decimal | None = Field(description="金额（万元，精确到分）；仅金额类指标")
    definition: str = Field(description="口径：统计哪些对象、以哪个日期划分统计期")
    list_query: ListQuery = Field(description="产生该数字的列表查询")


class Comparison(ResponseBody):
    """年初至今 against the same days of last year."""

    period: Period = Field(description="今年 1 月 1 日至统计期止")
    last_year: Period = Field(description="上年同期")
    figures: list[Figure] = Field(description="今年累计")
    last_year_figures: list[Figure] = Field(description="上年同期")


class ProjectStats(ResponseBody):
    period: Period = Field(description="统计期")
    figures: list[Figure] = Field(description="主要指标")
    year_to_date: Comparison = Field(description="年初至今与上年同期")


class BreakdownRow(ResponseBody):
    key: str = Field(description="分组代码（单位编号、产业链代码、阶段代码或 YYYY-MM）")
    label: str = Field(description="分组名称")
    figures: list[Figure] = Field(description="该组的签约个数与金额")


class Breakdown(ResponseBody):
    period: Period = Field(description="统计期")
    by: StatsBreakdown = Field(description="分组维度")
    definition: str = Field(description="口径")
    rows: list[BreakdownRow] = Field(description="各组，按签约金额从高到低（月份按时间）")


class FunnelRow(ResponseBody):
    stage: str = Field(description="阶段代码")
    label: str = Field(description="阶段名称")
    figure: Figure = Field(description="处于该阶段的项目数")


class Funnel(ResponseBody):
    definition: str = Field(description="口径")
    rows: list[FunnelRow] = Field(description="按流程顺序的各阶段")


class DepartmentRow(ResponseBody):
    department_id: uuid.UUID = Field(description="办理部门")
    department_name: str = Field(description="部门名称")
    figures: list[Figure] = Field(
        description="在办、超期、督办、通报（目前状态），统计期内反馈、按时反馈"
    )
    on_time_rate: float | None = Field(
        description="按时反馈率（0–1，四位小数）：按时反馈 ÷ 反馈；统计期内无反馈时为空"
    )
    avg_working_days: float | None = Field(
        description="平均办理用时（工作日，一位小数）；统计期内无反馈时为空"
    )


class DepartmentStats(ResponseBody):
    period: Period = Field(description="统计期（反馈、按时反馈、按时率、平均用时按此划分）")
    definitions: dict[str, str] = Field(description="按时反馈率（on_time_rate）、平均用时的口径")
    rows: list[DepartmentRow] = Field(description="各部门，按超期数从多到少")


class UnitRow(ResponseBody):
    unit_id: uuid.UUID = Field(description="单位")
    unit_name: str = Field(description="单位名称")
    figures: list[Figure] = Field(description="未办结、超期")


class UnitStats(ResponseBody):
    rows: list[UnitRow] = Field(description="各单位，按超期数从多到少")


class LeaderRow(ResponseBody):
    leader_id: uuid.UUID = Field(description="市领导")
    leader_name: str = Field(description="市领导姓名")
    project_id: uuid.UUID = Field(description="牵头联系的项目")
    project_code: str = Field(description="项目编码")
    project_name: str = Field(description="项目名称")
    stage: Stage = Field(description="项目当前阶段")
    stage_label: str = Field(description="阶段名称")
    days_in_stage: int = Field(description="在当前阶段的天数")
    figures: list[Figure] = Field(
        description="未办结服务事项、超期服务事项（可查看服务事项时）、未办结议定事项（可查看会议时）"
    )


class LeaderStats(ResponseBody):
    definition: str = Field(description="口径")
    rows: list[LeaderRow] = Field(description="各位市领导，按姓名排序")


class KeyProjectRow(ResponseBody):
    project_id: uuid.UUID = Field(description="项目")
    project_code: str = Field(description="项目编码")
    project_name: str = Field(description="项目名称")
    owner_unit_name: str = Field(description="责任单位名称")
    stage: Stage = Field(description="项目当前阶段")
    stage_label: str = Field(description="阶段名称")
    days_in_stage: int = Field(description="在当前阶段的天数")
    is_stale: bool = Field(description="长期无进展（与项目列表同一口径）")
    blocker_note: str | None = Field(description="卡点说明")
    leader_name: str | None = Field(description="牵头市领导（当前）")
    figures: list[Figure] = Field(
        description="未办结服务事项、超期服务事项（可查看服务事项时）、未办结议定事项（可查看会议时）"
    )


class KeyProjectStats(ResponseBody):
    total: Figure = Field(description="重点项目个数及其项目列表查询")
    rows: list[KeyProjectRow] = Field(description="各重点项目，按项目编码排序，至多 50 个")
