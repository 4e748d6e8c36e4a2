"""The message centre (消息中心): every notification of the caller and only theirs, filtered by
read state and kind, paged by cursor; and every kind of notification leads to its item."""

import re
import uuid
from datetime import timedelta

from sqlalchemy import select, update

from app.core.calendar import business_today
from app.core.time import utcnow
from app.jobs import escalation
from app.models import Notification, Ticket, User
from app.models.enums import NotificationKind
from app.webhooks import delivery as webhook_delivery
from tests.assessments.helpers import round_to_final
from tests.assignments.factories import lead_new_project
from tests.helpers import assert_problem, unit_id
from tests.live_server import free_port
from tests.meetings.factories import add_decision, create_meeting
from tests.projects.factories import create_project, move
from tests.reports.factories import open_period, report_of
from tests.reports.factories import step as step_report
from tests.tickets.factories import URL as TICKETS
from tests.tickets.factories import assigned_ticket, raise_ticket, step

URL = "/api/v1/notifications"
# Where each kind of notification leads: the API resource (and SPA page) of its item.
TARGETS = {
    NotificationKind.assigned: "tickets",
    NotificationKind.nudged: "tickets",
    NotificationKind.escalated: "tickets",
    NotificationKind.resolved: "tickets",
    NotificationKind.returned: "tickets",
    NotificationKind.closed: "tickets",
    NotificationKind.due_soon: "tickets",
    NotificationKind.instructed: "tickets",
    NotificationKind.submitted: "tickets",
    NotificationKind.decision_assigned: "decisions",
    NotificationKind.decision_due_soon: "decisions",
    NotificationKind.decision_overdue: "decisions",
    NotificationKind.meeting_notice: "meetings",
    NotificationKind.evaluation_requested: "projects",
    NotificationKind.report_due_soon: "reports",
    NotificationKind.report_overdue: "reports",
    NotificationKind.report_submitted: "reports",
    NotificationKind.report_returned: "reports",
    NotificationKind.bulletin_published: "bulletins",
    NotificationKind.report_summary_published: "report-periods",
    NotificationKind.assessment_opened: "assessment/rounds",
    NotificationKind.assessment_publicized: "assessment/rounds",
    NotificationKind.objection_raised: "assessment/rounds",
    NotificationKind.objection_answered: "assessment/rounds",
    NotificationKind.assessment_final: "assessment/rounds",
    NotificationKind.webhook_disabled: "webhook-endpoints",
}
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


async def _pages(client, headers, **params) -> list[dict]:
    """Every item of the list, one small page at a time, following the cursor."""
    items: list[dict] = []
    cursor = None
    while True:
        query = {**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = (await client.get(URL, params=query, headers=headers)).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


async def test_filters_by_kind_and_read_state_within_ones_own(client, auth_for):
    ticket = await assigned_ticket(client, auth_for)
    coordinator, zrzy = await auth_for("coordinator"), await auth_for("zrzy")
    nudged = await client.post(
        f"{TICKETS}/{ticket['id']}/nudges", json={"text": "请尽快签收办理"}, headers=coordinator
    )
    assert nudged.status_code == 201, nudged.text
    await assigned_ticket(client, auth_for)

    everything = await _pages(client, zrzy)
    assert len({n["id"] for n in everything}) == len(everything) >= 3
    times = [n["created_at"] for n in everything]
    assert times == sorted(times, reverse=True)

    nudges = (await client.get(URL, params={"kind": "nudged"}, headers=zrzy)).json()["items"]
    assert nudges and {n["kind"] for n in nudges} == {"nudged"}
    assert nudges[0]["link"] == f"/tickets/{ticket['id']}"
    both = await _pages(client, zrzy, kind=["nudged", "assigned"])
    assert {n["kind"] for n in both} == {"nudged", "assigned"}
    assert len(both) == sum(1 for n in everything if n["kind"] in ("nudged", "assigned"))

    total = await client.get(
        URL, params={"kind": "assigned", "include_total": True, "limit": 1}, headers=zrzy
    )
    assert total.json()["total"] == sum(1 for n in everything if n["kind"] == "assigned")

    await client.post(f"{URL}/{nudges[0]['id']}/read", headers=zrzy)
    unread = await _pages(client, zrzy, unread=True)
    read = await _pages(client, zrzy, unread=False)
    assert nudges[0]["id"] in {n["id"] for n in read}
    assert nudges[0]["id"] not in {n["id"] for n in unread}
    assert all(n["read_at"] is None for n in unread) and all(n["read_at"] for n in read)
    assert len(unread) + len(read) == len(everything)
    unread_nudges = await _pages(client, zrzy, unread=True, kind="nudged")
    assert nudges[0]["id"] not in {n["id"] for n in unread_nudges}

    # Another department's officer sees none of these, whatever the filter.
    fgw = await _pages(client, await auth_for("fgw"), kind=["nudged", "assigned"])
    assert not {n["id"] for n in fgw} & {n["id"] for n in everything}


async def test_bad_filters_are_refused(client, auth_for):
    zrzy = await auth_for("zrzy")
    assert_problem(await client.get(URL, params={"kind": "lottery"}, headers=zrzy), 422)
    assert_problem(await client.get(URL, params={"unread": "maybe"}, headers=zrzy), 422)
    assert_problem(await client.get(URL, params={"kind": "nudged"}), 401)


async def _unreachable_endpoint(client, admin, yuhu) -> None:
    partner = await client.post(
        "/api/v1/api-clients",
        json={
            "name": "雨湖区政务平台",
            "unit_id": await unit_id(client, admin, "yuhu"),
            "scopes": ["projects:read"],
        },
        headers=admin,
    )
    endpoint = await client.post(
        "/api/v1/webhook-endpoints",
        json={
            "api_client_id": partner.json()["id"],
            "url": f"http://127.0.0.1:{free_port()}/hooks",
            "event_types": ["project.created"],
        },
        headers=admin,
    )
    assert endpoint.status_code == 201, endpoint.text
    await create_project(client, yuhu, name="推送失败的项目")


async def test_every_kind_leads_to_its_item(app, client, auth_for, session, settings):
    """One of each kind is caused the way users cause it; its link opens the item it is about
    for the person it reached."""
    assert set(TARGETS) == set(NotificationKind), "a new kind needs a target here and in the SPA"
    started = utcnow() - timedelta(seconds=1)
    yuhu, coordinator = await auth_for("yuhu"), await auth_for("coordinator")
    zrzy, supervisor = await auth_for("zrzy"), await auth_for("supervisor")
    project, leader = await lead_new_project(client, auth_for)
    ticket = await raise_ticket(client, yuhu, project["id"])  # submitted
    submitted = await move(client, yuhu, project, "evaluation")  # evaluation_requested
    assert submitted.status_code == 201, submitted.text
    zrzy_id = await unit_id(client, coordinator, "zrzy")
    assigned = await step(client, coordinator, ticket, "assigned", lead_department_id=zrzy_id)
    assert assigned.status_code == 201, assigned.text
    for path, headers, text in (
        ("nudges", coordinator, "请尽快签收办理"),
        ("instructions", leader, "请加快办理"),
        ("escalations", supervisor, "企业反映多次催促无果"),
    ):
        body = {"reason": text} if path == "escalations" else {"text": text}
        made = await client.post(f"{TICKETS}/{ticket['id']}/{path}", json=body, headers=headers)
        assert made.status_code == 201, made.text
    for to, headers, extra in (
        ("accepted", zrzy, {}),
        ("in_progress", zrzy, {}),
        ("resolved", zrzy, {"note": "已完成用地报批"}),
        ("in_progress", yuhu, {"note": "报批材料不全"}),  # returned
        ("resolved", zrzy, {"note": "已补齐材料完成报批"}),
        ("closed", yuhu, {"satisfaction": 5}),
    ):
        moved = await step(client, headers, ticket, to, **extra)
        assert moved.status_code == 201, moved.text

    due = await assigned_ticket(client, auth_for, title="临时用电接入协调")
    await session.execute(
        update(Ticket).where(Ticket.id == uuid.UUID(due["id"])).values(due_date=business_today())
    )
    old = await create_meeting(client, coordinator, days_ago=40)
    past = (business_today() - timedelta(days=3)).isoformat()
    await add_decision(client, coordinator, old, due_date=past)  # decision_assigned
    await add_decision(client, coordinator, old, due_date=business_today().isoformat())
    await create_meeting(client, coordinator, days_ago=-2)  # meeting_notice
    # Reports: a deadline today (report_due_soon), one passed (report_overdue); yuhu submits
    # (report_submitted) and the coordinator returns it (report_returned).
    await open_period(client, coordinator, 2025, 1, deadline=business_today().isoformat())
    await open_period(client, coordinator, 2025, 2, deadline="2025-03-07")
    second = await open_period(client, coordinator, 2025, 3)
    report = await report_of(client, yuhu, second["id"])
    for headers, expected, to, reason in (
        (yuhu, "draft", "submitted", None),
        (coordinator, "submitted", "returned", "请补充重点项目进展"),
    ):
        moved = await step_report(client, headers, report, expected, to, reason)
        assert moved.status_code == 201, moved.text
    bulletin = await client.post(
        "/api/v1/bulletins", json={"year": 2025, "half": 2}, headers=coordinator
    )
    published = await client.post(
        f"/api/v1/bulletins/{bulletin.json()['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=coordinator,
    )
    assert published.status_code == 201, published.text  # bulletin_published
    # The coordinator publishes the month's city summary (report_summary_published).
    summary = f"/api/v1/report-periods/{second['id']}/summary"
    for path, body, etag in (
        ("analysis", {"analysis": "本月全市汇总分析"}, '"0"'),
        ("versions", {}, '"1"'),
    ):
        made = await client.request(
            "PUT" if path == "analysis" else "POST",
            f"{summary}/{path}",
            json=body,
            headers={**coordinator, "If-Match": etag},
        )
        assert made.status_code in (200, 201), made.text
    # 年度考核: opened, publicised, objected to, answered and confirmed.
    await round_to_final(client, coordinator, supervisor, yuhu, year=2004)
    # A partner's webhook receiver that stays unreachable for a day (webhook_disabled).
    await _unreachable_endpoint(client, await auth_for("admin"), yuhu)
    await webhook_delivery.run_once(app)
    await webhook_delivery.run_once(app, now=utcnow() + timedelta(hours=25))
    await session.flush()
    assert (await escalation.run(session, settings)).ran  # due_soon, decision reminders
    session.expire_all()

    stmt = (
        select(Notification.kind, Notification.link, User.username)
        .join(User, User.id == Notification.user_id)
        .where(Notification.created_at >= started)
        .order_by(Notification.created_at)
    )
    first_of_kind: dict[str, tuple[str, str]] = {}
    for kind, link, username in (await session.execute(stmt)).all():
        assert re.fullmatch(f"/{TARGETS[NotificationKind(kind)]}/{UUID}", link), (kind, link)
        first_of_kind.setdefault(kind, (link, username))
    assert set(first_of_kind) == {k.value for k in NotificationKind}
    for kind, (link, username) in first_of_kind.items():
        opened = await client.get(f"/api/v1{link}", headers=await auth_for(username))
        assert opened.status_code == 200, (kind, username, opened.text)
