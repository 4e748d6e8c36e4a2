"""Which units a project concerns: the table the projects' scope reads for department officers,
kept by reactions to other domains' events. An event that involves units in work on projects
says so through `concern`; this module never needs to know what a ticket or a decision is."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import ProjectConcern


@dataclass(frozen=True)
class Concern:
    """The units a piece of work (`source` `source_id`) involves on its projects, as of now:
    it replaces what that source said before (empty tuples end it)."""

    source: str
    source_id: uuid.UUID
    project_ids: tuple[uuid.UUID, ...]
    unit_ids: tuple[uuid.UUID, ...]
    # The source's first word on it (a ticket is assigned once): nothing earlier to replace.
    first: bool = False


class Concerning(Protocol):
    @property
    def concern(self) -> Concern | None: ...


async def record(session: AsyncSession, events: Sequence[Concerning]) -> None:
    """Reaction: the concerns the events declare replace their sources' earlier ones."""
    concerns = [e.concern for e in events if e.concern is not None]
    for concern in (c for c in concerns if not c.first):
        await session.execute(
            delete(ProjectConcern).where(
                col(ProjectConcern.source) == concern.source,
                col(ProjectConcern.source_id) == concern.source_id,
            )
        )
    session.add_all(
        ProjectConcern(source=c.source, source_id=c.source_id, project_id=p, unit_id=u)
        for c in concerns
        for p in dict.fromkeys(c.project_ids)
        for u in dict.fromkeys(c.unit_ids)
    )
