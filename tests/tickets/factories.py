"""Small builders for ticket tests."""

from typing import Any

import httpx

from tests.helpers import unit_id
from tests.projects.factories import create_project

URL = "/api/v1/tickets"


async def raise_ticket(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    project_id: str,
    **overrides: Any,
) -> dict[str, Any]:
    body = {
        "project_id": project_id,
        "category": "land",
        "title": "二期用地指标协调",
        "description": "二期用地 80 亩需要新增建设用地指标。",
        "urgency": "urgent",
        **overrides,
    }
    response = await client.post(URL, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def step(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    ticket: dict[str, Any],
    to: str,
    **extra: Any,
) -> httpx.Response:
    current = (await client.get(f"{URL}/{ticket['id']}", headers=headers)).json()["state"]
    return await client.post(
        f"{URL}/{ticket['id']}/transitions",
        json={"expected_state": current, "to_state": to, **extra},
        headers=headers,
    )


async def assigned_ticket(
    client: httpx.AsyncClient,
    auth_for: Any,
    *,
    department: str = "zrzy",
    co: tuple[str, ...] = (),
    **overrides: Any,
) -> dict[str, Any]:
    """A project of 雨湖区 with a ticket raised by its officer and assigned by the coordinator."""
    yuhu = await auth_for("yuhu")
    coordinator = await auth_for("coordinator")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"], **overrides)
    lead = await unit_id(client, coordinator, department)
    co_ids = [await unit_id(client, coordinator, c) for c in co]
    response = await step(
        client,
        coordinator,
        ticket,
        "assigned",
        lead_department_id=lead,
        co_department_ids=co_ids,
    )
    assert response.status_code == 201, response.text
    return response.json()
