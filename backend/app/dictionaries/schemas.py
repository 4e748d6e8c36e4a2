import uuid
from typing import Annotated

from pydantic import Field

from app.core.schemas import Bool, Code, Int, RequestBody, ResponseBody, Text
from app.models.enums import DictionaryKind


class DictionaryItemCreate(RequestBody):
    kind: DictionaryKind = Field(
        description="字典：industry_chain 产业链 / source_channel 招商渠道"
    )
    code: Annotated[Code, Field(description="代码：小写字母、数字、-、_")]
    label: Annotated[Text, Field(min_length=1, max_length=60)] = Field(description="中文名称")
    sort_order: Int = Field(default=0, ge=0, le=10_000, description="排序")


class DictionaryItemUpdate(RequestBody):
    label: Annotated[Text, Field(min_length=1, max_length=60)] | None = Field(
        default=None, description="中文名称"
    )
    sort_order: Int | None = Field(default=None, ge=0, le=10_000, description="排序")
    is_active: Bool | None = Field(default=None, description="是否启用；停用后不能再被新项目选用")


class DictionaryItemRead(ResponseBody):
    id: uuid.UUID = Field(description="记录编号")
    kind: DictionaryKind = Field(description="字典")
    code: str = Field(description="代码")
    label: str = Field(description="中文名称")
    sort_order: int = Field(description="排序")
    is_active: bool = Field(description="是否启用")
    version: int = Field(description="版本号（与 ETag 相同）")
