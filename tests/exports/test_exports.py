"""Excel exports of the lists a unit reports from: each holds exactly what its list shows for the
same filters and caller, as a workbook people can read."""

import io
import uuid
from datetime import date, datetime
from urllib.parse import quote

from openpyxl import load_workbook

from tests.helpers import assert_problem, unit_id
from tests.meetings.factories import add_decision, create_meeting
from tests.projects.factories import create_project
from tests.tickets.factories import raise_ticket

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(response) -> list[dict[str, object]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


async def listed(client, path, headers, **params) -> list[dict]:
    response = await client.get(path, params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_ticket_export_rows_equal_the_list_and_a_district_sees_only_its_own(client, auth_for):
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    coordinator = await auth_for("coordinator")
    tag = uuid.uuid4().hex[:8]
    own = await create_project(client, yuhu)
    other = await create_project(client, yuetang)
    for i in range(2):
        await raise_ticket(client, yuhu, own["id"], title=f"用地{tag}-{i}")
    await raise_ticket(client, yuetang, other["id"], title=f"用地{tag}-x", urgency="normal")

    for headers, count in ((coordinator, 3), (yuhu, 2)):
        items = await listed(client, "/api/v1/tickets", headers, q=tag)
        rows = sheet(await client.get("/api/v1/tickets/export", params={"q": tag}, headers=headers))
        assert len(items) == count
        assert [r["事项编码"] for r in rows] == [t["code"] for t in items]
        assert [r["事项标题"] for r in rows] == [t["title"] for t in items]
    # District: only its own, labels rather than codes, real dates.
    assert {r["项目代码"] for r in rows} == {own["code"]}
    assert {r["紧急程度"] for r in rows} == {"急办"} and {r["状态"] for r in rows} == {"待交办"}
    assert {r["类别"] for r in rows} != {"land"}
    assert all(isinstance(r["提出时间"], datetime) for r in rows)

    # The same filters as the list: a state the tickets are not in gives an empty sheet.
    empty = await client.get(
        "/api/v1/tickets/export", params={"q": tag, "state": "closed"}, headers=coordinator
    )
    assert sheet(empty) == []


async def test_export_names_the_file_and_pages_through_everything(client, auth_for, monkeypatch):
    from app.core import xlsx

    yuhu = await auth_for("yuhu")
    tag = uuid.uuid4().hex[:8]
    project = await create_project(client, yuhu)
    for i in range(3):
        await raise_ticket(client, yuhu, project["id"], title=f"分页{tag}-{i}")
    monkeypatch.setattr(xlsx, "PAGE", 2)
    response = await client.get("/api/v1/tickets/export", params={"q": tag}, headers=yuhu)
    assert sorted(r["事项标题"] for r in sheet(response)) == [f"分页{tag}-{i}" for i in range(3)]
    assert f"filename*=UTF-8''{quote('服务事项_')}" in response.headers["content-disposition"]


async def test_export_beyond_the_cap_is_refused_with_a_problem(client, auth_for, monkeypatch):
    from app.core import xlsx

    yuhu = await auth_for("yuhu")
    tag = uuid.uuid4().hex[:8]
    project = await create_project(client, yuhu)
    for i in range(2):
        await raise_ticket(client, yuhu, project["id"], title=f"上限{tag}-{i}")
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1)
    response = await client.get("/api/v1/tickets/export", params={"q": tag}, headers=yuhu)
    problem = assert_problem(response, 422, "export_too_large")
    assert "2 条" in problem["detail"] and "缩小筛选范围" in problem["detail"]
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    assert (
        len(sheet(await client.get("/api/v1/tickets/export", params={"q": tag}, headers=yuhu))) == 2
    )


async def test_meeting_export_rows_equal_the_list_and_a_district_sees_only_its_meetings(
    client, auth_for
):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    tag = uuid.uuid4().hex[:8]
    await create_meeting(client, coordinator, title=f"联席会{tag}甲", units=("yuhu", "zrzy"))
    await create_meeting(client, coordinator, title=f"联席会{tag}乙", units=("yuetang", "fgw"))

    for headers, count in ((coordinator, 2), (yuhu, 1)):
        items = await listed(client, "/api/v1/meetings", headers, q=tag)
        rows = sheet(
            await client.get("/api/v1/meetings/export", params={"q": tag}, headers=headers)
        )
        assert len(items) == count
        assert [r["会议名称"] for r in rows] == [m["title"] for m in items]
    assert rows[0]["会议名称"] == f"联席会{tag}甲"
    assert rows[0]["会议类型"] != "joint" and rows[0]["状态"] == "筹备中"
    assert "雨湖区" in str(rows[0]["参会单位"]) and isinstance(rows[0]["召开时间"], datetime)


async def test_decision_export_rows_equal_the_list_for_each_caller(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    tag = uuid.uuid4().hex[:8]
    meeting = await create_meeting(client, coordinator, units=("yuhu", "zrzy", "fgw", "yuetang"))
    await add_decision(client, coordinator, meeting, responsible="yuhu", text=f"雨湖落实{tag}")
    await add_decision(client, coordinator, meeting, responsible="yuetang", text=f"岳塘落实{tag}")

    for headers in (coordinator, yuhu):
        items = await listed(client, "/api/v1/decisions", headers, q=tag)
        rows = sheet(
            await client.get("/api/v1/decisions/export", params={"q": tag}, headers=headers)
        )
        assert [r["编码"] for r in rows] == [d["code"] for d in items]
    mine = await listed(client, "/api/v1/decisions", yuhu, q=tag, mine=True)
    rows = sheet(
        await client.get("/api/v1/decisions/export", params={"q": tag, "mine": True}, headers=yuhu)
    )
    assert [r["议定内容"] for r in rows] == [d["text"] for d in mine] == [f"雨湖落实{tag}"]
    assert rows[0]["责任单位"] == "雨湖区" and rows[0]["状态"] == "待落实"
    assert isinstance(rows[0]["完成时限"], datetime | date)


async def test_audit_export_reads_in_peoples_words(client, admin, auth_for):
    uid = await unit_id(client, admin, "sthj")
    etag = (await client.get(f"/api/v1/units/{uid}", headers=admin)).headers["etag"]
    name = f"生态环境局{uuid.uuid4().hex[:4]}"
    response = await client.patch(
        f"/api/v1/units/{uid}", json={"name": name}, headers={**admin, "If-Match": etag}
    )
    assert response.status_code == 200, response.text

    items = await listed(client, "/api/v1/audit-events", admin, object_id=uid)
    rows = sheet(
        await client.get("/api/v1/audit-events/export", params={"object_id": uid}, headers=admin)
    )
    assert len(rows) == len(items) >= 1
    assert [r["操作"] for r in rows] == [e["action_label"] for e in items]
    newest = rows[0]
    assert newest["操作"] == "修改单位" and newest["对象类型"] == "单位" and newest["对象"] == name
    assert newest["操作人"] == items[0]["actor_display_name"] and newest["单位"]
    assert f"名称：市生态环境局 → {name}" in str(newest["改动"]) or name in str(newest["改动"])


async def test_exports_need_the_lists_permission(client, auth_for):
    coordinator = await auth_for("coordinator")
    assert_problem(await client.get("/api/v1/audit-events/export", headers=coordinator), 403)
    viewer = await auth_for("viewer")
    assert_problem(await client.get("/api/v1/tickets/export", headers=viewer), 403)
    assert_problem(await client.get("/api/v1/meetings/export"), 401)
