import pytest
from sqlalchemy import select

from app.models import AuditEvent, LoginThrottle
from tests.helpers import TOKEN_URL, assert_problem, bearer, login, tokens


async def test_login_returns_tokens_and_me_reads_role_and_unit(client):
    body = await tokens(client, "yuhu")
    assert body["token_type"] == "bearer"
    assert 0 < body["expires_in"] <= 900
    assert body["refresh_token"]

    me = await client.get("/api/v1/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    data = me.json()
    assert data["username"] == "yuhu"
    assert data["role"] == "unit_officer"
    assert data["role_label"] == "县市区/园区专员"
    assert data["unit"]["name"] == "雨湖区"
    assert "projects:write" in data["permissions"]
    assert "users:write" not in data["permissions"]


async def test_login_username_is_case_insensitive(client):
    response = await login(client, "  YuHu ")
    assert response.status_code == 200


async def test_login_unknown_user_and_wrong_password_answer_alike(client):
    unknown = await login(client, "nobody", "Whatever123")
    wrong = await login(client, "yuhu", "Whatever123")
    a = assert_problem(unknown, 401, "invalid_credentials")
    b = assert_problem(wrong, 401, "invalid_credentials")
    assert a["detail"] == b["detail"] == "用户名或密码错误"
    assert unknown.headers.get("www-authenticate") == wrong.headers.get("www-authenticate")


async def test_login_failure_is_audited(client, session):
    await login(client, "yuhu", "Whatever123")
    events = (
        (await session.execute(select(AuditEvent).where(AuditEvent.action == "auth.login")))
        .scalars()
        .all()
    )
    failed = [e for e in events if e.outcome == "failure" and e.actor_name == "yuhu"]
    assert failed and failed[-1].after["failures"] == 1


async def test_login_five_failures_lock_the_account_with_growing_backoff(client, session):
    for _ in range(5):
        assert_problem(
            await login(client, "yuetang", "Wrong-password-1"), 401, "invalid_credentials"
        )
    # Now even the right password is refused while the lock lasts.
    locked = assert_problem(await login(client, "yuetang"), 401, "account_locked")
    assert "锁定" in locked["detail"]

    throttle = await session.get(LoginThrottle, "yuetang")
    first_lock = throttle.locked_until - throttle.updated_at
    # Expire the lock, fail once more: the next lock is twice as long.
    throttle.locked_until = throttle.updated_at
    await session.flush()
    assert_problem(await login(client, "yuetang", "Wrong-password-1"), 401, "invalid_credentials")
    session.expire_all()
    throttle = await session.get(LoginThrottle, "yuetang")
    assert throttle.failures == 6
    assert (throttle.locked_until - throttle.updated_at) > first_lock * 1.5

    denied = (
        (
            await session.execute(
                select(AuditEvent).where(
                    AuditEvent.action == "auth.login", AuditEvent.outcome == "denied"
                )
            )
        )
        .scalars()
        .all()
    )
    assert denied


async def test_login_lockout_applies_to_unknown_usernames_too(client):
    for _ in range(5):
        await login(client, "ghost-user", "Wrong-password-1")
    assert_problem(await login(client, "ghost-user", "Wrong-password-1"), 401, "account_locked")


async def test_login_success_clears_failures(client, session):
    await login(client, "gaoxin", "Wrong-password-1")
    assert (await login(client, "gaoxin")).status_code == 200
    session.expire_all()
    assert await session.get(LoginThrottle, "gaoxin") is None


@pytest.mark.parametrize(
    "form",
    [
        {"grant_type": "password", "username": "yuhu"},
        {"grant_type": "refresh_token"},
    ],
)
async def test_token_missing_fields_is_400(client, form):
    assert_problem(await client.post(TOKEN_URL, data=form), 400, "invalid_request")


async def test_token_unknown_grant_type_is_422(client):
    body = assert_problem(await client.post(TOKEN_URL, data={"grant_type": "implicit"}), 422)
    assert body["errors"][0]["loc"] == ["body", "grant_type"]


async def test_deactivated_user_cannot_log_in(client, admin):
    created = await client.post(
        "/api/v1/users",
        json={
            "username": "temp.user",
            "full_name": "临时用户",
            "role": "viewer",
            "unit_id": (await client.get("/api/v1/auth/me", headers=admin)).json()["unit"]["id"],
            "password": "Temp-pass-2026",
        },
        headers=admin,
    )
    user = created.json()
    await client.patch(
        f"/api/v1/users/{user['id']}",
        json={"is_active": False},
        headers={**admin, "If-Match": created.headers["etag"]},
    )
    assert_problem(await login(client, "temp.user", "Temp-pass-2026"), 401, "invalid_credentials")
