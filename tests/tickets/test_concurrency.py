"""Letter numbers under real concurrency: unique and consecutive, no gaps."""

import asyncio
import uuid

import httpx
from sqlalchemy import select

from app.models import Letter, Project, Unit
from tests.conftest import bearer_for
from tests.tickets.factories import URL

COUNT = 12


async def test_concurrent_assignments_get_consecutive_letter_numbers(live_app, settings):
    coordinator = await bearer_for(live_app, settings, "coordinator")
    async with live_app.state.sessionmaker() as s:
        project_id = (await s.execute(select(Project.id).limit(1))).scalar_one()
        zrzy = (await s.execute(select(Unit.id).where(Unit.code == "zrzy"))).scalar_one()
    transport = httpx.ASGITransport(app=live_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=120) as c:
        tickets = []
        for i in range(COUNT):
            body = {
                "project_id": str(project_id),
                "category": "land",
                "title": f"并发交办测试{i:02d}",
                "description": "并发编号",
            }
            tickets.append((await c.post(URL, json=body, headers=coordinator)).json())
        responses = await asyncio.gather(
            *[
                c.post(
                    f"{URL}/{t['id']}/transitions",
                    json={
                        "expected_state": "submitted",
                        "to_state": "assigned",
                        "lead_department_id": str(zrzy),
                    },
                    headers=coordinator,
                )
                for t in tickets
            ]
        )
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]
    async with live_app.state.sessionmaker() as s:
        ids = [uuid.UUID(t["id"]) for t in tickets]
        serials = (
            await s.execute(select(Letter.serial).where(Letter.ticket_id.in_(ids)))
        ).scalars()
        numbers = sorted(serials)
    assert numbers == list(range(numbers[0], numbers[0] + COUNT))
