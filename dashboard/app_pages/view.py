"""A page of the views (facts/views.yaml): its title, intro and charts, each drawn by
its kind; a timeline with its filters; a broken chart with its reason, in its place."""

from __future__ import annotations

from dashboard import data, ui
from dashboard.views.load import LoadedPage
from dashboard.views.model import TimelineChart


def show(page: LoadedPage) -> None:
    ui.page_header(page.title, page.intro)
    ui.link_notices(ui.page_params(page))
    for chart in page.charts:
        if chart.view is None:
            ui.broken_chart(chart)
        elif isinstance(chart.view, TimelineChart):
            ui.timeline_block(chart)
        else:
            ui.chart_block(data.chart(chart), problems=chart.problems)
