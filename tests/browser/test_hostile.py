"""Hostile text in a fact file reaches the browser as text: nothing runs, nothing links.

A temporary copy of the project gets one extra fact whose statement and notes carry a
script tag, an image with an onerror handler and a javascript: Markdown link. Its
quote is verbatim from a seed and the seeds are untouched (the register's sha256
still holds), so the fact loads like any other and appears on the Timeline, in fact
cards, on the Sources page and in the Data table.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser, Page

from dashboard.facts.load import load_facts
from tests.browser.conftest import CHART, Server, open_page, start_server
from tests.conftest import copy_project

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
HOSTILE = f"{SCRIPT} {IMAGE} {LINK}"
FACT_ID = "hostile-text"
STATEMENT = f"{HOSTILE} Officials met in Tirana."
NOTES = f"Notes: {HOSTILE}"
SEED = "000_ed660ce8024e48cd.txt"
QUOTE = "Strengthening Ties: The UK-Albania Partnership in Tackling Crime and Migration"

# Anything the hostile text could have become, were it rendered as HTML or Markdown.
INJECTED = """() => ({
    scripts: [...document.querySelectorAll('script')]
        .filter(s => s.textContent.includes('alert(1)')).length,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    links: document.querySelectorAll('a[href^="javascript:"], [href*="alert(1)"]').length,
})"""
NOTHING_INJECTED = {"scripts": 0, "images": 0, "links": 0}


@pytest.fixture(scope="module")
def hostile_server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    fact = {
        "id": FACT_ID,
        "statement": STATEMENT,
        "topic": "meetings",
        "partnership": "UK–Albania",
        "countries": ["United Kingdom", "Albania"],
        "status": "happened",
        "date": {"edtf": "2024-10-07", "precision": "day", "reason": "A test fact's date."},
        "source": SEED,
        "quote": QUOTE,
        "notes": NOTES,
    }
    (project / "facts" / "zz-hostile.facts.yaml").write_text(
        yaml.safe_dump({"facts": [fact]}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    factset = load_facts(project)
    assert [str(error) for error in factset.errors] == []
    assert FACT_ID in factset.by_id()
    running = start_server(root / "streamlit.log", project_dir=project)
    yield running
    running.stop()


# address, charts on it, the hostile text that must show literally there
VISITS: list[tuple[str, int, str | None]] = [
    ("", 0, None),
    ("crossings", 2, None),
    ("deportations", 2, None),
    ("timeline", 1, None),
    (f"timeline?event={FACT_ID}", 1, STATEMENT),
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
    if address.startswith("timeline"):
        # Plotly draws the event's label as SVG text: the tags stay characters.
        labels = page.locator(f"{CHART} .ytick text").all_text_contents()
        assert any(label.startswith("<script>alert(1)") for label in labels), labels
    if address.startswith("data"):
        page.get_by_text("1 of ").wait_for()
    # Give a script or an onerror handler that slipped through time to fire.
    page.wait_for_timeout(300)
