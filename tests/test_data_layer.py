"""The data layer shares each chart between sessions, which run in threads of one
process: what it hands out must be safe to use from many threads at once."""

from __future__ import annotations

import threading

from dashboard import charts
from dashboard.data import ShownChart
from tests.conftest import harbours_project

THREADS = 8
ROUNDS = 20


def test_figures_with_an_address_are_built_safely_from_many_threads_at_once() -> None:
    # Plotly's figure validation is not thread-safe: without the data layer's lock, 8
    # threads doing this had bars checked as scatters (dozens of ValueErrors a run).
    project = harbours_project()
    shown = [
        ShownChart.of(project.chart(chart.id))
        for page in project.views.pages
        for chart in page.charts
    ]
    addresses = [f"http://host-{host}.example/page" for host in range(6)]
    # What each should be, built in this thread alone.
    expected = {
        (chart.chart.key, address): charts.with_address(chart.chart, address).to_dict()
        for chart in shown
        for address in addresses
    }
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def draw(thread: int) -> None:
        start.wait()
        for round_ in range(ROUNDS):
            for chart in shown:
                address = addresses[(thread + round_) % len(addresses)]
                try:
                    figure = chart.figure_at(address)
                    assert figure.to_dict() == expected[chart.chart.key, address]
                except Exception as error:  # every failure is the finding
                    errors.append(f"{chart.chart.key}: {error!r}"[:200])

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each chart keeps a few addresses, not one per host ever asked for.
    assert {len(chart._addressed) for chart in shown} == {4}
