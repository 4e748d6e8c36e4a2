"""The outbox and its workers on real, separately committed connections: a rolled-back write
sends nothing, and two workers running at once deliver every event once."""

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from app.core import events
from app.main import create_app
from app.models import ChangeEvent, WebhookDelivery
from app.projects.events import ProjectCreated
from app.subscriptions import SUBSCRIPTIONS
from app.webhooks import delivery
from tests.conftest import bearer_for
from tests.projects.factories import create_project, project_body
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_webhooks import partner, subscribe


@pytest.fixture
async def live_client(live_app):
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def receiver():
    r = Receiver()
    await r.start()
    yield r
    await r.stop()


async def _outbox(app) -> int:
    async with app.state.sessionmaker() as s:
        return (await s.execute(select(func.count()).select_from(ChangeEvent))).scalar_one()


async def test_a_rolled_back_write_sends_nothing(live_app, live_settings, live_client, receiver):
    admin = await bearer_for(live_app, live_settings, "admin")
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    partner_client, _ = await partner(live_client, admin)
    await subscribe(
        live_client, admin, receiver.url, ["project.created"], api_client_id=partner_client["id"]
    )
    before = await _outbox(live_app)

    async def fail(session, batch):
        raise RuntimeError("a reaction after the outbox fails")

    # The outbox row is written, then a later reaction fails: the request rolls back whole.
    events.install({**SUBSCRIPTIONS, ProjectCreated: [fail]})
    try:
        failed = await live_client.post(
            "/api/v1/projects", json=project_body(name="回滚的项目"), headers=yuhu
        )
        assert failed.status_code == 500
    finally:
        events.install(SUBSCRIPTIONS)
    assert await _outbox(live_app) == before
    await delivery.run_once(live_app)
    assert receiver.messages == []

    kept = await create_project(live_client, yuhu, name="提交的项目")
    assert await _outbox(live_app) == before + 1
    await delivery.run_once(live_app)
    assert [m.payload["data"]["id"] for m in receiver.messages] == [kept["id"]]


async def test_two_workers_deliver_every_event_once(live_app, live_settings, live_client, receiver):
    admin = await bearer_for(live_app, live_settings, "admin")
    yuhu = await bearer_for(live_app, live_settings, "yuhu")
    partner_client, _ = await partner(live_client, admin)
    endpoint = await subscribe(
        live_client,
        admin,
        receiver.url,
        ["project.created", "project.updated"],
        api_client_id=partner_client["id"],
    )
    created = [await create_project(live_client, yuhu, name=f"并发推送项目{i}") for i in range(24)]

    other = create_app(live_settings)
    try:
        # Each process fans out and sends at the same moment, twice over.
        for _ in range(2):
            await asyncio.gather(delivery.run_once(live_app), delivery.run_once(other))
    finally:
        await other.state.engine.dispose()

    ids = [m.headers["webhook-id"] for m in receiver.messages]
    assert len(ids) == len(set(ids)) == len(created)
    assert {m.payload["data"]["id"] for m in receiver.messages} == {p["id"] for p in created}
    async with live_app.state.sessionmaker() as s:
        by_state = (
            select(WebhookDelivery.state, func.count())
            .where(WebhookDelivery.endpoint_id == uuid.UUID(endpoint["id"]))
            .group_by(WebhookDelivery.state)
        )
        states = dict((await s.execute(by_state)).all())
    assert states == {"delivered": len(created)}
