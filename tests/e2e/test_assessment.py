"""年度考核 in the browser: the coordinator starts next year's scheme for districts and parks
from this year's, moves five points from one indicator to another, is stopped from publishing
at 105 points, publishes at 100, sets a district's annual target, previews the scores and opens
the round; the district self-reports a hand item with its evidence; the coordinator scores it
and publicises the results; the district objects to a computed item and the coordinator
accepts the objection with a new score; the district's nominee is approved and the coordinator
generates the reward split; once the window has passed the supervisor confirms and downloads the
通报; the district then
reads the scheme, its target, its confirmed sheet and the split on a phone."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import docx
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    OUTPUT,
    Api,
    Shots,
    button_name,
    choose,
    login_as,
    logout,
    open_menu,
    run_sql,
)
from tests.e2e.phone import fits

YEAR = date.today().year + 1
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _weight(dialog, n: int):
    return dialog.get_by_label(f"第 {n} 项分值")


def test_a_year_assessed_from_scheme_to_confirmed_results(
    page: Page, phone: Page, base_url: str, database_url: str, shot: Shots, tmp_path: Path
) -> None:
    api = Api(base_url, "coordinator")
    login_as(page, "coordinator")
    open_menu(page, "年度考核")
    choose(page, page.get_by_test_id("assessment-year").locator(".."), f"{YEAR}年度")
    area = page.get_by_test_id("scheme-area")
    expect(area).to_contain_text("尚未发布")
    area.get_by_test_id("scheme-create").click()
    expect(area).to_contain_text("草稿 · 第 1 版")
    first = area.get_by_test_id("scheme-item").first
    expect(first).to_contain_text("签约金额完成率")
    expect(first).to_contain_text("25 分")

    # 30 points for the signed amount: 105 in all, refused when published.
    area.get_by_test_id("scheme-edit").click()
    dialog = page.get_by_role("dialog")
    _weight(dialog, 1).fill("30")
    expect(dialog.get_by_test_id("scheme-edit-total")).to_contain_text("合计 105 分")
    dialog.get_by_role("button", name=button_name("保存")).click()
    expect(page.get_by_text("考核方案已保存")).to_be_visible()
    area.get_by_test_id("scheme-publish").click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("发布")).click()
    expect(page.get_by_text(re.compile("分值合计为 105.00 分，须为 100 分"))).to_be_visible()

    # 10 instead of 15 for the funds arrived: 100, published.
    area.get_by_test_id("scheme-edit").click()
    dialog = page.get_by_role("dialog")
    expect(_weight(dialog, 3)).to_have_value("15.00")
    _weight(dialog, 3).fill("10")
    expect(dialog.get_by_test_id("scheme-edit-total")).to_contain_text("合计 100 分")
    dialog.get_by_role("button", name=button_name("保存")).click()
    expect(page.get_by_text("考核方案已保存")).to_be_visible()
    area.get_by_test_id("scheme-publish").click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("发布")).click()
    expect(area).to_contain_text("已发布 · 第 1 版")
    expect(area.get_by_test_id("scheme-revise")).to_be_visible()
    shot("scheme-published")

    # 雨湖区's target for the year.
    page.get_by_role("tab", name="年度目标").click()
    row = page.get_by_test_id("target-row").filter(has_text="雨湖区")
    expect(row).to_contain_text("未设定")
    row.get_by_role("button", name="设定雨湖区的年度目标").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("签约金额目标（万元）").fill("500000")
    dialog.get_by_label("1 亿元以上项目目标（个）").fill("6")
    dialog.get_by_label("到位资金目标（万元）").fill("300000")
    dialog.get_by_role("button", name=button_name("保存")).click()
    expect(row.get_by_test_id("target-values")).to_contain_text("1 亿元以上项目 6 个")

    # The live preview: 雨湖区 with its target set, each item's value and points.
    page.get_by_role("tab", name="得分预览").click()
    preview = page.get_by_test_id("preview-area")
    row = preview.get_by_test_id("preview-row").filter(has_text="雨湖区")
    expect(row).to_be_visible()
    row.click()
    signed = preview.get_by_test_id("preview-item").filter(has_text="签约金额完成率").first
    expect(signed).to_contain_text("目标 500,000.00 万元")
    scheme_id = next(
        s["id"]
        for s in api.call("GET", "/assessment/schemes", params={"year": YEAR})
        if s["unit_group"] == "area"
    )
    scored = api.call("GET", f"/assessment/schemes/{scheme_id}/preview")
    mine = next(r for r in scored["rows"] if r["unit_name"] == "雨湖区")
    points = next(i["score"] for i in mine["items"] if i["label"] == "签约金额完成率")
    expect(signed).to_contain_text(f"{float(points):g} 分")
    expect(row).to_contain_text(f"{float(mine['total']):g} 分")
    shot("preview")

    published = next(
        s
        for s in api.call("GET", "/assessment/schemes", params={"year": YEAR})
        if s["unit_group"] == "area"
    )
    detail = api.call("GET", f"/assessment/schemes/{published['id']}")
    weights = {i["key"]: i["weight"] for i in detail["items"]}
    assert (weights["signed_amount"], weights["funds_arrived"]) == ("30.00", "10.00")

    # The round: opened on today's records; 雨湖区 self-reports its 重大措施 with evidence.
    page.get_by_role("tab", name="考核结果").click()
    results = page.get_by_test_id("round-area")
    results.get_by_test_id("round-open").click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("开启")).click()
    expect(results).to_contain_text("评分中")
    logout(page)
    login_as(page, "yuhu")
    page.goto(f"{base_url}/assessment")
    choose(page, page.get_by_test_id("assessment-year").locator(".."), f"{YEAR}年度")
    page.get_by_role("tab", name="考核结果").click()
    results = page.get_by_test_id("round-area")
    expect(results.get_by_test_id("round-row")).to_have_count(1)
    results.get_by_role("button", name="“重大措施”自评").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("自评得分（最多 8 分）").fill("8")
    dialog.get_by_label("自评说明").fill("出台招商引资若干措施，市政府常务会审议通过")
    dialog.locator("input[type=file]").set_input_files(
        files=[{"name": "若干措施.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    dialog.get_by_role("button", name=button_name("提交自评")).click()
    expect(results).to_contain_text("自评 8 分：出台招商引资若干措施")
    expect(results.get_by_role("button", name="下载若干措施.pdf")).to_be_visible()
    shot("self-report")

    # The coordinator scores it by the self-report, the rest through the API, and publicises.
    logout(page)
    login_as(page, "coordinator")
    page.goto(f"{base_url}/assessment")
    choose(page, page.get_by_test_id("assessment-year").locator(".."), f"{YEAR}年度")
    page.get_by_role("tab", name="考核结果").click()
    results = page.get_by_test_id("round-area")
    results.get_by_test_id("round-row").filter(has_text="雨湖区").click()
    expect(results).to_contain_text("自评 8 分")
    results.get_by_role("button", name="给雨湖区“重大措施”评分").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("得分（最多 8 分）").fill("7")
    dialog.get_by_label("评分说明").fill("出台招商引资若干措施")
    dialog.get_by_role("button", name=button_name("保存")).click()
    expect(results).to_contain_text("评分说明：出台招商引资若干措施")
    round_id = api.call("GET", "/assessment/rounds", params={"year": YEAR})[0]["id"]
    opened = api.call("GET", f"/assessment/rounds/{round_id}")
    for result in opened["results"]:
        for item in result["items"]:
            if item["by_hand"] and item["score"] is None:
                result = api.call(
                    "PUT",
                    f"/assessment/rounds/{round_id}/results/{result['unit_id']}/items/{item['item_id']}",
                    json={"score": "0", "note": "未报送材料"},
                    headers={"If-Match": f'"{result["version"]}"'},
                )
    page.goto(f"{base_url}/assessment/rounds/{round_id}")
    results = page.get_by_test_id("round-area")
    results.get_by_test_id("round-publicize").click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("公示")).click()
    expect(results).to_contain_text("公示申诉")
    expect(results.get_by_test_id("round-status")).to_contain_text("申诉截止")
    shot("round-publicized")

    # 雨湖区 objects to its signed amount (a computed item).
    logout(page)
    login_as(page, "yuhu")
    page.goto(f"{base_url}/assessment/rounds/{round_id}")
    results = page.get_by_test_id("round-area")
    expect(results).to_contain_text("公示申诉")
    results.get_by_role("button", name="对“签约金额完成率”申诉").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("申诉理由").fill("经开区代签的 2 亿元项目应计入本区")
    dialog.get_by_role("button", name=button_name("提交申诉")).click()
    expect(results).to_contain_text("申诉：经开区代签的 2 亿元项目应计入本区")
    expect(results).to_contain_text("待答复")
    expect(results.get_by_role("button", name="对“签约金额完成率”申诉")).to_have_count(0)
    # And puts forward one of its staff for the individual reward.
    reward = results.get_by_test_id("reward-card")
    reward.get_by_test_id("nominate").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("姓名").fill("王建国")
    dialog.get_by_label("单位职务").fill("区商务局招商科科长")
    dialog.get_by_label("主要事迹").fill("全年引进亿元以上项目 5 个")
    dialog.get_by_role("button", name=button_name("提交提名")).click()
    expect(reward.get_by_test_id("nomination-row")).to_contain_text("待审核")

    # The coordinator accepts it with a new score, from the queue.
    logout(page)
    login_as(page, "coordinator")
    page.goto(f"{base_url}/assessment/rounds/{round_id}")
    queue = page.get_by_test_id("objection-queue")
    expect(queue).to_contain_text("雨湖区“签约金额完成率”")
    queue.get_by_role("button", name="答复雨湖区“签约金额完成率”的申诉").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("采纳（调整得分）").check()
    dialog.get_by_label("调整后的得分（最多 30 分）").fill("30")
    dialog.get_by_label("答复理由").fill("经核实应计入")
    dialog.get_by_role("button", name=button_name("答复")).click()
    expect(page.get_by_test_id("objection-queue")).to_have_count(0)
    results = page.get_by_test_id("round-area")
    results.get_by_test_id("round-row").filter(has_text="雨湖区").click()
    expect(results).to_contain_text("已采纳")
    shot("objection-answered")
    # The nominee approved, then the fund split on the scores as they now stand.
    reward = results.get_by_test_id("reward-card")
    reward.get_by_role("button", name="同意提名王建国", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("同意")).click()
    expect(reward.get_by_test_id("nomination-row")).to_contain_text("已同意")
    # Next year's records are nearly empty: every unit is 不合格 (factor 0), so the units'
    # 320,000 元 goes to nobody and only the nominee's 20 % is paid.
    reward.get_by_test_id("awards-generate").click()
    summary = reward.get_by_test_id("awards-summary")
    expect(summary).to_contain_text("单位奖励 320,000 元，先进个人 80,000 元；发放合计 80,000 元")
    expect(reward.get_by_test_id("award-row")).to_have_count(1)
    expect(reward.get_by_test_id("award-row")).to_contain_text("王建国（雨湖区）")
    shot("awards")

    # Five working days later the window has closed (the deadline moved back to yesterday):
    # the supervisor confirms.
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    run_sql(
        database_url,
        f"UPDATE assessment_rounds SET objection_due = '{yesterday}' "
        f"WHERE year = {YEAR} AND unit_group = 'area'",
    )
    logout(page)
    login_as(page, "supervisor")
    page.goto(f"{base_url}/assessment/rounds/{round_id}")
    page.get_by_test_id("round-finalize").click()
    page.get_by_role("dialog").get_by_role("button", name=button_name("确认结果")).click()
    expect(page.get_by_test_id("round-area")).to_contain_text("已确认")
    # The 通报 downloads: the ranking, and the reward table adding up to what was paid.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载考核结果通报（Word）").click()
    download = download_info.value
    assert download.suggested_filename == f"{YEAR}年度县市区、园区招商引资工作考核结果通报.docx"
    saved = tmp_path / "assessment.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    texts = [p.text for p in document.paragraphs]
    assert f"关于{YEAR}年度县市区/园区招商引资工作考核结果的通报" in texts
    ranking, reward = document.tables
    assert "雨湖区" in [row.cells[1].text for row in ranking.rows]
    assert [c.text for c in reward.rows[-1].cells][1:] == ["合计", "", "80,000"]

    # The district reads it on a phone: the scheme in force, no editing.
    login_as(phone, "yuhu")
    phone.goto(f"{base_url}/assessment")
    choose(phone, phone.get_by_test_id("assessment-year").locator(".."), f"{YEAR}年度")
    mine = phone.get_by_test_id("scheme-area")
    expect(mine).to_contain_text("已发布 · 第 1 版")
    expect(mine.get_by_test_id("scheme-item").first).to_contain_text("30 分")
    expect(mine.get_by_test_id("scheme-revise")).to_have_count(0)
    assert fits(phone, "年度考核 (yuhu)") == []
    phone.get_by_role("tab", name="年度目标").click()
    expect(phone.get_by_test_id("target-row").filter(has_text="雨湖区")).to_contain_text(
        "签约金额 50 亿元"
    )
    assert fits(phone, "年度目标 (yuhu)") == []
    phone.screenshot(path=str(OUTPUT / "assessment--phone-yuhu-targets.png"), full_page=True)
    # And, confirmed, the results with its own sheet.
    phone.get_by_role("tab", name="考核结果").click(force=True)
    mine = phone.get_by_test_id("round-area").get_by_test_id("round-row").filter(has_text="雨湖区")
    mine.click()
    expect(phone.get_by_test_id("round-area")).to_contain_text("评分说明：出台招商引资若干措施")
    assert fits(phone, "考核结果 (yuhu)") == []
    expect(phone.get_by_test_id("award-row")).to_contain_text("80,000 元")
    assert fits(phone, "考核结果 (yuhu)") == []
    phone.screenshot(path=str(OUTPUT / "assessment--phone-yuhu-results.png"), full_page=True)


def test_last_years_assessment_as_the_demo_left_it(page: Page, phone: Page, base_url: str) -> None:
    """The demo's 2025: confirmed, with the objections answered and the fund split; read by the
    coordinator on a desktop and by a district on a phone."""
    last = date.today().year - 1
    for screen, user, name in ((page, "coordinator", "desktop"), (phone, "yuhu", "phone")):
        login_as(screen, user)
        screen.goto(f"{base_url}/assessment")
        choose(screen, screen.get_by_test_id("assessment-year").locator(".."), f"{last}年度")
        screen.get_by_role("tab", name="考核结果").click(force=True)
        area = screen.get_by_test_id("round-area")
        expect(area).to_contain_text("已确认")
        expect(area.get_by_test_id("awards-summary")).to_contain_text("发放合计 400,000 元")
        area.get_by_test_id("round-row").filter(has_text="雨湖区").click()
        expect(area).to_contain_text("已采纳")
        if screen is phone:
            assert fits(phone, "上年度考核结果 (yuhu)") == []
        screen.screenshot(path=str(OUTPUT / f"assessment--last-year-{name}.png"), full_page=True)
