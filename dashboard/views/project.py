"""A project as the dashboard shows it: the loaded facts, their table and the views.

The command line, the data layer (the app's only cache), the benchmark and the tests
all load a project through ``load_project``, and build a chart through
``Project.chart``: one way from files to figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard import charts, transforms
from dashboard.charts import Chart, ChartContext
from dashboard.facts.errors import FactError
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.paths import project_paths
from dashboard.views.load import LoadedChart, Views, load_views


@dataclass(frozen=True)
class Project:
    factset: FactSet
    table: pd.DataFrame
    views: Views

    @property
    def errors(self) -> list[FactError]:
        """Every problem, the facts' first: for the banner and ``validate``."""
        return [*self.factset.errors, *self.views.errors]

    @cached_property
    def partnerships(self) -> list[str]:
        """Every partnership, in register order (their colours and filter order)."""
        return transforms.register_partnerships(self.factset)

    @cached_property
    def context(self) -> ChartContext:
        vocabulary = self.factset.vocabulary
        return ChartContext(
            colours=charts.partnership_colours(self.partnerships),
            units=dict(vocabulary.units) if vocabulary else {},
            topics={name: entry.label for name, entry in vocabulary.topics.items()}
            if vocabulary
            else {},
        )

    def selected(
        self,
        chart: LoadedChart,
        *,
        partnerships: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The facts a chart's view selects (with a page's filters)."""
        assert chart.view is not None  # a broken chart is shown as such, never selected
        return transforms.select(self.table, chart.view, partnerships=partnerships, topics=topics)

    def chart(
        self,
        chart_id: str,
        *,
        partnerships: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
    ) -> Chart:
        """The figure of a chart, with exactly the data it draws."""
        loaded = self.views.chart(chart_id)
        assert loaded.view is not None
        frame = self.selected(loaded, partnerships=partnerships, topics=topics)
        return charts.build(loaded.view, frame, self.context)

    def timeline_topics(self, chart_id: str) -> list[str]:
        """The topics a timeline can be filtered to: those of its events."""
        events = self.selected(self.views.chart(chart_id))
        vocabulary = self.factset.vocabulary
        return transforms.topics_present(events, list(vocabulary.topics) if vocabulary else [])


def load_project(root: Path | str | None = None) -> Project:
    """Load and check the facts, then the views against them."""
    paths = project_paths(root)
    factset = load_facts(paths.root)
    table = transforms.facts_table(factset)
    return Project(factset, table, load_views(paths, factset, table))
