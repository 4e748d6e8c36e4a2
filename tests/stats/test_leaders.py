"""The leaders' board: each leader's project with its stage and open items, every number its
list's total, in the caller's scope."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.core.calendar import business_today
from app.models import Ticket
from tests.assignments.factories import lead_new_project
from tests.helpers import unit_id
from tests.meetings.factories import add_decision, create_meeting
from tests.meetings.factories import move as move_meeting
from tests.stats.checks import STATS, check
from tests.tickets.factories import raise_ticket, step

LEADERS = f"{STATS}/leaders"


async def _assigned(client, coordinator, yuhu, project_id: str) -> dict:
    ticket = await raise_ticket(client, yuhu, project_id)
    zrzy = await unit_id(client, coordinator, "zrzy")
    response = await step(client, coordinator, ticket, "assigned", lead_department_id=zrzy)
    assert response.status_code == 201, response.text
    return response.json()


def _counts(row: dict) -> dict[str, int]:
    return {f["key"]: f["count"] for f in row["figures"]}


async def test_a_leader_s_project_with_its_stage_and_open_items(client, auth_for, session):
    project, leader = await lead_new_project(client, auth_for)
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    await _assigned(client, coordinator, yuhu, project["id"])
    late = await _assigned(client, coordinator, yuhu, project["id"])
    await session.execute(
        update(Ticket)
        .where(Ticket.id == uuid.UUID(late["id"]))
        .values(due_date=business_today() - timedelta(days=3))
    )
    await session.flush()
    cancelled = await _assigned(client, coordinator, yuhu, project["id"])
    assert (
        await step(client, coordinator, cancelled, "cancelled", note="企业已自行解决")
    ).status_code == 201
    meeting = await create_meeting(client, coordinator)
    await add_decision(client, coordinator, meeting, project_ids=(project["id"],))
    assert (await move_meeting(client, coordinator, meeting, "held")).status_code == 201

    body = (await client.get(LEADERS, headers=coordinator)).json()
    assert body["definition"]
    row = next(r for r in body["rows"] if r["project_id"] == project["id"])
    assert {k: row[k] for k in ("project_code", "project_name", "stage", "stage_label")} == {
        "project_code": project["code"],
        "project_name": "智能装备领导首页项目",
        "stage": "lead",
        "stage_label": "信息收集",
    }
    assert row["days_in_stage"] == 0 and row["leader_name"]
    assert _counts(row) == {"open_tickets": 2, "overdue_tickets": 1, "open_decisions": 1}
    leader_ids = [r["leader_id"] for r in body["rows"]]
    assert len(leader_ids) == len(set(leader_ids)) > 1
    await check(client, coordinator, row["figures"])
    # The leader himself reads the same numbers for his project.
    own = (await client.get(LEADERS, headers=leader)).json()
    mine = next(r for r in own["rows"] if r["project_id"] == project["id"])
    assert _counts(mine) == _counts(row)
    # Another district does not see this 雨湖区 project's leader.
    yuetang = (await client.get(LEADERS, headers=await auth_for("yuetang"))).json()
    assert project["id"] not in {r["project_id"] for r in yuetang["rows"]}


@pytest.mark.parametrize("who", ["coordinator", "leader", "yuhu", "zrzy", "viewer", "supervisor"])
async def test_leader_figures_equal_their_lists(client, auth_for, who):
    headers = await auth_for(who)
    response = await client.get(LEADERS, headers=headers)
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    await check(client, headers, [f for row in rows for f in row["figures"]])
    if who == "coordinator":
        assert rows and all(len(row["figures"]) == 3 for row in rows)
    if who == "viewer":  # reads projects, not tickets or decisions
        assert rows and all(row["figures"] == [] for row in rows)
    if who == "yuhu":
        coordinator = await auth_for("coordinator")
        sliced = (
            await client.get(
                LEADERS,
                params={"unit_id": await unit_id(client, coordinator, "yuhu")},
                headers=coordinator,
            )
        ).json()["rows"]
        assert [r["project_id"] for r in rows] == [r["project_id"] for r in sliced]


KEY = f"{STATS}/projects/key"


async def test_a_key_project_with_its_stage_leader_and_open_items(client, auth_for, session):
    project, _ = await lead_new_project(client, auth_for)
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    marked = await client.put(
        f"/api/v1/projects/{project['id']}/key", json={"is_key": True}, headers=coordinator
    )
    assert marked.status_code == 200, marked.text
    await _assigned(client, coordinator, yuhu, project["id"])

    body = (await client.get(KEY, headers=coordinator)).json()
    await check(client, coordinator, [body["total"]])
    assert body["total"]["count"] == len(body["rows"])  # the demo city has fewer than 50
    codes = [r["project_code"] for r in body["rows"]]
    assert codes == sorted(codes)
    row = next(r for r in body["rows"] if r["project_id"] == project["id"])
    assert {k: row[k] for k in ("project_name", "owner_unit_name", "stage", "is_stale")} == {
        "project_name": "智能装备领导首页项目",
        "owner_unit_name": "雨湖区",
        "stage": "lead",
        "is_stale": False,
    }
    assert row["leader_name"] and row["days_in_stage"] == 0
    assert _counts(row) == {"open_tickets": 1, "overdue_tickets": 0, "open_decisions": 0}
    await check(client, coordinator, row["figures"])
    # Another district neither sees it nor counts it.
    yuetang = (await client.get(KEY, headers=await auth_for("yuetang"))).json()
    assert project["id"] not in {r["project_id"] for r in yuetang["rows"]}
    await check(client, await auth_for("yuetang"), [yuetang["total"]])


@pytest.mark.parametrize("who", ["coordinator", "leader", "yuhu", "zrzy", "viewer"])
async def test_key_project_figures_equal_their_lists(client, auth_for, who):
    headers = await auth_for(who)
    response = await client.get(KEY, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    await check(client, headers, [body["total"], *(f for r in body["rows"] for f in r["figures"])])
    assert len(body["rows"]) == body["total"]["count"]
    if who == "viewer":  # reads projects, not tickets or decisions
        assert body["rows"] and all(row["figures"] == [] for row in body["rows"])
    if who == "coordinator":
        assert body["rows"] and all(len(row["figures"]) == 3 for row in body["rows"])
        sliced = await client.get(
            KEY, params={"unit_id": await unit_id(client, headers, "yuhu")}, headers=headers
        )
        assert {r["owner_unit_name"] for r in sliced.json()["rows"]} <= {"雨湖区"}
