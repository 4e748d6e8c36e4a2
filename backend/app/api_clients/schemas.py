import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict, field_validator

from app.core.permissions import PARTNER_SCOPES
from app.core.schemas import RequestBody, ResponseBody, Text


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
