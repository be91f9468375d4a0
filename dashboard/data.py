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

from dashboard import charts, transforms
from dashboard.charts import Chart
from dashboard.facts.load import FactSet, load_facts
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


# The charts each page draws, built once per version of the facts and shared by every
# session (building a Plotly figure costs more than drawing it). Never mutated.
CHARTS: dict[str, Callable[[pd.DataFrame], Chart]] = {
    "crossings_totals": charts.crossings_totals,
    "crossings_one_day": charts.crossings_one_day,
    "deportations_returns": charts.deportations_returns,
    "bibby_stockholm": charts.bibby_stockholm,
}


@st.cache_resource(max_entries=32, show_spinner=False)
def _chart(name: str, root: str, fingerprint: str) -> Chart:
    return CHARTS[name](_load(root, fingerprint).table)


def chart(name: str) -> Chart:
    """One of CHARTS, for the facts in use."""
    return _chart(name, *_key())


@st.cache_resource(max_entries=128, show_spinner=False)
def _timeline(
    partnerships: tuple[str, ...], topics: tuple[str, ...], root: str, fingerprint: str
) -> Chart:
    table = _load(root, fingerprint).table
    events = transforms.timeline_events(table, partnerships, topics or None)
    return charts.timeline(events, partnerships=transforms.partnerships(table))


def timeline(partnerships: Sequence[str], topics: Sequence[str]) -> Chart:
    """The timeline for these partnerships and topics (no topics: every topic)."""
    return _timeline(tuple(partnerships), tuple(topics), *_key())
