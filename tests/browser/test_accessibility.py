"""Accessibility in a real Chromium: axe-core on every page in both themes, the
keyboard, and contrast that a reader can see.

axe-core is the npm package pinned in tests/browser/package.json (installed by `make
test` with `npm ci`), injected into each page with Playwright. Issue 11 found with it:
`color-contrast` (captions at 3.88:1) on five pages and `heading-order` on all six;
by hand: no keyboard path to the sidebar's copy-link button or to a Timeline event.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Server, open_page
from tests.browser.test_pages import PAGES, own_pages

pytestmark = pytest.mark.browser

AXE = os.path.join(os.path.dirname(__file__), "node_modules", "axe-core", "axe.min.js")
SERIOUS = ("serious", "critical")

RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)
    }));
}"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations that the dashboard must not have: any serious or
    critical one, and heading-order (headings that skip a level)."""
    if not os.path.exists(AXE):
        pytest.fail(
            f"{AXE} is missing: run `make test` (it runs `npm ci --prefix tests/browser`)",
            pytrace=False,
        )
    page.add_script_tag(path=AXE)
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return [v for v in found if v["impact"] in SERIOUS or v["id"] == "heading-order"]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_fixture_pages_pass_axe(name: str, theme: str, page: Page, harbours_server: Server) -> None:
    spec = PAGES[name]
    page.emulate_media(color_scheme=theme)
    open_page(page, f"{harbours_server.url}/{spec.path}", charts=spec.charts)
    assert axe_violations(page) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_own_pages_pass_axe(theme: str, page: Page, server: Server) -> None:
    """This repository's pages: axe's rules hold for any corpus."""
    page.emulate_media(color_scheme=theme)
    found = {}
    for path, _, charts in own_pages():
        open_page(page, f"{server.url}/{path}", charts=charts)
        violations = axe_violations(page)
        if violations:
            found[path or "overview"] = violations
    assert found == {}


def test_axe_sees_a_violation(page: Page, harbours_server: Server) -> None:
    """The check can fail: a heading that skips levels is reported."""
    open_page(page, f"{harbours_server.url}/")
    page.evaluate(
        """() => { const h = document.createElement('h5'); h.textContent = 'skipped';
                   document.querySelector('h1').after(h); }"""
    )
    assert "heading-order" in {violation["id"] for violation in axe_violations(page)}


def tab_until(page: Page, predicate: str, limit: int = 80) -> int:
    """Press Tab until ``predicate`` (JavaScript, on document.activeElement) holds;
    how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({predicate}); }}"):
            return presses
    pytest.fail(f"Tab never reached: {predicate}", pytrace=False)


def test_a_timeline_event_is_selected_from_its_table_row_by_keyboard(
    page: Page, harbours_server: Server
) -> None:
    """Issue 11: a Timeline event could be selected only with a mouse, on the chart.
    Its Table row is reached with Tab, moved to with the arrows, selected with
    Shift+Space; the event's card opens and the link names it."""
    open_page(page, f"{harbours_server.url}/{PAGES['events'].path}?events-view=Table")
    tab_until(page, "el.dataset.testid === 'data-grid-canvas'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    page.wait_for_url("**event=*")
    page.get_by_text("Selected event").wait_for()
    assert "event=" in page.url


def test_copy_link_is_reached_by_keyboard_and_focus_is_visible(
    page: Page, harbours_server: Server
) -> None:
    """Issue 11: the sidebar's copy-link button could not be reached by keyboard. Tab
    reaches it, and the focused button shows a visible focus ring."""
    open_page(page, f"{harbours_server.url}/{PAGES['sound'].path}")
    tab_until(page, "el.closest('[data-testid=\"stSidebar\"]') && el.closest('.st-key-copy-link')")
    ring = page.evaluate(
        """() => { const style = getComputedStyle(document.activeElement);
                   return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                           shadow: style.boxShadow}; }"""
    )
    assert (ring["outline"] != "none" and ring["width"] >= 2) or ring["shadow"] != "none"
