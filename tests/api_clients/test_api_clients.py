import base64

from sqlalchemy import select

from app.models import ApiClient
from tests.helpers import TOKEN_URL, assert_problem, bearer, unit_id

URL = "/api/v1/api-clients"


async def _create(client, admin, scopes=("units:read", "projects:read")):
    unit = await unit_id(client, admin, "xtgx")
    response = await client.post(
        URL,
        json={"name": "高新区项目平台", "unit_id": unit, "scopes": list(scopes)},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _token(client, created, **extra):
    return await client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
            **extra,
        },
    )


async def test_create_client_shows_secret_once_and_stores_hash(client, admin, session):
    created = await _create(client, admin)
    assert created["client_id"].startswith("xt_") and len(created["client_secret"]) >= 40
    row = (
        await session.execute(select(ApiClient).where(ApiClient.client_id == created["client_id"]))
    ).scalar_one()
    assert created["client_secret"] not in row.secret_hash
    listed = (await client.get(URL, headers=admin)).json()["items"]
    assert created["client_id"] in {c["client_id"] for c in listed}
    assert all("client_secret" not in c for c in listed)


async def test_client_token_carries_only_its_scopes(client, admin):
    created = await _create(client, admin, scopes=("units:read",))
    response = await _token(client, created)
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == "units:read" and body.get("refresh_token") is None
    headers = bearer(body["access_token"])
    assert (await client.get("/api/v1/units", headers=headers)).status_code == 200
    # Not granted, and admin routes never reachable by partner systems.
    assert_problem(await client.get("/api/v1/users", headers=headers), 403, "people_only")
    assert_problem(await client.get("/api/v1/audit-events", headers=headers), 403, "people_only")


async def test_client_token_with_basic_auth_and_narrowed_scope(client, admin):
    created = await _create(client, admin)
    basic = base64.b64encode(f"{created['client_id']}:{created['client_secret']}".encode()).decode()
    response = await client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "scope": "units:read"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200 and response.json()["scope"] == "units:read"


async def test_client_token_refuses_ungranted_scope(client, admin):
    created = await _create(client, admin, scopes=("units:read",))
    assert_problem(await _token(client, created, scope="projects:write"), 400, "invalid_scope")


async def test_client_wrong_secret_is_401(client, admin):
    created = await _create(client, admin)
    created["client_secret"] = "wrong"
    assert_problem(await _token(client, created), 401, "invalid_client")
    assert_problem(
        await client.post(TOKEN_URL, data={"grant_type": "client_credentials"}),
        401,
        "invalid_client",
    )


async def test_revoke_client_kills_tokens_and_new_grants(client, admin):
    created = await _create(client, admin)
    token = (await _token(client, created)).json()["access_token"]
    response = await client.post(f"{URL}/{created['id']}/revoke", headers=admin)
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert response.json()["revoked_at"]
    assert_problem(await client.get("/api/v1/units", headers=bearer(token)), 401)
    assert_problem(await _token(client, created), 401, "invalid_client")


async def test_create_client_validation_and_scope(client, admin, auth_for):
    unit = await unit_id(client, admin, "xtgx")
    body = assert_problem(
        await client.post(
            URL,
            json={"name": "x平台", "unit_id": unit, "scopes": ["users:write"]},
            headers=admin,
        ),
        422,
    )
    assert body["errors"][0]["loc"] == ["body", "scopes"]
    assert "users:write" in body["errors"][0]["msg"]
    assert_problem(
        await client.post(
            URL, json={"name": "x平台", "unit_id": unit, "scopes": []}, headers=admin
        ),
        422,
    )
    assert_problem(
        await client.post(
            URL,
            json={
                "name": "x平台",
                "unit_id": "00000000-0000-0000-0000-000000000000",
                "scopes": ["units:read"],
            },
            headers=admin,
        ),
        422,
        "invalid_unit",
    )
    assert_problem(await client.get(URL, headers=await auth_for("coordinator")), 403)
    assert_problem(
        await client.post(f"{URL}/00000000-0000-0000-0000-000000000000/revoke", headers=admin),
        404,
    )


async def test_partner_reads_its_own_client(client, admin):
    created = await _create(client, admin, scopes=("units:read", "projects:read"))
    token = (await _token(client, created, scope="units:read")).json()["access_token"]
    response = await client.get(f"{URL}/me", headers=bearer(token))
    assert response.status_code == 200, response.text
    me = response.json()
    assert me["id"] == created["id"] and me["client_id"] == created["client_id"]
    assert me["name"] == "高新区项目平台" and me["is_active"] is True
    assert me["unit"]["code"] == "xtgx" and me["unit"]["kind"] == "park"
    assert me["scopes"] == ["projects:read", "units:read"]
    assert me["token_scopes"] == ["units:read"]
    assert me["limits"]["page_size_max"] == 200
    assert me["limits"]["idempotency_key_required"] is True
    assert 1 <= me["limits"]["token_minutes"] <= 15
    assert "secret_hash" not in me and "client_secret" not in me


async def test_own_client_is_for_partners_only(client, admin, auth_for):
    assert_problem(await client.get(f"{URL}/me", headers=admin), 403, "partners_only")
    assert_problem(
        await client.get(f"{URL}/me", headers=await auth_for("yuhu")),
        403,
        "partners_only",
    )
    assert_problem(await client.get(f"{URL}/me"), 401)
    created = await _create(client, admin)
    token = (await _token(client, created)).json()["access_token"]
    await client.post(f"{URL}/{created['id']}/revoke", headers=admin)
    assert_problem(await client.get(f"{URL}/me", headers=bearer(token)), 401)
