"""Project codes under real concurrency: unique, consecutive, no gaps."""

import asyncio

import httpx

from tests.conftest import bearer_for
from tests.projects.factories import URL, project_body


async def test_concurrent_creates_get_consecutive_unique_codes(live_app, settings):
    headers = await bearer_for(live_app, settings, "yuhu")
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=120) as c:
        responses = await asyncio.gather(
            *[
                c.post(URL, json=project_body(name=f"并发编号项目{i:02d}"), headers=headers)
                for i in range(20)
            ]
        )
    assert all(r.status_code == 201 for r in responses), [
        r.text for r in responses if r.status_code != 201
    ]
    numbers = sorted(int(r.json()["code"].rsplit("-", 1)[1]) for r in responses)
    assert numbers == list(range(numbers[0], numbers[0] + 20))
