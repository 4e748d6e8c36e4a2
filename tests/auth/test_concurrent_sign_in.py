"""Sign-ins of one account at the same moment (a person on phone and desktop, a threaded
partner), on separately committed connections: every right password gets its tokens, and every
wrong one is counted."""

import asyncio

import httpx
import pytest
from sqlalchemy import select

from app.models import AuditEvent, LoginThrottle
from tests.helpers import login


@pytest.fixture
async def live_client(live_app):
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_concurrent_sign_ins_of_one_account_all_succeed(live_app, live_client):
    answers = await asyncio.gather(*(login(live_client, "coordinator") for _ in range(12)))
    assert [a.status_code for a in answers] == [200] * 12, [a.text for a in answers]
    tokens = {a.json()["access_token"] for a in answers} | {
        a.json()["refresh_token"] for a in answers
    }
    assert len(tokens) == 24
    async with live_app.state.sessionmaker() as s:
        logins = (
            await s.execute(
                select(AuditEvent).where(
                    AuditEvent.action == "auth.login",
                    AuditEvent.actor_name == "coordinator",
                    AuditEvent.outcome == "success",
                )
            )
        ).all()
    assert len(logins) == 12


async def test_concurrent_wrong_passwords_are_each_counted(live_app, live_client):
    answers = await asyncio.gather(
        *(login(live_client, "leader", "Wrong-password-1") for _ in range(4))
    )
    assert {a.json()["code"] for a in answers} == {"invalid_credentials"}
    async with live_app.state.sessionmaker() as s:
        throttle = await s.get(LoginThrottle, "leader")
    assert throttle is not None and throttle.failures == 4
    # The right password clears them, even beside another sign-in of the same account.
    right = await asyncio.gather(login(live_client, "leader"), login(live_client, "leader"))
    assert [a.status_code for a in right] == [200, 200]
    async with live_app.state.sessionmaker() as s:
        assert await s.get(LoginThrottle, "leader") is None
