"""服务事项 (交办督办): raise → 交办 (due date in working days) → 签收/办理/反馈 → 退回 → 办结,
the 待办 counts, the notification bell, 督办 with a downloadable 督办函, and 节假日调整.

Each test sets up the state it starts from through the API, so the tests do not depend on
each other's order; only the 督办 test uses the seeded overdue ticket.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import chinese_calendar
import docx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import (
    Api,
    Shots,
    bell_notice,
    button_name,
    choose,
    form_item,
    login_as,
    logout,
    new_meeting,
    open_menu,
)

PROJECT = "湘江风电叶片及整机配套项目"
DEPARTMENT = "市自然资源和规划局"
OVERDUE_TICKET = "二期用地报批进度缓慢"
WEEKDAYS = "一二三四五六日"


# --- working days, counted the way the issue describes (independently of the app) ---------


def shanghai_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def is_working_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    if day in holidays:
        return False
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the package does not know yet
        return day.weekday() < 5


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int, holidays: frozenset[date]) -> date:
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def day_text(day: date) -> str:
    """How the assign dialog names a skipped day: 12月1日 周二."""
    return f"{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}"


# --- API set-up ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apis(base_url: str) -> Iterator[dict[str, Api]]:
    clients = {u: Api(base_url, u) for u in ("gaoxin", "coordinator", "zrzy", "supervisor")}
    yield clients
    for c in clients.values():
        c.close()


def project_id(api: Api, name: str = PROJECT) -> str:
    items = api.call("GET", "/projects", params={"q": name})["items"]
    return str(next(p["id"] for p in items if p["name"] == name))


def raise_ticket(apis: dict[str, Api], title: str, urgency: str = "normal") -> dict[str, str]:
    body = {
        "project_id": project_id(apis["gaoxin"]),
        "category": "land",
        "title": title,
        "description": "叶片二车间扩建需新增用地约 40 亩，请协调办理用地预审。",
        "urgency": urgency,
    }
    ticket: dict[str, str] = apis["gaoxin"].call("POST", "/tickets", 201, json=body)
    return ticket


def move(api: Api, ticket: dict[str, str], to_state: str, **body: object) -> dict[str, str]:
    current = api.call("GET", f"/tickets/{ticket['id']}")
    moved: dict[str, str] = api.call(
        "POST",
        f"/tickets/{ticket['id']}/transitions",
        201,
        json={"expected_state": current["state"], "to_state": to_state, **body},
    )
    return moved


def assign(apis: dict[str, Api], ticket: dict[str, str], urgency: str = "urgent") -> None:
    lead = apis["coordinator"].unit_id(DEPARTMENT)
    move(apis["coordinator"], ticket, "assigned", lead_department_id=lead, urgency=urgency)


def unique(title: str) -> str:
    return f"{title}{random.randint(1000, 9999)}"


# --- page helpers -------------------------------------------------------------------------


def open_ticket_from_list(page: Page, title: str, table: str = "tickets-table") -> None:
    page.get_by_test_id(table).get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_test_id("ticket-title")).to_have_text(title)


def marks(page: Page) -> Locator:
    return page.get_by_test_id("ticket-marks")


def act(page: Page, action: str) -> Locator:
    """Click an action button of the ticket and return its dialog."""
    page.get_by_test_id("ticket-actions").get_by_role("button", name=button_name(action)).click()
    dialog = page.get_by_role("dialog", name=re.compile(f"^{re.escape(action)}："))
    expect(dialog).to_be_visible()
    return dialog


def confirm(dialog: Locator, label: str) -> None:
    dialog.get_by_role("button", name=button_name(label)).click()


def expect_count_matches_list(page: Page, card: str) -> None:
    """A 待办 card's number equals the total of the list it opens (both settle after loading)."""
    page.get_by_test_id(f"todo-card-{card}").click()
    value = page.get_by_test_id(f"todo-card-{card}").locator(".ant-statistic-content-value")
    # The ticket list's own footer (the coordinator's 待办 has a list of projects below it).
    tickets = page.locator(".ant-card").filter(has=page.get_by_test_id("todo-table"))
    footer = tickets.get_by_text(re.compile(r"^已显示 \d+ 条"))
    expect(value).to_have_text(re.compile(r"^\d+$"))
    expect(footer).to_contain_text("共")
    deadline = time.monotonic() + 20
    while True:
        count = value.inner_text().strip()
        total = re.search(r"共 (\d+) 条", footer.inner_text())
        if total and total.group(1) == count:
            return
        assert time.monotonic() < deadline, f"{card}: card says {count}, list {footer.inner_text()}"
        page.wait_for_timeout(250)


def expect_state(page: Page, state: str) -> None:
    expect(marks(page).get_by_test_id("ticket-state")).to_have_text(state)


def expect_actions(page: Page, labels: list[str]) -> None:
    buttons = page.get_by_test_id("ticket-actions").get_by_role("button")
    expect(buttons).to_have_count(len(labels))
    for label in labels:
        expect(buttons.filter(has_text=button_name(label))).to_have_count(1)


# --- scenarios ----------------------------------------------------------------------------


def test_district_officer_raises_ticket_from_project_page(page: Page, shot: Shots) -> None:
    title = unique("叶片二车间扩建用地预审")
    login_as(page, "gaoxin")
    open_menu(page, "项目库")
    page.get_by_placeholder("项目名称、代码或投资方").fill(PROJECT)
    page.get_by_placeholder("项目名称、代码或投资方").press("Enter")
    page.get_by_test_id("projects-table").get_by_role("link", name=PROJECT).click()
    expect(page.get_by_test_id("project-name")).to_have_text(PROJECT)

    page.get_by_role("tab", name="服务事项").click()
    tickets = page.get_by_test_id("project-tickets")
    expect(tickets).to_contain_text("首期产业扶持资金兑现")
    page.get_by_role("button", name="提出服务事项").click()
    dialog = page.get_by_role("dialog", name="提出服务事项")
    form = dialog.locator("form#raise-ticket-form")
    choose(page, form_item(form, "类别"), "用地")
    form.get_by_label("事项标题").fill(title)
    form.get_by_label("问题描述和诉求").fill(
        "叶片二车间扩建需新增工业用地约 40 亩，已完成规划选址，请协调办理用地预审。"
    )
    form_item(form, "紧急程度").get_by_text("急办", exact=True).click()
    shot("raise-form")
    confirm(dialog, "提交")

    expect(page.locator(".ant-message")).to_contain_text("已提出服务事项 SX-")
    expect(dialog).to_be_hidden()
    row = tickets.locator("tr.ant-table-row", has_text=title)
    expect(row).to_contain_text("待交办")
    expect(row).to_contain_text("急办")
    shot("project-tickets-tab")

    row.get_by_role("link", name=title).click()
    expect(page.get_by_test_id("ticket-title")).to_have_text(title)
    expect_state(page, "待交办")
    expect(page.get_by_test_id("ticket-project")).to_have_text(PROJECT)
    expect(page.get_by_test_id("ticket-lead")).to_have_text("待交办")
    # The district may withdraw its request; 交办 is the coordinator's.
    expect_actions(page, ["撤销"])
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text("提出（待交办）")
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text("孙明（湘潭高新区）")
    shot("raised-ticket")


def test_coordinator_assigns_with_due_date_skipping_holiday(
    page: Page, shot: Shots, apis: dict[str, Api], admin_api: Api
) -> None:
    title = unique("叶片车间消防验收协调")
    raise_ticket(apis, title)
    today = shanghai_today()
    holiday = next_working_day(today)
    admin_api.call(
        "PUT",
        f"/calendar/overrides/{holiday.isoformat()}",
        json={"is_working_day": False, "name": "元旦"},
    )
    try:
        due = add_working_days(today, 5, frozenset({holiday}))
        login_as(page, "coordinator")

        # 待办: what waits for the coordinator, each count equal to the list behind it.
        open_menu(page, "待办")
        todo = page.get_by_test_id("todo-table")
        expect(todo).to_contain_text(title)
        for card in ("todo", "overdue", "due_soon"):
            expect_count_matches_list(page, card)
        page.get_by_test_id("todo-card-todo").click()
        shot("coordinator-todo")

        open_ticket_from_list(page, title, "todo-table")
        expect_actions(page, ["交办", "撤销"])
        dialog = act(page, "交办")
        form = dialog.locator("form#assign-ticket-form")
        choose(page, form_item(form, "牵头部门"), DEPARTMENT, search="自然资源")
        form_item(form, "紧急程度").get_by_text("急办", exact=True).click()
        preview = dialog.get_by_test_id("due-preview")
        expect(preview.get_by_test_id("due-preview-date")).to_have_text(due.isoformat())
        expect(preview).to_contain_text("5 个工作日")
        expect(preview.get_by_test_id("due-preview-skipped")).to_contain_text(
            f"{day_text(holiday)}（节假日）"
        )
        shot("assign-dialog")
        confirm(dialog, "交办")

        expect(page.locator(".ant-message")).to_contain_text(f"已交办给{DEPARTMENT}")
        expect(dialog).to_be_hidden()
        expect_state(page, "已交办")
        expect(page.get_by_test_id("ticket-due-date")).to_have_text(due.isoformat())
        expect(page.get_by_test_id("ticket-lead")).to_have_text(DEPARTMENT)
        expect(marks(page).get_by_test_id("ticket-urgency")).to_have_text("急办")
        letter = page.get_by_test_id("ticket-letters").get_by_test_id("letter")
        expect(letter).to_contain_text("交办函")
        expect(letter).to_contain_text(re.compile(rf"湘招交〔{today.year}〕\d+号"))
        expect(page.get_by_test_id("ticket-timeline")).to_contain_text("待交办 → 已交办")
        shot("assigned")
    finally:
        admin_api.call("DELETE", f"/calendar/overrides/{holiday.isoformat()}", 204)


def test_department_gets_notified_accepts_and_resolves(
    page: Page, shot: Shots, apis: dict[str, Api]
) -> None:
    title = unique("风电塔筒堆场临时用地")
    ticket = raise_ticket(apis, title)
    assign(apis, ticket)

    login_as(page, "zrzy")
    bell = page.get_by_test_id("notification-bell")
    expect(bell.get_by_test_id("notification-count")).to_contain_text(re.compile(r"\d"))
    bell.click()
    panel = page.get_by_test_id("notification-panel")
    item = panel.get_by_test_id("notification").filter(has_text=title)
    expect(item).to_contain_text("新交办")
    expect(item).to_have_attribute("data-unread", "true")
    shot("bell")
    item.click()
    expect(page).to_have_url(re.compile(f"/tickets/{ticket['id']}$"))
    expect(page.get_by_test_id("ticket-title")).to_have_text(title)
    expect_state(page, "已交办")
    expect_actions(page, ["签收"])
    bell.click()
    expect(panel.get_by_test_id("notification").filter(has_text=title)).to_have_attribute(
        "data-unread", "false"
    )
    bell.click()
    expect(panel).to_be_hidden()

    # Someone at the department signs for it first: the page shows the refusal in Chinese.
    dialog = act(page, "签收")
    move(apis["zrzy"], ticket, "accepted")
    confirm(dialog, "签收")
    error = dialog.get_by_test_id("action-error")
    expect(error).to_contain_text("事项状态已变为“已签收”，请刷新后重试")
    expect(error).to_contain_text("事项当前状态：已签收")
    shot("state-changed")
    confirm(dialog, "取消")
    expect_state(page, "已签收")

    dialog = act(page, "开始办理")
    confirm(dialog, "开始办理")
    expect(page.locator(".ant-message")).to_contain_text("已开始办理")
    expect_state(page, "办理中")

    attachments = page.get_by_test_id("ticket-attachments")
    attachments.locator("input[type=file]").set_input_files(
        {
            "name": "用地预审意见.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n% zhaoshangtong e2e\n",
        }
    )
    expect(attachments.get_by_test_id("attachment")).to_contain_text("用地预审意见.pdf")
    expect(attachments).to_contain_text("张敏")

    comment = page.locator("form#ticket-comment-form")
    comment.get_by_label("留言").fill("已安排 12 月 1 日现场踏勘，请企业准备红线图。")
    comment.get_by_role("button", name="发表留言").click()
    expect(page.locator(".ant-message")).to_contain_text("已发表留言")
    event = page.get_by_test_id("timeline-event").filter(has_text="已安排 12 月 1 日现场踏勘")
    expect(event).to_contain_text("留言")
    expect(event).to_contain_text("张敏（市自然资源和规划局）")

    dialog = act(page, "反馈办理结果")
    confirm(dialog, "反馈办理结果")
    expect(form_item(dialog, "办理结果")).to_contain_text("请填写办理结果")
    result = "已完成临时用地审批，批复文件已送达企业，有效期两年。"
    dialog.get_by_label("办理结果").fill(result)
    shot("resolve-dialog")
    confirm(dialog, "反馈办理结果")
    expect(page.locator(".ant-message")).to_contain_text("已反馈办理结果")
    expect_state(page, "已反馈")
    expect(page.get_by_test_id("ticket-resolution")).to_have_text(result)
    timeline = page.get_by_test_id("ticket-timeline")
    expect(timeline).to_contain_text("办理中 → 已反馈")
    expect(timeline).to_contain_text(f"办理结果：{result}")
    expect(timeline).to_contain_text("张敏（市自然资源和规划局）")
    expect_actions(page, [])
    shot("resolved")


def test_requester_returns_once_then_closes_with_rating(
    page: Page, shot: Shots, apis: dict[str, Api]
) -> None:
    title = unique("叶片厂房规划许可变更")
    ticket = raise_ticket(apis, title)
    assign(apis, ticket)
    for state in ("accepted", "in_progress"):
        move(apis["zrzy"], ticket, state)
    move(apis["zrzy"], ticket, "resolved", note="已受理变更申请，正在审查。")

    login_as(page, "gaoxin")
    open_menu(page, "待办")
    open_ticket_from_list(page, title, "todo-table")
    expect_state(page, "已反馈")
    expect_actions(page, ["确认办结", "退回"])
    dialog = act(page, "退回")
    reason = "只说明已受理，未给出许可变更的办理结果，请办结后再反馈。"
    dialog.get_by_label("退回原因").fill(reason)
    confirm(dialog, "退回")
    expect(page.locator(".ant-message")).to_contain_text("已退回重办")
    expect_state(page, "办理中")
    expect(page.get_by_test_id("ticket-facts")).to_contain_text("1 次")
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text(f"退回原因：{reason}")
    shot("returned")
    logout(page)

    login_as(page, "zrzy")
    page.goto(f"/tickets/{ticket['id']}")
    expect_state(page, "办理中")
    dialog = act(page, "反馈办理结果")
    result = "规划许可变更已批准，变更后的建设工程规划许可证已核发。"
    dialog.get_by_label("办理结果").fill(result)
    confirm(dialog, "反馈办理结果")
    expect_state(page, "已反馈")
    logout(page)

    login_as(page, "gaoxin")
    page.goto(f"/tickets/{ticket['id']}")
    expect(page.get_by_test_id("ticket-resolution")).to_have_text(result)
    dialog = act(page, "确认办结")
    dialog.locator(".ant-rate-star").nth(4).click()
    expect(dialog.get_by_test_id("rating-text")).to_have_text("5 星 · 非常满意")
    dialog.get_by_label("评价意见").fill("部门响应快，问题解决彻底。")
    shot("close-dialog")
    confirm(dialog, "确认办结")
    expect(page.locator(".ant-message")).to_contain_text("已确认办结")
    expect_state(page, "已办结")
    satisfaction = page.get_by_test_id("ticket-satisfaction")
    expect(satisfaction).to_contain_text("5 分")
    expect(satisfaction).to_contain_text("部门响应快，问题解决彻底。")
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text("已反馈 → 已办结")
    expect_actions(page, [])
    shot("closed")


def test_overdue_ticket_escalated_with_downloadable_supervision_letter(
    page: Page, shot: Shots, tmp_path: Path, apis: dict[str, Api]
) -> None:
    # A meeting decision coming due tomorrow: the same check reminds its department.
    coordinator = apis["coordinator"]
    consultation = new_meeting(
        coordinator,
        f"{PROJECT}用地部门会商{random.randint(1000, 9999)}",
        "consultation",
        datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(days=7),
        "王建国",
        [DEPARTMENT],
        held=True,
    )
    decision_text = f"市自然资源和规划局出具二期用地预审意见{random.randint(1000, 9999)}"
    decision = coordinator.call(
        "POST",
        f"/meetings/{consultation['id']}/decisions",
        201,
        json={
            "text": decision_text,
            "responsible_unit_id": coordinator.unit_id(DEPARTMENT),
            "due_date": (shanghai_today() + timedelta(days=1)).isoformat(),
        },
    )

    login_as(page, "supervisor")
    open_menu(page, "服务事项")
    page.get_by_placeholder("事项标题或编码").fill(OVERDUE_TICKET)
    page.get_by_placeholder("事项标题或编码").press("Enter")
    row = page.get_by_test_id("tickets-table").locator("tr.ant-table-row", has_text=OVERDUE_TICKET)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("已超期")
    expect(row).to_have_class(re.compile("ticket-row-overdue"))
    shot("overdue-in-list")

    open_ticket_from_list(page, OVERDUE_TICKET)
    expect(marks(page).get_by_test_id("due-mark")).to_have_text("已超期")
    expect(page.get_by_test_id("ticket-escalation-level")).to_have_text("未督办")
    expect(page.get_by_test_id("ticket-code")).to_have_text(re.compile(r"^SX-\d{4}-\d+$"))
    ticket_url = page.url

    open_menu(page, "服务事项")
    page.get_by_role("button", name="立即执行督办检查").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=button_name("执行")).click()
    result = page.get_by_test_id("escalation-run-result")
    expect(result).to_contain_text(re.compile(r"新督办 \d+ 件"))
    expect(result).to_contain_text(re.compile(r"提醒会议议定事项 [1-9]\d* 件"))
    expect(page.locator(".ant-popconfirm")).to_be_hidden()
    shot("escalation-run")

    page.goto(ticket_url)
    expect(marks(page).get_by_test_id("ticket-escalation")).to_have_text("一级督办")
    expect(page.get_by_test_id("ticket-escalation-level")).to_have_text("一级督办（督办函）")
    year = shanghai_today().year
    number = re.compile(rf"湘招督〔{year}〕\d+号")
    letter = page.get_by_test_id("letter").filter(has_text="督办函")
    expect(letter).to_have_count(1)
    expect(letter.get_by_test_id("letter-number")).to_have_text(number)
    letter_number = letter.get_by_test_id("letter-number").inner_text()
    escalation = page.get_by_test_id("ticket-escalations").get_by_test_id("escalation")
    expect(escalation).to_contain_text("超期未办结")
    expect(escalation).to_contain_text(letter_number)
    expect(page.get_by_test_id("ticket-timeline")).to_contain_text(f"督办（{letter_number}）")
    shot("escalated")

    with page.expect_download() as download_info:
        name = re.compile(f"^下载督办函 {re.escape(letter_number)}（")
        letter.get_by_role("button", name=name).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert letter_number in text

    # The supervisor's 待办 now holds it, in the 已超期 count and list alike.
    open_menu(page, "待办")
    expect_count_matches_list(page, "todo")
    expect_count_matches_list(page, "overdue")
    todo_row = page.get_by_test_id("todo-table").locator(
        "tr.ant-table-row", has_text=OVERDUE_TICKET
    )
    expect(todo_row).to_contain_text("已超期")
    shot("supervisor-todo")
    logout(page)

    # The department hears once that its decision comes due; the bell leads to it.
    login_as(page, "zrzy")
    notice = bell_notice(page, "议定事项即将到期", decision["code"])
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("请抓紧落实")
    shot("decision-reminder")
    notice.click()
    expect(page).to_have_url(re.compile(rf"/decisions/{decision['id']}$"))
    expect(page.get_by_test_id("decision-text")).to_have_text(decision_text)


def test_second_escalation_names_the_circular_before_issuing_it(
    page: Page, shot: Shots, apis: dict[str, Api]
) -> None:
    """督办 on a ticket already at level 1: the dialog says it will issue a 通报, with the number
    and deadline it gets, and the letters list it first, labelled by kind, number and date."""
    title = unique("叶片车间环评批复督办")
    ticket = raise_ticket(apis, title)
    assign(apis, ticket)
    first = apis["supervisor"].call(
        "POST", f"/tickets/{ticket['id']}/escalations", 201, json={"reason": "多次催促未签收"}
    )
    assert first["level"] == 1
    year = shanghai_today().year

    login_as(page, "supervisor")
    open_menu(page, "服务事项")
    page.get_by_placeholder("事项标题或编码").fill(title)
    page.get_by_placeholder("事项标题或编码").press("Enter")
    open_ticket_from_list(page, title)
    expect(page.get_by_test_id("ticket-escalation-level")).to_have_text("一级督办（督办函）")

    dialog = act(page, "督办")
    preview = dialog.get_by_test_id("escalation-preview")
    expect(preview).to_contain_text("二级督办（通报）")
    expect(dialog.get_by_test_id("escalation-preview-kind")).to_have_text("通报")
    number = dialog.get_by_test_id("escalation-preview-number")
    expect(number).to_have_text(re.compile(rf"^湘招通〔{year}〕\d+号$"))
    circular_number = number.inner_text()
    expect(dialog.get_by_test_id("escalation-preview-deadline")).to_have_text(
        re.compile(r"^\d{4}-\d{2}-\d{2}$")
    )
    deadline = dialog.get_by_test_id("escalation-preview-deadline").inner_text()
    expect(dialog.get_by_role("button", name=button_name("督办"))).to_have_count(0)
    dialog.get_by_label("督办原因").fill("督办后仍未签收，予以通报")
    shot("escalate-preview-circular")
    confirm(dialog, "发出通报")
    expect(page.locator(".ant-message")).to_contain_text(f"已发出通报 {circular_number}")
    expect(page.get_by_test_id("ticket-escalation-level")).to_have_text("二级督办（通报）")

    letters = page.get_by_test_id("letter")
    expect(letters).to_have_count(3)
    expect(letters.nth(0)).to_contain_text("通报")
    expect(letters.nth(0).get_by_test_id("letter-number")).to_have_text(circular_number)
    expect(letters.nth(0)).to_contain_text(f"时限 {deadline}")
    expect(letters.nth(1).get_by_test_id("letter-number")).to_have_text(first["letter_number"])
    expect(letters.nth(2)).to_contain_text("交办函")
    today = shanghai_today().isoformat()
    names = [
        f"下载通报 {circular_number}（{today}）",
        f"下载督办函 {first['letter_number']}（{today}）",
        re.compile("^下载交办函 湘招交"),
    ]
    for i, name in enumerate(names):
        expect(letters.nth(i).get_by_role("button", name=name)).to_be_visible()
    shot("letters-newest-first")
    logout(page)


def test_coordinator_todo_counts_overdue_tickets_city_wide(page: Page, shot: Shots) -> None:
    """The coordinator chases overdue tickets: the seeded overdue one is in their 已超期, and
    every card equals the list it opens."""
    login_as(page, "coordinator")
    open_menu(page, "待办")
    expect(page.get_by_test_id("todo-scope")).to_contain_text("全市已超期需要催办")
    for card in ("todo", "overdue", "due_soon"):
        expect_count_matches_list(page, card)
    page.get_by_test_id("todo-card-overdue").click()
    value = page.get_by_test_id("todo-card-overdue").locator(".ant-statistic-content-value")
    expect(value).to_have_text(re.compile(r"^[1-9]\d*$"))
    row = page.get_by_test_id("todo-table").locator("tr.ant-table-row", has_text=OVERDUE_TICKET)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("已超期")
    shot("coordinator-overdue")
    logout(page)


def test_admin_adjusts_holidays(page: Page, shot: Shots) -> None:
    year = shanghai_today().year + 1
    day = f"{year}-02-{random.randint(10, 20)}"
    login_as(page, "admin")
    open_menu(page, "节假日调整")
    page.get_by_label("年度").click()
    page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").get_by_text(
        f"{year} 年", exact=True
    ).click()
    table = page.get_by_test_id("calendar-overrides")

    page.get_by_role("button", name="新增调整").click()
    dialog = page.get_by_role("dialog", name="新增节假日调整")
    box = form_item(dialog, "日期").locator("input")
    box.click()
    box.fill(day)
    box.press("Enter")
    expect(box).to_have_value(day)
    dialog.get_by_text("放假", exact=True).click()
    dialog.get_by_label("名称").fill("春节")
    shot("add-override")
    confirm(dialog, "保存")
    expect(page.locator(".ant-message")).to_contain_text(f"已保存 {day}（放假）")
    row = table.locator("tr.ant-table-row", has_text=day)
    expect(row).to_contain_text("放假")
    expect(row).to_contain_text("春节")

    row.get_by_role("button", name=button_name("编辑")).click()
    dialog = page.get_by_role("dialog", name=f"编辑节假日调整：{day}")
    dialog.get_by_text("调休上班", exact=True).click()
    dialog.get_by_label("名称").fill("春节调休")
    confirm(dialog, "保存")
    expect(row).to_contain_text("调休上班")
    expect(row).to_contain_text("春节调休")
    shot("overrides")

    row.get_by_role("button", name=button_name("删除")).click()
    page.locator(".ant-popconfirm").get_by_role("button", name=button_name("删除")).click()
    expect(page.locator(".ant-message")).to_contain_text(f"已删除 {day} 的调整")
    expect(table.locator("tr.ant-table-row", has_text=day)).to_have_count(0)
