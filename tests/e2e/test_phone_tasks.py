"""Two of the daily tasks done on a phone (390×844), with no horizontal scrolling at any step:

* a district officer (雨湖区) records a lead — saved as a draft while the investor is known only
  as "宁德某锂电企业", completed, then submitted for evaluation (提交评估) — and the coordinator
  hears of it from the bell and lands on the project to 录入评估;
* the coordinator 督办es an overdue ticket: the dialog says which letter it issues (level,
  number, deadline) and the letter downloaded is that one.

Each step is measured like tests/e2e/test_phone.py measures a page (overflow, tap targets), and
the new-lead form, the project with 提交评估 and the 督办 dialog are saved at 390 and 1440 px
under tests/e2e/output/phone-tasks/.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    OUTPUT,
    Api,
    bell_notice,
    button_name,
    choose,
    form_item,
    login_as,
    logout,
)
from tests.e2e.phone import DESKTOP, PHONE, fits, settle

SHOTS = OUTPUT / "phone-tasks"
# test_tickets.py escalates this demo ticket itself and expects it untouched until then.
KEPT_FOR_TICKET_TESTS = "二期用地报批进度缓慢"


def both_widths(page: Page, name: str) -> None:
    """The page as it is now, at 390 px (the screen a person sees, and the whole page) and at
    1440 px, then back to the phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=str(SHOTS / f"{name}--390-screen.png"))
    page.screenshot(path=str(SHOTS / f"{name}--390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    settle(page)
    page.screenshot(path=str(SHOTS / f"{name}--1440.png"), full_page=True)
    page.set_viewport_size(PHONE)
    settle(page)


def test_district_records_a_lead_and_submits_it_on_a_phone(phone: Page) -> None:
    page, problems = phone, []
    name = f"雨湖锂电池正极材料项目{random.randint(1000, 9999)}"

    login_as(page, "yuhu")
    page.goto("/projects")
    page.get_by_role("button", name="新建项目").click()
    drawer = page.get_by_role("dialog", name="新建项目")
    form = drawer.locator("form#project-form")
    form.get_by_label("项目名称").fill(name)
    form.get_by_label("投资方").fill("宁德某锂电企业")
    expect(form_item(form, "投资方")).to_contain_text("提交评估前补全企业全称")
    choose(page, form_item(form, "产业链"), "新能源")
    choose(page, form_item(form, "招商渠道"), "敲门招商")
    problems += fits(page, "新建项目（草稿）")
    both_widths(page, "01-new-lead-form")
    drawer.get_by_test_id("save-draft").click()

    expect(page.locator(".ant-message")).to_contain_text(f"已保存草稿“{name}”")
    expect(page.get_by_test_id("project-name")).to_have_text(name)
    gaps = page.get_by_test_id("submission-gaps")
    expect(gaps).to_contain_text("提交评估前还需补充")
    expect(gaps).to_contain_text("需要填写投资方企业全称")
    expect(gaps).to_contain_text("需要填写计划总投资")
    expect(page.get_by_test_id("submit-evaluation")).to_be_disabled()
    problems += fits(page, "草稿详情")
    both_widths(page, "02-lead-draft-detail")

    # Completed once the investor is known: full name, a contact, the amounts.
    page.get_by_role("button", name=button_name("编辑")).click()
    edit = page.locator("form#project-edit-form")
    edit.get_by_label("投资方").fill("宁德时代新能源科技股份有限公司")
    edit.get_by_label("计划总投资").fill("50000")
    edit.get_by_label("用地面积").fill("300")
    edit.get_by_label("预计年税收").fill("2500")
    edit.get_by_role("button", name="添加联系人").click()
    edit.get_by_placeholder("姓名").fill("陈经理")
    edit.get_by_placeholder("电话").fill("0593-8901234")
    problems += fits(page, "补全项目信息")
    edit.get_by_role("button", name=button_name("保存")).click()
    expect(page.locator(".ant-message")).to_contain_text("已保存项目信息")
    expect(gaps).to_contain_text("信息已齐全")
    submit = page.get_by_test_id("submit-evaluation")
    expect(submit).to_be_enabled()
    problems += fits(page, "可提交评估")
    both_widths(page, "03-lead-ready-to-submit")

    submit.click()
    page.locator(".ant-popconfirm").get_by_role("button", name=button_name("提交")).click()
    expect(page.locator(".ant-message")).to_contain_text("已提交评估")
    expect(page.get_by_test_id("time-in-stage")).to_contain_text("当前阶段：项目评估")
    expect(page.get_by_test_id("evaluation-waiting")).to_contain_text("等待市商务局评估")
    expect(page.get_by_test_id("record-evaluation")).to_have_count(0)
    problems += fits(page, "已提交评估")
    code = page.get_by_test_id("project-code").inner_text()
    project_url = page.url
    logout(page)

    # The coordinator hears of it on the phone and lands on the project to evaluate it.
    login_as(page, "coordinator")
    notice = bell_notice(page, "待评估项目", code)
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(name)
    expect(notice).to_contain_text("提交评估")
    problems += fits(page, "通知")
    notice.click()
    expect(page).to_have_url(project_url)
    expect(page.get_by_test_id("evaluation-waiting")).to_contain_text("待录入评估")
    page.get_by_test_id("record-evaluation").click()
    expect(page.locator("form#evaluation-form")).to_be_visible()
    problems += fits(page, "录入评估")

    # On 待办 it waits among the projects to evaluate; the count is the list's total.
    page.goto("/todo")
    queue = page.get_by_test_id("evaluation-queue")
    expect(queue).to_contain_text(name)
    count = queue.get_by_test_id("evaluation-queue-count")
    expect(count).to_have_text(re.compile(r"^\d+ 件$"))
    expect(queue.get_by_text(re.compile(r"^已显示 \d+ 条"))).to_contain_text(
        f"共 {count.inner_text().split()[0]} 条"
    )
    problems += fits(page, "待办")
    assert not problems, "\n".join(problems)


def overdue_ticket(base_url: str) -> dict[str, str]:
    """An overdue ticket the coordinator may still 督办 (below level 2), not the one the ticket
    tests escalate themselves."""
    api = Api(base_url, "coordinator")
    try:
        items = api.call("GET", "/tickets", params={"overdue": True, "limit": 50})["items"]
    finally:
        api.close()
    ticket: dict[str, str] = next(
        t for t in items if t["escalation_level"] < 2 and t["title"] != KEPT_FOR_TICKET_TESTS
    )
    return ticket


def test_coordinator_escalates_an_overdue_ticket_on_a_phone(
    phone: Page, base_url: str, tmp_path: Path
) -> None:
    page, problems = phone, []
    ticket = overdue_ticket(base_url)
    login_as(page, "coordinator")
    page.goto(f"/tickets/{ticket['id']}")
    expect(page.get_by_test_id("ticket-title")).to_have_text(ticket["title"])
    expect(page.get_by_test_id("ticket-marks").get_by_test_id("due-mark")).to_have_text("已超期")
    problems += fits(page, "超期事项")

    page.get_by_role("button", name=button_name("督办")).click()
    dialog = page.get_by_role("dialog", name=re.compile("^督办："))
    expect(dialog).to_be_visible()
    preview = dialog.get_by_test_id("escalation-preview")
    kind = dialog.get_by_test_id("escalation-preview-kind")
    expect(kind).to_have_text(re.compile("^(督办函|通报)$"))
    letter_kind = kind.inner_text()
    level = "一级督办" if letter_kind == "督办函" else "二级督办"
    expect(preview).to_contain_text(level)
    year = r"〔\d{4}〕"
    prefix = "湘招督" if letter_kind == "督办函" else "湘招通"
    number = dialog.get_by_test_id("escalation-preview-number")
    expect(number).to_have_text(re.compile(rf"^{prefix}{year}\d+号$"))
    letter_number = number.inner_text()
    deadline = dialog.get_by_test_id("escalation-preview-deadline")
    expect(deadline).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    dialog.get_by_label("督办原因").fill("超期未办结，予以督办")
    problems += fits(page, "督办对话框")
    both_widths(page, "04-escalate-dialog")
    dialog.get_by_role("button", name=button_name(f"发出{letter_kind}")).click()
    expect(page.locator(".ant-message")).to_contain_text(f"已发出{letter_kind} {letter_number}")
    expect(dialog).to_be_hidden()

    newest = page.get_by_test_id("letter").first
    expect(newest.get_by_test_id("letter-number")).to_have_text(letter_number)
    problems += fits(page, "督办后")
    with page.expect_download() as download_info:
        download = newest.get_by_role("button", name=re.compile(f"^下载{letter_kind} "))
        download.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".docx", saved.name
    with zipfile.ZipFile(saved) as docx:
        body = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode())
    assert letter_number in body and letter_kind in body, body[:400]
    assert not problems, "\n".join(problems)
