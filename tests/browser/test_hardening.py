"""What a reader's browser shows of a server started from another folder: no Deploy
button, an error without its traceback, and no request to anywhere but the server.

The servers are those of tests/test_hardening.py (an empty working directory and HOME,
the test-only failing page of tests/forced_error/). The page is opened at 127.0.0.1,
where Streamlit's default toolbar mode would show the Deploy button, and every request
that leaves the server is recorded and refused. The control server, with Streamlit's
defaults put back by flags, shows the Deploy button, the traceback, and the browser
sending usage statistics (to data.streamlit.io): so the checks can see them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Route

from dashboard.paths import REPO_DIR
from tests.browser.conftest import IDLE, new_context, open_page
from tests.hosting_support import (
    FORCED_ERROR_DIR,
    FORCED_ERROR_URL_PATH,
    REDACTED_MESSAGE_START,
    ElsewhereServer,
    started_elsewhere,
)
from tests.test_hardening import DEFAULTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEPLOY_BUTTON = '[data-testid="stAppDeployButton"]'
TOOLBAR = '[data-testid="stToolbar"]'
EXCEPTION = '[data-testid="stException"]'
USAGE_STATISTICS_WAIT_MS = 15_000
QUIET_MS = 3_000


@pytest.fixture(scope="module", params=["hosted", "defaults"])
def elsewhere(
    request: pytest.FixtureRequest, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[bool, ElsewhereServer]]:
    """(hosted settings expected, the server); after the browser: without one, the
    test skips before a server is started for nothing."""
    hosted = request.param == "hosted"
    folder = tmp_path_factory.mktemp(request.param)
    with started_elsewhere(folder, None if hosted else DEFAULTS) as server:
        yield hosted, server


def test_the_reader_sees_no_deploy_button_no_traceback_and_sends_nothing_away(
    elsewhere: tuple[bool, ElsewhereServer], browser: Browser
) -> None:
    hosted, server = elsewhere
    context = new_context(browser)
    outside: list[str] = []

    def keep_to_the_server(route: Route) -> None:
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", keep_to_the_server)
    try:
        page = context.new_page()
        open_page(page, f"{server.url}/")
        page.locator(TOOLBAR).wait_for()
        assert page.locator(DEPLOY_BUTTON).count() == (0 if hosted else 1)

        page.goto(f"{server.url}/{FORCED_ERROR_URL_PATH}")
        page.wait_for_selector(IDLE)
        shown = page.locator(EXCEPTION)
        shown.wait_for()
        text = shown.inner_text()
        assert text.startswith("RuntimeError")
        if hosted:
            assert REDACTED_MESSAGE_START in text
            for secret in ("Traceback", "forced error in", str(REPO_DIR), str(FORCED_ERROR_DIR)):
                assert secret not in text
            # The control's browser has sent its statistics by now; give this one time too.
            page.wait_for_timeout(QUIET_MS)
            assert outside == []
        else:
            assert f"forced error in {FORCED_ERROR_DIR}" in text
            assert "Traceback" in text
            waited = 0
            while not outside and waited < USAGE_STATISTICS_WAIT_MS:
                page.wait_for_timeout(200)
                waited += 200
            assert outside and all(url.startswith("https://data.streamlit.io/") for url in outside)
    finally:
        context.close()
