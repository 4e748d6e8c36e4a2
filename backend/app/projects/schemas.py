import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.credit_code import validate_credit_code
from app.core.schemas import (
    Area,
    Bool,
    Code,
    Day,
    Int,
    Money,
    MultilineText,
    PastDay,
    QueryParams,
    RequestBody,
    ResponseBody,
    Text,
    UpdatedAfter,
)
from app.models.enums import AgreementType, EvaluationConclusion, FollowUpKind, Stage

CreditCode = Annotated[Text, Field(max_length=20), AfterValidator(validate_credit_code)]
ProjectName = Annotated[Text, Field(min_length=2, max_length=200)]
InvestorName = Annotated[Text, Field(min_length=2, max_length=200)]
Code40 = Annotated[Code, Field(min_length=1, max_length=40)]
Reason = Annotated[MultilineText, Field(min_length=2, max_length=500)]


class ProjectFilter(QueryParams):
    """The project library's filters (the list and its Excel export)."""

    stage: Annotated[list[Stage] | None, Field(description="阶段（可多选）")] = None
    owner_unit_id: Annotated[uuid.UUID | None, Field(description="责任单位")] = None
    industry_chain: Annotated[Text | None, Field(max_length=40, description="产业链代码")] = None
    source_channel: Annotated[Text | None, Field(max_length=40, description="招商渠道代码")] = None
    is_major: Annotated[bool | None, Field(description="重大项目（≥ 1 亿元）")] = None
    is_key: Annotated[bool | None, Field(description="重点项目")] = None
    is_confidential: Annotated[bool | None, Field(description="保密项目")] = None
    possible_duplicate: Annotated[
        bool | None,
        Field(description="疑似重复；看不到该标记的调用方（其值为 null）按此筛选无结果"),
    ] = None
    major_list_year: Annotated[
        int | None, Field(ge=2000, le=2100, description="列入该年度重大项目清单")
    ] = None
    signed_from: Annotated[Day | None, Field(description="签约日期起（含）")] = None
    signed_to: Annotated[Day | None, Field(description="签约日期止（含）")] = None
    signed_amount_min: Annotated[Money | None, Field(description="签约金额不低于（万元，含）")] = (
        None
    )
    started_from: Annotated[Day | None, Field(description="开工日期起（含）")] = None
    started_to: Annotated[Day | None, Field(description="开工日期止（含）")] = None
    created_from: Annotated[Day | None, Field(description="录入日期起（含，北京时间）")] = None
    created_to: Annotated[Day | None, Field(description="录入日期止（含，北京时间）")] = None
    leader_id: Annotated[uuid.UUID | None, Field(description="牵头市领导")] = None
    stale: Annotated[
        bool | None,
        Field(description="长期无进展（仅在推进中的阶段：已投产、暂缓、终止的项目不计）"),
    ] = None
    q: Annotated[Text | None, Field(max_length=100, description="项目名称、代码或投资方包含")] = (
        None
    )
    updated_after: UpdatedAfter = None


class Contact(RequestBody):
    name: Annotated[Text, Field(min_length=1, max_length=40, description="联系人姓名")]
    title: Annotated[Text, Field(max_length=60, description="职务")] = ""
    phone: Annotated[Text, Field(max_length=32, pattern=r"^[0-9+\- ()]*$", description="电话")] = ""


class ContactRead(ResponseBody):
    name: str = Field(description="联系人姓名")
    title: str = Field(description="职务")
    phone: str = Field(description="电话")


class ProjectFields(RequestBody):
    """Fields a client may set on create and change with PATCH."""

    name: ProjectName | None = Field(default=None, description="项目名称")
    investor_name: InvestorName | None = Field(default=None, description="投资方（企业名称）")
    investor_credit_code: CreditCode | None = Field(
        default=None, description="投资方统一社会信用代码（18 位，含校验位）"
    )
    investor_contacts: list[Contact] | None = Field(
        default=None, max_length=10, description="投资方联系人"
    )
    industry_chain: Code40 | None = Field(
        default=None, description="产业链代码（见 /dictionaries?kind=industry_chain）"
    )
    source_channel: Code40 | None = Field(
        default=None, description="招商渠道代码（见 /dictionaries?kind=source_channel）"
    )
    planned_investment: Money | None = Field(default=None, description="计划总投资（万元）")
    signed_amount: Money | None = Field(default=None, description="签约金额（万元）")
    funds_arrived: Money | None = Field(default=None, description="到位资金（万元）")
    is_foreign: Bool | None = Field(default=None, description="是否外资项目")
    land_area: Area | None = Field(default=None, description="用地面积（亩）")
    expected_jobs: Int | None = Field(
        default=None, ge=0, le=1_000_000, description="预计新增就业（人）"
    )
    expected_tax: Money | None = Field(default=None, description="预计年税收（万元）")
    is_confidential: Bool | None = Field(
        default=None, description="保密项目：只读用户和合作系统看不到投资方信息"
    )
    blocker_note: Annotated[MultilineText, Field(max_length=1000)] | None = Field(
        default=None, description="卡点说明（因何受阻）"
    )
    signed_date: PastDay | None = Field(default=None, description="签约日期（不晚于今天）")
    agreement_type: AgreementType | None = Field(
        default=None, description="协议类型：框架协议/正式合同"
    )
    started_date: PastDay | None = Field(default=None, description="开工日期（不晚于今天）")
    production_date: PastDay | None = Field(default=None, description="投产日期（不晚于今天）")


class ProjectCreate(ProjectFields):
    name: ProjectName = Field(description="项目名称")
    investor_name: InvestorName | None = Field(
        default=None,
        description="投资方（企业名称）。新建的项目处于信息收集阶段，可先存为草稿：投资方可空缺"
        "或暂用简称（如“宁德某锂电企业”），提交评估前须补全企业全称",
    )
    industry_chain: Code40 = Field(description="产业链代码")
    source_channel: Code40 = Field(description="招商渠道代码")
    planned_investment: Money = Field(description="计划总投资（万元）")
    owner_unit_id: uuid.UUID | None = Field(
        default=None, description="责任单位：招商统筹须指定；县市区/园区专员和合作系统固定为本单位"
    )


class ProjectUpdate(ProjectFields):
    """Partial update (PATCH) with If-Match. Stage and key mark have their own routes."""


class LeaderBrief(ResponseBody):
    id: uuid.UUID = Field(description="市领导用户编号")
    full_name: str = Field(description="姓名")


class ProjectRead(ResponseBody):
    id: uuid.UUID = Field(description="项目编号")
    code: str = Field(description="项目代码，如 XT-2026-0042")
    name: str = Field(description="项目名称")
    investor_name: str | None = Field(
        description="投资方；信息收集阶段的草稿可为空；保密项目对只读用户和合作系统为空"
    )
    investor_credit_code: str | None = Field(description="统一社会信用代码；保密时为空")
    investor_contacts: list[ContactRead] = Field(description="联系人；保密时为空")
    investor_redacted: bool = Field(description="投资方信息是否因保密而隐藏")
    industry_chain: str = Field(description="产业链代码")
    source_channel: str = Field(description="招商渠道代码")
    owner_unit_id: uuid.UUID = Field(description="责任单位编号")
    owner_unit_name: str = Field(description="责任单位名称")
    planned_investment: Decimal = Field(description="计划总投资（万元）")
    signed_amount: Decimal | None = Field(description="签约金额（万元）")
    funds_arrived: Decimal = Field(description="到位资金（万元）")
    is_foreign: bool = Field(description="是否外资项目")
    land_area: Decimal | None = Field(description="用地面积（亩）")
    expected_jobs: int | None = Field(description="预计新增就业（人）")
    expected_tax: Decimal | None = Field(description="预计年税收（万元）")
    is_confidential: bool = Field(description="是否保密项目")
    blocker_note: str | None = Field(description="卡点说明")
    is_major: bool = Field(description="重大项目（计划总投资 ≥ 1 亿元），由系统判定")
    is_key: bool = Field(description="重点项目（保姆式服务），由招商统筹标记")
    possible_duplicate: bool | None = Field(
        description="疑似重复（同一投资方由多个单位报送）。只对能看到全部项目及保密投资方的"
        "角色（招商统筹、市领导、督查督办）给出；其他调用方（县市区、部门、只读用户、合作系统）"
        "恒为 null，以免泄露其他单位的项目"
    )
    major_list_year: int | None = Field(
        description="列入年度重大项目清单的年份（三级联审确定，最近一次）"
    )
    stage: Stage = Field(description="当前阶段")
    stage_before_shelved: Stage | None = Field(description="暂缓前所在阶段（恢复时回到此阶段）")
    stage_entered_at: datetime = Field(description="进入当前阶段的时间（UTC）")
    days_in_stage: int = Field(description="在当前阶段的天数")
    last_activity_at: datetime = Field(description="最近一次活动时间（UTC）")
    is_stale: bool = Field(
        description="长期无进展：处于推进中的阶段（信息收集至已开工）且超过设定天数无任何活动；"
        "已投产、暂缓、终止的项目始终为 false"
    )
    signed_date: date | None = Field(description="签约日期")
    agreement_type: AgreementType | None = Field(description="协议类型")
    started_date: date | None = Field(description="开工日期")
    production_date: date | None = Field(description="投产日期")
    lead_leader: LeaderBrief | None = Field(description="牵头市领导（当前）")
    version: int = Field(description="版本号（与 ETag 相同），修改时放入 If-Match")
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")


class TransitionCreate(RequestBody):
    to_stage: Stage = Field(description="目标阶段")
    expected_stage: Stage = Field(description="调用方认为的当前阶段；不一致时返回 409")
    reason: Reason | None = Field(default=None, description="原因：回退、暂缓、终止时必填")
    signed_date: PastDay | None = Field(
        default=None, description="签约日期（进入已签约时可一并提交；不晚于今天）"
    )
    signed_amount: Money | None = Field(default=None, description="签约金额（万元）")
    agreement_type: AgreementType | None = Field(default=None, description="协议类型")
    started_date: PastDay | None = Field(
        default=None, description="开工日期（进入已开工时；不晚于今天）"
    )
    production_date: PastDay | None = Field(
        default=None, description="投产日期（进入已投产时；不晚于今天）"
    )


class StageChangeRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    from_stage: Stage | None = Field(description="原阶段（新建时为空）")
    to_stage: Stage = Field(description="新阶段")
    reason: str | None = Field(description="原因")
    actor_id: uuid.UUID | None = Field(description="操作人")
    actor_name: str = Field(description="操作人姓名")
    occurred_at: datetime = Field(description="时间（UTC）")


class NextStage(ResponseBody):
    stage: Stage = Field(description="可去往的阶段")
    kind: str = Field(description="forward 前进 / back 回退 / exit 暂缓或终止 / resume 恢复")
    reason_required: bool = Field(description="是否必须填写原因")
    missing: list[str] = Field(
        description="尚未满足的条件（中文）；为空表示可以推进。信息收集→项目评估（提交评估）"
        "列出投资方全称、联系人、计划总投资、用地面积、预计年税收中尚缺的"
    )


class ApprovalCreate(RequestBody):
    opinion: Annotated[MultilineText, Field(min_length=2, max_length=500)] = Field(
        description="审核意见"
    )


class ApprovalRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    opinion: str = Field(description="审核意见")
    approved_by_id: uuid.UUID = Field(description="审核人")
    approver_name: str = Field(description="审核人姓名")
    approved_at: datetime = Field(description="审核时间（UTC）")


class ScoreItem(RequestBody):
    key: Annotated[Code, Field(min_length=1, max_length=40, description="评分项代码")]
    label: Annotated[Text, Field(min_length=1, max_length=60, description="评分项名称")]
    score: Int = Field(ge=0, le=100, description="得分")
    max_score: Int = Field(ge=1, le=100, description="满分")


class ScoreItemRead(ResponseBody):
    key: str = Field(description="评分项代码")
    label: str = Field(description="评分项名称")
    score: int = Field(description="得分")
    max_score: int = Field(description="满分")


class EvaluationCreate(RequestBody):
    items: list[ScoreItem] = Field(
        min_length=1,
        max_length=20,
        description="评分项（产业契合度、亩均投资、亩均税收、能耗环保等）",
    )
    conclusion: EvaluationConclusion = Field(
        description="结论：recommend 建议推进 / not_recommend 不建议推进"
    )
    summary: Annotated[MultilineText, Field(max_length=2000)] | None = Field(
        default=None, description="评估意见"
    )


class EvaluationRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    items: list[ScoreItemRead] = Field(description="评分项")
    total: int = Field(description="总分（各项得分之和）")
    conclusion: EvaluationConclusion = Field(description="结论")
    summary: str | None = Field(description="评估意见")
    evaluator_name: str = Field(description="评估人")
    created_at: datetime = Field(description="评估时间（UTC）")


class FollowUpCreate(RequestBody):
    kind: FollowUpKind = Field(
        description="方式：visit 走访 / call 电话 / meeting 会见 / negotiation 洽谈"
    )
    occurred_on: PastDay = Field(description="日期（不晚于今天）")
    participants: Annotated[Text, Field(min_length=1, max_length=500)] = Field(
        description="参加人员"
    )
    notes: Annotated[MultilineText, Field(min_length=1, max_length=5000)] = Field(
        description="情况记录"
    )


class FollowUpRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    kind: FollowUpKind = Field(description="方式")
    occurred_on: date = Field(description="日期")
    participants: str = Field(description="参加人员")
    notes: str = Field(description="情况记录")
    author_name: str = Field(description="记录人")
    created_at: datetime = Field(description="记录时间（UTC）")


class KeyMark(RequestBody):
    is_key: Bool = Field(description="是否列为重点项目（保姆式服务）")
