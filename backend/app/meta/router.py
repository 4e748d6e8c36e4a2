from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.auth.dependencies import current_principal
from app.core.errors import Problem
from app.core.permissions import PARTNER_SCOPES, PERMISSION_LABELS
from app.core.principal import Principal
from app.models.enums import (
    AGREEMENT_TYPE_LABELS,
    DECISION_STATE_LABELS,
    DECISION_UPDATE_KIND_LABELS,
    ESCALATION_REASON_LABELS,
    EVALUATION_CONCLUSION_LABELS,
    FOLLOW_UP_KIND_LABELS,
    LETTER_KIND_LABELS,
    MEETING_KIND_LABELS,
    MEETING_STATE_LABELS,
    NOTIFICATION_KIND_LABELS,
    REVIEW_ROUND_STATE_LABELS,
    REVIEW_VERDICT_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    TICKET_EVENT_KIND_LABELS,
    TICKET_SOURCE_LABELS,
    TICKET_STATE_LABELS,
    UNIT_KIND_LABELS,
    URGENCY_LABELS,
)

router = APIRouter(prefix="/meta", tags=["meta"])


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
        roles=_items(ROLE_LABELS),
        unit_kinds=_items(UNIT_KIND_LABELS),
        permissions=_items(PERMISSION_LABELS),
        scopes=[
            EnumItem(value=k, label=v) for k, v in PERMISSION_LABELS.items() if k in PARTNER_SCOPES
        ],
        stages=_items(STAGE_LABELS),
        agreement_types=_items(AGREEMENT_TYPE_LABELS),
        evaluation_conclusions=_items(EVALUATION_CONCLUSION_LABELS),
        follow_up_kinds=_items(FOLLOW_UP_KIND_LABELS),
        ticket_states=_items(TICKET_STATE_LABELS),
        urgencies=_items(URGENCY_LABELS),
        ticket_sources=_items(TICKET_SOURCE_LABELS),
        ticket_event_kinds=_items(TICKET_EVENT_KIND_LABELS),
        letter_kinds=_items(LETTER_KIND_LABELS),
        escalation_reasons=_items(ESCALATION_REASON_LABELS),
        notification_kinds=_items(NOTIFICATION_KIND_LABELS),
        meeting_kinds=_items(MEETING_KIND_LABELS),
        meeting_states=_items(MEETING_STATE_LABELS),
        decision_states=_items(DECISION_STATE_LABELS),
        decision_update_kinds=_items(DECISION_UPDATE_KIND_LABELS),
        review_verdicts=_items(REVIEW_VERDICT_LABELS),
        review_round_states=_items(REVIEW_ROUND_STATE_LABELS),
    )


def _items(labels: Mapping[Any, str]) -> list[EnumItem]:
    return [EnumItem(value=k, label=v) for k, v in labels.items()]
