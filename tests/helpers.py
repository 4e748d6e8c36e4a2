"""Small helpers the API tests share."""

import os
import subprocess
import sys
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.permissions import PARTNER_SCOPES
from app.core.security import create_token
from app.demo.units_users import DEMO_PASSWORD
from app.models import ApiClient, Unit

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


async def partner_via_api(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    unit_code: str,
    scopes: tuple[str, ...] = ("projects:read", "projects:write"),
) -> dict[str, str]:
    """A partner system registered by the admin and signed in with client credentials, as a
    partner's developer does it."""
    created = await client.post(
        "/api/v1/api-clients",
        json={
            "name": "雨湖区政务平台",
            "unit_id": await unit_id(client, admin, unit_code),
            "scopes": list(scopes),
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    response = await client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": body["client_secret"],
        },
    )
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def partner_minted(
    session: AsyncSession, settings: Settings, unit_code: str
) -> dict[str, str]:
    """A partner system with every scope partners may hold, its token minted directly (the
    token endpoint itself is tested in tests/auth)."""
    unit = (await session.execute(select(Unit).where(Unit.code == unit_code))).scalar_one()
    partner = ApiClient(
        client_id=f"xt_{uuid.uuid4().hex[:12]}",
        name="合作系统",
        unit_id=unit.id,
        secret_hash="x",
        scopes=sorted(PARTNER_SCOPES),
    )
    session.add(partner)
    await session.flush()
    token, _ = create_token(
        settings,
        subject=str(partner.id),
        token_type="partner",
        version=partner.version,
        scopes=sorted(PARTNER_SCOPES),
    )
    return bearer(token)


async def assert_frozen(session: AsyncSession, statement: str) -> None:
    """The database itself refuses `statement` (a freeze trigger, app/core/frozen_rows.py);
    the session carries on after it."""
    savepoint = await session.begin_nested()
    with pytest.raises(DBAPIError, match="frozen"):
        await session.execute(text(statement))
    await savepoint.rollback()


def run_cli(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli …` as an operator runs it, in a process of its own with `env` added
    (DATABASE_URL, ATTACHMENTS_DIR …); the caller checks the exit code and the output."""
    from tests.conftest import BACKEND

    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=BACKEND,
        env={**os.environ, "APP_ENV": "test", **env},
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
