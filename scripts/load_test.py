"""Load test: N concurrent browser sessions against one dashboard server on 127.0.0.1.

    .venv/bin/python scripts/load_test.py [--sessions 30] [--contexts 3] [--timeout 600]
                                          [--url http://127.0.0.1:PORT] [--project DIR]

Each session is a Chromium tab (Streamlit gives each its own session and websocket),
spread over a few browser contexts of one browser. A session opens the Overview, goes
through every page with the sidebar, as a reader would, waits until each page's title
and charts are drawn, and downloads the crossings chart's CSV, checking its bytes.
Everything is bounded: one pass per session, a time limit per step and for the whole
run, after which unfinished sessions count as errors. It reports the errors (target 0)
and the time to a drawn page (median, 95th percentile, worst), and exits 1 on any error.

Without --url it starts its own server (on the repository's facts, or --project).
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from dashboard import charts, exports, transforms  # noqa: E402
from dashboard.facts.load import load_facts  # noqa: E402
from dashboard.paths import PROJECT_DIR_ENV  # noqa: E402

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


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def start_streamlit(
    script: str, project: Path | None = None, log: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run SCRIPT` on a free loopback port, not yet waited for."""
    port = free_loopback_port()
    env = dict(os.environ)
    if project is not None:
        env[PROJECT_DIR_ENV] = str(project)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        command,
        cwd=REPO_DIR,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, f"http://127.0.0.1:{port}"


@contextmanager
def dashboard_server(project: Path | None = None) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    process, url = start_streamlit("dashboard/app.py", project)
    try:
        wait_healthy(url, process)
        yield process, url
    finally:
        stop(process)


# ---------------------------------------------------------------------------
# Sessions


def nearest_rank(times: list[float], fraction: float) -> float | None:
    """The smallest time that at least ``fraction`` of the times fit under."""
    if not times:
        return None
    ordered = sorted(times)
    rank = -(-round(fraction * 1000) * len(ordered) // 1000)
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def tree_cpu_seconds(pid: int, leave_out: int | None = None) -> float:
    """CPU time of a process and its descendants, reaped ones included (they count in
    their parent's children_* times); ``leave_out`` skips one subtree."""
    import psutil

    total = 0.0
    try:
        root = psutil.Process(pid)
        skipped: set[int] = set()
        if leave_out is not None:
            skipped = {leave_out} | {p.pid for p in psutil.Process(leave_out).children(True)}
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    for process in processes:
        if process.pid in skipped:
            continue
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


@dataclass
class Report:
    sessions: int
    contexts: int
    url: str
    duration_s: float = 0.0
    visits: int = 0
    downloads: int = 0
    first_load_times_s: list[float] = field(default_factory=list)  # goto: a cold tab
    navigation_times_s: list[float] = field(default_factory=list)  # sidebar clicks
    errors: list[str] = field(default_factory=list)
    browser_cpu_s: float | None = None  # Playwright and Chromium
    server_cpu_s: float | None = None  # when the server's process is known

    @property
    def page_times_s(self) -> list[float]:
        return self.first_load_times_s + self.navigation_times_s

    def percentile(self, fraction: float) -> float | None:
        return nearest_rank(self.page_times_s, fraction)

    def summary(self) -> dict[str, Any]:
        times = self.page_times_s
        return {
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
            "browser_cpu_s": self.browser_cpu_s,
            "server_cpu_s": self.server_cpu_s,
        }


def watch_page(page: Any, label: str, errors: list[str]) -> None:
    def on_console(message: Any) -> None:
        url = str(message.location.get("url", ""))
        probe = "404" in message.text and url.endswith(BASE_PATH_PROBES)
        if message.type == "error" and not probe:
            errors.append(f"{label}: console error: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{label}: page exception: {error}"))
    page.on(
        "response",
        lambda response: (
            errors.append(f"{label}: HTTP {response.status} {response.url}")
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
    label = f"session {number}"
    page = await context.new_page()
    watch_page(page, label, report.errors)
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
                    report.errors.append(f"{label}: the CSV download differs from the chart's data")
                report.downloads += 1
    except Exception as error:  # any failure of a session is a finding, not a crash
        report.errors.append(f"{label}: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await page.close()


def expected_download(project: Path | None) -> bytes:
    table = transforms.facts_table(load_facts(project))
    return exports.to_csv(charts.crossings_totals(table).data)


async def run_async(
    url: str,
    sessions: int,
    contexts: int,
    timeout_s: float,
    step_timeout_s: float,
    expected_csv: bytes,
    server_pid: int | None = None,
) -> Report:
    from playwright.async_api import async_playwright

    report = Report(sessions, contexts, url)
    me = os.getpid()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # CPU on each side, to tell a slow server from a saturated client machine.
        client_before = tree_cpu_seconds(me, leave_out=server_pid)
        server_before = tree_cpu_seconds(server_pid) if server_pid else None
        opened = [
            await browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            for _ in range(max(1, min(contexts, sessions)))
        ]
        tasks = [
            asyncio.create_task(
                one_session(
                    opened[number % len(opened)],
                    number,
                    url,
                    expected_csv,
                    report,
                    step_timeout_s * 1000,
                )
            )
            for number in range(sessions)
        ]
        started = time.perf_counter()
        _, pending = await asyncio.wait(tasks, timeout=timeout_s)
        report.duration_s = time.perf_counter() - started
        for task in pending:
            task.cancel()
        if pending:
            report.errors.append(f"{len(pending)} session(s) unfinished after {timeout_s:.0f} s")
            await asyncio.gather(*pending, return_exceptions=True)
        report.browser_cpu_s = tree_cpu_seconds(me, leave_out=server_pid) - client_before
        if server_pid and server_before is not None:
            report.server_cpu_s = tree_cpu_seconds(server_pid) - server_before
        for context in opened:
            await context.close()
        await browser.close()
    return report


def run(
    url: str,
    *,
    sessions: int = 30,
    contexts: int = 3,
    timeout_s: float = 600.0,
    step_timeout_s: float = 120.0,
    project: Path | None = None,
    server_pid: int | None = None,
) -> Report:
    """Run the load test against a server at ``url`` (serving ``project``'s facts;
    ``server_pid``, when known, for its CPU time)."""
    expected = expected_download(project)
    return asyncio.run(
        run_async(url, sessions, contexts, timeout_s, step_timeout_s, expected, server_pid)
    )


def print_report(report: Report) -> None:
    summary = report.summary()

    def seconds(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"

    print(
        f"{report.sessions} sessions over {report.contexts} contexts against {report.url}: "
        f"{summary['visits']} pages drawn, {summary['downloads']} CSV downloads, "
        f"{summary['errors']} errors in {report.duration_s:.1f} s"
    )
    print(
        f"time to a drawn page: median {seconds(summary['drawn_page_median_s'])}, "
        f"95th percentile {seconds(summary['drawn_page_p95_s'])}, "
        f"worst {seconds(summary['drawn_page_max_s'])}"
    )
    print(
        f"first load (a cold tab) 95th percentile {seconds(summary['first_load_p95_s'])}, "
        f"sidebar navigation 95th percentile {seconds(summary['navigation_p95_s'])}"
    )
    if report.browser_cpu_s is not None:
        server = "unknown" if report.server_cpu_s is None else f"{report.server_cpu_s:.0f} s"
        print(f"CPU used: browser side {report.browser_cpu_s:.0f} s, server {server}")
    for error in report.errors[:20]:
        print(f"  error: {error}")
    if len(report.errors) > 20:
        print(f"  ... and {len(report.errors) - 20} more")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--contexts", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600.0, help="for the whole run, s")
    parser.add_argument("--step-timeout", type=float, default=120.0, help="per page, s")
    parser.add_argument("--url", help="a running server; default: start one on 127.0.0.1")
    parser.add_argument("--project", type=Path, help="seeds/ and facts/ to serve")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("only loopback servers may be load-tested")
    options = {
        "sessions": args.sessions,
        "contexts": args.contexts,
        "timeout_s": args.timeout,
        "step_timeout_s": args.step_timeout,
        "project": args.project,
    }
    if args.url:
        report = run(args.url, **options)
    else:
        with dashboard_server(args.project) as (process, url):
            report = run(url, server_pid=process.pid, **options)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps({**report.summary(), **asdict(report)}, indent=2))
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
