"""Signing in and out, as each kind of user sees it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.helpers import LOGIN_BUTTON, Api, Shots, login, login_as, logout

# (username, name shown in the header, role label, unit, side-menu entries top-level → children)
ROLES = [
    (
        "admin",
        "系统管理员",
        "系统管理员",
        "湘潭市商务局",
        {
            "工作台": [],
            "消息中心": [],
            "审计日志": [],
            "系统管理": ["用户管理", "单位管理", "字典管理", "节假日调整", "接口客户端"],
        },
    ),
    (
        "coordinator",
        "刘志强",
        "招商统筹",
        "湘潭市商务局",
        {
            "工作台": [],
            "待办": [],
            "项目库": [],
            "服务事项": [],
            "会议": [],
            "议定事项": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "三级联审": [],
            "领导联系": [],
            "消息中心": [],
        },
    ),
    (
        "leader",
        "王建国",
        "市领导",
        "湘潭市人民政府领导",
        {
            "工作台": [],
            "待办": [],
            "我的项目": [],
            "项目库": [],
            "服务事项": [],
            "会议": [],
            "议定事项": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "三级联审": [],
            "领导联系": [],
            "消息中心": [],
        },
    ),
    (
        "yuhu",
        "李娜",
        "县市区/园区专员",
        "雨湖区",
        {
            "工作台": [],
            "待办": [],
            "项目库": [],
            "服务事项": [],
            "会议": [],
            "议定事项": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "消息中心": [],
        },
    ),
    (
        "zrzy",
        "张敏",
        "职能部门经办人",
        "市自然资源和规划局",
        {
            "工作台": [],
            "待办": [],
            "项目库": [],
            "服务事项": [],
            "会议": [],
            "议定事项": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "三级联审": [],
            "消息中心": [],
        },
    ),
    (
        "supervisor",
        "陈静",
        "督查督办",
        "市招商安商领导小组办公室（督查室）",
        {
            "工作台": [],
            "待办": [],
            "项目库": [],
            "服务事项": [],
            "会议": [],
            "议定事项": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "三级联审": [],
            "领导联系": [],
            "消息中心": [],
            "审计日志": [],
        },
    ),
    (
        "viewer",
        "吴芳",
        "只读",
        "湘潭市人民政府办公室",
        {
            "工作台": [],
            "项目库": [],
            "月报季报": [],
            "半年度通报": [],
            "年度考核": [],
            "消息中心": [],
        },
    ),
]


def side_menu(page: Page) -> dict[str, list[str]]:
    """The side menu as {top-level entry: [sub-entries]}."""
    menu = page.get_by_test_id("side-menu")
    expect(menu).to_be_visible()
    entries: dict[str, list[str]] = {}
    for item in menu.locator(":scope > li.ant-menu-item, :scope > li.ant-menu-submenu").all():
        title = item.locator(".ant-menu-title-content").first.inner_text().strip()
        entries[title] = [
            t.strip()
            for t in item.locator("ul li.ant-menu-item .ant-menu-title-content").all_inner_texts()
        ]
    return entries


@pytest.mark.parametrize(
    ("username", "full_name", "role_label", "unit", "menu"), ROLES, ids=[r[0] for r in ROLES]
)
def test_login_shows_role_menu_and_name(
    page: Page,
    base_url: str,
    shot: Shots,
    username: str,
    full_name: str,
    role_label: str,
    unit: str,
    menu: dict[str, list[str]],
) -> None:
    page.goto("/login")
    login(page, username)

    # Everyone lands on the home: the 驾驶舱 for those who read statistics (a city leader's own
    # project first on it), the greeting for the administrator.
    expect(page).to_have_url(re.compile(r"/$"))
    header = page.locator(".ant-layout-header")
    expect(header.get_by_test_id("header-user-name")).to_have_text(full_name)
    expect(header).to_contain_text(role_label)
    expect(header).to_contain_text(unit)
    assert side_menu(page) == menu
    if username == "leader":
        # The project he leads now (other tests may have handed him another).
        api = Api(base_url, "leader")
        try:
            led = api.call("GET", "/assignments/mine")["project"]["name"]
        finally:
            api.close()
        expect(page.get_by_test_id("my-project-card")).to_contain_text(led)
    if username != "admin":
        expect(page.get_by_test_id("dashboard")).to_be_visible()
        shot("home")
        return
    # The home page greets the user and lists what they may do, in Chinese.
    expect(page.get_by_test_id("home-greeting")).to_contain_text(full_name)
    expect(page.get_by_test_id("home-permissions")).to_contain_text("查看")
    shot("home")


def test_wrong_password_shows_error_and_stays(page: Page, shot: Shots) -> None:
    page.goto("/login")
    login(page, "coordinator", "Wrong-password-1")

    expect(page.get_by_test_id("login-error")).to_have_text("用户名或密码错误")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("form#login").get_by_role("button", name=LOGIN_BUTTON)).to_be_visible()
    expect(page.get_by_test_id("side-menu")).to_have_count(0)
    shot("login-error")


def test_logout_returns_to_login_and_reload_does_not_restore(page: Page, shot: Shots) -> None:
    page.goto("/login")
    login(page, "leader")
    expect(page.get_by_test_id("header-user-name")).to_have_text("王建国")
    shot("home")

    # A reload while signed in restores the session from the refresh token.
    page.reload()
    expect(page.get_by_test_id("header-user-name")).to_have_text("王建国")

    logout(page)
    expect(page.locator("form#login")).to_be_visible()
    assert page.evaluate("() => window.sessionStorage.length") == 0
    shot("after-logout")

    page.reload()
    expect(page.locator("form#login")).to_be_visible()
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("header-user-name")).to_have_count(0)


def test_login_page_screenshot_has_chinese(page: Page, shot: Shots) -> None:
    page.goto("/login")
    expect(page.get_by_role("heading", name="招商通 · 湘潭市招商引资管理平台")).to_be_visible()
    path = shot("login")

    assert "招商通" in page.inner_text("body")
    assert page.title() == "招商通 · 湘潭市招商引资管理平台"
    assert path.stat().st_size > 10_000


def test_expired_access_token_is_refreshed_once_and_requests_retried(
    page: Page, shot: Shots
) -> None:
    login_as(page, "admin")

    # Make the server's next answers to two parallel list requests a 401, as if the access
    # token had just expired; the SPA must refresh once, retry both, and show the data.
    rejected: list[str] = []

    def reject_once(route: Route) -> None:
        path = route.request.url.split("?")[0]
        if path not in rejected:
            rejected.append(path)
            route.fulfill(
                status=401,
                content_type="application/problem+json",
                body='{"type":"about:blank","title":"Unauthorized","status":401,'
                '"detail":"登录已失效","code":"token_expired"}',
            )
        else:
            route.continue_()

    refreshes: list[str] = []
    page.on(
        "request",
        lambda r: (
            refreshes.append(r.url)
            if r.url.endswith("/api/v1/auth/token")
            and "grant_type=refresh_token" in (r.post_data or "")
            else None
        ),
    )
    page.route(re.compile(r".*/api/v1/(users|units)\?.*"), reject_once)
    page.get_by_test_id("side-menu").get_by_role("menuitem", name="用户管理").click()

    expect(page.get_by_test_id("users-table")).to_contain_text("刘志强")
    expect(page.get_by_test_id("user-filters")).to_be_visible()
    assert len(rejected) == 2
    assert len(refreshes) == 1
    shot("users-after-refresh")

    # The rotated refresh token is the one kept: a reload still restores the session.
    page.unroute(re.compile(r".*/api/v1/(users|units)\?.*"))
    page.reload()
    expect(page.get_by_test_id("header-user-name")).to_have_text("系统管理员")
    expect(page.get_by_test_id("users-table")).to_contain_text("刘志强")
