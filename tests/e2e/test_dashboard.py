"""驾驶舱: the home of those who read statistics. Its numbers are read from the statistics API
(the demo data changes), and each one clicked opens the list that produces it, showing the same
total: for the coordinator on a desktop, a leader on his phone, and a district officer whose
dashboard holds only his unit's figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, login_as
from tests.e2e.phone import fits

CHARTS = ("funnel", "months", "units", "chains", "departments", "ontime", "decisions")


def _stats(
    base_url: str, username: str, path: str = "/stats/projects", **params: Any
) -> dict[str, Any]:
    api = Api(base_url, username)
    try:
        return dict(api.call("GET", path, params=params))
    finally:
        api.close()


def _figure(stats: dict[str, Any], key: str) -> dict[str, Any]:
    return dict(next(f for f in stats["figures"] if f["key"] == key))


def _list_total(base_url: str, username: str, figure: dict[str, Any]) -> int:
    """The total of the figure's own list, asked of the API as its `list_query` says."""
    api = Api(base_url, username)
    try:
        query = figure["list_query"]
        path = query["path"].removeprefix("/api/v1")
        body = api.call("GET", path, params={**query["query"], "include_total": True, "limit": 1})
        return int(body["total"])
    finally:
        api.close()


def _card_value(page: Page, test_id: str) -> Any:
    return page.get_by_test_id(test_id).get_by_test_id("figure-value")


def _expect_count(page: Page, test_id: str, count: int) -> None:
    expect(_card_value(page, test_id)).to_have_text(re.compile(rf"^{count:,}\s*个$"))


def _click_through(page: Page, test_id: str, count: int) -> None:
    """Click a card's number: the project list opens with the figure's filters and its total."""
    _card_value(page, test_id).click()
    expect(page).to_have_url(re.compile(r"/projects\?"))
    expect(page.get_by_test_id("list-total")).to_have_text(f"共 {count:,} 条")


def test_coordinator_sees_the_city_and_a_card_opens_its_list(page: Page, base_url: str) -> None:
    stats = _stats(base_url, "coordinator")
    signed, landed = _figure(stats, "signed"), _figure(stats, "landed")
    # The API's own promise, which the links below rely on.
    assert _list_total(base_url, "coordinator", signed) == signed["count"]
    assert _list_total(base_url, "coordinator", landed) == landed["count"]

    login_as(page, "coordinator")
    expect(page.get_by_test_id("dashboard")).to_be_visible()
    for chart in CHARTS:
        expect(page.get_by_test_id(f"chart-{chart}").locator("canvas")).to_have_count(1)
    _expect_count(page, "figure-signed", signed["count"])
    _expect_count(page, "figure-signed-major", _figure(stats, "signed_major")["count"])
    _expect_count(page, "figure-landed", landed["count"])
    expect(page.get_by_test_id("unit-filter")).to_be_visible()

    # Each figure names its definition.
    page.get_by_test_id("figure-landed").get_by_test_id("figure-definition").hover()
    expect(page.locator(".ant-popover")).to_contain_text(landed["definition"])

    _click_through(page, "figure-signed", signed["count"])
    # The list shows the filter that produced the number: the signing dates.
    period = stats["period"]
    assert f"signed_from={period['date_from']}" in page.url
    page.go_back()
    # 落地: two stages and the start dates, all understood by the project list.
    _click_through(page, "figure-landed", landed["count"])
    assert "stage=started" in page.url and "stage=operating" in page.url
    assert f"started_from={period['date_from']}" in page.url

    # The period lives in the address, and the figures follow it.
    page.go_back()
    page.get_by_test_id("period-filter").get_by_text("季度").click()
    expect(page).to_have_url(re.compile(r"period=quarter&quarter=\d"))
    chosen = re.search(r"quarter=(\d)", page.url)
    assert chosen
    quarter = int(chosen.group(1))
    by_quarter = _stats(base_url, "coordinator", period="quarter", quarter=quarter)
    expect(page.get_by_test_id("figure-comparison").first).to_be_visible()
    _expect_count(page, "figure-signed", _figure(by_quarter, "signed")["count"])

    # 重点项目: every key project with its open items; a count opens its list with that total.
    key = _stats(base_url, "coordinator", "/stats/projects/key")
    card = page.get_by_test_id("key-projects")
    expect(card.get_by_test_id("key-project")).to_have_count(len(key["rows"]))
    expect(card.get_by_test_id("key-projects-all")).to_have_text(f"共 {key['total']['count']} 个")
    busiest = max(key["rows"], key=lambda r: _figure(r, "open_tickets")["count"])
    open_tickets = _figure(busiest, "open_tickets")["count"]
    assert open_tickets > 0, "the demo's key projects have open tickets"
    row = card.get_by_test_id("key-project").filter(has_text=busiest["project_name"])
    row.get_by_test_id("key-project-tickets").click()
    expect(page).to_have_url(re.compile(rf"/tickets\?.*project_id={busiest['project_id']}"))
    expect(page.get_by_test_id("list-total")).to_have_text(f"共 {open_tickets:,} 条")


def test_leader_on_a_phone_clicks_a_number_through_to_its_list(phone: Page, base_url: str) -> None:
    page = phone
    stats = _stats(base_url, "leader")
    major = _figure(stats, "signed_major")
    assert _list_total(base_url, "leader", major) == major["count"]

    login_as(page, "leader")
    # The dashboard is his home, his own project first on it.
    expect(page.get_by_test_id("dashboard")).to_be_visible()
    expect(page.get_by_test_id("my-project-card")).to_be_visible()
    # His tickets are his project's alone: the two department charts have a bar only when the
    # statistics API gives them a department, and say 暂无数据 otherwise.
    departments = _stats(base_url, "leader", "/stats/tickets/departments")["rows"]
    drawn = {
        "departments": bool(departments),
        "ontime": any(r["on_time_rate"] is not None for r in departments),
    }
    for chart in CHARTS:
        card = page.get_by_test_id(f"chart-{chart}")
        if drawn.get(chart, True):
            expect(card.locator("canvas")).to_have_count(1)
        else:
            expect(card).to_contain_text("统计期内暂无数据")
    expect(page.get_by_test_id("leaders").get_by_test_id("leader-row").first).to_be_visible()
    _expect_count(page, "figure-signed-major", major["count"])
    # Two cards a row, nothing sideways, every target big enough for a finger.
    first = page.get_by_test_id("figure-signed").bounding_box()
    second = page.get_by_test_id("figure-signed-amount").bounding_box()
    assert first and second and abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]
    assert not fits(page, "leader dashboard")

    _click_through(page, "figure-signed-major", major["count"])
    assert "signed_amount_min=" in page.url
    page.go_back()
    page.get_by_test_id("my-project-open").click()
    expect(page).to_have_url(re.compile(r"/my-project$"))


def test_district_officer_sees_only_their_units_figures(page: Page, base_url: str) -> None:
    mine, city = _stats(base_url, "yuhu"), _stats(base_url, "coordinator")
    keys = ("signed", "signed_major", "landed")
    # The demo city has figures beyond 雨湖区's, so a city-wide number would show here.
    assert any(_figure(mine, k)["count"] != _figure(city, k)["count"] for k in keys)

    login_as(page, "yuhu")
    expect(page.get_by_test_id("dashboard")).to_contain_text("雨湖区")
    expect(page.get_by_test_id("chart-funnel").locator("canvas")).to_have_count(1)
    _expect_count(page, "figure-signed", _figure(mine, "signed")["count"])
    _expect_count(page, "figure-signed-major", _figure(mine, "signed_major")["count"])
    _expect_count(page, "figure-landed", _figure(mine, "landed")["count"])
    # No other unit to pick, no ranking of the units.
    expect(page.get_by_test_id("unit-filter")).to_have_count(0)
    expect(page.get_by_test_id("chart-units")).to_have_count(0)

    signed = _figure(mine, "signed")
    _click_through(page, "figure-signed", signed["count"])


def test_coordinator_reads_departments_on_time_and_leaders_and_exports(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    departments = _stats(base_url, "coordinator", "/stats/tickets/departments")
    timed = [r for r in departments["rows"] if r["on_time_rate"] is not None]
    # A year of demo history: departments resolved tickets this year, at differing rates.
    assert timed
    row = max(timed, key=lambda r: _figure(r, "resolved")["count"])
    on_time, resolved = _figure(row, "resolved_on_time"), _figure(row, "resolved")
    assert _list_total(base_url, "coordinator", on_time) == on_time["count"]
    board = _stats(base_url, "coordinator", "/stats/leaders")
    assert board["rows"]

    login_as(page, "coordinator")
    chart = page.get_by_test_id("chart-ontime")
    expect(chart.locator("canvas")).to_have_count(1)
    line = chart.locator(f"tr[data-department='{row['department_name']}']")
    rate = f"{row['on_time_rate'] * 100:.1f}%"
    expect(line.get_by_test_id("ontime-rate")).to_have_text(rate)
    expect(line.get_by_test_id("ontime-resolved")).to_have_text(str(resolved["count"]))
    days = row["avg_working_days"]
    expect(line.get_by_test_id("ontime-days")).to_have_text(f"{days:.1f}")

    # The leaders' board: the API's rows, each project a link, each number its list.
    leaders = page.get_by_test_id("leaders")
    expect(leaders.get_by_test_id("leader-row")).to_have_count(len(board["rows"]))
    first = board["rows"][0]
    first_line = leaders.get_by_test_id("leader-row").first
    expect(first_line.get_by_test_id("leader-name")).to_have_text(first["leader_name"])
    expect(first_line.get_by_test_id("leader-project")).to_have_text(first["project_name"])
    expect(first_line.get_by_test_id("leader-days")).to_have_text(str(first["days_in_stage"]))
    open_tickets = _figure(first, "open_tickets")
    expect(first_line.get_by_test_id("leader-open_tickets")).to_have_text(
        str(open_tickets["count"])
    )

    # 导出 Excel of the departments' block: a real workbook of the same table.
    with page.expect_download() as download_info:
        chart.get_by_test_id("export-excel").click()
    saved = tmp_path / "departments.xlsx"
    download_info.value.save_as(saved)
    book = load_workbook(saved)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "部门")
    assert "按时反馈率（%）" in header
    names = [r[0] for r in rows]
    assert row["department_name"] in names

    # The department's on-time figure opens the ticket list with the same total, its
    # filters in the search form.
    line.get_by_test_id("ontime-rate").click()
    expect(page).to_have_url(re.compile(r"/tickets\?.*resolved_on_time=true"))
    assert f"resolved_from={departments['period']['date_from']}" in page.url
    expect(page.get_by_test_id("list-total")).to_have_text(f"共 {on_time['count']:,} 条")
    page.go_back()
    # A leader's open tickets open that project's ticket list, with the same total.
    page.get_by_test_id("leaders").get_by_test_id("leader-open_tickets").first.click()
    expect(page).to_have_url(re.compile(rf"/tickets\?.*project_id={first['project_id']}"))
    expect(page.get_by_test_id("list-total")).to_have_text(f"共 {open_tickets['count']:,} 条")


def test_department_officer_sees_own_on_time_rate(page: Page, base_url: str) -> None:
    mine = _stats(base_url, "zrzy", "/stats/tickets/departments", period="year")
    api = Api(base_url, "zrzy")
    try:
        unit_id = api.call("GET", "/auth/me")["unit"]["id"]
    finally:
        api.close()
    row = next(r for r in mine["rows"] if r["department_id"] == unit_id)
    assert row["on_time_rate"] is not None
    on_time = _figure(row, "resolved_on_time")

    login_as(page, "zrzy")
    card = page.get_by_test_id("figure-on-time-rate")
    expect(card.get_by_test_id("figure-value")).to_have_text(f"{row['on_time_rate'] * 100:.1f}%")
    expect(page.get_by_test_id("figure-avg-days").get_by_test_id("figure-value")).to_have_text(
        f"{row['avg_working_days']:.1f}工作日"
    )
    card.get_by_test_id("figure-value").click()
    expect(page).to_have_url(re.compile(r"/tickets\?"))
    expect(page.get_by_test_id("list-total")).to_have_text(f"共 {on_time['count']:,} 条")
