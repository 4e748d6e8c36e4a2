"""A partner client's use of the API as its admin reads it: requests and tokens per day and its
last call, counted in memory and added to the table by each process's flush."""

from collections.abc import AsyncIterator

import httpx
import pytest

from app.core.calendar import business_today
from tests.conftest import bearer_for
from tests.projects.factories import create_project
from tests.webhooks.test_webhooks import partner


@pytest.fixture
async def client(live_app) -> AsyncIterator[httpx.AsyncClient]:
    """On separately committed connections: the change feed reads only committed changes."""
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_requests_and_tokens_are_counted_by_day(live_app, live_settings, client):
    app = live_app
    counter = app.state.usage
    admin = await bearer_for(app, live_settings, "admin")
    yuhu = await bearer_for(app, live_settings, "yuhu")
    created, headers = await partner(client, admin, scopes=("projects:read",))
    usage = f"/api/v1/api-clients/{created['id']}/usage"
    before = (await client.get(usage, headers=admin)).json()
    assert before == {"days": [], "last_used_at": None}

    start = (await client.get("/api/v1/changes/latest", headers=headers)).json()["cursor"]
    for i in range(2):
        await create_project(client, yuhu, name=f"计量的项目{i}")
    # The feed reads both projects through the API for the partner: still one request.
    assert (await client.get("/api/v1/changes", params={"since": start}, headers=headers)).json()[
        "items"
    ]
    await client.get("/api/v1/projects", headers=headers)
    assert await counter.flush(app.state.sessionmaker) == 1

    read = (await client.get(usage, headers=admin)).json()
    assert read["days"] == [
        {"day": business_today().isoformat(), "requests": 3, "tokens_issued": 1}
    ]
    assert read["last_used_at"] is not None

    # Another process's flush (or this one's next) adds to the same day.
    await client.get("/api/v1/projects", headers=headers)
    await counter.flush(app.state.sessionmaker)
    again = (await client.get(usage, headers=admin)).json()
    assert again["days"][0]["requests"] == 4
    listed = (await client.get("/api/v1/api-clients", headers=admin)).json()["items"]
    assert next(c for c in listed if c["id"] == created["id"])["last_used_at"] is not None
    assert await counter.flush(app.state.sessionmaker) == 0  # nothing new: no write
