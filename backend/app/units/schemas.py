import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict

from app.core.schemas import Bool, QueryParams, RequestBody, ResponseBody, Text, UpdatedAfter
from app.models.enums import UnitKind

UnitCode = Annotated[
    str,
    Strict(),
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]{1,39}$", description="单位代码：小写字母、数字、-、_，2–40 位"
    ),
]
UnitName = Annotated[Text, Field(min_length=2, max_length=100, description="单位名称")]


class UnitFilter(QueryParams):
    """The unit list's filters."""

    kind: Annotated[UnitKind | None, Field(description="按单位类型筛选")] = None
    parent_id: Annotated[uuid.UUID | None, Field(description="按上级县市区筛选")] = None
    is_active: Annotated[bool | None, Field(description="按启用状态筛选")] = None
    q: Annotated[Text | None, Field(max_length=50, description="名称或代码包含")] = None
    updated_after: UpdatedAfter = None


class UnitCreate(RequestBody):
    code: UnitCode
    name: UnitName
    kind: UnitKind = Field(description="单位类型")
    parent_id: uuid.UUID | None = Field(default=None, description="上级县市区（仅园区可填）")


class UnitUpdate(RequestBody):
    name: UnitName | None = Field(default=None, description="单位名称")
    kind: UnitKind | None = Field(default=None, description="单位类型")
    parent_id: uuid.UUID | None = Field(
        default=None, description="上级县市区（仅园区可填；传 null 清除）"
    )
    is_active: Bool | None = Field(default=None, description="是否启用；false 为停用")


class UnitRead(ResponseBody):
    id: uuid.UUID = Field(description="单位编号")
    code: str = Field(description="单位代码")
    name: str = Field(description="单位名称")
    kind: UnitKind = Field(description="单位类型")
    parent_id: uuid.UUID | None = Field(description="上级县市区")
    is_active: bool = Field(description="是否启用")
    version: int = Field(description="版本号（与 ETag 相同），修改时放入 If-Match")
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")
