"""What happens to a project's lead leader (市领导联系) and service team (服务专班), as events
recorded against the project (reactions: app/subscriptions.py)."""

import uuid
from dataclasses import dataclass

from app.projects.events import ProjectEvent, ProjectRecordAdded


@dataclass(frozen=True, kw_only=True)
class LeaderAssigned(ProjectEvent):
    """`after` is the new assignment."""

    assignment_id: uuid.UUID
    leader_id: uuid.UUID

    @property
    def action(self) -> str:
        return "assignment.create"


@dataclass(frozen=True, kw_only=True)
class LeaderAssignmentEnded(ProjectEvent):
    assignment_id: uuid.UUID
    leader_id: uuid.UUID
    reason: str

    @property
    def action(self) -> str:
        return "assignment.end"


@dataclass(frozen=True, kw_only=True)
class ServiceTeamMemberAdded(ProjectRecordAdded):
    """A section (unit) or an officer (user) joins the key project's service team."""

    unit_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    @property
    def action(self) -> str:
        return "service_team.add"


@dataclass(frozen=True, kw_only=True)
class ServiceTeamMemberRemoved(ProjectEvent):
    member_id: uuid.UUID
    unit_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    @property
    def action(self) -> str:
        return "service_team.remove"
