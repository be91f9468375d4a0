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

from tests.browser.conftest import Browsing, Server, open_page
from tests.browser.test_pages import PAGES, own_pages
from tests.conftest import harbours_project

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


def _luminance(rgb: list[float]) -> float:
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: list[float], other: list[float]) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


HIGHLIGHTS = """() => {
    const box = document.querySelector('.st-key-source-text');
    const rgb = el => getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).slice(0, 3)
        .map(Number);
    const followed = box.querySelector(
        '.st-key-followed-quote .stMarkdownColoredBackground:has(strong)');
    const others = [...box.querySelectorAll('.stMarkdownColoredBackground:not(:has(strong))')];
    const scroller = [box, ...box.querySelectorAll('*')].find(
        el => el.scrollHeight > el.clientHeight + 10
            && getComputedStyle(el).overflowY !== 'visible') || box;
    const view = scroller.getBoundingClientRect(), mark = followed.getBoundingClientRect();
    return {followed: rgb(followed), others: others.map(rgb), scrolled: scroller.scrollTop,
            inView: mark.top >= view.top - 1 && mark.bottom <= view.bottom + 1};
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_evidence_scrolls_to_the_quote_followed_and_sets_it_apart(
    theme: str, browsing: Browsing, harbours_server: Server
) -> None:
    """Issue 11: following "Evidence" left the full text at its top, and the quote
    followed differed from the other highlights by 1.03:1. Now the text is scrolled
    to it, and its highlight has at least 3:1 against every other."""
    project = harbours_project()
    table = project.table
    seed_file = str(table["seed"].iloc[0])
    text = project.factset.seeds[seed_file].text
    facts = table[table["seed"] == seed_file]
    last = max(facts.itertuples(), key=lambda fact: text.find(str(fact.quote)))
    assert text.find(str(last.quote)) > len(text) // 2  # far down: it needs the scroll
    # On a phone's width the fixture's text is taller than its box, so it must scroll.
    page = browsing.new_page(viewport={"width": 390, "height": 844}, color_scheme=theme)
    open_page(page, f"{harbours_server.url}/sources?seed={seed_file}&fact={last.fact_id}")
    page.locator(".st-key-followed-quote").wait_for()
    page.wait_for_timeout(800)  # the scroll runs once the paragraph is drawn
    found = page.evaluate(HIGHLIGHTS)
    assert found["scrolled"] > 0 and found["inView"], found
    assert found["others"]
    ratios = [contrast(found["followed"], other) for other in found["others"]]
    assert min(ratios) >= 3.0, ratios
