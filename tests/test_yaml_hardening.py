"""Hostile or broken YAML: refused within a second, with a clear message, never a crash.

tests/test_validation.py covers the fact-file basics (an alias bomb, a
!!python/object/apply tag, an oversize file, deep flow nesting). Here: the same
attacks through the register, the other ways of writing them in a fact file, and
property tests that random bytes, text and YAML structures never raise out of
load_facts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.facts.errors import FactError
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.facts.yaml_source import MAX_FILE_BYTES
from tests.conftest import copy_project

FILE = "facts/zz-test.facts.yaml"
REGISTER = "facts/register.yaml"
REAL_FACTS = 34

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
TAG_HINT = "  Hint: Fact files hold plain values only: remove the '!!' tag."
ALIAS_HINT = "  Hint: Write the value out in full instead of referring to an anchor."


def block_sequence(depth: int) -> str:
    return "facts:\n" + "".join("  " * level + "-\n" for level in range(1, depth))


def block_mapping(depth: int) -> str:
    return "".join("  " * level + f"k{level}:\n" for level in range(depth))


def load_quickly(project: Path) -> FactSet:
    """Load, asserting under a second of CPU: the work an attack costs us, measured
    without the noise of other processes on a shared machine."""
    started = time.process_time()
    factset = load_facts(project)
    assert time.process_time() - started < 1.0
    return factset


# ---------------------------------------------------------------------------
# The register


REGISTER_CASES: list[tuple[str, bytes, str]] = [
    (
        "oversize",
        b"# padding\n" * (MAX_FILE_BYTES // 10 + 1),
        f"{REGISTER}: the file is 5,242,890 bytes; fact files may be at most 5,242,880\n"
        "  Hint: Split it into one fact file per seed.",
    ),
    (
        "alias bomb",
        ALIAS_BOMB.encode(),
        f"{REGISTER}:2: invalid YAML: anchors and aliases (*name) are not allowed in fact "
        f"files\n{ALIAS_HINT}",
    ),
    (
        "python tag",
        b"seeds: !!python/object/apply:os.system [touch HACKED]\n",
        f"{REGISTER}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:python/object/apply:os.system')\n{TAG_HINT}",
    ),
    (
        "deep flow nesting",
        ("seeds: " + "[" * 100 + "]" * 100 + "\n").encode(),
        f"{REGISTER}:1: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "deep block nesting",
        block_sequence(60).replace("facts:", "seeds:").encode(),
        f"{REGISTER}:33: invalid YAML: nesting deeper than 32 levels",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in REGISTER_CASES],
)
def test_hostile_register_is_refused_with_a_clear_error(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (project / "facts" / "register.yaml").write_bytes(content)
    factset = load_quickly(project)
    assert str(factset.errors[0]) == expected
    # Without a register no seed is known: no fact is shown, and each seed's facts are
    # reported once, pointing back at the register rather than at every fact.
    assert factset.facts == []
    held_back = factset.errors[1:]
    assert {error.code for error in held_back} == {"seed-unusable"}
    assert len(held_back) == 2
    assert all(f"({factset.errors[0].location})" in error.message for error in held_back)
    assert not (tmp_path / "HACKED").exists()


# ---------------------------------------------------------------------------
# Fact files: the forms test_validation.py does not try


FACT_CASES: list[tuple[str, str, str]] = [
    (
        "python/name tag",
        "facts: !!python/name:os.system\n",
        f"{FILE}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:python/name:os.system')\n{TAG_HINT}",
    ),
    (
        "python/module tag",
        "facts: !!python/module:os\n",
        f"{FILE}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:python/module:os')\n{TAG_HINT}",
    ),
    (
        "python/object/new tag",
        "facts: !!python/object/new:os.system [touch HACKED]\n",
        f"{FILE}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:python/object/new:os.system')\n{TAG_HINT}",
    ),
    (
        "python/object tag on a mapping",
        "facts:\n  - !!python/object:collections.OrderedDict {}\n",
        f"{FILE}:2: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:python/object:collections.OrderedDict')\n{TAG_HINT}",
    ),
    (
        "local tag",
        "facts: !custom 1\n",
        f"{FILE}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('!custom')\n{TAG_HINT}",
    ),
    (
        "merge key alias",
        "base: &b {id: x}\nfacts:\n  - <<: *b\n",
        f"{FILE}:3: invalid YAML: anchors and aliases (*name) are not allowed in fact "
        f"files\n{ALIAS_HINT}",
    ),
    (
        "a million open brackets",
        "facts: " + "[" * 1_000_000 + "\n",
        f"{FILE}:1: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "deep block sequence",
        block_sequence(60),
        f"{FILE}:33: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "deep block mapping",
        block_mapping(60),
        f"{FILE}:32: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "control character",
        "facts: []\n# a NUL: \x00\n",
        f"{FILE}:2: invalid YAML: non-printable character U+0000 is not allowed\n"
        "  Hint: Remove it: fact files are plain UTF-8 text.",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in FACT_CASES],
)
def test_hostile_fact_file_is_refused_with_a_clear_error(
    write_facts: Callable[[str], Path],
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_facts(content)
    factset = load_quickly(project)
    assert [str(error) for error in factset.errors] == [expected]
    assert len(factset.facts) == REAL_FACTS
    assert not (tmp_path / "HACKED").exists()


# ---------------------------------------------------------------------------
# Property tests: whatever the file holds, load_facts answers with FactErrors


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


def is_empty_fact_file(raw: bytes) -> bool:
    """A file that states nothing at all: a mapping of empty 'facts'/'exclusions'."""
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return False
    return (
        isinstance(data, dict)
        and set(data) <= {"facts", "exclusions"}
        and all(value in (None, []) for value in data.values())
    )


def check_answer(project: Path, raw: bytes) -> None:
    (project / "facts" / "zz-test.facts.yaml").write_bytes(raw)
    factset = load_facts(project)  # must not raise
    assert all(isinstance(error, FactError) for error in factset.errors)
    for error in factset.errors:
        assert error.file == FILE, str(error)
        assert error.line is None or error.line >= 1, str(error)
        assert str(error).startswith(FILE)
    assert len([item for item in factset.facts if item.file != FILE]) == REAL_FACTS
    if not factset.errors:
        loaded_here = [item for item in factset.facts if item.file == FILE]
        assert loaded_here or is_empty_fact_file(raw), raw


FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
YAML_ALPHABET = st.sampled_from(
    [*"facts:exclusions-[]{}&*!|>'\"#%@`?,.\n\t 0123456789", "\x00", "\x85", "\u2028", "é"]
)


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_raise(fuzz_project: Path, raw: bytes) -> None:
    check_answer(fuzz_project, raw)


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_text_never_raises(fuzz_project: Path, text: str) -> None:
    check_answer(fuzz_project, text.encode("utf-8"))


@FUZZ
@given(text=st.text(alphabet=YAML_ALPHABET, max_size=500))
def test_random_yaml_punctuation_never_raises(fuzz_project: Path, text: str) -> None:
    check_answer(fuzz_project, text.encode("utf-8"))


FIELDS = ["id", "statement", "topic", "value", "date", "edtf", "quote", "source", "derived"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.sampled_from(FIELDS)
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=20,
)


class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@FUZZ
@given(
    document=st.dictionaries(
        st.sampled_from(["facts", "exclusions", "other"]), values, min_size=1, max_size=3
    )
)
def test_random_yaml_structures_never_raise(fuzz_project: Path, document: dict[str, Any]) -> None:
    check_answer(fuzz_project, yaml.dump(document, Dumper=_PlainDumper).encode("utf-8"))
