import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from app.models import AuditEvent
from tests.helpers import assert_problem, tokens, unit_id

URL = "/api/v1/audit-events"


async def test_every_write_records_actor_object_and_request(client, admin):
    uid = await unit_id(client, admin, "rsj")
    etag = (await client.get(f"/api/v1/units/{uid}", headers=admin)).headers["etag"]
    response = await client.patch(
        f"/api/v1/units/{uid}",
        json={"name": "市人社局"},
        headers={**admin, "If-Match": etag, "X-Request-ID": "0f0e0d0c0b0a49988776655443322110"},
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
        URL, params={"action": "auth.login", "limit": 5}, headers=await auth_for("supervisor")
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
        await client.get(URL, params={"actor_id": "x"}, headers=await auth_for("supervisor")), 422
    )


async def test_audit_table_rejects_update_and_delete(session):
    event = AuditEvent(action="test.event", object_type="test")
    session.add(event)
    await session.flush()
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
    ).scalar_one() == "test.event"
