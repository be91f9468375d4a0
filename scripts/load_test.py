"""Load test: N concurrent sessions against one dashboard server on 127.0.0.1.

    .venv/bin/python scripts/load_test.py [--clients browser|protocol] [--sessions 30]
                                          [--contexts 3] [--timeout 600]
                                          [--url http://127.0.0.1:PORT] [--project DIR]
                                          [--site dashboard|floor]

Each session opens the Overview, goes through every page as the sidebar would, waits
until each page's title and charts are drawn, and downloads the crossings chart's CSV,
checking its bytes. Two kinds of client:

- browser: a Chromium tab (Streamlit gives each its own session and websocket), spread
  over a few browser contexts of one browser; "drawn" means drawn on screen. On a small
  machine 30 tabs saturate the client, so the times then measure Chromium.
- protocol: one websocket speaking Streamlit's own protocol (the BackMsg and ForwardMsg
  protobufs), sending the rerun requests the frontend sends; "drawn" means the page's
  script run finished successfully and its deltas held the page's title and charts,
  with no exception. It measures the server, not a browser's rendering.

Everything is bounded: one pass per session, a time limit per step and for the whole
run, after which unfinished sessions count as errors. It reports the errors (target 0)
and the time to a drawn page (median, 95th percentile, worst), and exits 1 on any error.

Without --url it starts its own server (on the repository's facts, or --project). The
URL may be a proxy in front of several replicas (scripts/replicas.py): each protocol
session keeps the cookies it is given, as a browser does, and names itself in its
User-Agent. `--site floor` runs protocol sessions against the bench's floor app
(scripts/floor_app.py): as many page views per session, each a run of its one page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Exception_pb2 import Exception as ExceptionProto
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import NewSession
from streamlit.proto.RootContainer_pb2 import RootContainer
from streamlit.runtime.state.common import user_key_from_element_id

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from dashboard import exports  # noqa: E402
from dashboard.paths import PROJECT_DIR_ENV  # noqa: E402
from dashboard.views.project import load_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# page path -> (title, charts drawn on it)
PAGES: dict[str, tuple[str, int]] = {
    "": ("UK migration: verified facts", 0),
    "crossings": ("Channel crossings", 2),
    "deportations": ("Deportations and returns", 2),
    "timeline": ("Timeline", 1),
    "sources": ("Sources", 0),
    "data": ("Data", 0),
}
VIEWPORT = {"width": 1280, "height": 900}
DOWNLOAD_PAGE, DOWNLOAD_KEY = "crossings", "crossings-totals"


@dataclass(frozen=True)
class Site:
    """What a protocol session visits: the pages, in order, and what each must draw."""

    name: str
    script: str  # what `streamlit run` runs, relative to the repository
    pages: dict[str, tuple[str, int]]  # page path -> (title, charts drawn on it)
    route: tuple[str, ...]  # the paths visited; the first is the first load
    download: tuple[str, str] | None  # (page path, download button key) whose CSV is checked
    # With st.navigation a later visit names its page by the hash the navigation
    # message gave; a one-page app (the floor) is simply run again.
    navigates: bool


DASHBOARD = Site(
    "dashboard", "dashboard/app.py", PAGES, tuple(PAGES), (DOWNLOAD_PAGE, DOWNLOAD_KEY), True
)
# The bench's floor (scripts/floor_app.py) under the same load: as many page views per
# session as the dashboard has pages, each a full run of its one page.
FLOOR = Site("floor", "scripts/floor_app.py", {"": ("Floor", 1)}, ("",) * len(PAGES), None, False)
SITES = {site.name: site for site in (DASHBOARD, FLOOR)}
# Streamlit's frontend probes <page path>/_stcore/health and host-config for a base
# path before using the root; those 404s are expected (see tests/browser/conftest.py).
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")

# True once the script has run, the page's title is up and its charts have drawn
# (markers are path.point, bars g.point, both inside Plotly's plot layers).
DRAWN = """([title, charts]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    const heading = document.querySelector('h1');
    if (!heading || heading.innerText.trim() !== title) return false;
    const drawn = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return drawn.length === charts && drawn.every(
        c => c.querySelector('.scatterlayer .point, .barlayer .point'));
}"""


# ---------------------------------------------------------------------------
# A server of our own


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200 and answer.read() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} not healthy after {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes], how: signal.Signals = signal.SIGTERM) -> None:
    """Stop a process group with ``how``; kill it if it has not ended 10 s later."""
    if process.poll() is None:
        os.killpg(process.pid, how)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def start_streamlit(
    script: str,
    project: Path | None = None,
    log: Path | None = None,
    *,
    port: int | None = None,
    cwd: Path = REPO_DIR,
    options: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run SCRIPT` on 127.0.0.1 (a free port unless given), not yet waited
    for. The hosted settings (usage statistics off, viewer toolbar, error details)
    come from the repository's .streamlit/config.toml, as for any reader; ``options``
    are further `--section.option value` flags, ``env`` extra environment variables."""
    port = free_loopback_port() if port is None else port
    environment = {**os.environ, **(env or {})}
    if project is not None:
        environment[PROJECT_DIR_ENV] = str(project)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO_DIR / script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    for option, value in (options or {}).items():
        command += [f"--{option}", value]
    # The server writes to its own copy of the log's descriptor: ours is closed at once.
    with log.open("wb") if log is not None else open(os.devnull, "wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, f"http://127.0.0.1:{port}"


@contextmanager
def streamlit_server(
    script: str, project: Path | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    process, url = start_streamlit(script, project)
    try:
        wait_healthy(url, process)
        yield process, url
    finally:
        stop(process)


def dashboard_server(
    project: Path | None = None,
) -> AbstractContextManager[tuple[subprocess.Popen[bytes], str]]:
    """The dashboard on a free loopback port, on the repository's facts or ``project``'s."""
    return streamlit_server(DASHBOARD.script, project)


# ---------------------------------------------------------------------------
# Sessions


def nearest_rank(times: list[float], fraction: float) -> float | None:
    """The smallest time that at least ``fraction`` of the times fit under."""
    if not times:
        return None
    ordered = sorted(times)
    rank = -(-round(fraction * 1000) * len(ordered) // 1000)
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def tree_cpu_seconds(pid: int, leave_out: Collection[int] = ()) -> float:
    """CPU time of a process and its descendants, reaped ones included (they count in
    their parent's children_* times); ``leave_out`` skips those subtrees."""
    import psutil

    total = 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    skipped = set(leave_out)
    for left_out in leave_out:
        try:
            skipped |= {p.pid for p in psutil.Process(left_out).children(recursive=True)}
        except psutil.NoSuchProcess:
            continue
    for process in processes:
        if process.pid in skipped:
            continue
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


ClientKind = Literal["browser", "protocol"]
CLIENT_KINDS: tuple[ClientKind, ...] = ("browser", "protocol")


@dataclass
class Report:
    sessions: int
    contexts: int  # browser contexts; 0 for protocol clients, which have none
    url: str
    clients: ClientKind = "browser"
    duration_s: float = 0.0
    visits: int = 0
    downloads: int = 0
    first_load_times_s: list[float] = field(default_factory=list)  # a cold tab or websocket
    navigation_times_s: list[float] = field(default_factory=list)  # sidebar clicks
    errors: list[str] = field(default_factory=list)
    failed_sessions: list[int] = field(default_factory=list)  # numbers, in order of failure
    site: str = DASHBOARD.name
    # The load test's own process tree: Playwright and Chromium, or the protocol clients.
    client_cpu_s: float | None = None
    server_cpu_s: float | None = None  # when the server's process is known

    @property
    def page_times_s(self) -> list[float]:
        return self.first_load_times_s + self.navigation_times_s

    def percentile(self, fraction: float) -> float | None:
        return nearest_rank(self.page_times_s, fraction)

    def fail(self, number: int, message: str) -> None:
        self.errors.append(f"session {number}: {message}")
        if number not in self.failed_sessions:
            self.failed_sessions.append(number)

    @property
    def views_per_s(self) -> float | None:
        """Pages drawn per second of the run, over all sessions."""
        return self.visits / self.duration_s if self.duration_s > 0 else None

    def summary(self) -> dict[str, Any]:
        times = self.page_times_s
        return {
            "clients": self.clients,
            "site": self.site,
            "sessions": self.sessions,
            "contexts": self.contexts,
            "visits": self.visits,
            "downloads": self.downloads,
            "errors": len(self.errors),
            "drawn_page_median_s": statistics.median(times) if times else None,
            "drawn_page_p95_s": self.percentile(0.95),
            "drawn_page_max_s": max(times) if times else None,
            "first_load_p95_s": nearest_rank(self.first_load_times_s, 0.95),
            "navigation_p95_s": nearest_rank(self.navigation_times_s, 0.95),
            "duration_s": self.duration_s,
            "views_per_s": self.views_per_s,
            "client_cpu_s": self.client_cpu_s,
            "server_cpu_s": self.server_cpu_s,
        }


def watch_page(page: Any, number: int, report: Report) -> None:
    def on_console(message: Any) -> None:
        url = str(message.location.get("url", ""))
        probe = "404" in message.text and url.endswith(BASE_PATH_PROBES)
        if message.type == "error" and not probe:
            report.fail(number, f"console error: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: report.fail(number, f"page exception: {error}"))
    page.on(
        "response",
        lambda response: (
            report.fail(number, f"HTTP {response.status} {response.url}")
            if response.status >= 500
            else None
        ),
    )


async def wait_drawn(page: Any, path: str, step_timeout_ms: float) -> None:
    title, chart_count = PAGES[path]
    await page.wait_for_function(DRAWN, arg=[title, chart_count], timeout=step_timeout_ms)


async def one_session(
    context: Any,
    number: int,
    url: str,
    expected_csv: bytes,
    report: Report,
    step_timeout_ms: float,
) -> None:
    page = await context.new_page()
    watch_page(page, number, report)
    try:
        started = time.perf_counter()
        await page.goto(f"{url}/", timeout=step_timeout_ms)
        await wait_drawn(page, "", step_timeout_ms)
        report.first_load_times_s.append(time.perf_counter() - started)
        report.visits += 1
        for path in list(PAGES)[1:]:
            started = time.perf_counter()
            await page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click(
                timeout=step_timeout_ms
            )
            await wait_drawn(page, path, step_timeout_ms)
            report.navigation_times_s.append(time.perf_counter() - started)
            report.visits += 1
            if path == DOWNLOAD_PAGE:
                async with page.expect_download(timeout=step_timeout_ms) as info:
                    await page.locator(f".st-key-{DOWNLOAD_KEY}-csv button").click(
                        timeout=step_timeout_ms
                    )
                download = await info.value
                saved = await download.path()
                if Path(saved).read_bytes() != expected_csv:
                    report.fail(number, "the CSV download differs from the chart's data")
                report.downloads += 1
    except Exception as error:  # any failure of a session is a finding, not a crash
        report.fail(number, f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await page.close()


def expected_download(project: Path | None) -> bytes:
    return exports.to_csv(load_project(project).chart(DOWNLOAD_KEY).data)


Returned = TypeVar("Returned")
# Something to do while the sessions run (e.g. stop a replica once some pages are drawn).
During = Callable[[Report], Coroutine[Any, Any, None]]


async def run_bounded(
    report: Report,
    sessions: list[Coroutine[Any, Any, None]],
    timeout_s: float,
    during: During | None = None,
) -> None:
    """Run the sessions together, for at most ``timeout_s``; the unfinished are errors.
    ``during`` runs beside them and is cancelled when they are done."""
    tasks = [asyncio.create_task(session) for session in sessions]
    beside = asyncio.create_task(during(report)) if during is not None else None
    started = time.perf_counter()
    _, pending = await asyncio.wait(tasks, timeout=timeout_s)
    report.duration_s = time.perf_counter() - started
    for number, task in enumerate(tasks):
        if task in pending:
            task.cancel()
            if number not in report.failed_sessions:
                report.failed_sessions.append(number)
    if pending:
        report.errors.append(f"{len(pending)} session(s) unfinished after {timeout_s:.0f} s")
        await asyncio.gather(*pending, return_exceptions=True)
    if beside is not None:
        beside.cancel()  # when it is still waiting for something
        with suppress(asyncio.CancelledError):
            await beside  # its failure is the caller's to see, not a session's


async def run_browsers(
    url: str,
    sessions: int,
    contexts: int,
    timeout_s: float,
    step_timeout_s: float,
    expected_csv: bytes,
    server_pids: tuple[int, ...] = (),
) -> Report:
    from playwright.async_api import async_playwright

    report = Report(sessions, contexts, url, clients="browser")
    me = os.getpid()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # CPU on each side, to tell a slow server from a saturated client machine.
        client_before = tree_cpu_seconds(me, leave_out=server_pids)
        server_before = sum(tree_cpu_seconds(pid) for pid in server_pids)
        opened = [
            await browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            for _ in range(max(1, min(contexts, sessions)))
        ]
        await run_bounded(
            report,
            [
                one_session(
                    opened[number % len(opened)],
                    number,
                    url,
                    expected_csv,
                    report,
                    step_timeout_s * 1000,
                )
                for number in range(sessions)
            ],
            timeout_s,
        )
        report.client_cpu_s = tree_cpu_seconds(me, leave_out=server_pids) - client_before
        if server_pids:
            report.server_cpu_s = sum(tree_cpu_seconds(pid) for pid in server_pids) - server_before
        for context in opened:
            await context.close()
        await browser.close()
    return report


# ---------------------------------------------------------------------------
# Protocol clients: Streamlit's websocket protocol, without a browser

STREAM_PATH = "/_stcore/stream"
# What the frontend asks for before it opens its websocket (its scripts and styles
# aside): the page itself, then the health check and host configuration.
STARTUP_PATHS = ("/", "/_stcore/health", "/_stcore/host-config")
MAIN_AREA = RootContainer.MAIN  # the first index of a delta's path; the sidebar is 1
# A reader's tab reports its browser's settings with every rerun request (st.context).
CONTEXT_TIMEZONE, CONTEXT_LOCALE, CONTEXT_COLOR_SCHEME = "UTC", "en-GB", "light"
# Figures and tables arrive as single protobufs; loopback only, so allow large ones.
MAX_MESSAGE_BYTES = 64 * 2**20


class PageNotDrawn(Exception):
    """A script run finished without drawing its page as a reader should see it."""


@dataclass
class ScriptRun:
    """What the server sent for one rerun request, from its new_session message to
    its script_finished."""

    started: bool = False
    finished_status: int | None = None
    page_script_hash: str = ""  # the page the navigation message says ran
    elements: dict[tuple[int, ...], str] = field(default_factory=dict)  # delta path -> kind
    titles: list[str] = field(default_factory=list)  # h1 headings in the main area
    download_urls: dict[str, str] = field(default_factory=dict)  # widget key -> media URL
    problems: list[str] = field(default_factory=list)
    # The run's new_session message: the app's settings and theme, as the frontend gets them.
    new_session: NewSession | None = None
    exceptions: list[ExceptionProto] = field(default_factory=list)  # as the frontend gets them
    messages: list[ForwardMsg] = field(default_factory=list)  # everything, in order

    @property
    def chart_count(self) -> int:
        return sum(kind == "plotly_chart" for kind in self.elements.values())

    def take(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.started = True
            self.new_session = message.new_session
        elif not self.started:
            return  # the tail of the previous run (its session_status_changed)
        self.messages.append(message)
        if kind == "delta":
            self.take_delta(message)
        elif kind == "script_finished":
            self.finished_status = message.script_finished
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "page_not_found":
            self.problems.append(f"page not found: {message.page_not_found.page_name!r}")
        elif kind == "session_event" and message.session_event.HasField(
            "script_compilation_exception"
        ):
            error = message.session_event.script_compilation_exception
            self.problems.append(f"script error: {error.type}: {first_line(error.message)}")

    def take_delta(self, message: ForwardMsg) -> None:
        path = tuple(message.metadata.delta_path)
        delta = message.delta
        if delta.WhichOneof("type") == "add_block":
            self.elements[path] = "block"
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type") or "unknown"
        self.elements[path] = kind  # a later delta at the same path replaces it
        if kind == "exception":
            self.exceptions.append(element.exception)
            shown = "warning" if element.exception.is_warning else "exception"
            self.problems.append(
                f"{shown} on the page: {element.exception.type}: "
                f"{first_line(element.exception.message)}"
            )
        elif kind == "heading" and element.heading.tag == "h1" and path[:1] == (MAIN_AREA,):
            self.titles.append(element.heading.body)
        elif kind == "download_button":
            key = user_key_from_element_id(element.download_button.id)
            if key is not None:
                self.download_urls[key] = element.download_button.url


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def check_drawn(
    run: ScriptRun,
    path: str,
    requested_hash: str | None,
    pages: dict[str, tuple[str, int]] = PAGES,
) -> None:
    """Raise PageNotDrawn unless the run drew ``path``'s page: finished successfully,
    on that page, with its title and its charts, and nothing went wrong on the way."""
    title, chart_count = pages[path]
    problems = list(run.problems)
    if run.finished_status != ForwardMsg.FINISHED_SUCCESSFULLY:
        status = ForwardMsg.ScriptFinishedStatus.Name(run.finished_status or 0)
        problems.append(f"the script run ended with {status}")
    if requested_hash is not None and run.page_script_hash != requested_hash:
        problems.append(f"page {run.page_script_hash} ran instead of {requested_hash}")
    shown_title = run.titles[0] if run.titles else None
    if shown_title != title:
        problems.append(f"title {shown_title!r}, expected {title!r}")
    if run.chart_count != chart_count:
        problems.append(f"{run.chart_count} charts, expected {chart_count}")
    if problems:
        raise PageNotDrawn(f"/{path}: " + "; ".join(problems))


def session_agent(number: int) -> str:
    """The User-Agent of protocol session ``number``: a proxy's access log then says
    which session each request came from (tests/test_replicas.py reads it)."""
    return f"dashboard-load-test/1 (session {number})"


def opener_for(number: int) -> tuple[urllib.request.OpenerDirector, CookieJar]:
    """A session's HTTP client: direct to the loopback server whatever proxy the
    environment names, keeping cookies as a browser does (a proxy in front of
    replicas may keep a session on its replica by a cookie), under the session's name."""
    jar = CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )
    opener.addheaders = [("User-Agent", session_agent(number))]
    return opener, jar


def http_get(
    opener: urllib.request.OpenerDirector, url: str, timeout_s: float
) -> tuple[int, bytes]:
    """Status and body of a GET (an error status is an answer too, not an exception)."""
    try:
        with opener.open(url, timeout=timeout_s) as answer:
            return int(answer.status), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class ProtocolClient:
    """One Streamlit session over one websocket, sending what the frontend sends."""

    def __init__(self, websocket: ClientConnection, url: str) -> None:
        self.websocket = websocket
        self.shown_url = f"{url}/"  # the address bar: the page on screen
        # The frontend keeps the large messages it has been sent (by hash) and lists
        # them with each rerun, so the server can send a reference instead.
        self.message_cache: dict[str, ForwardMsg] = {}
        self.page_hashes: dict[str, str] = {}  # url path -> page script hash, from navigation

    def rerun_request(self, page_script_hash: str, page_name: str) -> BackMsg:
        """The rerun BackMsg: a first load names the page by its path (page_name); a
        sidebar click names it by its hash. No widget state: no widget survives a
        page change (the dashboard has none in the sidebar) and none was touched."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        state.page_script_hash = page_script_hash
        state.page_name = page_name
        state.widget_states.SetInParent()
        state.cached_message_hashes.extend(self.message_cache)
        context = state.context_info
        context.timezone = CONTEXT_TIMEZONE
        context.timezone_offset = 0  # minutes behind UTC, as JavaScript counts them
        context.locale = CONTEXT_LOCALE
        context.url = self.shown_url
        context.is_embedded = False
        context.color_scheme = CONTEXT_COLOR_SCHEME
        return message

    async def rerun(self, *, page_script_hash: str = "", page_name: str = "") -> ScriptRun:
        """Ask for a script run and read the server's messages until it has finished."""
        await self.websocket.send(
            self.rerun_request(page_script_hash, page_name).SerializeToString()
        )
        run = ScriptRun()
        while run.finished_status is None:
            frame = await self.websocket.recv()
            if isinstance(frame, str):
                raise PageNotDrawn("the server sent a text frame; Streamlit sends protobufs")
            message = self.resolve(ForwardMsg.FromString(frame), run)
            if message is not None:
                run.take(message)
                if message.WhichOneof("type") == "navigation":
                    self.page_hashes = {
                        page.url_pathname: page.page_script_hash
                        for page in message.navigation.app_pages
                    }
        return run

    def resolve(self, message: ForwardMsg, run: ScriptRun) -> ForwardMsg | None:
        """The message itself, or the cached one a reference stands for."""
        if message.WhichOneof("type") == "ref_hash":
            cached = self.message_cache.get(message.ref_hash)
            if cached is None:
                run.problems.append(f"a reference to a message never sent: {message.ref_hash}")
                return None
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(message.metadata)  # its place on this run's page
            return resolved
        if message.metadata.cacheable:
            self.message_cache[message.hash] = message
        return message


async def connect_client(
    url: str, number: int = 0, cookie_header: str = "", timeout_s: float = 30.0
) -> ProtocolClient:
    """Open session ``number``'s websocket to the server at ``url``, as the frontend
    does; the caller closes ``client.websocket``."""
    from websockets.asyncio.client import connect
    from websockets.typing import Origin, Subprotocol

    websocket = await connect(
        url.replace("http://", "ws://", 1) + STREAM_PATH,
        origin=Origin(url),  # as a browser's same-origin request
        subprotocols=[Subprotocol("streamlit")],
        additional_headers={"Cookie": cookie_header} if cookie_header else None,
        user_agent_header=session_agent(number),
        proxy=None,
        max_size=MAX_MESSAGE_BYTES,
        # No keepalive pings: a browser sends none, and under load a late pong would
        # close the session; the step timeouts bound every wait instead.
        ping_interval=None,
        open_timeout=timeout_s,
        close_timeout=5,
    )
    return ProtocolClient(websocket, url)


async def one_protocol_session(
    number: int,
    url: str,
    site: Site,
    expected_csv: bytes | None,
    report: Report,
    step_timeout_s: float,
    http: ThreadPoolExecutor,
) -> None:
    loop = asyncio.get_running_loop()
    opener, cookies = opener_for(number)

    async def get(path: str) -> bytes:
        status, body = await loop.run_in_executor(
            http, http_get, opener, url + path, step_timeout_s
        )
        if status != 200:
            raise PageNotDrawn(f"HTTP {status} {path}")
        return body

    client: ProtocolClient | None = None
    step = "/ (first load)"
    try:
        started = time.perf_counter()
        async with asyncio.timeout(step_timeout_s):
            for path in STARTUP_PATHS:
                await get(path)
            # The cookies the page set go with the websocket, as a browser sends them.
            cookie_header = "; ".join(f"{cookie.name}={cookie.value}" for cookie in cookies)
            client = await connect_client(url, number, cookie_header, step_timeout_s)
            first = site.route[0]
            run = await client.rerun(page_name=first)  # "" is the root: the default page
        check_drawn(run, first, None, site.pages)
        report.first_load_times_s.append(time.perf_counter() - started)
        report.visits += 1
        for path in site.route[1:]:
            step = f"/{path}"
            page_hash = client.page_hashes.get(path) if site.navigates else ""
            if page_hash is None:
                raise PageNotDrawn(f"no page at /{path} in the app's navigation")
            started = time.perf_counter()
            async with asyncio.timeout(step_timeout_s):
                run = await client.rerun(page_script_hash=page_hash)
            check_drawn(run, path, page_hash or None, site.pages)
            report.navigation_times_s.append(time.perf_counter() - started)
            report.visits += 1
            client.shown_url = f"{url}/{path}"
            if site.download is not None and path == site.download[0]:
                key = f"{site.download[1]}-csv"
                step = f"/{path} CSV download"
                media_path = run.download_urls.get(key)
                if not media_path:
                    raise PageNotDrawn(f"no download button {key} with a file")
                async with asyncio.timeout(step_timeout_s):
                    body = await get(media_path)
                if body != expected_csv:
                    report.fail(number, "the CSV download differs from the chart's data")
                report.downloads += 1
    except TimeoutError:
        report.fail(number, f"{step}: no answer within {step_timeout_s:.0f} s")
    except Exception as error:  # any failure of a session is a finding, not a crash
        report.fail(number, f"{step}: {type(error).__name__}: {first_line(str(error))}")
    finally:
        if client is not None:
            await client.websocket.close()


async def run_protocol_clients(
    url: str,
    sessions: int,
    timeout_s: float,
    step_timeout_s: float,
    expected_csv: bytes | None,
    server_pids: tuple[int, ...] = (),
    site: Site = DASHBOARD,
    during: During | None = None,
) -> Report:
    report = Report(sessions, 0, url, clients="protocol", site=site.name)
    me = os.getpid()
    # urllib blocks, so the few HTTP requests run in threads, enough for every session
    # at once: a queue here would count as the server's time.
    with ThreadPoolExecutor(max_workers=max(1, sessions), thread_name_prefix="http") as http:
        client_before = tree_cpu_seconds(me, leave_out=server_pids)
        server_before = sum(tree_cpu_seconds(pid) for pid in server_pids)
        await run_bounded(
            report,
            [
                one_protocol_session(number, url, site, expected_csv, report, step_timeout_s, http)
                for number in range(sessions)
            ],
            timeout_s,
            during,
        )
        report.client_cpu_s = tree_cpu_seconds(me, leave_out=server_pids) - client_before
        if server_pids:
            report.server_cpu_s = sum(tree_cpu_seconds(pid) for pid in server_pids) - server_before
    return report


def run(
    url: str,
    *,
    clients: ClientKind = "browser",
    sessions: int = 30,
    contexts: int = 3,
    timeout_s: float = 600.0,
    step_timeout_s: float = 120.0,
    project: Path | None = None,
    server_pids: tuple[int, ...] = (),
    site: Site = DASHBOARD,
    during: During | None = None,
) -> Report:
    """Run the load test against a server at ``url`` (serving ``project``'s facts;
    ``server_pids``, when known, the processes whose CPU time is the server's) with
    browser tabs or protocol clients (``contexts`` only matters to browsers). Protocol
    clients may visit another ``site`` (the floor) and run ``during`` beside the
    sessions."""
    expected = expected_download(project) if site.download is not None else None
    if clients == "protocol":
        return run_coroutine(
            lambda: run_protocol_clients(
                url, sessions, timeout_s, step_timeout_s, expected, server_pids, site, during
            )
        )
    if site is not DASHBOARD or during is not None or expected is None:
        raise ValueError("browser clients visit the dashboard only")
    return run_coroutine(
        lambda: run_browsers(
            url, sessions, contexts, timeout_s, step_timeout_s, expected, server_pids
        )
    )


def run_coroutine(make: Callable[[], Coroutine[Any, Any, Returned]]) -> Returned:
    """asyncio.run, in a thread of its own when this thread already runs an event loop
    (as under pytest once Playwright's sync API, which keeps one, has started)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-test") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def print_report(report: Report) -> None:
    summary = report.summary()

    def seconds(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"

    if report.clients == "browser":
        who = f"{report.sessions} browser sessions over {report.contexts} contexts"
        cold = "a cold tab"
    else:
        who = f"{report.sessions} protocol sessions (websocket clients, no browser)"
        cold = "a new websocket session"
    if report.site != DASHBOARD.name:
        who += f" visiting the {report.site}"
    views = summary["views_per_s"]
    print(
        f"{who} against {report.url}: "
        f"{summary['visits']} pages drawn, {summary['downloads']} CSV downloads, "
        f"{summary['errors']} errors in {report.duration_s:.1f} s"
        + ("" if views is None else f" ({views:.1f} page views/s)")
    )
    print(
        f"time to a drawn page: median {seconds(summary['drawn_page_median_s'])}, "
        f"95th percentile {seconds(summary['drawn_page_p95_s'])}, "
        f"worst {seconds(summary['drawn_page_max_s'])}"
    )
    print(
        f"first load ({cold}) 95th percentile {seconds(summary['first_load_p95_s'])}, "
        f"sidebar navigation 95th percentile {seconds(summary['navigation_p95_s'])}"
    )
    if report.client_cpu_s is not None:
        server = "unknown" if report.server_cpu_s is None else f"{report.server_cpu_s:.0f} s"
        print(f"CPU used: client side {report.client_cpu_s:.1f} s, server {server}")
    for error in report.errors[:20]:
        print(f"  error: {error}")
    if len(report.errors) > 20:
        print(f"  ... and {len(report.errors) - 20} more")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clients",
        choices=CLIENT_KINDS,
        default="browser",
        help="Chromium tabs, or websocket clients speaking Streamlit's protocol",
    )
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--contexts", type=int, default=3, help="browser contexts")
    parser.add_argument("--timeout", type=float, default=600.0, help="for the whole run, s")
    parser.add_argument("--step-timeout", type=float, default=120.0, help="per page, s")
    parser.add_argument("--url", help="a running server; default: start one on 127.0.0.1")
    parser.add_argument("--project", type=Path, help="seeds/ and facts/ to serve")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument(
        "--site", choices=SITES, default=DASHBOARD.name, help="what protocol sessions visit"
    )
    args = parser.parse_args(argv)
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("only loopback servers may be load-tested")
    site = SITES[args.site]
    if site is not DASHBOARD and args.clients != "protocol":
        parser.error("--site floor needs --clients protocol")
    options = {
        "clients": args.clients,
        "sessions": args.sessions,
        "contexts": args.contexts,
        "timeout_s": args.timeout,
        "step_timeout_s": args.step_timeout,
        "project": args.project,
        "site": site,
    }
    if args.url:
        report = run(args.url, **options)
    else:
        with streamlit_server(site.script, args.project) as (process, url):
            report = run(url, server_pids=(process.pid,), **options)
    print_report(report)
    if args.json:
        # The summary's error count over the report's list, which stays as error_messages
        # (the shape bench.py records).
        everything = {**asdict(report), **report.summary(), "error_messages": report.errors}
        args.json.write_text(json.dumps(everything, indent=2))
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
