from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.auth.dependencies import Principal, current_principal
from app.core.errors import Problem
from app.core.permissions import PARTNER_SCOPES, PERMISSION_LABELS
from app.models.enums import (
    AGREEMENT_TYPE_LABELS,
    EVALUATION_CONCLUSION_LABELS,
    FOLLOW_UP_KIND_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    UNIT_KIND_LABELS,
)

router = APIRouter(prefix="/meta", tags=["元数据"])


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
    )


def _items(labels: Mapping[Any, str]) -> list[EnumItem]:
    return [EnumItem(value=k, label=v) for k, v in labels.items()]
