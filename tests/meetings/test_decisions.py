"""Decisions: recorded on a meeting, followed up, turned into tickets, done when they are."""

import httpx

from tests.helpers import assert_problem, unit_id
from tests.meetings.factories import (
    DECISIONS,
    MEETINGS,
    add_decision,
    create_meeting,
    move,
)
from tests.projects.factories import create_project
from tests.tickets.factories import step

TICKETS = "/api/v1/tickets"


async def _decision_with_project(client: httpx.AsyncClient, auth_for, **kw):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    project = await create_project(client, yuhu)
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(
        client, coordinator, meeting, co=("fgw",), project_ids=(project["id"],), **kw
    )
    return meeting, decision, project


async def _to_tickets(client, headers, decision, **body):
    return await client.post(
        f"{DECISIONS}/{decision['id']}/tickets",
        json={"category": "land", "urgency": "urgent", **body},
        headers=headers,
    )


async def test_decision_turns_into_one_assigned_ticket_per_department(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    _, decision, project = await _decision_with_project(client, auth_for)
    assert decision["code"].startswith("YD-") and decision["seq"] == 1
    assert decision["state"] == "open" and "to_tickets" in decision["actions"]

    response = await _to_tickets(client, coordinator, decision)
    assert response.status_code == 201, response.text
    tickets = response.json()
    assert {t["lead_department"]["name"] for t in tickets} == {
        "市自然资源和规划局",
        "市发展和改革委员会",
    }
    for ticket in tickets:
        assert ticket["state"] == "assigned"
        assert ticket["source"] == "meeting_decision"
        assert ticket["decision_id"] == decision["id"]
        assert ticket["project_id"] == project["id"]
        # Due by the decision's own deadline, not the urgency's working days.
        assert ticket["due_date"] == decision["due_date"]
        letters = (
            await client.get(f"{TICKETS}/{ticket['id']}/letters", headers=coordinator)
        ).json()
        assert [letter["kind"] for letter in letters] == ["assignment"]

    after = (await client.get(f"{DECISIONS}/{decision['id']}", headers=coordinator)).json()
    assert after["state"] == "in_progress"
    assert len(after["tickets"]) == 2 and after["tickets_closed"] == 0
    # Every department has its open ticket: neither done nor another 转交办 is on offer.
    assert "done" not in after["actions"] and "to_tickets" not in after["actions"]
    # The department sees the project the decision concerns (a summary, read-only).
    zrzy = await auth_for("zrzy")
    assert (await client.get(f"/api/v1/projects/{project['id']}", headers=zrzy)).status_code == 200
    # Turning it into tickets again for the same departments is refused while they are open.
    assert_problem(await _to_tickets(client, coordinator, decision), 409, "already_assigned")
    # Done is refused while its tickets are open.
    done = await client.post(
        f"{DECISIONS}/{decision['id']}/transitions",
        json={"expected_state": "in_progress", "to_state": "done"},
        headers=coordinator,
    )
    assert_problem(done, 409, "tickets_open")


async def test_ticket_progress_shows_on_the_decision_and_done_follows(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, zrzy, fgw = (
        await auth_for("coordinator"),
        await auth_for("zrzy"),
        await auth_for("fgw"),
    )
    yuhu = await auth_for("yuhu")
    _, decision, _ = await _decision_with_project(client, auth_for)
    tickets = (await _to_tickets(client, coordinator, decision)).json()
    by_unit = {t["lead_department"]["name"]: t for t in tickets}
    mine = by_unit["市自然资源和规划局"]
    for target in ("accepted", "in_progress"):
        assert (await step(client, zrzy, mine, target)).status_code == 201
    resolved = await step(client, zrzy, mine, "resolved", note="二期用地已完成组卷报批。")
    assert resolved.status_code == 201, resolved.text

    updates = (await client.get(f"{DECISIONS}/{decision['id']}/updates", headers=zrzy)).json()
    texts = [u["note"] for u in updates]
    assert any(mine["code"] in t and "已反馈" in t and "二期用地已完成组卷报批" in t for t in texts)
    seen = (await client.get(f"{DECISIONS}/{decision['id']}", headers=zrzy)).json()
    assert "二期用地已完成组卷报批" in seen["latest_progress"]
    states = {t["code"]: t["state"] for t in seen["tickets"]}
    assert states[mine["code"]] == "resolved"

    # Both tickets closed (the requester confirms) → the decision can be marked done.
    other = by_unit["市发展和改革委员会"]
    for target in ("accepted", "in_progress"):
        await step(client, fgw, other, target)
    await step(client, fgw, other, "resolved", note="已纳入年度重点项目计划。")
    for ticket in (mine, other):
        closed = await step(client, coordinator, ticket, "closed", satisfaction=5)
        assert closed.status_code == 201, closed.text
    ready = (await client.get(f"{DECISIONS}/{decision['id']}", headers=coordinator)).json()
    assert ready["tickets_closed"] == 2 and "done" in ready["actions"]
    # The district attended and sees the decision, but is not responsible: it may not mark it
    # done.
    refused = await client.post(
        f"{DECISIONS}/{decision['id']}/transitions",
        json={"expected_state": "in_progress", "to_state": "done"},
        headers=yuhu,
    )
    assert_problem(refused, 403, "not_your_step")
    done = await client.post(
        f"{DECISIONS}/{decision['id']}/transitions",
        json={"expected_state": "in_progress", "to_state": "done"},
        headers=zrzy,
    )
    assert done.status_code == 201, done.text
    assert done.json()["state"] == "done" and done.json()["done_at"]
    assert done.json()["actions"] == []


async def test_responsible_units_report_progress(client: httpx.AsyncClient, auth_for) -> None:
    coordinator, zrzy, fgw, yuhu = (
        await auth_for("coordinator"),
        await auth_for("zrzy"),
        await auth_for("fgw"),
        await auth_for("yuhu"),
    )
    meeting = await create_meeting(client, coordinator, units=("zrzy",))
    decision = await add_decision(client, coordinator, meeting, co=("fgw",))
    url = f"{DECISIONS}/{decision['id']}/updates"
    first = await client.post(
        url,
        json={"note": "已组织现场踏勘。", "progress_date": "2026-11-20"},
        headers=fgw,
    )
    assert first.status_code == 201, first.text
    assert first.json()["actor_unit_name"] == "市发展和改革委员会"
    assert first.json()["progress_date"] == "2026-11-20"
    after = (await client.get(f"{DECISIONS}/{decision['id']}", headers=zrzy)).json()
    assert after["state"] == "in_progress" and after["latest_progress"] == "已组织现场踏勘。"
    # A unit with nothing to do with it does not even see it.
    assert_problem(await client.post(url, json={"note": "无关"}, headers=yuhu), 404)
    future = await client.post(
        url, json={"note": "计划完成", "progress_date": "2099-01-01"}, headers=zrzy
    )
    assert_problem(future, 422, "future_date")
    kinds = [u["kind"] for u in (await client.get(url, headers=coordinator)).json()]
    assert kinds == ["progress", "transition"]


async def test_cancel_needs_a_reason_and_only_the_coordinator(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, zrzy = await auth_for("coordinator"), await auth_for("zrzy")
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(client, coordinator, meeting)
    url = f"{DECISIONS}/{decision['id']}/transitions"
    body = {"expected_state": "open", "to_state": "cancelled"}
    assert_problem(await client.post(url, json=body, headers=zrzy), 403, "not_your_step")
    assert_problem(await client.post(url, json=body, headers=coordinator), 422, "missing")
    stale = {
        "expected_state": "in_progress",
        "to_state": "cancelled",
        "note": "项目已终止",
    }
    assert_problem(await client.post(url, json=stale, headers=coordinator), 409, "state_changed")
    ok = await client.post(url, json={**body, "note": "项目已终止"}, headers=coordinator)
    assert ok.status_code == 201, ok.text
    back = {"expected_state": "cancelled", "to_state": "in_progress"}
    assert_problem(
        await client.post(url, json=back, headers=coordinator),
        409,
        "illegal_transition",
    )


async def test_edit_needs_if_match_and_stops_at_publication(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(client, coordinator, meeting)
    url = f"{DECISIONS}/{decision['id']}"
    assert_problem(await client.patch(url, json={"text": "改动"}, headers=coordinator), 428)
    short = await client.patch(url, json={"text": "改"}, headers={**coordinator, "If-Match": '"1"'})
    assert assert_problem(short, 422)["errors"][0]["msg"] == "长度不能少于 2 个字符"
    etag = (await client.get(url, headers=coordinator)).headers["etag"]
    ok = await client.patch(
        url,
        json={"text": "年底前完成二期用地报批和供地。", "due_date": "2026-12-31"},
        headers={**coordinator, "If-Match": etag},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["text"] == "年底前完成二期用地报批和供地。"
    stale = await client.patch(
        url, json={"text": "又改"}, headers={**coordinator, "If-Match": etag}
    )
    assert_problem(stale, 412)
    # Co-unit equal to the responsible unit is refused.
    etag = ok.headers["etag"]
    same = await client.patch(
        url,
        json={"co_unit_ids": [await unit_id(client, coordinator, "zrzy")]},
        headers={**coordinator, "If-Match": etag},
    )
    assert_problem(same, 422, "invalid_unit")
    await move(client, coordinator, meeting, "held")
    meeting_etag = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).headers[
        "etag"
    ]
    await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"minutes_draft": "纪要正文"},
        headers={**coordinator, "If-Match": meeting_etag},
    )
    assert (await move(client, coordinator, meeting, "published")).status_code == 201
    frozen = await client.patch(
        url, json={"text": "又改"}, headers={**coordinator, "If-Match": etag}
    )
    assert_problem(frozen, 409, "decision_frozen")
    # Without If-Match the request is refused as such before the decision's state is told.
    assert_problem(await client.patch(url, json={"text": "又改"}, headers=coordinator), 428)


async def test_to_tickets_needs_a_project_and_departments(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    meeting = await create_meeting(client, coordinator)
    bare = await add_decision(client, coordinator, meeting)
    assert "to_tickets" not in bare["actions"]
    assert_problem(await _to_tickets(client, coordinator, bare), 422, "no_project")
    project = await create_project(client, yuhu)
    district = await add_decision(
        client, coordinator, meeting, responsible="yuhu", project_ids=(project["id"],)
    )
    assert_problem(await _to_tickets(client, coordinator, district), 422, "no_department")
    _, decision, _ = await _decision_with_project(client, auth_for)
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    assert_problem(
        await _to_tickets(client, coordinator, decision, unit_ids=[yuhu_id]),
        422,
        "invalid_unit",
    )
    fgw = await unit_id(client, coordinator, "fgw")
    only = await _to_tickets(client, coordinator, decision, unit_ids=[fgw])
    assert only.status_code == 201, only.text
    assert [t["lead_department"]["name"] for t in only.json()] == ["市发展和改革委员会"]
    assert_problem(await _to_tickets(client, yuhu, decision), 403)


async def test_decision_list_filters_and_scope(client: httpx.AsyncClient, auth_for) -> None:
    coordinator, zrzy, yuhu = (
        await auth_for("coordinator"),
        await auth_for("zrzy"),
        await auth_for("yuhu"),
    )
    meeting = await create_meeting(client, coordinator, units=("zrzy",))
    late = await add_decision(client, coordinator, meeting, due_date="2026-01-05")
    theirs = await add_decision(
        client, coordinator, meeting, responsible="fgw", text="发改委牵头。"
    )

    async def ids(headers, **params) -> list[str]:
        response = await client.get(DECISIONS, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [d["id"] for d in response.json()["items"]]

    undated = await add_decision(client, coordinator, meeting, due_date=None, text="长期跟踪。")
    assert late["is_overdue"] is True and theirs["is_overdue"] is False
    not_overdue = await ids(coordinator, overdue=False, meeting_id=meeting["id"])
    assert set(not_overdue) == {theirs["id"], undated["id"]}
    assert late["id"] in await ids(coordinator, overdue=True)
    assert theirs["id"] not in await ids(coordinator, overdue=True)
    assert await ids(coordinator, meeting_id=meeting["id"], sort="code") == [
        late["id"],
        theirs["id"],
        undated["id"],
    ]
    # 张敏's unit attended: sees both; `mine` narrows to its own.
    assert {late["id"], theirs["id"]} <= set(await ids(zrzy))
    assert late["id"] in await ids(zrzy, mine=True)
    assert theirs["id"] not in await ids(zrzy, mine=True)
    # 雨湖区 neither attended nor is responsible.
    assert late["id"] not in await ids(yuhu)
    assert_problem(await client.get(f"{DECISIONS}/{late['id']}", headers=yuhu), 404)
    fgw = await unit_id(client, coordinator, "fgw")
    assert await ids(coordinator, unit_id=fgw, meeting_id=meeting["id"]) == [theirs["id"]]
    assert late["id"] in await ids(coordinator, q=late["code"])
    leader2 = await client.get("/api/v1/users", params={"q": "leader2"}, headers=coordinator)
    chaired_by_other = await ids(coordinator, chair_id=leader2.json()["items"][0]["id"])
    assert late["id"] not in chaired_by_other
    by_period = await ids(coordinator, meeting_from=meeting["starts_at"], sort="code")
    assert {late["id"], theirs["id"]} <= set(by_period)
    by_due = await ids(coordinator, meeting_id=meeting["id"], sort="due_date")
    assert by_due == [late["id"], theirs["id"], undated["id"]]
    later = await ids(coordinator, meeting_from="2099-01-01T00:00:00Z")
    assert late["id"] not in later


async def test_units_carrying_out_a_decision_are_notified(
    client: httpx.AsyncClient, auth_for
) -> None:
    coordinator, zrzy, fgw = (
        await auth_for("coordinator"),
        await auth_for("zrzy"),
        await auth_for("fgw"),
    )
    meeting = await create_meeting(client, coordinator, title="塔奥二期用地部门会商")
    decision = await add_decision(client, coordinator, meeting, co=("fgw",))
    for headers in (zrzy, fgw):
        items = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
        mine = [n for n in items if n["link"] == f"/decisions/{decision['id']}"]
        assert len(mine) == 1, items
        assert mine[0]["kind"] == "decision_assigned"
        assert mine[0]["title"] == f"{decision['code']} 塔奥二期用地部门会商"
    coordinator_items = (await client.get("/api/v1/notifications", headers=coordinator)).json()
    assert not [n for n in coordinator_items["items"] if n["kind"] == "decision_assigned"]
