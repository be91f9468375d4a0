"""A small load test in the suite: 5 concurrent sessions, every page, one CSV each.

The full run (30 sessions) is part of `make bench`; see scripts/load_test.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Server
from tests.conftest import load_test_module

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SESSIONS = 5
# Generous: five tabs drawing Plotly on a shared 2-core machine, next to the server.
RUN_TIMEOUT_S = 150.0


def test_five_concurrent_sessions_see_every_page_without_errors(
    server: Server, browser: Browser
) -> None:
    # `browser` only makes the test skip (or fail under CI) without Chromium; the load
    # test drives its own browser with Playwright's async API, in a thread of its own
    # (load_test.run_coroutine), apart from the sync API the other tests use.
    load_test = load_test_module()
    report = load_test.run(
        server.url,
        sessions=SESSIONS,
        contexts=2,
        timeout_s=RUN_TIMEOUT_S,
        step_timeout_s=90.0,
    )
    load_test.print_report(report)
    assert report.errors == []
    assert report.visits == SESSIONS * len(load_test.PAGES)
    assert report.downloads == SESSIONS
