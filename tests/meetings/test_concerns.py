"""A decision tells the projects' scope which units it involves: every project it concerns ×
its responsible unit and co-units, kept as they change."""

import uuid

import httpx
from sqlalchemy import select

from app.models import ProjectConcern
from tests.helpers import unit_id
from tests.meetings.factories import DECISIONS, add_decision, create_meeting
from tests.projects.factories import create_project


async def _concerns(session, decision: dict) -> set[tuple[str, str]]:
    stmt = select(ProjectConcern.project_id, ProjectConcern.unit_id).where(
        ProjectConcern.source == "decision", ProjectConcern.source_id == uuid.UUID(decision["id"])
    )
    return {(str(p), str(u)) for p, u in (await session.execute(stmt)).all()}


async def test_a_decision_records_its_units_on_its_projects_as_they_change(
    client: httpx.AsyncClient, auth_for, session
) -> None:
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    first, second = await create_project(client, yuhu), await create_project(client, yuhu)
    zrzy, fgw = (
        await unit_id(client, coordinator, "zrzy"),
        await unit_id(client, coordinator, "fgw"),
    )
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(
        client, coordinator, meeting, co=("fgw",), project_ids=(first["id"],)
    )
    assert await _concerns(session, decision) == {(first["id"], zrzy), (first["id"], fgw)}

    url = f"{DECISIONS}/{decision['id']}"

    async def patch(body: dict) -> None:
        etag = (await client.get(url, headers=coordinator)).headers["etag"]
        response = await client.patch(url, json=body, headers={**coordinator, "If-Match": etag})
        assert response.status_code == 200, response.text

    # Another project, no co-unit: the rows are replaced, not added to.
    await patch({"co_unit_ids": [], "project_ids": [first["id"], second["id"]]})
    assert await _concerns(session, decision) == {(first["id"], zrzy), (second["id"], zrzy)}
    # A new responsible unit alone: on the projects the decision already concerns.
    await patch({"responsible_unit_id": fgw})
    assert await _concerns(session, decision) == {(first["id"], fgw), (second["id"], fgw)}
    # Other edits leave them as they are.
    await patch({"text": "市发展和改革委员会牵头，年底前完成二期项目立项。"})
    assert await _concerns(session, decision) == {(first["id"], fgw), (second["id"], fgw)}
    # No project left: nothing concerned.
    await patch({"project_ids": []})
    assert await _concerns(session, decision) == set()


async def test_a_decision_without_projects_concerns_none(
    client: httpx.AsyncClient, auth_for, session
) -> None:
    coordinator = await auth_for("coordinator")
    meeting = await create_meeting(client, coordinator)
    decision = await add_decision(client, coordinator, meeting, co=("fgw",))
    assert await _concerns(session, decision) == set()
