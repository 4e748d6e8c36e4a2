"""Departments' resolved tickets: the business date and the working days are stored when a
ticket is resolved, and the period's on-time rate and average days follow from them."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from app.models import CalendarOverride, Ticket, TicketOpenHandler
from app.tickets import lifecycle, open_handlers, resolutions
from tests.helpers import unit_id
from tests.stats.checks import STATS, check
from tests.tickets.factories import URL, assigned_ticket, step

# 2001 is a year the holiday package does not know: Monday to Friday plus the overrides.
HOLIDAY = date(2001, 3, 5)  # a Monday, made a holiday below
RESOLVED_AT = datetime(2001, 3, 16, 2, 0, tzinfo=UTC)  # Friday 10:00 in Xiangtan
YEAR_2001 = {"year": 2001}


async def _set(session, ticket: dict, **values) -> None:
    await session.execute(
        update(Ticket).where(Ticket.id == uuid.UUID(ticket["id"])).values(**values)
    )
    await session.flush()


async def _resolve(client, zrzy, ticket: dict) -> dict:
    for state in ("accepted", "in_progress"):
        assert (await step(client, zrzy, ticket, state)).status_code == 201
    response = await step(client, zrzy, ticket, "resolved", note="已办理完毕")
    assert response.status_code == 201, response.text
    return response.json()


def _row(body: dict, department: str) -> dict:
    return next(r for r in body["rows"] if r["department_id"] == department)


def _counts(row: dict) -> dict[str, int]:
    return {f["key"]: f["count"] for f in row["figures"]}


@pytest.fixture
def resolving_in_2001(monkeypatch):
    monkeypatch.setattr(lifecycle, "utcnow", lambda: RESOLVED_AT)


async def test_on_time_rate_and_working_days_by_department(
    client, auth_for, session, resolving_in_2001
):
    session.add(CalendarOverride(day=HOLIDAY, is_working_day=False, name="测试假日"))
    await session.flush()
    zrzy, yuhu = await auth_for("zrzy"), await auth_for("yuhu")
    coordinator = await auth_for("coordinator")
    # (assigned on, due, co-handlers): working days to 16 March skip the weekends and the
    # holiday on 5 March.
    cases = [
        (date(2001, 3, 1), date(2001, 3, 20), ()),  # 2, 6–9, 12–16: 10 days, on time
        (date(2001, 3, 9), date(2001, 3, 15), ()),  # 12–16: 5 days, a day late
        (date(2001, 3, 14), date(2001, 3, 30), ("sthj",)),  # 15–16: 2 days, on time
    ]
    resolved = []
    for assigned_on, due, co in cases:
        ticket = await assigned_ticket(client, auth_for, co=co)
        await _set(session, ticket, assigned_on=assigned_on, due_date=due)
        resolved.append(await _resolve(client, zrzy, ticket))
    assert [(t["resolved_on"], t["working_days_taken"]) for t in resolved] == [
        ("2001-03-16", 10),
        ("2001-03-16", 5),
        ("2001-03-16", 2),
    ]
    # Returned for more work: no longer resolved, so not counted.
    returned = await assigned_ticket(client, auth_for)
    await _set(session, returned, assigned_on=date(2001, 3, 1), due_date=date(2001, 3, 20))
    await _resolve(client, zrzy, returned)
    again = await step(client, yuhu, returned, "in_progress", note="材料不全")
    assert again.status_code == 201, again.text
    assert (again.json()["resolved_on"], again.json()["working_days_taken"]) == (None, None)

    body = (
        await client.get(f"{STATS}/tickets/departments", params=YEAR_2001, headers=coordinator)
    ).json()
    assert body["period"]["label"] == "2001年"
    assert set(body["definitions"]) == {"on_time_rate", "avg_working_days"}
    zrzy_id = await unit_id(client, coordinator, "zrzy")
    sthj_id = await unit_id(client, coordinator, "sthj")
    lead = _row(body, zrzy_id)
    assert {k: _counts(lead)[k] for k in ("resolved", "resolved_on_time")} == {
        "resolved": 3,
        "resolved_on_time": 2,
    }
    assert (lead["on_time_rate"], lead["avg_working_days"]) == (0.6667, 5.7)
    co_row = _row(body, sthj_id)
    assert (_counts(co_row)["resolved"], co_row["on_time_rate"], co_row["avg_working_days"]) == (
        1,
        1.0,
        2.0,
    )
    # The coordinator and the district read the per-day rollup, the department its own
    # tickets: the same numbers.
    for who in (coordinator, zrzy, yuhu):
        mine = (
            await client.get(f"{STATS}/tickets/departments", params=YEAR_2001, headers=who)
        ).json()
        await check(client, who, [f for row in mine["rows"] for f in row["figures"]])
        own = _row(mine, zrzy_id)
        assert (_counts(own)["resolved"], own["on_time_rate"], own["avg_working_days"]) == (
            3,
            0.6667,
            5.7,
        )
    # A department's resolutions are its own; the row of a department it co-handles with
    # shows the current figures only.
    mine = (await client.get(f"{STATS}/tickets/departments", params=YEAR_2001, headers=zrzy)).json()
    for row in mine["rows"]:
        if row["department_id"] != zrzy_id:
            assert "resolved" not in _counts(row) and row["on_time_rate"] is None
    # The rollup kept by the transactions equals the one rebuilt from the tickets.
    await resolutions.rebuild(session)
    rebuilt = (
        await client.get(f"{STATS}/tickets/departments", params=YEAR_2001, headers=coordinator)
    ).json()
    assert rebuilt == body

    # Another period: nothing resolved, so no rate and no average.
    other = (
        await client.get(f"{STATS}/tickets/departments", params={"year": 2002}, headers=coordinator)
    ).json()
    for row in other["rows"]:
        assert _counts(row)["resolved"] == 0
        assert (row["on_time_rate"], row["avg_working_days"]) == (None, None)


async def test_the_ticket_list_filters_by_resolution(client, auth_for, session, resolving_in_2001):
    zrzy, coordinator = await auth_for("zrzy"), await auth_for("coordinator")
    late = await assigned_ticket(client, auth_for)
    await _set(session, late, assigned_on=date(2001, 3, 1), due_date=date(2001, 3, 15))
    await _resolve(client, zrzy, late)

    async def codes(**params) -> list[str]:
        response = await client.get(URL, params=params, headers=coordinator)
        assert response.status_code == 200, response.text
        return [t["code"] for t in response.json()["items"]]

    span = {"resolved_from": "2001-03-16", "resolved_to": "2001-03-16"}
    assert await codes(**span) == [late["code"]]
    assert await codes(**span, resolved_on_time="false") == [late["code"]]
    assert await codes(**span, resolved_on_time="true") == []
    assert await codes(resolved_from="2001-03-17", resolved_to="2001-12-31") == []


async def _handlers(session) -> set[tuple]:
    rows = await session.execute(
        select(
            TicketOpenHandler.ticket_id, TicketOpenHandler.department_id, TicketOpenHandler.unit_id
        )
    )
    return {tuple(str(v) for v in row) for row in rows.all()}


async def test_tickets_in_hand_are_kept_by_their_transitions(client, auth_for, session):
    """在办 reads ticket_open_handlers: a row per ticket in hand and handling department, written
    on 交办 and 退回, removed on 反馈 and 撤销 — always what the tickets themselves give."""
    coordinator, zrzy, yuhu = [await auth_for(u) for u in ("coordinator", "zrzy", "yuhu")]
    zrzy_id, sthj_id, yuhu_id = [
        await unit_id(client, coordinator, code) for code in ("zrzy", "sthj", "yuhu")
    ]

    async def in_hand(who) -> dict[str, int]:
        body = (await client.get(f"{STATS}/tickets/departments", headers=who)).json()
        await check(client, who, [f for row in body["rows"] for f in row["figures"]])
        return {r["department_id"]: _counts(r)["open"] for r in body["rows"]}

    before = await in_hand(coordinator)
    kept = await assigned_ticket(client, auth_for, co=("sthj",))
    cancelled = await assigned_ticket(client, auth_for, co=("sthj",))
    mine = {(kept["id"], zrzy_id, yuhu_id), (kept["id"], sthj_id, yuhu_id)}
    assert mine <= await _handlers(session)
    after = await in_hand(coordinator)
    assert after[zrzy_id] == before.get(zrzy_id, 0) + 2
    assert after[sthj_id] == before.get(sthj_id, 0) + 2

    await _resolve(client, zrzy, kept)
    cancel = await step(client, coordinator, cancelled, "cancelled", note="企业已自行解决")
    assert cancel.status_code == 201, cancel.text
    assert not {row for row in await _handlers(session) if row[0] in (kept["id"], cancelled["id"])}
    settled = await in_hand(coordinator)
    assert (settled.get(zrzy_id, 0), settled.get(sthj_id, 0)) == (
        before.get(zrzy_id, 0),
        before.get(sthj_id, 0),
    )
    back = await step(client, yuhu, kept, "in_progress", note="材料不全")
    assert back.status_code == 201, back.text
    assert mine <= await _handlers(session)
    # The department reads its tickets' handlers, the district its unit's: each equal to the
    # list, and the rows kept equal those rebuilt from the tickets.
    for who in (zrzy, yuhu, await auth_for("sthj")):
        await in_hand(who)
    kept_rows = await _handlers(session)
    await open_handlers.rebuild(session)
    assert await _handlers(session) == kept_rows


async def test_overdue_and_escalated_tickets_count_for_lead_and_co_handlers(
    client, auth_for, session
):
    """超期, 督办 and 通报 are read from the few overdue or escalated tickets, then their
    co-handlers: each ticket counts once for its lead department and once for each co-handler,
    for every caller, and each figure equals its list."""
    coordinator, zrzy, sthj, yuhu = [
        await auth_for(u) for u in ("coordinator", "zrzy", "sthj", "yuhu")
    ]
    ids = {code: await unit_id(client, coordinator, code) for code in ("zrzy", "sthj", "rsj")}

    async def current(who) -> dict[str, dict[str, int]]:
        body = (await client.get(f"{STATS}/tickets/departments", headers=who)).json()
        await check(client, who, [f for row in body["rows"] for f in row["figures"]])
        return {r["department_id"]: _counts(r) for r in body["rows"]}

    keys = ("overdue", "supervised", "circulated")
    before = {who: await current(h) for who, h in (("coordinator", coordinator), ("yuhu", yuhu))}
    late = await assigned_ticket(client, auth_for, co=("sthj", "rsj"))
    await _set(session, late, due_date=date(2020, 1, 6))
    supervised = await assigned_ticket(client, auth_for, co=("sthj",))
    await _set(session, supervised, escalation_level=1)
    await _resolve(client, zrzy, supervised)
    circulated = await assigned_ticket(client, auth_for)
    await _set(session, circulated, escalation_level=2)
    added = {
        ids["zrzy"]: {"overdue": 1, "supervised": 1, "circulated": 1},
        ids["sthj"]: {"overdue": 1, "supervised": 1, "circulated": 0},
        ids["rsj"]: {"overdue": 1, "supervised": 0, "circulated": 0},
    }
    for who, headers in (("coordinator", coordinator), ("yuhu", yuhu)):
        now = await current(headers)
        for department, more in added.items():
            was = before[who].get(department, {})
            assert {k: now[department][k] - was.get(k, 0) for k in keys} == more
    # A department sees the tickets it leads or co-handles, each with all its handlers.
    for headers in (zrzy, sthj):
        await current(headers)
