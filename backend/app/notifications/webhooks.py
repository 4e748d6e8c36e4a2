"""Who hears that a webhook endpoint was disabled: every admin."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.enums import NotificationKind, Role
from app.notifications.service import Note, deliver
from app.webhooks.events import EndpointDisabled


async def endpoint_disabled(session: AsyncSession, events: Sequence[EndpointDisabled]) -> None:
    await deliver(
        session,
        [
            Note(
                kind=NotificationKind.webhook_disabled,
                title=f"推送地址已停用：{e.url}"[:200],
                body="该地址连续一天推送失败，已自动停用，期间的消息未再生成。"
                "请与合作系统核实接收服务后重新启用。",
                link=f"/webhook-endpoints/{e.object_id}",
                roles=(Role.admin,),
            )
            for e in events
        ],
    )
