"""年度考核: the scheme, its items and the annual targets — request bodies and read models."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from app.core.schemas import Code, Int, Money, MultilineText, RequestBody, ResponseBody, Text
from app.models.enums import AssessmentGroup, SchemeItemKind, SchemeState

Label = Annotated[Text, StringConstraints(min_length=1, max_length=60)]
Reason = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Score = Annotated[Money, Field(le=Decimal(100))]
Year = Annotated[Int, Field(ge=2000, le=2100)]


class ComputationRead(ResponseBody):
    key: str = Field(description="指标代码")
    unit_group: AssessmentGroup = Field(description="考核对象")
    kind: SchemeItemKind = Field(description="computed（计分指标）或 deduction（按次扣分）")
    method: str = Field(description="计分方法：target、rate、fewest、per_occurrence")
    label: str = Field(description="指标名称")
    definition: str = Field(description="口径和计分方法")


class SchemeItemWrite(RequestBody):
    kind: SchemeItemKind = Field(
        description="computed 系统计算、manual 人工评分、bonus 加分、deduction 扣分"
    )
    key: Code | None = Field(
        default=None,
        description="系统计算的指标代码（见 /assessment/computations）；computed 必填，"
        "deduction 可填（按次扣分）或不填（人工扣分），manual 和 bonus 不填",
    )
    label: Label = Field(description="名称")
    weight: Score = Field(description="分值（computed、manual）或上限（bonus、deduction），0–100")
    points: Score | None = Field(
        default=None, gt=Decimal(0), description="按次扣分的每次扣分，系统计算的扣分项必填"
    )
    criteria: Annotated[MultilineText, StringConstraints(max_length=2000)] = Field(
        default="", description="评分标准（人工评分、加减分项向各单位说明）"
    )


class SchemeItemRead(ResponseBody):
    id: uuid.UUID
    position: int = Field(description="顺序")
    kind: SchemeItemKind
    key: str | None
    label: str
    weight: Decimal
    points: Decimal | None
    criteria: str
    definition: str = Field(description="系统计算项的口径（来自指标目录），其他为空")


class Grades(RequestBody):
    excellent_min: Score = Field(description="优秀的最低总分")
    good_min: Score = Field(description="良好的最低总分")
    pass_min: Score = Field(description="合格的最低总分；低于此为不合格")


class SchemeCreate(RequestBody):
    year: Year = Field(description="考核年度")
    unit_group: AssessmentGroup = Field(
        description="考核对象：area（县市区/园区）或 department（职能部门）"
    )
    title: Annotated[Text, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="方案名称；不填则按年度和对象生成"
    )
    grades: Grades | None = Field(default=None, description="等次分数线；不填为 90/80/60")
    items: list[SchemeItemWrite] | None = Field(
        default=None,
        max_length=60,
        description="考核内容；不填则沿用上一年度同类方案的最新发布版本，没有则用默认方案",
    )


class SchemeUpdate(RequestBody):
    title: Annotated[Text, StringConstraints(min_length=1, max_length=200)] | None = None
    grades: Grades | None = None
    items: list[SchemeItemWrite] | None = Field(
        default=None, max_length=60, description="全部考核内容（整体替换）"
    )


class SchemeRevise(RequestBody):
    reason: Reason = Field(description="修订理由")


class SchemeSummary(ResponseBody):
    id: uuid.UUID
    year: int
    unit_group: AssessmentGroup
    revision: int = Field(description="版本（第几版）")
    state: SchemeState
    title: str
    reason: str = Field(description="修订理由（第 1 版为空）")
    is_current: bool = Field(description="是否为该年度该类单位现行（最新发布）的方案")
    published_at: datetime | None
    version: int = Field(description="记录版本号（If-Match）")


class SchemeRead(SchemeSummary):
    excellent_min: Decimal
    good_min: Decimal
    pass_min: Decimal
    items: list[SchemeItemRead]
    total_weight: Decimal = Field(
        description="计分项（系统计算和人工评分）分值合计，发布时须为 100"
    )


class SchemeTransition(RequestBody):
    expected_state: SchemeState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: SchemeState = Field(description="目标状态：published（发布）")


class TargetWrite(RequestBody):
    signed_amount: Money = Field(description="签约金额目标（万元）")
    major_projects: Annotated[Int, Field(ge=0, le=10_000)] = Field(
        description="1 亿元以上项目目标（个）"
    )
    funds_arrived: Money = Field(description="到位资金目标（万元）")


class TargetRead(ResponseBody):
    year: int
    unit_id: uuid.UUID
    unit_name: str
    unit_kind: str = Field(description="district 或 park")
    signed_amount: Decimal | None = Field(description="签约金额目标（万元），未设定为 null")
    major_projects: int | None
    funds_arrived: Decimal | None
    version: int | None = Field(description="记录版本号（If-Match）；未设定为 null")


class TargetImportResult(ResponseBody):
    imported: int = Field(description="写入的单位数")
