"""Small builders for meeting, decision and review tests."""

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import User
from tests.helpers import unit_id

MEETINGS = "/api/v1/meetings"
DECISIONS = "/api/v1/decisions"


async def user_id(client: httpx.AsyncClient, headers: dict[str, str], username: str) -> str:
    response = await client.get("/api/v1/users", params={"q": username}, headers=headers)
    return next(u["id"] for u in response.json()["items"] if u["username"] == username)


async def create_meeting(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    *,
    kind: str = "joint",
    units: tuple[str, ...] = ("yuhu", "zrzy", "fgw"),
    chair: str = "leader",
    days_ago: int = 1,
    **overrides: Any,
) -> dict[str, Any]:
    body = {
        "title": "2026年第四季度招商引资联席调度会",
        "kind": kind,
        "starts_at": (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(),
        "place": "市政府三楼常务会议室",
        "chair_id": await user_id(client, headers, chair),
        "unit_ids": [await unit_id(client, headers, u) for u in units],
        "agenda": "一、各县市区汇报重大项目推进情况\n二、研究用地保障问题",
        **overrides,
    }
    response = await client.post(MEETINGS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def move(
    client: httpx.AsyncClient, headers: dict[str, str], meeting: dict[str, Any], to: str
) -> httpx.Response:
    current = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=headers)).json()["state"]
    return await client.post(
        f"{MEETINGS}/{meeting['id']}/transitions",
        json={"expected_state": current, "to_state": to},
        headers=headers,
    )


async def add_decision(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    meeting: dict[str, Any],
    *,
    responsible: str = "zrzy",
    co: tuple[str, ...] = (),
    project_ids: tuple[str, ...] = (),
    **overrides: Any,
) -> dict[str, Any]:
    body = {
        "text": "市自然资源和规划局牵头，年底前完成二期用地报批。",
        "responsible_unit_id": await unit_id(client, headers, responsible),
        "co_unit_ids": [await unit_id(client, headers, c) for c in co],
        "project_ids": list(project_ids),
        "due_date": (datetime.now(UTC).date() + timedelta(days=30)).isoformat(),
        **overrides,
    }
    response = await client.post(
        f"{MEETINGS}/{meeting['id']}/decisions", json=body, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def officers(session: AsyncSession, *of_users: str) -> list[str]:
    """Usernames of the active officers of the units these demo users belong to."""
    units = select(User.unit_id).where(col(User.username).in_(of_users))
    stmt = select(User.username).where(
        col(User.unit_id).in_(units),
        col(User.is_active),
        col(User.role).in_(["department_officer", "unit_officer"]),
    )
    return sorted((await session.execute(stmt)).scalars())
