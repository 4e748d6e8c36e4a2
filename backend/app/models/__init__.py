"""Every table model; importing this package registers them all on SQLModel.metadata."""

from app.models.api_client import ApiClient
from app.models.assignment import LeaderAssignment, ServiceTeamMember
from app.models.audit import AuditEvent
from app.models.dictionary import DictionaryItem
from app.models.idempotency import IdempotencyRecord
from app.models.project import Evaluation, FollowUp, Project, ProjectApproval, StageChange
from app.models.sequence import CodeSequence
from app.models.unit import Unit
from app.models.user import LoginThrottle, RefreshToken, User

__all__ = [
    "ApiClient",
    "AuditEvent",
    "CodeSequence",
    "DictionaryItem",
    "Evaluation",
    "FollowUp",
    "IdempotencyRecord",
    "LeaderAssignment",
    "LoginThrottle",
    "Project",
    "ProjectApproval",
    "RefreshToken",
    "ServiceTeamMember",
    "StageChange",
    "Unit",
    "User",
]
