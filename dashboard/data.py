"""The data layer for the pages: the one place that caches.

The facts are loaded once per process and shared by every session (they are never
mutated: transforms return new frames). The cache key includes a fingerprint of the
seed and fact files, so an edited fact file shows on the next rerun.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import charts, exports, transforms
from dashboard.charts import Chart
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.paths import ProjectPaths, project_paths


@dataclass(frozen=True)
class Dataset:
    factset: FactSet
    table: pd.DataFrame


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
def _load(root: str, fingerprint: str) -> Dataset:
    factset = load_facts(root)
    return Dataset(factset, transforms.facts_table(factset))


def _key() -> tuple[str, str]:
    paths = project_paths()
    return str(paths.root.resolve()), _fingerprint(paths)


def dataset() -> Dataset:
    """The facts of the project in use (``DASHBOARD_PROJECT_DIR`` or this repository)."""
    return _load(*_key())


@dataclass(frozen=True)
class ShownChart:
    """A chart as a page shows it, with its CSV download already written: writing it
    on every rerun took more than half of a chart page's script time."""

    chart: Chart
    csv: bytes

    @classmethod
    def of(cls, chart: Chart) -> ShownChart:
        return cls(chart, exports.to_csv(chart.data))


# The charts each page draws, built once per version of the facts and shared by every
# session (building a Plotly figure costs more than drawing it). Never mutated.
CHARTS: dict[str, Callable[[pd.DataFrame], Chart]] = {
    "crossings_totals": charts.crossings_totals,
    "crossings_one_day": charts.crossings_one_day,
    "deportations_returns": charts.deportations_returns,
    "bibby_stockholm": charts.bibby_stockholm,
}


@st.cache_resource(max_entries=32, show_spinner=False)
def _chart(name: str, root: str, fingerprint: str) -> ShownChart:
    return ShownChart.of(CHARTS[name](_load(root, fingerprint).table))


def chart(name: str) -> ShownChart:
    """One of CHARTS, for the facts in use."""
    return _chart(name, *_key())


@dataclass(frozen=True)
class Overview:
    """The Overview's headline figures and key points (rows of the facts table)."""

    headlines: pd.DataFrame
    key_points: pd.DataFrame


@st.cache_resource(max_entries=32, show_spinner=False)
def _overview(root: str, fingerprint: str) -> Overview:
    table = _load(root, fingerprint).table
    return Overview(transforms.headline_figures(table), transforms.key_points(table))


def overview() -> Overview:
    """The Overview's facts, selected once per version of the facts. Never mutated."""
    return _overview(*_key())


@dataclass(frozen=True)
class TimelineChoices:
    """What the Timeline's filters and links can choose from."""

    partnerships: list[str]
    topics: list[str]
    events: list[str]  # fact ids


@st.cache_resource(max_entries=32, show_spinner=False)
def _timeline_choices(root: str, fingerprint: str) -> TimelineChoices:
    table = _load(root, fingerprint).table
    return TimelineChoices(
        partnerships=transforms.partnerships(table),
        topics=transforms.timeline_topics(table),
        events=transforms.timeline_events(table)["fact_id"].tolist(),
    )


def timeline_choices() -> TimelineChoices:
    """The Timeline's options for the facts in use (selecting the events takes longer
    than the rest of the page, so once per version of the facts)."""
    return _timeline_choices(*_key())


@st.cache_resource(max_entries=128, show_spinner=False)
def _timeline(
    partnerships: tuple[str, ...], topics: tuple[str, ...], root: str, fingerprint: str
) -> ShownChart:
    table = _load(root, fingerprint).table
    events = transforms.timeline_events(table, partnerships, topics or None)
    every_partnership = _timeline_choices(root, fingerprint).partnerships
    return ShownChart.of(charts.timeline(events, partnerships=every_partnership))


def timeline(partnerships: Sequence[str], topics: Sequence[str]) -> ShownChart:
    """The timeline for these partnerships and topics (no topics: every topic)."""
    return _timeline(tuple(partnerships), tuple(topics), *_key())


@st.cache_resource(show_spinner=False)
def data_dictionary_csv() -> bytes:
    """The data dictionary as CSV: the same for every version of the facts."""
    return exports.data_dictionary_csv()
