"""Every statistics table as .xlsx: Chinese headers with their units, and the same numbers as
the JSON for the same filters and caller."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.helpers import assert_problem, unit_id
from tests.stats.checks import STATS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response) -> dict[str, tuple[list[str], list[tuple]]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert ".xlsx" in response.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    sheets = {}
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        rows = list(ws.iter_rows(values_only=True))
        sheets[ws.title] = (list(rows[0]), [tuple(r) for r in rows[1:]])
    return sheets


async def _both(client, path: str, headers, params=None) -> tuple[dict, dict]:
    body = await client.get(f"{STATS}{path}", params=params, headers=headers)
    assert body.status_code == 200, body.text
    sheets = workbook(await client.get(f"{STATS}{path}/export", params=params, headers=headers))
    return body.json(), sheets


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("who", ["coordinator", "yuhu"])
async def test_headline_export(client, auth_for, who):
    headers = await auth_for(who)
    params = {"period": "quarter", "quarter": 3}
    body, sheets = await _both(client, "/projects", headers, params)
    header, rows = sheets["主要指标"]
    assert header == [
        "指标",
        "本期个数（个）",
        "本期金额（万元）",
        "今年累计个数（个）",
        "今年累计金额（万元）",
        "上年同期个数（个）",
        "上年同期金额（万元）",
        "口径",
    ]
    ytd = body["year_to_date"]
    expected = [
        (
            now["label"],
            now["count"],
            _money(now["amount"]),
            this["count"],
            _money(this["amount"]),
            last["count"],
            _money(last["amount"]),
            now["definition"],
        )
        for now, this, last in zip(
            body["figures"], ytd["figures"], ytd["last_year_figures"], strict=True
        )
    ]
    assert [(*r[:2], _money(r[2]), r[3], _money(r[4]), r[5], _money(r[6]), r[7]) for r in rows] == (
        expected
    )
    _, periods = sheets["统计期"]
    assert [p[1] for p in periods] == [
        body["period"]["label"],
        ytd["period"]["label"],
        ytd["last_year"]["label"],
    ]


@pytest.mark.parametrize(
    ("by", "first"),
    [
        ("unit", "责任单位"),
        ("industry_chain", "产业链"),
        ("source_channel", "招商渠道"),
        ("stage", "当前阶段"),
        ("month", "签约月份"),
    ],
)
async def test_breakdown_export(client, auth_for, by, first):
    headers = await auth_for("coordinator")
    body, sheets = await _both(client, "/projects/breakdown", headers, {"by": by})
    ((header, rows),) = sheets.values()
    assert header == [first, "签约项目（个）", "签约金额（万元）"]
    assert rows and [(r[0], r[1], _money(r[2])) for r in rows] == [
        (row["label"], row["figures"][0]["count"], _money(row["figures"][0]["amount"]))
        for row in body["rows"]
    ]


async def test_funnel_export(client, auth_for):
    headers = await auth_for("yuhu")
    body, sheets = await _both(client, "/projects/funnel", headers)
    ((header, rows),) = sheets.values()
    assert header == ["阶段", "项目数（个）"]
    assert rows == [(r["label"], r["figure"]["count"]) for r in body["rows"]]


def _count(row: dict, key: str) -> int | None:
    """A figure's count, or None where the row does not carry it (a department officer sees
    the resolved figures on its own row only) — the sheet leaves that cell empty."""
    return next((f["count"] for f in row["figures"] if f["key"] == key), None)


@pytest.mark.parametrize("who", ["coordinator", "zrzy"])
async def test_departments_export(client, auth_for, who):
    headers = await auth_for(who)
    body, sheets = await _both(client, "/tickets/departments", headers)
    header, rows = sheets["各部门办理情况"]
    assert header == [
        "部门",
        "在办（件）",
        "超期（件）",
        "督办（件）",
        "通报（件）",
        "反馈（件）",
        "按时反馈（件）",
        "按时反馈率（%）",
        "平均办理用时（工作日）",
    ]
    keys = ("open", "overdue", "supervised", "circulated", "resolved", "resolved_on_time")
    assert rows and [(*r[:7], _money(r[7]), r[8]) for r in rows] == [
        (
            row["department_name"],
            *(_count(row, k) for k in keys),
            None if row["on_time_rate"] is None else _money(row["on_time_rate"] * 100),
            row["avg_working_days"],
        )
        for row in body["rows"]
    ]
    assert sheets["统计期"][1][0][1] == body["period"]["label"]


async def test_decision_units_export(client, auth_for):
    headers = await auth_for("coordinator")
    body, sheets = await _both(client, "/decisions/units", headers)
    ((header, rows),) = sheets.values()
    assert header == ["单位", "未办结议定事项（项）", "超期议定事项（项）"]
    assert rows and rows == [
        (r["unit_name"], _count(r, "open"), _count(r, "overdue")) for r in body["rows"]
    ]


async def test_key_projects_export_holds_every_key_project(client, auth_for):
    headers = await auth_for("coordinator")
    body, sheets = await _both(client, "/projects/key", headers)
    header, rows = sheets["重点项目"]
    assert header == [
        "项目编码",
        "项目名称",
        "责任单位",
        "当前阶段",
        "在当前阶段（天）",
        "长期无进展",
        "牵头市领导",
        "未办结服务事项（件）",
        "超期服务事项（件）",
        "未办结议定事项（项）",
        "卡点",
    ]
    counts = [{f["key"]: f["count"] for f in r["figures"]} for r in body["rows"]]
    assert len(rows) == body["total"]["count"] > 0
    assert [(r[0], r[2], r[3], r[7], r[9]) for r in rows] == [
        (
            r["project_code"],
            r["owner_unit_name"],
            r["stage_label"],
            c["open_tickets"],
            c["open_decisions"],
        )
        for r, c in zip(body["rows"], counts, strict=True)
    ]


@pytest.mark.parametrize("who", ["coordinator", "viewer"])
async def test_leaders_export(client, auth_for, who):
    headers = await auth_for(who)
    body, sheets = await _both(client, "/leaders", headers)
    ((header, rows),) = sheets.values()
    assert header == [
        "市领导",
        "项目编码",
        "项目名称",
        "当前阶段",
        "在当前阶段（天）",
        "未办结服务事项（件）",
        "超期服务事项（件）",
        "未办结议定事项（项）",
    ]

    def count(row: dict, key: str) -> int | None:
        return next((f["count"] for f in row["figures"] if f["key"] == key), None)

    assert rows and rows == [
        (
            r["leader_name"],
            r["project_code"],
            r["project_name"],
            r["stage_label"],
            r["days_in_stage"],
            count(r, "open_tickets"),
            count(r, "overdue_tickets"),
            count(r, "open_decisions"),
        )
        for r in body["rows"]
    ]


async def test_exports_follow_the_filters_and_the_permission(client, auth_for):
    coordinator = await auth_for("coordinator")
    yuhu = await unit_id(client, coordinator, "yuhu")
    body, sheets = await _both(client, "/leaders", coordinator, {"unit_id": yuhu})
    assert [r[1] for r in sheets["市领导联系项目"][1]] == [r["project_code"] for r in body["rows"]]
    assert_problem(await client.get(f"{STATS}/leaders/export"), 401)
    admin = await auth_for("admin")
    for path in (
        "/projects",
        "/projects/funnel",
        "/projects/key",
        "/tickets/departments",
        "/leaders",
    ):
        assert_problem(await client.get(f"{STATS}{path}/export", headers=admin), 403)
    incomplete = {"period": "month"}
    response = await client.get(f"{STATS}/projects/export", params=incomplete, headers=coordinator)
    assert_problem(response, 422)
