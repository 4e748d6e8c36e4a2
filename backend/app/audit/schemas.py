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


class AuditChange(ResponseBody):
    field: str = Field(description="字段代码")
    label: str = Field(description="字段名称")
    before: str | None = Field(description="修改前，按人阅读的形式（标签、万元、日期）")
    after: str | None = Field(description="修改后，形式同 before")


class AuditEventRead(ResponseBody):
    id: uuid.UUID = Field(description="事件编号")
    occurred_at: datetime = Field(description="发生时间（UTC）")
    actor_id: uuid.UUID | None = Field(description="操作人或客户端记录编号")
    actor_name: str | None = Field(description="操作人登录名或客户端名称")
    actor_role: str | None = Field(description="操作人角色（合作系统为 partner）")
    actor_display_name: str | None = Field(
        default=None, description="操作人姓名（合作系统为其名称）"
    )
    unit_name: str | None = Field(default=None, description="操作人所属单位名称")
    unit_id: uuid.UUID | None = Field(description="操作人所属单位")
    client_id: str | None = Field(description="合作系统的 client_id")
    action: str = Field(description="动作，如 user.create、auth.login")
    object_type: str = Field(description="对象类型")
    object_id: str | None = Field(description="对象编号")
    action_label: str = Field(default="", description="动作的中文名称")
    object_type_label: str = Field(default="", description="对象类型的中文名称")
    object_label: str | None = Field(
        default=None,
        description="对象的名称，如项目编码和名称、事项编码和标题、会议名称、用户姓名；"
        "调用者无权查看的项目、事项和议定事项只给编码",
    )
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
    changes: list[AuditChange] = Field(
        default_factory=list,
        description="改了什么：只列变化的字段，字段名、枚举、金额和日期均为中文可读形式；"
        "新建时列出所填字段。受与 before/after 同样的限制",
    )
    request_id: str | None = Field(description="请求编号")
    ip: str | None = Field(description="来源 IP")


class AuditChainBreak(ResponseBody):
    event_id: uuid.UUID | None = Field(
        description="断开处的审计事件编号（记录缺失时为缺口之后的第一条；链上已无记录时为空）"
    )
    stream: int = Field(description="所在链的编号（0 起）")
    seq: int = Field(description="在链中的序号（1 起）")
    reason: str = Field(
        description="问题：content_changed 内容被改动 / link_broken 与前一行的链接断开 / "
        "missing_line 前面的记录缺失 / head_mismatch 链尾与登记不符（末尾记录被删除）"
    )
    detail: str = Field(description="问题的中文说明")


class AuditVerification(ResponseBody):
    ok: bool = Field(description="审计日志是否完整：每条记录都未被改动、删除或插入")
    streams: int = Field(description="校验的链数")
    events: int = Field(description="校验无误的记录数（发现问题时为问题之前的记录数）")
    summary: str = Field(description="一句中文结论")
    first_broken: AuditChainBreak | None = Field(description="发现的第一处问题；完整时为空")
