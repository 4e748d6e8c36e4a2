"""Builders for leader-assignment tests."""

from typing import Any

import httpx

from tests.projects.factories import URL, create_project


async def lead_new_project(
    client: httpx.AsyncClient, auth_for: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    """A new 雨湖区 project led by leader3 (whose demo project is handed back first)."""
    coordinator = await auth_for("coordinator")
    project = await create_project(client, await auth_for("yuhu"), name="智能装备领导首页项目")
    users = (await client.get("/api/v1/users", params={"q": "leader3"}, headers=coordinator)).json()
    leader_id = next(u["id"] for u in users["items"] if u["username"] == "leader3")
    current = (
        await client.get(
            "/api/v1/assignments",
            params={"leader_id": leader_id, "active": True},
            headers=coordinator,
        )
    ).json()
    for a in current:
        ended = await client.post(
            f"/api/v1/assignments/{a['id']}/end", json={"reason": "工作调整"}, headers=coordinator
        )
        assert ended.status_code == 200, ended.text
    assigned = await client.post(
        f"{URL}/{project['id']}/assignments", json={"leader_id": leader_id}, headers=coordinator
    )
    assert assigned.status_code == 201, assigned.text
    return project, await auth_for("leader3")
