"""年度考核: the scheme, its items and the annual targets — request bodies and read models."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from app.attachments.schemas import AttachmentRead
from app.core.schemas import Code, Int, Money, MultilineText, RequestBody, ResponseBody, Text
from app.models.enums import (
    AssessmentGrade,
    AssessmentGroup,
    AssessmentRoundState,
    AwardKind,
    NominationState,
    ObjectionState,
    SchemeItemKind,
    SchemeState,
)
from app.stats.schemas import ListQuery

Label = Annotated[Text, StringConstraints(min_length=1, max_length=60)]
Reason = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Score = Annotated[Money, Field(le=Decimal(100))]
Year = Annotated[Int, Field(ge=2000, le=2100)]
Statement = Annotated[MultilineText, StringConstraints(min_length=1, max_length=1000)]


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
    id: uuid.UUID = Field(description="考核内容编号")
    position: int = Field(description="顺序")
    kind: SchemeItemKind = Field(description="类别：系统计算、人工评分、加分项、扣分项")
    key: str | None = Field(description="系统计算的指标代码；人工项为 null")
    label: str = Field(description="名称")
    weight: Decimal = Field(description="分值（计分项）或上限（加分、扣分项）")
    points: Decimal | None = Field(description="按次扣分的每次扣分")
    criteria: str = Field(description="评分标准")
    definition: str = Field(description="系统计算项的口径（来自指标目录），其他为空")


class Grades(RequestBody):
    excellent_min: Score = Field(description="优秀的最低总分")
    good_min: Score = Field(description="良好的最低总分")
    pass_min: Score = Field(description="合格的最低总分；低于此为不合格")


Factor = Annotated[Money, Field(le=Decimal(10))]


class RewardRule(RequestBody):
    fund: Annotated[Int, Field(ge=0, le=100_000_000)] = Field(
        description="本类单位的奖励经费（元）；全年 60 万元，默认县市区/园区 40 万、职能部门 20 万"
    )
    individual_percent: Annotated[Int, Field(ge=0, le=50)] = Field(
        description="其中用于先进个人的比例（%）；无同意的提名时全部用于单位"
    )
    factors: dict[AssessmentGrade, Factor] = Field(
        description="各等次的奖励系数：单位奖励按 系数 × 综合得分 分配；须给出全部四个等次"
    )

    @model_validator(mode="after")
    def _every_grade(self) -> "RewardRule":
        if set(self.factors) != set(AssessmentGrade):
            raise ValueError("须为优秀、良好、合格、不合格四个等次都给出奖励系数")
        return self


class RewardRuleRead(ResponseBody):
    fund: int = Field(description="本类单位的奖励经费（元）")
    individual_percent: int = Field(description="其中用于先进个人的比例（%）")
    factors: dict[AssessmentGrade, Decimal] = Field(description="各等次的奖励系数")


class SchemeCreate(RequestBody):
    year: Year = Field(description="考核年度")
    unit_group: AssessmentGroup = Field(
        description="考核对象：area（县市区/园区）或 department（职能部门）"
    )
    title: Annotated[Text, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="方案名称；不填则按年度和对象生成"
    )
    grades: Grades | None = Field(default=None, description="等次分数线；不填为 90/80/60")
    reward: RewardRule | None = Field(
        default=None, description="奖励经费分配规则；不填则沿用上一年度，没有则用默认规则"
    )
    items: list[SchemeItemWrite] | None = Field(
        default=None,
        max_length=60,
        description="考核内容；不填则沿用上一年度同类方案的最新发布版本，没有则用默认方案",
    )


class SchemeUpdate(RequestBody):
    title: Annotated[Text, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="方案名称"
    )
    grades: Grades | None = Field(default=None, description="等次分数线")
    reward: RewardRule | None = Field(default=None, description="奖励经费分配规则")
    items: list[SchemeItemWrite] | None = Field(
        default=None, max_length=60, description="全部考核内容（整体替换）"
    )


class SchemeRevise(RequestBody):
    reason: Reason = Field(description="修订理由")


class SchemeSummary(ResponseBody):
    id: uuid.UUID = Field(description="方案编号")
    year: int = Field(description="考核年度")
    unit_group: AssessmentGroup = Field(description="考核对象：县市区/园区或职能部门")
    revision: int = Field(description="版本（第几版）")
    state: SchemeState = Field(description="状态：草稿或已发布")
    title: str = Field(description="方案名称")
    reason: str = Field(description="修订理由（第 1 版为空）")
    is_current: bool = Field(description="是否为该年度该类单位现行（最新发布）的方案")
    published_at: datetime | None = Field(description="发布时间")
    version: int = Field(description="记录版本号（If-Match）")


class SchemeRead(SchemeSummary):
    excellent_min: Decimal = Field(description="优秀的最低总分")
    good_min: Decimal = Field(description="良好的最低总分")
    pass_min: Decimal = Field(description="合格的最低总分")
    reward: RewardRuleRead = Field(description="奖励经费分配规则")
    items: list[SchemeItemRead] = Field(description="考核内容，按顺序")
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
    year: int = Field(description="年度")
    unit_id: uuid.UUID = Field(description="单位编号")
    unit_name: str = Field(description="单位名称")
    unit_kind: str = Field(description="district 或 park")
    signed_amount: Decimal | None = Field(description="签约金额目标（万元），未设定为 null")
    major_projects: int | None = Field(description="1 亿元以上项目目标（个），未设定为 null")
    funds_arrived: Decimal | None = Field(description="到位资金目标（万元），未设定为 null")
    version: int | None = Field(description="记录版本号（If-Match）；未设定为 null")


class TargetImportResult(ResponseBody):
    imported: int = Field(description="写入的单位数")


class PreviewItem(ResponseBody):
    item_id: uuid.UUID = Field(description="考核内容编号")
    label: str = Field(description="名称")
    kind: SchemeItemKind = Field(description="类别")
    weight: Decimal = Field(description="分值（计分项）或上限（加分、扣分项）")
    by_hand: bool = Field(description="是否人工评分（人工评分、加分和人工扣分项）")
    display: str = Field(description="值（系统计算项）或“待评分”（人工评分、加分、人工扣分）")
    score: Decimal | None = Field(description="得分；扣分项为扣除的分数；人工项在评分前为 null")
    codes: list[str] = Field(
        description="依据的记录：未达标的项目、事项、议定事项代码或月报，扣分项为被扣分的事项代码"
    )
    list_query: ListQuery | None = Field(description="可查看依据记录的列表查询")


class PreviewRow(ResponseBody):
    unit_id: uuid.UUID = Field(description="单位编号")
    unit_name: str = Field(description="单位名称")
    total: Decimal = Field(description="综合得分（人工项评分前按 0 计）")
    grade: AssessmentGrade = Field(description="等次：优秀、良好、合格、不合格")
    rank: int = Field(description="同类单位中的名次，得分相同名次相同")
    items: list[PreviewItem] = Field(description="各项得分，按方案顺序")


class SchemePreview(ResponseBody):
    scheme_id: uuid.UUID = Field(description="方案编号")
    year: int = Field(description="考核年度")
    unit_group: AssessmentGroup = Field(description="考核对象")
    as_of: date = Field(description="按此日（北京时间）的数据计算")
    rows: list[PreviewRow] = Field(description="按得分从高到低")


class RoundCreate(RequestBody):
    scheme_id: uuid.UUID = Field(description="已发布的现行考核方案")


class ResultItem(PreviewItem):
    note: str = Field(default="", description="人工评分的说明")
    scored_by: str | None = Field(default=None, description="人工评分人")


class SelfReportWrite(RequestBody):
    claimed: Score = Field(description="自评得分，不超过该项分值或上限")
    text: Statement = Field(description="自评说明：做了哪些工作，佐证材料是什么")


class SelfReportBase(ResponseBody):
    id: uuid.UUID = Field(description="自评编号（上传佐证材料用）")
    item_id: uuid.UUID = Field(description="考核内容编号")
    claimed: Decimal = Field(description="自评得分")
    text: str = Field(description="自评说明")
    reporter_name: str = Field(description="填报人")
    updated_at: datetime = Field(description="最后填报时间（UTC）")
    version: int = Field(description="记录版本号（If-Match）")


class SelfReportRead(SelfReportBase):
    evidence: list[AttachmentRead] = Field(description="佐证材料")


class ObjectionCreate(RequestBody):
    reason: Statement = Field(description="申诉理由：哪一项、为什么有异议、依据是什么")


class ObjectionRead(ResponseBody):
    id: uuid.UUID = Field(description="申诉编号")
    round_id: uuid.UUID = Field(description="年度考核编号")
    unit_id: uuid.UUID = Field(description="申诉单位")
    unit_name: str = Field(description="申诉单位名称")
    item_id: uuid.UUID = Field(description="考核内容编号")
    item_label: str = Field(description="考核内容名称")
    reason: str = Field(description="申诉理由")
    raiser_name: str = Field(description="申诉人")
    created_at: datetime = Field(description="申诉时间（UTC）")
    state: ObjectionState = Field(description="状态：待答复、已采纳、已驳回")
    answer: str = Field(description="答复（采纳或驳回的理由）；未答复为空")
    answerer_name: str | None = Field(description="答复人")
    answered_at: datetime | None = Field(description="答复时间（UTC）")
    score_before: Decimal | None = Field(description="答复时该项的得分")
    score_after: Decimal | None = Field(description="采纳后该项的得分；驳回为 null")
    version: int = Field(description="记录版本号")


class ObjectionTransition(RequestBody):
    expected_state: ObjectionState = Field(description="调用方认为的当前状态（pending）")
    to_state: ObjectionState = Field(description="accepted（采纳）或 rejected（驳回）")
    answer: Annotated[MultilineText, StringConstraints(min_length=1, max_length=500)] = Field(
        description="答复：采纳或驳回的理由"
    )
    score: Score | None = Field(
        default=None, description="采纳时该项的新得分（扣分项为新的扣分），须与原得分不同"
    )


class ResultBase(ResponseBody):
    id: uuid.UUID = Field(description="考核结果编号")
    unit_id: uuid.UUID = Field(description="单位编号")
    unit_name: str = Field(description="单位名称")
    total: Decimal = Field(description="综合得分")
    grade: AssessmentGrade = Field(description="等次")
    rank: int = Field(description="同类单位中的名次，得分相同名次相同")
    items: list[ResultItem] = Field(description="各项的值、得分和依据的记录（开启考核时的快照）")
    version: int = Field(description="记录版本号（If-Match）")


class ResultRead(ResultBase):
    self_reports: list[SelfReportRead] = Field(
        description="本单位对人工评分项的自评（考核办和本单位可见）"
    )
    objections: list[ObjectionRead] = Field(description="本单位的申诉（考核办和本单位可见）")


class RoundSummary(ResponseBody):
    id: uuid.UUID = Field(description="考核编号")
    year: int = Field(description="考核年度")
    unit_group: AssessmentGroup = Field(description="考核对象")
    scheme_id: uuid.UUID = Field(description="所用考核方案（版本）")
    state: AssessmentRoundState = Field(description="状态：评分中或已确认")
    as_of: date = Field(description="快照所依据数据的日期（北京时间）")
    publicized_at: datetime | None = Field(description="公示（各单位可申诉）的时间")
    objection_due: date | None = Field(description="申诉截止日（含），公示后按工作日计")
    finalized_at: datetime | None = Field(description="督查督办确认的时间")
    version: int = Field(description="记录版本号")


class RoundRead(RoundSummary):
    results: list[ResultRead] = Field(
        description="各单位结果，按名次；确认前单位只能看到本单位的结果"
    )


class HandScore(RequestBody):
    score: Score = Field(
        description="得分（人工评分项、加分项）或扣分（人工扣分项），不超过该项分值或上限"
    )
    note: Annotated[MultilineText, StringConstraints(min_length=1, max_length=500)] = Field(
        description="评分说明"
    )


class RoundTransition(RequestBody):
    expected_state: AssessmentRoundState = Field(
        description="调用方认为的当前状态；不一致时返回 409"
    )
    to_state: AssessmentRoundState = Field(
        description="目标状态：objection（公示，考核办）或 final（确认，督查督办）"
    )


class NominationCreate(RequestBody):
    person_name: Annotated[Text, StringConstraints(min_length=1, max_length=64)] = Field(
        description="姓名"
    )
    position: Annotated[Text, StringConstraints(min_length=1, max_length=100)] = Field(
        description="单位职务"
    )
    deeds: Statement = Field(description="主要事迹")


class NominationRead(ResponseBody):
    id: uuid.UUID = Field(description="提名编号")
    round_id: uuid.UUID = Field(description="年度考核编号")
    unit_id: uuid.UUID = Field(description="提名单位")
    unit_name: str = Field(description="提名单位名称")
    person_name: str = Field(description="姓名")
    position: str = Field(description="单位职务")
    deeds: str = Field(description="主要事迹")
    nominator_name: str = Field(description="提名人")
    created_at: datetime = Field(description="提名时间（UTC）")
    state: NominationState = Field(description="状态：待审核、已同意、未同意")
    answer: str = Field(description="审核意见")
    answerer_name: str | None = Field(description="审核人")
    answered_at: datetime | None = Field(description="审核时间（UTC）")
    version: int = Field(description="记录版本号")


class NominationTransition(RequestBody):
    expected_state: NominationState = Field(description="调用方认为的当前状态（pending）")
    to_state: NominationState = Field(description="approved（同意）或 rejected（不同意）")
    answer: Annotated[MultilineText, StringConstraints(min_length=1, max_length=500)] = Field(
        description="审核意见"
    )


class AwardRead(ResponseBody):
    id: uuid.UUID = Field(description="奖励编号")
    position: int = Field(description="顺序：单位按名次在前，个人在后")
    kind: AwardKind = Field(description="unit（单位奖励）或 individual（个人奖励）")
    unit_id: uuid.UUID = Field(description="单位（个人奖励为提名单位）")
    unit_name: str = Field(description="单位名称")
    person_name: str | None = Field(description="个人姓名；单位奖励为 null")
    grade: AssessmentGrade | None = Field(description="单位的考核等次；个人奖励为 null")
    total: Decimal | None = Field(description="单位的综合得分；个人奖励为 null")
    computed: int = Field(description="按规则计算的金额（元，最大余额法取整）")
    amount: int = Field(description="发放金额（元），调整后可能与计算金额不同")
    note: str = Field(description="调整理由；未调整为空")


class AwardsRead(ResponseBody):
    round_id: uuid.UUID = Field(description="年度考核编号")
    fund: int = Field(description="本类单位奖励经费（元），按考核方案")
    unit_pool: int = Field(description="其中单位奖励（元）")
    individual_pool: int = Field(description="其中个人奖励（元）；无同意的提名时为 0")
    paid: int = Field(description="各项发放金额合计（元）；无单位获奖时少于经费")
    items: list[AwardRead] = Field(description="奖励分配；尚未生成时为空")


class AwardChange(RequestBody):
    award_id: uuid.UUID = Field(description="奖励编号")
    amount: Annotated[Int, Field(ge=0, le=100_000_000)] = Field(description="调整后的金额（元）")


class AwardAdjust(RequestBody):
    changes: list[AwardChange] = Field(min_length=1, max_length=200, description="调整的各项")
    reason: Reason = Field(description="调整理由")
