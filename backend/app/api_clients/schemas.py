import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict, field_validator

from app.core.permissions import PARTNER_SCOPES
from app.core.schemas import RequestBody, ResponseBody, Text
from app.models.enums import UnitKind


class ApiClientCreate(RequestBody):
    name: Annotated[Text, Field(min_length=2, max_length=100, description="合作系统名称")]
    unit_id: uuid.UUID = Field(description="绑定的单位：该系统只能访问此单位的数据")
    scopes: list[Annotated[str, Strict(), Field(pattern=r"^[a-z_]{1,20}:[a-z_]{1,20}$")]] = Field(
        min_length=1, max_length=20, description="授予的权限范围"
    )

    @field_validator("scopes")
    @classmethod
    def _known_scopes(cls, value: list[str]) -> list[str]:
        allowed = {s.value for s in PARTNER_SCOPES}
        unknown = [s for s in value if s not in allowed]
        if unknown:
            raise ValueError(f"不可授予的权限范围：{'、'.join(unknown)}")
        return sorted(set(value))


class ApiClientRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    client_id: str = Field(description="客户端编号（client_id）")
    name: str = Field(description="合作系统名称")
    unit_id: uuid.UUID = Field(description="绑定的单位")
    scopes: list[str] = Field(description="授予的权限范围")
    is_active: bool = Field(description="是否有效")
    created_at: datetime = Field(description="创建时间（UTC）")
    revoked_at: datetime | None = Field(description="吊销时间（UTC）")


class ApiClientCreated(ApiClientRead):
    client_secret: str = Field(description="客户端密钥：只在创建时显示这一次，请妥善保存")


class PartnerUnit(ResponseBody):
    id: uuid.UUID = Field(description="单位编号")
    code: str = Field(description="单位代码")
    name: str = Field(description="单位名称")
    kind: UnitKind = Field(description="单位类型")


class PartnerLimits(ResponseBody):
    token_minutes: int = Field(description="访问令牌有效期（分钟），到期后重新申请")
    page_size_max: int = Field(description="列表每页最多条数（limit 上限）")
    idempotency_key_required: bool = Field(description="POST 请求是否必须带 Idempotency-Key")
    attachment_max_bytes: int = Field(description="上传附件的大小上限（字节）")


class PartnerClientRead(ResponseBody):
    """The calling partner system as the server sees it."""

    id: uuid.UUID = Field(description="记录编号")
    client_id: str = Field(description="客户端编号（client_id）")
    name: str = Field(description="合作系统名称")
    unit: PartnerUnit = Field(description="绑定的单位：只能访问此单位的数据")
    scopes: list[str] = Field(description="管理员授予的权限范围")
    token_scopes: list[str] = Field(description="本次令牌实际持有的权限范围（可能少于授予的）")
    is_active: bool = Field(description="是否有效")
    created_at: datetime = Field(description="创建时间（UTC）")
    limits: PartnerLimits = Field(description="对该客户端生效的限制")
