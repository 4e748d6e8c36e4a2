"""What users of admin systems expect of a list: a labelled search form with 查询/重置, the
search kept in the address (back/forward, a shared link and the way back from a detail page
restore it), breadcrumbs, the total, 刷新, and 列设置 that the browser remembers."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import OPEN_DROPDOWN, Api, Shots, form_item, login, login_as, open_menu


def open_signed_in(page: Page, path: str, username: str) -> None:
    """Load `path` afresh; if the session is not restored, the login page returns to it."""
    page.goto(path)
    signed_in = page.get_by_test_id("header-user-name")
    page.locator("form#login").or_(signed_in).wait_for()
    if not signed_in.is_visible():
        login(page, username)
    expect(page.get_by_test_id("header-user-name")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_ticket_search_lives_in_the_address(page: Page, base_url: str, shot: Shots) -> None:
    api = Api(base_url, "coordinator")
    try:
        overdue = api.call("GET", "/tickets", params={"overdue": True, "include_total": True})
        everything = api.call("GET", "/tickets", params={"include_total": True})
    finally:
        api.close()
    assert 0 < overdue["total"] < everything["total"], "the demo data has overdue and other tickets"

    login_as(page, "coordinator")
    open_menu(page, "服务事项")
    table = page.get_by_test_id("tickets-table")
    total = page.get_by_test_id("list-total")
    expect(total).to_have_text(f"共 {everything['total']} 条")

    # Nothing applies until 查询.
    filters = page.get_by_test_id("ticket-filters")
    if not filters.get_by_label("已超期").is_visible():
        filters.get_by_text("展开").click()  # the yes/no ticks sit below the first fields
    filters.get_by_label("已超期").check()
    expect(total).to_have_text(f"共 {everything['total']} 条")
    filters.get_by_test_id("search-submit").click()
    expect(page).to_have_url(re.compile(r"/tickets\?overdue=true$"))
    expect(total).to_have_text(f"共 {overdue['total']} 条")
    expect(table.locator("tr.ant-table-row")).to_have_count(len(overdue["items"]))
    shot("overdue")

    # Sorting is part of the search too, and the column shows it after a reload.
    table.locator("th", has_text="办理时限").click()
    expect(page).to_have_url(re.compile(r"sort=due_date"))
    open_signed_in(page, "/tickets?overdue=true&sort=due_date", "coordinator")
    expect(page.get_by_test_id("ticket-filters").get_by_label("已超期")).to_be_checked()
    expect(table.locator("th", has_text="办理时限")).to_have_attribute("aria-sort", "ascending")

    # The way back from a detail page lands on the same search.
    first = overdue["items"][0]
    table.get_by_role("link", name=first["code"]).click()
    crumbs = page.get_by_test_id("breadcrumbs")
    expect(crumbs).to_contain_text(f"工作台/服务事项/{first['code']}")
    crumbs.get_by_role("link", name="服务事项").click()
    assert query_of(page) == {"overdue": ["true"], "sort": ["due_date"]}
    expect(total).to_have_text(f"共 {overdue['total']} 条")
    table.get_by_role("link", name=first["code"]).click()
    page.get_by_role("button", name="服务事项").click()
    assert query_of(page) == {"overdue": ["true"], "sort": ["due_date"]}

    # Back and forward step through the searches.
    page.get_by_test_id("ticket-filters").get_by_test_id("search-reset").click()
    # 重置 clears the conditions, not the order.
    expect(page).to_have_url(re.compile(r"/tickets\?sort=due_date$"))
    expect(total).to_have_text(f"共 {everything['total']} 条")
    expect(page.get_by_test_id("ticket-filters").get_by_label("已超期")).not_to_be_checked()
    page.go_back()
    expect(total).to_have_text(f"共 {overdue['total']} 条")
    expect(page.get_by_test_id("ticket-filters").get_by_label("已超期")).to_be_checked()
    page.go_forward()
    expect(total).to_have_text(f"共 {everything['total']} 条")


def test_a_shared_link_opens_the_same_search(browser: Browser, base_url: str) -> None:
    api = Api(base_url, "coordinator")
    try:
        stages = ["signed", "started"]
        expected = api.call("GET", "/projects", params={"stage": stages, "include_total": True})
    finally:
        api.close()
    assert expected["total"] > 0

    context = browser.new_context(
        base_url=base_url, locale="zh-CN", viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    try:
        open_signed_in(page, "/projects?stage=signed&stage=started", "leader")
        expect(page.get_by_test_id("list-total")).to_have_text(f"共 {expected['total']} 条")
        stage = form_item(page.get_by_test_id("project-filters"), "阶段")
        expect(stage).to_contain_text("已签约")
        expect(stage).to_contain_text("已开工")
        rows = page.get_by_test_id("projects-table").locator("tr.ant-table-row")
        expect(rows).to_have_count(len(expected["items"]))
    finally:
        context.close()


def test_column_settings_and_refresh(page: Page, base_url: str) -> None:
    login_as(page, "coordinator")
    open_menu(page, "项目库")
    table = page.get_by_test_id("projects-table")
    expect(table.locator("th", has_text="产业链")).to_have_count(1)
    page.get_by_test_id("list-columns").click()
    page.get_by_test_id("column-settings").get_by_label("产业链").uncheck()
    expect(table.locator("th", has_text="产业链")).to_have_count(0)
    open_signed_in(page, "/projects", "coordinator")
    table = page.get_by_test_id("projects-table")
    expect(table.locator("th", has_text="项目名称")).to_have_count(1)
    expect(table.locator("th", has_text="产业链")).to_have_count(0)

    # 刷新 reads the list again: a project recorded meanwhile appears with the new total.
    total = page.get_by_test_id("list-total")
    expect(total).to_have_text(re.compile(r"^共 [\d,]+ 条$"))
    before = int(re.sub(r"\D", "", total.inner_text()))
    api = Api(base_url, "coordinator")
    try:
        unit = api.unit_id("雨湖区")
        api.call(
            "POST",
            "/projects",
            expect=201,
            json={
                "name": "刷新测试智能仓储项目",
                "investor_name": "湖南刷新仓储科技有限公司",
                "industry_chain": "modern-services",
                "source_channel": "door-knocking",
                "planned_investment": "8000",
                "owner_unit_id": unit,
            },
        )
    finally:
        api.close()
    page.get_by_test_id("list-refresh").click()
    expect(total).to_have_text(f"共 {before + 1} 条")
    expect(page.get_by_test_id("projects-table")).to_contain_text("刷新测试智能仓储项目")


def test_search_form_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(
        base_url=base_url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    try:
        login_as(page, "coordinator")
        page.get_by_test_id("menu-button").click()
        open_menu(page, "议定事项")
        page.get_by_test_id("filter-button").click()
        drawer = page.get_by_test_id("decision-filters")
        form_item(drawer, "状态").locator(".ant-select").click()
        page.locator(OPEN_DROPDOWN).get_by_text("落实中", exact=True).click()
        page.keyboard.press("Escape")
        expect(page.locator(OPEN_DROPDOWN)).to_have_count(0)
        page.get_by_test_id("search-drawer-submit").click()
        expect(page).to_have_url(re.compile(r"/decisions\?state=in_progress$"))
        expect(page.get_by_test_id("filter-button")).to_have_text(re.compile("筛选（1）"))
        cards = page.get_by_test_id("decisions-list").get_by_test_id("list-card")
        expect(cards.first).to_be_visible()
        for text in cards.all_inner_texts():
            assert "落实中" in text
    finally:
        context.close()
