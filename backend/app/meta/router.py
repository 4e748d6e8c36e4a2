from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.auth.dependencies import current_principal
from app.core.errors import Problem
from app.core.idempotency import IdempotentRoute
from app.core.permissions import PARTNER_SCOPES, Permission
from app.core.principal import Principal
from app.models.enums import (
    AgreementType,
    DecisionState,
    DecisionUpdateKind,
    EscalationReason,
    EvaluationConclusion,
    FollowUpKind,
    LabelledEnum,
    LetterKind,
    MeetingKind,
    MeetingState,
    NotificationKind,
    ReviewRoundState,
    ReviewVerdict,
    Role,
    Stage,
    TicketEventKind,
    TicketSource,
    TicketState,
    UnitKind,
    Urgency,
)

router = APIRouter(prefix="/meta", tags=["meta"], route_class=IdempotentRoute)


class EnumItem(BaseModel):
    value: str = Field(description="英文代码（接口中传递的值）")
    label: str = Field(description="中文名称")


class Enums(BaseModel):
    roles: list[EnumItem] = Field(description="角色")
    unit_kinds: list[EnumItem] = Field(description="单位类型")
    permissions: list[EnumItem] = Field(description="权限")
    scopes: list[EnumItem] = Field(description="可授予合作系统的权限范围")
    stages: list[EnumItem] = Field(description="项目阶段（按流程顺序，末尾为暂缓、终止）")
    agreement_types: list[EnumItem] = Field(description="协议类型")
    evaluation_conclusions: list[EnumItem] = Field(description="评估结论")
    follow_up_kinds: list[EnumItem] = Field(description="接洽方式")
    ticket_states: list[EnumItem] = Field(description="服务事项状态（按流程顺序）")
    urgencies: list[EnumItem] = Field(description="紧急程度")
    ticket_sources: list[EnumItem] = Field(description="服务事项来源")
    ticket_event_kinds: list[EnumItem] = Field(description="办理过程记录类型")
    letter_kinds: list[EnumItem] = Field(description="文书类型")
    escalation_reasons: list[EnumItem] = Field(description="督办原因")
    notification_kinds: list[EnumItem] = Field(description="通知类型")
    meeting_kinds: list[EnumItem] = Field(description="会议类型")
    meeting_states: list[EnumItem] = Field(description="会议状态")
    decision_states: list[EnumItem] = Field(description="议定事项状态")
    decision_update_kinds: list[EnumItem] = Field(description="议定事项跟踪记录类型")
    review_verdicts: list[EnumItem] = Field(description="联审意见")
    review_round_states: list[EnumItem] = Field(description="联审轮次状态")


@router.get(
    "/enums", response_model=Enums, responses={401: {"model": Problem}}, summary="枚举值与中文名称"
)
async def read_enums(principal: Annotated[Principal, Depends(current_principal)]) -> Enums:
    """Every enum the API uses, with its Chinese label, in display order."""
    return Enums(
        roles=_items(Role),
        unit_kinds=_items(UnitKind),
        permissions=_items(Permission),
        scopes=_items(p for p in Permission if p in PARTNER_SCOPES),
        stages=_items(Stage),
        agreement_types=_items(AgreementType),
        evaluation_conclusions=_items(EvaluationConclusion),
        follow_up_kinds=_items(FollowUpKind),
        ticket_states=_items(TicketState),
        urgencies=_items(Urgency),
        ticket_sources=_items(TicketSource),
        ticket_event_kinds=_items(TicketEventKind),
        letter_kinds=_items(LetterKind),
        escalation_reasons=_items(EscalationReason),
        notification_kinds=_items(NotificationKind),
        meeting_kinds=_items(MeetingKind),
        meeting_states=_items(MeetingState),
        decision_states=_items(DecisionState),
        decision_update_kinds=_items(DecisionUpdateKind),
        review_verdicts=_items(ReviewVerdict),
        review_round_states=_items(ReviewRoundState),
    )


def _items(members: Iterable[LabelledEnum]) -> list[EnumItem]:
    return [EnumItem(value=m, label=m.label) for m in members]
