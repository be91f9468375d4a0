"""The loader's fast paths give exactly what the plain forms they stand in for give.

yaml_source reads plain documents straight from libyaml's events and hands anything
else to the exact reader (compose, construct, walk for lines); coverage finds numbers
with a pattern that skips ahead, and matches them to quotes span by span; load_facts
pauses the cycle collector; paths resolve the facts folder once. Each is checked here
against the simple form, on the project's own files and on generated ones.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.facts import load as load_module
from dashboard.facts.coverage import (
    NUMBER_FORMS,
    NUMBER_PATTERN,
    NumberMention,
    coverage_errors,
    find_numbers,
    mentions,
)
from dashboard.facts.errors import FactError
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.facts.yaml_source import (
    LineTree,
    YamlDocument,
    _parse_exact,
    _read_fast,
    parse_yaml,
)
from dashboard.paths import REPO_DIR, ProjectPaths

# ---------------------------------------------------------------------------
# YAML: the fast reader against the exact one


def flat_lines(tree: LineTree, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """The lines by path, as one dict (the form they had before the tree)."""
    lines = {(): tree.line} if not path else {}
    for key, line in tree.lines.items():
        lines[(*path, key)] = line
    for key, child in tree.children.items():
        lines.update(flat_lines(child, (*path, key)))
    return lines


def same_value(first: Any, second: Any) -> bool:
    """Equal, of the same types all the way down, keys in the same order."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return [repr(key) for key in first] == [repr(key) for key in second] and all(
            same_value(a, b) for a, b in zip(first.values(), second.values(), strict=True)
        )
    if isinstance(first, list):
        return len(first) == len(second) and all(
            same_value(a, b) for a, b in zip(first, second, strict=True)
        )
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)


def exact_answer(text: str) -> YamlDocument | str:
    try:
        return _parse_exact(text, "f")
    except FactError as error:
        return str(error)


def check_fast_reader(text: str) -> bool:
    """If the fast reader answers, the exact one gives the same values and lines.
    True when the fast reader answered."""
    fast = _read_fast(text)
    if fast is None:
        return False
    exact = exact_answer(text)
    assert isinstance(exact, YamlDocument), (text, exact)
    assert same_value(fast.data, exact.data), (text, fast.data, exact.data)
    assert flat_lines(fast.tree) == flat_lines(exact.tree), text
    return True


PROJECT_FILES = sorted((REPO_DIR / "facts").glob("*.yaml"))


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda path: path.name)
def test_the_fast_reader_reads_every_project_file_as_the_exact_one(path: Path) -> None:
    assert check_fast_reader(path.read_text(encoding="utf-8"))


PLAIN = [
    "a: 1\nb: [x, 'y', \"z\"]\n",
    "---\n",
    "x",
    "[1, 2, {a: b}]",
    "- - - x\n",
    "a:\n- x\n- y\nb: c\n",
    "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
    "a: yes\nb: no\nc: on\nd: ~\ne: null\nf: ''\ng:\n",
    "a: 0x1F\nb: 0o17\nc: 1_000\nd: 1:30\ne: -.inf\nf: +1.5e3\ng: .nan\n",
    "a: 2024-10-07\nb: 2001-12-14t21:59:43.10-05:00\nc: '2024-10-07'\n",
    "1: a\n01: b\ntrue: c\nnull: d\n1.0: e\n",
    ".nan: 1\n.NaN: 2\n",  # one key: PyYAML builds every NaN as the same object
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "[" * 31 + "]" * 31,
]
HANDED_BACK = [
    "",
    "# only a comment\n",
    "a: &x 1\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: ! 1\n",
    "a: !custom 1\n",
    "<<: {a: 1}\n",
    "=: 1\n",
    "a: =\n",
    "? [a, b]\n: c\n",
    "a: 1\na: 2\n",
    "a:\n  x: 1\n  y: 2\na:\n  x: 3\n",
    "- a\n---\n- b\n",
    "[" * 32 + "]" * 32,
    "[" * 40 + "]" * 40,
    "a: [1, 2",
    "a: b: c",
    "\ta: 1",
    "a: 1\n\x07",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_documents_are_read_fast_and_the_same(text: str) -> None:
    assert check_fast_reader(text)


@pytest.mark.parametrize("text", HANDED_BACK)
def test_anything_else_is_handed_to_the_exact_reader(text: str) -> None:
    assert _read_fast(text) is None
    exact = exact_answer(text)
    parsed: YamlDocument | str
    try:
        parsed = parse_yaml(text, "f")
    except FactError as error:
        parsed = str(error)
    if isinstance(exact, str):
        assert parsed == exact
    else:
        assert isinstance(parsed, YamlDocument)
        assert same_value(parsed.data, exact.data)
        assert flat_lines(parsed.tree) == flat_lines(exact.tree)


def test_a_key_written_twice_keeps_the_lines_it_always_had() -> None:
    # The later value wins; lines only the earlier value had stay (they always did).
    document = parse_yaml("a:\n  x: 1\n  y: 2\na:\n  x: 3\n", "f")
    assert document.data == {"a": {"x": 3}}
    assert document.line_of(("a",)) == 4
    assert document.line_of(("a", "x")) == 5
    assert document.line_of(("a", "y")) == 3
    assert document.line_of(("a", "z")) == 4
    assert document.line_of(("b", "x")) == 1


def test_line_of_falls_back_to_the_nearest_parent_and_field_lines_are_by_name() -> None:
    document = parse_yaml("facts:\n- id: x\n  value: 1\n  date:\n    edtf: '2024'\n", "f")
    assert document.line_of(()) == 1
    assert document.line_of(("facts", 0)) == 2
    assert document.line_of(("facts", 0, "date", "edtf")) == 5
    assert document.line_of(("facts", 0, "date", "precision")) == 4
    assert document.line_of(("facts", 1, "id")) == 1
    assert document.line_of(("facts", -1)) == 1
    assert document.field_lines(("facts", 0)) == {"id": 2, "value": 3, "date": 4}
    assert document.field_lines(("facts", 5)) == {}


FIELDS = ["id", "statement", "value", "date", "edtf", "quote", "<<", "=", "1", "true"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from([*FIELDS, "2024-10-07", "0x1F", "1_000", ".inf", "~", "yes", "Null"])
)
structures: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=25,
)


class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(document=structures, flow=st.sampled_from([None, True, False]), width=st.integers(5, 200))
def test_any_dumped_structure_is_read_as_the_exact_reader_reads_it(
    document: Any, flow: bool | None, width: int
) -> None:
    text = yaml.dump(document, Dumper=_PlainDumper, default_flow_style=flow, width=width)
    check_fast_reader(text)


YAML_PIECES = st.sampled_from(
    [*"-:[]{},&*!|>'\"#%?. \n\t0123456789xyé", "\u2028", "true", "~", "<<", "=", "---\n", "a: "]
)


@FUZZ
@given(pieces=st.lists(YAML_PIECES, max_size=60))
def test_any_yaml_punctuation_is_read_as_the_exact_reader_reads_it(pieces: list[str]) -> None:
    check_fast_reader("".join(pieces))


@FUZZ
@given(lines=st.lists(st.integers(0, 10_000), max_size=6), data=st.data())
def test_a_fact_file_with_lines_changed_is_read_as_the_exact_reader_reads_it(
    lines: list[int], data: st.DataObject
) -> None:
    text = (REPO_DIR / "facts" / "register.yaml").read_text(encoding="utf-8").split("\n")
    for number in lines:
        index = number % len(text)
        text[index] = data.draw(st.sampled_from([text[index][1:], text[index] * 2, "", "  x: 1"]))
    check_fast_reader("\n".join(text))


# ---------------------------------------------------------------------------
# Coverage: the quicker number pattern, and quotes matched span by span


def plain_numbers(text: str) -> list[tuple[str, int, int]]:
    pattern = re.compile(NUMBER_FORMS, re.IGNORECASE)
    return [(m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]


def test_the_number_pattern_only_adds_a_shortcut() -> None:
    assert NUMBER_PATTERN.pattern.endswith(f"(?:{NUMBER_FORMS})")
    for path in (REPO_DIR / "seeds").iterdir():
        text = path.read_text(encoding="utf-8")
        assert find_numbers(text) == plain_numbers(text)


NUMBER_TEXT = st.sampled_from(
    [*"0123456789.,%- \n_aeiouxyz", "ſ", "K", "٣", "۱", "é", "one", "Twenty", "thousands"]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(NUMBER_TEXT, max_size=30))
def test_the_number_pattern_finds_what_the_plain_pattern_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_numbers(text) == plain_numbers(text)


def reference_mentions(factset: FactSet) -> list[NumberMention]:
    """Number by number, every quote of the seed tried each time (the plain form)."""
    found = []
    facts_of = defaultdict(list)
    for item in factset.facts:
        facts_of[item.fact.source].append(item)
    exclusions_of = defaultdict(list)
    for excluded in factset.exclusions:
        exclusions_of[excluded.exclusion.source].append(excluded)

    def spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
        start = text.find(quote)
        while start != -1:
            yield start, start + len(quote)
            start = text.find(quote, start + 1)

    for seed in factset.seeds.values():
        quotes = [
            (span, item.fact.id)
            for item in facts_of[seed.file]
            for span in spans(seed.text, item.fact.quote)
        ]
        exclusions = [
            (span, excluded.exclusion.reason)
            for excluded in exclusions_of[seed.file]
            for span in spans(seed.text, excluded.exclusion.quote)
        ]
        for text, start, end in plain_numbers(seed.text):
            ids = tuple(dict.fromkeys(i for (a, b), i in quotes if a <= start and end <= b))
            reason = next((r for (a, b), r in exclusions if a <= start and end <= b), None)
            line = seed.text.count("\n", 0, start) + 1
            found.append(NumberMention(seed.file, text, start, end, line, ids, reason))
    return found


def synth_facts() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "synth_facts", REPO_DIR / "scripts" / "synth_facts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve synthetic seeds beside the real ones; some facts and exclusions dropped,
    so that some numbers are left uncovered."""
    project: Path = synth_facts().generate(
        tmp_path_factory.mktemp("synth") / "project", seeds=12, with_real=True
    )
    for number, path in enumerate(sorted((project / "facts").glob("syn*.facts.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["facts"] = data["facts"][number % 3 :: 2]
        data["exclusions"] = data.get("exclusions", [])[number % 2 :]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return project


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_mentions_and_coverage_errors_are_those_of_the_plain_form(
    which: str, synthetic: Path
) -> None:
    factset = load_facts(REPO_DIR if which == "real" else synthetic, coverage=False)
    expected = reference_mentions(factset)
    assert mentions(factset) == expected
    uncovered = [m for m in expected if not m.covered]
    assert [(error.file, error.line) for error in coverage_errors(factset)] == [
        (f"seeds/{m.seed}", m.line) for m in uncovered
    ]
    assert [error.message for error in coverage_errors(factset)] == [
        f"{m.text!r} is not covered by any fact or exclusion" for m in uncovered
    ]
    if which == "synthetic":
        assert uncovered
        assert any(len(m.fact_ids) > 1 for m in expected)


# ---------------------------------------------------------------------------
# The cycle collector, paused for a load and then as it was


def test_a_load_leaves_the_collector_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    load_facts(REPO_DIR)
    assert gc.isenabled()
    gc.disable()
    try:
        load_facts(REPO_DIR)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def broken(*args: object, **kwargs: object) -> FactSet:
        assert not gc.isenabled()
        raise RuntimeError("broken")

    monkeypatch.setattr(load_module, "_load_facts", broken)
    with pytest.raises(RuntimeError):
        load_facts(REPO_DIR)
    assert gc.isenabled()


def test_overlapping_loads_switch_the_collector_back_on_after_the_last() -> None:
    # Two sessions' threads loading at once, the first finishing first: the collector
    # stays paused until the second is done too, then is on again.
    assert gc.isenabled()
    pause = load_module._CollectorPause()
    first, second = pause(), pause()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second load is still running
    second.__exit__(None, None, None)
    assert gc.isenabled()


# ---------------------------------------------------------------------------
# Paths: the facts folder resolved once, links still followed


def test_relative_names_follow_links_as_resolve_does(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "facts").mkdir(parents=True)
    (root / "facts" / "a.facts.yaml").write_text("facts: []\n", encoding="utf-8")
    (tmp_path / "elsewhere.facts.yaml").write_text("facts: []\n", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.facts.yaml", root / "facts" / "link.facts.yaml")
    os.symlink(root, tmp_path / "via-link")
    for given_root in (root, tmp_path / "via-link", Path(os.path.relpath(root))):
        paths = ProjectPaths(given_root)
        for path in (
            paths.facts_dir / "a.facts.yaml",
            paths.facts_dir / "link.facts.yaml",
            paths.facts_dir / "missing.facts.yaml",
            paths.facts_dir / "..",
            paths.register_file,
            tmp_path / "elsewhere.facts.yaml",
        ):
            try:
                expected = path.resolve().relative_to(given_root.resolve()).as_posix()
            except ValueError:
                expected = path.as_posix()
            assert paths.relative(path) == expected, (given_root, path)
