"""Phone-width checks shared by the browser tests: the 390×844 screen, what overflow and tap
targets are measured by (tests/e2e/test_phone.py explains the rule), and waiting for a page to
settle."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.helpers import OUTPUT, slug

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
MIN_TARGET = 40
# Every page's screenshots at 390 and 1440 px, looked at after a run.
SHOTS = OUTPUT / "phone"

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


def settle(page: Page) -> None:
    """Wait until the page has loaded its data: no request in flight, no spinner, no skeleton."""
    page.wait_for_load_state("networkidle")
    expect(page.locator(".ant-spin-spinning, .ant-skeleton-active")).to_have_count(0)


def report(name: str, measured: dict[str, Any]) -> list[str]:
    problems = []
    if measured["scrollWidth"] > measured["innerWidth"]:
        wide, screen = measured["scrollWidth"], measured["innerWidth"]
        problems.append(f"{name}: overflows sideways ({wide} > {screen} px)")
    problems += [f"{name}: tap target under {MIN_TARGET} px: {s}" for s in measured["small"]]
    return problems


def fits(page: Page, name: str) -> list[str]:
    """This page's phone-width problems as it is now (after it settles)."""
    settle(page)
    return report(name, page.evaluate(MEASURE, MIN_TARGET))


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
        submit = page.get_by_test_id("search-drawer-submit")
        expect(submit).to_be_visible()
        problems += report(f"{name} 筛选", page.evaluate(MEASURE, MIN_TARGET))
        page.screenshot(path=str(SHOTS / f"{stem}--filters-390.png"))
        submit.click()
        expect(submit).to_be_hidden()
    return problems
