"""半年度通报: values from the statistics, scores and ranks from the weights in the data,
editing while a draft, publishing (frozen in the API and the database, units notified), the
Word 通报 and the Excel ranking."""

import io
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from app.core.calendar import business_today
from app.models import Bulletin, BulletinRow, Decision, Ticket
from tests.helpers import assert_problem, unit_id
from tests.meetings.factories import add_decision, create_meeting
from tests.tickets.factories import assigned_ticket, step

URL = "/api/v1/bulletins"
INDICATORS = "/api/v1/assessment-indicators"
DECISIONS = "/api/v1/decisions"


def current_half() -> tuple[int, int]:
    today = business_today()
    return today.year, 1 if today.month <= 6 else 2


async def build(client, headers, year: int, half: int) -> dict[str, Any]:
    response = await client.post(URL, json={"year": year, "half": half}, headers=headers)
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == f"{URL}/{response.json()['id']}"
    return response.json()


async def rebuild(client, headers, bulletin: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        f"{URL}/{bulletin['id']}/builds",
        headers={**headers, "If-Match": f'"{bulletin["version"]}"'},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def publish(client, headers, bulletin: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        f"{URL}/{bulletin['id']}/transitions",
        json={"expected_state": "draft", "to_state": "published"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()


def group(bulletin: dict[str, Any], name: str) -> dict[str, Any]:
    return next(g for g in bulletin["groups"] if g["unit_group"] == name)


def row(bulletin: dict[str, Any], name: str, unit: str) -> dict[str, Any]:
    return next(r for r in group(bulletin, name)["rows"] if r["unit_id"] == unit)


def value(bulletin: dict[str, Any], name: str, unit: str, key: str) -> dict[str, Any]:
    keys = [i["key"] for i in group(bulletin, name)["indicators"]]
    return row(bulletin, name, unit)["values"][keys.index(key)]


async def test_area_values_equal_the_statistics_of_the_half(client, auth_for):
    coordinator = await auth_for("coordinator")
    bulletin = await build(client, coordinator, 2025, 2)
    assert bulletin["state"] == "draft"
    assert bulletin["period"] == {
        "date_from": "2025-07-01",
        "date_to": "2025-12-31",
        "label": "2025年下半年",
    }
    area = group(bulletin, "area")
    units = (await client.get("/api/v1/units", params={"limit": 200}, headers=coordinator)).json()
    expected = {u["id"] for u in units["items"] if u["kind"] in ("district", "park")}
    assert {r["unit_id"] for r in area["rows"]} == expected
    for r in area["rows"]:
        stats = await client.get(
            "/api/v1/stats/projects",
            params={"year": 2025, "period": "half", "half": 2, "unit_id": r["unit_id"]},
            headers=coordinator,
        )
        figures = {f["key"]: f for f in stats.json()["figures"]}
        got = {
            k: value(bulletin, "area", r["unit_id"], k)
            for k in ("signed_amount", "signed_major", "landed", "funds_arrived")
        }
        assert Decimal(got["signed_amount"]["value"]) == Decimal(figures["signed"]["amount"])
        assert got["signed_amount"]["list_query"] == figures["signed"]["list_query"]
        assert Decimal(got["signed_major"]["value"]) == figures["signed_major"]["count"]
        assert got["signed_major"]["list_query"] == figures["signed_major"]["list_query"]
        assert Decimal(got["landed"]["value"]) == figures["landed"]["count"]
        assert Decimal(got["funds_arrived"]["value"]) == Decimal(figures["funds_arrived"]["amount"])
        reported = value(bulletin, "area", r["unit_id"], "activities_reported")
        assert reported["value"] is None and reported["display"] == "暂无数据"
        assert reported["score"] == "0.00"
    definitions = {i["key"]: i["definition"] for i in area["indicators"]}
    assert "签约日期" in definitions["signed_amount"]


async def test_duty_values_count_the_records_of_the_half(client, auth_for, session):
    coordinator, supervisor = await auth_for("coordinator"), await auth_for("supervisor")
    zrzy, yuhu = await auth_for("zrzy"), await auth_for("yuhu")
    year, half = current_half()
    bulletin = await build(client, coordinator, year, half)
    zrzy_id = await unit_id(client, coordinator, "zrzy")
    yuhu_id = await unit_id(client, coordinator, "yuhu")

    def tally(b: dict[str, Any], unit: str, key: str, name: str) -> tuple[int, int, list[str]]:
        v = value(b, name, unit, key)
        if v["value"] is None:
            return 0, 0, []
        met, total = v["display"].split("（")[1].rstrip("）").split("/")
        return int(met), int(total), v["codes"]

    met, total, late = tally(bulletin, zrzy_id, "ticket_on_time", "department")
    escalated = Decimal(value(bulletin, "department", zrzy_id, "escalations")["value"])
    d_met, d_total, d_missed = tally(bulletin, yuhu_id, "decisions_on_time", "area")

    # One ticket resolved in time, one after its due date, and that one escalated.
    in_time = await assigned_ticket(client, auth_for, title="临时用电接入协调")
    overdue = await assigned_ticket(client, auth_for)
    await session.execute(
        update(Ticket)
        .where(Ticket.id == uuid.UUID(overdue["id"]))
        .values(due_date=business_today() - timedelta(days=1))
    )
    escalation = await client.post(
        f"/api/v1/tickets/{overdue['id']}/escalations",
        json={"reason": "逾期未办结"},
        headers=supervisor,
    )
    assert escalation.status_code == 201, escalation.text
    for ticket in (in_time, overdue):
        for to, extra in (("accepted", {}), ("in_progress", {}), ("resolved", {"note": "已办"})):
            moved = await step(client, zrzy, ticket, to, **extra)
            assert moved.status_code == 201, moved.text

    # 雨湖区: one decision done by its due date, one past due and still open.
    meeting = await create_meeting(client, coordinator)
    done = await add_decision(client, coordinator, meeting, responsible="yuhu")
    missed = await add_decision(client, coordinator, meeting, responsible="yuhu")
    today = business_today()
    await session.execute(
        update(Decision).where(Decision.id == uuid.UUID(done["id"])).values(due_date=today)
    )
    await session.execute(
        update(Decision)
        .where(Decision.id == uuid.UUID(missed["id"]))
        .values(due_date=max(today - timedelta(days=1), date_from(bulletin)))
    )
    finished = await client.post(
        f"{DECISIONS}/{done['id']}/transitions",
        json={"expected_state": "open", "to_state": "done"},
        headers=yuhu,
    )
    assert finished.status_code == 201, finished.text

    after = await rebuild(client, coordinator, bulletin)
    assert tally(after, zrzy_id, "ticket_on_time", "department") == (
        met + 1,
        total + 2,
        sorted([*late, overdue["code"]]),
    )
    escalations = value(after, "department", zrzy_id, "escalations")
    assert Decimal(escalations["value"]) == escalated + 1
    assert overdue["code"] in escalations["codes"]
    assert escalations["list_query"] == {
        "path": "/api/v1/tickets",
        "query": {"department_id": zrzy_id},
    }
    d_after = tally(after, yuhu_id, "decisions_on_time", "area")
    if missed_due_in_half(after, today):
        assert d_after == (d_met + 1, d_total + 2, sorted([*d_missed, missed["code"]]))
    zrzy_row = row(after, "department", zrzy_id)
    assert any("超时限反馈" in reason for reason in zrzy_row["lagging"])
    assert any(m["unit_id"] == zrzy_id for m in after["criticised"])


def date_from(bulletin: dict[str, Any]):
    from datetime import date

    return date.fromisoformat(bulletin["period"]["date_from"])


def missed_due_in_half(bulletin: dict[str, Any], today) -> bool:
    # On the half's first day the late decision cannot be due earlier in the same half.
    return today > date_from(bulletin)


def _expected_scores(g: dict[str, Any]) -> None:
    """Each score is weight × value ÷ best (negative: weight × (best − value) ÷ best); the
    total is their sum; ranks follow the totals."""
    for k, indicator in enumerate(g["indicators"]):
        weight = Decimal(indicator["weight"])
        values = [r["values"][k]["value"] for r in g["rows"]]
        known = [Decimal(v) for v in values if v is not None]
        best = max(known, default=Decimal(0))
        for r in g["rows"]:
            v = r["values"][k]["value"]
            if v is None:
                want = Decimal(0)
            elif indicator["direction"] == "negative":
                want = weight if best <= 0 else weight * (best - Decimal(v)) / best
            else:
                want = Decimal(0) if best <= 0 else weight * Decimal(v) / best
            assert Decimal(r["values"][k]["score"]) == want.quantize(Decimal("0.01")), (
                indicator["key"],
                r["unit_name"],
            )
    totals = [Decimal(r["score"]) for r in g["rows"]]
    for r in g["rows"]:
        assert Decimal(r["score"]) == sum(Decimal(v["score"]) for v in r["values"])
        assert r["rank"] == 1 + sum(1 for t in totals if t > Decimal(r["score"]))
    assert totals == sorted(totals, reverse=True)


async def test_scores_and_ranks_follow_the_weights_in_the_data(client, auth_for):
    coordinator = await auth_for("coordinator")
    indicators = (await client.get(INDICATORS, headers=coordinator)).json()
    by_key = {i["key"]: i for i in indicators if i["unit_group"] == "area"}
    assert sum(Decimal(i["weight"]) for i in by_key.values()) == 100
    bulletin = await build(client, coordinator, 2025, 2)
    for name in ("area", "department"):
        g = group(bulletin, name)
        assert [(i["key"], i["weight"]) for i in g["indicators"]] == [
            (i["key"], i["weight"])
            for i in indicators
            if i["unit_group"] == name and i["is_active"]
        ]
        _expected_scores(g)
    assert "最高值" in bulletin["method"]

    # Only signed amount counts, at 50: the ranking is by signed amount alone.
    for key, indicator in by_key.items():
        body = {"weight": "50.00"} if key == "signed_amount" else {"is_active": False}
        changed = await client.patch(
            f"{INDICATORS}/{indicator['id']}",
            json=body,
            headers={**coordinator, "If-Match": f'"{indicator["version"]}"'},
        )
        assert changed.status_code == 200, changed.text
    stale = await client.patch(
        f"{INDICATORS}/{by_key['landed']['id']}",
        json={"is_active": True},
        headers={**coordinator, "If-Match": f'"{by_key["landed"]["version"]}"'},
    )
    assert_problem(stale, 412)
    # Built bulletins keep their weights until rebuilt.
    again = (await client.get(f"{URL}/{bulletin['id']}", headers=coordinator)).json()
    assert len(group(again, "area")["indicators"]) == len(by_key)
    rebuilt = await rebuild(client, coordinator, again)
    area = group(rebuilt, "area")
    assert [(i["key"], i["weight"]) for i in area["indicators"]] == [("signed_amount", "50.00")]
    _expected_scores(area)
    amounts = [Decimal(r["values"][0]["value"]) for r in area["rows"]]
    assert amounts == sorted(amounts, reverse=True)
    if amounts[0] > 0:
        assert area["rows"][0]["score"] == "50.00" and area["rows"][0]["rank"] == 1


async def test_only_the_coordinator_builds_and_units_read_published_ones(client, auth_for):
    coordinator, supervisor = await auth_for("coordinator"), await auth_for("supervisor")
    yuhu, leader, viewer = (
        await auth_for("yuhu"),
        await auth_for("leader"),
        await auth_for("viewer"),
    )
    assert_problem(await client.post(URL, json={"year": 2026, "half": 1}, headers=supervisor), 403)
    assert_problem(await client.post(URL, json={"year": 2026, "half": 3}, headers=coordinator), 422)
    assert_problem(
        await client.post(URL, json={"year": 2099, "half": 1}, headers=coordinator),
        422,
        "period_not_started",
    )
    assert (await client.post(URL, json={"year": 2026, "half": 1})).status_code == 401
    bulletin = await build(client, coordinator, 2025, 2)
    assert_problem(
        await client.post(URL, json={"year": 2025, "half": 2}, headers=coordinator),
        409,
        "bulletin_exists",
    )
    for reader in (supervisor, leader, viewer):
        assert (await client.get(f"{URL}/{bulletin['id']}", headers=reader)).status_code == 200
    assert_problem(await client.get(f"{URL}/{bulletin['id']}", headers=yuhu), 404)
    assert bulletin["id"] not in [b["id"] for b in (await client.get(URL, headers=yuhu)).json()]
    assert_problem(
        await client.patch(f"{URL}/{bulletin['id']}", json={"analysis": "x"}, headers=coordinator),
        428,
    )
    assert_problem(
        await client.patch(
            f"{URL}/{bulletin['id']}",
            json={"analysis": "x"},
            headers={**supervisor, "If-Match": f'"{bulletin["version"]}"'},
        ),
        403,
    )

    await publish(client, coordinator, bulletin)
    listed = (await client.get(URL, headers=yuhu)).json()
    # Beside the demo's 2026 上半年, published ones only.
    assert bulletin["id"] in [b["id"] for b in listed]
    assert {b["state"] for b in listed} == {"published"}
    seen = (await client.get(f"{URL}/{bulletin['id']}", headers=yuhu)).json()
    yuhu_id = await unit_id(client, coordinator, "yuhu")
    own = [r for g in seen["groups"] for r in g["rows"] if r["is_own"]]
    assert [r["unit_id"] for r in own] == [yuhu_id]


async def test_edits_while_draft_then_publishing_freezes_and_notifies(client, auth_for, session):
    coordinator, yuhu, zrzy = (
        await auth_for("coordinator"),
        await auth_for("yuhu"),
        await auth_for("zrzy"),
    )
    bulletin = await build(client, coordinator, 2025, 2)
    area = group(bulletin, "area")["rows"]
    # 表扬 by default: the top 3 of each group, a tie that would make more than 3 left out.
    expected = []
    for name in ("area", "department"):
        rows = group(bulletin, name)["rows"]
        for r in rows:
            tied = sum(1 for other in rows if other["rank"] == r["rank"])
            if r["rank"] + tied - 1 <= 3 and Decimal(r["score"]) > 0:
                expected.append(r["unit_id"])
    assert [m["unit_id"] for m in bulletin["praised"]] == expected
    assert len(expected) <= 6
    body = {
        "analysis": "上半年全市招商引资总体平稳。\n签约金额同比增长。",
        "praised": [{"unit_id": area[0]["unit_id"], "reason": "签约金额居全市第一"}],
        "criticised": [{"unit_id": area[-1]["unit_id"], "reason": "议定事项落实滞后"}],
    }
    bad = await client.patch(
        f"{URL}/{bulletin['id']}",
        json={"praised": [{"unit_id": str(bulletin["id"]), "reason": "x"}]},
        headers={**coordinator, "If-Match": f'"{bulletin["version"]}"'},
    )
    assert_problem(bad, 422)
    edited = await client.patch(
        f"{URL}/{bulletin['id']}",
        json=body,
        headers={**coordinator, "If-Match": f'"{bulletin["version"]}"'},
    )
    assert edited.status_code == 200, edited.text
    edited_body = edited.json()
    assert edited.headers["ETag"] == f'"{edited_body["version"]}"'
    assert edited_body["praised"] == [
        {
            "unit_id": area[0]["unit_id"],
            "unit_name": area[0]["unit_name"],
            "reason": "签约金额居全市第一",
        }
    ]
    stale = await client.patch(
        f"{URL}/{bulletin['id']}",
        json={"analysis": "覆盖"},
        headers={**coordinator, "If-Match": f'"{bulletin["version"]}"'},
    )
    assert_problem(stale, 412)
    assert_problem(
        await client.post(
            f"{URL}/{bulletin['id']}/transitions",
            json={"expected_state": "published", "to_state": "published"},
            headers=coordinator,
        ),
        409,
        "state_changed",
    )

    assert_problem(
        await client.get(f"{URL}/{bulletin['id']}/docx", headers=coordinator),
        409,
        "bulletin_not_published",
    )
    published = await publish(client, coordinator, edited_body)
    assert published["state"] == "published" and published["published_at"]
    etag = {"If-Match": f'"{published["version"]}"'}
    assert_problem(
        await client.patch(
            f"{URL}/{bulletin['id']}", json={"analysis": "改"}, headers={**coordinator, **etag}
        ),
        409,
        "bulletin_published",
    )
    assert_problem(
        await client.post(f"{URL}/{bulletin['id']}/builds", headers={**coordinator, **etag}),
        409,
        "bulletin_published",
    )
    assert_problem(
        await client.post(
            f"{URL}/{bulletin['id']}/transitions",
            json={"expected_state": "published", "to_state": "published"},
            headers=coordinator,
        ),
        409,
        "illegal_transition",
    )

    # Every ranked unit's officers hear of it, with a link that opens it.
    for headers in (yuhu, zrzy):
        inbox = await client.get(
            "/api/v1/notifications", params={"kind": "bulletin_published"}, headers=headers
        )
        # (The demo's 2026 上半年 notice, read in July, is there too.)
        items = [n for n in inbox.json()["items"] if n["link"] == f"/bulletins/{bulletin['id']}"]
        assert len(items) == 1
        assert items[0]["title"] == bulletin["title"]
        opened = await client.get(f"/api/v1{items[0]['link']}", headers=headers)
        assert opened.status_code == 200

    audit = await client.get(
        "/api/v1/audit-events",
        params={"object_id": bulletin["id"]},
        headers=await auth_for("supervisor"),
    )
    assert audit.status_code == 200, audit.text
    actions = {e["action"] for e in audit.json()["items"]}
    assert {"bulletin.build", "bulletin.update", "bulletin.publish"} <= actions

    # The database itself refuses to change it or its rows.
    stored = (
        await session.execute(
            select(BulletinRow).where(BulletinRow.bulletin_id == uuid.UUID(bulletin["id"])).limit(1)
        )
    ).scalar_one()
    for statement in (
        update(Bulletin).where(Bulletin.id == uuid.UUID(bulletin["id"])).values(analysis="篡改"),
        delete(Bulletin).where(Bulletin.id == uuid.UUID(bulletin["id"])),
        update(BulletinRow).where(BulletinRow.id == stored.id).values(rank=99),
        delete(BulletinRow).where(BulletinRow.id == stored.id),
        text("UPDATE bulletins SET title = 'x'"),
        text("UPDATE bulletin_rows SET unit_name = 'x'"),
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="frozen"):
            await session.execute(statement)
        await savepoint.rollback()


async def test_word_and_excel_files(client, auth_for):
    coordinator, yuhu = await auth_for("coordinator"), await auth_for("yuhu")
    bulletin = await build(client, coordinator, 2025, 2)
    area = group(bulletin, "area")["rows"]
    edited = await client.patch(
        f"{URL}/{bulletin['id']}",
        json={
            "analysis": "上半年全市新签约项目稳步增长。",
            "praised": [{"unit_id": area[0]["unit_id"], "reason": "签约金额居全市第一"}],
            "criticised": [{"unit_id": area[-1]["unit_id"], "reason": "议定事项落实滞后"}],
        },
        headers={**coordinator, "If-Match": f'"{bulletin["version"]}"'},
    )
    published = await publish(client, coordinator, edited.json())

    response = await client.get(f"{URL}/{bulletin['id']}/docx", headers=yuhu)
    assert response.status_code == 200, response.text
    assert "wordprocessingml" in response.headers["content-type"]
    assert ".docx" in response.headers["content-disposition"]
    doc = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert published["title"] in paragraphs
    body = "\n".join(paragraphs)
    assert "2025年下半年" in body and "2025年7月1日至2025年12月31日" in body
    assert "上半年全市新签约项目稳步增长。" in paragraphs
    assert any(p.endswith("、表扬") for p in paragraphs)
    assert any(p.endswith("、通报批评") for p in paragraphs)
    assert f"{area[0]['unit_name']}：签约金额居全市第一。" in paragraphs
    assert f"{area[-1]['unit_name']}：议定事项落实滞后。" in paragraphs
    assert published["method"] in paragraphs
    assert len(doc.tables) == 2
    for table, g in zip(doc.tables, published["groups"], strict=True):
        header = [c.text for c in table.rows[0].cells]
        assert header[:2] == ["名次", "单位"] and header[-1] == "综合得分"
        assert [h.rsplit("（", 1)[0] for h in header[2:-1]] == [i["label"] for i in g["indicators"]]
        lines = [[c.text for c in r.cells] for r in table.rows[1:]]
        assert [(line[0], line[1], line[-1]) for line in lines] == [
            (str(r["rank"]), r["unit_name"], r["score"]) for r in g["rows"]
        ]
        assert lines[0][2].startswith(g["rows"][0]["values"][0]["display"])

    xlsx = await client.get(f"{URL}/{bulletin['id']}/xlsx", headers=coordinator)
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["县市区、园区", "职能部门"]
    for ws, g in zip(wb.worksheets, published["groups"], strict=True):
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:2] == ("名次", "单位") and rows[0][-2:] == ("综合得分", "履职滞后情况")
        assert len(rows) == 1 + len(g["rows"])
        for line, r in zip(rows[1:], g["rows"], strict=True):
            assert line[0] == r["rank"] and line[1] == r["unit_name"]
            assert Decimal(str(line[-2])) == Decimal(r["score"])
    area_sheet = list(wb.worksheets[0].iter_rows(values_only=True))
    assert area_sheet[0][2] == "签约金额（万元）"
    first = group(published, "area")["rows"][0]
    assert Decimal(str(area_sheet[1][2])) == Decimal(first["values"][0]["value"])


async def test_activities_count_the_entries_of_the_accepted_monthly_reports(client, auth_for):
    """重要会议和活动报送: the lines under 重要会议 and 重要活动 of each unit's accepted monthly
    reports of the half (the demo's August–October 2026); the quarter's report does not count."""
    coordinator = await auth_for("coordinator")
    bulletin = await build(client, coordinator, 2026, 2)
    reports = (
        await client.get(
            "/api/v1/reports",
            params={"year": 2026, "kind": "month", "state": "accepted", "limit": 100},
            headers=coordinator,
        )
    ).json()["items"]
    expected: dict[str, int] = {}
    months: dict[str, int] = {}
    for summary in reports:
        report = (await client.get(f"/api/v1/reports/{summary['id']}", headers=coordinator)).json()
        lines = (report["meetings"] + "\n" + report["activities"]).splitlines()
        uid = summary["unit"]["id"]
        expected[uid] = expected.get(uid, 0) + sum(1 for line in lines if line.strip())
        months[uid] = months.get(uid, 0) + 1
    assert len(expected) >= 13 and set(months.values()) == {3}
    for r in group(bulletin, "area")["rows"]:
        got = value(bulletin, "area", r["unit_id"], "activities_reported")
        assert Decimal(got["value"]) == expected[r["unit_id"]] > 0
        assert got["display"] == f"{expected[r['unit_id']]} 次（3 份月报）"
    # The first half had no monthly reports yet: nothing to count.
    first = (await client.get(URL, headers=coordinator)).json()
    published = next(b for b in first if (b["year"], b["half"]) == (2026, 1))
    h1 = (await client.get(f"{URL}/{published['id']}", headers=coordinator)).json()
    row = group(h1, "area")["rows"][0]
    assert value(h1, "area", row["unit_id"], "activities_reported")["value"] is None
