"""Each enum declares its Chinese labels with its members; /meta/enums hands them out."""

import inspect
import re
from enum import StrEnum

import pytest

from app.audit.labels import ACTIONS, OBJECT_TYPES
from app.core.permissions import PARTNER_SCOPES, Permission
from app.models import enums
from app.models.enums import LabelledEnum

ENUMS: list[type[StrEnum]] = [
    obj
    for obj in vars(enums).values()
    if inspect.isclass(obj) and issubclass(obj, StrEnum) and obj not in (StrEnum, LabelledEnum)
] + [Permission]

# The /meta/enums field for each enum the API publishes (AuditOutcome is not).
META_FIELDS: dict[str, type[LabelledEnum]] = {
    "roles": enums.Role,
    "unit_kinds": enums.UnitKind,
    "permissions": Permission,
    "stages": enums.Stage,
    "agreement_types": enums.AgreementType,
    "evaluation_conclusions": enums.EvaluationConclusion,
    "follow_up_kinds": enums.FollowUpKind,
    "ticket_states": enums.TicketState,
    "urgencies": enums.Urgency,
    "ticket_sources": enums.TicketSource,
    "ticket_event_kinds": enums.TicketEventKind,
    "letter_kinds": enums.LetterKind,
    "escalation_reasons": enums.EscalationReason,
    "notification_kinds": enums.NotificationKind,
    "meeting_kinds": enums.MeetingKind,
    "meeting_states": enums.MeetingState,
    "decision_states": enums.DecisionState,
    "decision_update_kinds": enums.DecisionUpdateKind,
    "review_verdicts": enums.ReviewVerdict,
    "review_round_states": enums.ReviewRoundState,
    "dictionary_kinds": enums.DictionaryKind,
    "stats_periods": enums.StatsPeriod,
    "stats_breakdowns": enums.StatsBreakdown,
    "report_kinds": enums.ReportKind,
    "report_states": enums.ReportState,
    "report_figure_keys": enums.ReportFigureKey,
    "webhook_event_types": enums.WebhookEventType,
    "webhook_delivery_states": enums.WebhookDeliveryState,
}

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_chinese_label_and_a_plain_code(enum):
    assert issubclass(enum, LabelledEnum)
    assert len(enum) > 0
    for member in enum:
        assert member.label.strip() and HAN.search(member.label), f"{enum.__name__}.{member.name}"
        # The value is the code alone: what the database, JSON and CHECK constraints hold.
        assert type(member.value) is str and member == member.value
        assert enum(member.value) is member


def test_a_member_without_its_label_is_refused():
    with pytest.raises(TypeError, match="needs a label"):

        class Broken(LabelledEnum):
            labelled = "labelled", "有名称"
            bare = "bare"


async def test_meta_enums_lists_every_member_with_its_label_in_declaration_order(client, auth_for):
    response = await client.get("/api/v1/meta/enums", headers=await auth_for("viewer"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == set(META_FIELDS) | {"scopes", "audit_actions", "audit_object_types"}
    for field, enum in META_FIELDS.items():
        assert body[field] == [{"value": m.value, "label": m.label} for m in enum], field
    # The audit log's words come from its one table, in its order.
    assert body["audit_actions"] == [{"value": a, "label": label} for a, label in ACTIONS.items()]
    assert body["audit_object_types"] == [
        {"value": t, "label": label} for t, label in OBJECT_TYPES.items()
    ]
    assert {"value": "ticket.instruction", "label": "领导批示服务事项"} in body["audit_actions"]
    assert body["scopes"] == [
        {"value": p.value, "label": p.label} for p in Permission if p in PARTNER_SCOPES
    ]
    # Pinned by hand, so a wrong label in the declaration shows here too.
    assert body["stages"][0] == {"value": "lead", "label": "信息收集"}
    assert body["roles"][3] == {"value": "unit_officer", "label": "县市区/园区专员"}
    assert {"value": "tickets:escalate", "label": "督办"} in body["permissions"]
    assert body["meeting_states"][-1] == {"value": "published", "label": "纪要已印发"}
