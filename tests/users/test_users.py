from sqlalchemy import select

from app.models import AuditEvent, User
from tests.helpers import assert_problem, bearer, login, tokens, unit_id

URL = "/api/v1/users"


async def _create(client, admin, **overrides):
    body = {
        "username": "new.officer",
        "full_name": "钱进",
        "role": "unit_officer",
        "unit_id": await unit_id(client, admin, "yuetang"),
        "password": "Start-pass-2026",
    }
    body.update(overrides)
    return await client.post(URL, json=body, headers=admin)


async def test_admin_creates_user_who_can_log_in(client, admin, session):
    response = await _create(client, admin)
    assert response.status_code == 201
    created = response.json()
    assert created["unit_name"] == "岳塘区" and created["role"] == "unit_officer"
    assert "password" not in created and "password_hash" not in created
    assert response.headers["location"].endswith(created["id"])

    me = (
        await client.get(
            "/api/v1/auth/me",
            headers=bearer(
                (await tokens(client, "new.officer", "Start-pass-2026"))["access_token"]
            ),
        )
    ).json()
    assert me["full_name"] == "钱进"

    event = (
        (await session.execute(select(AuditEvent).where(AuditEvent.action == "user.create")))
        .scalars()
        .all()[-1]
    )
    assert event.after["username"] == "new.officer" and "password_hash" not in event.after


async def test_create_user_duplicate_username_is_409(client, admin):
    assert_problem(await _create(client, admin, username="yuhu"), 409, "username_taken")


async def test_create_user_weak_password_and_bad_fields_are_422(client, admin):
    body = assert_problem(
        await _create(client, admin, password="short", username="Bad Name", role="boss"), 422
    )
    locs = {tuple(e["loc"]): e["msg"] for e in body["errors"]}
    assert locs[("body", "password")] == "密码至少 10 位"
    assert ("body", "username") in locs and ("body", "role") in locs


async def test_create_user_role_must_fit_unit_kind(client, admin):
    response = await _create(client, admin, role="department_officer")
    assert_problem(response, 422, "role_unit_mismatch")


async def test_create_user_forbidden_for_non_admin(client, auth_for):
    headers = await auth_for("coordinator")
    assert_problem(await _create(client, headers), 403)


async def test_list_users_filters(client, auth_for):
    headers = await auth_for("coordinator")
    leaders = (await client.get(URL, params={"role": "leader"}, headers=headers)).json()["items"]
    assert {u["username"] for u in leaders} == {"leader", "leader2", "leader3"}
    found = (await client.get(URL, params={"q": "张敏"}, headers=headers)).json()["items"]
    assert [u["username"] for u in found] == ["zrzy"]


async def test_list_users_of_a_unit_with_or_without_its_parks(client, admin):
    """Clicking 岳塘区 in the unit tree lists its users and, on request, those of its parks."""
    park = await unit_id(client, admin, "yuetang-jk")
    district = await unit_id(client, admin, "yuetang")
    created = await _create(client, admin, username="park.officer", unit_id=park)
    assert created.status_code == 201, created.text

    async def names(**params):
        response = await client.get(URL, params=params, headers=admin)
        assert response.status_code == 200, response.text
        return {u["username"] for u in response.json()["items"]}

    assert await names(unit_id=district) == {"yuetang"}
    # The demo's park officer is named by the park's code.
    in_park = {"yuetang-jk", "park.officer"}
    assert await names(unit_id=district, include_sub_units="true") == {"yuetang", *in_park}
    assert await names(unit_id=park, include_sub_units="true") == in_park
    # Without a unit the flag changes nothing.
    everyone = await names(limit=200)
    assert await names(limit=200, include_sub_units="true") == everyone
    assert_problem(await client.get(URL, params={"include_sub_units": "maybe"}, headers=admin), 422)


async def test_list_users_forbidden_for_viewer_and_partner_free(client, auth_for):
    assert_problem(await client.get(URL, headers=await auth_for("viewer")), 403)
    assert_problem(await client.get(URL), 401)


async def test_read_user_404(client, admin):
    assert_problem(
        await client.get(f"{URL}/00000000-0000-0000-0000-000000000000", headers=admin), 404
    )


async def test_role_change_ends_sessions_and_applies_at_once(client, admin):
    created = (await _create(client, admin)).json()
    person = await tokens(client, "new.officer", "Start-pass-2026")
    etag = (await client.get(f"{URL}/{created['id']}", headers=admin)).headers["etag"]
    response = await client.patch(
        f"{URL}/{created['id']}", json={"role": "viewer"}, headers={**admin, "If-Match": etag}
    )
    assert response.status_code == 200 and response.json()["role"] == "viewer"
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(person["access_token"])), 401)
    refreshed = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": person["refresh_token"]},
    )
    assert_problem(refreshed, 401)


async def test_deactivate_user_ends_tokens(client, admin):
    created = (await _create(client, admin)).json()
    person = await tokens(client, "new.officer", "Start-pass-2026")
    etag = (await client.get(f"{URL}/{created['id']}", headers=admin)).headers["etag"]
    await client.patch(
        f"{URL}/{created['id']}", json={"is_active": False}, headers={**admin, "If-Match": etag}
    )
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(person["access_token"])), 401)


async def test_update_user_stale_and_missing_if_match(client, admin):
    created = (await _create(client, admin)).json()
    url = f"{URL}/{created['id']}"
    assert_problem(await client.patch(url, json={"full_name": "钱多多"}, headers=admin), 428)
    assert_problem(
        await client.patch(url, json={"full_name": "钱多多"}, headers={**admin, "If-Match": '"7"'}),
        412,
    )


async def test_update_user_refuses_null_role(client, admin):
    created = (await _create(client, admin)).json()
    response = await client.patch(
        f"{URL}/{created['id']}", json={"role": None}, headers={**admin, "If-Match": '"1"'}
    )
    assert_problem(response, 422)


async def test_admin_cannot_deactivate_self(client, admin):
    me = (await client.get("/api/v1/auth/me", headers=admin)).json()
    etag = (await client.get(f"{URL}/{me['id']}", headers=admin)).headers["etag"]
    response = await client.patch(
        f"{URL}/{me['id']}", json={"is_active": False}, headers={**admin, "If-Match": etag}
    )
    assert_problem(response, 422, "self_lockout")


async def test_password_reset_unlocks_and_ends_sessions(client, admin, session):
    created = (await _create(client, admin)).json()
    person = await tokens(client, "new.officer", "Start-pass-2026")
    for _ in range(5):
        await login(client, "new.officer", "Wrong-pass-999")
    assert_problem(await login(client, "new.officer", "Start-pass-2026"), 401, "account_locked")
    listed = (await client.get(f"{URL}/{created['id']}", headers=admin)).json()
    assert listed["locked_until"] is not None

    response = await client.post(
        f"{URL}/{created['id']}/password-reset",
        json={"new_password": "Reset-pass-2026"},
        headers=admin,
    )
    assert response.status_code == 204
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(person["access_token"])), 401)
    assert (await login(client, "new.officer", "Reset-pass-2026")).status_code == 200
    user = (await session.execute(select(User).where(User.username == "new.officer"))).scalar_one()
    assert user.password_hash.startswith("$argon2id$")


async def test_password_reset_validation_and_scope(client, admin, auth_for):
    created = (await _create(client, admin)).json()
    url = f"{URL}/{created['id']}/password-reset"
    assert_problem(await client.post(url, json={"new_password": "onlyletters"}, headers=admin), 422)
    assert_problem(
        await client.post(
            url, json={"new_password": "Good-pass-2026"}, headers=await auth_for("supervisor")
        ),
        403,
    )
    assert_problem(
        await client.post(
            f"{URL}/00000000-0000-0000-0000-000000000000/password-reset",
            json={"new_password": "Good-pass-2026"},
            headers=admin,
        ),
        404,
    )


async def test_change_own_password(client):
    person = await tokens(client, "fgw")
    headers = bearer(person["access_token"])
    wrong = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "nope", "new_password": "Fresh-pass-2026"},
        headers=headers,
    )
    assert_problem(wrong, 422, "wrong_password")
    weak = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "Xiangtan@2026", "new_password": "123"},
        headers=headers,
    )
    assert_problem(weak, 422, "validation_error")
    ok = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "Xiangtan@2026", "new_password": "Fresh-pass-2026"},
        headers=headers,
    )
    assert ok.status_code == 204
    assert_problem(await client.get("/api/v1/auth/me", headers=headers), 401)
    assert (await login(client, "fgw", "Fresh-pass-2026")).status_code == 200
    assert_problem(await login(client, "fgw"), 401)
