import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.core.schemas import QueryParams, ResponseBody
from app.models.enums import NotificationKind


class NotificationRead(ResponseBody):
    id: uuid.UUID = Field(description="通知编号")
    kind: NotificationKind = Field(description="类型")
    title: str = Field(description="标题（事项编码和标题）")
    body: str = Field(description="内容")
    ticket_id: uuid.UUID | None = Field(description="相关服务事项")
    link: str = Field(description="在系统中打开的地址")
    created_at: datetime = Field(description="时间（UTC）")
    read_at: datetime | None = Field(description="已读时间；为空表示未读")


class UnreadCount(ResponseBody):
    unread: int = Field(description="未读通知数")


class NotificationFilter(QueryParams):
    """The message centre's filters."""

    unread: Annotated[bool | None, Field(description="true 只看未读，false 只看已读")] = None
    kind: Annotated[list[NotificationKind] | None, Field(description="类型（可多选）")] = None
