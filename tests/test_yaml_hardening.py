"""Hostile or broken YAML: refused within a second, with a clear message, never a crash.

tests/test_validation.py covers the fact-file basics (an alias bomb, a
!!python/object/apply tag, keys written twice). Here: the same attacks through the
register, the other ways of writing them in a fact file, nesting deep enough to crash
libyaml's composer, the reader's own answers (values and lines), and property tests
that random bytes, text and YAML structures never raise out of load_facts.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import MAX_FILE_BYTES
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.facts.yaml_source import parse_yaml
from tests.corpus_builder import GOOD_FACTS, TEST_FILE, Corpus, build_corpus

FILE = TEST_FILE
REGISTER = "facts/register.yaml"

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


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "project")


# ---------------------------------------------------------------------------
# The register


REGISTER_CASES: list[tuple[str, bytes, str]] = [
    (
        "oversize",
        b"# padding\n" * (MAX_FILE_BYTES // 10 + 1),
        f"{REGISTER}: is 5,242,890 bytes; the register may be at most 5,242,880\n"
        "  Hint: The register holds one short entry per seed: check that nothing else was "
        "pasted in.",
    ),
    (
        "alias bomb",
        ALIAS_BOMB.encode(),
        f"{REGISTER}:1: invalid YAML: anchors and aliases (*name) are not allowed in fact "
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
    corpus: Corpus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus.write("facts/register.yaml", content)
    factset = load_quickly(corpus.root)
    assert str(factset.errors[0]) == expected
    # Without a register no seed is known: no fact is shown, and each seed's facts are
    # reported once, pointing back at the register rather than at every fact.
    assert factset.facts == []
    held_back = factset.errors[1:]
    assert {error.code for error in held_back} == {ErrorCode.SEED_UNUSABLE}
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
        "an alias without its anchor",
        "facts: *nowhere\n",
        f"{FILE}:1: invalid YAML: anchors and aliases (*name) are not allowed in fact "
        f"files\n{ALIAS_HINT}",
    ),
    (
        "merge key with an alias",
        "base: &b {id: x}\nfacts:\n  - <<: *b\n",
        f"{FILE}:1: invalid YAML: anchors and aliases (*name) are not allowed in fact "
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
        f"{FILE}:33: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "control character",
        "facts: []\n# a NUL: \x00\n",
        f"{FILE}:2: invalid YAML: non-printable character U+0000 is not allowed\n"
        "  Hint: Remove it: fact files are plain UTF-8 text.",
    ),
    (
        "escape character",
        "facts: []\nexclusions: [\x1b]\n",
        f"{FILE}:2: invalid YAML: non-printable character U+001B is not allowed\n"
        "  Hint: Remove it: fact files are plain UTF-8 text.",
    ),
    (
        "merge key without an alias",
        "facts:\n  - <<: {id: x}\n",
        f"{FILE}:2: invalid YAML: merge keys (<<) are not allowed in fact files\n"
        "  Hint: Write the keys out in full.",
    ),
    (
        "set tag",
        "facts: !!set {a, b}\n",
        f"{FILE}:1: invalid YAML: YAML tags that build objects are not allowed "
        f"('tag:yaml.org,2002:set')\n{TAG_HINT}",
    ),
    (
        "a list as a key",
        "? [a, b]\n: c\n",
        f"{FILE}:1: invalid YAML: a key must be a plain value, not a list or mapping",
    ),
    (
        "a key written twice, once quoted",
        "facts: []\n'facts': []\n",
        f"{FILE}:2: invalid YAML: key 'facts' is written twice in one mapping (first at line "
        "1); the second would replace the first\n  Hint: Keep one of them.",
    ),
    (
        "a key written twice in two spellings of one number",
        "facts: []\nx:\n  1: a\n  01: b\n",
        f"{FILE}:4: invalid YAML: key '01' is written twice in one mapping (first at line "
        "3); the second would replace the first\n  Hint: Keep one of them.",
    ),
    (
        "a key written twice deep in a list",
        "facts: []\nx: [[{a: 1, a: 2}]]\n",
        f"{FILE}:2: invalid YAML: key 'a' is written twice in one mapping (first at line "
        "2); the second would replace the first\n  Hint: Keep one of them.",
    ),
    (
        "two documents",
        "facts: []\n---\nfacts: []\n",
        f"{FILE}:2: invalid YAML: a second document starts here; a fact file holds one\n"
        "  Hint: Remove the '---' line and what follows it, or put it in a file of its own.",
    ),
    (
        "a million brackets, closed",
        "facts: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n",
        f"{FILE}:1: invalid YAML: nesting deeper than 32 levels",
    ),
    (
        "deep nesting written with few brackets",
        "facts: " + "[" * 40 + "]" * 40 + "\n",
        f"{FILE}:1: invalid YAML: nesting deeper than 32 levels",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in FACT_CASES],
)
def test_hostile_fact_file_is_refused_with_a_clear_error(
    corpus: Corpus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus.write_facts(content)
    factset = load_quickly(corpus.root)
    assert [str(error) for error in factset.errors] == [expected]
    assert len(factset.facts) == GOOD_FACTS
    assert not (tmp_path / "HACKED").exists()


def test_keys_equal_once_read_are_written_twice() -> None:
    # PyYAML would keep one of them silently: true is 1 in Python.
    with pytest.raises(FactError, match="key 'true' is written twice"):
        parse_yaml("1: a\ntrue: c\n", "f")


def test_a_duplicate_key_names_both_lines_and_keeps_the_other_files(corpus: Corpus) -> None:
    corpus.write_facts("facts: []\nexclusions: []\nfacts: []\n")
    factset = load_facts(corpus.root)
    (error,) = factset.errors
    assert error.code is ErrorCode.DUPLICATE_KEY
    assert (error.line, "first at line 1") == (3, error.message.split("(")[1].split(")")[0])
    assert len(factset.facts) == GOOD_FACTS


# ---------------------------------------------------------------------------
# Deep nesting: refused as it is read; libyaml's own composer recurses in C

DEEP = 200_000
CRASHING_COMPOSE = f"""
import threading, yaml
threading.stack_size(1024 * 1024)
text = "[" * {DEEP} + "]" * {DEEP}
def compose():
    {{}}
thread = threading.Thread(target=compose)
thread.start()
thread.join()
print("survived")
"""


def run_in_small_thread(body: str) -> subprocess.CompletedProcess[str]:
    """``body`` in a thread with a 1 MB stack, in a process of its own (a crash is its)."""
    return subprocess.run(
        [sys.executable, "-c", CRASHING_COMPOSE.format(body)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="stack sizes as on Linux")
def test_libyaml_composer_alone_crashes_on_deep_input() -> None:
    """Why the reader never composes: this is what it avoids."""
    done = run_in_small_thread("yaml.load(text, Loader=yaml.CSafeLoader)")
    assert done.returncode < 0 and "survived" not in done.stdout  # killed by a signal


def test_the_reader_refuses_deep_input_without_recursing() -> None:
    body = (
        "from dashboard.facts.yaml_source import parse_yaml\n"
        "    from dashboard.facts.errors import FactError\n"
        "    try:\n"
        "        parse_yaml(text, 'f')\n"
        "    except FactError as error:\n"
        "        print(error)"
    )
    done = run_in_small_thread(body)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "f:1: invalid YAML: nesting deeper than 32 levels\nsurvived\n"


# ---------------------------------------------------------------------------
# What the reader gives: PyYAML's safe values, and the line of each


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, 'y', \"z\"]\n",
        "x",
        "[1, 2, {a: b}]",
        "- - - x\n",
        "a:\n- x\n- y\nb: c\n",
        "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
        "a: yes\nb: no\nc: on\nd: ~\ne: null\nf: ''\ng:\n",
        "a: 0x1F\nb: 0o17\nc: 1_000\nd: 1:30\ne: -.inf\nf: +1.5e3\ng: .nan\n",
        "a: 2024-10-07\nc: '2024-10-07'\n",
        "1: a\nfalse: c\nnull: d\n1.5: e\n",
        "a: !!str 1\nb: !!int '2'\n",
        "a: The quick fox\nb: true story\nc: null and void\nd: no way\n",
        "%YAML 1.1\n---\na: 1\n",
        "[" * 32 + "]" * 32,
    ],
)
def test_values_are_those_of_pyyaml_safe_load(text: str) -> None:
    expected = yaml.safe_load(text)
    data = parse_yaml(text, "f").data
    if expected != expected or data != data:  # a NaN: compare its text
        assert repr(data) == repr(expected)
    else:
        assert data == expected
        assert repr(data) == repr(expected)  # the same types, keys in the same order


def test_line_of_falls_back_to_the_nearest_parent_and_field_lines_are_by_name() -> None:
    document = parse_yaml("facts:\n- id: x\n  value: 1\n  date:\n    edtf: '2024'\n", "f")
    assert document.line_of(()) == 1
    assert document.line_of(("facts", 0)) == 2
    assert document.line_of(("facts", 0, "date", "edtf")) == 5
    assert document.line_of(("facts", 0, "date", "precision")) == 4
    assert document.line_of(("facts", 1, "id")) == 1
    assert document.field_lines(("facts", 0)) == {"id": 2, "value": 3, "date": 4}
    assert document.field_lines(("facts", 5)) == {}


# ---------------------------------------------------------------------------
# Property tests: whatever the file holds, load_facts answers with FactErrors


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("fuzz") / "project").root


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
    assert len([item for item in factset.facts if item.file != FILE]) == GOOD_FACTS
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


def same(first: Any, second: Any) -> bool:
    """Equal, of the same types all the way down, keys in the same order (NaN is NaN)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return list(map(repr, first)) == list(map(repr, second)) and all(
            same(a, b) for a, b in zip(first.values(), second.values(), strict=True)
        )
    if isinstance(first, list):
        return len(first) == len(second) and all(
            same(a, b) for a, b in zip(first, second, strict=True)
        )
    return repr(first) == repr(second)


@FUZZ
@given(document=values, flow=st.sampled_from([None, True, False]), width=st.integers(5, 200))
def test_the_reader_reads_what_pyyaml_safe_load_reads(
    document: Any, flow: bool | None, width: int
) -> None:
    """Whatever PyYAML writes, the reader gives PyYAML's own values, or refuses a key
    that is written twice once read (PyYAML keeps the last silently: 1 and true)."""
    text = yaml.dump(document, Dumper=_PlainDumper, default_flow_style=flow, width=width)
    try:
        read = parse_yaml(text, "f").data
    except FactError as error:
        assert error.code is ErrorCode.DUPLICATE_KEY, str(error)
        return
    assert same(read, yaml.safe_load(text)), text
