"""招商通 on a phone: every menu page and one detail page of each kind, for every role, at 390×844.

City leaders open the app from a message on their phone. For each role the test signs in on a
390×844 touch screen (device scale 2), walks every entry of the side menu (opened from the
header's menu button, since below antd's `md` breakpoint the menu is a drawer) and one detail
page of each kind the role can see (project, ticket, meeting, decision), and on each page asserts:

* no horizontal overflow: `document.documentElement.scrollWidth <= innerWidth`;
* every visible interactive element (links, buttons, inputs, selects, menu items, tabs,
  switches, checkboxes) is a tap target of at least 40 × 40 px.

Tap-target rule. The target measured is what a finger hits: an antd control's outer box (the
select, date picker or input wrapper around its `<input>`, the tab around its label, the
checkbox/radio/switch together with its `<label>`), otherwise the element itself. Exempt are
text links: an `<a>` drawn as plain text (not an antd button, no vertical padding) in a line of
text, e.g. 查看 in a description or a project's name in a desktop-style table cell: WCAG 2.5.8
exempts targets "in a sentence or whose size is otherwise constrained by the line-height of
non-target text". The lists of projects, tickets, 待办, meetings and decisions do not rely on
this: on a phone each record is a card that is itself one tap target (a padded link, measured).

A list's filters, in a drawer on a phone, are opened and checked the same way.

The test makes its own records (`records`): a project of 雨湖区 with a ticket handled by 市自然资源
和规划局, a ticket on the project 市领导 `leader` leads, and a meeting he chairs with 雨湖区 and
自然资源局 attending and a decision for 雨湖区 — so every role has a record of each kind it may
read, whether this file runs alone or after the rest of the package.

Every page is also saved as a full-page screenshot at 390 px and at 1440 px under
tests/e2e/output/phone/ (git-ignored) so that a person can look at both layouts.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, login_as, new_meeting
from tests.e2e.phone import PHONE, SHOTS, check

ROLES = ["admin", "coordinator", "leader", "yuhu", "zrzy", "supervisor", "viewer"]
DETAIL_KINDS = [
    ("project", "/projects"),
    ("ticket", "/tickets"),
    ("meeting", "/meetings"),
    ("decision", "/decisions"),
]


@pytest.fixture(scope="module", autouse=True)
def _fresh_shots() -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="module", autouse=True)
def records(base_url: str) -> None:
    """A record of every kind in every role's scope (see the module's docstring)."""
    api = Api(base_url, "coordinator")
    try:
        suffix = random.randint(1000, 9999)
        yuhu, zrzy = api.unit_id("雨湖区"), api.unit_id("市自然资源和规划局")
        project = api.call(
            "POST",
            "/projects",
            201,
            json={
                "name": f"雨湖区手机巡检项目{suffix}",
                "investor_name": "湖南巡检科技有限公司",
                "industry_chain": "equipment",
                "source_channel": "door-knocking",
                "planned_investment": "3000",
                "owner_unit_id": yuhu,
            },
        )
        leader = next(
            u
            for u in api.call("GET", "/users", params={"role": "leader", "limit": 200})["items"]
            if u["username"] == "leader"
        )
        led = api.call("GET", "/projects", params={"leader_id": leader["id"], "limit": 1})
        for project_id in {project["id"], *(p["id"] for p in led["items"])}:
            ticket = api.call(
                "POST",
                "/tickets",
                201,
                json={
                    "project_id": project_id,
                    "category": "land",
                    "title": f"用地预审协调{suffix}",
                    "description": "新增用地约 20 亩，请协调办理用地预审。",
                    "urgency": "normal",
                },
            )
            api.call(
                "POST",
                f"/tickets/{ticket['id']}/transitions",
                201,
                json={
                    "expected_state": "submitted",
                    "to_state": "assigned",
                    "lead_department_id": zrzy,
                },
            )
        starts = datetime.now().astimezone() - timedelta(days=1)
        meeting = new_meeting(
            api,
            f"项目调度会{suffix}",
            "dispatch",
            starts,
            leader["full_name"],
            ["雨湖区", "市自然资源和规划局"],
            held=False,
        )
        api.call(
            "POST",
            f"/meetings/{meeting['id']}/decisions",
            201,
            json={"text": "做好项目用地要素保障", "responsible_unit_id": yuhu},
        )
    finally:
        api.close()


def menu_entries(page: Page) -> list[str]:
    """The labels of the side menu's pages (group headers excluded), from the menu drawer."""
    page.get_by_test_id("menu-button").click()
    menu = page.get_by_test_id("side-menu")
    expect(menu).to_be_visible()
    labels = [t.strip() for t in menu.locator("li.ant-menu-item").all_inner_texts()]
    # Tapping the dimmed page beside the drawer closes it.
    page.locator(".ant-drawer-mask").click(position={"x": PHONE["width"] - 20, "y": 400})
    expect(menu).to_be_hidden()
    return labels


def open_entry(page: Page, label: str) -> None:
    page.get_by_test_id("menu-button").click()
    # A menu item's accessible name starts with its icon's ("home 工作台").
    name = re.compile(f"{re.escape(label)}$")
    page.get_by_test_id("side-menu").get_by_role("menuitem", name=name).click()
    expect(page.get_by_test_id("side-menu")).to_be_hidden()
    expect(page.get_by_test_id("header-title")).to_have_text(label)


def first_ids(base_url: str, role: str) -> dict[str, str]:
    """One record of each kind this role can read; a kind it may not read answers 403."""
    api = Api(base_url, role)
    try:
        ids = {}
        for kind, path in DETAIL_KINDS:
            r = api.http.get(path, params={"limit": 20})
            assert r.status_code in (200, 403), f"{role} GET {path} → {r.status_code}: {r.text}"
            if r.status_code == 200:
                assert r.json()["items"], f"{role} reads {path} but sees none of `records`"
                ids[kind] = str(r.json()["items"][0]["id"])
        return ids
    finally:
        api.close()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone(phone: Page, base_url: str, role: str) -> None:
    page = phone
    login_as(page, role)
    problems = check(page, role, "00-工作台")
    entries = menu_entries(page)
    assert entries, "the menu drawer lists no page"
    for n, label in enumerate(entries, start=1):
        if label == "工作台":
            continue
        open_entry(page, label)
        problems += check(page, role, f"{n:02d}-{label}")

    ids = first_ids(base_url, role)
    if role in ("coordinator", "supervisor", "leader", "yuhu", "zrzy"):
        assert set(ids) == {"project", "ticket", "meeting", "decision"}, ids
    for kind, path in DETAIL_KINDS:
        if kind in ids:
            page.goto(f"{path}/{ids[kind]}")
            expect(page.get_by_test_id("header-title")).to_be_visible()
            problems += check(page, role, f"detail-{kind}")

    assert (SHOTS / f"{role}--00-工作台--390.png").is_file()
    assert (SHOTS / f"{role}--00-工作台--1440.png").is_file()
    assert not problems, "\n".join(problems)
