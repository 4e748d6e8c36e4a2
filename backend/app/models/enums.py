"""Enumerations shared by the models and the API. Codes are English; labels are Chinese."""

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry their Chinese label: `lead = "lead", "信息收集"`.

    The member's value stays the English code alone, so database values, JSON, CHECK
    constraints and lookups such as `Stage("lead")` are those of a plain StrEnum.
    """

    _label: str

    # `label` defaults only so that type checkers accept the lookup `Stage("lead")`, which
    # they read as a call to this constructor; at runtime lookups never reach it.
    def __new__(cls, value: str, label: str = "") -> Self:
        if not label:
            raise TypeError(f"{cls.__name__}.{value} needs a label")
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The Chinese name shown to people."""
        return self._label


class Role(LabelledEnum):
    admin = "admin", "系统管理员"
    coordinator = "coordinator", "招商统筹"
    leader = "leader", "市领导"
    unit_officer = "unit_officer", "县市区/园区专员"
    department_officer = "department_officer", "职能部门经办人"
    supervisor = "supervisor", "督查督办"
    viewer = "viewer", "只读"


class UnitKind(LabelledEnum):
    bureau = "bureau", "市商务局"
    district = "district", "县市区"
    park = "park", "园区"
    department = "department", "职能部门"
    leadership = "leadership", "市领导"
    office = "office", "办公室"


class AuditOutcome(LabelledEnum):
    success = "success", "成功"
    failure = "failure", "失败"
    denied = "denied", "拒绝"


class DictionaryKind(LabelledEnum):
    industry_chain = "industry_chain", "产业链"
    source_channel = "source_channel", "招商渠道"
    ticket_category = "ticket_category", "服务事项类别"


class Stage(LabelledEnum):
    lead = "lead", "信息收集"
    evaluation = "evaluation", "项目评估"
    contact = "contact", "项目接洽"
    negotiation = "negotiation", "项目洽谈"
    review = "review", "审核"
    signed = "signed", "已签约"
    started = "started", "已开工"
    operating = "operating", "已投产"
    shelved = "shelved", "暂缓"
    dropped = "dropped", "终止"


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


class AgreementType(LabelledEnum):
    framework = "framework", "框架协议"
    formal = "formal", "正式合同"


class EvaluationConclusion(LabelledEnum):
    recommend = "recommend", "建议推进"
    not_recommend = "not_recommend", "不建议推进"


class FollowUpKind(LabelledEnum):
    visit = "visit", "走访"
    call = "call", "电话"
    meeting = "meeting", "会见"
    negotiation = "negotiation", "洽谈"


class TicketState(LabelledEnum):
    submitted = "submitted", "待交办"
    assigned = "assigned", "已交办"
    accepted = "accepted", "已签收"
    in_progress = "in_progress", "办理中"
    resolved = "resolved", "已反馈"
    closed = "closed", "已办结"
    cancelled = "cancelled", "已撤销"


class Urgency(LabelledEnum):
    normal = "normal", "一般"
    urgent = "urgent", "急办"
    critical = "critical", "特急"


class TicketSource(LabelledEnum):
    service_request = "service_request", "服务申请"
    meeting_decision = "meeting_decision", "会议议定"
    coordinator = "coordinator", "统筹交办"


class TicketEventKind(LabelledEnum):
    transition = "transition", "办理"
    comment = "comment", "留言"
    nudge = "nudge", "催办"
    instruction = "instruction", "领导批示"
    escalation = "escalation", "督办"
    attachment = "attachment", "附件"


class LetterKind(LabelledEnum):
    assignment = "assignment", "交办函"
    supervision = "supervision", "督办函"
    circular = "circular", "通报"


class EscalationReason(LabelledEnum):
    not_accepted = "not_accepted", "逾期未签收"
    overdue = "overdue", "超期未办结"
    returned = "returned", "多次退回"
    manual = "manual", "人工督办"


class NotificationKind(LabelledEnum):
    assigned = "assigned", "新交办"
    nudged = "nudged", "催办"
    escalated = "escalated", "督办"
    resolved = "resolved", "已反馈"
    returned = "returned", "被退回"
    closed = "closed", "已办结"
    due_soon = "due_soon", "即将到期"
    instructed = "instructed", "领导批示"
    submitted = "submitted", "新服务事项"
    decision_assigned = "decision_assigned", "新议定事项"
    decision_due_soon = "decision_due_soon", "议定事项即将到期"
    decision_overdue = "decision_overdue", "议定事项已超期"
    meeting_notice = "meeting_notice", "会议通知"
    evaluation_requested = "evaluation_requested", "待评估项目"
    report_due_soon = "report_due_soon", "报表即将截止"
    report_overdue = "report_overdue", "报表逾期未报"
    report_submitted = "report_submitted", "报表待审核"
    report_returned = "report_returned", "报表被退回"
    bulletin_published = "bulletin_published", "半年度通报"
    report_summary_published = "report_summary_published", "全市汇总已发布"
    assessment_opened = "assessment_opened", "年度考核自评"
    assessment_publicized = "assessment_publicized", "考核结果公示"
    objection_raised = "objection_raised", "考核申诉"
    objection_answered = "objection_answered", "申诉答复"
    assessment_final = "assessment_final", "考核结果确认"
    webhook_disabled = "webhook_disabled", "推送地址已停用"


class MeetingKind(LabelledEnum):
    joint = "joint", "季度联席调度会"
    consultation = "consultation", "部门会商"
    executive = "executive", "市政府常务会议"
    review = "review", "联审会"
    dispatch = "dispatch", "项目调度会"


class MeetingState(LabelledEnum):
    draft = "draft", "筹备中"
    held = "held", "已召开"
    published = "published", "纪要已印发"


class DecisionState(LabelledEnum):
    open = "open", "待落实"
    in_progress = "in_progress", "落实中"
    done = "done", "已完成"
    cancelled = "cancelled", "已取消"


class DecisionUpdateKind(LabelledEnum):
    progress = "progress", "进展"
    transition = "transition", "状态变更"
    ticket = "ticket", "交办办理"


class ReviewVerdict(LabelledEnum):
    approved = "approved", "同意"
    conditional = "conditional", "有条件同意"
    rejected = "rejected", "不同意"
    deferred = "deferred", "暂缓"


class ReviewRoundState(LabelledEnum):
    nominating = "nominating", "征集审核中"
    reviewed = "reviewed", "联审完成"
    decided = "decided", "清单已确定"


class StatsPeriod(LabelledEnum):
    """The period a statistic covers (the 统计期)."""

    year = "year", "全年"
    half = "half", "半年"
    quarter = "quarter", "季度"
    month = "month", "月度"
    custom = "custom", "自定义"


class StatsBreakdown(LabelledEnum):
    """What signings are broken down by."""

    unit = "unit", "责任单位"
    industry_chain = "industry_chain", "产业链"
    source_channel = "source_channel", "招商渠道"
    stage = "stage", "当前阶段"
    month = "month", "月份"


class ReportKind(LabelledEnum):
    """What a reporting period covers: a month (月报) or a quarter (季报)."""

    month = "month", "月报"
    quarter = "quarter", "季报"


class ReportState(LabelledEnum):
    draft = "draft", "草稿"
    submitted = "submitted", "已报送"
    returned = "returned", "已退回"
    accepted = "accepted", "已通过"


class ReportFigureKey(LabelledEnum):
    """The pre-filled figures of a unit's report, in the order the report shows them."""

    new_leads = "new_leads", "新增线索"
    in_negotiation = "in_negotiation", "在谈项目"
    signed_count = "signed_count", "签约项目"
    signed_amount = "signed_amount", "签约金额"
    started = "started", "开工项目"
    operating = "operating", "投产项目"
    funds_arrived = "funds_arrived", "到位资金"


class AssessmentGroup(LabelledEnum):
    """Whom an assessment indicator ranks: districts and parks together, or departments."""

    area = "area", "县市区/园区"
    department = "department", "职能部门"


class IndicatorDirection(LabelledEnum):
    positive = "positive", "正向"
    negative = "negative", "负向（扣分）"


class BulletinState(LabelledEnum):
    draft = "draft", "草稿"
    published = "published", "已发布"


class SchemeState(LabelledEnum):
    """考核方案: edited while a draft; published, it is frozen (a change is a new revision)."""

    draft = "draft", "草稿"
    published = "published", "已发布"


class SchemeItemKind(LabelledEnum):
    """How a line of a 考核方案 is scored."""

    computed = "computed", "系统计算"
    manual = "manual", "人工评分"
    bonus = "bonus", "加分项"
    deduction = "deduction", "扣分项"


class AssessmentGrade(LabelledEnum):
    """年度考核等次, by the total against the scheme's thresholds."""

    excellent = "excellent", "优秀"
    good = "good", "良好"
    passed = "pass", "合格"
    failed = "fail", "不合格"


class AssessmentRoundState(LabelledEnum):
    """考核: open (snapshot taken; units self-report, the office scores hand items), then
    publicised (公示: each unit may object item by item until the window closes), then
    confirmed by the supervisor — final."""

    open = "open", "评分中"
    objection = "objection", "公示申诉"
    final = "final", "已确认"


class NominationState(LabelledEnum):
    """A nominee for the individual reward: pending until the office approves or rejects."""

    pending = "pending", "待审核"
    approved = "approved", "已同意"
    rejected = "rejected", "未同意"


class AwardKind(LabelledEnum):
    """A part of the reward fund: a unit's, or an approved individual's."""

    unit = "unit", "单位奖励"
    individual = "individual", "个人奖励"


class ObjectionState(LabelledEnum):
    """A unit's 申诉 on one item of its sheet: pending until the office accepts it (the score
    changes, with the reason) or rejects it (with the reason)."""

    pending = "pending", "待答复"
    accepted = "accepted", "已采纳"
    rejected = "rejected", "已驳回"


class WebhookEventType(LabelledEnum):
    """What a partner system may subscribe to; each needs the read scope of its object."""

    project_created = "project.created", "项目新建"
    project_updated = "project.updated", "项目信息修改"
    project_stage_changed = "project.stage_changed", "项目阶段变更"
    project_deleted = "project.deleted", "项目删除"
    leader_assigned = "leader.assigned", "市领导联系项目"
    leader_ended = "leader.ended", "市领导联系结束"
    ticket_raised = "ticket.raised", "服务事项提出"
    ticket_assigned = "ticket.assigned", "服务事项交办"
    ticket_resolved = "ticket.resolved", "服务事项反馈"
    ticket_closed = "ticket.closed", "服务事项办结"
    ticket_overdue = "ticket.overdue", "服务事项超期"
    ticket_escalated = "ticket.escalated", "服务事项督办"
    decision_created = "decision.created", "议定事项新增"
    decision_due = "decision.due", "议定事项即将到期"
    decision_done = "decision.done", "议定事项完成"
    meeting_published = "meeting.published", "会议纪要印发"
    report_published = "report.published", "月报季报汇总发布"
    bulletin_published = "bulletin.published", "半年度通报发布"
    assessment_published = "assessment.published", "年度考核结果确认"


class WebhookDeliveryState(LabelledEnum):
    pending = "pending", "待送达"
    delivered = "delivered", "已送达"
    failed = "failed", "送达失败"
