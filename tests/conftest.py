"""Shared fixtures: fixture projects of their own, and copies of projects to change.

The code's tests run on the fixture corpora under tests/fixtures/ (small projects with
invented partnerships, countries, measures, topics and units, so that no name of the
real corpus can pass a test by accident). The real corpus gets only the checks that
hold for any valid corpus (tests/test_real_facts.py).

``project``, ``write_facts`` and ``BASE_FACT`` are a copy of this repository's own
project, for the fact layer's tests of bad input.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.citation import Edition
from dashboard.paths import PROJECT_DIR_ENV, REPO_DIR
from dashboard.views.project import Project, load_project

FIXTURES_DIR = REPO_DIR / "tests" / "fixtures"
# The main fixture corpus: two invented partnerships' articles, every chart kind.
HARBOURS = FIXTURES_DIR / "harbours"
# What a citation needs besides the dataset, fixed for the tests of files.
EDITION = Edition(
    version="0123456789ab", accessed=dt.date(2026, 3, 4), address="https://dash.example/"
)

BASE_FACT = """\
facts:
  - id: test-fact
    statement: A test fact.
    topic: crossings
    partnership: UK–Albania
    countries: [United Kingdom]
    value: 509
    unit: people
    exactness: exact
    status: happened
    date: {edtf: "2024-10-14/2024-10-20", precision: week, reason: "A test fact's week."}
    source: 000_ed660ce8024e48cd.txt
    quote: "509 individuals crossed the Channel"
"""


@functools.cache
def load_test_module() -> ModuleType:
    """scripts/load_test.py (not a package), for the tests that drive it; loaded once."""
    spec = importlib.util.spec_from_file_location(
        "load_test", REPO_DIR / "scripts" / "load_test.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def copy_project(destination: Path) -> Path:
    """A copy of seeds/ and facts/ that a test may change freely."""
    for folder in ("seeds", "facts"):
        shutil.copytree(REPO_DIR / folder, destination / folder)
    return destination


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def write_facts(project: Path) -> Callable[[str | bytes], Path]:
    """Write an extra fact file into the temporary project."""

    def write(content: str | bytes, name: str = "zz-test.facts.yaml") -> Path:
        path = project / "facts" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def copy_fixture(name: str, destination: Path) -> Path:
    """A copy of a fixture project (its seeds/ and facts/) that a test may change."""
    shutil.copytree(FIXTURES_DIR / name, destination)
    return destination


@pytest.fixture
def harbours(tmp_path: Path) -> Path:
    """A copy of the harbours fixture project, to change."""
    return copy_fixture("harbours", tmp_path / "harbours")


@functools.cache
def harbours_project() -> Project:
    """The harbours fixture project, loaded once (never changed)."""
    return load_project(HARBOURS)


@pytest.fixture
def on_harbours(monkeypatch: pytest.MonkeyPatch) -> Project:
    """The app (and the data layer) pointed at the harbours fixture project."""
    monkeypatch.setenv(PROJECT_DIR_ENV, str(HARBOURS))
    return harbours_project()
