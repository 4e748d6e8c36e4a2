"""待办 counts equal the lists behind them; filters and sort for the to-do list."""

import uuid
from datetime import timedelta

from sqlalchemy import update

from app.core.calendar import business_today
from app.models import Ticket
from tests.tickets.factories import URL, assigned_ticket


async def _total(client, headers, **params) -> int:
    response = await client.get(URL, params={**params, "include_total": True}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["total"]


async def test_todo_counts_equal_the_lists(client, auth_for, session):
    overdue = await assigned_ticket(client, auth_for)
    await assigned_ticket(client, auth_for)
    await session.execute(
        update(Ticket)
        .where(Ticket.id == uuid.UUID(overdue["id"]))
        .values(due_date=business_today() - timedelta(days=3))
    )
    await session.flush()
    for who in ("zrzy", "coordinator", "yuhu", "supervisor", "leader"):
        headers = await auth_for(who)
        summary = (await client.get(f"{URL}/todo-summary", headers=headers)).json()
        assert summary["todo"] == await _total(client, headers, mine=True), who
        assert summary["overdue"] == await _total(client, headers, mine=True, overdue=True), who
        assert summary["due_soon"] == await _total(client, headers, mine=True, due_soon=True), who

    zrzy = await auth_for("zrzy")
    summary = (await client.get(f"{URL}/todo-summary", headers=zrzy)).json()
    assert summary["todo"] >= 2 and summary["overdue"] >= 1
    page = (await client.get(URL, params={"mine": True, "sort": "due_date"}, headers=zrzy)).json()[
        "items"
    ]
    assert page[0]["is_overdue"]  # overdue first
    dues = [t["due_date"] for t in page]
    assert dues == sorted(dues)


async def test_due_date_sort_pages_through_unassigned_tickets(client, auth_for):
    coordinator = await auth_for("coordinator")
    seen, cursor = [], None
    while True:
        params = {"sort": "due_date", "limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get(URL, params=params, headers=coordinator)).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len({t["id"] for t in seen}) == await _total(client, coordinator)
    dated = [t["due_date"] for t in seen if t["due_date"]]
    assert dated == sorted(dated)
    assert all(t["due_date"] is None for t in seen[len(dated) :])


async def test_filters(client, auth_for):
    ticket = await assigned_ticket(client, auth_for, co=("fgw",), urgency="critical")
    coordinator = await auth_for("coordinator")

    async def ids(**params):
        body = (await client.get(URL, params={**params, "limit": 200}, headers=coordinator)).json()
        return {t["id"] for t in body["items"]}

    assert ticket["id"] in await ids(state="assigned", urgency="critical")
    assert ticket["id"] not in await ids(state="closed")
    assert ticket["id"] in await ids(department_id=ticket["co_departments"][0]["id"])
    assert ticket["id"] in await ids(project_id=ticket["project_id"])
    assert ticket["id"] in await ids(escalation_level=0, overdue=False)
    assert ticket["id"] not in await ids(escalation_level=1)
    assert ticket["id"] in await ids(q=ticket["code"])
    assert ticket["id"] in await ids(updated_after="2000-01-01T00:00:00Z")
    assert ticket["id"] not in await ids(due_before=business_today().isoformat())
    bad = await client.get(URL, params={"sort": "title"}, headers=coordinator)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_sort"
