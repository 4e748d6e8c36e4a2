"""Domain events: reactions share the write's transaction, run in the table's order, and every
event serialises for partner systems (tests/conftest.py checks that for every test)."""

import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.core import events
from app.core.principal import Principal
from app.models import AuditEvent, Notification, Ticket
from app.models.enums import TicketState
from app.subscriptions import SUBSCRIPTIONS
from app.tickets.events import TicketCreated, TicketTransitioned
from tests.projects.factories import create_project
from tests.tickets.factories import URL


@pytest.fixture
def table() -> Iterator[dict]:
    """A copy of the subscription table a test may change; the real one is restored after."""
    changed = {kind: list(reactions) for kind, reactions in SUBSCRIPTIONS.items()}
    yield changed
    events.install(SUBSCRIPTIONS)


async def test_a_failing_reaction_leaves_no_trace_of_the_write(client, session, auth_for, table):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)

    async def created_lines() -> int:
        stmt = select(func.count()).where(AuditEvent.action == "ticket.create")
        return int(await session.scalar(stmt) or 0)

    async def fails(session, emitted):
        raise RuntimeError("a reaction failed")

    # After the project's activity and the coordinators' notification, before the audit line.
    table[TicketCreated] = [*table[TicketCreated], fails]
    events.install(table)
    title = f"失败的事项 {uuid.uuid4().hex[:6]}"
    body = {
        "project_id": project["id"],
        "category": "land",
        "title": title,
        "description": "用地指标。",
        "urgency": "normal",
    }
    lines = await created_lines()
    assert (await client.post(URL, json=body, headers=yuhu)).status_code == 500

    tickets = await session.scalar(select(func.count()).where(Ticket.title == title))
    notes = await session.scalar(select(func.count()).where(Notification.title.contains(title)))
    assert (tickets, notes, await created_lines()) == (0, 0, lines)

    events.install(SUBSCRIPTIONS)
    assert (await client.post(URL, json=body, headers=yuhu)).status_code == 201
    notes = await session.scalar(select(func.count()).where(Notification.title.contains(title)))
    assert notes > 0 and await created_lines() == lines + 1


async def test_reactions_run_in_listed_order_then_those_of_every_event(table):
    seen: list[str] = []

    def saying(name):
        async def react(session, emitted):
            seen.append(f"{name}:{len(emitted)}")

        return react

    events.install(
        {TicketCreated: [saying("first"), saying("second")], events.Event: [saying("every")]}
    )
    one = _created()
    await events.emit(None, one, one, _transitioned(), one)  # type: ignore[arg-type]
    # Consecutive events of one kind arrive as one batch; the transition only has `every`.
    assert seen == ["first:2", "second:2", "every:2", "every:1", "first:1", "second:1", "every:1"]


async def test_emit_refuses_to_run_without_the_table():
    events.install({})
    try:
        with pytest.raises(RuntimeError, match="subscriptions"):
            await events.emit(None, _created())  # type: ignore[arg-type]
    finally:
        events.install(SUBSCRIPTIONS)


def test_the_payload_is_plain_json_naming_the_actor_not_carrying_it():
    payload = _transitioned().payload()
    text = json.dumps(payload, ensure_ascii=False)
    assert payload["action"] == "ticket.assigned"
    assert payload["object_type"] == "ticket"
    assert payload["to_state"] == "assigned"
    assert payload["actor"] is None
    assert "ip" not in payload
    assert json.loads(text) == payload


def _created() -> TicketCreated:
    return TicketCreated(
        actor=Principal(),
        object_id=uuid.uuid4(),
        code="SX-2026-00001",
        title="用地",
        project_id=uuid.uuid4(),
        project_name="项目",
    )


def _transitioned() -> TicketTransitioned:
    return TicketTransitioned(
        actor=None,
        object_id=uuid.uuid4(),
        code="SX-2026-00001",
        title="用地",
        project_id=uuid.uuid4(),
        from_state=TicketState.submitted,
        to_state=TicketState.assigned,
        owner_unit_id=uuid.uuid4(),
    )
