"""A city leader on his phone: from the message to his project's open items and a 批示; and the
message centre (消息中心), where a notification is filtered, opened, and lands on its item.

Both run at 390×844 with the phone context and the overflow / tap-target checks of
test_phone.py, which also saves each page's screenshots at 390 and 1440 px."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, button_name, login_as
from tests.e2e.phone import check

INSTRUCTION = "请市自然资源和规划局本周内拿出二期用地方案，周五前报我。"


def _open_ticket_on_leaders_project(base_url: str, title: str) -> dict[str, Any]:
    """A ticket on the project 王建国 leads, raised and assigned to 自然资源局 by the bureau."""
    leader, coordinator = Api(base_url, "leader"), Api(base_url, "coordinator")
    try:
        project = leader.call("GET", "/assignments/mine")["project"]
        ticket: dict[str, Any] = coordinator.call(
            "POST",
            "/tickets",
            201,
            json={
                "project_id": project["id"],
                "category": "land",
                "title": title,
                "description": "二期用地 80 亩需要新增建设用地指标。",
                "urgency": "urgent",
            },
        )
        return dict(
            coordinator.call(
                "POST",
                f"/tickets/{ticket['id']}/transitions",
                201,
                json={
                    "expected_state": "submitted",
                    "to_state": "assigned",
                    "lead_department_id": coordinator.unit_id("市自然资源和规划局"),
                },
            )
        )
    finally:
        leader.close()
        coordinator.close()


def test_leader_checks_open_items_and_instructs_on_a_phone(phone: Page, base_url: str) -> None:
    page = phone
    ticket = _open_ticket_on_leaders_project(base_url, "二期用地指标协调（领导手机）")
    login_as(page, "leader")
    # His dashboard opens with the project he leads first on it; one tap takes him there.
    page.get_by_test_id("my-project-card").get_by_test_id("my-project-open").click()
    expect(page).to_have_url(re.compile(r"/my-project$"))
    expect(page.get_by_test_id("my-project")).to_contain_text(ticket["project_name"])
    expect(page.get_by_test_id("days-in-stage")).to_contain_text(re.compile(r"（\d+ 天）"))
    card = page.get_by_test_id("open-ticket").filter(has_text=ticket["code"])
    expect(card).to_contain_text("已交办")
    expect(card).to_contain_text("市自然资源和规划局")
    expect(page.get_by_test_id("my-project-events")).to_be_visible()
    assert not check(page, "leader", "leader-home")

    card.get_by_test_id("instruct-button").click()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_contain_text(ticket["code"])
    expect(sheet).to_contain_text("批示将通知市自然资源和规划局")
    sheet.get_by_label("批示内容").fill(INSTRUCTION)
    # The sheet fills the phone's width: nothing sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    sheet.get_by_role("button", name="发送批示").click()
    expect(page.get_by_text("批示已发送")).to_be_visible()
    expect(sheet).to_be_hidden()
    # The home's recent events show it at once, newest first.
    latest = page.get_by_test_id("project-event").first
    expect(latest).to_contain_text("领导批示")
    expect(latest).to_contain_text(INSTRUCTION)

    card.get_by_test_id("open-item-link").click()
    expect(page).to_have_url(re.compile(f"/tickets/{ticket['id']}$"))
    entry = page.get_by_test_id("timeline-event").filter(has_text=INSTRUCTION)
    expect(entry).to_contain_text("领导批示")
    expect(entry).to_contain_text("王建国")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_message_centre_filters_and_opens_a_notification(phone: Page, base_url: str) -> None:
    page = phone
    ticket = _open_ticket_on_leaders_project(base_url, "施工临时用电接入（消息中心）")
    coordinator = Api(base_url, "coordinator")
    try:
        coordinator.call(
            "POST", f"/tickets/{ticket['id']}/nudges", 201, json={"text": "请尽快签收办理"}
        )
    finally:
        coordinator.close()

    login_as(page, "zrzy")
    page.get_by_test_id("notification-bell").click()
    page.get_by_test_id("notifications-all").click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    expect(page.get_by_test_id("header-title")).to_have_text("消息中心")
    expect(page.get_by_test_id("notification-total")).to_contain_text(re.compile(r"共 \d+ 条"))

    page.get_by_test_id("read-filter").get_by_text("未读").click()
    expect(page).to_have_url(re.compile(r"read=unread"))
    cards = page.get_by_test_id("notification-card")
    expect(cards.first).to_be_visible()
    for flag in cards.evaluate_all("els => els.map(e => e.dataset.unread)"):
        assert flag == "true"
    page.get_by_test_id("kind-filter").click()
    page.locator(".ant-select-item-option").filter(has_text=re.compile("^催办$")).click()
    expect(page).to_have_url(re.compile(r"kind=nudged"))
    nudge = cards.filter(has_text=ticket["code"])
    expect(nudge).to_have_count(1)
    for kind in cards.evaluate_all("els => els.map(e => e.dataset.kind)"):
        assert kind == "nudged"
    assert not check(page, "zrzy", "message-centre")

    nudge.click()
    expect(page).to_have_url(re.compile(f"/tickets/{ticket['id']}$"))
    expect(page.get_by_test_id("header-title")).to_be_visible()
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text("请尽快签收办理")

    # Opened is read: back in the list of unread 催办, it is gone.
    page.go_back()
    expect(page).to_have_url(re.compile(r"read=unread.*kind=nudged|kind=nudged.*read=unread"))
    expect(cards.filter(has_text=ticket["code"])).to_have_count(0)
    page.get_by_test_id("mark-all-read").click()
    expect(page.get_by_test_id("notification-count").locator("sup")).to_have_count(0)
    expect(page.get_by_role("button", name=button_name("全部标为已读"))).to_be_disabled()
