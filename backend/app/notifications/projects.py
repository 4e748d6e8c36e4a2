"""Who hears about what happens to a project (reactions to app/projects/events.py)."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.enums import NotificationKind, Role, Stage
from app.notifications.service import Note, deliver
from app.projects.events import ProjectStageChanged


def _awaiting_evaluation(e: ProjectStageChanged) -> Note:
    after = e.after or {}
    who = e.actor.display_name if e.actor else "系统"
    return Note(
        kind=NotificationKind.evaluation_requested,
        title=f"{after.get('code', '')} {after.get('name', '')}".strip(),
        body=f"{who}提交评估，请录入项目评估",
        link=f"/projects/{e.object_id}",
        roles=[Role.coordinator],
        exclude=e.actor.user.id if e.actor and e.actor.user else None,
    )


async def stage_changed(session: AsyncSession, events: Sequence[ProjectStageChanged]) -> None:
    """A project entering 项目评估 (a district's 提交评估, or one sent back or resumed there)
    waits for the bureau: the coordinators are told, never the one who moved it."""
    await deliver(
        session, [_awaiting_evaluation(e) for e in events if e.to_stage == Stage.evaluation]
    )
