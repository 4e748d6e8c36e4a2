"""半年度通报 and assessment indicators: request bodies and read models."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from app.core.schemas import Bool, Int, Money, MultilineText, RequestBody, ResponseBody, Text
from app.models.enums import AssessmentGroup, BulletinState, IndicatorDirection
from app.stats.schemas import ListQuery, Period

Reason = Annotated[Text, StringConstraints(min_length=1, max_length=200)]


class IndicatorRead(ResponseBody):
    id: uuid.UUID = Field(description="指标编号")
    unit_group: AssessmentGroup = Field(description="考核对象：县市区/园区或职能部门")
    key: str = Field(description="指标代码（决定计算方法）")
    label: str = Field(description="指标名称")
    weight: Decimal = Field(description="权重（分）")
    direction: IndicatorDirection = Field(description="正向或负向（扣分）")
    position: int = Field(description="显示顺序")
    is_active: bool = Field(description="是否计入排名")
    version: int = Field(description="版本号（If-Match）")


class IndicatorUpdate(RequestBody):
    label: Annotated[Text, StringConstraints(min_length=1, max_length=60)] | None = Field(
        default=None, description="指标名称"
    )
    weight: Money | None = Field(default=None, le=Decimal(100), description="权重（0–100 分）")
    is_active: Bool | None = Field(default=None, description="是否计入排名")


class BulletinCreate(RequestBody):
    year: Int = Field(ge=2000, le=2100, description="年度")
    half: Int = Field(ge=1, le=2, description="1 上半年，2 下半年")


class Mention(RequestBody):
    unit_id: uuid.UUID = Field(description="单位（须在本通报的排名中）")
    reason: Reason = Field(description="理由")


class BulletinUpdate(RequestBody):
    analysis: Annotated[MultilineText, StringConstraints(max_length=20_000)] | None = Field(
        default=None, description="分析（通报正文）"
    )
    praised: list[Mention] | None = Field(default=None, max_length=50, description="表扬名单")
    criticised: list[Mention] | None = Field(
        default=None, max_length=50, description="通报批评名单"
    )


class BulletinTransition(RequestBody):
    expected_state: BulletinState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: BulletinState = Field(description="目标状态：published（发布）")


class MentionRead(ResponseBody):
    unit_id: uuid.UUID = Field(description="单位")
    unit_name: str = Field(description="单位名称")
    reason: str = Field(description="理由")


class ValueRead(ResponseBody):
    key: str = Field(description="指标代码")
    value: Decimal | None = Field(description="指标值（金额为万元，比例为 0–1）；空为暂无数据")
    display: str = Field(description="指标值的中文表述")
    score: Decimal = Field(description="该项得分")
    list_query: ListQuery | None = Field(description="产生该值的列表查询（或相关记录所在列表）")
    codes: list[str] = Field(description="相关记录编码（未按时完成的、被督办的）")


class RowRead(ResponseBody):
    unit_id: uuid.UUID = Field(description="单位")
    unit_name: str = Field(description="单位名称")
    score: Decimal = Field(description="综合得分")
    rank: int = Field(description="同类单位中的名次")
    values: list[ValueRead] = Field(description="各项指标的值和得分，顺序同 indicators")
    lagging: list[str] = Field(description="履职滞后的情况（默认通报批评的依据）")
    is_own: bool = Field(description="是否为调用方本单位")


class IndicatorUsed(ResponseBody):
    key: str = Field(description="指标代码")
    label: str = Field(description="指标名称")
    weight: Decimal = Field(description="权重（分）")
    direction: IndicatorDirection = Field(description="正向或负向")
    definition: str = Field(description="口径")


class GroupRead(ResponseBody):
    unit_group: AssessmentGroup = Field(description="考核对象")
    label: str = Field(description="考核对象名称")
    indicators: list[IndicatorUsed] = Field(description="指标和权重（生成时的）")
    rows: list[RowRead] = Field(description="按名次排列的单位")


class BulletinSummary(ResponseBody):
    id: uuid.UUID = Field(description="通报编号")
    year: int = Field(description="年度")
    half: int = Field(description="1 上半年，2 下半年")
    title: str = Field(description="标题")
    state: BulletinState = Field(description="状态")
    period: Period = Field(description="统计期")
    built_at: datetime = Field(description="最近生成时间（UTC）")
    published_at: datetime | None = Field(description="发布时间（UTC）")
    version: int = Field(description="版本号（If-Match）")


class BulletinRead(BulletinSummary):
    analysis: str = Field(description="分析（通报正文）")
    praised: list[MentionRead] = Field(description="表扬")
    criticised: list[MentionRead] = Field(description="通报批评")
    method: str = Field(description="评分方法")
    groups: list[GroupRead] = Field(description="各类单位的排名")
