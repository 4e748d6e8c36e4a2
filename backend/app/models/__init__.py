"""Every table model; importing this package registers them all on SQLModel.metadata."""

from app.models.api_client import ApiClient, ApiClientUsage
from app.models.assessment import (
    AssessmentAward,
    AssessmentNomination,
    AssessmentObjection,
    AssessmentResult,
    AssessmentRound,
    AssessmentScheme,
    AssessmentSchemeItem,
    AssessmentSelfReport,
    SelfReportEvidence,
    UnitTarget,
)
from app.models.assignment import LeaderAssignment, ServiceTeamMember
from app.models.audit import AuditChainHead, AuditEvent
from app.models.bulletin import AssessmentIndicator, Bulletin, BulletinRow
from app.models.change import ChangeEvent
from app.models.dictionary import DictionaryItem
from app.models.idempotency import IdempotencyRecord
from app.models.meeting import (
    CarriedDecision,
    Decision,
    DecisionProject,
    DecisionUnit,
    DecisionUpdate,
    Meeting,
    MeetingAttachment,
    MeetingUnit,
    MinutesVersion,
    ReviewCandidate,
    ReviewRound,
)
from app.models.notification import Notification
from app.models.project import (
    Evaluation,
    FollowUp,
    Project,
    ProjectApproval,
    ProjectConcern,
    StageChange,
)
from app.models.report import ReportPeriod, UnitReport, UnitReportEvent, UnitReportFigure
from app.models.report_summary import ReportSummaryDraft, ReportSummaryVersion
from app.models.sequence import CodeSequence
from app.models.ticket import (
    CalendarOverride,
    Escalation,
    Letter,
    Ticket,
    TicketAttachment,
    TicketCoHandler,
    TicketEvent,
    TicketOpenHandler,
    TicketResolutionDay,
)
from app.models.unit import Unit
from app.models.user import LoginThrottle, RefreshToken, User
from app.models.webhook import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiClient",
    "ApiClientUsage",
    "AssessmentAward",
    "AssessmentIndicator",
    "AssessmentNomination",
    "AssessmentObjection",
    "AssessmentResult",
    "AssessmentRound",
    "AssessmentScheme",
    "AssessmentSchemeItem",
    "AssessmentSelfReport",
    "AuditChainHead",
    "AuditEvent",
    "Bulletin",
    "BulletinRow",
    "CalendarOverride",
    "CarriedDecision",
    "ChangeEvent",
    "CodeSequence",
    "Decision",
    "DecisionProject",
    "DecisionUnit",
    "DecisionUpdate",
    "DictionaryItem",
    "Escalation",
    "Evaluation",
    "FollowUp",
    "IdempotencyRecord",
    "LeaderAssignment",
    "Letter",
    "LoginThrottle",
    "Meeting",
    "MeetingAttachment",
    "MeetingUnit",
    "MinutesVersion",
    "Notification",
    "Project",
    "ProjectApproval",
    "ProjectConcern",
    "RefreshToken",
    "ReportPeriod",
    "ReportSummaryDraft",
    "ReportSummaryVersion",
    "ReviewCandidate",
    "ReviewRound",
    "SelfReportEvidence",
    "ServiceTeamMember",
    "StageChange",
    "Ticket",
    "TicketAttachment",
    "TicketCoHandler",
    "TicketEvent",
    "TicketOpenHandler",
    "TicketResolutionDay",
    "Unit",
    "UnitReport",
    "UnitReportEvent",
    "UnitReportFigure",
    "UnitTarget",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
