"""Tickets through their lifecycle, as the people in DOMAIN.md use them."""

from datetime import date

import pytest
from sqlalchemy import select

from app.core.calendar import business_today
from app.holidays.service import load_calendar
from app.models import AuditEvent
from tests.helpers import assert_problem, unit_id
from tests.projects.factories import create_project
from tests.tickets.factories import URL, assigned_ticket, raise_ticket, step


async def test_raise_ticket_starts_submitted_and_notifies_coordinators(client, auth_for, session):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"])
    assert ticket["state"] == "submitted"
    assert ticket["code"].startswith(f"SX-{business_today().year}-")
    assert ticket["source"] == "service_request"
    assert ticket["requester_name"] == "李娜"
    assert ticket["lead_department"] is None and ticket["due_date"] is None
    assert "cancelled" in ticket["actions"] and "assigned" not in ticket["actions"]

    coordinator = await auth_for("coordinator")
    inbox = (await client.get("/api/v1/notifications", headers=coordinator)).json()["items"]
    assert inbox[0]["ticket_id"] == ticket["id"] and inbox[0]["kind"] == "submitted"
    assert inbox[0]["link"] == f"/tickets/{ticket['id']}"
    events = (
        await session.execute(select(AuditEvent).where(AuditEvent.object_id == ticket["id"]))
    ).scalars()
    assert [e.action for e in events] == ["ticket.create"]


async def test_raise_ticket_on_other_units_project_is_not_found(client, auth_for):
    project = await create_project(client, await auth_for("yuhu"))
    response = await client.post(
        URL,
        json={
            "project_id": project["id"],
            "category": "land",
            "title": "用地问题",
            "description": "说明",
        },
        headers=await auth_for("yuetang"),
    )
    assert_problem(response, 404, "not_found")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("category", "no-such-category", "invalid_dictionary_code"),
        ("title", "", "validation_error"),
        ("urgency", "very", "validation_error"),
        ("description", "a\x00b", "validation_error"),
    ],
)
async def test_raise_ticket_rejects_bad_input(client, auth_for, field, value, code):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    body = {
        "project_id": project["id"],
        "category": "land",
        "title": "用地问题",
        "description": "说明",
        field: value,
    }
    body_problem = assert_problem(await client.post(URL, json=body, headers=yuhu), 422, code)
    assert body_problem["errors"][0]["loc"][-1] == field


async def test_viewer_and_department_cannot_raise(client, auth_for):
    project = await create_project(client, await auth_for("yuhu"))
    body = {
        "project_id": project["id"],
        "category": "land",
        "title": "用地",
        "description": "x",
    }
    for who in ("viewer", "zrzy"):
        assert_problem(await client.post(URL, json=body, headers=await auth_for(who)), 403)


async def test_assign_computes_working_day_due_date_and_issues_letter(client, auth_for, session):
    ticket = await assigned_ticket(client, auth_for, co=("fgw",))
    calendar = await load_calendar(session)
    today = business_today()
    assert ticket["state"] == "assigned"
    assert ticket["lead_department"]["name"] == "市自然资源和规划局"
    assert [u["name"] for u in ticket["co_departments"]] == ["市发展和改革委员会"]
    assert date.fromisoformat(ticket["due_date"]) == calendar.add_working_days(today, 5)

    coordinator = await auth_for("coordinator")
    letters = (await client.get(f"{URL}/{ticket['id']}/letters", headers=coordinator)).json()
    assert len(letters) == 1
    letter = letters[0]
    assert letter["kind"] == "assignment"
    assert letter["number"].startswith(f"湘招交〔{today.year}〕") and letter["number"].endswith(
        "号"
    )
    assert letter["recipient_unit"]["name"] == "市自然资源和规划局"
    assert letter["deadline"] == ticket["due_date"]

    zrzy = await auth_for("zrzy")
    inbox = (await client.get("/api/v1/notifications", headers=zrzy)).json()["items"]
    assert any(n["ticket_id"] == ticket["id"] and n["kind"] == "assigned" for n in inbox)
    fgw = await auth_for("fgw")
    count = (await client.get("/api/v1/notifications/unread-count", headers=fgw)).json()
    assert count["unread"] >= 1


async def test_assign_needs_a_department(client, auth_for):
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"])
    problem = assert_problem(await step(client, coordinator, ticket, "assigned"), 422, "missing")
    assert problem["errors"][0]["loc"] == ["body", "lead_department_id"]
    district = await unit_id(client, coordinator, "yuetang")
    response = await step(client, coordinator, ticket, "assigned", lead_department_id=district)
    assert_problem(response, 422, "invalid_department")


async def test_full_lifecycle_with_return_and_rating(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy, yuhu = await auth_for("zrzy"), await auth_for("yuhu")

    assert (await step(client, zrzy, ticket, "accepted")).json()["state"] == "accepted"
    assert (await step(client, zrzy, ticket, "in_progress")).status_code == 201
    no_result = await step(client, zrzy, ticket, "resolved")
    assert_problem(no_result, 422, "missing")
    resolved = await step(client, zrzy, ticket, "resolved", note="已完成用地预审，指标已下达")
    assert resolved.json()["resolution"] == "已完成用地预审，指标已下达"
    assert set(resolved.json()["actions"]) & {"closed", "in_progress"} == set()

    detail = (await client.get(f"{URL}/{ticket['id']}", headers=yuhu)).json()
    assert {"closed", "in_progress"} <= set(detail["actions"])
    returned = await step(client, yuhu, ticket, "in_progress", note="指标文件尚未送达企业")
    assert returned.json()["state"] == "in_progress" and returned.json()["return_count"] == 1

    await step(client, zrzy, ticket, "resolved", note="指标文件已送达企业")
    assert_problem(await step(client, yuhu, ticket, "closed"), 422, "missing")
    closed = await step(
        client, yuhu, ticket, "closed", satisfaction=4, satisfaction_comment="办理及时"
    )
    body = closed.json()
    assert body["state"] == "closed" and body["satisfaction"] == 4 and body["closed_at"]

    timeline = (await client.get(f"{URL}/{ticket['id']}/timeline", headers=yuhu)).json()
    steps = [(e["from_state"], e["to_state"]) for e in timeline if e["kind"] == "transition"]
    assert steps == [
        (None, "submitted"),
        ("submitted", "assigned"),
        ("assigned", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "in_progress"),
        ("in_progress", "resolved"),
        ("resolved", "closed"),
    ]
    assert timeline[5]["note"] == "指标文件尚未送达企业" and timeline[5]["actor_name"] == "李娜"
    assert timeline[2]["actor_unit_name"] == "市自然资源和规划局"


async def test_illegal_transition_lists_allowed_states(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    problem = assert_problem(await step(client, zrzy, ticket, "closed"), 409, "illegal_transition")
    assert problem["allowed"] == ["accepted"]
    assert problem["current_state"] == "assigned"


async def test_stale_expected_state_is_a_conflict(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    response = await client.post(
        f"{URL}/{ticket['id']}/transitions",
        json={"expected_state": "submitted", "to_state": "assigned"},
        headers=zrzy,
    )
    problem = assert_problem(response, 409, "state_changed")
    assert problem["current_state"] == "assigned"


async def test_co_handler_cannot_take_the_lead_departments_step(client, auth_for):
    ticket = await assigned_ticket(client, auth_for, co=("fgw",))
    fgw = await auth_for("fgw")
    assert (await client.get(f"{URL}/{ticket['id']}", headers=fgw)).status_code == 200
    assert_problem(await step(client, fgw, ticket, "accepted"), 403, "not_your_step")


async def test_cancel_needs_a_reason_and_is_final(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"])
    assert_problem(await step(client, yuhu, ticket, "cancelled"), 422, "missing")
    cancelled = await step(client, yuhu, ticket, "cancelled", note="企业已自行解决")
    assert cancelled.json()["state"] == "cancelled" and cancelled.json()["actions"] == []
    coordinator = await auth_for("coordinator")
    problem = assert_problem(
        await step(client, coordinator, ticket, "submitted"), 409, "illegal_transition"
    )
    assert problem["allowed"] == []


async def test_scope_other_units_and_departments_get_404(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    for who in ("yuetang", "fgw", "leader"):
        headers = await auth_for(who)
        for path in ("", "/timeline", "/letters", "/attachments", "/escalations"):
            response = await client.get(f"{URL}/{ticket['id']}{path}", headers=headers)
            assert_problem(response, 404, "not_found")
        listed = (await client.get(URL, params={"limit": 200}, headers=headers)).json()["items"]
        assert ticket["id"] not in [t["id"] for t in listed]
    for who in ("yuhu", "zrzy", "coordinator", "supervisor"):
        response = await client.get(f"{URL}/{ticket['id']}", headers=await auth_for(who))
        assert response.status_code == 200, who
    assert_problem(await client.get(URL, headers=await auth_for("viewer")), 403)
    assert_problem(await client.get(URL), 401)


async def test_department_sees_a_project_only_through_its_tickets(client, auth_for):
    fgw = await auth_for("fgw")
    ticket = await assigned_ticket(client, auth_for)
    project_url = f"/api/v1/projects/{ticket['project_id']}"
    assert_problem(await client.get(project_url, headers=fgw), 404)
    zrzy = await auth_for("zrzy")
    project = await client.get(project_url, headers=zrzy)
    assert project.status_code == 200 and project.json()["name"] == ticket["project_name"]
    listed = (await client.get("/api/v1/projects", params={"limit": 200}, headers=zrzy)).json()
    assert ticket["project_id"] in [p["id"] for p in listed["items"]]
    assert_problem(
        await client.patch(project_url, json={"name": "改名"}, headers=zrzy | {"If-Match": '"1"'}),
        403,
    )


async def test_leader_sees_and_instructs_tickets_of_the_project_they_lead(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    coordinator, leader = await auth_for("coordinator"), await auth_for("leader3")
    leader3 = (await client.get("/api/v1/auth/me", headers=leader)).json()
    # leader3 leads a demo project; end that so they can take this one.
    mine = (await client.get("/api/v1/assignments/mine", headers=leader)).json()
    if mine.get("assignment"):
        await client.post(
            f"/api/v1/assignments/{mine['assignment']['id']}/end",
            json={"reason": "调整联系项目"},
            headers=coordinator,
        )
    assert_problem(await client.get(f"{URL}/{ticket['id']}", headers=leader), 404)
    assigned = await client.post(
        f"/api/v1/projects/{ticket['project_id']}/assignments",
        json={"leader_id": leader3["id"]},
        headers=coordinator,
    )
    assert assigned.status_code == 201, assigned.text
    detail = (await client.get(f"{URL}/{ticket['id']}", headers=leader)).json()
    assert "instruct" in detail["actions"]
    response = await client.post(
        f"{URL}/{ticket['id']}/instructions",
        json={"text": "请市自然资源和规划局本周内解决"},
        headers=leader,
    )
    assert response.status_code == 201, response.text
    assert response.json()["kind"] == "instruction"
    inbox = (await client.get("/api/v1/notifications", headers=await auth_for("zrzy"))).json()
    assert inbox["items"][0]["kind"] == "instructed"
    assert_problem(
        await client.post(
            f"{URL}/{ticket['id']}/instructions",
            json={"text": "批示"},
            headers=coordinator,
        ),
        403,
    )


async def test_nudge_is_recorded_and_notifies_handlers(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    supervisor = await auth_for("supervisor")
    response = await client.post(
        f"{URL}/{ticket['id']}/nudges",
        json={"text": "请加快办理进度"},
        headers=supervisor,
    )
    assert response.status_code == 201, response.text
    detail = (await client.get(f"{URL}/{ticket['id']}", headers=supervisor)).json()
    assert detail["last_nudged_at"] is not None
    zrzy = await auth_for("zrzy")
    inbox = (
        await client.get("/api/v1/notifications", params={"unread": True}, headers=zrzy)
    ).json()
    nudge = next(n for n in inbox["items"] if n["kind"] == "nudged")
    assert "请加快办理进度" in nudge["body"]
    assert_problem(
        await client.post(f"{URL}/{ticket['id']}/nudges", json={"text": "催"}, headers=zrzy),
        403,
    )


async def test_comments_go_on_the_timeline(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    zrzy = await auth_for("zrzy")
    response = await client.post(
        f"{URL}/{ticket['id']}/comments",
        json={"text": "请企业补充勘测定界图"},
        headers=zrzy,
    )
    assert response.status_code == 201
    timeline = (await client.get(f"{URL}/{ticket['id']}/timeline", headers=zrzy)).json()
    assert timeline[-1]["kind"] == "comment" and timeline[-1]["note"] == "请企业补充勘测定界图"
    assert_problem(
        await client.post(f"{URL}/{ticket['id']}/comments", json={"text": ""}, headers=zrzy),
        422,
    )
