"""The audit trail in people's words: how a before/after pair reads as a list of changes, with
the names in app/audit/labels.py. Values are shown as people read them: enum codes as their
labels, dictionary codes as their entries, unit and user ids as names, money with 万元, dates as
dates and times in Beijing time.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.audit.labels import ACTIONS, FIELDS, OBJECT_TYPES
from app.core.time import SHANGHAI
from app.models.enums import (
    AgreementType,
    DecisionState,
    DictionaryKind,
    EvaluationConclusion,
    LabelledEnum,
    MeetingKind,
    MeetingState,
    ReviewRoundState,
    Role,
    Stage,
    TicketSource,
    TicketState,
    UnitKind,
    Urgency,
)

# Bookkeeping a reader does not need to see changing.
HIDDEN = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "investor_name_key",
    "token_version",
    "last_login_at",
    "stage_entered_at",
    "last_activity_at",
    "created_by_id",
    "due_soon_notified",
    "overdue_notified",
    "assigned_on",
    "requester_id",
    "previous_id",
    "decided_by_id",
    "decision_meeting_id",
    "meeting_id",
    "project_id",
    "decision_id",
    "family_id",
}
STATES: dict[str, type[LabelledEnum]] = {
    "ticket": TicketState,
    "decision": DecisionState,
    "meeting": MeetingState,
    "review_round": ReviewRoundState,
    "project": Stage,
}
ENUMS: dict[str, type[LabelledEnum]] = {
    "role": Role,
    "stage": Stage,
    "stage_before_shelved": Stage,
    "agreement_type": AgreementType,
    "conclusion": EvaluationConclusion,
    "urgency": Urgency,
    "source": TicketSource,
}
KINDS: dict[str, type[LabelledEnum]] = {
    "unit": UnitKind,
    "meeting": MeetingKind,
    "dictionary_item": DictionaryKind,
}
DICTIONARY_FIELDS = {
    "industry_chain": DictionaryKind.industry_chain,
    "source_channel": DictionaryKind.source_channel,
    "category": DictionaryKind.ticket_category,
}
MONEY = {"planned_investment", "signed_amount", "funds_arrived", "expected_tax"}
UNITS_OF_MEASURE = {"land_area": "亩", "expected_jobs": "人"}
UNIT_FIELDS = {
    "unit_id",
    "parent_id",
    "owner_unit_id",
    "requester_unit_id",
    "lead_department_id",
    "co_department_ids",
    "unit_ids",
    "responsible_unit_id",
    "co_unit_ids",
}
USER_FIELDS = {"chair_id", "leader_id", "user_id"}
ESCALATION_LEVELS = {0: "未督办", 1: "督办函", 2: "通报"}
SIGN_IN_REASONS = {"locked": "账号已锁定"}


@dataclass
class Names:
    """Names for the ids a page's snapshots mention, looked up once per page."""

    units: Mapping[uuid.UUID, str]
    users: Mapping[uuid.UUID, str]
    dictionaries: Mapping[DictionaryKind, Mapping[str, str]]


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def object_type_label(object_type: str) -> str:
    return OBJECT_TYPES.get(object_type, object_type)


def _ids(value: Any) -> list[uuid.UUID]:
    out = []
    for v in value if isinstance(value, list) else [value]:
        try:
            out.append(uuid.UUID(str(v)))
        except ValueError:
            continue
    return out


def referenced(
    snapshots: list[dict[str, Any] | None],
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The unit and user ids these snapshots mention (to name them in one query each)."""
    units: set[uuid.UUID] = set()
    users: set[uuid.UUID] = set()
    for snap in snapshots:
        for field, value in (snap or {}).items():
            if field in UNIT_FIELDS and value:
                units.update(_ids(value))
            elif field in USER_FIELDS and value:
                users.update(_ids(value))
    return units, users


def _enum(kind: type[LabelledEnum], value: Any) -> str:
    try:
        return kind(value).label
    except ValueError:
        return str(value)


def _moment(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def _money(value: Any) -> str:
    try:
        return f"{Decimal(str(value)):,.2f} 万元"
    except InvalidOperation:
        return str(value)


def show(object_type: str, field: str, value: Any, names: Names) -> str | None:
    """One snapshot value as people read it."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    enum = (
        STATES.get(object_type)
        if field == "state"
        else KINDS.get(object_type)
        if field == "kind"
        else ENUMS.get(field)
    )
    if enum is not None:
        return _enum(enum, value)
    if field in DICTIONARY_FIELDS:
        labels = names.dictionaries.get(DICTIONARY_FIELDS[field], {})
        return labels.get(str(value), str(value))
    if field in UNIT_FIELDS or field in USER_FIELDS:
        table = names.units if field in UNIT_FIELDS else names.users
        return "、".join(table.get(i, str(i)) for i in _ids(value)) or str(value)
    if field in MONEY:
        return _money(value)
    if field in UNITS_OF_MEASURE:
        return f"{value} {UNITS_OF_MEASURE[field]}"
    if field == "escalation_level" and isinstance(value, int):
        return ESCALATION_LEVELS.get(value, str(value))
    if field == "reason" and object_type == "user":
        return SIGN_IN_REASONS.get(str(value), str(value))
    if field == "satisfaction" and isinstance(value, int):
        return f"{value} 分"
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        return _moment(value)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return value
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{FIELDS.get(k, k)}：{_text(v)}" for k, v in value.items())
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "，".join(f"{FIELDS.get(k, k)} {v}" for k, v in value.items() if v)
    return str(value)


def changes(
    object_type: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    names: Names,
) -> list[tuple[str, str, str | None, str | None]]:
    """(field, label, before, after) for each field that changed, in the snapshot's order; on a
    creation every field given, on a deletion every field there was."""
    old, new = before or {}, after or {}
    fields = list(dict.fromkeys([*old, *new]))
    out = []
    for field in fields:
        if field in HIDDEN or field.endswith("_hash"):
            continue
        was, now = old.get(field), new.get(field)
        if before is not None and after is not None and was == now:
            continue
        shown_was = show(object_type, field, was, names)
        shown_now = show(object_type, field, now, names)
        if shown_was is None and shown_now is None:
            continue
        out.append((field, FIELDS.get(field, field), shown_was, shown_now))
    return out
