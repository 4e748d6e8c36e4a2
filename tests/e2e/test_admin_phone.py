"""系统管理 on a phone (390×844): every admin list is a column of cards with their own buttons,
never a table scrolled sideways; the unit tree beside the users becomes a picker above them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import Api, Shots, login_as

ADMIN_PAGES = ["users", "units", "dictionaries", "calendar", "api-clients"]


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    yield page
    context.close()


def test_admin_lists_are_cards_on_a_phone(phone: Page, admin_api: Api, shot: Shots) -> None:
    page = phone
    n = uuid.uuid4().hex[:6]
    # A Saturday late in the year: no ticket of another test is due that far out.
    day = max(
        d for d in (date(date.today().year, 12, x) for x in range(20, 32)) if d.weekday() == 5
    )
    admin_api.call(
        "PUT", f"/calendar/overrides/{day}", json={"is_working_day": True, "name": f"调休{n}"}
    )
    admin_api.call(
        "POST",
        "/api-clients",
        201,
        json={
            "name": f"手机端测试{n}",
            "unit_id": admin_api.unit_id("雨湖区"),
            "scopes": ["projects:read"],
        },
    )
    try:
        login_as(page, "admin")
        for path in ADMIN_PAGES:
            page.goto(f"/admin/{path}")
            expect(page.get_by_test_id("list-card").first).to_be_visible()
            expect(page.locator("main .ant-table, .ant-layout-content .ant-table")).to_have_count(0)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"/admin/{path} overflows sideways: {width} px"
            shot(path)
        cards = page.get_by_test_id("list-card")
        expect(cards.filter(has_text=f"手机端测试{n}")).to_contain_text("雨湖区")
        cards.filter(has_text=f"手机端测试{n}").get_by_role(
            "button", name=re.compile(r"^吊\s*销$")
        ).click()
        page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^吊\s*销$")).click()
        expect(cards.filter(has_text=f"手机端测试{n}")).to_contain_text("已吊销")

        page.goto("/admin/calendar")
        expect(page.get_by_test_id("list-card").filter(has_text=f"调休{n}")).to_contain_text(
            "调休上班"
        )

        # The unit picker above the users: 岳塘区 shows its own people, not 雨湖区's.
        page.goto("/admin/users")
        expect(cards.filter(has_text="李娜")).to_have_count(1)
        page.get_by_test_id("unit-picker").click()
        page.keyboard.type("岳塘")
        page.locator(".ant-select-tree-title", has_text=re.compile("^岳塘区$")).click()
        expect(page.get_by_text("岳塘区的用户")).to_be_visible()
        expect(cards.filter(has_text="赵磊")).to_have_count(1)
        expect(cards.filter(has_text="李娜")).to_have_count(0)
        shot("users-of-yuetang")
    finally:
        admin_api.call("DELETE", f"/calendar/overrides/{day}", 204)
