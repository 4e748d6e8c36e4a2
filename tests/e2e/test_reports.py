"""月报: a district officer fills in and submits the month's report, the coordinator returns it
once with a reason, the officer corrects and submits it again, the coordinator accepts it, and
the report then reads as frozen. The period is opened through the API: November 2026, which
the demo leaves for the job to open on 1 December (its August–October reports are frozen)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, button_name, form_item, login_as, logout, open_menu
from tests.e2e.phone import fits

PERIOD = "2026年11月月报"


def _open_period_and_report(base_url: str) -> tuple[str, str]:
    coordinator, yuhu = Api(base_url, "coordinator"), Api(base_url, "yuhu")
    try:
        body = {"kind": "month", "year": 2026, "number": 11}
        period = coordinator.call("POST", "/report-periods", expect=201, json=body)
        mine = yuhu.call("GET", "/reports", params={"period_id": period["id"]})["items"]
        assert len(mine) == 1 and mine[0]["state"] == "draft"
        return period["id"], mine[0]["id"]
    finally:
        coordinator.close()
        yuhu.close()


def _state(page: Page, label: str) -> None:
    expect(page.get_by_test_id("report-marks").get_by_test_id("report-state")).to_have_text(label)


def test_officer_submits_coordinator_returns_then_accepts_and_report_freezes(
    page: Page, phone: Page, shot: Shots, base_url: str
):
    period_id, report_id = _open_period_and_report(base_url)

    # 雨湖区's officer finds the report in 月报季报 and fills it in.
    login_as(page, "yuhu")
    open_menu(page, "月报季报")
    row = page.get_by_test_id("reports-list").locator("tr", has_text=PERIOD)
    expect(row).to_contain_text("雨湖区")
    expect(row.get_by_test_id("report-state")).to_have_text("草稿")
    row.get_by_test_id("report-link").click()
    expect(page.get_by_test_id("report-title")).to_have_text(PERIOD)
    narrative = page.locator("form#report")
    measures = "赴深圳开展敲门招商，对接电子信息企业 8 家"
    form_item(narrative, "重大措施").locator("textarea").fill(measures)
    form_item(narrative, "重要会议").locator("textarea").fill("召开全区重点项目调度会 1 次")
    form_item(narrative, "存在问题").locator("textarea").fill("部分项目用地报批进度偏慢")
    form_item(narrative, "下月工作计划").locator("textarea").fill("推动两个在谈项目签约")

    # A figure is corrected with its reason, shown beside the computed value.
    signed = page.get_by_test_id("figure-signed_count")
    computed = signed.get_by_test_id("figure-computed").inner_text()
    signed.get_by_role("button", name=button_name("更正")).click()
    dialog = page.get_by_role("dialog", name=re.compile("更正：签约项目"))
    dialog.get_by_label("更正值（个）").fill("3")
    dialog.get_by_label("更正理由").fill("11月30日补签框架协议一份，尚未录入")
    dialog.get_by_role("button", name="保存更正").click()
    expect(dialog).to_be_hidden()
    expect(signed.get_by_test_id("figure-corrected")).to_have_text("3 个")
    expect(signed.get_by_test_id("figure-reason")).to_contain_text("补签框架协议")
    expect(signed.get_by_test_id("figure-computed")).to_have_text(computed)
    shot("雨湖区填报")

    page.get_by_test_id("report-submit").click()
    _state(page, "已报送")
    expect(page.get_by_test_id("report-submit")).to_have_count(0)
    expect(page.get_by_test_id("narrative-measures")).to_contain_text("敲门招商")
    logout(page)

    # The coordinator returns it once, with a reason.
    login_as(page, "coordinator")
    page.goto(f"/reports?period_id={period_id}")
    row = page.get_by_test_id("reports-list").locator("tr", has_text="雨湖区")
    expect(row.get_by_test_id("report-state")).to_have_text("已报送")
    row.get_by_test_id("report-link").click()
    expect(page.get_by_test_id("report-figures")).to_contain_text("11月30日补签框架协议一份")
    page.get_by_test_id("report-return").click()
    dialog = page.get_by_role("dialog", name="退回报表")
    dialog.get_by_label("退回理由").fill("请补充重点项目进展，并附补签协议的项目名称")
    dialog.get_by_role("button", name=button_name("退回")).click()
    expect(dialog).to_be_hidden()
    _state(page, "已退回")
    logout(page)

    # The officer reads why, adds what was asked and submits again.
    login_as(page, "yuhu")
    page.goto(f"/reports/{report_id}")
    expect(page.get_by_test_id("report-returned")).to_contain_text("请补充重点项目进展")
    expect(page.get_by_test_id("report-history")).to_contain_text("退回理由：请补充重点项目进展")
    narrative = page.locator("form#report")
    expect(form_item(narrative, "重大措施").locator("textarea")).to_have_value(measures)
    form_item(narrative, "重点项目进展").locator("textarea").fill(
        "雨湖智慧物流园完成评估；补签项目为智能装备产业园二期"
    )
    shot("退回后补充")
    page.get_by_test_id("report-submit").click()
    _state(page, "已报送")
    logout(page)

    # The coordinator accepts it: from now on it is frozen.
    login_as(page, "coordinator")
    page.goto(f"/reports/{report_id}")
    expect(page.get_by_test_id("narrative-project_progress")).to_contain_text("智能装备产业园二期")
    page.get_by_test_id("report-accept").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=button_name("通过")).click()
    _state(page, "已通过")
    expect(page.get_by_test_id("report-frozen")).to_be_visible()
    expect(page.get_by_test_id("report-return")).to_have_count(0)
    expect(page.get_by_test_id("report-accept")).to_have_count(0)
    shot("已通过冻结")
    logout(page)

    # The officer sees it frozen: nothing to edit, correct or submit.
    login_as(page, "yuhu")
    page.goto(f"/reports/{report_id}")
    _state(page, "已通过")
    expect(page.get_by_test_id("report-frozen")).to_contain_text("已冻结")
    expect(page.locator("form#report")).to_have_count(0)
    expect(page.get_by_test_id("report-save")).to_have_count(0)
    expect(page.get_by_test_id("report-submit")).to_have_count(0)
    expect(page.get_by_test_id("figure-signed_count").get_by_role("button")).to_have_count(0)
    expect(page.get_by_test_id("figure-signed_count")).to_contain_text("3 个")
    history = page.get_by_test_id("report-history")
    expect(history).to_contain_text("已通过")

    # At phone width the same report reads as stacked cards, nothing wider than the screen.
    login_as(phone, "yuhu")
    phone.goto(f"/reports/{report_id}")
    expect(phone.get_by_test_id("report-frozen")).to_be_visible()
    expect(phone.get_by_test_id("figure-signed_count")).to_contain_text("3 个")
    assert fits(phone, "月报详情") == []
    phone.goto("/reports")
    expect(phone.get_by_test_id("reports-list")).to_contain_text(PERIOD)
    assert fits(phone, "月报季报") == []
