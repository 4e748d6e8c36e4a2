"""How much SQL one ticket assignment sends: each unit, the calendar and the ticket once.

The assignment is the busiest step of 交办 (departments checked, deadline computed, letter
numbered, co-handlers replaced, timeline, notifications, audit, the project's activity and
concerns); before domain events it sent 24 statements. The ceiling is half of that, plus
what was added since: the ticket's handlers while it is in hand (ticket_open_handlers, what the
departments' 在办 figure counts), the webhook outbox row (`ticket.assigned`, written in the same
transaction so a partner never misses a committed step), and the audit chain's head, selected
(locked on PostgreSQL) and moved on once, so the audit line links to the line before it
(app/audit/chain.py).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tests.helpers import unit_id
from tests.projects.factories import create_project
from tests.tickets.factories import raise_ticket

CEILING = 16


@contextmanager
def recorded(app: Any) -> Iterator[list[str]]:
    statements: list[str] = []

    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", _before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _before)


async def test_ticket_assignment_sends_about_half_the_statements_it_used_to(app, client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"])
    lead = await unit_id(client, coordinator, "zrzy")
    co = await unit_id(client, coordinator, "fgw")
    body = {
        "expected_state": "submitted",
        "to_state": "assigned",
        "lead_department_id": lead,
        "co_department_ids": [co],
    }
    with recorded(app) as statements:
        response = await client.post(
            f"/api/v1/tickets/{ticket['id']}/transitions", json=body, headers=coordinator
        )
    assert response.status_code == 201, response.text
    assert response.json()["state"] == "assigned"
    listing = "\n".join(f"{i + 1:2}. {s.split()[0]} {s[:160]!r}" for i, s in enumerate(statements))
    assert len(statements) <= CEILING, f"{len(statements)} statements:\n{listing}"
