"""Every page on a phone (390×844): no horizontal scrolling, and every chart's text
inside its box and clear of the rest; and what a saved chart image looks like.

Issue 11 found at this width: the Timeline's labels taking three quarters of the
width, titles, subtitles, sources and notes cut at the right edge, Plotly's toolbar
over the title, a legend printed over its subtitle, and a bar label cut to
"Around 50 (". Plotly does not wrap text, so the charts are laid out for this width
first (dashboard/charts.py); these tests measure what Chromium drew. The harbours
fixture pages are checked, and this repository's own pages too: the checks hold for
any corpus.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.conftest import CHART, Browsing, Server, open_page
from tests.browser.test_pages import PAGES, own_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Plotly's text on a chart: bar labels, limit labels, tick labels, axis titles,
# legend entries and titles, title, subtitle, annotations (the source and notes, and
# the timeline's row labels); and its toolbar, which must not cover any of them.
CHART_TEXT = (
    ".bartext, .textpoint text, .xtick text, .ytick text, .g-xtitle text, .g-ytitle text,"
    " .legendtext, .legendtitletext, .gtitle, .gtitle-subtitle, .annotation-text"
)
TOLERANCE = 1.0  # pixels: glyph boxes of neighbouring lines may touch

# For each chart: the boxes of its text (and toolbar) that leave the chart's box, and
# the pairs that overlap. Empty text (a tick without a label) has no box to check.
CHART_TEXT_PROBLEMS = """([chartSelector, textSelector, tolerance]) => {
    const problems = [];
    document.querySelectorAll(chartSelector).forEach((chart, index) => {
        const outer = chart.getBoundingClientRect();
        const boxes = [...chart.querySelectorAll(textSelector)]
            .filter(node => node.textContent.trim() !== '')
            .map(node => ({name: node.textContent.trim().slice(0, 40),
                           box: node.getBoundingClientRect()}))
            .filter(item => item.box.width > 0 && item.box.height > 0);
        const modebar = chart.querySelector('.modebar');
        if (modebar && modebar.getBoundingClientRect().width > 0) {
            boxes.push({name: "Plotly's toolbar", box: modebar.getBoundingClientRect()});
        }
        if (boxes.length === 0) problems.push(`chart ${index}: no text found`);
        for (const {name, box} of boxes) {
            if (box.left < outer.left - tolerance || box.right > outer.right + tolerance
                || box.top < outer.top - tolerance || box.bottom > outer.bottom + tolerance) {
                problems.push(`chart ${index}: "${name}" leaves the chart`
                    + ` (${Math.round(box.left)}..${Math.round(box.right)} of`
                    + ` ${Math.round(outer.left)}..${Math.round(outer.right)})`);
            }
        }
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].box, b = boxes[j].box;
                const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (across > tolerance && down > tolerance) {
                    problems.push(`chart ${index}: "${boxes[i].name}" overlaps`
                        + ` "${boxes[j].name}"`);
                }
            }
        }
    });
    return problems;
}"""

# Wider than the screen: the document, Streamlit's main block, or any element in it.
HORIZONTAL_SCROLL = """() => {
    const wide = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) wide.push(`document ${root.scrollWidth}px`);
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && main.scrollWidth > main.clientWidth) wide.push(`main ${main.scrollWidth}px`);
    return wide;
}"""


def phone_problems(page: Page) -> dict[str, Any]:
    return {
        "horizontal scroll": page.evaluate(HORIZONTAL_SCROLL),
        "chart text": page.evaluate(CHART_TEXT_PROBLEMS, [CHART, CHART_TEXT, TOLERANCE]),
    }


def check_on_phone(page: Page, url: str, charts: int) -> None:
    open_page(page, url, charts=charts)
    page.wait_for_timeout(300)  # Plotly lays out again once the container has its width
    assert phone_problems(page) == {"horizontal scroll": [], "chart text": []}


@pytest.fixture
def phone(browsing: Browsing) -> Page:
    return browsing.new_page(viewport=PHONE)


@pytest.mark.parametrize("name", PAGES)
def test_fixture_pages_fit_a_phone(name: str, phone: Page, harbours_server: Server) -> None:
    spec = PAGES[name]
    check_on_phone(phone, f"{harbours_server.url}/{spec.path}", spec.charts)


def test_own_pages_fit_a_phone(phone: Page, server: Server) -> None:
    """This repository's pages: whatever their corpus, nothing scrolls sideways and no
    chart text is cut or overprinted."""
    found: dict[str, dict[str, Any]] = {}
    for path, _, charts in own_pages():
        open_page(phone, f"{server.url}/{path}", charts=charts)
        phone.wait_for_timeout(300)
        problems = phone_problems(phone)
        if any(problems.values()):
            found[path] = problems
    assert found == {}


def test_the_check_sees_text_leave_a_chart(phone: Page, harbours_server: Server) -> None:
    """The check fails when a chart's text is cut: a title pushed past the right edge."""
    open_page(phone, f"{harbours_server.url}/{PAGES['sound'].path}", charts=PAGES["sound"].charts)
    phone.evaluate(
        "(chart) => document.querySelector(chart + ' .gtitle')"
        ".setAttribute('transform', 'translate(300, 0)')",
        CHART,
    )
    problems = phone_problems(phone)["chart text"]
    assert any("leaves the chart" in problem for problem in problems)


# ---------------------------------------------------------------------------
# Saved images


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_saved_image_is_white_paper_with_dark_text_title_and_address(
    theme: str, browsing: Browsing, harbours_server: Server
) -> None:
    """Issue 11: a PNG saved in the dark theme was near-white text on a transparent
    background, invisible on paper. Now, in either theme, the saved PNG is opaque
    white with dark text, and the figure it is made from carries the title, the
    source and the dashboard's address."""
    page = browsing.new_page(color_scheme=theme)
    spec = PAGES["sound"]
    open_page(page, f"{harbours_server.url}/{spec.path}", charts=spec.charts)
    chart = page.locator(CHART).first
    texts = chart.locator(".gtitle, .annotation-text").evaluate_all(
        "nodes => nodes.map(node => node.textContent)"
    )
    assert any("Source: " in text for text in texts)
    assert any(f"From {harbours_server.url}/{spec.path}#" in text for text in texts)
    chart.hover()
    with page.expect_download() as download:
        chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    image = Image.open(download.value.path()).convert("RGBA")
    width, height = image.size
    box = chart.bounding_box()
    assert box is not None
    assert width >= 2 * box["width"] - 2  # saved at twice the size on screen
    pixels = list(image.get_flattened_data())
    assert all(alpha == 255 for *_, alpha in pixels)  # opaque: no transparent pixel
    corners = [image.getpixel(xy) for xy in ((0, 0), (width - 1, 0), (0, height - 1))]
    assert all(pixel[:3] == (255, 255, 255) for pixel in corners)
    dark = sum(1 for red, green, blue, _ in pixels if red + green + blue < 3 * 80)
    assert dark > 2000  # the title, axes, source and notes, in dark ink
    title = image.crop((0, 0, width, height // 8))
    assert any(sum(pixel[:3]) < 3 * 80 for pixel in title.get_flattened_data())  # the title, on top


def test_saved_svg_is_white_paper_with_title_source_and_address(
    browsing: Browsing, harbours_server: Server
) -> None:
    """Issue 11: there was no SVG. "Image (SVG)" beside each chart saves the chart as
    drawn (in the dark theme too): white paper, its title, source and address."""
    page = browsing.new_page(color_scheme="dark")
    spec = PAGES["sound"]
    open_page(page, f"{harbours_server.url}/{spec.path}", charts=spec.charts)
    chart = page.locator(CHART).first
    title = chart.locator(".gtitle").first.text_content()
    assert title
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Image (SVG)").first.click()
    assert download.value.suggested_filename.endswith(".svg")
    root = ElementTree.parse(download.value.path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    background = root.find(".//{http://www.w3.org/2000/svg}rect")
    assert background is not None
    assert "fill: rgb(255, 255, 255)" in (background.get("style") or "")
    texts = " ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    texts += " ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}tspan"))
    assert title.split()[0] in texts
    assert "Source: " in texts
    assert f"From {harbours_server.url}/{spec.path}#" in texts
