"""No Python names today's data: adding a source is YAML only.

Every fact id, measure, partnership, country and seed of the project's own corpus is
looked for anywhere in dashboard/ (code, strings, comments); every topic and unit name
as a string literal of its own (these are ordinary words, which prose may use; code
that compares with one writes it as a literal). A hit fails with its file and line.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest

from dashboard.paths import PACKAGE_DIR, REPO_DIR
from dashboard.views.project import load_project

# Files allowed to name the corpus for now, and why. An allowance no longer needed
# fails too, so that it is removed. (None today: the draft's cues are data.)
ALLOWED: dict[str, str] = {}


def corpus_names(root: Path) -> tuple[set[str], set[str]]:
    """(distinctive names, vocabulary words) of the project at ``root``."""
    project = load_project(root)
    names: set[str] = set()
    for item in project.factset.facts:
        fact = item.fact
        names |= {fact.id, fact.partnership, fact.source, Path(fact.source).stem}
        names |= set(fact.countries)
        if fact.measure:
            names.add(fact.measure)
    for seed in project.factset.seeds.values():
        names |= {seed.entry.partnership, seed.file, Path(seed.file).stem}
        names |= set(seed.entry.countries)
    vocabulary = project.factset.vocabulary
    assert vocabulary is not None
    return names, set(vocabulary.topics) | set(vocabulary.units)


def hits(text: str, shown: str, names: set[str], vocabulary: set[str]) -> list[str]:
    """Where a Python file's text names the corpus: 'file:line: name'."""
    found = [
        f"{shown}:{number}: {name!r}"
        for number, line in enumerate(text.splitlines(), start=1)
        for name in sorted(names)
        if name in line
    ]
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.STRING:
            continue
        try:
            value = ast.literal_eval(token.string)
        except (ValueError, SyntaxError):  # an f-string: its parts are checked as lines
            continue
        if isinstance(value, str) and value in vocabulary:
            found.append(f"{shown}:{token.start[0]}: {value!r}")
    return found


@pytest.fixture(scope="module")
def names() -> tuple[set[str], set[str]]:
    return corpus_names(REPO_DIR)


def test_no_python_in_the_dashboard_names_the_corpus(names: tuple[set[str], set[str]]) -> None:
    offences = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        shown = path.relative_to(REPO_DIR).as_posix()
        found = hits(path.read_text(encoding="utf-8"), shown, *names)
        if shown in ALLOWED:
            assert found, f"{shown} no longer names the corpus: remove it from ALLOWED"
            continue
        offences += found
    assert offences == [], "Move these names into facts/*.yaml:\n" + "\n".join(offences)


def test_the_scan_finds_what_it_looks_for(names: tuple[set[str], set[str]]) -> None:
    distinctive, vocabulary = names
    measure = max(distinctive, key=len)
    unit = sorted(vocabulary)[0]
    probe = f"# about {measure}\nWHAT = {unit!r}\nPROSE = 'a sentence, {unit}, in prose'\n"
    found = hits(probe, "probe.py", distinctive, vocabulary)
    assert f"probe.py:1: {measure!r}" in found
    assert f"probe.py:2: {unit!r}" in found
    assert not any(hit.startswith("probe.py:3:") for hit in found)
