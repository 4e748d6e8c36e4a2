from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.auth.dependencies import Principal, current_principal
from app.core.errors import Problem
from app.core.permissions import PARTNER_SCOPES, PERMISSION_LABELS
from app.models.enums import ROLE_LABELS, UNIT_KIND_LABELS

router = APIRouter(prefix="/meta", tags=["元数据"])


class EnumItem(BaseModel):
    value: str = Field(description="英文代码（接口中传递的值）")
    label: str = Field(description="中文名称")


class Enums(BaseModel):
    roles: list[EnumItem] = Field(description="角色")
    unit_kinds: list[EnumItem] = Field(description="单位类型")
    permissions: list[EnumItem] = Field(description="权限")
    scopes: list[EnumItem] = Field(description="可授予合作系统的权限范围")


@router.get(
    "/enums", response_model=Enums, responses={401: {"model": Problem}}, summary="枚举值与中文名称"
)
async def read_enums(principal: Annotated[Principal, Depends(current_principal)]) -> Enums:
    """Every enum the API uses, with its Chinese label, in display order."""
    return Enums(
        roles=[EnumItem(value=k, label=v) for k, v in ROLE_LABELS.items()],
        unit_kinds=[EnumItem(value=k, label=v) for k, v in UNIT_KIND_LABELS.items()],
        permissions=[EnumItem(value=k, label=v) for k, v in PERMISSION_LABELS.items()],
        scopes=[
            EnumItem(value=k, label=v) for k, v in PERMISSION_LABELS.items() if k in PARTNER_SCOPES
        ],
    )
