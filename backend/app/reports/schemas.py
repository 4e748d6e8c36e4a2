"""月报 / 季报: periods, a unit's report, its figures and history, as the API reads them."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import (
    Day,
    Money,
    MultilineText,
    QueryInt,
    QueryParams,
    RequestBody,
    ResponseBody,
    UpdatedAfter,
)
from app.models.enums import ReportFigureKey, ReportKind, ReportState, Stage

Narrative = Annotated[MultilineText, Field(max_length=5000)]
Reason = Annotated[MultilineText, Field(min_length=2, max_length=500)]


class PeriodCreate(RequestBody):
    kind: ReportKind = Field(description="月报（month）或季报（quarter）")
    year: Annotated[int, Field(ge=2000, le=2100, strict=True, description="年度")]
    number: Annotated[int, Field(ge=1, le=12, strict=True, description="月份（1–12）或季度（1–4）")]
    deadline: Day | None = Field(
        default=None,
        description="报送截止日期；不填为统计期结束后第 N 个工作日（REPORT_DEADLINE_WORKING_DAYS）",
    )


class PeriodFilter(QueryParams):
    kind: Annotated[ReportKind | None, Field(description="月报或季报")] = None
    year: Annotated[QueryInt | None, Field(ge=2000, le=2100, description="年度")] = None
    updated_after: UpdatedAfter = None


class PeriodRead(ResponseBody):
    id: uuid.UUID = Field(description="报表期编号")
    kind: ReportKind = Field(description="月报或季报")
    year: int = Field(description="年度")
    number: int = Field(description="月份或季度")
    label: str = Field(description="名称，如 2026年10月月报")
    date_from: date = Field(description="统计期起（含）")
    date_to: date = Field(description="统计期止（含）")
    deadline: date = Field(description="报送截止日期（含）")
    reports: int = Field(description="应报单位数")
    submitted: int = Field(description="已报送（含已通过）")
    accepted: int = Field(description="已通过")
    created_at: datetime = Field(description="开启时间（UTC）")


class ReportFilter(QueryParams):
    period_id: Annotated[uuid.UUID | None, Field(description="报表期")] = None
    kind: Annotated[ReportKind | None, Field(description="月报或季报")] = None
    year: Annotated[QueryInt | None, Field(ge=2000, le=2100, description="年度")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="报送单位")] = None
    state: Annotated[list[ReportState] | None, Field(description="状态（可多选）")] = None
    overdue: Annotated[bool | None, Field(description="逾期未报（从未报送且已过截止日期）")] = None
    late: Annotated[bool | None, Field(description="迟报（首次报送晚于截止日期）")] = None
    updated_after: UpdatedAfter = None


class FigureRead(ResponseBody):
    key: ReportFigureKey = Field(description="指标代码")
    label: str = Field(description="指标名称")
    unit: str = Field(description="计量单位：个 或 万元")
    definition: str = Field(description="口径")
    computed: Decimal = Field(description="系统根据数据计算的值")
    corrected: Decimal | None = Field(description="单位更正后的值；未更正为空")
    reason: str | None = Field(description="更正理由")
    value: Decimal = Field(description="报送值：更正值，未更正时为计算值")


class ProjectRow(ResponseBody):
    id: uuid.UUID = Field(description="项目编号")
    code: str = Field(description="项目代码")
    name: str = Field(description="项目名称")
    stage: Stage = Field(description="阶段")
    signed_amount: Decimal | None = Field(description="签约金额（万元）；保密项目对只读用户隐藏")
    progress: str = Field(description="最近进展（统计期末前最近一次接洽/洽谈记录或卡点）")


class EventRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    action: str = Field(description="操作：open、submit、return、accept")
    from_state: ReportState | None = Field(description="原状态")
    to_state: ReportState = Field(description="新状态")
    reason: str | None = Field(description="理由（退回时必填）")
    actor_name: str = Field(description="操作人")
    occurred_at: datetime = Field(description="时间（UTC）")


class ReportSummary(ResponseBody):
    id: uuid.UUID = Field(description="报表编号")
    period: PeriodRead = Field(description="报表期")
    unit: UnitBrief = Field(description="报送单位")
    state: ReportState = Field(description="状态")
    submitted_at: datetime | None = Field(description="最近一次报送时间（UTC）")
    accepted_at: datetime | None = Field(description="通过时间（UTC）")
    late: bool = Field(description="迟报：首次报送晚于截止日期")
    overdue: bool = Field(description="逾期未报：从未报送且已过截止日期")
    return_reason: str | None = Field(description="最近一次退回的理由（已退回时）")
    version: int = Field(description="版本号（ETag）")


class ReportRead(ReportSummary):
    measures: str = Field(description="重大措施")
    meetings: str = Field(description="重要会议")
    activities: str = Field(description="重要活动")
    project_progress: str = Field(description="重点项目进展")
    problems: str = Field(description="存在问题")
    next_plan: str = Field(description="下月工作计划")
    figures: list[FigureRead] = Field(description="主要指标（计算值、更正值与理由）")
    projects: list[ProjectRow] = Field(description="重大、重点项目情况（快照）")
    computed_at: datetime = Field(description="指标与项目表的计算时间（UTC）")
    events: list[EventRead] = Field(description="报送、退回、通过的记录，按时间先后")
    actions: list[str] = Field(
        description="当前用户可执行的操作：edit、refresh、submit、return、accept"
    )


class Correction(RequestBody):
    key: ReportFigureKey = Field(description="指标代码")
    corrected: Money | None = Field(description="更正后的值；null 撤销更正（个数须为整数）")
    reason: Reason | None = Field(default=None, description="更正理由（更正时必填）")


class ReportUpdate(RequestBody):
    """Only the fields sent change; allowed while the report is a draft or returned."""

    measures: Narrative | None = Field(default=None, description="重大措施")
    meetings: Narrative | None = Field(default=None, description="重要会议")
    activities: Narrative | None = Field(default=None, description="重要活动")
    project_progress: Narrative | None = Field(default=None, description="重点项目进展")
    problems: Narrative | None = Field(default=None, description="存在问题")
    next_plan: Narrative | None = Field(default=None, description="下月工作计划")
    corrections: Annotated[list[Correction], Field(max_length=7)] | None = Field(
        default=None, description="指标更正（只改列出的指标）"
    )


class ReportTransition(RequestBody):
    expected_state: ReportState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: ReportState = Field(
        description="submitted（单位报送）、returned（统筹退回）或 accepted（统筹通过）"
    )
    reason: Reason | None = Field(default=None, description="退回理由（退回时必填）")
