"""The bureau's city summary (全市汇总): the accepted figures side by side with their totals,
the change against last month and the same month last year, the units missing; the analysis
draft, 发布 as a frozen version 1, corrections as new versions, Word and Excel."""

import io
import uuid
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
import pytest
from docx import Document
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from app.models import Unit
from app.models.enums import UnitKind
from tests.helpers import assert_problem
from tests.reports.factories import PERIODS, URL, edit, open_period, report_of, step


def _summary(period: dict) -> str:
    return f"{PERIODS}/{period['id']}/summary"


async def _accept(client, unit, coordinator, period, **corrections: str) -> dict:
    """The unit's report of the period, with its figures corrected, submitted and accepted;
    its figures' values as the report shows them."""
    report = await report_of(client, unit, period["id"])
    if corrections:
        body = [
            {"key": k, "corrected": v, "reason": "按台账核实更正"} for k, v in corrections.items()
        ]
        saved = await edit(client, unit, report, corrections=body)
        assert saved.status_code == 200, saved.text
    assert (await step(client, unit, report, "draft", "submitted")).status_code == 201
    accepted = await step(client, coordinator, report, "submitted", "accepted")
    assert accepted.status_code == 201, accepted.text
    return {f["key"]: Decimal(f["value"]) for f in accepted.json()["figures"]}


async def _reporting_units(session) -> int:
    stmt = select(func.count()).where(
        Unit.kind.in_([UnitKind.district.value, UnitKind.park.value]), Unit.is_active
    )
    return (await session.execute(stmt)).scalar_one()


def _row(content: dict, name: str) -> dict:
    return next(r for r in content["rows"] if r["unit"]["name"] == name)


async def test_summary_is_the_accepted_reports_with_totals_and_changes(client, auth_for, session):
    coordinator = await auth_for("coordinator")
    yuhu, yuetang, gaoxin = [await auth_for(n) for n in ("yuhu", "yuetang", "gaoxin")]
    february = await open_period(client, coordinator, 2024, 2)
    await _accept(client, yuhu, coordinator, february, signed_amount="1000.00")
    march = await open_period(client, coordinator, 2024, 3)
    ours = await _accept(
        client, yuhu, coordinator, march, signed_amount="1500.00", signed_count="2.00"
    )
    theirs = await _accept(client, yuetang, coordinator, march, signed_amount="300.50")
    # 高新区 submits but is not accepted yet; the rest never submit.
    pending = await report_of(client, gaoxin, march["id"])
    assert (await step(client, gaoxin, pending, "draft", "submitted")).status_code == 201

    response = await client.get(_summary(march), headers=await auth_for("leader"))
    assert response.status_code == 200, response.text
    body = response.json()
    content = body["content"]
    assert content["period_label"] == "2024年3月月报"
    assert [c["key"] for c in content["columns"]][:4] == [
        "new_leads",
        "in_negotiation",
        "signed_count",
        "signed_amount",
    ]
    yuhu_row = _row(content, "雨湖区")
    assert yuhu_row["state"] == "accepted"
    assert {k: Decimal(v) for k, v in yuhu_row["figures"].items()} == ours
    assert {k: Decimal(v) for k, v in _row(content, "岳塘区")["figures"].items()} == theirs
    gaoxin_row = next(r for r in content["rows"] if r["state"] == "submitted")
    assert gaoxin_row["figures"] is None
    # Totals add up the accepted reports only.
    for key in ours:
        assert Decimal(content["totals"][key]) == ours[key] + theirs[key]
    assert Decimal(content["totals"]["signed_amount"]) == Decimal("1800.50")
    expected = await _reporting_units(session)
    assert (content["expected"], content["accepted"]) == (expected, 2)
    # Every unit whose report is not accepted is named, with why.
    missing = {m["unit"]["id"]: m["status"] for m in content["missing"]}
    assert len(missing) == expected - 2
    assert missing[gaoxin_row["unit"]["id"]] == "待审核"
    assert sorted(set(missing.values())) == ["待审核", "未报送"]

    previous = content["previous"]
    assert (previous["label"], previous["period_label"]) == ("上月", "2024年2月")
    assert previous["available"] is True and previous["reports"] == 1
    assert Decimal(previous["totals"]["signed_amount"]) == Decimal("1000.00")
    assert Decimal(previous["change"]["signed_amount"]) == Decimal("800.50")
    assert previous["rate"]["signed_amount"] == "80.1"
    last_year = content["last_year"]
    assert (last_year["period_label"], last_year["available"]) == ("2023年3月", False)
    assert last_year["totals"] is None

    # A quarter compares with the quarter before (none here: 无数据).
    quarter = await open_period(client, coordinator, 2024, 1, kind="quarter")
    q = (await client.get(_summary(quarter), headers=coordinator)).json()["content"]
    assert (q["previous"]["label"], q["previous"]["period_label"]) == ("上季度", "2023年第4季度")
    assert q["previous"]["available"] is False and q["accepted"] == 0


async def test_publish_freezes_version_one_and_corrections_are_new_versions(
    client, auth_for, session
):
    coordinator, leader = await auth_for("coordinator"), await auth_for("leader")
    yuhu, yuetang = await auth_for("yuhu"), await auth_for("yuetang")
    period = await open_period(client, coordinator, 2024, 6)
    await _accept(client, yuhu, coordinator, period, signed_amount="500.00")
    url = _summary(period)
    for name in ("viewer", "supervisor"):
        assert (await client.get(url, headers=await auth_for(name))).status_code == 200
    # The units read it once it is published.
    assert_problem(await client.get(url, headers=yuhu), 403)

    first = await client.get(url, headers=coordinator)
    assert first.headers["etag"] == '"0"'
    assert first.json()["actions"] == ["edit", "publish"] and first.json()["versions"] == []
    versions = f"{url}/versions"
    no_text = await client.post(versions, json={}, headers={**coordinator, "If-Match": '"0"'})
    assert_problem(no_text, 422, "analysis_required")

    analysis = "6月全市签约势头良好。\n雨湖区签约金额居首。"
    write = f"{url}/analysis"
    assert_problem(
        await client.put(write, json={"analysis": "x" * 3}, headers={**yuhu, "If-Match": '"0"'}),
        403,
    )
    saved = await client.put(
        write, json={"analysis": analysis}, headers={**coordinator, "If-Match": '"0"'}
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["analysis"] == analysis and saved.headers["etag"] == '"1"'
    stale = await client.put(
        write, json={"analysis": "旧稿"}, headers={**coordinator, "If-Match": '"0"'}
    )
    assert_problem(stale, 412)

    wrong = await client.post(
        versions, json={"reason": "首次"}, headers={**coordinator, "If-Match": '"1"'}
    )
    assert_problem(wrong, 422, "reason_not_applicable")
    assert_problem(await client.post(versions, json={}, headers={**leader, "If-Match": '"1"'}), 403)
    published = await client.post(versions, json={}, headers={**coordinator, "If-Match": '"1"'})
    assert published.status_code == 201, published.text
    v1 = published.json()
    assert (v1["version"], v1["reason"], v1["analysis"]) == (1, None, analysis)
    assert Decimal(v1["content"]["totals"]["signed_amount"]) == Decimal("500.00")

    # Published: frozen. Publishing again without a reason is refused.
    again = await client.post(versions, json={}, headers={**coordinator, "If-Match": '"2"'})
    assert_problem(again, 409, "summary_published")

    link = f"/report-periods/{period['id']}"
    for headers in (yuhu, leader):
        notices = (await client.get("/api/v1/notifications", headers=headers)).json()["items"]
        assert any(
            n["kind"] == "report_summary_published" and n["link"] == link for n in notices
        ), notices
    unit_view = (await client.get(url, headers=yuhu)).json()
    assert unit_view["actions"] == [] and unit_view["analysis"] == ""
    assert [v["version"] for v in unit_view["versions"]] == [1]

    # A report accepted later changes the live table, never version 1.
    await _accept(client, yuetang, coordinator, period, signed_amount="700.00")
    now = (await client.get(url, headers=coordinator)).json()
    assert Decimal(now["content"]["totals"]["signed_amount"]) == Decimal("1200.00")
    assert now["actions"] == ["edit", "correct"]
    old = now["versions"][0]
    assert Decimal(old["content"]["totals"]["signed_amount"]) == Decimal("500.00")

    corrected = await client.post(
        versions,
        json={"reason": "岳塘区报表补充通过"},
        headers={**coordinator, "If-Match": '"2"'},
    )
    assert corrected.status_code == 201, corrected.text
    v2 = corrected.json()
    assert (v2["version"], v2["reason"]) == (2, "岳塘区报表补充通过")
    assert Decimal(v2["content"]["totals"]["signed_amount"]) == Decimal("1200.00")
    listed = (await client.get(url, headers=coordinator)).json()["versions"]
    assert [v["version"] for v in listed] == [2, 1]

    # Every version stays downloadable, as it was published.
    doc1 = await client.get(v1["docx_url"], headers=leader)
    assert doc1.status_code == 200, doc1.text
    assert doc1.headers["content-type"].startswith("application/vnd.openxmlformats")
    name = unquote(doc1.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "2024年6月月报全市汇总（第1版）.docx"
    docx = Document(io.BytesIO(doc1.content))
    texts = [p.text for p in docx.paragraphs]
    assert "2024年6月全市招商引资月报" in texts
    assert "6月全市签约势头良好。" in texts and "雨湖区签约金额居首。" in texts
    assert any(t.startswith("统计期：2024年6月1日至2024年6月30日") for t in texts)
    table = docx.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0][0] == "单位" and "签约金额（万元）" in cells[0]
    amount = cells[0].index("签约金额（万元）")
    by_unit = {row[0]: row for row in cells}
    assert by_unit["雨湖区"][amount] == "500"
    assert by_unit["合计"][amount] == "500"
    assert by_unit["岳塘区"][1] == "（未报送）"  # not accepted when version 1 was published
    assert any(row[0].startswith("去年同期") and row[1] == "无数据" for row in cells)
    doc2 = Document(io.BytesIO((await client.get(v2["docx_url"], headers=leader)).content))
    body2 = [p.text for p in doc2.paragraphs]
    assert any("更正原因：岳塘区报表补充通过" in t for t in body2)
    rows2 = {r.cells[0].text: r.cells[amount].text for r in doc2.tables[0].rows}
    assert rows2["合计"] == "1,200" and rows2["岳塘区"] == "700"

    sheet = await client.get(v1["xlsx_url"], headers=yuhu)
    assert sheet.status_code == 200
    assert sheet.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    wb = openpyxl.load_workbook(io.BytesIO(sheet.content))
    ws = wb["全市汇总"]
    header = [c.value for c in ws[1]]
    assert header[0] == "单位" and "签约金额（万元）" in header and "签约项目（个）" in header
    col = header.index("签约金额（万元）")
    values = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert values["雨湖区"][col] == 500 and values["合计"][col] == 500
    assert values["岳塘区"][1] == "（未报送）"
    notes = {r[0]: r[1] for r in wb["报送情况与分析"].iter_rows(values_only=True)}
    assert notes["分析"] == analysis and notes["版本"] == "第1版"
    assert_problem(await client.get(f"{versions}/3/docx", headers=leader), 404)

    # The database refuses to change or remove a published version.
    key = uuid.UUID(period["id"])
    pid = key.hex if session.bind.dialect.name == "sqlite" else str(key)
    for statement in (
        "UPDATE report_summary_versions SET analysis = 'tampered' WHERE period_id = :id",
        "DELETE FROM report_summary_versions WHERE period_id = :id",
    ):
        savepoint = await session.begin_nested()
        with pytest.raises(DBAPIError, match="published summaries are frozen"):
            await session.execute(text(statement), {"id": pid})
        await savepoint.rollback()


async def test_summary_of_a_missing_period_is_404(client, auth_for):
    missing = f"{PERIODS}/{uuid.uuid4()}/summary"
    assert_problem(await client.get(missing, headers=await auth_for("coordinator")), 404)
    assert URL  # the reports list the summary adds up
