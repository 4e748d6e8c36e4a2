"""A leader's home (GET /assignments/mine): the project he leads with its next gate, its open
tickets and decisions, the latest events on it, and a 批示 that shows up there at once."""

from typing import Any

from tests.assignments.factories import lead_new_project
from tests.meetings.factories import add_decision, create_meeting
from tests.meetings.factories import move as move_meeting
from tests.projects.factories import move as move_project
from tests.tickets.factories import raise_ticket, step
from tests.tickets.test_statement_count import recorded

MINE = "/api/v1/assignments/mine"


async def _assigned_ticket(client, auth_for, project_id: str, title: str) -> dict[str, Any]:
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    ticket = await raise_ticket(client, yuhu, project_id, title=title)
    zrzy = (await client.get("/api/v1/units", params={"q": "zrzy"}, headers=coordinator)).json()
    response = await step(
        client, coordinator, ticket, "assigned", lead_department_id=zrzy["items"][0]["id"]
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_leader_home_lists_open_items_and_the_latest_events(client, auth_for):
    project, leader = await lead_new_project(client, auth_for)
    coordinator = await auth_for("coordinator")
    open_ticket = await _assigned_ticket(client, auth_for, project["id"], "二期用地指标协调")
    cancelled = await _assigned_ticket(client, auth_for, project["id"], "临时用电接入协调")
    assert (
        await step(client, coordinator, cancelled, "cancelled", note="企业已自行解决")
    ).status_code == 201
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(client, coordinator, meeting, project_ids=(project["id"],))
    assert (await move_meeting(client, coordinator, meeting, "held")).status_code == 201

    instructed = await client.post(
        f"/api/v1/tickets/{open_ticket['id']}/instructions",
        json={"text": "请市自然资源和规划局本周内拿出用地方案。"},
        headers=leader,
    )
    assert instructed.status_code == 201, instructed.text

    home = (await client.get(MINE, headers=leader)).json()
    assert home["project"]["id"] == project["id"]
    assert home["project"]["days_in_stage"] == 0
    # 信息收集 → 项目评估 has no gate: nothing missing yet.
    assert home["next_gate"] == {
        "stage": "evaluation",
        "kind": "forward",
        "reason_required": False,
        "missing": [],
    }
    assert [t["id"] for t in home["open_tickets"]] == [open_ticket["id"]]
    assert home["open_tickets_total"] == 1
    ticket = home["open_tickets"][0]
    assert ticket["state"] == "assigned"
    assert ticket["lead_department"]["name"] == "市自然资源和规划局"
    assert ticket["due_date"] and ticket["is_overdue"] is False
    assert "instruct" in ticket["actions"]
    assert [d["id"] for d in home["open_decisions"]] == [decision["id"]]
    assert home["open_decisions_total"] == 1
    assert home["open_decisions"][0]["state"] == "open"

    events = home["recent_events"]
    times = [e["occurred_at"] for e in events]
    assert times == sorted(times, reverse=True)
    latest = events[0]
    assert latest["kind"] == "ticket"
    assert "领导批示" in latest["title"] and open_ticket["code"] in latest["title"]
    assert latest["detail"] == "请市自然资源和规划局本周内拿出用地方案。"
    assert latest["actor_name"] == "周文斌"
    assert latest["link"] == f"/tickets/{open_ticket['id']}"
    kinds = {e["kind"] for e in events}
    assert {"stage", "ticket"} <= kinds
    assert any(e["title"] == "新建项目（信息收集）" for e in events)
    assert any("已撤销" in e["title"] and cancelled["code"] in e["title"] for e in events)


async def test_next_gate_says_what_it_still_needs(client, auth_for):
    project, leader = await lead_new_project(client, auth_for)
    coordinator = await auth_for("coordinator")
    assert (await move_project(client, coordinator, project, "evaluation")).status_code == 201
    home = (await client.get(MINE, headers=leader)).json()
    assert home["next_gate"]["stage"] == "contact"
    assert home["next_gate"]["missing"] == ["需要一份结论为“建议推进”的项目评估"]
    assert home["recent_events"][0]["title"] == "阶段：信息收集 → 项目评估"

    assert (
        await move_project(client, coordinator, project, "shelved", reason="企业暂缓投资计划")
    ).status_code == 201
    home = (await client.get(MINE, headers=leader)).json()
    # A shelved project's way on is back to the stage it left.
    assert home["next_gate"]["stage"] == "evaluation"
    assert home["next_gate"]["kind"] == "resume"
    assert home["recent_events"][0]["detail"] == "企业暂缓投资计划"


async def test_leader_home_costs_the_same_queries_for_more_items(app, client, auth_for):
    project, leader = await lead_new_project(client, auth_for)
    coordinator = await auth_for("coordinator")
    await _assigned_ticket(client, auth_for, project["id"], "二期用地指标协调")
    meeting = await create_meeting(client, coordinator)
    await add_decision(client, coordinator, meeting, project_ids=(project["id"],))
    with recorded(app) as few:
        assert (await client.get(MINE, headers=leader)).status_code == 200

    for n in range(3):
        await _assigned_ticket(client, auth_for, project["id"], f"第{n + 1}批用电接入协调")
        await add_decision(client, coordinator, meeting, project_ids=(project["id"],))
    with recorded(app) as many:
        home = (await client.get(MINE, headers=leader)).json()
    assert home["open_tickets_total"] == 4 and home["open_decisions_total"] == 4
    assert len(many) == len(few), "\n".join(many)


async def test_someone_who_leads_nothing_gets_an_empty_home(client, auth_for):
    home = (await client.get(MINE, headers=await auth_for("coordinator"))).json()
    assert home["project"] is None and home["next_gate"] is None
    assert home["open_tickets"] == [] and home["recent_events"] == []
    assert (await client.get(MINE)).status_code == 401
