import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import (
    Code,
    Day,
    Moment,
    MultilineText,
    QueryParams,
    RequestBody,
    ResponseBody,
    Text,
    UpdatedAfter,
)
from app.models import MinutesVersion
from app.models.enums import (
    DecisionState,
    DecisionUpdateKind,
    MeetingKind,
    MeetingState,
    TicketState,
    Urgency,
)

Title = Annotated[Text, Field(min_length=2, max_length=200)]
Place = Annotated[Text, Field(min_length=2, max_length=200)]
LongText = Annotated[MultilineText, Field(max_length=20000)]
DecisionText = Annotated[MultilineText, Field(min_length=2, max_length=2000)]
Note = Annotated[MultilineText, Field(min_length=2, max_length=2000)]
Units = Annotated[list[uuid.UUID], Field(max_length=40)]


class PersonBrief(ResponseBody):
    id: uuid.UUID = Field(description="用户编号")
    full_name: str = Field(description="姓名")


class ProjectBrief(ResponseBody):
    id: uuid.UUID = Field(description="项目编号")
    code: str = Field(description="项目编码")
    name: str = Field(description="项目名称")


class MeetingFilter(QueryParams):
    """The meeting list's filters; for a calendar, `starts_from` / `starts_before`."""

    kind: Annotated[list[MeetingKind] | None, Field(description="会议类型（可多选）")] = None
    starts_from: Annotated[Moment | None, Field(description="召开时间起（含）")] = None
    starts_before: Annotated[Moment | None, Field(description="召开时间止（不含）")] = None
    chair_id: Annotated[uuid.UUID | None, Field(description="主持的市领导")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="参会单位")] = None
    state: Annotated[list[MeetingState] | None, Field(description="状态（可多选）")] = None
    q: Annotated[Text | None, Field(max_length=100, description="会议名称包含")] = None
    updated_after: UpdatedAfter = None


class MeetingCreate(RequestBody):
    title: Title = Field(description="会议名称")
    kind: MeetingKind = Field(description="会议类型")
    starts_at: Moment = Field(description="召开时间（带时区的 ISO 8601）")
    place: Place = Field(description="地点")
    chair_id: uuid.UUID = Field(description="主持的市领导（角色为 leader 的用户）")
    unit_ids: Units = Field(default_factory=list, description="参会单位")
    agenda: LongText = Field(default="", description="议程")


class MeetingUpdate(RequestBody):
    """Only the fields sent change. Minutes are edited here until published; after that a
    change is a new version (`POST /meetings/{id}/minutes-versions`)."""

    title: Title | None = Field(default=None, description="会议名称")
    starts_at: Moment | None = Field(default=None, description="召开时间（带时区的 ISO 8601）")
    place: Place | None = Field(default=None, description="地点")
    chair_id: uuid.UUID | None = Field(default=None, description="主持的市领导")
    unit_ids: Units | None = Field(default=None, description="参会单位（整体替换）")
    agenda: LongText | None = Field(default=None, description="议程")
    minutes_draft: LongText | None = Field(default=None, description="会议纪要草稿（印发前）")


class MeetingTransition(RequestBody):
    expected_state: MeetingState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: MeetingState = Field(
        description="目标状态：held（已召开）或 published（印发纪要，纪要草稿不能为空）"
    )


class CarriedDecisionRead(ResponseBody):
    id: uuid.UUID = Field(description="议定事项编号")
    code: str = Field(description="议定事项编码")
    text: str = Field(description="内容")
    state: DecisionState = Field(description="状态")
    responsible_unit: UnitBrief = Field(description="责任单位")
    due_date: date | None = Field(description="完成时限")
    is_overdue: bool = Field(description="已超期")
    meeting_id: uuid.UUID = Field(description="原会议")
    meeting_title: str = Field(description="原会议名称")


class MeetingRead(ResponseBody):
    id: uuid.UUID = Field(description="会议编号")
    title: str = Field(description="会议名称")
    kind: MeetingKind = Field(description="会议类型")
    starts_at: datetime = Field(description="召开时间（UTC）")
    place: str = Field(description="地点")
    chair: PersonBrief = Field(description="主持的市领导")
    units: list[UnitBrief] = Field(description="参会单位")
    agenda: str = Field(description="议程")
    minutes_draft: str = Field(description="纪要草稿（印发前可改）")
    state: MeetingState = Field(description="状态：筹备中 / 已召开 / 纪要已印发")
    minutes_version: int = Field(description="已印发纪要的版本号（0 表示未印发）")
    minutes: str | None = Field(description="已印发的最新纪要（冻结；仅会议详情返回，列表中为空）")
    previous_id: uuid.UUID | None = Field(description="上一次同类联席会议")
    carried_decisions: list[CarriedDecisionRead] = Field(
        description="上次联席会议未办结的议定事项（新建会议时确定，筹备中改期时按新日期重新确定；"
        "列入本次议程；仅会议详情返回）"
    )
    decision_count: int = Field(description="本次会议的议定事项数")
    open_decision_count: int = Field(description="其中未办结的数量")
    actions: list[str] = Field(
        description="当前用户可执行的操作：edit、held、published、revise_minutes、add_decision、attach"
    )
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")
    version: int = Field(description="版本号（ETag）")


class MinutesRevision(RequestBody):
    minutes: Annotated[MultilineText, Field(min_length=2, max_length=20000)] = Field(
        description="修订后的纪要全文"
    )
    reason: Note = Field(description="修订原因")


class MinutesVersionRead(ResponseBody):
    version: int = Field(description="版本号")
    minutes: str = Field(description="纪要全文")
    reason: str | None = Field(description="修订原因（首次印发为空）")
    published_by_name: str = Field(description="印发人")
    published_at: datetime = Field(description="印发时间（UTC）")
    download_url: str = Field(description="下载该版本纪要（Word）的地址")

    @classmethod
    def of(cls, row: MinutesVersion) -> "MinutesVersionRead":
        url = f"/api/v1/meetings/{row.meeting_id}/minutes-versions/{row.version}/docx"
        return cls.model_validate({**row.model_dump(include=MINUTES_FIELDS), "download_url": url})


MINUTES_FIELDS = {"version", "minutes", "reason", "published_by_name", "published_at"}


class DecisionFilter(QueryParams):
    """The decision tracking list's filters."""

    meeting_id: Annotated[uuid.UUID | None, Field(description="所属会议")] = None
    kind: Annotated[list[MeetingKind] | None, Field(description="会议类型（可多选）")] = None
    chair_id: Annotated[uuid.UUID | None, Field(description="会议主持的市领导")] = None
    meeting_from: Annotated[Moment | None, Field(description="会议召开时间起（含）")] = None
    meeting_before: Annotated[Moment | None, Field(description="会议召开时间止（不含）")] = None
    state: Annotated[list[DecisionState] | None, Field(description="状态（可多选）")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="责任或配合单位")] = None
    project_id: Annotated[uuid.UUID | None, Field(description="相关项目")] = None
    overdue: Annotated[bool | None, Field(description="已超期")] = None
    due_before: Annotated[Day | None, Field(description="完成时限早于该日期")] = None
    mine: Annotated[bool | None, Field(description="只看本单位负责或配合的")] = None
    q: Annotated[Text | None, Field(max_length=100, description="内容或编码包含")] = None
    updated_after: UpdatedAfter = None


class DecisionCreate(RequestBody):
    text: DecisionText = Field(description="议定内容")
    responsible_unit_id: uuid.UUID = Field(description="责任单位")
    co_unit_ids: Units = Field(default_factory=list, description="配合单位")
    project_ids: Annotated[list[uuid.UUID], Field(max_length=20)] = Field(
        default_factory=list, description="相关项目"
    )
    due_date: Day | None = Field(default=None, description="完成时限")


class DecisionUpdateBody(RequestBody):
    """Only the fields sent change; allowed while the decision is open."""

    text: DecisionText | None = Field(default=None, description="议定内容")
    responsible_unit_id: uuid.UUID | None = Field(default=None, description="责任单位")
    co_unit_ids: Units | None = Field(default=None, description="配合单位（整体替换）")
    project_ids: Annotated[list[uuid.UUID], Field(max_length=20)] | None = Field(
        default=None, description="相关项目（整体替换）"
    )
    due_date: Day | None = Field(default=None, description="完成时限")


class DecisionTicketRead(ResponseBody):
    id: uuid.UUID = Field(description="服务事项编号")
    code: str = Field(description="事项编码")
    state: TicketState = Field(description="事项状态")
    lead_department: UnitBrief | None = Field(description="牵头办理部门")
    due_date: date | None = Field(description="办理时限")
    is_overdue: bool = Field(description="已超期")


class DecisionRead(ResponseBody):
    id: uuid.UUID = Field(description="议定事项编号")
    code: str = Field(description="编码，如 YD-2026-0007")
    meeting_id: uuid.UUID = Field(description="所属会议")
    meeting_title: str = Field(description="会议名称")
    meeting_kind: MeetingKind = Field(description="会议类型")
    seq: int = Field(description="在会议中的序号")
    text: str = Field(description="议定内容")
    responsible_unit: UnitBrief = Field(description="责任单位")
    co_units: list[UnitBrief] = Field(description="配合单位")
    projects: list[ProjectBrief] = Field(description="相关项目")
    due_date: date | None = Field(description="完成时限")
    state: DecisionState = Field(description="状态")
    is_overdue: bool = Field(description="已超期（未完成且过了完成时限）")
    done_at: datetime | None = Field(description="完成时间（UTC）")
    tickets: list[DecisionTicketRead] = Field(description="由本事项转交办生成的服务事项")
    tickets_closed: int = Field(description="其中已办结（或撤销）的数量")
    latest_progress: str | None = Field(description="最近一次进展")
    actions: list[str] = Field(
        description="当前用户可执行的操作：edit、in_progress、done、cancelled、report、to_tickets"
    )
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")
    version: int = Field(description="版本号（ETag）")


class DecisionTransition(RequestBody):
    expected_state: DecisionState = Field(description="调用方认为的当前状态；不一致时返回 409")
    to_state: DecisionState = Field(description="目标状态")
    note: Note | None = Field(default=None, description="说明；取消时必填")


class ProgressCreate(RequestBody):
    note: Note = Field(description="进展情况")
    progress_date: Day | None = Field(default=None, description="进展日期（默认今天，不晚于今天）")


class DecisionUpdateRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    kind: DecisionUpdateKind = Field(description="类型：进展 / 状态变更 / 交办办理")
    progress_date: date | None = Field(description="进展日期")
    note: str = Field(description="内容")
    from_state: str | None = Field(description="原状态")
    to_state: str | None = Field(description="新状态")
    ticket_id: uuid.UUID | None = Field(description="相关服务事项")
    actor_name: str = Field(description="记录人")
    actor_unit_name: str | None = Field(description="记录人单位")
    occurred_at: datetime = Field(description="时间（UTC）")


class DecisionTicketsCreate(RequestBody):
    project_id: uuid.UUID | None = Field(
        default=None, description="事项所属项目；须为相关项目之一，只有一个相关项目时可不填"
    )
    category: Code = Field(description="事项类别代码（见 /dictionaries?kind=ticket_category）")
    urgency: Urgency = Field(default=Urgency.normal, description="紧急程度")
    unit_ids: Units | None = Field(
        default=None,
        description="交办给哪些单位（须为职能部门）；不填为责任单位和配合单位中的全部职能部门",
    )
