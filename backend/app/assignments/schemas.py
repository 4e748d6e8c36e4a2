import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import Field

from app.core.schemas import MultilineText, RequestBody, ResponseBody
from app.models.enums import Stage


class AssignmentCreate(RequestBody):
    leader_id: uuid.UUID = Field(description="牵头市领导（角色为 leader 的用户）")
    note: Annotated[MultilineText, Field(max_length=500)] | None = Field(
        default=None, description="说明"
    )


class AssignmentEnd(RequestBody):
    reason: Annotated[MultilineText, Field(min_length=2, max_length=500)] = Field(
        description="结束原因"
    )


class AssignmentRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    project_id: uuid.UUID = Field(description="项目编号")
    project_code: str = Field(description="项目代码")
    project_name: str = Field(description="项目名称")
    project_stage: Stage = Field(description="项目当前阶段")
    leader_id: uuid.UUID = Field(description="牵头市领导")
    leader_name: str = Field(description="市领导姓名")
    started_at: datetime = Field(description="开始时间（UTC）")
    note: str | None = Field(description="说明")
    ended_at: datetime | None = Field(description="结束时间（UTC）；为空表示仍在牵头")
    end_reason: str | None = Field(description="结束原因")
    is_active: bool = Field(description="是否为当前有效的牵头关系")


class TeamMemberCreate(RequestBody):
    unit_id: uuid.UUID | None = Field(
        default=None, description="责任科室/单位（与 user_id 二选一）"
    )
    user_id: uuid.UUID | None = Field(default=None, description="服务专员（与 unit_id 二选一）")


class TeamMemberRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    unit_id: uuid.UUID | None = Field(description="责任单位")
    user_id: uuid.UUID | None = Field(description="服务专员")
    name: str = Field(description="单位名称或专员姓名")
    added_at: datetime = Field(description="加入时间（UTC）")
    removed_at: datetime | None = Field(description="移出时间（UTC）；为空表示仍在专班")


class ServiceTeamRead(ResponseBody):
    project_id: uuid.UUID = Field(description="项目编号")
    is_key: bool = Field(description="是否重点项目")
    lead_leader: AssignmentRead | None = Field(description="牵头市领导")
    sections: list[TeamMemberRead] = Field(description="当前责任科室/单位")
    officers: list[TeamMemberRead] = Field(description="当前服务专员")
    history: list[TeamMemberRead] = Field(description="全部变更记录（含已移出）")


class ProjectEventRead(ResponseBody):
    kind: Literal["stage", "follow_up", "ticket", "decision"] = Field(
        description="类型：stage 阶段变更 / follow_up 接洽记录 / ticket 服务事项办理 / "
        "decision 议定事项进展"
    )
    title: str = Field(description="摘要（中文）")
    detail: str | None = Field(description="说明、原因或批示内容")
    actor_name: str | None = Field(description="操作人")
    occurred_at: datetime = Field(description="时间（UTC）")
    link: str | None = Field(description="在系统中打开的地址（服务事项、议定事项）")


class LeaderOverview(ResponseBody):
    assignment: AssignmentRead | None = Field(description="当前牵头关系；没有时为空")
    project: "ProjectRead | None" = Field(description="牵头的项目")
    stage_history: list["StageChangeRead"] = Field(description="项目阶段历史")
    follow_ups: list["FollowUpRead"] = Field(description="接洽记录")
    next_gate: "NextStage | None" = Field(
        description="下一道关口（下一阶段或暂缓前的阶段）及尚缺条件；已投产或已终止时为空"
    )
    open_tickets: list["TicketRead"] = Field(
        description="未办结的服务事项，按办理时限排序（最多 50 项）"
    )
    open_tickets_total: int = Field(description="未办结的服务事项总数")
    open_decisions: list["DecisionRead"] = Field(
        description="未完成的议定事项，按完成时限排序（最多 50 项）"
    )
    open_decisions_total: int = Field(description="未完成的议定事项总数")
    recent_events: list[ProjectEventRead] = Field(
        description="项目近期动态，最新在前（最多 20 条）：阶段变更、接洽记录、服务事项办理、"
        "议定事项进展"
    )

    @classmethod
    def empty(cls) -> Self:
        return cls(
            assignment=None,
            project=None,
            stage_history=[],
            follow_ups=[],
            next_gate=None,
            open_tickets=[],
            open_tickets_total=0,
            open_decisions=[],
            open_decisions_total=0,
            recent_events=[],
        )


from app.meetings.schemas import DecisionRead  # noqa: E402
from app.projects.schemas import FollowUpRead, NextStage, ProjectRead, StageChangeRead  # noqa: E402
from app.tickets.schemas import TicketRead  # noqa: E402

LeaderOverview.model_rebuild()
