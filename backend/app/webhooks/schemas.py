import json
import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, Strict, field_validator

from app.core.schemas import Bool, QueryParams, RequestBody, ResponseBody, Text
from app.models.enums import WebhookDeliveryState, WebhookEventType

Url = Annotated[
    str,
    Strict(),
    Field(
        min_length=8,
        max_length=500,
        pattern=r"^https?://[^\s]+$",
        description="接收地址（http 或 https），收到后 10 秒内返回 2xx 即为送达",
    ),
]
EventTypes = Annotated[
    list[WebhookEventType],
    Field(min_length=1, max_length=len(WebhookEventType), description="订阅的事件类型"),
]


def _distinct(value: list[WebhookEventType] | None) -> list[WebhookEventType] | None:
    return None if value is None else sorted(set(value))


class WebhookEndpointCreate(RequestBody):
    api_client_id: uuid.UUID | None = Field(
        default=None,
        description="所属的接口客户端（管理员必填；合作系统省略，即为自己）",
    )
    url: Url
    description: Annotated[Text, Field(max_length=200, description="说明")] = ""
    event_types: EventTypes

    _types = field_validator("event_types")(_distinct)


class WebhookEndpointUpdate(RequestBody):
    url: Url | None = Field(default=None, description="新的接收地址")
    description: Annotated[Text | None, Field(max_length=200, description="说明")] = None
    event_types: EventTypes | None = Field(default=None, description="新的订阅事件类型（整体替换）")
    is_active: Bool | None = Field(
        default=None, description="false 停用；true 重新启用（清除失败状态）"
    )

    _types = field_validator("event_types")(_distinct)


class WebhookEndpointRead(ResponseBody):
    id: uuid.UUID = Field(description="推送地址编号")
    api_client_id: uuid.UUID = Field(description="所属的接口客户端")
    url: str = Field(description="接收地址")
    description: str = Field(description="说明")
    event_types: list[WebhookEventType] = Field(description="订阅的事件类型")
    is_active: bool = Field(description="是否启用")
    failing_since: datetime | None = Field(description="自何时起推送一直失败（UTC）；成功后清空")
    disabled_at: datetime | None = Field(description="被停用的时间（UTC）")
    disabled_reason: str | None = Field(description="停用原因")
    previous_secret_expires_at: datetime | None = Field(
        description="轮换密钥后旧密钥失效的时间（UTC）；此前每条消息带新旧两个签名"
    )
    created_at: datetime = Field(description="创建时间（UTC）")
    updated_at: datetime = Field(description="修改时间（UTC）")
    version: int = Field(description="版本号（与 ETag 相同），修改和删除时作为 If-Match")


class WebhookEndpointCreated(WebhookEndpointRead):
    secret: str = Field(description="签名密钥（whsec_ 开头）：只在创建时显示这一次，请妥善保存")


class WebhookSecretRotated(ResponseBody):
    secret: str = Field(description="新的签名密钥：只显示这一次")
    previous_secret_expires_at: datetime = Field(
        description="旧密钥继续签名到此时（UTC），请在此前换用新密钥验证"
    )


class WebhookDeliveryFilter(QueryParams):
    state: WebhookDeliveryState | None = Field(default=None, description="按送达状态筛选")


class WebhookDeliveryRead(ResponseBody):
    id: uuid.UUID = Field(description="推送记录编号")
    message_id: str = Field(description="消息编号（webhook-id 头），重试和重新推送时不变")
    type: WebhookEventType = Field(description="事件类型")
    object_id: uuid.UUID = Field(description="对象编号")
    state: WebhookDeliveryState = Field(description="送达状态")
    attempts: int = Field(description="已尝试次数")
    next_attempt_at: datetime = Field(description="下次尝试时间（UTC；待送达时有效）")
    expires_at: datetime = Field(description="重试截止时间（UTC），过后记为送达失败")
    last_status: int | None = Field(description="最近一次的 HTTP 状态码")
    last_error: str | None = Field(description="最近一次的网络错误")
    delivered_at: datetime | None = Field(description="送达时间（UTC）")
    created_at: datetime = Field(description="生成时间（UTC）")


class WebhookAttemptRead(ResponseBody):
    attempted_at: datetime = Field(description="尝试时间（UTC）")
    status_code: int | None = Field(description="接收方返回的 HTTP 状态码；网络错误时为空")
    latency_ms: int = Field(description="耗时（毫秒）")
    response_snippet: str = Field(description="接收方响应的前 500 个字符")
    error: str | None = Field(description="网络错误（连接失败、超时）")


class WebhookDeliveryDetail(WebhookDeliveryRead):
    payload: dict[str, Any] = Field(description="推送的消息体（每次尝试相同）")
    attempt_log: list[WebhookAttemptRead] = Field(description="每次尝试，先后为序")

    @field_validator("payload", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class WebhookEventTypeRead(ResponseBody):
    type: WebhookEventType = Field(description="事件类型")
    label: str = Field(description="中文名称")
    object_type: str = Field(
        description="对象类型；消息的 data.object 即该对象的详情接口返回的内容"
    )
    object_path: str = Field(description="对象的详情接口")
    scope: str = Field(description="订阅需要的权限范围")
