"""Small helpers the API tests share."""

from typing import Any

import httpx

from app.demo.units_users import DEMO_PASSWORD

TOKEN_URL = "/api/v1/auth/token"


async def login(
    client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD
) -> httpx.Response:
    return await client.post(
        TOKEN_URL, data={"grant_type": "password", "username": username, "password": password}
    )


async def tokens(
    client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD
) -> dict[str, Any]:
    response = await login(client, username, password)
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(
    response: httpx.Response, status: int, code: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["detail"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    if code is not None:
        assert body["code"] == code, body
    return body


async def unit_id(client: httpx.AsyncClient, headers: dict[str, str], code: str) -> str:
    response = await client.get("/api/v1/units", params={"q": code, "limit": 200}, headers=headers)
    return next(u["id"] for u in response.json()["items"] if u["code"] == code)
