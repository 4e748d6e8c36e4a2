"""The quarterly joint meeting carries the previous joint meeting's open decisions on its agenda."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import CarriedDecision, Decision, Meeting
from app.models.enums import MeetingKind
from app.models.meeting import DECISION_OPEN


async def previous_joint(session: AsyncSession, starts_at: datetime) -> Meeting | None:
    stmt = (
        select(Meeting)
        .where(col(Meeting.kind) == MeetingKind.joint.value, col(Meeting.starts_at) < starts_at)
        .order_by(col(Meeting.starts_at).desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def redo(session: AsyncSession, meeting: Meeting) -> None:
    """A joint meeting still being prepared moved to another date: the previous joint meeting
    is looked up again, and its decisions open now go on the agenda."""
    await session.execute(
        delete(CarriedDecision).where(col(CarriedDecision.meeting_id) == meeting.id)
    )
    previous = await previous_joint(session, meeting.starts_at)
    meeting.previous_id = previous.id if previous else None
    if previous is not None:
        await carry_over(session, meeting, previous)
    await session.flush()


async def carry_over(session: AsyncSession, meeting: Meeting, previous: Meeting) -> None:
    """The previous joint meeting's open decisions — its own and those it carried — go on the
    new meeting's agenda."""
    own = select(col(Decision.id)).where(col(Decision.meeting_id) == previous.id, DECISION_OPEN)
    carried = (
        select(col(Decision.id))
        .join(CarriedDecision, col(CarriedDecision.decision_id) == col(Decision.id))
        .where(col(CarriedDecision.meeting_id) == previous.id, DECISION_OPEN)
    )
    ids = set((await session.execute(own)).scalars()) | set(
        (await session.execute(carried)).scalars()
    )
    session.add_all(CarriedDecision(meeting_id=meeting.id, decision_id=d) for d in ids)
