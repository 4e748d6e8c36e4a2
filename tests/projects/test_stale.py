"""长期无进展 flags only projects in an active stage: not those in production, dropped or
shelved; the `stale` filter's count equals its list."""

import uuid
from datetime import timedelta

from sqlalchemy import update

from app.core.time import utcnow
from app.models import Project
from tests.projects.factories import URL, create_project


async def _ids(client, headers, **params) -> tuple[set[str], int]:
    ids: set[str] = set()
    cursor, total = None, None
    while True:
        query = {**params, "limit": 200, "include_total": True}
        if cursor:
            query["cursor"] = cursor
        body = (await client.get(URL, params=query, headers=headers)).json()
        ids |= {p["id"] for p in body["items"]}
        total = body["total"] if total is None else total
        cursor = body["next_cursor"]
        if not cursor:
            return ids, total


async def test_stale_applies_to_active_stages_only(client, auth_for, session):
    yuhu = await auth_for("yuhu")
    coordinator = await auth_for("coordinator")
    long_ago = utcnow() - timedelta(days=400)
    stages = ("negotiation", "started", "operating", "dropped", "shelved")
    projects = {}
    for stage in stages:
        project = await create_project(client, yuhu, name=f"长期无进展测试{stage}")
        await session.execute(
            update(Project)
            .where(Project.id == uuid.UUID(project["id"]))
            .values(stage=stage, last_activity_at=long_ago)
        )
        projects[stage] = project["id"]
    fresh = await create_project(client, yuhu, name="近期有进展测试项目")
    await session.flush()

    flags = {
        stage: (await client.get(f"{URL}/{pid}", headers=coordinator)).json()["is_stale"]
        for stage, pid in projects.items()
    }
    assert flags == {
        "negotiation": True,
        "started": True,
        "operating": False,
        "dropped": False,
        "shelved": False,
    }
    assert (await client.get(f"{URL}/{fresh['id']}", headers=coordinator)).json()[
        "is_stale"
    ] is False

    stale, stale_total = await _ids(client, coordinator, stale=True)
    assert stale_total == len(stale)
    assert {projects["negotiation"], projects["started"]} <= stale
    assert not {projects[s] for s in ("operating", "dropped", "shelved")} & stale
    assert fresh["id"] not in stale
    not_stale, not_stale_total = await _ids(client, coordinator, stale=False)
    assert not_stale_total == len(not_stale)
    assert {projects[s] for s in ("operating", "dropped", "shelved")} | {fresh["id"]} <= not_stale
    _, everything = await _ids(client, coordinator)
    assert stale_total + not_stale_total == everything

    # The list marks each row the way the filter selects it.
    listed, _ = await _ids(client, coordinator, stale=True, q="长期无进展测试")
    body = (
        await client.get(URL, params={"q": "长期无进展测试", "limit": 200}, headers=coordinator)
    ).json()
    assert {p["id"] for p in body["items"] if p["is_stale"]} == listed
