"""Small builders for project tests."""

from typing import Any

import httpx

from app.core.credit_code import check_character

URL = "/api/v1/projects"


def credit_code(n: int) -> str:
    first17 = f"91430300MA4T{n:05d}"
    return first17 + check_character(first17)


def project_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "智能装备测试项目",
        "investor_name": "湖南测试装备有限公司",
        "industry_chain": "equipment",
        "source_channel": "door-knocking",
        "planned_investment": "12000.50",
        # What a lead states before it is submitted for evaluation (app/projects/lead.py).
        "investor_contacts": [{"name": "王经理", "title": "投资总监", "phone": "0731-58880001"}],
        "land_area": "120.00",
        "expected_tax": "600.00",
    }
    body.update(overrides)
    return body


async def create_project(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await client.post(URL, json=project_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def move(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    project: dict[str, Any],
    to: str,
    **extra: Any,
) -> httpx.Response:
    current = (await client.get(f"{URL}/{project['id']}", headers=headers)).json()["stage"]
    return await client.post(
        f"{URL}/{project['id']}/transitions",
        json={"to_stage": to, "expected_stage": current, **extra},
        headers=headers,
    )


async def recommend(
    client: httpx.AsyncClient, headers: dict[str, str], project: dict[str, Any]
) -> None:
    response = await client.post(
        f"{URL}/{project['id']}/evaluations",
        json={
            "items": [{"key": "fit", "label": "产业契合度", "score": 25, "max_score": 30}],
            "conclusion": "recommend",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
