"""会议、议定事项 and 三级联审: a joint meeting's decisions turned into tickets and followed up
by the departments, the next joint meeting opening with the open decisions of the last one,
and a review round from nomination to the year's major-project list.

Each test sets up what is outside its focus through the API (projects, earlier meetings, held
联审会 and 常务会议), so the tests do not depend on each other's order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import (
    OPEN_DROPDOWN,
    Api,
    Shots,
    bell_notice,
    button_name,
    choose,
    credit_code,
    form_item,
    login_as,
    logout,
    new_meeting,
    open_menu,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZRZY = "市自然资源和规划局"
FGW = "市发展和改革委员会"
YUHU = "雨湖区"


# --- API set-up ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apis(base_url: str) -> Iterator[dict[str, Api]]:
    clients = {u: Api(base_url, u) for u in ("coordinator",)}
    yield clients
    for c in clients.values():
        c.close()


def unique(text: str) -> str:
    return f"{text}{random.randint(1000, 9999)}"


def today() -> date:
    return datetime.now(SHANGHAI).date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def new_project(api: Api, name: str, investment: str = "30000") -> dict[str, Any]:
    project: dict[str, Any] = api.call(
        "POST",
        "/projects",
        201,
        json={
            "name": name,
            "investor_name": f"{name}投资有限公司",
            "investor_credit_code": credit_code(f"91430300MA4{random.randint(100000, 999999)}"),
            "industry_chain": "equipment",
            "source_channel": "fund",
            "planned_investment": investment,
            "owner_unit_id": api.unit_id("湘潭高新区"),
        },
    )
    return project


def close_ticket(api: Api, ticket_id: str) -> None:
    """The coordinator (who raised it from the decision) confirms the department's result."""
    ticket = api.call("GET", f"/tickets/{ticket_id}")
    api.call(
        "POST",
        f"/tickets/{ticket_id}/transitions",
        201,
        json={"expected_state": ticket["state"], "to_state": "closed", "satisfaction": 5},
    )


# --- page helpers -------------------------------------------------------------------------


def fill_picker(field: Locator, value: str) -> None:
    """Type a date (or date and time) into an antd picker and confirm it with Enter."""
    box = field.locator("input").first
    box.click()
    box.fill(value)
    box.press("Enter")
    expect(box).to_have_value(value)


def choose_many(page: Page, field: Locator, options: list[str], search: str | None = None) -> None:
    """Pick each option (matched by its text) in a multiple antd Select, then close it."""
    select = field.locator(".ant-select")
    dropdown = page.locator(OPEN_DROPDOWN)
    for option in options:
        for attempt in range(3):
            if dropdown.count() == 0:
                select.click()
            field.locator("input").fill(search or option)
            item = dropdown.locator(".ant-select-item-option").filter(has_text=option).first
            expect(item).to_be_visible()
            # A server-searched list re-renders when its answer comes: a click on the option
            # of the previous answer can be lost. Never click a chosen one (that unselects it).
            if "ant-select-item-option-selected" not in (item.get_attribute("class") or ""):
                item.click()
            try:
                expect(select).to_contain_text(option, timeout=3_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
    field.locator("input").press("Escape")
    expect(dropdown).to_have_count(0)


def pick(page: Page, field: Locator, option: str, search: str | None = None) -> None:
    """Pick the option containing `option` in the single antd Select inside `field`."""
    field.locator(".ant-select").click()
    if search:
        field.locator("input").fill(search)
    dropdown = page.locator(OPEN_DROPDOWN)
    dropdown.locator(".ant-select-item-option").filter(has_text=option).click()
    expect(field.locator(".ant-select")).to_contain_text(option)
    expect(dropdown).to_have_count(0)


def dialog(page: Page, title: str | re.Pattern[str]) -> Locator:
    found = page.get_by_role("dialog", name=title)
    expect(found).to_be_visible()
    return found


def confirm(scope: Locator, label: str) -> None:
    scope.get_by_role("button", name=button_name(label)).click()


def message(page: Page) -> Locator:
    return page.locator(".ant-message")


def decision_row(page: Page, text: str) -> Locator:
    return page.get_by_test_id("decisions-table").locator("tr.ant-table-row", has_text=text)


def create_meeting_in_ui(
    page: Page,
    shot: Shots,
    title: str,
    kind: str,
    starts: datetime,
    units: list[str],
    agenda: str,
) -> None:
    open_menu(page, "会议")
    page.get_by_role("button", name="新建会议").click()
    modal = dialog(page, "新建会议")
    form = modal.locator("form#meeting-form")
    form.get_by_label("会议名称").fill(title)
    choose(page, form_item(form, "会议类型"), kind)
    fill_picker(form_item(form, "召开时间"), starts.strftime("%Y-%m-%d %H:%M"))
    form.get_by_label("地点").fill("市政府三楼常务会议室")
    choose(page, form_item(form, "主持"), "王建国")
    choose_many(page, form_item(form, "参会单位"), units)
    form.get_by_label("议程").fill(agenda)
    shot("new-meeting")
    confirm(modal, "创建")
    expect(message(page)).to_contain_text(f"已创建会议“{title}”")
    expect(page.get_by_test_id("meeting-title")).to_have_text(title)


def record_decision(
    page: Page,
    text: str,
    responsible: str,
    due: date,
    co_units: list[str] | None = None,
    project: str | None = None,
) -> None:
    page.get_by_role("button", name="记录议定事项").click()
    modal = dialog(page, "记录议定事项")
    form = modal.locator("form#decision-form")
    form.get_by_label("议定内容").fill(text)
    choose(page, form_item(form, "责任单位"), responsible, search=responsible[:4])
    if co_units:
        choose_many(page, form_item(form, "配合单位"), co_units)
    if project:
        choose_many(page, form_item(form, "相关项目"), [project])
    fill_picker(form_item(form, "完成时限"), due.isoformat())
    confirm(modal, "保存")
    expect(modal).to_be_hidden()
    expect(decision_row(page, text)).to_contain_text(responsible)


# --- scenarios ----------------------------------------------------------------------------


def test_joint_meeting_decision_becomes_tickets_and_department_progress_shows(
    page: Page, shot: Shots, apis: dict[str, Api], tmp_path: Path
) -> None:
    coordinator = apis["coordinator"]
    project = new_project(coordinator, unique("湘潭智能装备产业园项目"))
    title = unique("2026年第四季度全市招商引资联席调度会")
    land = "市自然资源和规划局牵头、市发展和改革委员会配合，月底前完成产业园二期用地报批"
    roads = "雨湖区负责做好产业园周边道路和水电气配套"
    due = today() + timedelta(days=40)

    # The coordinator records the meeting that was held two days ago.
    login_as(page, "coordinator")
    create_meeting_in_ui(
        page,
        shot,
        title,
        "季度联席调度会",
        at(today() - timedelta(days=2), 9, 30),
        [ZRZY, FGW, YUHU],
        "1. 通报全市招商引资工作情况\n2. 研究重大项目推进中的用地问题",
    )
    marks = page.get_by_test_id("meeting-marks")
    expect(marks).to_contain_text("季度联席调度会")
    expect(marks.get_by_test_id("meeting-state")).to_have_text("筹备中")
    expect(page.get_by_test_id("meeting-chair")).to_have_text("王建国")
    expect(page.get_by_test_id("meeting-units")).to_contain_text(FGW)
    expect(page.get_by_test_id("meeting-agenda")).to_contain_text("研究重大项目推进中的用地问题")

    page.get_by_test_id("meeting-actions").get_by_role("button", name="确认召开").click()
    held = dialog(page, re.compile("^确认召开："))
    confirm(held, "确认召开")
    expect(marks.get_by_test_id("meeting-state")).to_have_text("已召开")
    expect(page.get_by_test_id("meeting-actions").get_by_role("button")).to_have_text(
        [button_name("编辑")]
    )

    record_decision(page, land, ZRZY, due, co_units=[FGW], project=project["name"])
    record_decision(page, roads, YUHU, due)
    first = decision_row(page, land)
    expect(first).to_contain_text(FGW)
    expect(first).to_contain_text(project["name"])
    expect(first).to_contain_text("待落实")
    expect(first.get_by_test_id("ticket-progress")).to_have_count(0)
    expect(decision_row(page, roads)).to_contain_text("未交办")
    # 雨湖区 is no department and the item concerns no project: nothing to turn into tickets.
    expect(decision_row(page, roads).get_by_role("button", name="转交办")).to_have_count(0)
    expect(page.get_by_test_id("decisions-table").locator("tr.ant-table-row")).to_have_count(2)
    shot("meeting-with-decisions")

    # Minutes: saved as a draft, then published and frozen as version 1.
    minutes = page.locator("form#minutes-form")
    minutes.get_by_label("纪要草稿").fill(
        "会议由王建国同志主持。会议听取了各县市区、园区招商引资工作情况汇报，议定事项如下。"
    )
    minutes.get_by_role("button", name="保存纪要").click()
    expect(message(page)).to_contain_text("已保存纪要草稿")
    page.get_by_test_id("meeting-actions").get_by_role("button", name="印发纪要").click()
    publish = dialog(page, re.compile("^印发纪要："))
    expect(publish.get_by_test_id("publish-preview")).to_contain_text("议定事项如下")
    confirm(publish, "印发纪要")
    expect(marks.get_by_test_id("meeting-state")).to_have_text("纪要已印发")
    expect(page.get_by_test_id("minutes-version-tag")).to_have_text("已印发 · 第 1 版")
    expect(page.get_by_test_id("minutes-text")).to_contain_text("议定事项如下")
    expect(page.get_by_test_id("minutes-version")).to_contain_text("第 1 版")
    expect(page.get_by_role("button", name="记录议定事项")).to_have_count(0)
    expect(page.get_by_role("button", name="修订纪要")).to_be_visible()
    shot("minutes-published")

    # The published minutes download as a Word 会议纪要 with both decisions in it.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载纪要（Word）").click()
    download = download_info.value
    assert download.suggested_filename.endswith("纪要（第1版）.docx"), download.suggested_filename
    saved = tmp_path / "minutes.docx"
    download.save_as(saved)
    text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    assert "季度联席调度会纪要" in text
    assert "议定事项如下" in text
    assert land in text and roads in text

    # 转交办: one assigned ticket for each department among the responsible and co-units.
    first.get_by_role("button", name="转交办").click()
    to_tickets = dialog(page, "转交办：议定事项 1")
    expect(to_tickets.get_by_test_id("to-tickets-project")).to_contain_text(project["name"])
    expect(to_tickets.get_by_role("checkbox", name=re.compile(ZRZY))).to_be_checked()
    expect(to_tickets.get_by_role("checkbox", name=re.compile(FGW))).to_be_checked()
    form = to_tickets.locator("form#to-tickets-form")
    choose(page, form_item(form, "类别"), "用地")
    form_item(form, "紧急程度").get_by_text("急办", exact=True).click()
    shot("to-tickets-dialog")
    to_tickets.get_by_role("button", name="生成交办单").click()
    expect(to_tickets).to_contain_text("已生成 2 件交办事项")
    created = to_tickets.get_by_test_id("created-ticket")
    expect(created).to_have_count(2)
    expect(created.filter(has_text=ZRZY).get_by_role("link")).to_have_text(
        re.compile(r"^SX-\d{4}-\d+$")
    )
    expect(created.filter(has_text=FGW)).to_have_count(1)
    ours = created.filter(has_text=ZRZY).get_by_role("link").inner_text()
    shot("tickets-created")
    confirm(to_tickets, "完成")
    expect(to_tickets).to_be_hidden()
    expect(first.get_by_test_id("ticket-progress")).to_have_text("0/2 已办结")
    expect(first).to_contain_text("落实中")
    # Both departments now hold an open ticket from it: 转交办 is no longer offered.
    expect(first.get_by_role("button", name="转交办")).to_have_count(0)
    logout(page)

    # The responsible department was told of the new decision: the bell leads to it.
    login_as(page, "zrzy")
    notice = bell_notice(page, "新议定事项", title)
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(land)
    expect(notice).to_have_attribute("data-unread", "true")
    shot("decision-notification")
    notice.click()
    expect(page).to_have_url(re.compile(r"/decisions/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("decision-text")).to_have_text(land)
    expect(page.get_by_test_id("decision-responsible")).to_have_text(ZRZY)

    # Its 待办 lists it below the tickets, with everything else the department has to carry out.
    open_menu(page, "待办")
    pending = page.get_by_test_id("unit-decisions")
    expect(pending.locator("tr.ant-table-row", has_text=land)).to_have_count(1)
    total = pending.get_by_test_id("unit-decisions-total")
    expect(total).to_have_text(re.compile(r"^\d+ 项$"))
    expect(pending.locator("tr.ant-table-row")).to_have_count(int(total.inner_text().split()[0]))
    shot("todo-with-decisions")

    # It is among the decisions the department carries out.
    open_menu(page, "议定事项")
    decision_filters = page.get_by_test_id("decision-filters")
    decision_filters.get_by_label("只看本单位负责或配合").check()
    decision_filters.get_by_test_id("search-submit").click()
    expect(page).to_have_url(re.compile(r"/decisions\?mine=true$"))
    page.get_by_test_id("decisions-list").get_by_role("link", name=land).click()
    expect(page.get_by_test_id("decision-text")).to_have_text(land)

    # The department signs for its ticket, works on it and reports the result.
    tickets = page.get_by_test_id("decision-tickets")
    expect(tickets.get_by_test_id("decision-ticket")).to_have_count(2)
    tickets.get_by_role("link", name=ours).click()
    expect(page.get_by_test_id("ticket-code")).to_have_text(ours)
    expect(page.get_by_test_id("ticket-description")).to_have_text(land)
    for step in ("签收", "开始办理"):
        page.get_by_test_id("ticket-actions").get_by_role("button", name=button_name(step)).click()
        modal = dialog(page, re.compile(f"^{step}："))
        confirm(modal, step)
        expect(modal).to_be_hidden()
    expect(page.get_by_test_id("ticket-marks").get_by_test_id("ticket-state")).to_have_text(
        "办理中"
    )
    result = "二期 286 亩用地已完成组卷，报省自然资源厅审批。"
    page.get_by_test_id("ticket-actions").get_by_role("button", name="反馈办理结果").click()
    resolve = dialog(page, re.compile("^反馈办理结果："))
    resolve.get_by_label("办理结果").fill(result)
    confirm(resolve, "反馈办理结果")
    expect(page.get_by_test_id("ticket-marks").get_by_test_id("ticket-state")).to_have_text(
        "已反馈"
    )

    # The decision shows it: the ticket's steps in its follow-up and 1 of 2 tickets resolved.
    page.get_by_test_id("ticket-decision").click()
    expect(page.get_by_test_id("decision-text")).to_have_text(land)
    timeline = page.get_by_test_id("decision-timeline")
    expect(timeline).to_contain_text(f"{ours}（{ZRZY}）已反馈：{result}")
    expect(timeline).to_contain_text(f"{ours}（{ZRZY}）已签收")
    expect(timeline).to_contain_text("待落实 → 落实中")
    expect(page.get_by_test_id("decision-ticket-progress")).to_have_text(
        "0/2 已办结，1 件已反馈待确认"
    )
    row = tickets.get_by_test_id("decision-ticket").filter(has_text=ours)
    expect(row).to_contain_text("已反馈")
    expect(tickets.get_by_test_id("decision-ticket").filter(has_text=FGW)).to_contain_text("已交办")

    # 报送进展 by the responsible unit.
    report = page.locator("form#decision-progress-form")
    report.get_by_label("进展情况").fill("已与省厅对接，预计 12 月中旬取得用地批复。")
    report.get_by_role("button", name="报送进展").click()
    expect(message(page)).to_contain_text("已报送进展")
    progress = page.get_by_test_id("decision-event").filter(has_text="预计 12 月中旬取得用地批复")
    expect(progress).to_contain_text("进展")
    expect(progress).to_contain_text(f"张敏（{ZRZY}）")
    expect(page.get_by_test_id("decision-actions")).to_have_count(0)
    shot("decision-followed-up")

    # Once the coordinator confirms that result, the meeting's table counts it as done.
    ticket_id = re.sub(r".*/tickets/", "", row.get_by_role("link").get_attribute("href") or "")
    close_ticket(coordinator, ticket_id)
    page.get_by_test_id("decision-meeting").click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(title)
    expect(decision_row(page, land).get_by_test_id("ticket-progress")).to_have_text("1/2 已办结")
    expect(decision_row(page, land).get_by_role("button")).to_have_count(0)
    shot("meeting-as-department")

    # The project's page lists the decision in its 议定事项 tab, with the 交办 progress.
    decision_row(page, land).get_by_role("link", name=project["name"]).click()
    expect(page.get_by_test_id("project-name")).to_have_text(project["name"])
    page.get_by_role("tab", name="议定事项").click()
    listed = page.get_by_test_id("project-decisions").locator("tr.ant-table-row")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(land)
    expect(listed).to_contain_text(title)
    expect(listed).to_contain_text(ZRZY)
    expect(listed).to_contain_text(f"配合：{FGW}")
    expect(listed).to_contain_text(due.strftime("%Y-%m-%d"))
    expect(listed.get_by_test_id("decision-state")).to_have_text("落实中")
    expect(listed.get_by_test_id("overdue-mark")).to_have_count(0)
    expect(listed.get_by_test_id("ticket-progress")).to_contain_text("1/2 已办结")
    shot("project-decisions")
    listed.get_by_role("link", name=land).click()
    expect(page.get_by_test_id("decision-text")).to_have_text(land)


def test_next_joint_meeting_opens_with_open_decisions_of_the_last(
    page: Page, shot: Shots, apis: dict[str, Api]
) -> None:
    coordinator = apis["coordinator"]
    previous = new_meeting(
        coordinator,
        unique("2027年第一季度全市招商引资联席调度会"),
        "joint",
        at(today() + timedelta(days=20), 9),
        "王建国",
        [ZRZY, YUHU],
        held=True,
    )
    still_open = coordinator.call(
        "POST",
        f"/meetings/{previous['id']}/decisions",
        201,
        json={
            "text": unique("市自然资源和规划局加快湘江新材料产业园土地收储"),
            "responsible_unit_id": coordinator.unit_id(ZRZY),
            "due_date": (today() + timedelta(days=60)).isoformat(),
        },
    )
    finished = coordinator.call(
        "POST",
        f"/meetings/{previous['id']}/decisions",
        201,
        json={
            "text": unique("雨湖区完成产业园道路改造"),
            "responsible_unit_id": coordinator.unit_id(YUHU),
        },
    )
    coordinator.call(
        "POST",
        f"/decisions/{finished['id']}/transitions",
        201,
        json={"expected_state": "open", "to_state": "done", "note": "道路已通车"},
    )

    title = unique("2027年第二季度全市招商引资联席调度会")
    starts = at(today() + timedelta(days=110), 9, 30)
    login_as(page, "coordinator")
    create_meeting_in_ui(
        page, shot, title, "季度联席调度会", starts, [ZRZY, YUHU], "1. 通报一季度议定事项落实情况"
    )
    carried = page.get_by_test_id("carried-decisions")
    expect(carried).to_contain_text("上次联席会议未办结事项")
    item = carried.get_by_test_id("carried-decision").filter(has_text=still_open["text"])
    expect(item).to_have_count(1)
    expect(item).to_contain_text(still_open["code"])
    expect(item).to_contain_text(f"责任单位：{ZRZY}")
    expect(item).to_contain_text(f"来自“{previous['title']}”")
    expect(item).to_contain_text("待落实")
    expect(carried).not_to_contain_text(finished["text"])
    # The carried-over items come before this meeting's own agenda.
    agenda = page.get_by_test_id("meeting-agenda").inner_text()
    assert agenda.index(still_open["text"]) < agenda.index("通报一季度议定事项落实情况")
    shot("carried-over-agenda")

    item.get_by_role("link", name=still_open["text"]).click()
    expect(page.get_by_test_id("decision-text")).to_have_text(still_open["text"])
    expect(page.get_by_test_id("decision-meeting")).to_have_text(previous["title"])

    # The new meeting sits on its day in the calendar view.
    open_menu(page, "会议")
    page.get_by_test_id("meeting-view").get_by_text("日历").click()
    month = page.get_by_test_id("calendar-month")
    expect(month).to_have_text(today().strftime("%Y 年 ") + f"{today().month} 月")
    for _ in range((starts.year - today().year) * 12 + starts.month - today().month):
        before = month.inner_text()
        page.get_by_role("button", name="下个月").click()
        expect(month).not_to_have_text(before)
    expect(month).to_have_text(f"{starts.year} 年 {starts.month} 月")
    day = page.locator(f'td[title="{starts.date().isoformat()}"]')
    entry = day.get_by_test_id("calendar-meeting").filter(has_text=title)
    expect(entry).to_contain_text("09:30")
    shot("calendar")
    entry.click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(title)
    logout(page)

    # The invited department got the 会议通知: when, where, who chairs; it leads to the meeting.
    login_as(page, "zrzy")
    notice = bell_notice(page, "会议通知", title)
    expect(notice).to_have_count(1)
    weekday = "一二三四五六日"[starts.weekday()]
    expect(notice).to_contain_text(
        f"{starts.year}年{starts.month}月{starts.day}日（星期{weekday}）09:30"
    )
    expect(notice).to_contain_text("王建国主持")
    shot("meeting-notice")
    notice.click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(title)


def test_review_round_from_nomination_to_year_list(
    page: Page, shot: Shots, apis: dict[str, Api]
) -> None:
    coordinator = apis["coordinator"]
    # This year's round is in the demo data: the bureau starts next year's.
    year = today().year + 1
    assert year not in [r["year"] for r in coordinator.call("GET", "/review-rounds")]
    nominee = new_project(coordinator, unique("湘潭储能电池智能制造基地"), "560000")
    rejected = new_project(coordinator, unique("湘江文旅综合体"), "120000")
    review_meeting = new_meeting(
        coordinator,
        unique(f"{year}年度重大项目第一次联审会"),
        "review",
        at(today() - timedelta(days=1), 15),
        "陈立新",
        [FGW, ZRZY],
        held=True,
    )
    executive = new_meeting(
        coordinator,
        unique("市人民政府第58次常务会议"),
        "executive",
        at(today() - timedelta(days=1), 9),
        "王建国",
        [FGW],
        held=True,
    )

    login_as(page, "coordinator")
    open_menu(page, "三级联审")
    expect(page.get_by_test_id("round-tabs")).to_contain_text(f"{year - 1} 年度")
    page.get_by_role("button", name="发起年度联审").click()
    start = dialog(page, "发起年度联审")
    expect(start.get_by_label("年度")).to_have_value(str(year))
    confirm(start, "发起")
    expect(message(page)).to_contain_text(f"已发起“{year}年度重大项目三级联审”")
    expect(page.get_by_test_id("round-state")).to_have_text("征集审核中")
    expect(page.get_by_role("tab", name=f"{year} 年度")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="确定清单")).to_have_count(0)
    expect(page.get_by_test_id("decide-hint")).to_have_text("还没有候选项目，联审完成后可确定清单")
    round_id = next(r["id"] for r in coordinator.call("GET", "/review-rounds") if r["year"] == year)
    logout(page)

    # A second candidate, rejected at the 联审会, is set up through the API.
    other = coordinator.call(
        "POST",
        f"/review-rounds/{round_id}/candidates",
        201,
        json={"project_id": rejected["id"], "reason": "文旅融合项目，商务局提名"},
    )
    coordinator.call(
        "POST",
        f"/review-rounds/{round_id}/candidates/{other['id']}/verdict",
        201,
        json={
            "meeting_id": review_meeting["id"],
            "verdict": "rejected",
            "opinion": "用地规模与国土空间规划不符",
        },
    )

    # Level 1: 发改委 nominates, finding the project among those it may nominate (it has no
    # other business with it); a project already in the round is not offered.
    login_as(page, "fgw")
    open_menu(page, "三级联审")
    page.get_by_role("button", name="提名候选项目").click()
    nominate = dialog(page, re.compile("^提名候选项目："))
    form = nominate.locator("form#nominate-form")
    project_field = form_item(form, "项目")
    project_field.locator(".ant-select").click()
    project_field.locator("input").fill(rejected["name"])
    expect(page.locator(OPEN_DROPDOWN)).to_contain_text("没有符合条件的可提名项目")
    project_field.locator("input").press("Escape")
    expect(page.locator(OPEN_DROPDOWN)).to_have_count(0)
    pick(page, project_field, nominee["name"], search=nominee["name"])
    reason = "总投资 56 亿元，新能源产业链补链项目，已完成用地预审"
    form.get_by_label("提名理由").fill(reason)
    shot("nominate")
    confirm(nominate, "提名")
    expect(message(page)).to_contain_text(f"已提名“{nominee['name']}”")
    table = page.get_by_test_id("candidates-table")
    row = table.locator("tr.ant-table-row", has_text=nominee["name"])
    level1 = row.get_by_test_id("level-1")
    expect(level1).to_contain_text(FGW)
    expect(level1).to_contain_text(reason)
    expect(level1).to_contain_text("黄涛")
    expect(row).to_contain_text("待联审")
    expect(row.get_by_role("button", name="记录联审意见")).to_have_count(0)
    # Having nominated it, 发改委 may open the project's page.
    row.get_by_role("link", name=nominee["name"]).click()
    expect(page.get_by_test_id("project-name")).to_have_text(nominee["name"])
    logout(page)

    # Level 2: the vice-mayor's 联审会 gives its verdict.
    login_as(page, "leader2")
    open_menu(page, "三级联审")
    row.get_by_role("button", name="记录联审意见").click()
    verdict = dialog(page, f"记录联审意见：{nominee['name']}")
    form = verdict.locator("form#verdict-form")
    pick(page, form_item(form, "联审会"), review_meeting["title"])
    form_item(form, "联审意见").get_by_text("有条件同意", exact=True).click()
    confirm(verdict, "记录")
    expect(form_item(form, "附加条件")).to_contain_text("须填写意见")
    condition = "须在 2027 年 6 月底前取得环评批复"
    form.get_by_label("附加条件").fill(condition)
    shot("verdict")
    confirm(verdict, "记录")
    expect(verdict).to_be_hidden()
    level2 = row.get_by_test_id("level-2")
    expect(level2.get_by_test_id("verdict")).to_have_text("有条件同意")
    expect(level2).to_contain_text(condition)
    expect(level2).to_contain_text(review_meeting["title"])
    expect(level2).to_contain_text("陈立新 记录")
    expect(page.get_by_test_id("round-state")).to_have_text("联审完成")
    logout(page)

    # Level 3: the 常务会议 decides the list.
    login_as(page, "coordinator")
    open_menu(page, "三级联审")
    page.get_by_role("button", name="确定清单").click()
    decide = dialog(page, re.compile("^确定清单："))
    form = decide.locator("form#final-list-form")
    pick(page, form_item(form, "常务会议"), executive["title"])
    items = form.get_by_test_id("final-item")
    expect(items).to_have_count(1)
    expect(items).to_contain_text(nominee["name"])
    expect(items.get_by_role("radio", name="列入清单")).to_be_checked()
    items.get_by_label(f"{nominee['name']}常务会议意见").fill("同意列入，按条件推进")
    shot("final-list-dialog")
    confirm(decide, "确定清单")
    expect(message(page)).to_contain_text(f"已确定{year}年度重大项目清单，共 1 个项目")
    expect(page.get_by_test_id("round-state")).to_have_text("清单已确定")
    expect(row.get_by_test_id("level-3")).to_contain_text("列入清单")
    other_row = table.locator("tr.ant-table-row", has_text=rejected["name"])
    expect(other_row.get_by_test_id("level-3")).to_contain_text("不列入")
    major = page.get_by_test_id("major-list")
    expect(major).to_contain_text(f"{year} 年度重大项目清单")
    expect(major.get_by_test_id("decision-meeting")).to_contain_text(executive["title"])
    expect(major).to_contain_text(nominee["name"])
    expect(major).not_to_contain_text(rejected["name"])
    expect(page.get_by_role("button", name="确定清单")).to_have_count(0)
    shot("decided")

    # The listed project is on the year's list in 项目库.
    open_menu(page, "项目库")
    filters = page.get_by_test_id("project-filters")
    filters.get_by_role("button", name="展开").click()
    filters.get_by_label("年度重大项目清单").click()
    page.locator(OPEN_DROPDOWN).get_by_text(f"{year} 年度重大项目", exact=True).click()
    expect(page.locator(OPEN_DROPDOWN)).to_have_count(0)
    filters.get_by_test_id("search-submit").click()
    expect(page).to_have_url(re.compile(f"major_list_year={year}"))
    projects = page.get_by_test_id("projects-table")
    listed = projects.locator("tr.ant-table-row", has_text=nominee["name"])
    expect(listed.get_by_test_id("major-list-mark")).to_have_text(f"{year} 年度重大项目")
    expect(projects.locator("tr.ant-table-row", has_text=rejected["name"])).to_have_count(0)
    shot("project-list")
