"""待办 counts equal the lists behind them; filters and sort for the to-do list."""

import uuid
from datetime import timedelta

from sqlalchemy import update

from app.core.calendar import business_today
from app.models import Ticket
from tests.helpers import assert_problem
from tests.tickets.factories import URL, assigned_ticket

# One demo user of every role that has a 待办: department, coordinator, district, supervisor,
# leader. The others (admin, viewer) have no tickets to read.
ALL_ROLES = ("zrzy", "coordinator", "yuhu", "supervisor", "leader")
NO_TICKETS = ("admin", "viewer")


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
    for who in ALL_ROLES:
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


async def _ids(client, headers, **params) -> set[str]:
    ids: set[str] = set()
    cursor = None
    while True:
        query = {**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
        body = (await client.get(URL, params=query, headers=headers)).json()
        ids |= {t["id"] for t in body["items"]}
        cursor = body["next_cursor"]
        if not cursor:
            return ids


async def test_coordinator_and_supervisor_todo_hold_what_awaits_them(client, auth_for, session):
    """The coordinator's 待办: to assign, to confirm (the bureau's own requests) and overdue
    city-wide to chase; the supervisor's: overdue city-wide and already escalated. Every
    card equals its list."""
    overdue = await assigned_ticket(client, auth_for)
    on_time = await assigned_ticket(client, auth_for)
    escalated = await assigned_ticket(client, auth_for)
    await session.execute(
        update(Ticket)
        .where(Ticket.id == uuid.UUID(overdue["id"]))
        .values(due_date=business_today() - timedelta(days=3), state="in_progress")
    )
    await session.flush()
    supervisor = await auth_for("supervisor")
    response = await client.post(
        f"{URL}/{escalated['id']}/escalations",
        json={"reason": "多次催促未签收"},
        headers=supervisor,
    )
    assert response.status_code == 201, response.text
    yuhu = await auth_for("yuhu")
    project_id = overdue["project_id"]
    submitted = (
        await client.post(
            URL,
            json={
                "project_id": project_id,
                "category": "land",
                "title": "三期用地规划调整",
                "description": "三期用地需要调整控制性详细规划。",
            },
            headers=yuhu,
        )
    ).json()

    coordinator = await auth_for("coordinator")
    mine = await _ids(client, coordinator, mine=True)
    assert {overdue["id"], submitted["id"]} <= mine
    assert on_time["id"] not in mine and escalated["id"] not in mine
    assert overdue["id"] in await _ids(client, coordinator, mine=True, overdue=True)

    mine = await _ids(client, supervisor, mine=True)
    assert {overdue["id"], escalated["id"]} <= mine
    assert on_time["id"] not in mine and submitted["id"] not in mine
    assert overdue["id"] in await _ids(client, supervisor, mine=True, overdue=True)

    for who in ALL_ROLES:
        headers = await auth_for(who)
        summary = (await client.get(f"{URL}/todo-summary", headers=headers)).json()
        assert summary["todo"] == await _total(client, headers, mine=True), who
        assert summary["overdue"] == await _total(client, headers, mine=True, overdue=True), who
        assert summary["due_soon"] == await _total(client, headers, mine=True, due_soon=True), who
        if who in ("coordinator", "supervisor"):
            # Nothing overdue in scope is missing from their 已超期.
            assert summary["overdue"] == await _total(client, headers, overdue=True), who
    for who in NO_TICKETS:
        headers = await auth_for(who)
        assert_problem(await client.get(f"{URL}/todo-summary", headers=headers), 403)
        assert_problem(await client.get(URL, params={"mine": True}, headers=headers), 403)
