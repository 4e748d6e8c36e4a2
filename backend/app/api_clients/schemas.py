import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, Strict, field_validator

from app.core.permissions import PARTNER_SCOPES
from app.core.schemas import RequestBody, ResponseBody, Text
from app.models.enums import UnitKind


def _grantable(value: list[str] | None) -> list[str] | None:
    """Scopes a partner may be granted, each once, sorted."""
    if value is None:
        return None
    allowed = {s.value for s in PARTNER_SCOPES}
    unknown = [s for s in value if s not in allowed]
    if unknown:
        raise ValueError(f"不可授予的权限范围：{'、'.join(unknown)}")
    return sorted(set(value))


class ApiClientCreate(RequestBody):
    name: Annotated[Text, Field(min_length=2, max_length=100, description="合作系统名称")]
    unit_id: uuid.UUID = Field(description="绑定的单位：该系统只能访问此单位的数据")
    scopes: list[Annotated[str, Strict(), Field(pattern=r"^[a-z_]{1,20}:[a-z_]{1,20}$")]] = Field(
        min_length=1, max_length=20, description="授予的权限范围"
    )

    _known = field_validator("scopes")(_grantable)


RateLimit = Annotated[
    int,
    Strict(),
    Field(ge=1, le=100_000, description="每分钟请求数上限（也是一次可连续发出的请求数）"),
]


class ApiClientUpdate(RequestBody):
    name: Annotated[
        Text | None, Field(min_length=2, max_length=100, description="合作系统名称")
    ] = None
    scopes: list[Annotated[str, Strict(), Field(pattern=r"^[a-z_]{1,20}:[a-z_]{1,20}$")]] | None = (
        Field(default=None, min_length=1, max_length=20, description="授予的权限范围（整体替换）")
    )
    rate_limit_per_minute: RateLimit | None = Field(
        default=None, description="该客户端每分钟请求数上限；传 null 恢复系统默认值"
    )

    _known = field_validator("scopes")(_grantable)


class ApiClientRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    client_id: str = Field(description="客户端编号（client_id）")
    name: str = Field(description="合作系统名称")
    unit_id: uuid.UUID = Field(description="绑定的单位")
    scopes: list[str] = Field(description="授予的权限范围")
    is_active: bool = Field(description="是否有效")
    created_at: datetime = Field(description="创建时间（UTC）")
    revoked_at: datetime | None = Field(description="吊销时间（UTC）")
    rate_limit_per_minute: int | None = Field(
        description="为该客户端设定的每分钟请求数上限；为空时使用系统默认值"
    )
    version: int = Field(description="版本号（与 ETag 相同），修改时作为 If-Match")
    last_used_at: datetime | None = Field(
        default=None, description="最近一次调用接口的时间（UTC；统计每 10 秒左右更新）"
    )


class ApiClientUsageDay(ResponseBody):
    day: date = Field(description="日期（北京时间）")
    requests: int = Field(description="当天的请求数")
    tokens_issued: int = Field(description="当天换取令牌的次数")


class ApiClientUsageRead(ResponseBody):
    days: list[ApiClientUsageDay] = Field(description="最近几天每天的用量（没有调用的日子不列出）")
    last_used_at: datetime | None = Field(description="最近一次调用接口的时间（UTC）")


class ApiClientCreated(ApiClientRead):
    client_secret: str = Field(description="客户端密钥：只在创建时显示这一次，请妥善保存")


class PartnerUnit(ResponseBody):
    id: uuid.UUID = Field(description="单位编号")
    code: str = Field(description="单位代码")
    name: str = Field(description="单位名称")
    kind: UnitKind = Field(description="单位类型")


class PartnerLimits(ResponseBody):
    token_minutes: int = Field(description="访问令牌有效期（分钟），到期后重新申请")
    requests_per_minute: int = Field(
        description="每分钟请求数上限（令牌桶：最多可连续发出这么多，之后按此速率恢复）；"
        "超出返回 429 和 Retry-After"
    )
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
