"""项目库: a district officer takes a project through the workflow gates (the bureau evaluates);
scope between units."""

from __future__ import annotations

import random
import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import Shots, choose, credit_code, form_item, login_as, logout, open_menu

CONFIRM_TRANSITION = "确认变更"


def fill_date(field: Locator, value: str) -> None:
    box = field.locator("input")
    box.click()
    box.fill(value)
    box.press("Enter")
    expect(box).to_have_value(value)


def open_transition(page: Page) -> Locator:
    page.get_by_role("button", name="推进/变更阶段").click()
    dialog = page.get_by_role("dialog", name=re.compile("^变更阶段"))
    expect(dialog.get_by_test_id("next-stages")).to_be_visible()
    return dialog


def move_to(page: Page, stage: str, label: str) -> None:
    dialog = open_transition(page)
    dialog.get_by_test_id(f"target-{stage}").get_by_text(label, exact=True).click()
    dialog.get_by_role("button", name=CONFIRM_TRANSITION).click()
    expect(page.locator(".ant-message")).to_contain_text(f"项目已进入“{label}”阶段")
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("time-in-stage")).to_contain_text(f"当前阶段：{label}")


def test_officer_moves_project_through_gates_to_signed(page: Page, shot: Shots) -> None:
    name = f"雨湖智能传感器项目{random.randint(1000, 9999)}"
    code = credit_code(f"91430302MA4{random.randint(100000, 999999)}")

    login_as(page, "yuhu")
    open_menu(page, "项目库")
    expect(page.get_by_test_id("projects-table")).to_contain_text("雨湖智慧物流园")
    shot("project-list")

    page.get_by_role("button", name="新建项目").click()
    drawer = page.get_by_role("dialog", name="新建项目")
    form = drawer.locator("form#project-form")
    form.get_by_label("项目名称").fill(name)
    form.get_by_label("投资方").fill("湖南湘感智能科技有限公司")
    form.get_by_label("统一社会信用代码").fill("91430302MA4L00001X")
    form.get_by_label("项目名称").click()
    expect(form_item(form, "统一社会信用代码")).to_contain_text("统一社会信用代码校验位不正确")
    form.get_by_label("统一社会信用代码").fill(code)
    choose(page, form_item(form, "产业链"), "电子信息")
    choose(page, form_item(form, "招商渠道"), "敲门招商")
    form.get_by_label("计划总投资").fill("12000")
    form.get_by_label("用地面积").fill("80")
    form.get_by_label("预计年税收").fill("900")
    form.get_by_role("button", name="添加联系人").click()
    form.get_by_placeholder("姓名").fill("周经理")
    form.get_by_placeholder("电话").fill("0731-58880002")
    shot("create-form")
    drawer.get_by_role("button", name=re.compile(r"^创\s*建$")).click()

    expect(page.locator(".ant-message")).to_contain_text(f"已创建项目“{name}”")
    expect(page.get_by_test_id("project-name")).to_have_text(name)
    expect(page.get_by_text("重大", exact=True)).to_be_visible()
    expect(page.get_by_test_id("time-in-stage")).to_contain_text("当前阶段：信息收集")
    project_url = page.url

    # 提交评估: nothing is missing, so the district submits; the bureau evaluates from here on.
    expect(page.get_by_test_id("submission-gaps")).to_contain_text("信息已齐全")
    page.get_by_test_id("submit-evaluation").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^提\s*交$")).click()
    expect(page.locator(".ant-message")).to_contain_text("已提交评估")
    expect(page.get_by_test_id("time-in-stage")).to_contain_text("当前阶段：项目评估")
    expect(page.get_by_test_id("evaluation-waiting")).to_contain_text("等待市商务局评估")
    dialog = open_transition(page)
    expect(dialog.get_by_test_id("target-lead")).to_be_visible()
    expect(dialog.get_by_test_id("target-contact")).to_have_count(0)
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()

    logout(page)
    login_as(page, "coordinator")
    page.goto(project_url)
    # The gate into 项目接洽 needs a recommending evaluation: shown, and the server refuses.
    dialog = open_transition(page)
    target = dialog.get_by_test_id("target-contact")
    expect(target).to_contain_text("需要一份结论为“建议推进”的项目评估")
    target.get_by_text("项目接洽", exact=True).click()
    dialog.get_by_role("button", name=CONFIRM_TRANSITION).click()
    expect(dialog.get_by_test_id("transition-error")).to_contain_text(
        "需要一份结论为“建议推进”的项目评估"
    )
    shot("gate-contact-refused")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()
    expect(page.get_by_test_id("time-in-stage")).to_contain_text("当前阶段：项目评估")

    page.get_by_test_id("record-evaluation").click()
    evaluation = page.locator("form#evaluation-form")
    scores = evaluation.get_by_label("得分").all()
    for score, box in zip(("22", "20", "18", "21"), scores, strict=True):
        box.fill(score)
    expect(evaluation.get_by_test_id("evaluation-total")).to_have_text("合计：81 / 100 分")
    evaluation.get_by_role("radio", name="建议推进", exact=True).check()
    evaluation.get_by_label("评估意见").fill("产业契合度高，建议推进接洽。")
    evaluation.get_by_role("button", name="保存评估").click()
    expect(page.locator(".ant-message")).to_contain_text("已保存项目评估")
    expect(page.get_by_test_id("evaluations")).to_contain_text("总分 81 / 100")
    shot("evaluation-added")

    move_to(page, "contact", "项目接洽")
    logout(page)
    login_as(page, "yuhu")
    page.goto(project_url)
    move_to(page, "negotiation", "项目洽谈")
    move_to(page, "review", "审核")

    # Signing needs the coordinator's approval first.
    dialog = open_transition(page)
    target = dialog.get_by_test_id("target-signed")
    expect(target).to_contain_text("需要招商统筹的审核通过记录")
    target.get_by_text("已签约", exact=True).click()
    fill_date(form_item(dialog, "签约日期"), "2026-03-18")
    form_item(dialog, "签约金额").locator("input").fill("15000")
    expect(target).not_to_contain_text("需要填写签约日期")
    dialog.get_by_role("button", name=CONFIRM_TRANSITION).click()
    expect(dialog.get_by_test_id("transition-error")).to_contain_text("需要招商统筹的审核通过记录")
    shot("gate-signed-refused")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()

    logout(page)
    login_as(page, "coordinator")
    page.goto(project_url)
    page.get_by_role("tab", name="审核").click()
    approval = page.locator("form#approval-form")
    approval.get_by_label("审核意见").fill("材料齐全，同意签约。")
    approval.get_by_role("button", name="审核通过").click()
    expect(page.locator(".ant-message")).to_contain_text("已审核通过")
    expect(page.get_by_test_id("approvals")).to_contain_text("刘志强 审核通过")
    shot("approved")

    dialog = open_transition(page)
    target = dialog.get_by_test_id("target-signed")
    expect(target).not_to_contain_text("需要招商统筹的审核通过记录")
    target.get_by_text("已签约", exact=True).click()
    fill_date(form_item(dialog, "签约日期"), "2026-03-18")
    form_item(dialog, "签约金额").locator("input").fill("15000")
    choose(page, form_item(dialog, "协议类型"), "正式合同")
    dialog.get_by_role("button", name=CONFIRM_TRANSITION).click()
    expect(page.locator(".ant-message")).to_contain_text("项目已进入“已签约”阶段")
    bar = page.get_by_test_id("stage-bar")
    expect(bar.locator(".ant-steps-item-process, .ant-steps-item-active")).to_contain_text("已签约")
    expect(page.get_by_test_id("time-in-stage")).to_contain_text("当前阶段：已签约")
    page.get_by_role("tab", name="阶段历史").click()
    expect(page.get_by_test_id("stage-history")).to_contain_text("审核 → 已签约")
    shot("signed")

    # Another district's officer neither lists nor opens it.
    logout(page)
    login_as(page, "yuetang")
    open_menu(page, "项目库")
    table = page.get_by_test_id("projects-table")
    expect(table).to_contain_text("岳塘商贸综合体")
    page.get_by_placeholder("项目名称、代码或投资方").fill(name)
    page.get_by_placeholder("项目名称、代码或投资方").press("Enter")
    expect(table).to_contain_text("暂无数据")
    expect(table).not_to_contain_text(name)
    page.goto(project_url)
    expect(page.get_by_text("项目不存在或无权查看")).to_be_visible()
    shot("yuetang-not-found")
