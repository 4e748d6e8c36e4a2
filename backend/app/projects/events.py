"""What happens to a project, as the events its services emit (reactions: app/subscriptions.py).

Every one is recorded against the project (`object_type` "project"); records added to it
(evaluations, follow-ups, approvals, service team members) carry the new row as `after`.
"""

import uuid
from dataclasses import dataclass
from typing import ClassVar

from app.core.events import Event
from app.models.enums import EvaluationConclusion, Stage


@dataclass(frozen=True, kw_only=True)
class ProjectEvent(Event):
    object_type: ClassVar[str] = "project"

    object_id: uuid.UUID

    @property
    def project_ids(self) -> tuple[uuid.UUID, ...]:
        return (self.object_id,)


@dataclass(frozen=True, kw_only=True)
class ProjectCreated(ProjectEvent):
    code: str
    name: str
    owner_unit_id: uuid.UUID

    @property
    def action(self) -> str:
        return "project.create"


@dataclass(frozen=True, kw_only=True)
class ProjectUpdated(ProjectEvent):
    @property
    def action(self) -> str:
        return "project.update"


@dataclass(frozen=True, kw_only=True)
class ProjectDeleted(ProjectEvent):
    code: str

    @property
    def action(self) -> str:
        return "project.delete"


@dataclass(frozen=True, kw_only=True)
class ProjectKeyMarked(ProjectEvent):
    """Marked as a key project (重点项目, 保姆式服务) or unmarked."""

    is_key: bool

    @property
    def action(self) -> str:
        return "project.key_mark"


@dataclass(frozen=True, kw_only=True)
class ProjectStageChanged(ProjectEvent):
    from_stage: Stage
    to_stage: Stage
    reason: str | None = None

    @property
    def action(self) -> str:
        return "project.transition"


@dataclass(frozen=True, kw_only=True)
class ProjectRecordAdded(ProjectEvent):
    """A record added to the project; `after` is the record."""

    record_id: uuid.UUID


@dataclass(frozen=True, kw_only=True)
class EvaluationAdded(ProjectRecordAdded):
    conclusion: EvaluationConclusion

    @property
    def action(self) -> str:
        return "project.evaluate"


@dataclass(frozen=True, kw_only=True)
class FollowUpAdded(ProjectRecordAdded):
    @property
    def action(self) -> str:
        return "project.follow_up"


@dataclass(frozen=True, kw_only=True)
class ProjectApproved(ProjectRecordAdded):
    """招商统筹's approval of a project in review (the gate into signed)."""

    @property
    def action(self) -> str:
        return "project.approve"
