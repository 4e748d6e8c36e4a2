import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import (
    Code,
    Day,
    Int,
    MultilineText,
    QueryInt,
    QueryParams,
    RequestBody,
    ResponseBody,
    Text,
    UpdatedAfter,
)
from app.models.enums import (
    EscalationReason,
    LetterKind,
    TicketEventKind,
    TicketSource,
    TicketState,
    Urgency,
)

Title = Annotated[Text, Field(min_length=2, max_length=200)]
LongText = Annotated[MultilineText, Field(min_length=1, max_length=5000)]
Note = Annotated[MultilineText, Field(min_length=2, max_length=2000)]


class TicketFilter(QueryParams):
    """The ticket list's filters; `mine=true` is the caller's 待办."""

    state: Annotated[list[TicketState] | None, Field(description="状态（可多选）")] = None
    department_id: Annotated[uuid.UUID | None, Field(description="办理部门（牵头或协办）")] = None
    project_id: Annotated[uuid.UUID | None, Field(description="所属项目")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="项目所属县市区/园区")] = None
    urgency: Annotated[Urgency | None, Field(description="紧急程度")] = None
    overdue: Annotated[bool | None, Field(description="已超期")] = None
    due_soon: Annotated[bool | None, Field(description="即将到期")] = None
    due_before: Annotated[Day | None, Field(description="办理时限早于该日期")] = None
    escalation_level: Annotated[
        QueryInt | None, Field(ge=0, le=2, description="督办级别 0/1/2")
    ] = None
    resolved_from: Annotated[Day | None, Field(description="反馈日期起（含；北京时间）")] = None
    resolved_to: Annotated[Day | None, Field(description="反馈日期止（含）")] = None
    resolved_on_time: Annotated[
        bool | None,
        Field(description="已反馈且按时（反馈日期不晚于办理时限）；false 为已反馈但超时"),
    ] = None
    mine: Annotated[
        bool | None,
        Field(
            description="只看待我处理的（待办）：职能部门为本部门牵头或协办、办理中的；"
            "县市区/园区为本单位项目待确认办结的；招商统筹为待交办的、本局提出待确认办结的"
            "和全市已超期待催办的；督查督办为全市已超期的和已督办尚未办结的；"
            "市领导为所联系项目办理中的"
        ),
    ] = None
    q: Annotated[Text | None, Field(max_length=100, description="标题或编码包含")] = None
    updated_after: UpdatedAfter = None


class TicketCreate(RequestBody):
    project_id: uuid.UUID = Field(description="所属项目")
    category: Code = Field(description="类别代码（见 /dictionaries?kind=ticket_category）")
    title: Title = Field(description="事项标题")
    description: LongText = Field(description="问题描述和诉求")
    urgency: Urgency = Field(default=Urgency.normal, description="紧急程度：一般 / 急办 / 特急")
    source: TicketSource | None = Field(
        default=None,
        description="来源；不填时县市区/园区提出为服务申请，市商务局提出为统筹交办",
    )


class TicketRead(ResponseBody):
    id: uuid.UUID = Field(description="事项编号")
    code: str = Field(description="事项编码，如 SX-2026-00042")
    project_id: uuid.UUID = Field(description="所属项目")
    project_code: str = Field(description="项目编码")
    project_name: str = Field(description="项目名称")
    category: str = Field(description="类别代码")
    title: str = Field(description="事项标题")
    description: str = Field(description="问题描述和诉求")
    urgency: Urgency = Field(description="紧急程度")
    source: TicketSource = Field(description="来源")
    state: TicketState = Field(description="状态")
    requester_id: uuid.UUID | None = Field(description="提出人")
    requester_name: str = Field(description="提出人姓名（或合作系统名称）")
    requester_unit: UnitBrief = Field(description="提出单位")
    lead_department: UnitBrief | None = Field(description="牵头办理部门（交办后）")
    co_departments: list[UnitBrief] = Field(description="协办部门")
    assigned_at: datetime | None = Field(description="交办时间（UTC）")
    due_date: date | None = Field(description="办理时限（按工作日计算）")
    accepted_at: datetime | None = Field(description="签收时间（UTC）")
    resolved_at: datetime | None = Field(description="反馈时间（UTC）")
    resolved_on: date | None = Field(description="反馈日期（北京时间；退回重办时清空）")
    working_days_taken: int | None = Field(description="交办至反馈用时（工作日）")
    resolution: str | None = Field(description="办理结果")
    closed_at: datetime | None = Field(description="办结时间（UTC）")
    satisfaction: int | None = Field(description="满意度 1–5")
    satisfaction_comment: str | None = Field(description="评价意见")
    return_count: int = Field(description="被退回次数")
    escalation_level: int = Field(description="督办级别：0 未督办，1 督办函，2 通报")
    last_nudged_at: datetime | None = Field(description="最近催办时间（UTC）")
    is_overdue: bool = Field(description="已超期（办理中且过了办理时限）")
    is_due_soon: bool = Field(description="即将到期")
    decision_id: uuid.UUID | None = Field(description="来自哪条会议议定事项（转交办生成时）")
    actions: list[str] = Field(
        description="当前用户可执行的操作：目标状态（assigned、accepted …）以及 "
        "comment、attach、nudge、escalate、instruct"
    )
    created_at: datetime = Field(description="提出时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")
    version: int = Field(description="版本号（ETag）")


class TicketTransition(RequestBody):
    expected_state: TicketState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: TicketState = Field(description="目标状态；从已反馈退回时为 in_progress（退回重办）")
    note: Note | None = Field(
        default=None,
        description="说明：反馈时为办理结果，退回、撤销时为原因（这三种情况必填）",
    )
    lead_department_id: uuid.UUID | None = Field(
        default=None, description="交办时必填：牵头办理的职能部门"
    )
    co_department_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=10, description="交办时可选：协办部门"
    )
    urgency: Urgency | None = Field(default=None, description="交办时可调整紧急程度")
    satisfaction: Int | None = Field(default=None, ge=1, le=5, description="办结时必填：满意度 1–5")
    satisfaction_comment: Annotated[MultilineText, Field(max_length=500)] | None = Field(
        default=None, description="办结时可选：评价意见"
    )


class TicketEventRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    kind: TicketEventKind = Field(description="类型")
    from_state: TicketState | None = Field(description="原状态")
    to_state: TicketState | None = Field(description="新状态")
    note: str | None = Field(description="说明、留言、催办或批示内容")
    actor_id: uuid.UUID | None = Field(description="操作人（自动督办时为空）")
    actor_name: str = Field(description="操作人姓名")
    actor_unit_name: str | None = Field(description="操作人单位")
    occurred_at: datetime = Field(description="时间（UTC）")


class NoteCreate(RequestBody):
    text: Note = Field(description="内容")


class EscalationCreate(RequestBody):
    reason: Note = Field(description="督办原因")
    expected_level: Int | None = Field(
        default=None,
        ge=1,
        le=2,
        description="调用方确认要发出的级别（见督办预览）；与实际将发出的级别不一致时返回 409 "
        "escalation_level_changed，不会发出另一级文书",
    )


class EscalationPreview(ResponseBody):
    current_level: int = Field(description="当前督办级别：0 未督办，1 督办函")
    level: int = Field(description="本次督办将升至的级别：1 督办函，2 通报")
    letter_kind: LetterKind = Field(description="将发出的文书类型：督办函 / 通报")
    letter_number: str = Field(
        description="将发出的文书文号（预览）；在此之前无人发出同类文书时即为实际文号"
    )
    deadline: date = Field(description="文书载明的办理时限")
    department: UnitBrief = Field(description="被督办的牵头部门")


class LetterRead(ResponseBody):
    id: uuid.UUID = Field(description="文书编号")
    kind: LetterKind = Field(description="类型：交办函 / 督办函 / 通报")
    number: str = Field(description="文号，如 湘招交〔2026〕15号")
    title: str = Field(description="标题")
    recipient_unit: UnitBrief = Field(description="主送单位")
    deadline: date | None = Field(description="办理时限")
    issued_on: date = Field(description="成文日期")
    download_url: str = Field(description="Word 文档下载地址")


class EscalationRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    level: int = Field(description="级别：1 督办函，2 通报")
    reason: EscalationReason = Field(description="原因")
    note: str | None = Field(description="说明")
    department: UnitBrief = Field(description="被督办的牵头部门")
    letter_number: str = Field(description="文书文号")
    occurred_at: datetime = Field(description="时间（UTC）")


class TodoSummary(ResponseBody):
    todo: int = Field(description="待我处理（等于 mine=true 的列表条数）")
    overdue: int = Field(description="其中已超期（mine=true&overdue=true）")
    due_soon: int = Field(description="其中即将到期（mine=true&due_soon=true）")


class EscalationRunRead(ResponseBody):
    escalated: int = Field(description="本次督办升级的事项数")
    due_soon_notified: int = Field(description="本次发出即将到期提醒的事项数")
    decisions_reminded: int = Field(
        description="本次提醒的会议议定事项数（即将到期或已超期，各提醒一次）"
    )
    meetings_reminded: int = Field(description="本次发出会前提醒的会议数（下一个工作日前召开的）")
    ran: bool = Field(description="是否执行；另一进程正在执行时为 false")
