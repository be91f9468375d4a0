"""What people do in the browser, on the harbours fixture project: download a chart's
data, filter, share the link, select an event, follow a footnote to its quote."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard import exports, transforms
from dashboard.views.project import Project
from tests.browser.conftest import (
    CHART,
    Browsing,
    Server,
    chart_marks,
    open_page,
    wait_for_marks_change,
    wait_until_idle,
)
from tests.conftest import harbours_project

pytestmark = pytest.mark.browser

CHARTS_ON = {"sound": 2, "returns": 2, "events": 1}


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


@pytest.fixture(scope="module")
def table(project: Project) -> pd.DataFrame:
    return project.table


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_data_page_rows_shown_download_is_written_on_click(
    harbours_server: Server, page: Page, table: pd.DataFrame, tmp_path: Path
) -> None:
    # The CSV of the rows shown is made only when clicked (a deferred download).
    open_page(page, f"{harbours_server.url}/data?topic=removals")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Rows shown (CSV)").click()
    saved = tmp_path / "shown.csv"
    download_info.value.save_as(saved)
    expected = transforms.filter_facts(table, topics=["removals"])
    assert saved.read_bytes() == exports.to_csv(expected)


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_table_tab_shows_the_charts_data_and_keeps_it_in_the_link(
    harbours_server: Server, page: Page, project: Project
) -> None:
    # The tabs are lazy (only the open one runs): opening Table reruns the page.
    open_page(page, f"{harbours_server.url}/sound", charts=2)
    block = page.locator(".st-key-sound-totals-view")
    assert block.get_by_test_id("stDataFrame").count() == 0
    block.get_by_role("tab", name="Table").click()
    grid = block.get_by_test_id("stDataFrame")
    grid.wait_for()
    wait_until_idle(page)
    assert query(page).get("sound-totals-view") == ["Table"]
    # The grid draws on a canvas; its accessible table mirrors the cells in view (the
    # first columns), enough to see one row per point drawn, in order.
    expected = project.chart("sound-totals").data
    expect(grid.locator("tbody tr")).to_have_count(len(expected))
    first_cells = grid.locator("tbody tr td:first-child").all_inner_texts()
    assert first_cells == expected["period_label"].tolist()


@pytest.mark.parametrize(
    ("page_path", "key"),
    [
        ("sound", "sound-totals"),
        ("sound", "sound-one-day"),
        ("returns", "returns-by-year"),
        ("returns", "port-amber"),
        ("events", "events"),
    ],
)
def test_chart_csv_download_is_exactly_the_charts_data(
    page_path: str,
    key: str,
    harbours_server: Server,
    page: Page,
    project: Project,
    tmp_path: Path,
) -> None:
    open_page(page, f"{harbours_server.url}/{page_path}", charts=CHARTS_ON[page_path])
    expected = exports.to_csv(project.chart(key).data)
    with page.expect_download() as download_info:
        page.locator(f".st-key-{key}-csv button").click()
    download = download_info.value
    assert download.suggested_filename == f"{key}.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == expected
    assert len(expected.splitlines()) > 1  # a header and at least one drawn fact


def test_timeline_partnership_filter_lives_in_the_link(
    harbours_server: Server, browsing: Browsing, project: Project
) -> None:
    page = browsing.new_page()
    open_page(page, f"{harbours_server.url}/events", charts=1)
    all_marks = chart_marks(page)
    # st.pills are toggle buttons (aria-pressed), not radios; every partnership starts on.
    first, second = project.partnerships
    pills = page.locator(".st-key-partnership button")
    one, other = pills.filter(has_text=first), pills.filter(has_text=second)
    expect(one).to_have_attribute("aria-pressed", "true")
    expect(other).to_have_attribute("aria-pressed", "true")
    assert "partnership" not in query(page)  # every option on: nothing in the link

    one.click()
    filtered_marks = wait_for_marks_change(page, all_marks)
    assert 0 < filtered_marks < all_marks
    page.wait_for_function("() => location.search.includes('partnership=')")
    assert query(page).get("partnership") == [second]  # the option itself, not a label
    expect(one).to_have_attribute("aria-pressed", "false")
    expect(other).to_have_attribute("aria-pressed", "true")

    shared = browsing.new_page()  # a fresh browser: no session, no cookies
    open_page(shared, page.url, charts=1)
    assert query(shared).get("partnership") == [second]
    restored = shared.locator(".st-key-partnership button")
    expect(restored.filter(has_text=first)).to_have_attribute("aria-pressed", "false")
    expect(restored.filter(has_text=second)).to_have_attribute("aria-pressed", "true")
    assert chart_marks(shared) == filtered_marks


def test_the_source_picker_keeps_the_file_in_the_link(
    harbours_server: Server, browsing: Browsing, project: Project
) -> None:
    page = browsing.new_page()
    open_page(page, f"{harbours_server.url}/sources")
    second = list(project.factset.seeds.values())[1]
    page.get_by_role("radio", name=second.entry.label).click()
    page.get_by_role("heading", name=second.entry.label).wait_for()
    wait_until_idle(page)
    page.wait_for_function("() => location.search.includes('seed=')")
    assert query(page).get("seed") == [second.file]
    shared = browsing.new_page()
    open_page(shared, page.url)
    shared.get_by_role("heading", name=second.entry.label).wait_for()
    assert shared.get_by_text("Ignored seed").count() == 0


def test_data_search_lives_in_the_link(
    harbours_server: Server, browsing: Browsing, table: pd.DataFrame
) -> None:
    page = browsing.new_page()
    open_page(page, f"{harbours_server.url}/data")
    total = len(table)
    count = page.get_by_text(re.compile(r"^\d+ of \d+ facts shown\.$"))
    assert count.inner_text() == f"{total} of {total} facts shown."

    search = page.locator(".st-key-q input")
    search.fill("Port Amber")
    search.press("Enter")
    matching = len(transforms.filter_facts(table, search="Port Amber"))
    assert 0 < matching < total
    page.get_by_text(f"{matching} of {total} facts shown.").wait_for()
    wait_until_idle(page)
    assert query(page).get("q") == ["Port Amber"]

    shared = browsing.new_page()
    open_page(shared, page.url)
    # React fills the input a moment after the script has run: expect() waits for it.
    expect(shared.locator(".st-key-q input")).to_have_value("Port Amber")
    shared.get_by_text(f"{matching} of {total} facts shown.").wait_for()


def test_selecting_a_timeline_event_shows_its_quote(
    harbours_server: Server, page: Page, table: pd.DataFrame
) -> None:
    open_page(page, f"{harbours_server.url}/events", charts=1)
    assert page.get_by_text("Selected event").count() == 0
    # Plotly's drag layer takes the click, not the marker: click where the marker is.
    marker = page.locator(f"{CHART} .scatterlayer path.point").first
    box = marker.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    page.get_by_role("heading", name="Selected event").wait_for()
    wait_until_idle(page)
    selected = query(page).get("event")
    assert selected is not None and len(selected) == 1
    row = table.loc[table["fact_id"] == selected[0]].iloc[0]
    quote = normalised(str(row["quote"]))
    shown = page.locator("blockquote").filter(has_text=quote[:40]).first
    shown.wait_for()
    assert normalised(shown.inner_text()) == quote
    page.get_by_text(str(row["statement"]), exact=True).first.wait_for()


# Background colours of the Sources page's highlights, in the light theme: the fact
# followed is on blue, every other quoted passage on orange.
HIGHLIGHTS = """() => [...document.querySelectorAll('.stMarkdownColoredBackground')].map(
    span => [span.innerText, getComputedStyle(span).backgroundColor])"""


def test_overview_footnote_opens_the_quote_in_its_source(
    harbours_server: Server, page: Page, project: Project
) -> None:
    open_page(page, f"{harbours_server.url}/")
    first_headline = project.views.overview.headlines[0].fact
    row = project.table.loc[project.table["fact_id"] == first_headline].iloc[0]

    page.get_by_role("link", name="Evidence: the quote in its source").first.click()
    page.get_by_role("heading", name="The fact you followed").wait_for()
    wait_until_idle(page)
    assert urlsplit(page.url).path == "/sources"
    assert query(page).get("fact") == [first_headline]

    quote = normalised(str(row["quote"]))
    shown = page.locator("blockquote").filter(has_text=quote[:40]).first
    shown.wait_for()
    assert normalised(shown.inner_text()) == quote
    page.locator(".stMarkdownColoredBackground").first.wait_for()
    blue = []
    for text, colour in page.evaluate(HIGHLIGHTS):
        red, _, blue_channel = (int(part) for part in re.findall(r"\d+", colour)[:3])
        if blue_channel > red:
            blue.append(normalised(text))
    # The quote is highlighted in blue in the full text (split where other facts'
    # quotes begin or end, each piece followed by its links).
    assert blue, "no passage highlighted as the fact followed"
    assert "".join(blue).replace(" ", "") == quote.replace(" ", "")
