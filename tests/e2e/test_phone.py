"""招商通 on a phone: every menu page and one detail page of each kind, for every role, at 390×844.

City leaders open the app from a message on their phone. For each role the test signs in on a
390×844 touch screen (device scale 2), walks every entry of the side menu (opened from the
header's menu button, since below antd's `md` breakpoint the menu is a drawer) and one detail
page of each kind the role can see (project, ticket, meeting, decision), and on each page asserts:

* no horizontal overflow: `document.documentElement.scrollWidth <= innerWidth`;
* every visible interactive element (links, buttons, inputs, selects, menu items, tabs,
  switches, checkboxes) is a tap target of at least 40 × 40 px.

Tap-target rule. The target measured is what a finger hits: an antd control's outer box (the
select, date picker or input wrapper around its `<input>`, the tab around its label, the
checkbox/radio/switch together with its `<label>`), otherwise the element itself. Exempt are
text links: an `<a>` drawn as plain text (not an antd button, no vertical padding) in a line of
text, e.g. 查看 in a description or a project's name in a desktop-style table cell: WCAG 2.5.8
exempts targets "in a sentence or whose size is otherwise constrained by the line-height of
non-target text". The lists of projects, tickets, 待办, meetings and decisions do not rely on
this: on a phone each record is a card that is itself one tap target (a padded link, measured).

A list's filters, in a drawer on a phone, are opened and checked the same way.

Every page is also saved as a full-page screenshot at 390 px and at 1440 px under
tests/e2e/output/phone/ (git-ignored) so that a person can look at both layouts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.e2e.helpers import OUTPUT, Api, login_as, slug

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
MIN_TARGET = 40
SHOTS = OUTPUT / "phone"

ROLES = ["admin", "coordinator", "leader", "yuhu", "zrzy", "supervisor", "viewer"]
DETAIL_KINDS = [
    ("project", "/projects"),
    ("ticket", "/tickets"),
    ("meeting", "/meetings"),
    ("decision", "/decisions"),
]

# Runs in the page: the interactive elements smaller than MIN_TARGET, and the page's widths.
MEASURE = r"""(min) => {
  const selector = [
    'a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea',
    '[role=button]', '[role=link]', '[role=menuitem]', '[role=tab]', '[role=switch]',
    '[role=checkbox]', '[role=radio]', '[role=combobox]',
  ].join(',');
  // The box a finger hits: the antd control around an inner element.
  const outer = [
    '.ant-select', '.ant-picker', '.ant-input-affix-wrapper', '.ant-input-number',
    '.ant-input-search', '.ant-tabs-tab', '.ant-checkbox-wrapper', '.ant-radio-wrapper',
    '.ant-segmented-item', 'label',
  ].join(',');
  const small = [];
  const seen = new Set();
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ checkVisibilityCSS: true, visibilityProperty: true })) continue;
    if (el.closest('[aria-hidden=true]')) continue;
    const target = el.closest(outer) ?? el;
    if (seen.has(target)) continue;
    seen.add(target);
    const style = getComputedStyle(el);
    // Text links, drawn as plain text in a line of text, are exempt (WCAG 2.5.8 "inline").
    const plain = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) === 0;
    if (el.tagName === 'A' && target === el && !el.classList.contains('ant-btn') && plain) continue;
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.width < min || r.height < min) {
      const label = target.innerText || target.getAttribute('aria-label')
        || target.getAttribute('placeholder') || '';
      const text = label.replace(/\s+/g, ' ').trim().slice(0, 30);
      const html = target.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
      small.push(`"${text}" ${Math.round(r.width)}×${Math.round(r.height)}: ${html}`);
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  return { scrollWidth, innerWidth: window.innerWidth, small };
}"""


@pytest.fixture(scope="module", autouse=True)
def _fresh_shots() -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
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


def settle(page: Page) -> None:
    """Wait until the page has loaded its data: no request in flight, no spinner, no skeleton."""
    page.wait_for_load_state("networkidle")
    expect(page.locator(".ant-spin-spinning, .ant-skeleton-active")).to_have_count(0)


def check(page: Page, role: str, name: str) -> list[str]:
    """This page's problems at phone width; saves its screenshots at 390 and 1440 px."""
    settle(page)
    measured: dict[str, Any] = page.evaluate(MEASURE, MIN_TARGET)
    stem = f"{role}--{slug(name)}"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{stem}--390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_test_id("menu-button")).to_have_count(0)
    settle(page)
    page.screenshot(path=str(SHOTS / f"{stem}--1440.png"), full_page=True)
    page.set_viewport_size(PHONE)
    expect(page.get_by_test_id("menu-button")).to_be_visible()
    problems = report(name, measured)
    # A list's filters sit in a drawer on a phone: they must fit and be tappable too.
    filters = page.get_by_test_id("filter-button")
    if filters.count():
        filters.click()
        drawer = page.locator(".ant-drawer-content-wrapper").filter(has_text="查看结果")
        expect(drawer).to_be_visible()
        problems += report(f"{name} 筛选", page.evaluate(MEASURE, MIN_TARGET))
        page.screenshot(path=str(SHOTS / f"{stem}--filters-390.png"))
        drawer.get_by_role("button", name="查看结果").click()
        expect(drawer).to_be_hidden()
    return problems


def report(name: str, measured: dict[str, Any]) -> list[str]:
    problems = []
    if measured["scrollWidth"] > measured["innerWidth"]:
        wide, screen = measured["scrollWidth"], measured["innerWidth"]
        problems.append(f"{name}: overflows sideways ({wide} > {screen} px)")
    problems += [f"{name}: tap target under {MIN_TARGET} px: {s}" for s in measured["small"]]
    return problems


def menu_entries(page: Page) -> list[str]:
    """The labels of the side menu's pages (group headers excluded), from the menu drawer."""
    page.get_by_test_id("menu-button").click()
    menu = page.get_by_test_id("side-menu")
    expect(menu).to_be_visible()
    labels = [t.strip() for t in menu.locator("li.ant-menu-item").all_inner_texts()]
    # Tapping the dimmed page beside the drawer closes it.
    page.locator(".ant-drawer-mask").click(position={"x": PHONE["width"] - 20, "y": 400})
    expect(menu).to_be_hidden()
    return labels


def open_entry(page: Page, label: str) -> None:
    page.get_by_test_id("menu-button").click()
    # A menu item's accessible name starts with its icon's ("home 工作台").
    name = re.compile(f"{re.escape(label)}$")
    page.get_by_test_id("side-menu").get_by_role("menuitem", name=name).click()
    expect(page.get_by_test_id("side-menu")).to_be_hidden()
    expect(page.get_by_test_id("header-title")).to_have_text(label)


def first_ids(base_url: str, role: str) -> dict[str, str]:
    """One record of each kind this role can read (none of a kind it cannot see)."""
    api = Api(base_url, role)
    try:
        ids = {}
        for kind, path in DETAIL_KINDS:
            r = api.http.get(path, params={"limit": 20})
            assert r.status_code in (200, 403), f"{role} GET {path} → {r.status_code}: {r.text}"
            if r.status_code == 200 and r.json()["items"]:
                ids[kind] = str(r.json()["items"][0]["id"])
        return ids
    finally:
        api.close()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone(phone: Page, base_url: str, role: str) -> None:
    page = phone
    login_as(page, role)
    problems = check(page, role, "00-工作台")
    entries = menu_entries(page)
    assert entries, "the menu drawer lists no page"
    for n, label in enumerate(entries, start=1):
        if label == "工作台":
            continue
        open_entry(page, label)
        problems += check(page, role, f"{n:02d}-{label}")

    ids = first_ids(base_url, role)
    # These two see every record: each kind must be walked at least for them. What the others
    # see depends on the records that earlier tests made for their units.
    if role in ("coordinator", "supervisor"):
        assert set(ids) == {"project", "ticket", "meeting", "decision"}, ids
    for kind, path in DETAIL_KINDS:
        if kind in ids:
            page.goto(f"{path}/{ids[kind]}")
            expect(page.get_by_test_id("header-title")).to_be_visible()
            problems += check(page, role, f"detail-{kind}")

    assert (SHOTS / f"{role}--00-工作台--390.png").is_file()
    assert (SHOTS / f"{role}--00-工作台--1440.png").is_file()
    assert not problems, "\n".join(problems)
