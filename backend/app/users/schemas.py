import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict

from app.core.schemas import Bool, Password, QueryParams, RequestBody, ResponseBody, Text
from app.models.enums import Role

Username = Annotated[
    str,
    Strict(),
    Field(
        pattern=r"^[a-z][a-z0-9._-]{2,63}$",
        description="登录名：小写字母开头，可含数字 . _ -，3–64 位",
    ),
]
FullName = Annotated[Text, Field(min_length=2, max_length=64, description="姓名")]
Phone = Annotated[str, Strict(), Field(pattern=r"^[0-9+\- ]{5,32}$", description="联系电话")]


class UserFilter(QueryParams):
    """The user list's filters."""

    role: Annotated[Role | None, Field(description="按角色筛选")] = None
    unit_id: Annotated[uuid.UUID | None, Field(description="按所属单位筛选")] = None
    include_sub_units: Annotated[
        bool,
        Field(description="与 unit_id 同用：同时列出其下级单位（县市区下的园区）的用户"),
    ] = False
    is_active: Annotated[bool | None, Field(description="按启用状态筛选")] = None
    q: Annotated[Text | None, Field(max_length=50, description="登录名或姓名包含")] = None


class UserCreate(RequestBody):
    username: Username
    full_name: FullName
    role: Role = Field(description="角色")
    unit_id: uuid.UUID = Field(description="所属单位")
    password: Password = Field(description="初始密码：至少 10 位，须含字母和数字")
    phone: Phone | None = Field(default=None, description="联系电话")


class UserUpdate(RequestBody):
    full_name: FullName | None = Field(default=None, description="姓名")
    role: Role | None = Field(default=None, description="角色（修改后该用户须重新登录）")
    unit_id: uuid.UUID | None = Field(
        default=None, description="所属单位（修改后该用户须重新登录）"
    )
    phone: Phone | None = Field(default=None, description="联系电话")
    is_active: Bool | None = Field(
        default=None, description="是否启用；false 为停用并立即失效其令牌"
    )


class PasswordReset(RequestBody):
    new_password: Password = Field(description="新密码：至少 10 位，须含字母和数字")


class UserRead(ResponseBody):
    id: uuid.UUID = Field(description="用户编号")
    username: str = Field(description="登录名")
    full_name: str = Field(description="姓名")
    role: Role = Field(description="角色")
    unit_id: uuid.UUID = Field(description="所属单位编号")
    unit_name: str = Field(description="所属单位名称")
    phone: str | None = Field(description="联系电话")
    is_active: bool = Field(description="是否启用")
    locked_until: datetime | None = Field(description="因登录失败被锁定到何时（UTC）")
    last_login_at: datetime | None = Field(description="最近登录时间（UTC）")
    version: int = Field(description="版本号（与 ETag 相同），修改时放入 If-Match")
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="最后修改时间（UTC）")
