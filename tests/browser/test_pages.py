"""Every page in a real Chromium: it draws, logs no error, and looks right in both themes.

Screenshots of every page, light and dark, go to screenshots/ (git-ignored) for people
to look at; the assertions here check what a machine can: the title, the charts drawn,
the page's own content, and that the dark theme really is dark. The harbours fixture
project is checked in full; this repository's own pages are checked for what holds
for any valid corpus (every page of its views draws without an error).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Page, expect

from dashboard.paths import REPO_DIR
from dashboard.views.project import load_project
from tests.browser.conftest import CHART, Server, chart_marks, open_page

pytestmark = pytest.mark.browser


class PageSpec(NamedTuple):
    path: str  # the Overview is the default page: Streamlit serves it at the root
    title: str
    charts: int
    content: str  # a selector for what the page is for, beyond its charts


PAGES = {
    "overview": PageSpec("", "Harbours: verified facts", 0, '[data-testid="stMetric"]'),
    "sound": PageSpec("sound", "Crossings of the Sound", 2, CHART),
    "returns": PageSpec("returns", "Returns and housing", 2, CHART),
    "events": PageSpec("events", "Events", 1, CHART),
    "sources": PageSpec("sources", "Sources", 0, ".stMarkdownColoredBackground"),
    "data": PageSpec("data", "Data", 0, '[data-testid="stDataFrame"]'),
}
HEADLINE_FIGURES = 5

# Relative luminance (0 black .. 1 white) of the app's background.
BACKGROUND_LUMINANCE = """() => {
    const colour = getComputedStyle(document.querySelector('[data-testid="stApp"]'))
        .backgroundColor.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
    const [r, g, b] = colour.map(c => {
        c /= 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def assert_no_problem_shown(page: Page) -> None:
    # No "Page not found" or other modal, no exception box, no fact-file banner.
    assert page.locator('[role="dialog"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_draws_without_errors(
    name: str,
    theme: str,
    harbours_server: Server,
    page: Page,
    screenshot: Callable[[Page, str], Path],
) -> None:
    spec = PAGES[name]
    # Streamlit follows the browser's prefers-color-scheme when the app loads.
    page.emulate_media(color_scheme=theme)
    open_page(page, f"{harbours_server.url}/{spec.path}", charts=spec.charts)

    assert page.locator("h1").first.inner_text() == spec.title
    assert page.locator(CHART).count() == spec.charts
    for index in range(spec.charts):
        assert chart_marks(page, index) > 0, f"chart {index} drew nothing"
    page.locator(spec.content).first.wait_for()
    if name == "overview":
        expect(page.locator('[data-testid="stMetric"]')).to_have_count(HEADLINE_FIGURES)
    assert_no_problem_shown(page)

    luminance = page.evaluate(BACKGROUND_LUMINANCE)
    if theme == "dark":
        assert luminance < 0.1, f"dark theme not applied (background luminance {luminance})"
    else:
        assert luminance > 0.8, f"light theme not applied (background luminance {luminance})"

    path = screenshot(page, f"{name}-{theme}")
    assert path.stat().st_size > 10_000


def own_pages() -> list[tuple[str, str, int]]:
    """This repository's pages: address, title, charts."""
    views = load_project(REPO_DIR).views
    return [
        ("", views.overview.title, 0),
        *[(page.url, page.title, len(page.charts)) for page in views.pages],
        ("sources", "Sources", 0),
        ("data", "Data", 0),
    ]


@pytest.mark.parametrize(("path", "title", "charts"), own_pages())
def test_every_page_of_this_projects_views_draws(
    path: str, title: str, charts: int, server: Server, page: Page
) -> None:
    open_page(page, f"{server.url}/{path}", charts=charts)
    assert page.locator("h1").first.inner_text() == title
    for index in range(charts):
        assert chart_marks(page, index) > 0, f"chart {index} drew nothing"
    assert_no_problem_shown(page)
