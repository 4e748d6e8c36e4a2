"""Enumerations shared by the models and the API. Codes are English; labels are Chinese."""

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    coordinator = "coordinator"
    leader = "leader"
    unit_officer = "unit_officer"
    department_officer = "department_officer"
    supervisor = "supervisor"
    viewer = "viewer"


ROLE_LABELS: dict[Role, str] = {
    Role.admin: "系统管理员",
    Role.coordinator: "招商统筹",
    Role.leader: "市领导",
    Role.unit_officer: "县市区/园区专员",
    Role.department_officer: "职能部门经办人",
    Role.supervisor: "督查督办",
    Role.viewer: "只读",
}


class UnitKind(StrEnum):
    bureau = "bureau"
    district = "district"
    park = "park"
    department = "department"
    leadership = "leadership"
    office = "office"


UNIT_KIND_LABELS: dict[UnitKind, str] = {
    UnitKind.bureau: "市商务局",
    UnitKind.district: "县市区",
    UnitKind.park: "园区",
    UnitKind.department: "职能部门",
    UnitKind.leadership: "市领导",
    UnitKind.office: "办公室",
}


class AuditOutcome(StrEnum):
    success = "success"
    failure = "failure"
    denied = "denied"


class DictionaryKind(StrEnum):
    industry_chain = "industry_chain"
    source_channel = "source_channel"
    ticket_category = "ticket_category"


DICTIONARY_KIND_LABELS: dict[DictionaryKind, str] = {
    DictionaryKind.industry_chain: "产业链",
    DictionaryKind.source_channel: "招商渠道",
    DictionaryKind.ticket_category: "服务事项类别",
}


class Stage(StrEnum):
    lead = "lead"
    evaluation = "evaluation"
    contact = "contact"
    negotiation = "negotiation"
    review = "review"
    signed = "signed"
    started = "started"
    operating = "operating"
    shelved = "shelved"
    dropped = "dropped"


STAGE_LABELS: dict[Stage, str] = {
    Stage.lead: "信息收集",
    Stage.evaluation: "项目评估",
    Stage.contact: "项目接洽",
    Stage.negotiation: "项目洽谈",
    Stage.review: "审核",
    Stage.signed: "已签约",
    Stage.started: "已开工",
    Stage.operating: "已投产",
    Stage.shelved: "暂缓",
    Stage.dropped: "终止",
}

# The written workflow, in order; shelved and dropped are exits from any open stage.
STAGE_ORDER: list[Stage] = [
    Stage.lead,
    Stage.evaluation,
    Stage.contact,
    Stage.negotiation,
    Stage.review,
    Stage.signed,
    Stage.started,
    Stage.operating,
]


class AgreementType(StrEnum):
    framework = "framework"
    formal = "formal"


AGREEMENT_TYPE_LABELS: dict[AgreementType, str] = {
    AgreementType.framework: "框架协议",
    AgreementType.formal: "正式合同",
}


class EvaluationConclusion(StrEnum):
    recommend = "recommend"
    not_recommend = "not_recommend"


EVALUATION_CONCLUSION_LABELS: dict[EvaluationConclusion, str] = {
    EvaluationConclusion.recommend: "建议推进",
    EvaluationConclusion.not_recommend: "不建议推进",
}


class FollowUpKind(StrEnum):
    visit = "visit"
    call = "call"
    meeting = "meeting"
    negotiation = "negotiation"


FOLLOW_UP_KIND_LABELS: dict[FollowUpKind, str] = {
    FollowUpKind.visit: "走访",
    FollowUpKind.call: "电话",
    FollowUpKind.meeting: "会见",
    FollowUpKind.negotiation: "洽谈",
}


class TicketState(StrEnum):
    submitted = "submitted"
    assigned = "assigned"
    accepted = "accepted"
    in_progress = "in_progress"
    resolved = "resolved"
    closed = "closed"
    cancelled = "cancelled"


TICKET_STATE_LABELS: dict[TicketState, str] = {
    TicketState.submitted: "待交办",
    TicketState.assigned: "已交办",
    TicketState.accepted: "已签收",
    TicketState.in_progress: "办理中",
    TicketState.resolved: "已反馈",
    TicketState.closed: "已办结",
    TicketState.cancelled: "已撤销",
}


class Urgency(StrEnum):
    normal = "normal"
    urgent = "urgent"
    critical = "critical"


URGENCY_LABELS: dict[Urgency, str] = {
    Urgency.normal: "一般",
    Urgency.urgent: "急办",
    Urgency.critical: "特急",
}


class TicketSource(StrEnum):
    service_request = "service_request"
    meeting_decision = "meeting_decision"
    coordinator = "coordinator"


TICKET_SOURCE_LABELS: dict[TicketSource, str] = {
    TicketSource.service_request: "服务申请",
    TicketSource.meeting_decision: "会议议定",
    TicketSource.coordinator: "统筹交办",
}


class TicketEventKind(StrEnum):
    transition = "transition"
    comment = "comment"
    nudge = "nudge"
    instruction = "instruction"
    escalation = "escalation"
    attachment = "attachment"


TICKET_EVENT_KIND_LABELS: dict[TicketEventKind, str] = {
    TicketEventKind.transition: "办理",
    TicketEventKind.comment: "留言",
    TicketEventKind.nudge: "催办",
    TicketEventKind.instruction: "领导批示",
    TicketEventKind.escalation: "督办",
    TicketEventKind.attachment: "附件",
}


class LetterKind(StrEnum):
    assignment = "assignment"
    supervision = "supervision"
    circular = "circular"


LETTER_KIND_LABELS: dict[LetterKind, str] = {
    LetterKind.assignment: "交办函",
    LetterKind.supervision: "督办函",
    LetterKind.circular: "通报",
}


class EscalationReason(StrEnum):
    not_accepted = "not_accepted"
    overdue = "overdue"
    returned = "returned"
    manual = "manual"


ESCALATION_REASON_LABELS: dict[EscalationReason, str] = {
    EscalationReason.not_accepted: "逾期未签收",
    EscalationReason.overdue: "超期未办结",
    EscalationReason.returned: "多次退回",
    EscalationReason.manual: "人工督办",
}


class NotificationKind(StrEnum):
    assigned = "assigned"
    nudged = "nudged"
    escalated = "escalated"
    resolved = "resolved"
    returned = "returned"
    closed = "closed"
    due_soon = "due_soon"
    instructed = "instructed"
    submitted = "submitted"
    decision_assigned = "decision_assigned"
    decision_due_soon = "decision_due_soon"
    decision_overdue = "decision_overdue"
    meeting_notice = "meeting_notice"


NOTIFICATION_KIND_LABELS: dict[NotificationKind, str] = {
    NotificationKind.assigned: "新交办",
    NotificationKind.nudged: "催办",
    NotificationKind.escalated: "督办",
    NotificationKind.resolved: "已反馈",
    NotificationKind.returned: "被退回",
    NotificationKind.closed: "已办结",
    NotificationKind.due_soon: "即将到期",
    NotificationKind.instructed: "领导批示",
    NotificationKind.submitted: "新服务事项",
    NotificationKind.decision_assigned: "新议定事项",
    NotificationKind.decision_due_soon: "议定事项即将到期",
    NotificationKind.decision_overdue: "议定事项已超期",
    NotificationKind.meeting_notice: "会议通知",
}


class MeetingKind(StrEnum):
    joint = "joint"
    consultation = "consultation"
    executive = "executive"
    review = "review"
    dispatch = "dispatch"


MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.joint: "季度联席调度会",
    MeetingKind.consultation: "部门会商",
    MeetingKind.executive: "市政府常务会议",
    MeetingKind.review: "联审会",
    MeetingKind.dispatch: "项目调度会",
}


class MeetingState(StrEnum):
    draft = "draft"
    held = "held"
    published = "published"


MEETING_STATE_LABELS: dict[MeetingState, str] = {
    MeetingState.draft: "筹备中",
    MeetingState.held: "已召开",
    MeetingState.published: "纪要已印发",
}


class DecisionState(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


DECISION_STATE_LABELS: dict[DecisionState, str] = {
    DecisionState.open: "待落实",
    DecisionState.in_progress: "落实中",
    DecisionState.done: "已完成",
    DecisionState.cancelled: "已取消",
}


class DecisionUpdateKind(StrEnum):
    progress = "progress"
    transition = "transition"
    ticket = "ticket"


DECISION_UPDATE_KIND_LABELS: dict[DecisionUpdateKind, str] = {
    DecisionUpdateKind.progress: "进展",
    DecisionUpdateKind.transition: "状态变更",
    DecisionUpdateKind.ticket: "交办办理",
}


class ReviewVerdict(StrEnum):
    approved = "approved"
    conditional = "conditional"
    rejected = "rejected"
    deferred = "deferred"


REVIEW_VERDICT_LABELS: dict[ReviewVerdict, str] = {
    ReviewVerdict.approved: "同意",
    ReviewVerdict.conditional: "有条件同意",
    ReviewVerdict.rejected: "不同意",
    ReviewVerdict.deferred: "暂缓",
}


class ReviewRoundState(StrEnum):
    nominating = "nominating"
    reviewed = "reviewed"
    decided = "decided"


REVIEW_ROUND_STATE_LABELS: dict[ReviewRoundState, str] = {
    ReviewRoundState.nominating: "征集审核中",
    ReviewRoundState.reviewed: "联审完成",
    ReviewRoundState.decided: "清单已确定",
}
