"""Each attack on the tokens must fail with 401."""

import base64
import json
import time
import uuid

import pytest
from jose import jwt
from sqlalchemy import select

from app.core.security import ALGORITHM, create_token
from app.models import RefreshToken, User
from tests.helpers import TOKEN_URL, assert_problem, bearer, tokens

ME = "/api/v1/auth/me"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def _user(session, username="coordinator") -> User:
    return (await session.execute(select(User).where(User.username == username))).scalar_one()


def _claims(settings, user: User, **overrides) -> dict:
    now = int(time.time())
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user.id),
        "iat": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "ver": user.token_version,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


async def test_valid_token_is_accepted(client, session, settings):
    """The control for every attack below: the same construction, signed properly, works."""
    token = jwt.encode(
        _claims(settings, await _user(session)),
        settings.jwt_secret,
        algorithm=ALGORITHM,
    )
    assert (await client.get(ME, headers=bearer(token))).status_code == 200


async def test_alg_none_is_rejected(client, session, settings):
    token = (
        f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(settings, await _user(session)))}."
    )
    assert_problem(await client.get(ME, headers=bearer(token)), 401, "unauthorized")


async def test_token_signed_with_another_key_is_rejected(client, session, settings):
    token = jwt.encode(_claims(settings, await _user(session)), "x" * 64, algorithm=ALGORITHM)
    assert_problem(await client.get(ME, headers=bearer(token)), 401)


async def test_changed_payload_under_old_signature_is_rejected(client, session, settings):
    viewer = await _user(session, "viewer")
    admin = await _user(session, "admin")
    token = jwt.encode(_claims(settings, viewer), settings.jwt_secret, algorithm=ALGORITHM)
    header, _, signature = token.split(".")
    forged = f"{header}.{_b64(_claims(settings, admin))}.{signature}"
    assert_problem(await client.get(ME, headers=bearer(forged)), 401)


async def test_expired_token_is_rejected(client, session, settings):
    now = int(time.time())
    claims = _claims(settings, await _user(session), iat=now - 1200, exp=now - 600)
    token = jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)
    assert_problem(await client.get(ME, headers=bearer(token)), 401)


@pytest.mark.parametrize("missing", ["exp", "iat", "iss", "aud", "sub", "jti", "typ", "ver"])
async def test_token_without_required_claim_is_rejected(client, session, settings, missing):
    claims = _claims(settings, await _user(session))
    del claims[missing]
    token = jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)
    assert_problem(await client.get(ME, headers=bearer(token)), 401)


@pytest.mark.parametrize("claim", ["iss", "aud"])
async def test_wrong_issuer_or_audience_is_rejected(client, session, settings, claim):
    token = jwt.encode(
        _claims(settings, await _user(session), **{claim: "someone-else"}),
        settings.jwt_secret,
        algorithm=ALGORITHM,
    )
    assert_problem(await client.get(ME, headers=bearer(token)), 401)


async def test_other_hmac_algorithm_is_rejected(client, session, settings):
    token = jwt.encode(
        _claims(settings, await _user(session)), settings.jwt_secret, algorithm="HS512"
    )
    assert_problem(await client.get(ME, headers=bearer(token)), 401)


async def test_partner_token_where_a_person_is_required_is_rejected(client, admin, session):
    unit = (await client.get("/api/v1/auth/me", headers=admin)).json()["unit"]["id"]
    created = (
        await client.post(
            "/api/v1/api-clients",
            json={"name": "省招商平台", "unit_id": unit, "scopes": ["units:read"]},
            headers=admin,
        )
    ).json()
    token = (
        await client.post(
            TOKEN_URL,
            data={
                "grant_type": "client_credentials",
                "client_id": created["client_id"],
                "client_secret": created["client_secret"],
            },
        )
    ).json()["access_token"]
    assert (await client.get("/api/v1/units", headers=bearer(token))).status_code == 200
    # The token is valid, so 403 (not 401): a client that renews its token on 401 must not loop.
    assert_problem(await client.get(ME, headers=bearer(token)), 403, "people_only")
    retry_safe = {**bearer(token), "Idempotency-Key": "attack-1"}
    assert_problem(
        await client.post("/api/v1/auth/logout-all", headers=retry_safe),
        403,
        "people_only",
    )
    assert_problem(
        await client.get("/api/v1/notifications", headers=bearer(token)),
        403,
        "people_only",
    )


async def test_person_token_relabelled_as_partner_is_rejected(client, session, settings):
    """A person's token cannot pass as a partner's: `typ` is signed, and a forged one fails."""
    user = await _user(session)
    token = jwt.encode(_claims(settings, user, typ="partner"), "y" * 64, algorithm=ALGORITHM)
    assert_problem(await client.get("/api/v1/units", headers=bearer(token)), 401)
    # Signed correctly but naming a user as a partner client: no such client.
    token = jwt.encode(
        _claims(settings, user, typ="partner"), settings.jwt_secret, algorithm=ALGORITHM
    )
    assert_problem(await client.get("/api/v1/units", headers=bearer(token)), 401)


async def test_refresh_token_used_as_bearer_is_rejected(client):
    body = await tokens(client, "coordinator")
    assert_problem(await client.get(ME, headers=bearer(body["refresh_token"])), 401)


async def test_garbage_and_missing_bearer_are_rejected(client):
    assert_problem(await client.get(ME), 401)
    assert_problem(await client.get(ME, headers={"Authorization": "Bearer not.a.jwt"}), 401)
    assert_problem(await client.get(ME, headers={"Authorization": "Basic Zm9vOmJhcg=="}), 401)


async def test_refresh_rotates_and_replay_kills_the_family(client, session):
    first = await tokens(client, "coordinator")
    rotated = await client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
    )
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert (await client.get(ME, headers=bearer(second["access_token"]))).status_code == 200

    # The old refresh token presented again: refused, and its newer sibling dies with it.
    replay = await client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
    )
    assert_problem(replay, 401, "invalid_grant")
    sibling = await client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": second["refresh_token"]},
    )
    assert_problem(sibling, 401, "invalid_grant")

    user = await _user(session)
    rows = (
        (await session.execute(select(RefreshToken).where(RefreshToken.user_id == user.id)))
        .scalars()
        .all()
    )
    assert len(rows) == 2 and all(r.revoked_at is not None for r in rows)


async def test_refresh_with_unknown_token_is_rejected(client):
    response = await client.post(
        TOKEN_URL, data={"grant_type": "refresh_token", "refresh_token": "nope"}
    )
    assert_problem(response, 401, "invalid_grant")


async def test_logout_ends_the_refresh_token(client):
    body = await tokens(client, "leader")
    out = await client.post(
        "/api/v1/auth/logout",
        json={"refresh_token": body["refresh_token"]},
        headers=bearer(body["access_token"]),
    )
    assert out.status_code == 204
    again = await client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
    )
    assert_problem(again, 401, "invalid_grant")


async def test_logout_all_ends_every_token(client):
    one = await tokens(client, "supervisor")
    two = await tokens(client, "supervisor")
    assert (
        await client.post("/api/v1/auth/logout-all", headers=bearer(one["access_token"]))
    ).status_code == 204
    assert_problem(await client.get(ME, headers=bearer(two["access_token"])), 401)
    refresh = await client.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": two["refresh_token"]},
    )
    assert_problem(refresh, 401, "invalid_grant")


async def test_token_version_in_token_must_match_user(client, session, settings):
    user = await _user(session)
    old, _ = create_token(
        settings,
        subject=str(user.id),
        token_type="access",
        version=user.token_version - 1,
    )
    assert_problem(await client.get(ME, headers=bearer(old)), 401)
