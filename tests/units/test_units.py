from sqlalchemy import select

from app.models import AuditEvent
from tests.helpers import assert_problem, unit_id

URL = "/api/v1/units"


async def test_list_units_seeded_with_xiangtan(client, auth_for):
    headers = await auth_for("viewer")
    response = await client.get(
        URL, params={"kind": "district", "include_total": True}, headers=headers
    )
    assert response.status_code == 200
    body = response.json()
    names = {u["name"] for u in body["items"]}
    assert names == {"雨湖区", "岳塘区", "湘潭县", "湘乡市", "韶山市"}
    assert body["total"] == 5


async def test_list_units_parks_under_a_district(client, auth_for):
    headers = await auth_for("coordinator")
    county = await unit_id(client, headers, "xiangtan-county")
    response = await client.get(URL, params={"parent_id": county}, headers=headers)
    assert [u["name"] for u in response.json()["items"]] == ["天易经开区"]


async def test_list_units_keyset_pages_cover_everything_once(client, admin):
    seen, cursor = [], None
    while True:
        params = {"limit": 4, "sort": "-name", **({"cursor": cursor} if cursor else {})}
        body = (await client.get(URL, params=params, headers=admin)).json()
        seen += [u["name"] for u in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    total = (
        await client.get(URL, params={"include_total": True, "limit": 1}, headers=admin)
    ).json()["total"]
    assert len(seen) == len(set(seen)) == total
    assert seen == sorted(seen, reverse=True)


async def test_list_units_rejects_unknown_sort_and_bad_cursor(client, admin):
    body = assert_problem(
        await client.get(URL, params={"sort": "secret"}, headers=admin),
        422,
        "invalid_sort",
    )
    assert body["errors"][0]["loc"] == ["query", "sort"]
    assert_problem(
        await client.get(URL, params={"cursor": "!!!"}, headers=admin),
        400,
        "invalid_cursor",
    )
    assert_problem(
        await client.get(URL, params={"limit": 500}, headers=admin),
        422,
        "validation_error",
    )


async def test_list_units_requires_token(client):
    assert_problem(await client.get(URL), 401)


async def test_create_unit_as_admin(client, admin, session):
    yuhu = await unit_id(client, admin, "yuhu")
    response = await client.post(
        URL,
        json={
            "code": "yuhu-park2",
            "name": "雨湖区新材料产业园",
            "kind": "park",
            "parent_id": yuhu,
        },
        headers=admin,
    )
    assert response.status_code == 201
    created = response.json()
    assert response.headers["location"] == f"/api/v1/units/{created['id']}"
    assert response.headers["etag"] == '"1"'
    assert created["parent_id"] == yuhu and created["version"] == 1
    event = (
        await session.execute(
            select(AuditEvent).where(
                AuditEvent.action == "unit.create",
                AuditEvent.object_id == created["id"],
            )
        )
    ).scalar_one()
    assert event.after["name"] == "雨湖区新材料产业园" and event.actor_name == "admin"


async def test_create_unit_forbidden_for_coordinator(client, auth_for):
    response = await client.post(
        URL,
        json={"code": "x1", "name": "某单位", "kind": "department"},
        headers=await auth_for("coordinator"),
    )
    assert_problem(response, 403, "forbidden")


async def test_create_unit_duplicate_is_409(client, admin):
    response = await client.post(
        URL, json={"code": "yuhu", "name": "雨湖区2", "kind": "district"}, headers=admin
    )
    assert_problem(response, 409, "unit_exists")


async def test_create_unit_validation(client, admin):
    body = assert_problem(
        await client.post(
            URL,
            json={"code": "Bad Code", "name": "x", "kind": "planet", "extra": 1},
            headers=admin,
        ),
        422,
        "validation_error",
    )
    fields = {tuple(e["loc"]) for e in body["errors"]}
    assert {
        ("body", "code"),
        ("body", "name"),
        ("body", "kind"),
        ("body", "extra"),
    } <= fields
    assert all(e["msg"] for e in body["errors"])


async def test_create_unit_parent_must_be_district_and_only_for_parks(client, admin):
    fgw = await unit_id(client, admin, "fgw")
    yuhu = await unit_id(client, admin, "yuhu")
    assert_problem(
        await client.post(
            URL,
            json={"code": "p9", "name": "某园区", "kind": "park", "parent_id": fgw},
            headers=admin,
        ),
        422,
        "invalid_parent",
    )
    assert_problem(
        await client.post(
            URL,
            json={
                "code": "d9",
                "name": "某部门",
                "kind": "department",
                "parent_id": yuhu,
            },
            headers=admin,
        ),
        422,
        "invalid_parent",
    )


async def test_create_unit_rejects_nul_characters(client, admin):
    response = await client.post(
        URL,
        json={"code": "nul1", "name": "坏\u0000名字", "kind": "department"},
        headers=admin,
    )
    assert_problem(response, 422, "validation_error")


async def test_read_unit_and_missing_unit(client, auth_for):
    headers = await auth_for("leader")
    uid = await unit_id(client, headers, "zrzy")
    response = await client.get(f"{URL}/{uid}", headers=headers)
    assert response.status_code == 200 and response.json()["name"] == "市自然资源和规划局"
    assert response.headers["etag"] == f'"{response.json()["version"]}"'
    assert_problem(
        await client.get(f"{URL}/00000000-0000-0000-0000-000000000000", headers=headers),
        404,
    )
    # Only ids route to a unit: anything else names no resource at all.
    assert_problem(await client.get(f"{URL}/not-a-uuid", headers=headers), 404)


async def test_update_unit_needs_if_match(client, admin):
    uid = await unit_id(client, admin, "scjg")
    url = f"{URL}/{uid}"
    assert_problem(
        await client.patch(url, json={"name": "市市场监管局"}, headers=admin),
        428,
        "precondition_required",
    )
    stale = await client.patch(
        url, json={"name": "市市场监管局"}, headers={**admin, "If-Match": '"99"'}
    )
    assert_problem(stale, 412, "precondition_failed")

    current = await client.get(url, headers=admin)
    ok = await client.patch(
        url,
        json={"name": "市市场监管局"},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert ok.status_code == 200
    assert (
        ok.json()["name"] == "市市场监管局"
        and ok.json()["version"] == current.json()["version"] + 1
    )
    # Someone saved first: the old ETag no longer works, nothing is overwritten.
    again = await client.patch(
        url,
        json={"name": "别的名字"},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert_problem(again, 412)
    assert (await client.get(url, headers=admin)).json()["name"] == "市市场监管局"


async def test_deactivate_unit(client, admin):
    uid = await unit_id(client, admin, "czj")
    current = await client.get(f"{URL}/{uid}", headers=admin)
    response = await client.patch(
        f"{URL}/{uid}",
        json={"is_active": False},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert response.json()["is_active"] is False
    active = (
        await client.get(URL, params={"is_active": True, "limit": 200}, headers=admin)
    ).json()["items"]
    assert uid not in {u["id"] for u in active}


async def test_update_unit_forbidden_for_supervisor(client, auth_for):
    headers = await auth_for("supervisor")
    uid = await unit_id(client, headers, "czj")
    assert_problem(
        await client.patch(
            f"{URL}/{uid}",
            json={"name": "x财政"},
            headers={**headers, "If-Match": '"1"'},
        ),
        403,
    )
