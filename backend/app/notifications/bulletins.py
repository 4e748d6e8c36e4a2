"""Who hears of a published 半年度通报: the officers of every unit ranked in it."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.bulletins.events import BulletinPublished
from app.models.enums import NotificationKind
from app.notifications.service import Note, deliver


async def published(session: AsyncSession, events: Sequence[BulletinPublished]) -> None:
    """Reaction: each ranked unit is told the bulletin is out, linking to it."""
    await deliver(
        session,
        [
            Note(
                kind=NotificationKind.bulletin_published,
                title=e.title,
                body="半年度通报已发布，请查阅本单位的排名、得分和表扬、通报批评情况。",
                link=f"/bulletins/{e.object_id}",
                units=e.unit_ids,
                exclude=e.actor.user.id if e.actor and e.actor.user else None,
            )
            for e in events
        ],
    )
