import asyncio
import uuid

import httpx
from sqlalchemy import select, update

from app.core.security import create_token
from app.models import LeaderAssignment, Project, User
from tests.helpers import assert_problem
from tests.projects.factories import URL, create_project


async def _leader(client, headers, username):
    users = (await client.get("/api/v1/users", params={"role": "leader"}, headers=headers)).json()[
        "items"
    ]
    return next(u for u in users if u["username"] == username)


async def test_assign_end_and_history(client, auth_for):
    coordinator = await auth_for("coordinator")
    project = await create_project(client, await auth_for("yuhu"))
    leader = await _leader(client, coordinator, "leader3")
    # leader3 leads a demo project already: end that first.
    current = (
        await client.get(
            "/api/v1/assignments",
            params={"leader_id": leader["id"], "active": True},
            headers=coordinator,
        )
    ).json()
    assert len(current) == 1
    refused = await client.post(
        f"{URL}/{project['id']}/assignments", json={"leader_id": leader["id"]}, headers=coordinator
    )
    body = assert_problem(refused, 409, "leader_already_assigned")
    assert "周文斌" in body["detail"] and "一名市领导只牵头一个项目" in body["detail"]

    ended = await client.post(
        f"/api/v1/assignments/{current[0]['id']}/end",
        json={"reason": "项目已转入常态化服务"},
        headers=coordinator,
    )
    assert ended.status_code == 200 and ended.json()["is_active"] is False
    assert_problem(
        await client.post(
            f"/api/v1/assignments/{current[0]['id']}/end",
            json={"reason": "再次结束"},
            headers=coordinator,
        ),
        409,
    )

    created = await client.post(
        f"{URL}/{project['id']}/assignments",
        json={"leader_id": leader["id"], "note": "重点推进"},
        headers=coordinator,
    )
    assert created.status_code == 201 and created.json()["leader_name"] == "周文斌"
    assert (await client.get(f"{URL}/{project['id']}", headers=coordinator)).json()["lead_leader"][
        "full_name"
    ] == "周文斌"

    other = await _leader(client, coordinator, "leader2")
    second = await client.post(
        f"{URL}/{project['id']}/assignments", json={"leader_id": other["id"]}, headers=coordinator
    )
    assert_problem(second, 409, "project_already_led")

    history = (
        await client.get(
            "/api/v1/assignments", params={"leader_id": leader["id"]}, headers=coordinator
        )
    ).json()
    assert [a["is_active"] for a in history] == [True, False]
    assert history[1]["end_reason"] == "项目已转入常态化服务"


async def test_assign_requires_a_leader_and_permission(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    project = await create_project(client, yuhu)
    me = (await client.get("/api/v1/auth/me", headers=yuhu)).json()
    assert_problem(
        await client.post(
            f"{URL}/{project['id']}/assignments", json={"leader_id": me["id"]}, headers=coordinator
        ),
        422,
        "invalid_leader",
    )
    leader = await _leader(client, coordinator, "leader2")
    assert_problem(
        await client.post(
            f"{URL}/{project['id']}/assignments", json={"leader_id": leader["id"]}, headers=yuhu
        ),
        403,
    )


async def test_leader_sees_own_project_view(client, auth_for):
    overview = (
        await client.get("/api/v1/assignments/mine", headers=await auth_for("leader"))
    ).json()
    assert overview["project"]["name"] == "塔奥（地通）智能装备产业园"
    assert overview["assignment"]["leader_name"] == "王建国"
    assert [h["to_stage"] for h in overview["stage_history"]][-1] == "started"
    empty = (
        await client.get("/api/v1/assignments/mine", headers=await auth_for("coordinator"))
    ).json()
    assert empty["project"] is None


async def test_service_team_for_key_projects(client, auth_for):
    coordinator = await auth_for("coordinator")
    project = await create_project(client, await auth_for("yuhu"))
    zrzy = (await client.get("/api/v1/units", params={"q": "zrzy"}, headers=coordinator)).json()[
        "items"
    ][0]
    refused = await client.post(
        f"{URL}/{project['id']}/service-team/members",
        json={"unit_id": zrzy["id"]},
        headers=coordinator,
    )
    assert_problem(refused, 409, "not_key_project")
    await client.put(f"{URL}/{project['id']}/key", json={"is_key": True}, headers=coordinator)
    team = (
        await client.post(
            f"{URL}/{project['id']}/service-team/members",
            json={"unit_id": zrzy["id"]},
            headers=coordinator,
        )
    ).json()
    officer = (await client.get("/api/v1/users", params={"q": "yuhu"}, headers=coordinator)).json()[
        "items"
    ][0]
    team = (
        await client.post(
            f"{URL}/{project['id']}/service-team/members",
            json={"user_id": officer["id"]},
            headers=coordinator,
        )
    ).json()
    assert [s["name"] for s in team["sections"]] == ["市自然资源和规划局"]
    assert [o["name"] for o in team["officers"]] == ["李娜"]
    assert_problem(
        await client.post(
            f"{URL}/{project['id']}/service-team/members",
            json={"user_id": officer["id"]},
            headers=coordinator,
        ),
        409,
        "already_member",
    )
    assert_problem(
        await client.post(
            f"{URL}/{project['id']}/service-team/members", json={}, headers=coordinator
        ),
        422,
    )
    removed = await client.delete(
        f"{URL}/{project['id']}/service-team/members/{team['officers'][0]['id']}",
        headers=coordinator,
    )
    assert removed.status_code == 204
    team = (await client.get(f"{URL}/{project['id']}/service-team", headers=coordinator)).json()
    assert team["officers"] == [] and len(team["history"]) == 2 and team["history"][1]["removed_at"]


async def test_fifty_concurrent_assignments_one_wins(live_app, settings):
    """Real concurrency on real connections: the database decides, exactly one request wins."""
    app = live_app
    async with app.state.sessionmaker() as s:
        coordinator = (
            await s.execute(select(User).where(User.username == "coordinator"))
        ).scalar_one()
        leader = (await s.execute(select(User).where(User.username == "leader2"))).scalar_one()
        project = Project(
            code=f"XT-1999-{uuid.uuid4().hex[:4]}",
            name="并发测试项目",
            investor_name="并发测试有限公司",
            investor_name_key=uuid.uuid4().hex,
            industry_chain="equipment",
            source_channel="fund",
            owner_unit_id=coordinator.unit_id,
            planned_investment=1,
        )
        s.add(project)
        # leader2 leads a demo project: free them for this test.
        await s.execute(
            update(LeaderAssignment)
            .where(LeaderAssignment.leader_id == leader.id, LeaderAssignment.ended_at.is_(None))
            .values(ended_at=LeaderAssignment.started_at)
        )
        await s.commit()
    token, _ = create_token(
        settings,
        subject=str(coordinator.id),
        token_type="access",
        version=coordinator.token_version,
    )
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=120
    ) as c:
        responses = await asyncio.gather(
            *[
                c.post(
                    f"{URL}/{project.id}/assignments",
                    json={"leader_id": str(leader.id)},
                    headers=headers,
                )
                for _ in range(50)
            ]
        )
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and codes.count(409) == 49, codes
    assert {r.json()["code"] for r in responses if r.status_code == 409} <= {
        "project_already_led",
        "leader_already_assigned",
    }
