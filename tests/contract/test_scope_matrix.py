"""Scope cannot be skipped: every route with an id in its path, called by each scoped role with
the id of an object of another unit, answers 404 — exactly as if the object did not exist — or
403 where the role may not use the route at all (as tests/contract/route_roles.csv says).

The objects belong to 岳塘区 and 市发改委, led and chaired by a leader of their own; the callers
are 雨湖区's officer, 自然资源局's officer, 周文斌 (leader3), the read-only viewer and a partner
system bound to 雨湖区. A new route with an id in its path fails here until its body below says
how to call it, and a new kind of id until SCOPED or UNSCOPED names it.
"""

import csv
import io
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.models import ChangeEvent, Notification, User, WebhookDelivery
from tests.assessments.helpers import ROUNDS, item_of, publish_scheme, score_everything
from tests.conftest import TokenFor
from tests.helpers import partner_minted, unit_id
from tests.meetings.factories import MEETINGS, add_decision, create_meeting, move
from tests.projects.factories import URL as PROJECTS
from tests.projects.factories import create_project
from tests.reports.factories import open_period, report_of
from tests.tickets.factories import URL as TICKETS
from tests.tickets.factories import raise_ticket, step

SELF_REPORTS = "/api/v1/assessment/self-reports"
HOOKS = "/api/v1/webhook-endpoints/{endpoint_id}"
TABLE = Path(__file__).with_name("route_roles.csv")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# Which object a path id names: the scope rule of that object's domain decides.
SCOPED = {
    "project_id": "project",
    "assignment_id": "project",
    "member_id": "project",
    "ticket_id": "ticket",
    "letter_id": "ticket",
    "attachment_id": "owner",  # the ticket's or the meeting's, by the path it sits under
    "meeting_id": "meeting",
    "decision_id": "meeting",
    "notification_id": "notification",
    "report_id": "report",
    # A unit's self-reports (and their evidence) and objections: the unit's and the office's.
    "self_report_id": "assessment",
    "objection_id": "assessment",
    "nomination_id": "assessment",
    # A partner's webhook endpoints and their deliveries: that client's (and the admin's).
    "endpoint_id": "webhook",
    "delivery_id": "webhook",
}
# Ids of objects every holder of the route's permission may see: administration (units, users,
# partner clients, dictionaries) and the year's review round, which is one for the whole city
# (its candidates follow project scope: tests/meetings/test_reviews.py).
# A 半年度通报 is one for the whole city too: published, every unit reads it; a draft answers 404
# to units whatever its id (tests/bulletins), and the indicators are the city's.
UNSCOPED = {
    "unit_id",
    "user_id",
    "client_id",
    "item_id",
    "round_id",
    "candidate_id",
    # Reporting periods are the city's; the reports in them follow the units' scope.
    "period_id",
    "bulletin_id",
    "indicator_id",
    # 考核方案 are the city's too: published, every unit reads them; a draft answers 404 to
    # units (tests/assessments).
    "scheme_id",
}

# Callers whose scope is their own unit (or the project they lead), and the kinds of object
# they see city-wide all the same: leaders and viewers read every project.
CALLERS = ("yuhu", "zrzy", "leader3", "viewer", "partner")
SEES_ALL = {"leader3": {"project", "report"}, "viewer": {"project", "report"}}
TABLE_COLUMN = {
    "yuhu": "unit_officer",
    "zrzy": "department_officer",
    "leader3": "leader",
    "viewer": "viewer",
    "partner": "partner",
}


@dataclass
class World:
    ids: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)


def _table() -> dict[tuple[str, str], dict[str, str]]:
    with TABLE.open(newline="") as f:
        return {(row["method"], row["path"]): row for row in csv.DictReader(f)}


def _bodies(refs: dict[str, str]) -> dict[tuple[str, str], dict[str, Any]]:
    """A request each route accepts from someone in scope, so only scope can refuse it."""
    ticket_note = {"json": {"text": "请于本周内反馈办理情况"}}
    upload = {"files": {"file": ("说明.pdf", io.BytesIO(PDF), "application/pdf")}}
    p, t, m, d = "/api/v1/projects/{project_id}", TICKETS + "/{ticket_id}", MEETINGS, "/api/v1"
    return {
        ("PATCH", p): {"json": {"name": "改名后的项目"}, "if_match": True},
        ("DELETE", p): {"if_match": True},
        ("POST", p + "/transitions"): {
            "json": {"to_stage": "evaluation", "expected_stage": "lead"}
        },
        ("POST", p + "/approvals"): {"json": {"opinion": "同意推进"}},
        ("POST", p + "/evaluations"): {
            "json": {
                "items": [{"key": "fit", "label": "产业契合度", "score": 20, "max_score": 30}],
                "conclusion": "recommend",
            }
        },
        ("POST", p + "/follow-ups"): {
            "json": {
                "kind": "visit",
                "occurred_on": "2026-11-02",
                "participants": "张三",
                "notes": "上门走访",
            }
        },
        ("PUT", p + "/key"): {"json": {"is_key": True}},
        ("POST", p + "/assignments"): {"json": {"leader_id": refs["leader"]}},
        ("POST", "/api/v1/assignments/{assignment_id}/end"): {"json": {"reason": "工作调整"}},
        ("POST", p + "/service-team/members"): {"json": {"unit_id": refs["zrzy_unit"]}},
        ("DELETE", p + "/service-team/members/{member_id}"): {},
        ("POST", t + "/transitions"): {
            "json": {"expected_state": "assigned", "to_state": "accepted"}
        },
        ("POST", t + "/comments"): ticket_note,
        ("POST", t + "/nudges"): ticket_note,
        ("POST", t + "/instructions"): ticket_note,
        ("POST", t + "/escalations"): {"json": {"reason": "逾期未办理，予以督办"}},
        ("POST", t + "/attachments"): upload,
        ("PATCH", m + "/{meeting_id}"): {"json": {"title": "改名后的会议"}, "if_match": True},
        ("POST", m + "/{meeting_id}/transitions"): {
            "json": {"expected_state": "published", "to_state": "held"}
        },
        ("POST", m + "/{meeting_id}/minutes-versions"): {
            "json": {"minutes": "修订后的纪要全文。", "reason": "补充议定事项"}
        },
        ("POST", m + "/{meeting_id}/decisions"): {
            "json": {"text": "做好要素保障", "responsible_unit_id": refs["zrzy_unit"]}
        },
        ("POST", m + "/{meeting_id}/attachments"): upload,
        ("PATCH", d + "/decisions/{decision_id}"): {
            "json": {"text": "改写后的议定事项"},
            "if_match": True,
        },
        ("POST", d + "/decisions/{decision_id}/transitions"): {
            "json": {"expected_state": "open", "to_state": "in_progress"}
        },
        ("POST", d + "/decisions/{decision_id}/updates"): {"json": {"note": "已完成用地预审"}},
        ("POST", d + "/decisions/{decision_id}/tickets"): {"json": {"category": "land"}},
        ("POST", "/api/v1/notifications/{notification_id}/read"): {},
        ("PATCH", d + "/reports/{report_id}"): {"json": {"measures": "改写"}, "if_match": True},
        ("POST", d + "/reports/{report_id}/refresh"): {"if_match": True},
        ("POST", d + "/reports/{report_id}/transitions"): {
            "json": {"expected_state": "draft", "to_state": "submitted"}
        },
        ("POST", SELF_REPORTS + "/{self_report_id}/attachments"): upload,
        ("POST", d + "/assessment/objections/{objection_id}/transitions"): {
            "json": {"expected_state": "pending", "to_state": "rejected", "answer": "不予采纳"}
        },
        ("POST", d + "/assessment/nominations/{nomination_id}/transitions"): {
            "json": {"expected_state": "pending", "to_state": "rejected", "answer": "不予同意"}
        },
        ("PATCH", HOOKS): {"json": {"description": "改写"}, "if_match": True},
        ("DELETE", HOOKS): {"if_match": True},
        ("POST", HOOKS + "/rotate-secret"): {},
        ("POST", HOOKS + "/deliveries/{delivery_id}/redeliver"): {},
    }


async def _world(client: httpx.AsyncClient, auth_for: TokenFor, session: AsyncSession) -> World:
    """Objects of 岳塘区, 发改委 and a leader of their own — none of them the callers'."""
    coordinator, yuetang = await auth_for("coordinator"), await auth_for("yuetang")
    world = World()
    admin = await auth_for("admin")
    # Every demo leader already leads a project (one each): the objects get a leader of their own.
    created = await client.post(
        "/api/v1/users",
        json={
            "username": "leader9",
            "full_name": "李明远",
            "role": "leader",
            "unit_id": await unit_id(client, admin, "sld"),
            "password": "Xiangtan@2026a",
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    world.refs["leader"] = created.json()["id"]
    world.refs["zrzy_unit"] = await unit_id(client, coordinator, "zrzy")

    project = await create_project(client, yuetang, name="岳塘区新材料产业园")
    world.ids["project_id"] = project["id"]
    lead = await client.post(
        f"{PROJECTS}/{project['id']}/assignments",
        json={"leader_id": world.refs["leader"]},
        headers=coordinator,
    )
    assert lead.status_code == 201, lead.text
    world.ids["assignment_id"] = lead.json()["id"]
    key = await client.put(
        f"{PROJECTS}/{project['id']}/key", json={"is_key": True}, headers=coordinator
    )
    assert key.status_code == 200, key.text
    member = await client.post(
        f"{PROJECTS}/{project['id']}/service-team/members",
        json={"unit_id": await unit_id(client, coordinator, "fgw")},
        headers=coordinator,
    )
    assert member.status_code == 201, member.text
    world.ids["member_id"] = member.json()["sections"][0]["id"]

    ticket = await raise_ticket(client, yuetang, project["id"])
    assigned = await step(
        client,
        coordinator,
        ticket,
        "assigned",
        lead_department_id=await unit_id(client, coordinator, "fgw"),
    )
    assert assigned.status_code == 201, assigned.text
    world.ids["ticket_id"] = ticket["id"]
    letters = await client.get(f"{TICKETS}/{ticket['id']}/letters", headers=coordinator)
    world.ids["letter_id"] = letters.json()[0]["id"]
    upload = await client.post(
        f"{TICKETS}/{ticket['id']}/attachments",
        files={"file": ("说明.pdf", io.BytesIO(PDF), "application/pdf")},
        headers=yuetang,
    )
    assert upload.status_code == 201, upload.text
    world.ids["ticket_attachment_id"] = upload.json()["id"]
    fgw_officer = (await session.execute(select(User).where(User.username == "fgw"))).scalar_one()
    notification = (
        (await session.execute(select(Notification).where(Notification.user_id == fgw_officer.id)))
        .scalars()
        .first()
    )
    assert notification is not None
    world.ids["notification_id"] = str(notification.id)

    meeting = await create_meeting(
        client, coordinator, units=("yuetang", "fgw"), chair="leader9", days_ago=2
    )
    world.ids["meeting_id"] = meeting["id"]
    decision = await add_decision(client, coordinator, meeting, responsible="yuetang")
    world.ids["decision_id"] = decision["id"]
    upload = await client.post(
        f"{MEETINGS}/{meeting['id']}/attachments",
        files={"file": ("议程.pdf", io.BytesIO(PDF), "application/pdf")},
        headers=coordinator,
    )
    assert upload.status_code == 201, upload.text
    world.ids["meeting_attachment_id"] = upload.json()["id"]
    assert (await move(client, coordinator, meeting, "held")).status_code == 201
    etag = (await client.get(f"{MEETINGS}/{meeting['id']}", headers=coordinator)).headers["etag"]
    patched = await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"minutes_draft": "会议研究了新材料产业园用地问题。"},
        headers={**coordinator, "If-Match": etag},
    )
    assert patched.status_code == 200, patched.text
    assert (await move(client, coordinator, meeting, "published")).status_code == 201
    period = await open_period(client, coordinator, 2025, 10)
    world.ids["report_id"] = (await report_of(client, yuetang, period["id"]))["id"]
    await _assessment(client, coordinator, yuetang, world)
    await _webhook(client, admin, session, world)
    return world


async def _webhook(client: httpx.AsyncClient, admin, session: AsyncSession, world: World) -> None:
    """An endpoint of 岳塘区's partner system, with one delivered message."""
    partner = await client.post(
        "/api/v1/api-clients",
        json={
            "name": "岳塘区政务平台",
            "unit_id": await unit_id(client, admin, "yuetang"),
            "scopes": ["projects:read"],
        },
        headers=admin,
    )
    endpoint = await client.post(
        "/api/v1/webhook-endpoints",
        json={
            "api_client_id": partner.json()["id"],
            "url": "http://127.0.0.1:9/hooks",
            "event_types": ["project.created"],
        },
        headers=admin,
    )
    assert endpoint.status_code == 201, endpoint.text
    world.ids["endpoint_id"] = endpoint.json()["id"]
    event = ChangeEvent(type="project.created", object_type="project", object_id=uuid.uuid4())
    session.add(event)
    await session.flush()
    delivery = WebhookDelivery(
        event_id=event.id,
        endpoint_id=uuid.UUID(endpoint.json()["id"]),
        type=event.type,
        object_id=event.object_id,
        occurred_at=event.occurred_at,
        body="{}",
        state="delivered",
        expires_at=event.occurred_at,
    )
    session.add(delivery)
    await session.flush()
    world.ids["delivery_id"] = str(delivery.id)


async def _assessment(client: httpx.AsyncClient, coordinator, yuetang, world: World) -> None:
    """岳塘区's self-report with its evidence, then (publicised) its objection and nominee."""
    scheme = await publish_scheme(client, coordinator, 2097)
    opened = await client.post(ROUNDS, json={"scheme_id": scheme["id"]}, headers=coordinator)
    assert opened.status_code == 201, opened.text
    round_ = (await client.get(f"{ROUNDS}/{opened.json()['id']}", headers=yuetang)).json()
    sheet = round_["results"][0]
    item = f"{ROUNDS}/{round_['id']}/results/{sheet['unit_id']}/items/"
    measures = item + item_of(sheet, "重大措施")["item_id"]
    report = await client.put(
        f"{measures}/self-report",
        json={"claimed": "20", "text": "出台招商引资措施"},
        headers={**yuetang, "If-Match": '"0"'},
    )
    assert report.status_code == 200, report.text
    world.ids["self_report_id"] = report.json()["id"]
    upload = await client.post(
        f"{SELF_REPORTS}/{report.json()['id']}/attachments",
        files={"file": ("措施.pdf", io.BytesIO(PDF), "application/pdf")},
        headers=yuetang,
    )
    assert upload.status_code == 201, upload.text
    world.ids["self_report_attachment_id"] = upload.json()["id"]
    await score_everything(client, coordinator, round_["id"])
    shown = await client.post(
        f"{ROUNDS}/{round_['id']}/transitions",
        json={"expected_state": "open", "to_state": "objection"},
        headers=coordinator,
    )
    assert shown.status_code == 201, shown.text
    objection = await client.post(
        f"{measures}/objections", json={"reason": "应得满分"}, headers=yuetang
    )
    assert objection.status_code == 201, objection.text
    world.ids["objection_id"] = objection.json()["id"]
    nominee = await client.post(
        f"{ROUNDS}/{round_['id']}/results/{sheet['unit_id']}/nominations",
        json={"person_name": "刘洋", "position": "招商科科长", "deeds": "引进项目 2 个"},
        headers=yuetang,
    )
    assert nominee.status_code == 201, nominee.text
    world.ids["nomination_id"] = nominee.json()["id"]


def _id_routes() -> list[tuple[str, str]]:
    return sorted(
        key for key in _table() if re.search(r"\{\w+_id\}", key[1]) and "{round_id}" not in key[1]
    )


def _owner(path: str) -> str:
    """Whose file an `attachment_id` is, by the path it sits under."""
    if path.startswith(MEETINGS):
        return "meeting"
    return "self_report" if path.startswith(SELF_REPORTS) else "ticket"


def _kind(path: str) -> str:
    names = re.findall(r"\{(\w+)\}", path)
    # A version or a year is not an object's id.
    unknown = [n for n in names if n not in SCOPED and n not in UNSCOPED | {"version", "year"}]
    assert not unknown, f"{path}: 新的路径参数 {unknown} 须在 SCOPED 或 UNSCOPED 中说明其范围"
    scoped = [SCOPED[n] for n in names if n in SCOPED]
    if not scoped:
        return ""
    owner = {"meeting": "meeting", "self_report": "assessment", "ticket": "ticket"}[_owner(path)]
    return owner if path.startswith((MEETINGS, SELF_REPORTS)) else scoped[0].replace("owner", owner)


def _url(path: str, ids: dict[str, str]) -> str:
    path = path.replace("{attachment_id}", ids[f"{_owner(path)}_attachment_id"])
    path = path.replace("{version}", "1")
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)


def test_every_id_route_is_in_the_matrix() -> None:
    routes = _id_routes()
    assert len(routes) > 40
    bodies = _bodies({"leader": "", "zrzy_unit": ""})
    for method, path in routes:
        _kind(path)
        if method in {"POST", "PUT", "PATCH", "DELETE"} and _kind(path):
            assert (method, path) in bodies, f"{method} {path}: 请在 _bodies 中给出一个有效请求"


async def test_no_scoped_role_reaches_another_units_objects(
    client: httpx.AsyncClient, auth_for: TokenFor, session: AsyncSession, settings: Settings
) -> None:
    world = await _world(client, auth_for, session)
    bodies = _bodies(world.refs)
    table = _table()
    callers = {name: await auth_for(name) for name in CALLERS if name != "partner"}
    callers["partner"] = await partner_minted(session, settings, "yuhu")
    checked, wrong = 0, []
    for method, path in _id_routes():
        kind = _kind(path)
        if not kind:
            continue
        request = dict(bodies.get((method, path), {}))
        if_match = request.pop("if_match", False)
        for name, headers in callers.items():
            allowed = table[(method, path)][TABLE_COLUMN[name]] == "Y"
            if allowed and kind in SEES_ALL.get(name, set()):
                continue
            extra = {"If-Match": '"1"'} if if_match else {}
            if method == "POST":
                extra["Idempotency-Key"] = str(uuid.uuid4())
            if "files" in request:
                request["files"] = {
                    k: (n, io.BytesIO(PDF), t) for k, (n, _, t) in request["files"].items()
                }
            response = await client.request(
                method, _url(path, world.ids), headers={**headers, **extra}, **request
            )
            expected = 404 if allowed else 403
            checked += 1
            if response.status_code != expected:
                wrong.append(f"{method} {path} as {name}: {response.status_code} ≠ {expected}")
    assert checked > 150
    assert wrong == []
