"""The load test's protocol clients, in the suite without a browser: 5 websocket sessions
speaking Streamlit's protocol against a real server, every page, one CSV each.

The 30-session run is part of `make bench`; the browser version of this test is
tests/browser/test_load.py. See scripts/load_test.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.conftest import load_test_module

pytestmark = pytest.mark.slow

SESSIONS = 5
RUN_TIMEOUT_S = 50.0  # five sessions take about 10 s on a 2-core machine
STEP_TIMEOUT_S = 30.0


load_test = load_test_module()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, str]]:
    with load_test.dashboard_server() as (process, url):
        yield process.pid, url


def run_protocol(
    url: str,
    sessions: int,
    expected_csv: bytes | None = None,
    run_timeout_s: float = RUN_TIMEOUT_S,
) -> Any:
    expected = load_test.expected_download(None) if expected_csv is None else expected_csv
    return load_test.run_coroutine(
        lambda: load_test.run_protocol_clients(
            url, sessions, run_timeout_s, STEP_TIMEOUT_S, expected
        )
    )


def test_five_protocol_sessions_see_every_page_without_errors(server: tuple[int, str]) -> None:
    server_pid, url = server
    report = load_test.run(
        url,
        clients="protocol",
        server_pids=(server_pid,),  # so that its CPU time is not counted as the clients'
        sessions=SESSIONS,
        timeout_s=RUN_TIMEOUT_S,
        step_timeout_s=STEP_TIMEOUT_S,
    )
    load_test.print_report(report)
    assert report.errors == []
    assert report.visits == SESSIONS * len(load_test.PAGES)
    assert report.downloads == SESSIONS
    assert len(report.page_times_s) == report.visits
    summary = report.summary()
    assert summary["clients"] == "protocol"
    assert summary["drawn_page_p95_s"] is not None


def test_a_page_unlike_its_expectation_is_an_error(
    server: tuple[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(load_test.PAGES, "timeline", ("Not the timeline", 1))
    report = run_protocol(server[1], 1)
    assert len(report.errors) == 1
    assert "/timeline" in report.errors[0]
    assert "title 'Timeline', expected 'Not the timeline'" in report.errors[0]
    # Overview, crossings and deportations came before it; the session stops there.
    assert report.visits == 3


def test_a_csv_unlike_the_charts_data_is_an_error(server: tuple[int, str]) -> None:
    report = run_protocol(server[1], 1, expected_csv=b"not the chart's data\n")
    assert report.errors == ["session 0: the CSV download differs from the chart's data"]


def test_sessions_unfinished_when_the_run_ends_are_errors(server: tuple[int, str]) -> None:
    report = run_protocol(server[1], 2, run_timeout_s=0.2)
    assert report.errors == ["2 session(s) unfinished after 0 s"]
    assert report.duration_s < 5  # it stopped by itself, not after the sessions


def test_an_exception_on_the_page_or_a_failed_run_is_not_drawn() -> None:
    title, charts = load_test.PAGES["timeline"]
    run = load_test.ScriptRun()
    messages = [ForwardMsg() for _ in range(5)]
    # A chart before new_session belongs to the previous run: it does not count.
    messages[0].metadata.delta_path[:] = [0, 5]
    messages[0].delta.new_element.plotly_chart.spec = "{}"
    messages[1].new_session.page_script_hash = "timeline-hash"
    messages[2].metadata.delta_path[:] = [0, 0]
    messages[2].delta.new_element.heading.tag = "h1"
    messages[2].delta.new_element.heading.body = title
    messages[3].metadata.delta_path[:] = [0, 1]
    messages[3].delta.new_element.exception.type = "KeyError"
    messages[3].delta.new_element.exception.message = "'partnership'\nmore"
    messages[4].script_finished = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
    for message in messages:
        run.take(message)
    with pytest.raises(load_test.PageNotDrawn) as raised:
        load_test.check_drawn(run, "timeline", None)
    assert str(raised.value) == (
        "/timeline: exception on the page: KeyError: 'partnership'; "
        "the script run ended with FINISHED_WITH_COMPILE_ERROR; "
        f"0 charts, expected {charts}"
    )
