"""Benchmark: the dashboard side by side with a bare Streamlit page (the floor).

    make bench          # or: .venv/bin/python scripts/bench.py [--repeats 5] [--quick]

Every figure is the median of --repeats runs (at least 5), shown with its range:

(a) server start to first chart drawn in Chromium: the dashboard's heaviest chart
    page (the one with the longest script time in (c)) against scripts/floor_app.py;
(b) a filter change to the updated chart drawn: the Timeline's partnership pills
    against the same widget on the floor page;
(c) server-side script time per page (AppTest, warm cache) with the real facts and
    with 10,000 synthetic facts over 500 seeds (scripts/synth_facts.py), against the
    floor page's script time;
(d) load and validate time of those 10,000 facts: cold (a fresh process, load_facts)
    and cached (a second call through dashboard.data's cache);
(e) server memory (RSS of the server and its children, psutil) with 1 and with 20
    concurrent browser sessions, and the increase per extra session;
and the load test (scripts/load_test.py, 30 sessions): websocket clients speaking
Streamlit's protocol, so that it measures the server rather than 30 Chromium tabs on the
same machine (--load-clients browser for tabs); and the same protocol load through nginx
in front of 1 and 2 replicas (scripts/replicas.py), dashboard and floor alternated: page
views per second and the 95th percentile of time to a drawn page, plus one replica's
95th percentile at 1, 2, 5, 10 and 20 sessions. `--only replicas` (make bench-replicas)
measures just those and rewrites just their rows in bench/latest.md.

Writes bench/results/latest.json (git-ignored) and bench/latest.md (the table, to
commit), and prints the table. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_DIR = SCRIPTS_DIR.parent
sys.path.insert(0, str(REPO_DIR))
sys.path.insert(0, str(SCRIPTS_DIR))

import load_test  # noqa: E402
import replicas  # noqa: E402
import synth_facts  # noqa: E402

from dashboard.paths import PROJECT_DIR_ENV  # noqa: E402

APP = REPO_DIR / "dashboard" / "app.py"
FLOOR = SCRIPTS_DIR / "floor_app.py"
RESULTS_JSON = REPO_DIR / "bench" / "results" / "latest.json"
REPLICAS_JSON = REPO_DIR / "bench" / "results" / "replicas.json"
RESULTS_MD = REPO_DIR / "bench" / "latest.md"

# page key -> (the page's url path as st.navigation registers it, url path served)
PAGES = {
    "overview": ("overview", ""),
    "crossings": ("crossings", "crossings"),
    "deportations": ("deportations", "deportations"),
    "timeline": ("timeline", "timeline"),
    "sources": ("sources", "sources"),
    "data": ("data", "data"),
}
CHART_PAGES = ("crossings", "deportations", "timeline")
FLOOR_TITLE, FLOOR_CHARTS = "Floor", 1
SYNTH_SEEDS, SYNTH_FACTS_PER_SEED = 500, 20
MEMORY_SESSIONS = 20
LOAD_TEST_SESSIONS = 30
REPLICA_COUNTS = (1, 2)
# One replica under more and more readers: how many it serves at a p95 under 3 s.
CAPACITY_SESSIONS = (1, 2, 5, 10, 20)
CAPACITY_P95_S = 3.0
REPLICA_ROW = "replicas:"  # the label prefix of the replica rows (--only replicas rewrites them)

MARKS = """([index]) => document.querySelectorAll('[data-testid="stPlotlyChart"]')[index]
    .querySelectorAll('.scatterlayer .point, .barlayer .point').length"""
REDRAWN = """([index, before]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const chart = document.querySelectorAll('[data-testid="stPlotlyChart"]')[index];
    return app && app.dataset.testScriptState === 'notRunning' && chart
        && chart.querySelectorAll('.scatterlayer .point, .barlayer .point').length !== before;
}"""


@dataclass(frozen=True)
class Figure:
    """A median with its range, in seconds, bytes or a count."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def to_json(self) -> dict[str, Any]:
        return {
            "median": self.median,
            "min": min(self.samples),
            "max": max(self.samples),
            "samples": list(self.samples),
        }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------
# (c) script time per page, and (d) load time


@contextmanager
def project_env(project: Path | None) -> Iterator[None]:
    before = os.environ.get(PROJECT_DIR_ENV)
    if project is not None:
        os.environ[PROJECT_DIR_ENV] = str(project)
    else:
        os.environ.pop(PROJECT_DIR_ENV, None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PROJECT_DIR_ENV, None)
        else:
            os.environ[PROJECT_DIR_ENV] = before


def timed_runs(at: Any, repeats: int) -> Figure:
    """Time `repeats` reruns of an AppTest after one untimed warm-up run."""
    at.run()
    if at.exception:
        raise RuntimeError(f"the script raised: {at.exception}")
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"the script raised: {at.exception}")
    return Figure(tuple(samples))


def script_times(repeats: int, project: Path | None) -> dict[str, Figure]:
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    times = {}
    with project_env(project):
        for key, (url_path, _) in PAGES.items():
            at = AppTest.from_file(str(APP), default_timeout=600)
            if key != "overview":
                at.run()
                # The views' pages are callables, which AppTest.switch_page (file paths
                # only) cannot reach: ask for the page by the hash st.Page gives its url.
                at._page_hash = calc_hash(url_path)
            times[key] = timed_runs(at, repeats)
            log(f"  script time {key}: {times[key].median * 1000:.0f} ms")
    return times


def floor_script_time(repeats: int) -> Figure:
    from streamlit.testing.v1 import AppTest

    return timed_runs(AppTest.from_file(str(FLOOR), default_timeout=60), repeats)


COLD_LOAD = """
import json, sys, time
started = time.perf_counter()
from dashboard.facts.load import load_facts
imported = time.perf_counter()
factset = load_facts(sys.argv[1])
loaded = time.perf_counter()
print(json.dumps({"import_s": imported - started, "load_s": loaded - imported,
                  "facts": len(factset.facts), "errors": len(factset.errors)}))
"""
CACHED_LOAD = """
import json, time
from dashboard import data
started = time.perf_counter()
first = data.project()
middle = time.perf_counter()
second = data.project()
ended = time.perf_counter()
assert first is second
print(json.dumps({"first_s": middle - started, "cached_s": ended - middle,
                  "facts": len(second.factset.facts)}))
"""


def in_fresh_process(code: str, *args: str, project: Path | None = None) -> dict[str, Any]:
    env = dict(os.environ)
    if project is not None:
        env[PROJECT_DIR_ENV] = str(project)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def load_times(project: Path, repeats: int) -> dict[str, Figure]:
    cold, imports, first, cached = [], [], [], []
    for _ in range(repeats):
        measured = in_fresh_process(COLD_LOAD, str(project))
        if measured["errors"]:
            raise RuntimeError(f"the synthetic facts have {measured['errors']} errors")
        cold.append(measured["load_s"])
        imports.append(measured["import_s"])
        through_cache = in_fresh_process(CACHED_LOAD, project=project)
        first.append(through_cache["first_s"])
        cached.append(through_cache["cached_s"])
    return {
        "cold_load": Figure(tuple(cold)),
        "import": Figure(tuple(imports)),
        "first_dataset": Figure(tuple(first)),
        "cached_dataset": Figure(tuple(cached)),
    }


# ---------------------------------------------------------------------------
# (a) start to first chart, (b) filter change: in Chromium


def start_to_first_chart(
    browser: Any, script: Path, path: str, title: str, charts: int
) -> tuple[float, float]:
    """Seconds from launching `streamlit run` to the page's charts drawn (cold browser),
    and of those, to /_stcore/health answering."""
    started = time.perf_counter()
    process, url = load_test.start_streamlit(str(script.relative_to(REPO_DIR)))
    try:
        load_test.wait_healthy(url, process)
        healthy = time.perf_counter() - started
        context = browser.new_context(viewport=load_test.VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/{path}", timeout=180_000)
            page.wait_for_function(load_test.DRAWN, arg=[title, charts], timeout=180_000)
            return time.perf_counter() - started, healthy
        finally:
            context.close()
    finally:
        load_test.stop(process)


def filter_changes(
    browser: Any, script: Path, path: str, title: str, charts: int, clicks: int
) -> Figure:
    """Seconds from a click on a partnership pill to the chart redrawn; the clicks
    alternate between turning UK–Albania off and on again."""
    process, url = load_test.start_streamlit(str(script.relative_to(REPO_DIR)))
    try:
        load_test.wait_healthy(url, process)
        context = browser.new_context(viewport=load_test.VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{url}/{path}", timeout=180_000)
            page.wait_for_function(load_test.DRAWN, arg=[title, charts], timeout=180_000)
            pill = page.locator(".st-key-partnership button").filter(has_text="UK–Albania")
            samples = []
            for _ in range(clicks):
                before = page.evaluate(MARKS, [0])
                started = time.perf_counter()
                pill.click()
                page.wait_for_function(REDRAWN, arg=[0, before], timeout=120_000)
                samples.append(time.perf_counter() - started)
                page.wait_for_timeout(200)
            return Figure(tuple(samples))
        finally:
            context.close()
    finally:
        load_test.stop(process)


# ---------------------------------------------------------------------------
# (e) memory per session


def server_rss(process: subprocess.Popen[bytes]) -> int:
    parent = psutil.Process(process.pid)
    total = parent.memory_info().rss
    for child in parent.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return int(total)


async def _memory_round(path: str, title: str, charts: int) -> tuple[int, int]:
    from playwright.async_api import async_playwright

    with load_test.dashboard_server() as (process, url):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=load_test.CHROMIUM, args=load_test.CHROMIUM_ARGS
            )
            context = await browser.new_context(viewport=load_test.VIEWPORT)

            async def open_session() -> Any:
                page = await context.new_page()
                await page.goto(f"{url}/{path}", timeout=300_000)
                await page.wait_for_function(load_test.DRAWN, arg=[title, charts], timeout=300_000)
                return page

            await open_session()
            await asyncio.sleep(2)
            one = server_rss(process)
            await asyncio.gather(*(open_session() for _ in range(MEMORY_SESSIONS - 1)))
            await asyncio.sleep(2)
            many = server_rss(process)
            await context.close()
            await browser.close()
    return one, many


def memory(path: str, title: str, charts: int, repeats: int) -> dict[str, Figure]:
    ones, manys, per_session = [], [], []
    for round_number in range(repeats):
        one, many = asyncio.run(_memory_round(path, title, charts))
        ones.append(one)
        manys.append(many)
        per_session.append((many - one) / (MEMORY_SESSIONS - 1))
        log(f"  memory round {round_number + 1}: {one / 2**20:.0f} MB -> {many / 2**20:.0f} MB")
    return {
        "rss_1_session": Figure(tuple(map(float, ones))),
        f"rss_{MEMORY_SESSIONS}_sessions": Figure(tuple(map(float, manys))),
        "per_extra_session": Figure(tuple(per_session)),
    }


# ---------------------------------------------------------------------------
# Replicas behind nginx: the load test through the proxy, dashboard and floor


def replica_run(site: load_test.Site, count: int, sessions: int) -> load_test.Report:
    """The protocol load test through nginx in front of ``count`` fresh replicas of
    ``site``, each replica warmed first by one session of its own (so that every run
    measures serving readers, not a replica's first load of the facts)."""
    with replicas.deployment(count, script=site.script) as running:
        for replica in running.replicas:
            warm = load_test.run(replica.url, clients="protocol", sessions=1, site=site)
            if warm.errors:
                raise RuntimeError(f"warming {replica.url}: {warm.errors}")
        report = load_test.run(
            running.url,
            clients="protocol",
            sessions=sessions,
            timeout_s=900,
            site=site,
            server_pids=running.server_pids,
        )
    load_test.print_report(report)
    return report


def replica_figures(repeats: int, sessions: int) -> dict[str, Any]:
    """Page views per second and the 95th percentile of time to a drawn page, for each
    replica count, dashboard and floor alternated (so that noise falls on both); and
    one dashboard replica's 95th percentile under more and more sessions."""
    figures: dict[str, Any] = {}
    errors: list[str] = []
    for count in REPLICA_COUNTS:
        views: dict[str, list[float]] = {"dashboard": [], "floor": []}
        p95: dict[str, list[float]] = {"dashboard": [], "floor": []}
        for round_number in range(repeats):
            for site in (load_test.DASHBOARD, load_test.FLOOR):
                log(f"  {count} replica(s), {site.name}, round {round_number + 1}")
                report = replica_run(site, count, sessions)
                errors += [f"{count} replica(s), {site.name}: {e}" for e in report.errors]
                views[site.name].append(report.views_per_s or 0.0)
                p95[site.name].append(report.percentile(0.95) or float("inf"))
        for name in ("dashboard", "floor"):
            figures[f"views_{count}_{name}"] = Figure(tuple(views[name]))
            figures[f"p95_{count}_{name}"] = Figure(tuple(p95[name]))
    for sessions_at_once in CAPACITY_SESSIONS:
        log(f"  one replica, {sessions_at_once} sessions")
        samples = []
        for _ in range(repeats):
            report = replica_run(load_test.DASHBOARD, 1, sessions_at_once)
            errors += [f"capacity, {sessions_at_once} sessions: {e}" for e in report.errors]
            samples.append(report.percentile(0.95) or float("inf"))
        figures[f"capacity_{sessions_at_once}"] = Figure(tuple(samples))
    figures["errors"] = errors
    return figures


def replica_rows(figures: dict[str, Any], sessions: int) -> list[Row]:
    rows: list[Row] = []
    for count in REPLICA_COUNTS:
        who = f"{REPLICA_ROW} {count} behind nginx, {sessions} protocol sessions"
        ours, floor = figures[f"views_{count}_dashboard"], figures[f"views_{count}_floor"]
        ratio = floor.median / ours.median if ours.median else float("inf")
        rows.append(
            (
                f"{who}: page views per second",
                per_second(ours),
                per_second(floor),
                f"{ratio:.2f}× (floor / dashboard)",
                "≤ 1.1×",
                "yes" if ratio <= 1.1 else "**no**",
            )
        )
        rows.append(
            ratio_row(
                f"{who}: time to a drawn page, 95th percentile",
                figures[f"p95_{count}_dashboard"],
                figures[f"p95_{count}_floor"],
                1.1,
                seconds,
            )
        )
    served = [n for n in CAPACITY_SESSIONS if figures[f"capacity_{n}"].median < CAPACITY_P95_S]
    for n in CAPACITY_SESSIONS:
        rows.append(
            (
                f"{REPLICA_ROW} 1, {n} session{'s' if n > 1 else ''} at once: "
                "time to a drawn page, 95th percentile",
                seconds(figures[f"capacity_{n}"]),
                "",
                "",
                "",
                "",
            )
        )
    rows.append(
        (
            f"{REPLICA_ROW} sessions one replica serves at a 95th percentile under "
            f"{CAPACITY_P95_S:.0f} s (of {', '.join(map(str, CAPACITY_SESSIONS))})",
            str(max(served)) if served else f"fewer than {CAPACITY_SESSIONS[0]}",
            "",
            "",
            "",
            "",
        )
    )
    errors = figures["errors"]
    rows.append(
        (
            f"{REPLICA_ROW} errors in all of the above",
            str(len(errors)),
            "",
            "",
            "0",
            "yes" if not errors else "**no**",
        )
    )
    return rows


def per_second(figure: Figure) -> str:
    low, high = min(figure.samples), max(figure.samples)
    return f"{figure.median:.1f}/s ({low:.1f}–{high:.1f})"


def replace_replica_rows(markdown_text: str, rows: list[Row], note: str) -> str:
    """bench/latest.md with its replica rows (and their note) replaced by these."""
    lines = [
        line
        for line in markdown_text.splitlines()
        if not line.startswith((f"| {REPLICA_ROW}", REPLICA_NOTE))
    ]
    last_row = max(number for number, line in enumerate(lines) if line.startswith("|"))
    lines[last_row + 1 : last_row + 1] = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([*lines, "", note]).rstrip("\n") + "\n"


REPLICA_NOTE = "Replica rows:"


def replica_note(info: dict[str, Any], repeats: int) -> str:
    return (
        f"{REPLICA_NOTE} `make bench-replicas` on {info['date']}, load average "
        f"{info['load_average_at_start']} at start; median of {repeats} runs (range in "
        "brackets); each run: fresh replicas behind nginx (deploy/nginx.conf), each "
        "warmed by one session, then protocol sessions that all start at once and each "
        "draw six pages (the floor: its one page six times)."
    )


# ---------------------------------------------------------------------------
# Report


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "playwright": version("playwright"),
        "chromium": load_test.CHROMIUM,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def seconds(figure: Figure) -> str:
    low, high = min(figure.samples), max(figure.samples)
    if figure.median < 1:
        return f"{figure.median * 1000:.0f} ms ({low * 1000:.0f}–{high * 1000:.0f})"
    return f"{figure.median:.2f} s ({low:.2f}–{high:.2f})"


def megabytes(figure: Figure) -> str:
    low, high = min(figure.samples), max(figure.samples)
    return f"{figure.median / 2**20:.1f} MB ({low / 2**20:.1f}–{high / 2**20:.1f})"


Row = tuple[str, str, str, str, str, str]


def ratio_row(
    label: str, ours: Figure, floor: Figure, limit: float, show: Callable[[Figure], str]
) -> Row:
    ratio = ours.median / floor.median
    met = "yes" if ratio <= limit else "**no**"
    return (label, show(ours), show(floor), f"{ratio:.2f}×", f"≤ {limit}× floor", met)


def absolute_row(
    label: str, ours: Figure, limit: float, show: Callable[[Figure], str], target: str
) -> Row:
    met = "yes" if ours.median < limit else "**no**"
    return (label, show(ours), "", "", target, met)


def table(results: dict[str, Any], figures: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    heaviest = results["heaviest_page"]
    rows.append(
        ratio_row(
            f"(a) server start → first chart drawn ({heaviest} page)",
            figures["a_dashboard"],
            figures["a_floor"],
            1.3,
            seconds,
        )
    )
    health = ratio_row(
        "(a) of which: start → /_stcore/health answers",
        figures["a_dashboard_health"],
        figures["a_floor_health"],
        1.3,
        seconds,
    )
    rows.append((*health[:4], "", ""))  # a part of (a), not a target of its own
    rows.append(
        ratio_row(
            "(b) partnership filter click → chart redrawn (Timeline)",
            figures["b_dashboard"],
            figures["b_floor"],
            1.3,
            seconds,
        )
    )
    for key in PAGES:
        rows.append(
            ratio_row(
                f"(c) script time, real facts: {key}",
                figures["c_real"][key],
                figures["c_floor"],
                2.0,
                seconds,
            )
        )
    for key in PAGES:
        rows.append(
            absolute_row(
                f"(c) script time, 10,000 facts: {key}",
                figures["c_synthetic"][key],
                0.5,
                seconds,
                "< 0.5 s",
            )
        )
    load = figures["d"]
    rows.append(
        absolute_row(
            "(d) load + validate 10,000 facts, cold", load["cold_load"], 1.0, seconds, "< 1 s"
        )
    )
    rows.append(
        (
            "(d) first project() call (load + table + views), 10,000 facts",
            seconds(load["first_dataset"]),
            "",
            "",
            "",
            "",
        )
    )
    rows.append(
        ("(d) cached project() call, 10,000 facts", seconds(load["cached_dataset"]), "", "", "", "")
    )
    mem = figures["e"]
    rows.append(("(e) server RSS, 1 session", megabytes(mem["rss_1_session"]), "", "", "", ""))
    rows.append(
        (
            f"(e) server RSS, {MEMORY_SESSIONS} sessions",
            megabytes(mem[f"rss_{MEMORY_SESSIONS}_sessions"]),
            "",
            "",
            "",
            "",
        )
    )
    rows.append(
        absolute_row(
            "(e) increase per extra session",
            mem["per_extra_session"],
            10 * 2**20,
            megabytes,
            "< 10 MB",
        )
    )
    loadtest = results["load_test"]
    clients = loadtest["clients"]
    cold = "a new websocket" if clients == "protocol" else "a cold tab"
    rows.append(
        (
            f"load test: {loadtest['sessions']} {clients} sessions, errors",
            str(loadtest["errors"]),
            "",
            "",
            "0",
            "yes" if loadtest["errors"] == 0 else "**no**",
        )
    )

    def maybe(value: float | None, unit: str = " s") -> str:
        return "n/a" if value is None else f"{value:.2f}{unit}"

    rows.append(
        (
            f"load test ({clients}): time to a drawn page, median / 95th percentile",
            f"{maybe(loadtest['drawn_page_median_s'])} / {maybe(loadtest['drawn_page_p95_s'])}",
            "",
            "",
            "",
            "",
        )
    )
    rows.append(
        (
            f"load test ({clients}): 95th percentile, first load ({cold}) / sidebar navigation",
            f"{maybe(loadtest['first_load_p95_s'])} / {maybe(loadtest['navigation_p95_s'])}",
            "",
            "",
            "",
            "",
        )
    )
    rows.append(
        (
            f"load test ({clients}): CPU used, client side / server",
            f"{maybe(loadtest['client_cpu_s'])} / {maybe(loadtest['server_cpu_s'])}",
            "",
            "",
            "",
            "",
        )
    )
    return rows


def markdown(rows: list[Row], info: dict[str, Any], repeats: int) -> str:
    header = ("Measure", "Dashboard", "Floor", "Ratio", "Target", "Met")
    lines = [
        "# Benchmark",
        "",
        f"`make bench` on {info['date']}: {info['nproc']} cores ({info['cpu']}), "
        f"{info['ram_gb']} GB RAM, load average {info['load_average_at_start']} at start; "
        f"Python {info['python']}, Streamlit {info['streamlit']}, Debian Chromium. "
        f"Each figure: median of {repeats} runs (range in brackets).",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer sessions (a smoke run)")
    parser.add_argument(
        "--load-clients",
        choices=load_test.CLIENT_KINDS,
        default="protocol",
        help="the load test's clients: websocket (protocol) clients or Chromium tabs",
    )
    parser.add_argument(
        "--only",
        choices=["replicas"],
        help="measure only this part, and rewrite only its rows in bench/latest.md",
    )
    args = parser.parse_args(argv)
    if args.repeats < 5 and not args.quick:
        parser.error("--repeats must be at least 5 (or use --quick for a smoke run)")
    repeats = args.repeats
    memory_repeats = repeats if not args.quick else 1
    load_sessions = LOAD_TEST_SESSIONS if not args.quick else 5
    info = machine()
    log(f"machine: {info}")
    if replicas.find_nginx() is None:
        parser.error(f"the replica rows need nginx ({replicas.INSTALL_HINT})")
    if args.only == "replicas":
        return only_replicas(info, repeats, load_sessions)
    figures: dict[str, Any] = {}
    results: dict[str, Any] = {"machine": info, "repeats": repeats}

    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        synthetic = Path(temporary) / "synthetic"
        log(f"generating {SYNTH_SEEDS * SYNTH_FACTS_PER_SEED} synthetic facts")
        synth_facts.generate(
            synthetic, seeds=SYNTH_SEEDS, facts_per_seed=SYNTH_FACTS_PER_SEED, with_real=True
        )

        log("(c) script time per page, real facts")
        figures["c_floor"] = floor_script_time(repeats)
        figures["c_real"] = script_times(repeats, None)
        log("(c) script time per page, 10,000 synthetic facts (plus the real ones)")
        figures["c_synthetic"] = script_times(repeats, synthetic)
        log("(d) load and validate 10,000 facts")
        figures["d"] = load_times(synthetic, repeats)

    heaviest = max(CHART_PAGES, key=lambda key: figures["c_real"][key].median)
    results["heaviest_page"] = heaviest
    path = PAGES[heaviest][1]
    title, chart_count = load_test.PAGES[path]

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=load_test.CHROMIUM, args=load_test.CHROMIUM_ARGS
        )
        log(f"(a) server start to first chart: {heaviest} vs floor")
        starts: dict[str, list[tuple[float, float]]] = {"dashboard": [], "floor": []}
        for _ in range(repeats):  # alternated, so that noise falls on both
            starts["dashboard"].append(start_to_first_chart(browser, APP, path, title, chart_count))
            starts["floor"].append(
                start_to_first_chart(browser, FLOOR, "", FLOOR_TITLE, FLOOR_CHARTS)
            )
        for name, measured in starts.items():
            figures[f"a_{name}"] = Figure(tuple(total for total, _ in measured))
            figures[f"a_{name}_health"] = Figure(tuple(healthy for _, healthy in measured))
        log("(b) filter change to chart redrawn")
        clicks = repeats + repeats % 2  # even: as many turning off as on
        figures["b_dashboard"] = filter_changes(browser, APP, "timeline", "Timeline", 1, clicks)
        figures["b_floor"] = filter_changes(browser, FLOOR, "", FLOOR_TITLE, FLOOR_CHARTS, clicks)
        browser.close()

    log(f"(e) memory with 1 and {MEMORY_SESSIONS} sessions ({heaviest} page)")
    figures["e"] = memory(path, title, chart_count, memory_repeats)

    log(f"load test: {load_sessions} {args.load_clients} sessions")
    with load_test.dashboard_server() as (process, url):
        report = load_test.run(
            url,
            clients=args.load_clients,
            sessions=load_sessions,
            contexts=3,
            timeout_s=900,
            server_pids=(process.pid,),
        )
    load_test.print_report(report)
    results["load_test"] = {**report.summary(), "error_messages": report.errors}

    log(f"replicas behind nginx: {', '.join(map(str, REPLICA_COUNTS))}, dashboard and floor")
    replica = replica_figures(repeats, load_sessions)
    figures["replicas"] = {key: value for key, value in replica.items() if key != "errors"}
    results["replica_errors"] = replica["errors"]

    rows = table(results, figures) + replica_rows(replica, load_sessions)
    results["figures"] = {
        name: (
            {key: figure.to_json() for key, figure in value.items()}
            if isinstance(value, dict)
            else value.to_json()
        )
        for name, value in figures.items()
    }
    results["table"] = [list(row) for row in rows]
    RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = markdown(rows, info, repeats) + "\n" + replica_note(info, repeats) + "\n"
    RESULTS_MD.write_text(text, encoding="utf-8")
    print()
    print(text)
    log(f"wrote {RESULTS_JSON.relative_to(REPO_DIR)} and {RESULTS_MD.relative_to(REPO_DIR)}")
    return 0


def only_replicas(info: dict[str, Any], repeats: int, sessions: int) -> int:
    """`--only replicas`: measure the replica rows and put them in bench/latest.md in
    place of the old ones, leaving every other row as it is."""
    log(f"replicas behind nginx: {', '.join(map(str, REPLICA_COUNTS))}, dashboard and floor")
    figures = replica_figures(repeats, sessions)
    rows = replica_rows(figures, sessions)
    REPLICAS_JSON.parent.mkdir(parents=True, exist_ok=True)
    REPLICAS_JSON.write_text(
        json.dumps(
            {
                "machine": info,
                "repeats": repeats,
                "figures": {
                    key: value.to_json() for key, value in figures.items() if key != "errors"
                },
                "errors": figures["errors"],
                "table": [list(row) for row in rows],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    note = replica_note(info, repeats)
    before = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
    if "| Measure |" not in before:
        before = markdown([], info, repeats)
    RESULTS_MD.write_text(replace_replica_rows(before, rows, note), encoding="utf-8")
    print()
    print("\n".join("| " + " | ".join(row) + " |" for row in rows))
    print()
    print(note)
    log(
        f"wrote {REPLICAS_JSON.relative_to(REPO_DIR)} and the replica rows of "
        f"{RESULTS_MD.relative_to(REPO_DIR)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
