"""The README's phone screenshot (docs/phone.png): a page of the dashboard as a
390×844 phone shows it, in Chromium, from this repository's facts.

    .venv/bin/python scripts/phone_screenshot.py [--page URL_PATH] [--out docs/phone.png]

Starts `streamlit run` on a free port (as the load test does), opens the page (by
default the first page of facts/views.yaml), scrolls
its first chart to the top of the screen and saves the screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_test
from playwright.sync_api import sync_playwright

PHONE = {"width": 390, "height": 844}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DRAWN = '[data-testid="stPlotlyChart"] .point'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    first_page = load_test.load_project(load_test.REPO_DIR).views.pages[0].url
    parser.add_argument("--page", default=first_page, help="the page's address (url_path)")
    parser.add_argument("--out", type=Path, default=load_test.REPO_DIR / "docs" / "phone.png")
    args = parser.parse_args()
    process, url = load_test.start_streamlit("dashboard/app.py")
    try:
        load_test.wait_healthy(url, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=load_test.CHROMIUM, args=load_test.CHROMIUM_ARGS
            )
            page = browser.new_context(viewport=PHONE, device_scale_factor=2).new_page()
            page.goto(f"{url}/{args.page}")
            page.wait_for_selector(IDLE, timeout=60_000)
            page.wait_for_selector(DRAWN, timeout=60_000)
            # The first chart's heading at the top, below Streamlit's own header.
            page.evaluate(
                """() => {
                    document.querySelectorAll('[data-testid="stHeading"]')[1]
                        .scrollIntoView({block: 'start'});
                    document.querySelector('[data-testid="stMain"]').scrollBy(0, -70);
                }"""
            )
            page.wait_for_timeout(800)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        load_test.stop(process)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
