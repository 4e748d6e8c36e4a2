"""Rate limits as callers meet them: a partner client at the rate its admin set, a person at the
default, sign-ins per source address whatever the account — each answer with its `RateLimit`
headers, a refusal with 429 and `Retry-After`; and two API processes sharing one client's bucket
through Redis."""

import re
import uuid

import httpx
import pytest

from app.demo.units_users import DEMO_PASSWORD
from tests.conftest import bearer_for
from tests.helpers import TOKEN_URL, assert_problem, bearer
from tests.live_server import live_backends
from tests.projects.factories import create_project
from tests.webhooks.test_webhooks import partner

POLICY = re.compile(r'^"(\w+)";q=(\d+);w=(\d+)$')
STATE = re.compile(r'^"(\w+)";r=(\d+);t=(\d+)$')


async def _limit(client, admin, partner_client: dict, per_minute: int | None) -> None:
    path = f"/api/v1/api-clients/{partner_client['id']}"
    etag = (await client.get(path, headers=admin)).headers["etag"]
    changed = await client.patch(
        path, json={"rate_limit_per_minute": per_minute}, headers={**admin, "If-Match": etag}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["rate_limit_per_minute"] == per_minute


async def test_a_partner_gets_its_own_rate_then_429_with_retry_after(client, admin):
    limited, headers = await partner(client, admin, scopes=("projects:read",))
    _, other = await partner(client, admin, scopes=("projects:read",))
    await _limit(client, admin, limited, 3)

    remaining = []
    for _ in range(3):
        ok = await client.get("/api/v1/projects", params={"limit": 1}, headers=headers)
        assert ok.status_code == 200
        assert POLICY.match(ok.headers["RateLimit-Policy"]).groups() == ("partner", "3", "60")
        remaining.append(int(STATE.match(ok.headers["RateLimit"]).group(2)))
    assert remaining == [2, 1, 0]
    refused = await client.get("/api/v1/projects", params={"limit": 1}, headers=headers)
    problem = assert_problem(refused, 429, "rate_limited")
    assert "秒后再试" in problem["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert STATE.match(refused.headers["RateLimit"]).group(2) == "0"
    # Another client's bucket is its own.
    assert (await client.get("/api/v1/projects", headers=other)).status_code == 200
    # The client can read its limit.
    me = await client.get("/api/v1/api-clients/me", headers=other)
    assert me.json()["limits"]["requests_per_minute"] == 1_000_000

    # Given the default back, it starts again with a full bucket.
    await _limit(client, admin, limited, None)
    assert (await client.get("/api/v1/projects", headers=headers)).status_code == 200


async def test_the_change_feeds_reads_on_a_partners_behalf_take_no_tokens(live_app, live_settings):
    # On separately committed connections: the change feed reads only committed changes.
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        admin = await bearer_for(live_app, live_settings, "admin")
        yuhu = await bearer_for(live_app, live_settings, "yuhu")
        limited, headers = await partner(client, admin, scopes=("projects:read",))
        start = (await client.get("/api/v1/changes/latest", headers=headers)).json()["cursor"]
        for i in range(4):
            await create_project(client, yuhu, name=f"限流中的项目{i}")
        await _limit(client, admin, limited, 2)
        page = await client.get("/api/v1/changes", params={"since": start}, headers=headers)
    assert page.status_code == 200, page.text
    assert len(page.json()["items"]) == 4
    # The feed read four projects through the API for the partner: one token, not five.
    assert STATE.match(page.headers["RateLimit"]).group(2) == "1"


async def test_a_person_is_limited_at_the_default_rate(client, auth_for, settings, monkeypatch):
    monkeypatch.setattr(settings, "rate_limit_user_per_minute", 2)
    viewer = await auth_for("viewer")
    assert (await client.get("/api/v1/projects", headers=viewer)).status_code == 200
    assert (await client.get("/api/v1/projects", headers=viewer)).status_code == 200
    refused = await client.get("/api/v1/projects", headers=viewer)
    assert_problem(refused, 429, "rate_limited")
    assert refused.headers["RateLimit-Policy"] == '"user";q=2;w=60'
    # Someone else is not held back by the viewer's requests.
    assert (await client.get("/api/v1/projects", headers=await auth_for("yuhu"))).status_code == 200


async def test_sign_ins_are_limited_per_source_address_across_accounts(
    client, settings, monkeypatch
):
    monkeypatch.setattr(settings, "rate_limit_login_per_minute", 3)
    answers = []
    for username in ("yuhu", "nobody", "yuetang", "viewer"):
        response = await client.post(
            TOKEN_URL,
            data={"grant_type": "password", "username": username, "password": "Xiangtan@2026"},
        )
        answers.append(response.status_code)
    assert answers[:3] != [429, 429, 429] and 429 not in answers[:3]
    assert answers[3] == 429
    assert (
        int((await client.post(TOKEN_URL, data={"grant_type": "password"})).headers["Retry-After"])
        >= 1
    )


def _redis_db() -> str | None:
    """A Redis database for the test, or None where no Redis answers."""
    import redis

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def test_two_processes_share_a_clients_bucket_through_redis(tmp_path):
    url = _redis_db()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379 (our machines run one)")
    suffix = f"_redis{uuid.uuid4().hex[:6]}"
    with live_backends(tmp_path, suffix, {"REDIS_URL": url}) as servers:
        (first, _), (second, _) = servers
        admin = httpx.post(
            f"{first}{TOKEN_URL}",
            data={"grant_type": "password", "username": "admin", "password": DEMO_PASSWORD},
        )
        admin_headers = bearer(admin.json()["access_token"])
        units = httpx.get(f"{first}/api/v1/units", params={"q": "雨湖区"}, headers=admin_headers)
        created = httpx.post(
            f"{first}/api/v1/api-clients",
            json={
                "name": "雨湖区政务平台",
                "unit_id": units.json()["items"][0]["id"],
                "scopes": ["projects:read"],
            },
            headers=admin_headers,
        ).json()
        path = f"{first}/api/v1/api-clients/{created['id']}"
        limited = httpx.patch(
            path,
            json={"rate_limit_per_minute": 6},
            headers={**admin_headers, "If-Match": f'"{created["version"]}"'},
        )
        assert limited.status_code == 200, limited.text
        token = httpx.post(
            f"{second}{TOKEN_URL}",
            data={
                "grant_type": "client_credentials",
                "client_id": created["client_id"],
                "client_secret": created["client_secret"],
            },
        )
        headers = bearer(token.json()["access_token"])
        # Three from each process take the six tokens of one bucket …
        answers = [
            httpx.get(f"{server}/api/v1/projects", params={"limit": 1}, headers=headers)
            for _ in range(3)
            for server in (first, second)
        ]
        assert [a.status_code for a in answers] == [200] * 6
        assert STATE.match(answers[-1].headers["RateLimit"]).group(2) == "0"
        # … so both refuse the next one: a token comes back every 10 seconds.
        for server in (first, second):
            refused = httpx.get(f"{server}/api/v1/projects", headers=headers)
            assert refused.status_code == 429, refused.text
            assert int(refused.headers["Retry-After"]) >= 1
