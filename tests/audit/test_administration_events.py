"""Administration data and sign-ins are recorded by emitting events: each keeps the action and
object type the audit trail has always shown (the SPA's audit page filters on them)."""

import uuid

import pytest

from app.api_clients.events import ApiClientRecorded
from app.attachments.events import AttachmentAdded
from app.auth.events import AuthRecorded, ClientAuthRecorded
from app.core.events import Event
from app.dictionaries.events import DictionaryItemRecorded
from app.holidays.events import CalendarOverrideRecorded
from app.models.enums import AuditOutcome
from app.units.events import UnitRecorded
from app.users.events import UserRecorded

ID = uuid.uuid4()


@pytest.mark.parametrize(
    ("event", "action", "object_type"),
    [
        (UserRecorded(actor=None, object_id=ID, verb="create"), "user.create", "user"),
        (UserRecorded(actor=None, object_id=ID, verb="update"), "user.update", "user"),
        (
            UserRecorded(actor=None, object_id=ID, verb="password_reset"),
            "user.password_reset",
            "user",
        ),
        (UnitRecorded(actor=None, object_id=ID, verb="update"), "unit.update", "unit"),
        (
            ApiClientRecorded(actor=None, object_id=ID, verb="revoke"),
            "api_client.revoke",
            "api_client",
        ),
        (
            DictionaryItemRecorded(actor=None, object_id=ID, verb="create"),
            "dictionary.create",
            "dictionary_item",
        ),
        (
            CalendarOverrideRecorded(actor=None, object_id="2026-10-01", verb="put"),
            "calendar.put",
            "calendar_override",
        ),
        (
            CalendarOverrideRecorded(actor=None, object_id="2026-10-01", verb="delete"),
            "calendar.delete",
            "calendar_override",
        ),
        (AuthRecorded(actor=None, object_id=None, verb="login"), "auth.login", "user"),
        (
            AuthRecorded(actor=None, object_id=ID, verb="refresh_replay"),
            "auth.refresh_replay",
            "user",
        ),
        (
            ClientAuthRecorded(actor=None, object_id=None, verb="client_token"),
            "auth.client_token",
            "api_client",
        ),
        (
            AttachmentAdded(
                actor=None, object_id=ID, owner_kind="ticket", attachment_id=ID, filename="a.pdf"
            ),
            "ticket.attach",
            "ticket",
        ),
        (
            AttachmentAdded(
                actor=None, object_id=ID, owner_kind="meeting", attachment_id=ID, filename="a.pdf"
            ),
            "meeting.attach",
            "meeting",
        ),
    ],
)
def test_each_event_keeps_its_audit_action_and_object_type(
    event: Event, action: str, object_type: str
) -> None:
    assert event.audited
    assert (event.action, event.object_type) == (action, object_type)
    payload = event.payload()
    assert (payload["action"], payload["object_type"]) == (action, object_type)


def test_a_refused_sign_in_carries_its_address_and_outcome() -> None:
    event = AuthRecorded(
        actor=None,
        verb="login",
        object_id=None,
        ip="203.0.113.7",
        after={"username": "nobody", "reason": "locked"},
        outcome=AuditOutcome.denied,
    )
    payload = event.payload()
    assert payload["outcome"] == "denied" and payload["actor"] is None
    assert "ip" not in payload and event.ip == "203.0.113.7"
