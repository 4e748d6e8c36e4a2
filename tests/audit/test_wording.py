"""The audit trail in people's words: who (name and unit), what (action and object in Chinese)
and a readable change list."""

import re
import uuid
from pathlib import Path

from app.audit import labels, wording
from app.models.enums import DecisionState, TicketEventKind, TicketState
from tests.helpers import unit_id
from tests.projects.factories import create_project
from tests.tickets.factories import raise_ticket

URL = "/api/v1/audit-events"
APP = Path(wording.__file__).parents[1]


async def test_audit_read_names_actor_unit_action_object_and_changes(client, admin):
    uid = await unit_id(client, admin, "rsj")
    etag = (await client.get(f"/api/v1/units/{uid}", headers=admin)).headers["etag"]
    name = f"人社局{uuid.uuid4().hex[:4]}"
    await client.patch(
        f"/api/v1/units/{uid}", json={"name": name}, headers={**admin, "If-Match": etag}
    )
    event = (await client.get(URL, params={"object_id": uid}, headers=admin)).json()["items"][0]
    me = (await client.get("/api/v1/auth/me", headers=admin)).json()
    assert event["actor_display_name"] == me["full_name"] != "admin"
    assert event["unit_name"] == "湘潭市商务局"
    assert event["action_label"] == "修改单位" and event["object_type_label"] == "单位"
    assert event["object_label"] == name
    assert event["changes"] == [
        {"field": "name", "label": "名称", "before": "市人力资源和社会保障局", "after": name}
    ]


async def test_business_object_is_named_for_who_may_see_it(client, auth_for, admin):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu)
    ticket = await raise_ticket(client, yuhu, project["id"], title="二期用地指标协调")
    params = {"object_id": ticket["id"]}

    supervisor = await auth_for("supervisor")
    event = (await client.get(URL, params=params, headers=supervisor)).json()["items"][0]
    assert event["action_label"] == "提出服务事项"
    assert event["object_label"] == f"{ticket['code']} 二期用地指标协调"
    assert event["unit_name"] == "雨湖区"
    changes = {c["label"]: c for c in event["changes"]}
    assert changes["紧急程度"]["after"] == "急办" and changes["状态"]["after"] == "待交办"
    assert changes["提出单位"]["after"] == "雨湖区"
    assert "id" not in {c["field"] for c in event["changes"]}

    # The administrator may not read tickets: the code names it, its content stays withheld.
    event = (await client.get(URL, params=params, headers=admin)).json()["items"][0]
    assert event["object_label"] == ticket["code"]
    assert event["changes"] == [] and event["snapshot_withheld"]


async def test_project_money_and_dates_read_with_units(client, auth_for):
    yuhu = await auth_for("yuhu")
    project = await create_project(client, yuhu, planned_investment="12345.5")
    event = (
        await client.get(
            URL, params={"object_id": project["id"]}, headers=await auth_for("supervisor")
        )
    ).json()["items"][-1]
    changes = {c["field"]: c for c in event["changes"]}
    assert changes["planned_investment"] == {
        "field": "planned_investment",
        "label": "计划总投资",
        "before": None,
        "after": "12,345.50 万元",
    }
    assert changes["stage"]["after"] == "信息收集"
    assert event["object_label"] == f"{project['code']} {project['name']}"


def test_every_action_the_events_produce_has_a_label():
    source = "\n".join(p.read_text() for p in APP.glob("*/*.py") if "audit" not in p.parts)
    literal = set(re.findall(r'return "([a-z_]+\.[a-z_]+)"', source))
    literal |= set(re.findall(r'"([a-z_]+\.[a-z_]+)" if self', source))
    recorded = {
        "auth": re.findall(r'AuthRecorded\([^)]*?verb="([a-z_]+)"', source, re.S),
        "user": ["create", "update", "password_reset"],
        "unit": ["create", "update"],
        "api_client": ["create", "update", "revoke"],
        "dictionary": ["create", "update"],
        "calendar": ["put", "delete"],
        "assessment_scheme": ["create", "update", "publish", "revise"],
        "unit_target": ["update", "import"],
        "assessment_round": ["open", "publicize", "finalize"],
        "assessment_result": ["score", "adjust"],
        "self_report": ["update"],
        "assessment_objection": ["create", "accept", "reject"],
        "assessment_nomination": ["create", "approve", "reject"],
        "assessment_award": ["compute", "adjust"],
        "webhook_endpoint": ["create", "update", "delete", "rotate_secret", "redeliver", "disable"],
    }
    verbs = set(re.findall(r'verb="([a-z_]+)"', source))
    assert verbs <= {v for vs in recorded.values() for v in vs}, "新的 verb 需要在此登记"
    actions = literal | {f"{o}.{v}" for o, vs in recorded.items() for v in vs}
    actions |= {f"ticket.{s.value}" for s in TicketState}
    actions |= {f"ticket.{k.value}" for k in TicketEventKind}
    actions |= {f"decision.{s.value}" for s in DecisionState}
    actions |= {f"{kind}.attach" for kind in ("project", "ticket", "meeting", "self_report")}
    assert len(actions) > 50
    assert sorted(actions - set(labels.ACTIONS)) == []


def test_values_read_as_people_read_them():
    names = wording.Names(units={}, users={}, dictionaries={})
    assert wording.changes(
        "user",
        None,
        {"username": "yuhu", "failures": 5, "locked_until": "2026-11-30T02:00:00+00:00"},
        names,
    ) == [
        ("username", "登录名", None, "yuhu"),
        ("failures", "连续失败次数", None, "5"),
        ("locked_until", "锁定至", None, "2026-11-30 10:00"),
    ]
    assert wording.changes(
        "ticket",
        {"state": "assigned", "due_date": "2026-12-01", "escalation_level": 0, "version": 2},
        {"state": "in_progress", "due_date": "2026-12-01", "escalation_level": 1, "version": 3},
        names,
    ) == [
        ("state", "状态", "已交办", "办理中"),
        ("escalation_level", "督办级别", "未督办", "督办函"),
    ]
    assert wording.show("user", "reason", "locked", names) == "账号已锁定"
