"""Real-browser fixtures: the dashboard served by `streamlit run`, driven by Chromium.

Two servers: ``harbours_server`` on the harbours fixture project (what the pages do),
and ``server`` on this repository's own facts (checks that hold for any valid corpus,
and the load test). One browser serves the whole session (a server takes a second to
start, Chromium about as long); each test gets a fresh browser context, so no cookies,
storage or Streamlit session leak between tests. Every page a test opens is watched:
a console error or an uncaught exception in the page fails the test.

Chromium is Debian's (`apt-get install chromium`): `playwright install` cannot
download browsers on these machines. Without it the tests skip, except under
CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dashboard.paths import REPO_DIR
from tests.conftest import HARBOURS, load_test_module

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
INSTALL_HINT = (
    "Browser tests need Chromium: install Debian's package with "
    "`apt-get install chromium` (`playwright install` cannot download browsers here)."
)
SERVER_START_TIMEOUT = 60.0
VIEWPORT = {"width": 1400, "height": 1000}
SCREENSHOT_DIR = REPO_DIR / "screenshots"

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"]'
# A chart has drawn when Plotly has put a marker (path.point) or a bar (g.point) into
# its plot area (the legend's keys are not .point).
DRAWN_MARK = ".scatterlayer .point, .barlayer .point"

# Streamlit's frontend finds its base URL by asking `<page path>/_stcore/health` and
# `<page path>/_stcore/host-config` before the server root (an app may be served under
# a path prefix). On a page such as /timeline these two probes answer 404 and Chrome
# logs each as a console error; the app then connects at the root. That is Streamlit's
# design, not a fault of the dashboard, so exactly these two 404s are ignored.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def browser_missing(reason: str) -> None:
    """Skip, or under CI=true fail: CI must never pass by skipping the browser tests."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing browser is a failure)", pytrace=False)
    pytest.skip(reason)


# ---------------------------------------------------------------------------
# The server


# Started and stopped as the load test and the benchmark do (scripts/load_test.py).
_servers = load_test_module()


@dataclass
class Server:
    """A `streamlit run` of the dashboard on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        _servers.stop(self.process)


def start_server(log_path: Path, project_dir: Path | None = None) -> Server:
    """Start the dashboard and wait until /_stcore/health answers 200 "ok"."""
    process, url = _servers.start_streamlit("dashboard/app.py", project_dir, log_path)
    server = Server(process, url, log_path)
    try:
        _servers.wait_healthy(url, process, timeout=SERVER_START_TIMEOUT)
    except RuntimeError as error:
        server.stop()
        raise RuntimeError(f"{error}:\n{server.log_tail()}") from None
    return server


@pytest.fixture(scope="session")
def server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on the repository's own facts (after the browser: without one,
    the tests skip before a server is started for nothing)."""
    running = start_server(tmp_path_factory.mktemp("server") / "streamlit.log")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def harbours_server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on the harbours fixture project."""
    running = start_server(
        tmp_path_factory.mktemp("harbours-server") / "streamlit.log", project_dir=HARBOURS
    )
    yield running
    running.stop()


# ---------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        browser_missing(f"No Chromium found. {INSTALL_HINT}")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_missing("Playwright is not installed: run `make test` (it installs .[test]).")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=executable, args=_servers.CHROMIUM_ARGS
            )
        except PlaywrightError as error:
            browser_missing(f"Chromium at {executable} did not start ({error}). {INSTALL_HINT}")
        yield launched
        launched.close()


@dataclass
class Watch:
    """What went wrong inside a page: console errors, exceptions, dialogs, in order."""

    problems: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = str(message.location.get("url", ""))
        if "404" in message.text and url.endswith(BASE_PATH_PROBES):
            return
        self.problems.append(f"console error: {message.text} (at {url or 'unknown'})")

    def on_dialog(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.type}: {dialog.message}")
        dialog.dismiss()


def watch(page: Page) -> Watch:
    watched = Watch()
    page.on("console", watched.on_console)
    page.on("pageerror", lambda error: watched.problems.append(f"page exception: {error}"))
    page.on("dialog", watched.on_dialog)
    return watched


def fail_on(problems: list[str]) -> None:
    if problems:
        pytest.fail("The browser reported:\n" + "\n".join(problems), pytrace=False)


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(**{"viewport": VIEWPORT, "accept_downloads": True, **options})
    context.set_default_timeout(30_000)
    return context


@dataclass
class Browsing:
    """Opens watched pages in fresh contexts (no shared cookies, storage or session)."""

    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    watches: list[Watch] = field(default_factory=list)

    def new_page(self, **context_options: Any) -> Page:
        context = new_context(self.browser, **context_options)
        self.contexts.append(context)
        page = context.new_page()
        self.watches.append(watch(page))
        return page

    def problems(self) -> list[str]:
        return [problem for watched in self.watches for problem in watched.problems]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Browser) -> Iterator[Browsing]:
    """Fresh contexts for one test; any console error or page exception fails it."""
    session = Browsing(browser)
    yield session
    problems = session.problems()
    session.close()
    fail_on(problems)


@pytest.fixture(scope="session")
def _shared_page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = new_context(browser)
    page = context.new_page()
    yield page, watch(page)
    context.close()


@pytest.fixture
def page(_shared_page: tuple[Page, Watch]) -> Iterator[Page]:
    """One page reused across tests (its HTTP cache warm: a fresh context costs seconds
    of JavaScript per visit on a 2-core machine); what it reports during a test fails
    that test. Tests that need a fresh browser use ``browsing``."""
    shared, watched = _shared_page
    shared.emulate_media(color_scheme="light")
    before = len(watched.problems)
    yield shared
    problems = watched.problems[before:]
    # Leave no app open: a server stopped after this test (a module's own server)
    # would make the page log failed reconnects into the next test.
    shared.goto("about:blank")
    fail_on(problems)


# ---------------------------------------------------------------------------
# Waiting for Streamlit


def wait_until_idle(page: Page) -> None:
    """Wait until the script has run and every chart on the page has drawn."""
    page.wait_for_selector(IDLE)
    page.wait_for_function(
        """([chart, mark]) => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.dataset.testScriptState !== 'notRunning') return false;
            return [...document.querySelectorAll(chart)].every(c => c.querySelector(mark));
        }""",
        arg=[CHART, DRAWN_MARK],
    )


def open_page(page: Page, url: str, *, charts: int = 0) -> None:
    """Go to ``url`` and wait for the script, its title and ``charts`` drawn charts."""
    page.goto(url)
    page.wait_for_selector(IDLE)
    page.locator("h1").first.wait_for()
    if charts:
        page.wait_for_function(
            "([chart, count]) => document.querySelectorAll(chart).length === count",
            arg=[CHART, charts],
        )
    wait_until_idle(page)


def chart_marks(page: Page, chart_index: int = 0) -> int:
    """How many markers and bars a chart has drawn."""
    return page.locator(CHART).nth(chart_index).locator(DRAWN_MARK).count()


def wait_for_marks_change(page: Page, before: int, chart_index: int = 0) -> int:
    """Wait until a chart has redrawn with a different number of marks."""
    page.wait_for_function(
        """([chart, mark, index, before]) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const target = document.querySelectorAll(chart)[index];
            return app && app.dataset.testScriptState === 'notRunning' && target
                && target.querySelectorAll(mark).length !== before;
        }""",
        arg=[CHART, DRAWN_MARK, chart_index, before],
    )
    return chart_marks(page, chart_index)


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save the whole page (Streamlit scrolls inside its main block, not the window)."""

    def take(page: Page, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        height = int(
            page.evaluate(
                "() => Math.max(...[...document.querySelectorAll("
                '\'[data-testid="stMain"], [data-testid="stSidebarContent"]\')]'
                ".map(e => e.scrollHeight), 0)"
            )
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, 600)})
        wait_until_idle(page)
        page.wait_for_timeout(300)  # Plotly relayouts on resize
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.set_viewport_size(VIEWPORT)
        return path

    return take
