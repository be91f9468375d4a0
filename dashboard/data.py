"""The data layer for the pages: the one place that caches.

The facts are loaded once per process and shared by every session (they are never
mutated: transforms return new frames). The cache key includes a fingerprint of the
seed and fact files, so an edited fact file shows on the next rerun.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import transforms
from dashboard.facts.load import FactSet, load_facts
from dashboard.paths import ProjectPaths, project_paths


@dataclass(frozen=True)
class Dataset:
    factset: FactSet
    table: pd.DataFrame


def _fingerprint(paths: ProjectPaths) -> tuple[tuple[str, int, int], ...]:
    files = [paths.register_file, *paths.fact_files(), *sorted(paths.seeds_dir.glob("*"))]
    stamps = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@st.cache_resource(max_entries=4, show_spinner="Loading facts…")
def _load(root: str, fingerprint: tuple[tuple[str, int, int], ...]) -> Dataset:
    factset = load_facts(root)
    return Dataset(factset, transforms.facts_table(factset))


def dataset() -> Dataset:
    """The facts of the project in use (``DASHBOARD_PROJECT_DIR`` or this repository)."""
    paths = project_paths()
    return _load(str(paths.root.resolve()), _fingerprint(paths))
