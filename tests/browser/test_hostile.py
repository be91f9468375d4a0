"""Hostile text in the files reaches the browser as text: nothing runs, nothing links,
nothing is styled, and no table offers a download that writes formulas raw.

A copy of the harbours fixture project gets one more document and its facts: a
partnership and a register label written in Markdown and Streamlit directives, a
statement and notes with a script tag, an image with an onerror handler, a javascript:
Markdown link and a bare URL, a measure in HTML, and a seed whose text has bare URLs.
Every quote is verbatim from the seed and the register's sha256 holds, so it loads
like any other document and appears on every page.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser, Page

from dashboard.views.project import load_project
from tests.browser.conftest import CHART, Server, open_page, start_server
from tests.conftest import copy_fixture

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
BARE = "https://example.invalid/statement-link"
HOSTILE = f"{SCRIPT} {IMAGE} {LINK}"
FACT_ID = "hostile-text"
STATEMENT = f"{HOSTILE} Officials met in Port Amber, see {BARE} for more."
NOTES = f"Notes: {HOSTILE}"
PARTNERSHIP = "**Nor**land–:red[Hostile] $x$"
LABEL = ":red[Hostile] **report** $y$ <b>bold</b>"
MEASURE = (
    '<a href="https://example.invalid/measure">dinghies</a> <span style="color:red">seen</span>'
)
SEED = "103_hostile.txt"
SEED_TEXT = (
    "Hostile text for the browser tests\n\n"
    "Officials met in Port Amber; see https://example.invalid/seed-link or "
    "www.example.invalid for the :red[minutes] and **notes**.\n\n"
    "Some 12 dinghies were seen.\n"
)
QUOTE = "Officials met in Port Amber; see https://example.invalid/seed-link or www.example.invalid"

# Anything the hostile text could have become, were it rendered as HTML or Markdown.
INJECTED = """() => ({
    scripts: [...document.querySelectorAll('script')]
        .filter(s => s.textContent.includes('alert(1)')).length,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    links: document.querySelectorAll(
        'a[href^="javascript:"], [href*="alert(1)"], a[href*="example.invalid"]').length,
    styled: [...document.querySelectorAll('[data-testid="stPlotlyChart"] text, tspan')]
        .filter(t => (t.getAttribute('style') || '').includes('color: red')).length,
    directives: document.querySelectorAll('.stMarkdownColoredText, [class*="colored-text"]')
        .length,
})"""
NOTHING_INJECTED = {"scripts": 0, "images": 0, "links": 0, "styled": 0, "directives": 0}


@pytest.fixture(scope="module")
def hostile_server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_fixture("harbours", root / "project")
    (project / "seeds" / SEED).write_text(SEED_TEXT, encoding="utf-8")
    register = project / "facts" / "register.yaml"
    document = yaml.safe_load(register.read_text(encoding="utf-8"))
    document["seeds"].append(
        {
            "file": SEED,
            "sha256": hashlib.sha256(SEED_TEXT.encode("utf-8")).hexdigest(),
            "label": LABEL,
            "headline": None,
            "publisher": None,
            "partnership": PARTNERSHIP,
            "countries": ["Norland"],
            "published": {
                "edtf": "2024-10-26",
                "precision": "day",
                "how": "inferred",
                "evidence": ["Hostile text for the browser tests"],
                "reasoning": "A test fixture.",
            },
        }
    )
    register.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    common = {
        "partnership": PARTNERSHIP,
        "countries": ["Norland"],
        "status": "happened",
        "date": {"edtf": "2024-10-07", "precision": "day", "reason": "A test fact's date."},
        "source": SEED,
    }
    facts = [
        {"id": FACT_ID, "statement": STATEMENT, "topic": "talks", "quote": QUOTE, "notes": NOTES}
        | copy.deepcopy(common),
        {
            "id": "hostile-figure",
            "statement": f"{HOSTILE} Some 12 dinghies were seen.",
            "topic": "arrivals",
            "measure": MEASURE,
            "value": 12,
            "unit": "vessels",
            "exactness": "approximate",
            "wording": "Some 12",
            "quote": "Some 12 dinghies were seen.",
        }
        | copy.deepcopy(common),
    ]
    (project / "facts" / "103_hostile.facts.yaml").write_text(
        yaml.safe_dump(
            {
                "facts": facts,
                "exclusions": [],
            },
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    views_file = project / "facts" / "views.yaml"
    views = yaml.safe_load(views_file.read_text(encoding="utf-8"))
    views["pages"].append(
        {
            "url": "hostile",
            "title": "Hostile",
            "charts": [
                {
                    "id": "hostile-chart",
                    "kind": "figures",
                    "title": "Hostile figures",
                    "select": {"measures": [MEASURE]},
                }
            ],
        }
    )
    views_file.write_text(yaml.safe_dump(views, allow_unicode=True), encoding="utf-8")
    loaded = load_project(project)
    assert [str(error) for error in loaded.errors] == []
    running = start_server(root / "streamlit.log", project_dir=project)
    yield running
    running.stop()


# address, charts on it, the hostile text that must show literally there
VISITS: list[tuple[str, int, str | None]] = [
    ("", 0, None),
    ("sound", 2, None),
    ("hostile", 1, None),
    ("events", 1, None),
    (f"events?event={FACT_ID}", 1, STATEMENT),
    (f"sources?fact={FACT_ID}", 0, STATEMENT),
    ("data?q=" + quote("alert(1)"), 0, None),
]


@pytest.mark.parametrize(("address", "charts", "literal"), VISITS)
def test_hostile_text_shows_literally_and_runs_nothing(
    address: str, charts: int, literal: str | None, hostile_server: Server, page: Page
) -> None:
    # The `page` fixture fails the test on any dialog (alert), console error or
    # exception in the page.
    open_page(page, f"{hostile_server.url}/{address}", charts=charts)
    assert page.evaluate(INJECTED) == NOTHING_INJECTED
    if literal is not None:
        # The Sources page shows it in a fact card and, once the grid has drawn its
        # accessible cells, in the facts table too: either is the literal text.
        page.get_by_text(literal, exact=True).first.wait_for()
        page.get_by_text(NOTES, exact=False).first.wait_for()
    if address.startswith("events"):
        # Plotly draws the event's label (above its row) as SVG text: the tags stay
        # characters.
        labels = page.locator(f"{CHART} .annotation-text").all_text_contents()
        assert any(label.startswith("<script>alert(1)") for label in labels), labels
        # The pills show the partnership as typed (Markdown and directive unrendered).
        page.locator(".st-key-partnership button").filter(has_text=PARTNERSHIP).wait_for()
    if address == "hostile":
        # The measure names the chart's series and categories: as typed.
        texts = " ".join(page.locator(f"{CHART} text").all_text_contents())
        assert '<a href="https://example.invalid/measure">dinghies</a>' in texts
    if address.startswith("sources"):
        # The picker and the seed's text: as typed, and the bare URLs are not links.
        page.get_by_role("radio", name=LABEL).wait_for()
        page.get_by_text("https://example.invalid/seed-link", exact=False).first.wait_for()
    if address.startswith("data"):
        page.get_by_text(re.compile(r"^2 of \d+ facts shown")).wait_for()
    # Give a script or an onerror handler that slipped through time to fire.
    page.wait_for_timeout(300)


def test_no_table_offers_streamlits_own_csv_download(hostile_server: Server, page: Page) -> None:
    """Streamlit's toolbar export writes formulas raw; it is switched off, ours stays."""
    open_page(page, f"{hostile_server.url}/data")
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    toolbar.get_by_role("button", name="Search").wait_for()  # the toolbar is up
    assert page.get_by_role("button", name="Download as CSV").count() == 0
    page.get_by_role("button", name="Rows shown (CSV)").wait_for()
