import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from app.core.schemas import QueryParams, ResponseBody, Text


class AuditEventFilter(QueryParams):
    """The audit trail's filters."""

    action: Annotated[Text | None, Field(max_length=64, description="按动作筛选")] = None
    object_type: Annotated[Text | None, Field(max_length=40, description="按对象类型筛选")] = None
    object_id: Annotated[Text | None, Field(max_length=64, description="按对象编号筛选")] = None
    actor_id: Annotated[uuid.UUID | None, Field(description="按操作人筛选")] = None


class AuditEventRead(ResponseBody):
    id: uuid.UUID = Field(description="事件编号")
    occurred_at: datetime = Field(description="发生时间（UTC）")
    actor_id: uuid.UUID | None = Field(description="操作人或客户端记录编号")
    actor_name: str | None = Field(description="操作人登录名或客户端名称")
    actor_role: str | None = Field(description="操作人角色（合作系统为 partner）")
    unit_id: uuid.UUID | None = Field(description="操作人所属单位")
    client_id: str | None = Field(description="合作系统的 client_id")
    action: str = Field(description="动作，如 user.create、auth.login")
    object_type: str = Field(description="对象类型")
    object_id: str | None = Field(description="对象编号")
    outcome: str = Field(description="结果：success / failure / denied")
    before: dict[str, Any] | None = Field(
        description="修改前；与对象本身同样受权限和范围限制"
        "（见 snapshot_withheld、snapshot_redacted）"
    )
    after: dict[str, Any] | None = Field(description="修改后；限制同 before")
    snapshot_withheld: bool = Field(
        default=False,
        description="调用者无权查看该对象（如项目、服务事项、会议），修改前后内容不予显示",
    )
    snapshot_redacted: bool = Field(
        default=False,
        description="修改前后内容中调用者无权查看的字段（如保密项目的投资方和联系人）已隐藏",
    )
    request_id: str | None = Field(description="请求编号")
    ip: str | None = Field(description="来源 IP")
