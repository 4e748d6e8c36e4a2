import uuid

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.audit import service as audit_service
from app.audit.schemas import AuditEventFilter
from app.core.pagination import PageParams
from app.core.permissions import Permission
from app.core.principal import Principal
from app.models import AuditEvent, User
from app.users.events import UserRecorded
from tests.helpers import assert_problem, tokens, unit_id

URL = "/api/v1/audit-events"


async def test_every_write_records_actor_object_and_request(client, admin):
    uid = await unit_id(client, admin, "rsj")
    etag = (await client.get(f"/api/v1/units/{uid}", headers=admin)).headers["etag"]
    response = await client.patch(
        f"/api/v1/units/{uid}",
        json={"name": "市人社局"},
        headers={
            **admin,
            "If-Match": etag,
            "X-Request-ID": "0f0e0d0c0b0a49988776655443322110",
        },
    )
    assert response.headers["x-request-id"] == "0f0e0d0c0b0a49988776655443322110"

    events = (await client.get(URL, params={"object_id": uid}, headers=admin)).json()["items"]
    event = events[0]
    assert event["action"] == "unit.update" and event["outcome"] == "success"
    assert event["actor_name"] == "admin" and event["actor_role"] == "admin"
    assert (
        event["before"]["name"] == "市人力资源和社会保障局" and event["after"]["name"] == "市人社局"
    )
    assert event["request_id"] == "0f0e0d0c0b0a49988776655443322110"
    assert event["ip"] == "127.0.0.1" or event["ip"]


async def test_supervisor_reads_audit_log_newest_first(client, auth_for):
    await tokens(client, "leader")
    response = await client.get(
        URL,
        params={"action": "auth.login", "limit": 5},
        headers=await auth_for("supervisor"),
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and items[0]["action"] == "auth.login"
    times = [i["occurred_at"] for i in items]
    assert times == sorted(times, reverse=True)


async def test_audit_log_forbidden_for_coordinator(client, auth_for):
    assert_problem(await client.get(URL, headers=await auth_for("coordinator")), 403)
    assert_problem(await client.get(URL), 401)
    assert_problem(
        await client.get(URL, params={"actor_id": "x"}, headers=await auth_for("supervisor")),
        422,
    )


async def test_audit_table_rejects_update_and_delete(session):
    await audit_service.record_events(
        session, [UserRecorded(actor=None, verb="test_event", object_id=None)]
    )
    await session.flush()
    event = (
        await session.execute(select(AuditEvent).where(AuditEvent.action == "user.test_event"))
    ).scalar_one()
    for statement in (
        update(AuditEvent).where(AuditEvent.id == event.id).values(action="tampered"),
        delete(AuditEvent).where(AuditEvent.id == event.id),
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(statement)
        await savepoint.rollback()
    assert (
        await session.execute(select(AuditEvent.action).where(AuditEvent.id == event.id))
    ).scalar_one() == "user.test_event"


async def _confidential_project(client, auth_for, tag):
    response = await client.post(
        "/api/v1/projects",
        json={
            "name": f"审计保密{tag}",
            "investor_name": f"审计保密{tag}投资有限公司",
            "investor_contacts": [{"name": "王总", "phone": "13800138000"}],
            "industry_chain": "equipment",
            "source_channel": "door-knocking",
            "planned_investment": "20000",
            "is_confidential": True,
        },
        headers=await auth_for("yuhu"),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_admin_reads_who_changed_a_project_but_not_its_content(client, admin, auth_for):
    tag = uuid.uuid4().hex[:8]
    project = await _confidential_project(client, auth_for, tag)
    assert_problem(await client.get(f"/api/v1/projects/{project['id']}", headers=admin), 403)

    page = await client.get(URL, params={"object_id": project["id"]}, headers=admin)
    assert page.status_code == 200
    [event] = page.json()["items"]
    assert event["action"] == "project.create" and event["actor_name"] == "yuhu"
    assert event["before"] is None and event["after"] is None
    assert event["snapshot_withheld"] is True
    assert tag not in page.text and "13800138000" not in page.text
    # Not by another filter either.
    page = await client.get(URL, params={"action": "project.create", "limit": 200}, headers=admin)
    assert tag not in page.text and "13800138000" not in page.text
    # What is the admin's own business stays readable.
    units = await client.get(URL, params={"object_type": "unit"}, headers=admin)
    assert all(not e["snapshot_withheld"] for e in units.json()["items"])


async def test_supervisor_reads_the_whole_project_snapshot(client, auth_for):
    tag = uuid.uuid4().hex[:8]
    project = await _confidential_project(client, auth_for, tag)
    page = await client.get(
        URL, params={"object_id": project["id"]}, headers=await auth_for("supervisor")
    )
    [event] = page.json()["items"]
    assert event["snapshot_withheld"] is False and event["snapshot_redacted"] is False
    after = event["after"]
    assert after["investor_name"] == f"审计保密{tag}投资有限公司"
    assert after["investor_contacts"][0]["phone"] == "13800138000"


async def test_project_snapshot_is_redacted_like_the_project_for_such_a_reader(
    client, session, auth_for
):
    """Were a role that sees projects without confidential investors (as viewers do) granted
    the audit log, it would read snapshots redacted exactly as the project itself."""
    tag = uuid.uuid4().hex[:8]
    project = await _confidential_project(client, auth_for, tag)
    viewer = (await session.execute(select(User).where(User.username == "viewer"))).scalar_one()
    reader = Principal.of_user(viewer)
    reader.permissions = reader.permissions | {Permission.audit_read.value}
    items, _, _ = await audit_service.list_events(
        session,
        reader,
        PageParams(limit=10, cursor=None, include_total=False, sort=None, key=b"test"),
        AuditEventFilter(object_id=project["id"]),
    )
    [event] = items
    assert event.snapshot_redacted is True and event.snapshot_withheld is False
    assert event.after is not None and event.after["name"] == f"审计保密{tag}"
    assert event.after["investor_name"] is None and event.after["investor_contacts"] == []
    assert event.after["possible_duplicate"] is None
    assert tag not in str(event.after.get("investor_name_key"))
