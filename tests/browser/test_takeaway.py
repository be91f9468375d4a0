"""What a reader takes away, in a real browser on the harbours fixture project: the
chart's link names the address the browser is at, its embed snippet opens the chart in
Streamlit's embed mode, and the chart's data package downloads and validates."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from frictionless import Package
from playwright.sync_api import Page

from tests.browser.conftest import Browsing, Server, open_page, wait_until_idle

pytestmark = pytest.mark.browser


def test_a_charts_link_is_the_address_of_the_chart_as_shown(
    harbours_server: Server, page: Page, browsing: Browsing
) -> None:
    open_page(page, f"{harbours_server.url}/sound?sound-totals-view=Table")
    wait_until_idle(page)
    expander = page.locator('[data-testid="stExpander"]', has_text="Link to this chart").first
    expander.get_by_text("Link to this chart, or embed it").click()
    codes = expander.locator('[data-testid="stCode"] code')
    codes.first.wait_for()
    link = codes.nth(0).inner_text().strip()
    assert link == f"{harbours_server.url}/sound?sound-totals-view=Table#sound-totals"
    snippet = codes.nth(1).inner_text().strip()
    embedded = f"{harbours_server.url}/sound?sound-totals-view=Table&amp;embed=true#sound-totals"
    assert snippet.startswith(f'<iframe src="{embedded}"')
    # The embed address opens the page without Streamlit's menu.
    shown = browsing.new_page()
    open_page(shown, embedded.replace("&amp;", "&"))
    assert shown.locator('[data-testid="stMainMenu"]').count() == 0
    assert shown.get_by_role("heading", name="Crossings of the Sound by year").count() == 1


def test_a_charts_data_package_downloads_and_validates(
    harbours_server: Server, page: Page, tmp_path: Path
) -> None:
    open_page(page, f"{harbours_server.url}/sound", charts=2)
    with page.expect_download() as download_info:
        page.locator(".st-key-sound-totals-package button").first.click()
    saved = tmp_path / "sound-totals.zip"
    download_info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        archive.extractall(tmp_path / "package")
    descriptor_path = tmp_path / "package" / "datapackage.json"
    report = Package(str(descriptor_path)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert descriptor["homepage"] == f"{harbours_server.url}/"
