"""The bureau's city summary (全市汇总) of a period, as the API reads and writes it."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import MultilineText, RequestBody, ResponseBody
from app.models.enums import ReportFigureKey, ReportState
from app.reports.schemas import PeriodRead, Reason

Analysis = Annotated[MultilineText, Field(max_length=20000)]


class SummaryColumn(ResponseBody):
    key: ReportFigureKey = Field(description="指标代码")
    label: str = Field(description="指标名称")
    unit: str = Field(description="计量单位：个 或 万元")


class SummaryRow(ResponseBody):
    unit: UnitBrief = Field(description="报送单位")
    state: ReportState | None = Field(description="该单位报表的状态；没有报表为空")
    figures: dict[ReportFigureKey, Decimal] | None = Field(
        description="已通过报表的指标（更正值优先）；未通过为空，不计入合计"
    )


class SummaryComparison(ResponseBody):
    label: str = Field(description="比较对象：上月、上季度 或 去年同期")
    period_id: uuid.UUID | None = Field(description="比较的报表期；未开启为空")
    period_label: str = Field(description="比较的报表期名称")
    available: bool = Field(description="该期有已通过的报表；否则为无数据")
    reports: int = Field(description="该期已通过的报表数")
    totals: dict[ReportFigureKey, Decimal] | None = Field(description="该期合计；无数据为空")
    change: dict[ReportFigureKey, Decimal] | None = Field(description="本期合计减该期合计")
    rate: dict[ReportFigureKey, Decimal | None] | None = Field(
        description="增减百分比（保留一位小数）；该期为 0 时为空"
    )


class MissingUnit(ResponseBody):
    unit: UnitBrief = Field(description="单位")
    state: ReportState | None = Field(description="报表状态；没有报表为空")
    status: str = Field(description="未报送、待审核 或 已退回")


class SummaryContent(ResponseBody):
    """The summary's table: what a published version freezes."""

    period_label: str = Field(description="报表期名称")
    date_from: date = Field(description="统计期起（含）")
    date_to: date = Field(description="统计期止（含）")
    columns: list[SummaryColumn] = Field(description="指标列，按报表顺序")
    rows: list[SummaryRow] = Field(description="各单位，按单位编码")
    totals: dict[ReportFigureKey, Decimal] = Field(description="已通过报表的合计")
    expected: int = Field(description="应报单位数")
    accepted: int = Field(description="已通过单位数")
    previous: SummaryComparison = Field(description="环比：上月或上季度")
    last_year: SummaryComparison = Field(description="同比：去年同期")
    missing: list[MissingUnit] = Field(description="未报送或未通过的单位")


class SummaryVersionRead(ResponseBody):
    version: int = Field(description="版本号")
    analysis: str = Field(description="分析文字")
    reason: str | None = Field(description="更正原因（首次发布为空）")
    published_by_name: str = Field(description="发布人")
    published_at: datetime = Field(description="发布时间（UTC）")
    content: SummaryContent = Field(description="发布时的汇总表（快照）")
    docx_url: str = Field(description="下载该版本（Word）的地址")
    xlsx_url: str = Field(description="下载该版本（Excel）的地址")


class SummaryRead(ResponseBody):
    period: PeriodRead = Field(description="报表期")
    content: SummaryContent = Field(description="按当前已通过报表计算的汇总表")
    analysis: str = Field(description="分析文字草稿（仅统筹可见）")
    draft_version: int = Field(description="草稿版本（即 ETag）；尚无草稿为 0")
    versions: list[SummaryVersionRead] = Field(description="已发布版本，最新在前")
    actions: list[str] = Field(description="调用方可做的操作：edit、publish、correct")


class SummaryAnalysisUpdate(RequestBody):
    analysis: Analysis = Field(description="分析文字（草稿）")


class SummaryPublish(RequestBody):
    reason: Reason | None = Field(
        default=None, description="更正原因：首次发布不填，发布更正版时必填"
    )
