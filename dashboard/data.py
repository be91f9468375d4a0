"""The data layer for the pages: the one place that caches.

The project (facts, their table and the views) is loaded once per process and shared
by every session; it is never mutated (transforms return new frames). The cache key
includes a fingerprint of the files in facts/ and seeds/, views and vocabularies
included, so an edited file shows on the next rerun. Each chart is built once per
version of the facts and views (and, for a timeline, once per choice of filters).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, citation, exports, transforms
from dashboard.charts import Chart
from dashboard.paths import ProjectPaths, project_paths
from dashboard.views.load import LoadedChart
from dashboard.views.project import Project, load_project


def _fingerprint(paths: ProjectPaths) -> str:
    """A digest of the name, mtime and size of every file in facts/ and seeds/: short,
    so that the cache hashes it in microseconds (a tuple of 1,000 stamps took 0.1 s on
    every rerun), and read with scandir (Path.glob and stat took 0.1 s more)."""
    stamps = []
    for folder in (paths.facts_dir, paths.seeds_dir):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            try:
                stat = entry.stat()
            except OSError:
                continue
            stamps.append((folder.name, entry.name, stat.st_mtime_ns, stat.st_size))
    return hashlib.sha256(repr(stamps).encode("utf-8")).hexdigest()


@st.cache_resource(max_entries=4, show_spinner="Loading facts…")
def _load(root: str, fingerprint: str) -> Project:
    return load_project(root)


def _key() -> tuple[str, str]:
    paths = project_paths()
    return str(paths.root.resolve()), _fingerprint(paths)


def project() -> Project:
    """The project in use (``DASHBOARD_PROJECT_DIR`` or this repository)."""
    return _load(*_key())


# Plotly checks a new figure's properties with validators shared by the whole process,
# and that is not thread-safe: sessions building figures at the same moment had a bar's
# properties checked as a scatter's (ValueError, 22 of 60 sessions in the replica test).
# Figures are built one at a time.
_FIGURE_BUILDING = threading.Lock()

# Addresses kept per chart: the host is the reader's, so there is usually one; a bound
# keeps requests with made-up hosts from growing the cache.
_ADDRESSES_KEPT = 4


@dataclass(frozen=True)
class ShownChart:
    """A chart as a page shows it, with its CSV download already written: writing it
    on every rerun took more than half of a chart page's script time."""

    chart: Chart
    csv: bytes
    _addressed: dict[str, go.Figure] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, chart: Chart) -> ShownChart:
        return cls(chart, exports.to_csv(chart.data))

    def figure_at(self, address: str) -> go.Figure:
        """The figure with ``address`` on it, so that a saved image says where it comes
        from; built once per address."""
        with _FIGURE_BUILDING:
            figure = self._addressed.get(address)
            if figure is None:
                if len(self._addressed) >= _ADDRESSES_KEPT:
                    del self._addressed[next(iter(self._addressed))]
                figure = self._addressed[address] = charts.with_address(self.chart, address)
        return figure


@st.cache_resource(max_entries=64, show_spinner=False)
def _chart(chart_id: str, root: str, fingerprint: str) -> ShownChart:
    loaded = _load(root, fingerprint)
    with _FIGURE_BUILDING:
        return ShownChart.of(loaded.chart(chart_id))


def chart(loaded: LoadedChart) -> ShownChart:
    """A chart of the views, for the facts in use. Never mutated."""
    return _chart(loaded.id, *_key())


@dataclass(frozen=True)
class TimelineChoices:
    """What a timeline's filters and links can choose from."""

    partnerships: list[str]  # in register order
    topics: list[str]  # in the vocabulary's order
    topic_labels: dict[str, str]
    events: list[str]  # fact ids


@st.cache_resource(max_entries=32, show_spinner=False)
def _timeline_choices(chart_id: str, root: str, fingerprint: str) -> TimelineChoices:
    loaded = _load(root, fingerprint)
    events = loaded.selected(loaded.views.chart(chart_id))
    present = set(events["partnership"].dropna())
    return TimelineChoices(
        partnerships=[name for name in loaded.partnerships if name in present],
        topics=loaded.timeline_topics(chart_id),
        topic_labels=dict(loaded.context.topics),
        events=events["fact_id"].tolist(),
    )


def timeline_choices(loaded: LoadedChart) -> TimelineChoices:
    """A timeline's options (selecting its events takes longer than the rest of the
    page, so once per version of the facts)."""
    return _timeline_choices(loaded.id, *_key())


@st.cache_resource(max_entries=128, show_spinner=False)
def _timeline(
    chart_id: str,
    partnerships: tuple[str, ...],
    topics: tuple[str, ...],
    root: str,
    fingerprint: str,
) -> ShownChart:
    loaded = _load(root, fingerprint)
    with _FIGURE_BUILDING:
        return ShownChart.of(loaded.chart(chart_id, partnerships=partnerships, topics=topics))


def timeline(loaded: LoadedChart, partnerships: Sequence[str], topics: Sequence[str]) -> ShownChart:
    """A timeline for these partnerships and topics (no topics: every topic)."""
    return _timeline(loaded.id, tuple(partnerships), tuple(topics), *_key())


@dataclass(frozen=True)
class Overview:
    """The Overview's headline figures and key points (rows of the facts table)."""

    headlines: pd.DataFrame
    key_points: pd.DataFrame


@st.cache_resource(max_entries=32, show_spinner=False)
def _overview(root: str, fingerprint: str) -> Overview:
    loaded = _load(root, fingerprint)
    overview = loaded.views.overview
    return Overview(
        transforms.headline_figures(loaded.table, overview),
        transforms.key_points(loaded.table, overview),
    )


def overview() -> Overview:
    """The Overview's facts, selected once per version of the facts. Never mutated."""
    return _overview(*_key())


@st.cache_resource(max_entries=4, show_spinner=False)
def _version(root: str, fingerprint: str) -> str:
    return citation.content_version(project_paths(root))


def version() -> str:
    """The version of the facts in use (a content hash of facts/ and seeds/), computed
    once per version of the files."""
    return _version(*_key())


@st.cache_resource(show_spinner=False)
def data_dictionary_csv() -> bytes:
    """The data dictionary as CSV: the same for every version of the facts."""
    return exports.data_dictionary_csv()
