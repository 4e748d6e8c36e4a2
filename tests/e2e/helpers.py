"""Helpers for the browser tests: signing in and out, screenshots, and an admin API client."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Locator, Page, expect

from tests.conftest import BACKEND
from tests.live_server import backend_python

OUTPUT = Path(__file__).resolve().parent / "output"
DEMO_PASSWORD = "Xiangtan@2026"
# antd puts a space inside two-character CJK button labels ("登 录").
LOGIN_BUTTON = re.compile(r"^登\s*录$")


_CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(first17: str) -> str:
    """A 统一社会信用代码 with its GB 32100-2015 check character."""
    total = sum(_CREDIT_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return first17 + _CREDIT_CHARSET[(31 - total % 31) % 31]


def slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_")[:120]


class Shots:
    """Full-page screenshots named after the test, numbered in the order taken."""

    def __init__(self, page: Page, test_name: str) -> None:
        self.page = page
        self.prefix = slug(test_name)
        self.count = 0
        OUTPUT.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> Path:
        self.count += 1
        path = OUTPUT / f"{self.prefix}--{self.count:02d}-{slug(name)}.png"
        # Sticky header and side menu would be drawn mid-page in a full-page shot taken
        # while scrolled; the shot covers the whole page anyway.
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(path), full_page=True)
        return path


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form (the page must be on /login)."""
    form = page.locator("form#login")
    form.get_by_label("用户名").fill(username)
    form.get_by_label("密码").fill(password)
    form.get_by_role("button", name=LOGIN_BUTTON).click()


def login_as(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Open /login, sign in and wait until the app frame shows."""
    page.goto("/login")
    login(page, username, password)
    expect(page.get_by_test_id("header-user-name")).to_be_visible()


def logout(page: Page) -> None:
    # A click that lands while antd's dropdown is still animating open can be lost: try again
    # rather than fail on a timing accident the user would simply repeat.
    for _ in range(3):
        if not page.get_by_role("menuitem", name="退出登录").is_visible():
            page.get_by_test_id("user-menu").click()
        item = page.get_by_role("menuitem", name="退出登录")
        item.wait_for(state="visible")
        item.click()
        try:
            expect(page).to_have_url(re.compile(r"/login$"), timeout=5_000)
            return
        except AssertionError:
            continue
    expect(page).to_have_url(re.compile(r"/login$"))


class _SignIn(httpx.Auth):
    """The demo user's access token, signed in again when it has expired (a session-wide
    client outlives the 15-minute token on a slow machine)."""

    def __init__(self, api_url: str, username: str) -> None:
        self.api_url, self.username = api_url, username
        self.token: str | None = None

    def _sign_in(self) -> str:
        response = httpx.post(
            f"{self.api_url}/auth/token",
            data={"grant_type": "password", "username": self.username, "password": DEMO_PASSWORD},
            timeout=15,
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        self.token = self.token or self._sign_in()
        request.headers["Authorization"] = f"Bearer {self.token}"
        response = yield request
        if response.status_code == 401:
            self.token = self._sign_in()
            request.headers["Authorization"] = f"Bearer {self.token}"
            yield request


class Api:
    """A thin API client (admin unless told) for setting up data that a UI test is not about."""

    def __init__(self, base_url: str, username: str = "admin") -> None:
        api_url = f"{base_url}/api/v1"
        auth = _SignIn(api_url, username)
        auth.token = auth._sign_in()  # a wrong password fails here, not at the first call
        self.http = httpx.Client(base_url=api_url, timeout=15, auth=auth)

    def unit_id(self, name: str) -> str:
        r = self.http.get("/units", params={"q": name, "limit": 200})
        r.raise_for_status()
        return str(next(u["id"] for u in r.json()["items"] if u["name"] == name))

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        """One request that must answer `expect`; returns the JSON body (None when empty)."""
        r = self.http.request(method, path, **kwargs)
        assert r.status_code == expect, f"{method} {path} → {r.status_code}: {r.text}"
        return r.json() if r.content else None

    def create_user(self, **fields: str) -> dict[str, Any]:
        r = self.http.post("/users", json=fields)
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body

    def close(self) -> None:
        self.http.close()


OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)"


def choose(page: Page, field: Locator, option: str, search: str | None = None) -> None:
    """Pick `option` in the antd Select inside `field` (typing `search` first if given)."""
    select = field.locator(".ant-select")
    dropdown = page.locator(OPEN_DROPDOWN)
    item = dropdown.locator(".ant-select-item-option").filter(
        has_text=re.compile(f"^{re.escape(option)}$")
    )
    for _ in range(3):
        if dropdown.count() == 0:
            select.click()
        if search:
            field.locator("input").fill(search)
        expect(item).to_be_visible()
        item.click()
        try:
            # The list re-renders while it opens and filters; a click can land mid-animation.
            expect(select.locator(".ant-select-content")).to_have_attribute(
                "title", option, timeout=2_000
            )
            break
        except AssertionError:
            continue
    expect(select).to_contain_text(option)
    # The closing dropdown still covers what is below it until its animation ends.
    expect(dropdown).to_have_count(0)


def form_item(scope: Locator, label: str) -> Locator:
    return scope.locator(".ant-form-item").filter(
        has=scope.page.locator("label", has_text=re.compile(f"^{re.escape(label)}$"))
    )


def button_name(label: str) -> re.Pattern[str]:
    """Accessible name of an antd button: two-character CJK labels get a space ("交 办")."""
    return re.compile("^" + r"\s*".join(re.escape(c) for c in label) + "$")


def open_menu(page: Page, entry: str) -> None:
    page.get_by_test_id("side-menu").get_by_role("menuitem", name=entry).click()


def leader_id(api: Api, full_name: str) -> str:
    users = api.call("GET", "/users", params={"role": "leader", "limit": 200})["items"]
    return str(next(u["id"] for u in users if u["full_name"] == full_name))


def new_meeting(
    api: Api, title: str, kind: str, starts: datetime, chair: str, units: list[str], held: bool
) -> dict[str, Any]:
    meeting: dict[str, Any] = api.call(
        "POST",
        "/meetings",
        201,
        json={
            "title": title,
            "kind": kind,
            "starts_at": starts.isoformat(),
            "place": "市政府三楼常务会议室",
            "chair_id": leader_id(api, chair),
            "unit_ids": [api.unit_id(u) for u in units],
            "agenda": "研究重大项目推进中的问题",
        },
    )
    if held:
        meeting = api.call(
            "POST",
            f"/meetings/{meeting['id']}/transitions",
            201,
            json={"expected_state": "draft", "to_state": "held"},
        )
    return meeting


def bell_notice(page: Page, kind: str, text: str) -> Locator:
    """Opens the notification bell; the notifications of this kind mentioning `text`."""
    page.get_by_test_id("notification-bell").click()
    return (
        page.get_by_test_id("notification-panel")
        .get_by_test_id("notification")
        .filter(has_text=kind)
        .filter(has_text=text)
    )


_RUN_SQL = """
import asyncio, sys
from sqlalchemy import text
from app.core.config import get_settings
from app.core.db import create_engine

async def main():
    engine = create_engine(get_settings())
    async with engine.begin() as connection:
        await connection.execute(text(sys.argv[1]))
    await engine.dispose()

asyncio.run(main())
"""


def run_sql(database_url: str, statement: str) -> None:
    """One statement on the live backend's database, in a process of its own (this thread's
    event loop belongs to Playwright): how a browser test lets time pass for a deadline."""
    subprocess.run(
        [backend_python(), "-c", _RUN_SQL, statement],
        cwd=BACKEND,
        env={**os.environ, "DATABASE_URL": database_url, "APP_ENV": "test"},
        check=True,
        capture_output=True,
        timeout=60,
    )
