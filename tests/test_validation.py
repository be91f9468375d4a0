"""Every kind of bad input, with the exact message a curator sees."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.facts.load import load_facts
from dashboard.facts.yaml_source import MAX_FILE_BYTES
from tests.conftest import BASE_FACT

FILE = "facts/zz-test.facts.yaml"
REAL_FACTS = 34  # facts in the real fact files; a bad extra file must not lose any


def with_change(old: str, new: str) -> str:
    assert old in BASE_FACT, old
    return BASE_FACT.replace(old, new)


DATE = 'date: {edtf: "2024-10-14/2024-10-20", precision: week}'
QUOTE = 'quote: "509 individuals crossed the Channel"'
NUMBER_HINT = "  Hint: Write numbers without quotes or thousands separators: 29154, not '29,154'."
DERIVED = (
    "    value: 47\n    derived:\n      method: ratio\n"
    "      inputs: {numerator: %s, denominator: uk-crossings-one-day-boats}\n"
    "      decimals: 0\n"
)
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES: list[tuple[str, str | bytes, list[str]]] = [
    (
        "malformed YAML",
        with_change("statement: A test fact.", "statement: [unclosed"),
        [
            f"{FILE}:4: invalid YAML: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence at line 3)"
        ],
    ),
    (
        "wrong type",
        with_change("value: 509", "value: many"),
        [
            f"{FILE}:7: test-fact.value: Input should be a valid number, unable to parse "
            "string as a number (got 'many')\n" + NUMBER_HINT
        ],
    ),
    (
        "number written as text",
        with_change("value: 509", 'value: "29,154"'),
        [
            f"{FILE}:7: test-fact.value: Input should be a valid number, unable to parse "
            "string as a number (got '29,154')\n" + NUMBER_HINT
        ],
    ),
    (
        "missing field",
        with_change("    topic: crossings\n", ""),
        [f"{FILE}:2: test-fact.topic: required field is missing"],
    ),
    (
        "unknown field",
        with_change("    unit: people\n", "    unit: people\n    colour: red\n"),
        [
            f"{FILE}:9: test-fact.colour: unknown field\n  Hint: Allowed here: id, statement, "
            "topic, partnership, countries, measure, value, unit, exactness, wording, lower, "
            "upper, status, date, derived, source, quote, notes, draft."
        ],
    ),
    (
        "unknown topic",
        with_change("topic: crossings", "topic: crossing"),
        [
            f"{FILE}:4: test-fact.topic: unknown topic 'crossing'\n  Hint: Topics in "
            "facts/vocabularies.yaml: crossings, deportations, voluntary returns, seizures, "
            "agreements, appointments, meetings, visits, operations, accommodation, "
            "migration, smuggling, policy. Use one of them, or add the topic there with "
            "its label."
        ],
    ),
    (
        "unknown seed",
        with_change("source: 000_ed660ce8024e48cd.txt", "source: 999_missing.txt"),
        [
            f"{FILE}:12: test-fact.source: unknown seed '999_missing.txt'\n  Hint: Registered "
            "seeds: 000_ed660ce8024e48cd.txt, 004_040e6e274c70a35f.txt. Add a seed with "
            "'python -m dashboard add-seed FILE'."
        ],
    ),
    (
        "quote not in the seed",
        with_change(QUOTE, 'quote: "510 individuals crossed the Channel"'),
        [
            f"{FILE}:13: test-fact.quote: not found verbatim in seeds/000_ed660ce8024e48cd.txt\n"
            "  Hint: Copy the passage character for character from the seed."
        ],
    ),
    (
        "straight quote where the seed has a curly one",
        with_change(QUOTE, 'quote: "Albania\'s capital"'),
        [
            f"{FILE}:13: test-fact.quote: not found verbatim in seeds/000_ed660ce8024e48cd.txt\n"
            "  Hint: The passage differs from the seed only in quotation marks or dashes: the "
            "seed uses curly quotes (’ “ ”) and dashes (— –). Copy it from the seed."
        ],
    ),
    (
        "duplicate id",
        BASE_FACT + BASE_FACT.split("facts:\n", 1)[1],
        [
            f"{FILE}:14: test-fact.id: duplicate id 'test-fact' (first used at {FILE}:2)\n"
            "  Hint: Ids are unique across all fact files."
        ],
    ),
    (
        "impossible date",
        with_change(DATE, 'date: {edtf: "2024-02-30", precision: day}'),
        [
            f"{FILE}:11: test-fact.date.edtf: '2024-02-30' is not a real date "
            "(check the day of the month)"
        ],
    ),
    (
        "interval that ends before it starts",
        with_change(DATE, 'date: {edtf: "2024-10/2024-01", precision: span}'),
        [f"{FILE}:11: test-fact.date.edtf: '2024-10/2024-01' ends before it starts"],
    ),
    (
        "open interval",
        with_change(DATE, 'date: {edtf: "../2024-10-20", precision: span}'),
        [
            f"{FILE}:11: test-fact.date.edtf: '../2024-10-20' has an open or unknown end; "
            "intervals here must be closed (START/END)"
        ],
    ),
    (
        "precision that disagrees with the date",
        with_change(DATE, 'date: {edtf: "2024-10", precision: day}'),
        [
            f"{FILE}:11: test-fact.date.precision: precision 'day' disagrees with '2024-10', "
            "which is a month\n  Hint: Use precision: month."
        ],
    ),
    (
        "relative date outside what the phrase allows",
        with_change(
            DATE,
            'date:\n      edtf: "2024-10-21/2024-10-27"\n      precision: week\n'
            '      relative: {phrase: last week, reference: "2024-10-26", rule: last_week}',
        ),
        [
            f"{FILE}:12: test-fact.date.edtf: '2024-10-21/2024-10-27' is outside what "
            "'last week' allows from 2024-10-26: 2024-10-14 to 2024-10-20 "
            "(the Monday-to-Sunday week before the reference week)"
        ],
    ),
    (
        "derived value that does not recompute",
        with_change("    value: 509\n", DERIVED % "uk-crossings-one-day-people"),
        [
            f"{FILE}:8: test-fact.derived: value 47 does not recompute: ratio gives 46\n"
            "  Hint: Check the inputs and the rounding (decimals)."
        ],
    ),
    (
        "derived fact whose input is missing",
        with_change("    value: 509\n", DERIVED % "no-such-fact"),
        [
            f"{FILE}:8: test-fact.derived: input numerator 'no-such-fact' is not a loaded fact\n"
            "  Hint: Check the inputs and the rounding (decimals)."
        ],
    ),
    (
        "value not in its quote",
        with_change("value: 509", "value: 510"),
        [
            f"{FILE}:7: test-fact.value: 510 does not appear in the quote (looked for '510')\n"
            "  Hint: Quote the passage that states the number, or mark the fact derived."
        ],
    ),
    (
        "bound given a value",
        with_change(
            "exactness: exact", "exactness: bound\n    wording: 509 individuals\n    lower: 400"
        ),
        [
            f"{FILE}:7: test-fact.value: a bound has no value: the seed does not state the "
            "number\n  Hint: Use lower and/or upper, and leave value out."
        ],
    ),
    (
        "approximate figure without its wording",
        with_change("exactness: exact", "exactness: approximate"),
        [
            f"{FILE}:2: test-fact.wording: an approximate figure needs the seed's wording\n"
            "  Hint: e.g. wording: around 50"
        ],
    ),
    (
        "draft fact",
        with_change("    status: happened\n", "    status: happened\n    draft: true\n"),
        [
            f"{FILE}:11: test-fact.draft: this fact is a draft and has not been reviewed\n"
            "  Hint: Check every field against the seed, then delete the line 'draft: true'."
        ],
    ),
    (
        "python object tag",
        with_change("value: 509", "value: !!python/object/apply:os.system [touch HACKED]"),
        [
            f"{FILE}:7: invalid YAML: YAML tags that build objects are not allowed "
            "('tag:yaml.org,2002:python/object/apply:os.system')\n"
            "  Hint: Fact files hold plain values only: remove the '!!' tag."
        ],
    ),
    (
        "alias bomb",
        ALIAS_BOMB,
        [
            f"{FILE}:2: invalid YAML: anchors and aliases (*name) are not allowed in fact files\n"
            "  Hint: Write the value out in full instead of referring to an anchor."
        ],
    ),
    (
        "empty file",
        "",
        [
            f"{FILE}:1: the file is empty\n  Hint: A fact file is a mapping with a 'facts:' list; "
            "see README.md."
        ],
    ),
    (
        "file that is not UTF-8",
        BASE_FACT.replace("A test fact.", "A test fact \xe9.")
        .encode()
        .replace(b"\xc3\xa9", b"\xe9"),
        [
            f"{FILE}:3: the file is not UTF-8 (byte 0xe9 at offset 52)\n"
            "  Hint: Save the file as UTF-8."
        ],
    ),
    (
        "a list where a mapping belongs",
        "- a\n- b\n",
        [
            f"{FILE}:1: expected a mapping with 'facts:', got list\n"
            "  Hint: Start the file with 'facts:'; see README.md."
        ],
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in CASES],
)
def test_bad_input_gives_exact_message_and_keeps_other_facts(
    write_facts: Callable[[str | bytes], Path],
    project: Path,
    content: str | bytes,
    expected: list[str],
) -> None:
    write_facts(content)
    started = time.perf_counter()
    factset = load_facts(project)
    assert time.perf_counter() - started < 1.0  # the alias bomb is refused, not expanded
    assert [str(error) for error in factset.errors] == expected
    real_ids = {item.fact.id for item in factset.facts if item.file != FILE}
    assert len(real_ids) == REAL_FACTS


def test_python_tag_executes_nothing(
    write_facts: Callable[[str | bytes], Path],
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_facts(with_change("value: 509", "value: !!python/object/apply:os.system [touch HACKED]"))
    load_facts(project)
    assert not (tmp_path / "HACKED").exists()


def test_several_errors_in_one_file_are_all_reported(
    write_facts: Callable[[str | bytes], Path], project: Path
) -> None:
    write_facts(with_change("value: 509", "value: many").replace("topic: crossings", "topic: x"))
    messages = [error.field for error in load_facts(project).errors]
    assert messages == ["test-fact.topic", "test-fact.value"]


def test_seed_whose_sha256_no_longer_matches(project: Path) -> None:
    seed = project / "seeds" / "004_040e6e274c70a35f.txt"
    seed.write_bytes(seed.read_bytes() + b"\n")
    factset = load_facts(project)
    changed = hashlib.sha256(seed.read_bytes()).hexdigest()
    assert str(factset.errors[0]) == (
        f"facts/register.yaml:25: seeds[1].sha256: seeds/004_040e6e274c70a35f.txt has changed: "
        f"its sha256 is {changed}, the register says "
        "10736210930db32889b551212e904ace4c50067e38d1c5888782e7fa26a8ca0c\n"
        "  Hint: Seeds are never edited. Restore the original file; a new version of a "
        "document is a new seed."
    )
    # The other seed's facts still load; the changed seed's are reported, not dropped silently.
    sources = {item.fact.source for item in factset.facts}
    assert sources == {"000_ed660ce8024e48cd.txt"}
    assert [str(e) for e in factset.errors[1:]] == [
        "facts/004_040e6e274c70a35f.facts.yaml:1: source: 20 fact(s) from seed "
        "004_040e6e274c70a35f.txt are not shown: the seed failed its checks "
        "(facts/register.yaml:24)\n  Hint: Fix the seed or its register entry first."
    ]


def test_oversize_file_is_refused_quickly(
    write_facts: Callable[[str | bytes], Path], project: Path
) -> None:
    write_facts(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    started = time.perf_counter()
    errors = [str(e) for e in load_facts(project).errors]
    assert time.perf_counter() - started < 1.0
    assert errors == [
        f"{FILE}: the file is 5,242,890 bytes; fact files may be at most 5,242,880\n"
        "  Hint: Split it into one fact file per seed."
    ]


def test_deep_nesting_is_refused(write_facts: Callable[[str | bytes], Path], project: Path) -> None:
    write_facts("facts: " + "[" * 100 + "]" * 100 + "\n")
    assert [str(e) for e in load_facts(project).errors] == [
        f"{FILE}:1: invalid YAML: nesting deeper than 32 levels"
    ]


def test_quote_of_a_number_only_in_an_unrelated_place(
    write_facts: Callable[[str | bytes], Path], project: Path
) -> None:
    """Coverage: a seed number with neither fact nor exclusion is reported with its line."""
    facts_file = project / "facts" / "004_040e6e274c70a35f.facts.yaml"
    text = facts_file.read_text(encoding="utf-8")
    exclusion = text[text.index("exclusions:") :]
    facts_file.write_text(text.replace(exclusion, ""), encoding="utf-8")
    assert [str(e) for e in load_facts(project).errors] == [
        "seeds/004_040e6e274c70a35f.txt:3: coverage: 'two' is not covered by any fact or "
        "exclusion\n  Hint: Add a fact whose quote contains it, or an exclusion (quote and "
        "reason) in the seed's facts/*.facts.yaml file."
    ]


def test_unreadable_register_gives_one_message_per_fact_file(project: Path) -> None:
    (project / "facts" / "register.yaml").write_text("seeds: [\n", encoding="utf-8")
    errors = [str(e) for e in load_facts(project).errors]
    assert errors[0].startswith("facts/register.yaml:2: invalid YAML")
    assert errors[1:] == [
        f"facts/{name}.facts.yaml:1: source: {count} fact(s) from seed {name}.txt are not "
        "shown: the seed failed its checks (facts/register.yaml:2)\n"
        "  Hint: Fix the seed or its register entry first."
        for name, count in (("000_ed660ce8024e48cd", 14), ("004_040e6e274c70a35f", 20))
    ]


def test_register_entry_missing_a_field_holds_back_its_facts(project: Path) -> None:
    register = project / "facts" / "register.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("    publisher: null\n", "", 1), encoding="utf-8")
    errors = [str(e) for e in load_facts(project).errors]
    assert errors == [
        "facts/register.yaml:5: seeds[0].publisher: required field is missing",
        "facts/000_ed660ce8024e48cd.facts.yaml:1: source: 14 fact(s) from seed "
        "000_ed660ce8024e48cd.txt are not shown: the seed failed its checks "
        "(facts/register.yaml:5)\n  Hint: Fix the seed or its register entry first.",
    ]
