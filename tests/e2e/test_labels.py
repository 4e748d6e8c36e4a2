"""Labels and money on the project page: while /meta/enums and the code lists are still loading
the page shows Chinese labels (the SPA ships the enums' labels) or a placeholder, never an
English code; every amount carries its unit, one unit for the group."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.helpers import Api, Shots, login_as

PROJECT = "湘江风电叶片及整机配套项目"


@pytest.fixture(scope="module")
def coordinator_api(base_url: str) -> Iterator[Api]:
    api = Api(base_url, "coordinator")
    yield api
    api.close()


def test_project_page_never_shows_codes_while_labels_load(
    page: Page, shot: Shots, coordinator_api: Api
) -> None:
    items = coordinator_api.call("GET", "/projects", params={"q": PROJECT})["items"]
    project = next(p for p in items if p["name"] == PROJECT)
    enums = coordinator_api.call("GET", "/meta/enums")
    stage_label = next(s["label"] for s in enums["stages"] if s["value"] == project["stage"])

    login_as(page, "coordinator")
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    # The labels never arrive: the page must manage without them.
    page.route("**/api/v1/meta/enums", hold)
    page.route("**/api/v1/dictionaries?**", hold)
    page.goto(f"/projects/{project['id']}")
    expect(page.get_by_test_id("project-name")).to_have_text(PROJECT)
    expect(page.get_by_text(stage_label).first).to_be_visible()
    main = page.locator("main")
    for code in (project["stage"], project["industry_chain"], project["source_channel"]):
        expect(main).not_to_contain_text(re.compile(rf"\b{re.escape(code)}\b"))
    assert held, "the labels were requested"
    shot("labels-loading")

    texts = []
    for label in ("计划总投资", "签约金额", "到位资金", "预计年税收"):
        cell = page.locator(".ant-descriptions-item-label", has_text=re.compile(f"^{label}$"))
        expect(cell).to_have_count(1)
        texts.append(cell.locator("xpath=following-sibling::*[1]").inner_text())
    units = set()
    for text in texts:
        if text.strip() == "—":
            continue
        match = re.fullmatch(r"[\d,]+(\.\d+)? (万元|亿元)", text.strip())
        assert match, f"amount without its unit: {text!r}"
        units.add(match.group(2))
    assert len(units) <= 1, f"one unit for the amounts: {units}"
    for route in held:
        route.continue_()
