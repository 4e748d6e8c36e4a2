import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from app.core.schemas import ResponseBody
from app.models.enums import WebhookEventType


class ChangeRead(ResponseBody):
    object_type: str = Field(
        description="对象类型：unit、project、ticket、meeting、decision、unit_report、"
        "report_period、bulletin、assessment_round"
    )
    id: uuid.UUID = Field(description="对象编号")
    action: Literal["changed", "deleted"] = Field(description="changed 新建或修改；deleted 已删除")
    type: WebhookEventType | None = Field(description="该变更对应的推送事件类型（如有）")
    change: dict[str, Any] = Field(description="变更要点（如阶段、状态的前后值）")
    changed_at: datetime = Field(description="变更时间（UTC）")
    object: dict[str, Any] | None = Field(
        description="对象现在的详情，与调用方自己读取详情接口所得相同；已删除时为空"
    )


class ChangeFeed(ResponseBody):
    items: list[ChangeRead] = Field(description="本页变更，先后为序；调用方无权查看的对象不列出")
    next_cursor: str = Field(
        description="下次请求的 since：总是返回，保存它，下次从这里继续，不会漏掉也不会重复"
    )
    has_more: bool = Field(description="是否还有更多已可读取的变更（为 true 时请立即继续读取）")


class ChangePosition(ResponseBody):
    cursor: str = Field(description="当前的位置：以它为 since 只读取此后的变更")
