"""半年度通报 in the browser: the coordinator builds the second half of 2025 (the demo has
published 2026 上半年 already; the history covers 2025 too), edits the analysis,
publishes it and downloads the Word 通报; a district officer then reads it on a phone, its own
row marked, and every value links to its list."""

from __future__ import annotations

import re
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
)
from tests.e2e.phone import fits

TITLE = "关于2025年下半年全市招商引资工作情况的通报"
ANALYSIS = "下半年全市新签约重大项目稳步增长，园区签约金额领先。"
PRAISE = "签约金额居全市前列"


def test_coordinator_builds_publishes_and_downloads_the_bulletin(
    page: Page, phone: Page, base_url: str, shot: Shots, tmp_path: Path
) -> None:
    login_as(page, "coordinator")
    open_menu(page, "半年度通报")
    page.get_by_test_id("bulletin-create").click()
    dialog = page.get_by_role("dialog")
    choose(page, dialog.locator(".ant-form-item", has_text="统计期"), "2025年下半年")
    dialog.get_by_role("button", name=button_name("生成")).click()
    expect(page.get_by_test_id("bulletin-title")).to_have_text(TITLE)
    expect(page.get_by_test_id("bulletin-state")).to_have_text("草稿")

    # The page shows what the API computed: the leading district or park, its score and values.
    bulletin_id = page.url.rsplit("/", 1)[1]
    api = Api(base_url, "coordinator")
    built = api.call("GET", f"/bulletins/{bulletin_id}")
    area = next(g for g in built["groups"] if g["unit_group"] == "area")
    leader_row = area["rows"][0]
    first = page.get_by_test_id("ranking-area").locator("tbody tr.ant-table-row").first
    expect(first).to_contain_text(leader_row["unit_name"])
    expect(first).to_contain_text(leader_row["score"])
    signed = leader_row["values"][0]["display"]
    expect(
        first.get_by_role("link", name=f"{leader_row['unit_name']}签约金额：{signed}")
    ).to_be_visible()
    shot("draft")

    # The analysis, saved while a draft.
    content = page.locator("form#bulletin-content")
    content.get_by_label("总体情况分析").fill(ANALYSIS)
    praised = content.get_by_test_id("praised-list")
    before = praised.locator(".ant-select").count()
    praised.get_by_role("button", name=re.compile("添加表扬单位")).click()
    # A unit beyond the default top 3 (already listed) is praised too.
    listed = {m["unit_id"] for m in built["praised"]}
    extra = next(r for r in area["rows"] if r["unit_id"] not in listed)["unit_name"]
    choose(page, praised.locator(".ant-form-item").nth(2 * before), extra)
    praised.get_by_label("表扬理由").nth(before).fill(PRAISE)
    content.get_by_role("button", name=button_name("保存通报内容")).click()
    expect(page.get_by_text("已保存通报内容")).to_be_visible()

    # 发布, after confirming: frozen, downloadable as Word.
    page.get_by_test_id("bulletin-actions").get_by_role("button", name=button_name("发布")).click()
    confirm = page.get_by_role("dialog")
    expect(confirm).to_contain_text("发布后通报冻结")
    confirm.get_by_role("button", name=button_name("确认发布")).click()
    expect(page.get_by_test_id("bulletin-state")).to_have_text("已发布")
    expect(page.locator("form#bulletin-content")).to_have_count(0)
    expect(page.get_by_test_id("praised-view")).to_contain_text(f"{extra}：{PRAISE}")
    expect(page.get_by_role("button", name=button_name("重新生成"))).to_have_count(0)
    shot("published")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="下载 Word 通报").click()
    download = download_info.value
    assert download.suggested_filename == "2025年下半年招商引资工作通报.docx"
    saved = tmp_path / "bulletin.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    paragraphs = [p.text for p in document.paragraphs]
    assert TITLE in paragraphs and ANALYSIS in paragraphs
    assert any(p.endswith("、表扬") for p in paragraphs)
    assert f"{extra}：{PRAISE}。" in paragraphs
    assert len(document.tables) == 2
    assert document.tables[0].rows[1].cells[1].text == leader_row["unit_name"]

    # The value links to the list it came from.
    page.get_by_role("link", name=f"{leader_row['unit_name']}签约金额：{signed}").click()
    expect(page).to_have_url(re.compile(r"/projects\?owner_unit_id=.*signed_from=2025-07-01"))
    logout(page)

    # 雨湖区 heard of it and reads it on a phone, its own row marked.
    login_as(phone, "yuhu")
    phone.goto(f"{base_url}/notifications")
    phone.get_by_text(TITLE).first.click()
    expect(phone.get_by_test_id("bulletin-title")).to_have_text(TITLE)
    own = phone.get_by_test_id("ranking-row").filter(has_text="本单位")
    expect(own).to_have_count(1)
    expect(own).to_contain_text("雨湖区")
    expect(phone.get_by_role("button", name="下载 Word 通报")).to_be_visible()
    problems = fits(phone, "半年度通报（雨湖区）")
    phone.screenshot(path=str(OUTPUT / "bulletins--phone-yuhu.png"), full_page=True)
    assert not problems, problems
