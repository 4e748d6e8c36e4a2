import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import Bool, Int, MultilineText, RequestBody, ResponseBody, Text
from app.models.enums import ReviewRoundState, ReviewVerdict, Stage

Reason = Annotated[MultilineText, Field(min_length=2, max_length=2000)]
Opinion = Annotated[MultilineText, Field(max_length=2000)]


class ReviewRoundCreate(RequestBody):
    year: Int = Field(ge=2000, le=2100, description="年度（每年一轮）")
    title: Annotated[Text, Field(min_length=2, max_length=200)] | None = Field(
        default=None, description="名称；不填为“2026年度重大项目三级联审”"
    )


class MeetingBrief(ResponseBody):
    id: uuid.UUID = Field(description="会议编号")
    title: str = Field(description="会议名称")
    starts_at: datetime = Field(description="召开时间（UTC）")


class CandidateProject(ResponseBody):
    id: uuid.UUID = Field(description="项目编号")
    code: str = Field(description="项目编码")
    name: str = Field(description="项目名称")
    stage: Stage = Field(description="当前阶段")
    planned_investment: Decimal = Field(description="计划总投资（万元）")
    owner_unit: UnitBrief = Field(description="责任单位")


class CandidateRead(ResponseBody):
    id: uuid.UUID = Field(description="候选编号")
    project: CandidateProject = Field(description="候选项目")
    reason: str = Field(description="一级：提名理由")
    nominating_unit: UnitBrief = Field(description="一级：提名单位（发改委或商务局）")
    nominated_by_name: str = Field(description="一级：提名人")
    nominated_at: datetime = Field(description="一级：提名时间（UTC）")
    verdict: ReviewVerdict | None = Field(description="二级：联审意见；未审为空")
    opinion: str | None = Field(description="二级：审核意见或附加条件")
    review_meeting: MeetingBrief | None = Field(description="二级：联审会")
    reviewed_by_name: str | None = Field(description="二级：记录人")
    reviewed_at: datetime | None = Field(description="二级：记录时间（UTC）")
    listed: bool | None = Field(description="三级：是否列入年度重大项目清单；未决定为空")
    final_opinion: str | None = Field(description="三级：常务会议意见")


class ReviewRoundRead(ResponseBody):
    id: uuid.UUID = Field(description="联审轮次编号")
    year: int = Field(description="年度")
    title: str = Field(description="名称")
    state: ReviewRoundState = Field(description="状态：征集审核中 / 联审完成 / 清单已确定")
    candidate_count: int = Field(description="候选项目数")
    reviewed_count: int = Field(description="已有联审意见的候选数")
    listed_count: int = Field(description="列入清单的项目数")
    decision_meeting: MeetingBrief | None = Field(description="三级：决定清单的常务会议")
    decided_by_name: str | None = Field(description="三级：记录人")
    decided_at: datetime | None = Field(description="三级：记录时间（UTC）")
    candidates: list[CandidateRead] = Field(description="候选项目及各级结论（列表接口中为空）")
    actions: list[str] = Field(description="当前用户可执行的操作：nominate、review、decide")
    created_at: datetime = Field(description="创建时间（UTC）")
    version: int = Field(description="版本号")


class CandidateCreate(RequestBody):
    project_id: uuid.UUID = Field(description="提名的项目")
    reason: Reason = Field(description="提名理由")


class VerdictCreate(RequestBody):
    meeting_id: uuid.UUID = Field(description="作出意见的联审会（类型 review，已召开）")
    verdict: ReviewVerdict = Field(description="同意 / 有条件同意 / 不同意 / 暂缓")
    opinion: Opinion | None = Field(
        default=None, description="审核意见；有条件同意（写明条件）、不同意、暂缓时必填"
    )


class FinalItem(RequestBody):
    candidate_id: uuid.UUID = Field(description="候选编号（联审同意或有条件同意的）")
    listed: Bool = Field(description="是否列入清单")
    opinion: Opinion | None = Field(default=None, description="常务会议意见；不列入时必填")


class FinalListCreate(RequestBody):
    meeting_id: uuid.UUID = Field(description="决定清单的市政府常务会议（类型 executive，已召开）")
    items: Annotated[list[FinalItem], Field(max_length=500)] = Field(
        description="联审同意或有条件同意的每个候选各一条；不同意、暂缓的不列入"
    )
