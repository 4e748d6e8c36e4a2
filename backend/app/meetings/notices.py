"""会议通知: who is told of a meeting still to come, and what they read."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.official_docx import chinese_date
from app.core.principal import Principal
from app.core.time import SHANGHAI, utcnow
from app.models import Meeting, User
from app.models.enums import MeetingState, NotificationKind
from app.notifications import service as notifications


async def announce(
    session: AsyncSession,
    principal: Principal | None,
    meeting: Meeting,
    units: Sequence[uuid.UUID],
    *,
    chair: bool,
    prefix: str = "",
) -> None:
    """会议通知 to the officers of `units` (and the chair): when, where, who chairs, after
    `prefix` (a change, a reminder). Only for a meeting still to come; one recorded afterwards
    announces nothing."""
    if meeting.state != MeetingState.draft or meeting.starts_at <= utcnow():
        return
    chair_name = await session.scalar(
        select(col(User.full_name)).where(col(User.id) == meeting.chair_id)
    )
    local = meeting.starts_at.astimezone(SHANGHAI)
    body = (
        f"{prefix}定于{chinese_date(local.date())}（星期{WEEKDAYS[local.weekday()]}）{local:%H:%M}"
        f"在{meeting.place}召开，{chair_name}主持，请准时参加。"
    )
    await notifications.notify_about(
        session,
        NotificationKind.meeting_notice,
        meeting.title,
        body,
        f"/meetings/{meeting.id}",
        units=units,
        users=[meeting.chair_id] if chair else [],
        exclude=principal.user.id if principal and principal.user else None,
    )


WEEKDAYS = "一二三四五六日"
