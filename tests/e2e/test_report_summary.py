"""全市汇总: the coordinator opens a month's city summary from 月报季报, sees the accepted report
in the table with the units still missing, writes the analysis, publishes it as version 1 and
downloads the Word file; a leader reads it at phone width. The period and the unit's accepted
report are set up through the API (the test is about the summary)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, button_name, login_as
from tests.e2e.phone import fits

PERIOD = "2024年9月月报"


def _accepted_report(base_url: str) -> str:
    coordinator, yuhu = Api(base_url, "coordinator"), Api(base_url, "yuhu")
    try:
        body = {"kind": "month", "year": 2024, "number": 9}
        period = coordinator.call("POST", "/report-periods", expect=201, json=body)
        report = yuhu.call("GET", "/reports", params={"period_id": period["id"]})["items"][0]
        fix = {
            "key": "signed_amount",
            "corrected": "12800.00",
            "reason": "按签约台账核实",
        }
        etag = yuhu.http.get(f"/reports/{report['id']}").headers["etag"]
        saved = yuhu.http.patch(
            f"/reports/{report['id']}",
            json={"corrections": [fix]},
            headers={"If-Match": etag},
        )
        assert saved.status_code == 200, saved.text
        for who, expected, to in (
            (yuhu, "draft", "submitted"),
            (coordinator, "submitted", "accepted"),
        ):
            who.call(
                "POST",
                f"/reports/{report['id']}/transitions",
                expect=201,
                json={"expected_state": expected, "to_state": to},
            )
        return period["id"]
    finally:
        coordinator.close()
        yuhu.close()


def test_coordinator_publishes_the_city_summary_and_downloads_word(
    page: Page, phone: Page, shot: Shots, base_url: str, tmp_path: Path
):
    period_id = _accepted_report(base_url)

    # From 月报季报, filtered to the period, to its 全市汇总.
    login_as(page, "coordinator")
    page.goto(f"/reports?period_id={period_id}")
    page.get_by_test_id("summary-link").click()
    expect(page.get_by_test_id("summary-title")).to_have_text(f"{PERIOD}全市汇总")
    expect(page.get_by_test_id("summary-marks")).to_have_text("未发布")
    table = page.get_by_test_id("summary-table")
    yuhu = table.locator("tr", has_text="雨湖区")
    expect(yuhu).to_contain_text("12,800")
    expect(table.locator("tr", has_text="合计")).to_contain_text("12,800")
    expect(table.locator("tr", has_text="岳塘区")).to_contain_text("未报送")
    expect(table.locator("tr", has_text="去年同期")).to_contain_text("无数据")
    expect(page.get_by_test_id("summary-missing")).to_contain_text("岳塘区 · 未报送")

    # The analysis is written and saved, then published as version 1.
    analysis = "9月全市新签约项目集中在雨湖区，签约金额 1.28 亿元。"
    page.get_by_test_id("analysis-input").fill(analysis)
    page.get_by_test_id("save-analysis").click()
    expect(page.get_by_text("分析已保存")).to_be_visible()
    page.get_by_test_id("publish-summary").click()
    dialog = page.get_by_role("dialog", name="发布全市汇总")
    dialog.get_by_role("button", name=button_name("发布")).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("summary-marks")).to_have_text("已发布第 1 版")
    version = page.get_by_test_id("summary-version")
    expect(version).to_have_count(1)
    expect(version).to_contain_text("第 1 版")
    expect(page.get_by_test_id("correct-summary")).to_be_visible()
    shot("全市汇总已发布")

    # 下载 Word: the 公文 with the title, the table and the analysis.
    with (
        page.expect_response(re.compile(r"/summary/versions/1/docx$")) as answered,
        page.expect_download() as download_info,
    ):
        version.get_by_role("button", name="下载第 1 版 Word").click()
    response = answered.value
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    download = download_info.value
    assert download.suggested_filename == f"{PERIOD}全市汇总（第1版）.docx"
    saved = tmp_path / "summary.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    texts = [p.text for p in document.paragraphs]
    assert "2024年9月全市招商引资月报" in texts and analysis in texts
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in document.tables[0].rows}
    assert "12,800" in rows["雨湖区"] and "12,800" in rows["合计"]

    # A leader reads it on a phone: nothing wider than the screen but the table's own scroll.
    login_as(phone, "leader")
    phone.goto(f"/report-periods/{period_id}")
    expect(phone.get_by_test_id("summary-marks")).to_have_text("已发布第 1 版")
    expect(phone.get_by_test_id("summary-analysis")).to_contain_text(analysis)
    expect(phone.get_by_test_id("publish-summary")).to_have_count(0)
    assert fits(phone, "全市汇总") == []
