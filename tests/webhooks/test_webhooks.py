"""Webhooks as a partner system receives them: a real HTTP receiver on loopback, signatures
checked with the Standard Webhooks reference library, payloads compared with what the API
returns to the same client, and a receiver that is down for a while."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from app.core.config import Settings
from app.core.time import utcnow
from app.jobs import escalation
from app.models import ChangeEvent, Ticket, WebhookEndpoint
from app.webhooks import delivery
from app.webhooks.service import check_url
from tests.helpers import TOKEN_URL, assert_problem, bearer, unit_id
from tests.projects.factories import create_project
from tests.tickets.factories import assigned_ticket, raise_ticket
from tests.webhooks.receiver import Message, Receiver

PROJECT_TYPES = ["project.created", "project.updated", "project.stage_changed"]
ENDPOINTS = "/api/v1/webhook-endpoints"


async def partner(
    client: Any,
    admin: dict[str, str],
    unit: str = "yuhu",
    scopes: tuple[str, ...] = ("projects:read", "tickets:read", "webhooks:manage"),
) -> tuple[dict[str, Any], dict[str, str]]:
    """A partner client registered by the admin, and its bearer headers."""
    created = await client.post(
        "/api/v1/api-clients",
        json={
            "name": f"{unit}政务平台",
            "unit_id": await unit_id(client, admin, unit),
            "scopes": list(scopes),
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    token = await client.post(
        TOKEN_URL,
        data={
            "grant_type": "client_credentials",
            "client_id": body["client_id"],
            "client_secret": body["client_secret"],
        },
    )
    return body, bearer(token.json()["access_token"])


async def subscribe(
    client: Any, headers: dict[str, str], url: str, types: list[str], **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        ENDPOINTS, json={"url": url, "event_types": types, **extra}, headers=keyed(headers)
    )
    assert response.status_code == 201, response.text
    return response.json()


def keyed(headers: dict[str, str]) -> dict[str, str]:
    """A partner's POST carries an Idempotency-Key."""
    return {**headers, "Idempotency-Key": str(uuid.uuid4())}


def verified(message: Message, secret: str) -> Any:
    """The payload, after the reference library checked its signature."""
    return Webhook(secret).verify(message.body, message.headers)


@pytest.fixture
async def receiver():
    r = Receiver()
    await r.start()
    yield r
    if r._server is not None:
        await r.stop()


async def test_partner_receives_signed_events_showing_what_its_api_shows(
    app, client, admin, auth_for, receiver
):
    partner_client, partner_headers = await partner(client, admin)
    endpoint = await subscribe(
        client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"]
    )
    assert endpoint["secret"].startswith("whsec_") and endpoint["event_types"] == sorted(
        PROJECT_TYPES
    )
    listed = (await client.get(ENDPOINTS, headers=admin)).json()["items"]
    assert all("secret" not in e for e in listed)

    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, is_confidential=True, name="保密签约项目")
    url = f"/api/v1/projects/{project['id']}"
    etag = (await client.get(url, headers=yuhu)).headers["etag"]
    changed = await client.patch(
        url, json={"name": "保密签约项目（二期）"}, headers={**yuhu, "If-Match": etag}
    )
    assert changed.status_code == 200, changed.text

    result = await delivery.run_once(app)
    assert result.delivered == 2
    assert [m.type for m in receiver.messages] == ["project.created", "project.updated"]
    as_partner = (await client.get(url, headers=partner_headers)).json()
    for message in receiver.messages:
        payload = verified(message, endpoint["secret"])
        assert payload["data"]["object_type"] == "project"
        assert payload["data"]["id"] == project["id"]
        # What the partner's own GET returns: the confidential investor hidden.
        assert payload["data"]["object"] == as_partner
        assert payload["data"]["object"]["investor_name"] != project["investor_name"]
    # A tampered body, or another secret, does not verify.
    first = receiver.messages[0]
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["secret"]).verify(
            first.body.replace(b"project", b"tampered"), first.headers
        )
    assert len({m.headers["webhook-id"] for m in receiver.messages}) == 2

    deliveries = (
        await client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries", headers=partner_headers)
    ).json()["items"]
    assert {d["state"] for d in deliveries} == {"delivered"}
    assert {d["message_id"] for d in deliveries} == {
        m.headers["webhook-id"] for m in receiver.messages
    }
    detail = (
        await client.get(
            f"{ENDPOINTS}/{endpoint['id']}/deliveries/{deliveries[0]['id']}", headers=admin
        )
    ).json()
    assert detail["attempt_log"][0]["status_code"] == 200
    assert detail["attempt_log"][0]["response_snippet"] == "已收到"
    assert detail["payload"]["type"] == deliveries[0]["type"]


async def test_only_subscribed_types_of_objects_the_client_may_read_are_sent(
    app, client, admin, auth_for, receiver
):
    partner_client, _ = await partner(client, admin)
    await subscribe(
        client, admin, receiver.url, ["project.created"], api_client_id=partner_client["id"]
    )
    # Another district's project: the 雨湖区 partner cannot read it, so it never hears of it.
    await create_project(client, await auth_for("yuetang"), name="岳塘区项目")
    # Its own unit's ticket: not subscribed.
    yuhu = await auth_for("yuhu")
    own = await create_project(client, yuhu, name="雨湖区项目")
    await raise_ticket(client, yuhu, own["id"])

    await delivery.run_once(app)
    assert [(m.type, m.payload["data"]["id"]) for m in receiver.messages] == [
        ("project.created", own["id"])
    ]


async def test_a_receiver_down_for_a_while_gets_every_event_later_in_order(
    app, client, admin, auth_for, receiver
):
    partner_client, partner_headers = await partner(client, admin)
    endpoint = await subscribe(
        client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"]
    )
    await receiver.stop()

    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"/api/v1/projects/{project['id']}"
    for name in ("更名一次", "更名两次"):
        etag = (await client.get(url, headers=yuhu)).headers["etag"]
        response = await client.patch(url, json={"name": name}, headers={**yuhu, "If-Match": etag})
        assert response.status_code == 200

    down = await delivery.run_once(app)
    # Only the oldest event of the object is tried while it is undelivered.
    assert down.delivered == 0 and down.failed_attempts == 1
    items = (
        await client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries", headers=partner_headers)
    ).json()["items"]
    assert len(items) == 3 and {d["state"] for d in items} == {"pending"}
    tried = next(d for d in items if d["attempts"] == 1)
    assert tried["type"] == "project.created" and tried["last_status"] is None
    assert "ConnectError" in tried["last_error"]
    failing = (await client.get(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)).json()
    assert failing["failing_since"] is not None and failing["is_active"]

    # Not yet due: nothing is sent before the back-off is over.
    await receiver.start()
    assert (await delivery.run_once(app)).delivered == 0

    later = await delivery.run_once(app, now=utcnow() + timedelta(minutes=5))
    assert later.delivered == 3
    assert [m.type for m in receiver.messages] == [
        "project.created",
        "project.updated",
        "project.updated",
    ]
    recovered = (await client.get(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)).json()
    assert recovered["failing_since"] is None


async def test_a_day_of_failures_gives_up_and_disables_the_endpoint(
    app, client, admin, auth_for, receiver
):
    receiver.status = 500
    partner_client, _ = await partner(client, admin)
    endpoint = await subscribe(
        client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"]
    )
    yuhu = await auth_for("yuhu")
    await create_project(client, yuhu)
    assert (await delivery.run_once(app)).failed_attempts == 1
    retried = await delivery.run_once(app, now=utcnow() + timedelta(hours=25))
    assert retried.failed_attempts == 1 and len(receiver.messages) == 2

    path = f"{ENDPOINTS}/{endpoint['id']}"
    disabled = await client.get(path, headers=admin)
    assert disabled.json()["is_active"] is False
    assert "推送失败" in disabled.json()["disabled_reason"]
    failed = (
        await client.get(f"{path}/deliveries", params={"state": "failed"}, headers=admin)
    ).json()
    assert [d["attempts"] for d in failed["items"]] == [2]
    assert failed["items"][0]["last_status"] == 500
    inbox = (await client.get("/api/v1/notifications", headers=admin)).json()["items"]
    notice = next(n for n in inbox if n["kind"] == "webhook_disabled")
    assert notice["link"] == f"/webhook-endpoints/{endpoint['id']}"

    # While disabled, nothing more is prepared for it.
    await create_project(client, yuhu)
    assert (await delivery.run_once(app)).dispatched == 1
    assert len(receiver.messages) == 2

    # Re-enabled by the admin, with the receiver fixed, it hears of what comes next.
    receiver.status = 204
    enabled = await client.patch(
        path, json={"is_active": True}, headers={**admin, "If-Match": disabled.headers["etag"]}
    )
    assert enabled.status_code == 200 and enabled.json()["failing_since"] is None
    third = await create_project(client, yuhu)
    assert (await delivery.run_once(app)).delivered == 1
    assert receiver.messages[-1].payload["data"]["id"] == third["id"]


async def test_a_rotated_secret_signs_beside_the_old_one_for_a_day(
    app, client, admin, auth_for, receiver, session
):
    partner_client, partner_headers = await partner(client, admin)
    endpoint = await subscribe(client, partner_headers, receiver.url, ["project.created"])
    assert endpoint["api_client_id"] == partner_client["id"]
    rotated = await client.post(
        f"{ENDPOINTS}/{endpoint['id']}/rotate-secret",
        headers=keyed(partner_headers),
    )
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret != endpoint["secret"]

    yuhu = await auth_for("yuhu")
    await create_project(client, yuhu)
    await delivery.run_once(app)
    message = receiver.messages[-1]
    assert len(message.headers["webhook-signature"].split(" ")) == 2
    verified(message, new_secret)
    verified(message, endpoint["secret"])

    # A day later only the new secret signs.
    await session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == uuid.UUID(endpoint["id"]))
        .values(previous_secret_expires_at=utcnow() - timedelta(seconds=1))
    )
    await session.flush()
    await create_project(client, yuhu)
    await delivery.run_once(app)
    message = receiver.messages[-1]
    assert len(message.headers["webhook-signature"].split(" ")) == 1
    verified(message, new_secret)
    with pytest.raises(WebhookVerificationError):
        verified(message, endpoint["secret"])


async def test_redelivery_sends_the_same_message_again(app, client, admin, auth_for, receiver):
    partner_client, _ = await partner(client, admin)
    endpoint = await subscribe(
        client, admin, receiver.url, ["project.created"], api_client_id=partner_client["id"]
    )
    await create_project(client, await auth_for("yuhu"))
    await delivery.run_once(app)
    path = f"{ENDPOINTS}/{endpoint['id']}/deliveries"
    sent = (await client.get(path, headers=admin)).json()["items"][0]

    again = await client.post(f"{path}/{sent['id']}/redeliver", headers=admin)
    assert again.status_code == 200 and again.json()["state"] == "pending"
    assert_problem(
        await client.post(f"{path}/{sent['id']}/redeliver", headers=admin),
        409,
        "delivery_pending",
    )
    await delivery.run_once(app)
    first, second = receiver.messages
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == sent["message_id"]
    assert first.body == second.body
    detail = (await client.get(f"{path}/{sent['id']}", headers=admin)).json()
    assert detail["state"] == "delivered" and len(detail["attempt_log"]) == 2


async def test_a_partner_manages_its_own_endpoints_within_its_scopes(client, admin, receiver):
    _, first_headers = await partner(client, admin)
    _, other_headers = await partner(client, admin, unit="yuetang")
    _, reader_headers = await partner(client, admin, scopes=("projects:read",))

    own = await subscribe(client, first_headers, receiver.url, ["project.created"])
    path = f"{ENDPOINTS}/{own['id']}"
    assert (await client.get(path, headers=first_headers)).status_code == 200
    assert_problem(await client.get(path, headers=other_headers), 404, "not_found")
    assert [
        e["id"] for e in (await client.get(ENDPOINTS, headers=other_headers)).json()["items"]
    ] == []
    assert own["id"] in {
        e["id"] for e in (await client.get(ENDPOINTS, headers=admin)).json()["items"]
    }

    refused = await client.post(
        ENDPOINTS,
        json={"url": receiver.url, "event_types": ["meeting.published"]},
        headers=keyed(first_headers),
    )
    assert_problem(refused, 422, "scope_not_granted")
    someone_else = await client.post(
        ENDPOINTS,
        json={
            "url": receiver.url,
            "event_types": ["project.created"],
            "api_client_id": str(uuid.uuid4()),
        },
        headers=keyed(first_headers),
    )
    assert_problem(someone_else, 422, "not_own_client")
    # Without `webhooks:manage` a partner manages none.
    assert_problem(await client.get(ENDPOINTS, headers=reader_headers), 403, "forbidden")
    # An admin names the client.
    assert_problem(
        await client.post(
            ENDPOINTS, json={"url": receiver.url, "event_types": ["project.created"]}, headers=admin
        ),
        422,
        "client_required",
    )
    types = (await client.get("/api/v1/webhook-event-types", headers=first_headers)).json()
    ticket = next(t for t in types if t["type"] == "ticket.resolved")
    assert ticket["scope"] == "tickets:read" and ticket["object_path"] == "/api/v1/tickets/{id}"

    etag = (await client.get(path, headers=first_headers)).headers["etag"]
    deleted = await client.delete(path, headers={**first_headers, "If-Match": etag})
    assert deleted.status_code == 204
    assert_problem(await client.get(path, headers=first_headers), 404, "not_found")


async def test_a_deleted_lead_is_told_to_its_own_units_partners_only(
    app, client, admin, auth_for, receiver
):
    own, _ = await partner(client, admin)
    other, _ = await partner(client, admin, unit="yuetang")
    for partner_client in (own, other):
        await subscribe(
            client, admin, receiver.url, ["project.deleted"], api_client_id=partner_client["id"]
        )
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"/api/v1/projects/{project['id']}"
    etag = (await client.get(url, headers=yuhu)).headers["etag"]
    assert (await client.delete(url, headers={**yuhu, "If-Match": etag})).status_code == 204

    await delivery.run_once(app)
    [message] = receiver.messages
    assert message.type == "project.deleted"
    assert message.payload["data"] == {
        "object_type": "project",
        "id": project["id"],
        "change": {"code": project["code"]},
        "object": None,
    }


async def test_ticket_steps_and_its_deadline_passing_reach_the_raising_district(
    app, client, admin, auth_for, receiver, session, settings: Settings
):
    partner_client, partner_headers = await partner(client, admin)
    types = ["ticket.raised", "ticket.assigned", "ticket.overdue", "ticket.escalated"]
    await subscribe(client, admin, receiver.url, types, api_client_id=partner_client["id"])
    ticket = await assigned_ticket(client, auth_for)
    yesterday = utcnow().date() - timedelta(days=1)
    await session.execute(
        update(Ticket).where(Ticket.id == uuid.UUID(ticket["id"])).values(due_date=yesterday)
    )
    await session.flush()
    await escalation.run(session, settings)
    await escalation.run(session, settings)  # told once, not again
    await session.flush()

    await delivery.run_once(app)
    mine = [m.type for m in receiver.of(ticket["id"])]
    assert mine == ["ticket.raised", "ticket.assigned", "ticket.overdue"]
    overdue = receiver.of(ticket["id"])[-1].payload["data"]
    assert overdue["change"] == {"due_date": yesterday.isoformat()}
    as_partner = await client.get(f"/api/v1/tickets/{ticket['id']}", headers=partner_headers)
    assert overdue["object"] == as_partner.json()


async def test_nothing_is_kept_for_events_no_partner_can_subscribe_to(client, admin, session):
    """Sign-ins and administration write no outbox rows."""
    before = len((await session.execute(select(ChangeEvent.id))).all())
    await partner(client, admin)
    after = len((await session.execute(select(ChangeEvent.id))).all())
    assert after == before


def test_production_refuses_loopback_and_private_receivers(settings: Settings):
    production = settings.model_copy(update={"app_env": "production"})
    for url in (
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data",
    ):
        with pytest.raises(Exception) as refused:
            check_url(production, url)
        assert refused.value.code == "private_url"  # type: ignore[attr-defined]
    check_url(production, "https://partner.xiangtan.gov.cn/hooks")
    check_url(
        production.model_copy(update={"webhook_allow_private_urls": True}), "http://10.1.2.3/h"
    )
    with pytest.raises(Exception) as refused:
        check_url(settings, "http://user:pw@partner.example/hook")
    assert refused.value.code == "invalid_url"  # type: ignore[attr-defined]


async def test_an_event_held_by_another_dispatcher_holds_back_its_objects_later_ones(
    app, client, admin, auth_for, receiver, session
):
    """Two dispatchers can fan out one object's events in two batches; the later one's
    delivery waits until the earlier event is fanned out and sent."""
    partner_client, _ = await partner(client, admin)
    await subscribe(client, admin, receiver.url, PROJECT_TYPES, api_client_id=partner_client["id"])
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    url = f"/api/v1/projects/{project['id']}"
    etag = (await client.get(url, headers=yuhu)).headers["etag"]
    await client.patch(url, json={"name": "改名"}, headers={**yuhu, "If-Match": etag})
    created = (
        await session.execute(
            select(ChangeEvent).where(
                ChangeEvent.object_id == uuid.UUID(project["id"]),
                ChangeEvent.type == "project.created",
            )
        )
    ).scalar_one()
    # Another dispatcher holds the creation (and is slow about it).
    created.claimed_by, created.claimed_until = uuid.uuid4(), utcnow() + timedelta(minutes=5)
    await session.flush()

    held = await delivery.run_once(app)
    assert held.dispatched == 1 and held.delivered == 0 and receiver.messages == []
    # Its claim runs out; the next run fans the creation out and sends both, in order.
    later = await delivery.run_once(app, now=utcnow() + timedelta(minutes=6))
    assert later.delivered == 2
    assert [m.type for m in receiver.messages] == ["project.created", "project.updated"]
