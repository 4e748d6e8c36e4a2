"""领导联系: one city leader leads one project; a second assignment is refused with the reason."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, choose, credit_code, form_item, login_as, open_menu


@pytest.fixture
def coordinator_api(base_url: str) -> Iterator[Api]:
    api = Api(base_url, "coordinator")
    yield api
    api.close()


def _new_project(api: Api, name: str, unit_id: str) -> dict[str, str]:
    r = api.http.post(
        "/projects",
        json={
            "name": name,
            "investor_name": f"{name}投资有限公司",
            "investor_credit_code": credit_code(f"91430300MA4{random.randint(100000, 999999)}"),
            "industry_chain": "equipment",
            "source_channel": "fund",
            "planned_investment": "30000",
            "owner_unit_id": unit_id,
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, str] = r.json()
    return body


def test_second_project_for_same_leader_is_refused(
    page: Page, shot: Shots, coordinator_api: Api, admin_api: Api
) -> None:
    leader = next(
        u
        for u in coordinator_api.http.get("/users", params={"role": "leader"}).json()["items"]
        if u["username"] == "leader"
    )
    # The seed has 王建国 leading a project already: free him first.
    for a in coordinator_api.http.get(
        "/assignments", params={"leader_id": leader["id"], "active": True}
    ).json():
        r = coordinator_api.http.post(f"/assignments/{a['id']}/end", json={"reason": "工作调整"})
        assert r.status_code == 200, r.text
    suffix = random.randint(1000, 9999)
    unit_id = admin_api.unit_id("雨湖区")
    first = _new_project(coordinator_api, f"智能制造示范项目{suffix}", unit_id)
    second = _new_project(coordinator_api, f"新材料产业园项目{suffix}", unit_id)

    login_as(page, "coordinator")
    open_menu(page, "领导联系")
    table = page.get_by_test_id("assignments-table")
    expect(table).to_contain_text("陈立新")
    expect(table).not_to_contain_text("王建国")

    page.get_by_role("button", name="指定牵头领导").click()
    dialog = page.get_by_role("dialog", name="指定牵头市领导")
    form = dialog.locator("form#assign-form")
    choose(page, form_item(form, "项目"), f"{first['code']} {first['name']}", search=first["code"])
    choose(page, form_item(form, "市领导"), "王建国")
    dialog.get_by_role("button", name=re.compile(r"^确\s*定$")).click()
    expect(page.locator(".ant-message")).to_contain_text(f"已指定 王建国 牵头“{first['name']}”")
    row = table.locator("tr.ant-table-row", has_text="王建国")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(first["name"])

    page.get_by_role("button", name="指定牵头领导").click()
    dialog = page.get_by_role("dialog", name="指定牵头市领导")
    form = dialog.locator("form#assign-form")
    second_label = f"{second['code']} {second['name']}"
    choose(page, form_item(form, "项目"), second_label, search=second["code"])
    choose(page, form_item(form, "市领导"), "王建国")
    dialog.get_by_role("button", name=re.compile(r"^确\s*定$")).click()
    error = dialog.get_by_test_id("assign-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("王建国")
    expect(error).to_contain_text(first["name"])
    shot("conflict")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()

    expect(row).to_have_count(1)
    expect(row).to_contain_text(first["name"])
    expect(table).not_to_contain_text(second["name"])
    r = coordinator_api.http.get("/assignments", params={"project_id": second["id"]})
    assert r.json() == []
    shot("unchanged")
