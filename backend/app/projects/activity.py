"""A project's last activity: work on something of its own (a ticket, a decision) marks it
active again. A reaction to any event that names its projects."""

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.core.time import utcnow
from app.models import Project

# Activity is kept to the minute: a project this session already holds, active within it, is
# not written again. Steps in quick succession then cost no UPDATE, and concurrent work on one
# project does not queue on its row lock.
RESOLUTION = timedelta(minutes=1)


class AboutProjects(Protocol):
    @property
    def project_ids(self) -> Sequence[uuid.UUID]: ...


async def touch(session: AsyncSession, events: Sequence[AboutProjects]) -> None:
    """Reaction: the projects the events name are active now. The version is not bumped: that
    work must not turn someone's open edit form stale."""
    now = utcnow()
    ids = {p for e in events for p in e.project_ids}
    for project_id in list(ids):
        held = session.identity_map.get(session.identity_key(Project, project_id))
        if held is not None and held.last_activity_at >= now - RESOLUTION:
            ids.discard(project_id)
    if ids:
        await session.execute(
            update(Project).where(col(Project.id).in_(ids)).values(last_activity_at=now)
        )
