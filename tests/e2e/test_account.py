"""我的账户: profile and changing one's own password."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Api, Shots, login


def test_account_profile_and_password_change(page: Page, shot: Shots, admin_api: Api) -> None:
    username = f"pw{uuid.uuid4().hex[:6]}"
    admin_api.create_user(
        username=username,
        full_name="周改密",
        role="department_officer",
        unit_id=admin_api.unit_id("市住房和城乡建设局"),
        password="Original2026a",
    )

    page.goto("/login")
    login(page, username, "Original2026a")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name="我的账户").click()
    expect(page).to_have_url(re.compile(r"/account$"))

    profile = page.get_by_test_id("account-profile")
    expect(profile).to_contain_text("周改密")
    expect(profile).to_contain_text(username)
    expect(profile).to_contain_text("职能部门经办人")
    expect(profile).to_contain_text("市住房和城乡建设局")
    shot("account")

    form = page.locator("form#change-password")
    form.get_by_label("当前密码").fill("Original2026a")
    form.get_by_label("新密码", exact=True).fill("Changed2026bb")
    form.get_by_label("确认新密码").fill("Changed2026bb")
    form.get_by_role("button", name="修改密码").click()

    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator(".ant-alert")).to_contain_text("密码已修改，请重新登录")
    shot("login-after-change")

    login(page, username, "Original2026a")
    expect(page.get_by_test_id("login-error")).to_have_text("用户名或密码错误")

    login(page, username, "Changed2026bb")
    expect(page.get_by_test_id("header-user-name")).to_have_text("周改密")
