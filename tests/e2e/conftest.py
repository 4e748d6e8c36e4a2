"""End-to-end fixtures: the real backend serving the built SPA, driven by headless Chromium.

The backend is started once per session on a fresh SQLite file (migrated and seeded by the
project's own CLI). Every test gets a fresh browser context; screenshots of the pages a test
visits, and of the page at a failure, land in tests/e2e/output/.

Fixtures are package-scoped, not session-scoped: Playwright's sync API keeps an event loop
running in this thread while it is open, which would break the async tests collected after
this package.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.conftest import database_url_of
from tests.e2e.helpers import OUTPUT, Api, Shots, slug
from tests.e2e.phone import PHONE
from tests.live_server import live_backend

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "frontend" / "dist"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Without Chromium the browser tests cannot run: say so in one line before any test runs,
    and fail (CI must not pass without them)."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return
    here = Path(__file__).parent
    if any(item.path.is_relative_to(here) for item in session.items):
        pytest.exit(
            f"找不到 Chromium（{CHROMIUM}），浏览器测试无法运行：请执行 "
            "apt-get install chromium fonts-noto-cjk（或用 E2E_CHROMIUM 指明 Chromium 的路径）",
            returncode=1,
        )


# Generous: CI runs the suite twice on a 2-core machine; a wait only lasts this long when failing.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="package")
def backend_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e-backend")


@pytest.fixture(scope="package")
def base_url(backend_workdir: Path) -> Iterator[str]:
    if not (DIST / "index.html").is_file():
        pytest.exit(
            f"{DIST / 'index.html'} is missing: build the SPA first "
            "(`cd frontend && npm ci && npm run build`, or `make test`).",
            returncode=1,
        )
    with live_backend(backend_workdir, "_e2e", {"SPA_DIST": str(DIST)}) as (url, _log):
        yield url


@pytest.fixture(scope="package")
def database_url(base_url: str, backend_workdir: Path) -> str:
    """The live backend's database, for a test that lets time pass (a deadline moved back)."""
    return database_url_of(backend_workdir, "_e2e")


@pytest.fixture(scope="package", autouse=True)
def _fresh_output() -> None:
    """Keep the screenshots of this run only."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="package")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    # launch() (not a persistent context) gives every run a fresh throwaway profile.
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep each phase's report on the test item so `page` can tell whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=base_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1440, "height": 900},
        # The SPA turns antd's animations off for this setting: no click on a half-open dialog.
        reduced_motion="reduce",
    )
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"FAILED--{slug(request.node.name)}.png"))
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def shot(page: Page, request: pytest.FixtureRequest) -> Shots:
    return Shots(page, request.node.name)


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page on a 390×844 touch screen (device scale 2), failing on uncaught page errors."""
    context: BrowserContext = browser.new_context(
        base_url=base_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture(scope="package")
def admin_api(base_url: str) -> Iterator[Api]:
    api = Api(base_url)
    yield api
    api.close()
