"""Project codes under real concurrency: unique, consecutive, no gaps."""

import asyncio

import httpx
from sqlalchemy import delete, select

from app.models import Project, StageChange
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
    created = [r.json() for r in responses]
    try:
        assert all(r.status_code == 201 for r in responses), [
            r.text for r in responses if r.status_code != 201
        ]
        numbers = sorted(int(p["code"].rsplit("-", 1)[1]) for p in created)
        assert numbers == list(range(numbers[0], numbers[0] + 20))
    finally:
        async with live_app.state.sessionmaker() as s:
            rows = (
                (await s.execute(select(Project).where(Project.name.like("并发编号项目%"))))
                .scalars()
                .all()
            )
            for row in rows:
                await s.execute(delete(StageChange).where(StageChange.project_id == row.id))
                await s.delete(row)
            await s.commit()
