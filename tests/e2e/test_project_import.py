"""Excel 导入: a file with one bad row is refused as a whole and says which row to fix."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, credit_code, login_as, open_menu


@pytest.fixture
def yuhu_api(base_url: str) -> Iterator[Api]:
    api = Api(base_url, "yuhu")
    yield api
    api.close()


def _total(api: Api) -> int:
    r = api.http.get("/projects", params={"include_total": True, "limit": 1})
    r.raise_for_status()
    return int(r.json()["total"])


def _workbook(api: Api) -> bytes:
    """The server's template with two rows; the second has a wrong check character."""
    r = api.http.get("/projects/import-template")
    r.raise_for_status()
    book = load_workbook(io.BytesIO(r.content))
    sheet = book.active
    assert sheet is not None
    headers = [str(c.value or "") for c in sheet[1]]
    values = {
        "项目名称": "湘潭智能装备配套项目",
        "投资方": "湖南湘装配套科技有限公司",
        "统一社会信用代码": credit_code(f"91430300MA4{random.randint(100000, 999999)}"),
        "产业链": "先进装备制造",
        "招商渠道": "敲门招商",
        "计划总投资": 8000,
    }
    bad = {**values, "项目名称": "湘潭新材料配套项目", "统一社会信用代码": "91430300MA4L00001X"}
    for row in (values, bad):
        sheet.append([next((v for k, v in row.items() if k in h), None) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_with_bad_row_imports_nothing(
    page: Page, shot: Shots, yuhu_api: Api, tmp_path: Path
) -> None:
    before = _total(yuhu_api)
    file = tmp_path / "项目导入.xlsx"
    file.write_bytes(_workbook(yuhu_api))

    login_as(page, "yuhu")
    open_menu(page, "项目库")
    page.get_by_role("button", name="Excel 导入").click()
    dialog = page.get_by_role("dialog", name="Excel 导入项目")
    dialog.locator("input[type=file]").set_input_files(str(file))
    dialog.get_by_role("button", name="开始导入").click()
    errors = dialog.get_by_test_id("import-errors")
    expect(errors).to_contain_text("统一社会信用代码")
    expect(errors.locator("tr.ant-table-row")).to_have_count(1)
    expect(errors.locator("tr.ant-table-row")).to_contain_text("3")
    shot("import-errors")

    assert _total(yuhu_api) == before
