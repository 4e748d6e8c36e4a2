import uuid

from pydantic import Field

from app.core.briefs import UnitBrief
from app.core.schemas import Password, RequestBody, ResponseBody, Secret
from app.models.enums import Role, UnitKind


class TokenResponse(ResponseBody):
    access_token: str = Field(description="访问令牌（JWT），放在 Authorization: Bearer 头中")
    token_type: str = Field(default="bearer", description="固定为 bearer")
    expires_in: int = Field(description="访问令牌有效秒数（不超过 900）")
    refresh_token: str | None = Field(
        default=None, description="刷新令牌（仅人员登录返回；每次使用后作废并换发新的）"
    )
    scope: str | None = Field(default=None, description="合作系统令牌包含的权限范围，空格分隔")


class LogoutRequest(RequestBody):
    refresh_token: Secret = Field(description="要作废的刷新令牌")


class PasswordChange(RequestBody):
    current_password: Secret = Field(description="当前密码")
    new_password: Password = Field(description="新密码：至少 10 位，须含字母和数字")


class UserUnit(UnitBrief):
    kind: UnitKind = Field(description="单位类型")


class Me(ResponseBody):
    id: uuid.UUID = Field(description="用户编号")
    username: str = Field(description="登录名")
    full_name: str = Field(description="姓名")
    role: Role = Field(description="角色代码")
    role_label: str = Field(description="角色中文名")
    unit: UserUnit = Field(description="所属单位")
    permissions: list[str] = Field(description="当前角色拥有的权限")
