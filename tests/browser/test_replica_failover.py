"""A reader's replica dies: the page reconnects to the live one through nginx.

Two replicas behind nginx (scripts/replicas.py, deploy/nginx.conf). Chromium opens the
Channel crossings page; nginx's access log says which replica the page's cookie keeps
it on, and that replica is killed (SIGKILL, as a crash). What the reader sees, timed:
Streamlit's "Connecting" note in the top corner while the page's websocket is down,
then the page as it was (Streamlit 1.67 does not rerun an idle page when it
reconnects). The next click runs on the live replica: the page draws again, and its
CSV download, made by the live replica, is the chart's data byte for byte.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import CHART, new_context, open_page
from tests.conftest import load_test_module
from tests.hosting_support import replicas_module, require_nginx

pytestmark = [pytest.mark.browser, pytest.mark.slow]

load_test = load_test_module()
replicas = replicas_module()

RECONNECT_TIMEOUT_S = 30.0
POLL_S = 0.05
# The connection as the page shows it: Streamlit's own state and its status note.
CONNECTION = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const note = document.querySelector('[data-testid="stStatusWidget"]');
    return [app ? app.dataset.testConnectionState : null, note ? note.innerText.trim() : ''];
}"""


@pytest.fixture(scope="module")
def deployment(browser: Browser) -> Iterator[Any]:
    """After the browser: without one, the test skips before anything is started."""
    require_nginx()
    with replicas.deployment(2) as running:
        yield running


def replica_of(page: Page, deployment: Any) -> int:
    """The replica the page's sticky cookie sends it to, from nginx's access log."""
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    key = cookies["dashboard_replica"]
    served = {
        deployment.replica_named(request["upstream"])
        for request in deployment.access_log()
        if request["key"] == key
    }
    assert len(served) == 1, served
    return int(served.pop())


def test_a_page_whose_replica_died_reconnects_and_draws_again(
    deployment: Any, browser: Browser
) -> None:
    context = new_context(browser)
    try:
        page = context.new_page()
        open_page(page, f"{deployment.url}/crossings", charts=2)
        dead = replica_of(page, deployment)
        live = 1 - dead

        killed = time.monotonic()
        deployment.kill_replica(dead)
        notes: set[str] = set()
        lost_s = back_s = None
        while time.monotonic() - killed < RECONNECT_TIMEOUT_S:
            state, note = page.evaluate(CONNECTION)
            now = time.monotonic() - killed
            if note:
                notes.add(note)
            if lost_s is None and (state != "CONNECTED" or note):
                lost_s = now
            elif lost_s is not None and state == "CONNECTED" and not note:
                back_s = now
                break
            time.sleep(POLL_S)
        assert lost_s is not None, "the page never noticed that its replica died"
        assert back_s is not None, f"not reconnected within {RECONNECT_TIMEOUT_S:.0f} s"
        # The page stayed whole meanwhile: its title and both charts, drawn.
        page.wait_for_function(load_test.DRAWN, arg=["Channel crossings", 2], timeout=1000)
        # It reconnected through nginx to the live replica (the dead one refuses).
        assert replica_of_requests_since(deployment, page, killed) == {live}

        clicked = time.monotonic()
        page.locator('[data-testid="stSidebarNav"] a[href$="/timeline"]').click()
        page.wait_for_function(load_test.DRAWN, arg=["Timeline", 1], timeout=60_000)
        redrawn_s = time.monotonic() - clicked
        page.locator('[data-testid="stSidebarNav"] a[href$="/crossings"]').click()
        page.wait_for_function(load_test.DRAWN, arg=["Channel crossings", 2], timeout=60_000)
        assert page.locator(CHART).count() == 2
        with page.expect_download() as info:
            page.locator(f".st-key-{load_test.DOWNLOAD_KEY}-csv button").click()
        downloaded = info.value.path().read_bytes()
        assert downloaded == load_test.expected_download(None)
        print(
            f"replica {dead} killed: the page showed {sorted(notes)} from {lost_s:.2f} s "
            f"to {back_s:.2f} s, then itself as before; the next click drew the Timeline "
            f"in {redrawn_s:.2f} s from replica {live}"
        )
    finally:
        context.close()


def replica_of_requests_since(deployment: Any, page: Page, since_monotonic: float) -> set[int]:
    """The replicas that answered the page's reconnection (its health and host-config
    requests, which come before a new websocket) logged after ``since_monotonic``."""
    since = time.time() - (time.monotonic() - since_monotonic)
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    return {
        deployment.replica_named(request["upstream"])
        for request in deployment.access_log()
        if request["key"] == cookies["dashboard_replica"]
        and request["time"] >= since
        and request["uri"] in load_test.STARTUP_PATHS[1:]
    }
