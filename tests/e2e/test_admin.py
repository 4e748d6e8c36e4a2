"""What the system administrator does in 系统管理 and 审计日志."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, choose, form_item, login, login_as, logout, open_menu

CREATE = re.compile(r"^创\s*建$")


def test_admin_creates_district_officer_who_can_then_log_in(page: Page, shot: Shots) -> None:
    username = f"yt{uuid.uuid4().hex[:6]}"
    login_as(page, "admin")
    open_menu(page, "用户管理")
    expect(page).to_have_url(re.compile(r"/admin/users$"))
    table = page.get_by_test_id("users-table")
    expect(table).to_contain_text("李娜")
    shot("users")

    page.get_by_role("button", name="新建用户").click()
    dialog = page.get_by_role("dialog", name="新建用户")
    form = dialog.locator("form#user-form")
    form.get_by_label("账号").fill(username)
    form.get_by_label("姓名").fill("钱多多")
    choose(page, form_item(form, "角色"), "县市区/园区专员")
    choose(page, form_item(form, "所属单位"), "岳塘区", search="岳塘")
    form.get_by_label("联系电话").fill("13807320001")
    form.get_by_label("初始密码").fill("Yuetang2026ok")
    form.get_by_label("确认密码").fill("Yuetang2026ok")
    shot("create-user-form")
    dialog.get_by_role("button", name=CREATE).click()

    expect(page.locator(".ant-message")).to_contain_text("已创建用户“钱多多”")
    expect(dialog).to_be_hidden()
    row = table.locator("tr.ant-table-row", has_text=username)
    expect(row).to_contain_text("钱多多")
    expect(row).to_contain_text("县市区/园区专员")
    expect(row).to_contain_text("岳塘区")
    expect(row).to_contain_text("启用")
    shot("users-after-create")

    logout(page)
    login(page, username, "Yuetang2026ok")
    expect(page.get_by_test_id("header-user-name")).to_have_text("钱多多")
    expect(page.locator(".ant-layout-header")).to_contain_text("岳塘区")
    # A district officer's home is the 驾驶舱 of his unit.
    expect(page.get_by_test_id("dashboard")).to_contain_text("岳塘区")
    shot("new-user-home")


def test_duplicate_username_error_is_shown_on_the_form(page: Page) -> None:
    login_as(page, "admin")
    page.goto("/admin/users")
    page.get_by_role("button", name="新建用户").click()
    dialog = page.get_by_role("dialog", name="新建用户")
    form = dialog.locator("form#user-form")
    form.get_by_label("账号").fill("yuhu")
    form.get_by_label("姓名").fill("重复账号")
    choose(page, form_item(form, "角色"), "只读")
    choose(page, form_item(form, "所属单位"), "雨湖区", search="雨湖")
    form.get_by_label("初始密码").fill("Duplicate2026")
    form.get_by_label("确认密码").fill("Duplicate2026")
    dialog.get_by_role("button", name=CREATE).click()

    # The server's Chinese detail is shown and the dialog stays open for correction.
    expect(page.locator(".ant-message-error")).to_contain_text("登录名已存在")
    expect(dialog).to_be_visible()


def test_admin_pages_units_clients_audit(page: Page, shot: Shots, tmp_path: Path) -> None:
    login_as(page, "admin")

    open_menu(page, "单位管理")
    expect(page).to_have_url(re.compile(r"/admin/units$"))
    park = page.locator("tr.ant-table-row", has_text="岳塘经开区")
    expect(park).to_contain_text("园区")
    expect(park).to_contain_text("岳塘区")  # parent district
    shot("units")

    open_menu(page, "接口客户端")
    expect(page).to_have_url(re.compile(r"/admin/api-clients$"))
    page.get_by_role("button", name="新建客户端").click()
    dialog = page.get_by_role("dialog", name="新建接口客户端")
    form = dialog.locator("form#api-client-form")
    form.get_by_label("客户端名称").fill("湘潭县项目平台")
    choose(page, form_item(form, "所属单位"), "湘潭县", search="湘潭县")
    form.locator(".ant-checkbox-wrapper").first.click()
    dialog.get_by_role("button", name=CREATE).click()

    expect(dialog).to_be_hidden()
    secret = page.get_by_role("dialog", name="客户端已创建")
    expect(secret).to_contain_text("密钥只显示这一次")
    expect(secret.get_by_test_id("client-secret")).to_contain_text("湘潭县项目平台")
    shot("client-secret")
    secret.get_by_role("button", name="我已妥善保存").click()
    expect(secret).to_be_hidden()

    row = page.locator("tr.ant-table-row", has_text="湘潭县项目平台")
    expect(row).to_contain_text("有效")
    expect(row).to_contain_text("湘潭县")
    row.get_by_role("button", name="吊销").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^吊\s*销$")).click()
    expect(row).to_contain_text("已吊销")
    shot("clients-after-revoke")

    open_menu(page, "审计日志")
    expect(page).to_have_url(re.compile(r"/audit$"))
    # In people's words: who (name and unit), the action and the object by name.
    revoke = page.locator("tr.ant-table-row", has_text="吊销接口客户端").first
    expect(revoke).to_contain_text("系统管理员")
    expect(revoke).to_contain_text("湘潭市商务局")
    expect(revoke).to_contain_text("湘潭县项目平台")
    expect(revoke).to_contain_text("成功")
    page.locator("tr.ant-table-row", has_text="新建接口客户端").first.locator(
        ".ant-table-row-expand-icon"
    ).click()
    changes = page.locator(".ant-table-expanded-row").first.get_by_test_id("audit-changes")
    expect(changes).to_contain_text("名称")
    expect(changes).to_contain_text("湘潭县项目平台")
    expect(changes.locator(".audit-change", has_text="单位")).to_contain_text("湘潭县")
    expect(changes).not_to_contain_text("secret_hash")
    shot("audit")

    # 导出 Excel: the list as filtered, as a workbook in the same words.
    with page.expect_download() as download_info:
        page.get_by_test_id("export-excel").click()
    download = download_info.value
    assert re.fullmatch(r"审计日志_\d{8}\.xlsx", download.suggested_filename)
    saved = tmp_path / "audit.xlsx"
    download.save_as(saved)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("时间", "操作人", "单位", "角色", "操作")
    record = next(r for r in rows[1:] if r[4] == "吊销接口客户端")
    assert record[1:3] == ("系统管理员", "湘潭市商务局")
    assert record[6] == "湘潭县项目平台"

    logout(page)


def test_admin_resets_password_and_deactivates_user(
    page: Page, shot: Shots, admin_api: Api
) -> None:
    username = f"rs{uuid.uuid4().hex[:6]}"
    admin_api.create_user(
        username=username,
        full_name="孙重置",
        role="viewer",
        unit_id=admin_api.unit_id("湘潭市人民政府办公室"),
        password="Initial2026aa",
    )
    login_as(page, "admin")
    page.goto("/admin/users")
    page.get_by_test_id("user-filters").get_by_placeholder("搜索姓名或账号").fill(username)
    page.get_by_test_id("user-filters").get_by_placeholder("搜索姓名或账号").press("Enter")
    row = page.get_by_test_id("users-table").locator("tr.ant-table-row", has_text=username)
    expect(page.get_by_test_id("users-table").locator("tr.ant-table-row")).to_have_count(1)

    row.get_by_role("button", name="重置密码").click()
    dialog = page.get_by_role("dialog", name=re.compile("重置密码"))
    dialog.get_by_label("新密码", exact=True).fill("Reset2026bbb")
    dialog.get_by_label("确认新密码").fill("Reset2026bbb")
    shot("reset-password")
    dialog.get_by_role("button", name=re.compile(r"^重\s*置$")).click()
    expect(page.locator(".ant-message")).to_contain_text("已重置“孙重置”的密码")

    logout(page)
    login(page, username, "Reset2026bbb")
    expect(page.get_by_test_id("header-user-name")).to_have_text("孙重置")
    logout(page)

    login_as(page, "admin")
    page.goto("/admin/users")
    row = page.get_by_test_id("users-table").locator("tr.ant-table-row", has_text=username)
    row.get_by_role("button", name=re.compile(r"^停\s*用$")).click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^确\s*定$")).click()
    expect(row).to_contain_text("已停用")
    expect(row.get_by_role("button", name=re.compile(r"^启\s*用$"))).to_be_visible()
    shot("after-deactivate")

    logout(page)
    login(page, username, "Reset2026bbb")
    expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login$"))


def test_clicking_a_unit_in_the_tree_filters_the_users(
    page: Page, shot: Shots, admin_api: Api
) -> None:
    username = f"jk{uuid.uuid4().hex[:6]}"
    admin_api.create_user(
        username=username,
        full_name="岳塘园区专员",
        role="unit_officer",
        unit_id=admin_api.unit_id("岳塘经开区"),
        password="Initial2026aa",
    )
    login_as(page, "admin")
    open_menu(page, "用户管理")
    tree = page.get_by_test_id("unit-tree")
    table = page.get_by_test_id("users-table")
    rows = table.locator("tr.ant-table-row")
    expect(table).to_contain_text("李娜")

    # A district: its own officer and the officers of its parks, nobody else.
    tree.locator(".ant-tree-title", has_text=re.compile("^岳塘区$")).click()
    expect(page.get_by_text("岳塘区的用户")).to_be_visible()
    expect(rows.filter(has_text="赵磊")).to_have_count(1)
    expect(rows.filter(has_text=username)).to_contain_text("岳塘经开区")
    expect(rows.filter(has_not_text=re.compile("岳塘区|岳塘经开区"))).to_have_count(0)
    expect(rows.filter(has_text="李娜")).to_have_count(0)
    shot("users-of-a-district")

    # A park on its own, found through the tree's search box.
    tree.get_by_placeholder("搜索单位").fill("岳塘经开")
    tree.locator(".ant-tree-title", has_text=re.compile("^岳塘经开区$")).click()
    expect(rows.filter(has_text="赵磊")).to_have_count(0)
    expect(rows.filter(has_not_text="岳塘经开区")).to_have_count(0)
    expect(rows.filter(has_text=username)).to_have_count(1)

    tree.get_by_placeholder("搜索单位").fill("")
    tree.locator(".ant-tree-title", has_text=re.compile("^雨湖区$")).click()
    expect(rows.filter(has_text="李娜")).to_have_count(1)
    expect(rows.filter(has_text="赵磊")).to_have_count(0)

    tree.get_by_role("button", name="全部单位").click()
    expect(page.get_by_text("全部用户")).to_be_visible()
    expect(rows.filter(has_text="赵磊")).to_have_count(1)
    expect(rows.filter(has_text="李娜")).to_have_count(1)


def test_admin_adds_a_dictionary_item_that_the_project_form_offers(
    page: Page, shot: Shots, base_url: str
) -> None:
    n = uuid.uuid4().hex[:6]
    added, retired = f"氢能{n}", f"旧产业{n}"
    login_as(page, "admin")
    open_menu(page, "字典管理")
    expect(page).to_have_url(re.compile(r"/admin/dictionaries$"))
    items = page.get_by_test_id("dictionary-items")
    expect(items).to_contain_text("先进装备制造")

    def add(code: str, label: str) -> None:
        page.get_by_role("button", name="新增字典项").click()
        dialog = page.get_by_role("dialog", name="新增产业链")
        form = dialog.locator("form#dictionary-item-form")
        form.get_by_label("代码").fill(code)
        form.get_by_label("名称").fill(label)
        dialog.get_by_role("button", name=re.compile(r"^新\s*增$")).click()
        expect(page.locator(".ant-message")).to_contain_text(f"已在产业链中新增“{label}”")
        expect(dialog).to_be_hidden()

    # A code the dictionary already holds is refused on the form, in words.
    page.get_by_role("button", name="新增字典项").click()
    dialog = page.get_by_role("dialog", name="新增产业链")
    dialog.get_by_label("代码").fill("equipment")
    dialog.get_by_label("名称").fill("重复的代码")
    dialog.get_by_role("button", name=re.compile(r"^新\s*增$")).click()
    expect(dialog).to_contain_text("产业链中已有此代码（先进装备制造）")
    shot("dictionary-duplicate-code")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()

    add(f"h2-{n}", added)
    add(f"old-{n}", retired)
    expect(items.locator("tr.ant-table-row", has_text=added)).to_contain_text("启用")
    # 上移 swaps it with the entry above.
    rows = items.locator("tr.ant-table-row")
    at = next(i for i, t in enumerate(rows.all_inner_texts()) if added in t)
    above = rows.nth(at - 1).locator("td").nth(2).inner_text()
    rows.nth(at).get_by_role("button", name="上移").click()
    expect(page.locator(".ant-message")).to_contain_text(f"已上移“{added}”")
    expect(rows.nth(at - 1)).to_contain_text(added)
    expect(rows.nth(at)).to_contain_text(above)
    # A district records a project with the entry that is about to be retired.
    yuhu = Api(base_url, "yuhu")
    try:
        project = yuhu.call(
            "POST",
            "/projects",
            201,
            json={
                "name": f"旧产业项目{n}",
                "investor_name": "湖南旧产业有限公司",
                "industry_chain": f"old-{n}",
                "source_channel": "door-knocking",
                "planned_investment": "800",
            },
        )
    finally:
        yuhu.close()
    row = items.locator("tr.ant-table-row", has_text=retired)
    row.get_by_role("button", name=re.compile(r"^停\s*用$")).click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^确\s*定$")).click()
    expect(row).to_contain_text("已停用")
    shot("dictionary")
    logout(page)

    login_as(page, "yuhu")
    # The project that holds the retired entry still shows its name.
    page.goto(f"/projects/{project['id']}")
    expect(page.get_by_test_id("project-name")).to_have_text(f"旧产业项目{n}")
    expect(page.locator(".ant-descriptions").first).to_contain_text(retired)

    open_menu(page, "项目库")
    page.get_by_role("button", name="新建项目").click()
    form = page.get_by_role("dialog", name="新建项目").locator("form#project-form")
    choose(page, form_item(form, "产业链"), added)
    form_item(form, "产业链").locator(".ant-select").click()
    dropdown = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")
    # The list opens at the chosen entry, its last: the retired one, added after it, is not there.
    expect(dropdown.locator(".ant-select-item-option", has_text=added)).to_have_count(1)
    expect(dropdown).not_to_contain_text(retired)
    shot("project-form-offers-new-entry")
