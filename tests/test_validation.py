"""Every kind of bad fact, with the exact message a curator sees, on a corpus of our own.

Each case writes one extra fact file beside the standard corpus (tests/corpus_builder.py)
and expects exactly its errors; the corpus's own facts must all still load.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.facts.dates import rule_list
from dashboard.facts.errors import ErrorCode
from dashboard.facts.load import load_facts
from dashboard.paths import REPO_DIR
from tests.corpus_builder import (
    DATED,
    GOOD_FACTS,
    LAST_WEEK,
    OTHER,
    TEST_FILE,
    UNDATED,
    UNDATED_WINDOW,
    Corpus,
    build_corpus,
    fact,
    relative,
)

FILE = TEST_FILE
QUOTE = "509 individuals crossed the Channel"
BASE_FACT = "facts:\n" + fact(
    "test-fact",
    "A test fact.",
    QUOTE,
    date=LAST_WEEK,
    measure="a measure of its own",
    value=509,
    unit="people",
    exactness="exact",
)
# The lines of BASE_FACT's fields.
LINE = {
    "id": 2,
    "statement": 3,
    "measure": 7,
    "value": 8,
    "unit": 9,
    "exactness": 10,
    "status": 11,
    "date": 12,
    "source": 13,
    "quote": 14,
}


def with_change(old: str, new: str, base: str = BASE_FACT) -> str:
    assert old in base, old
    return base.replace(old, new)


def with_quote(quote: str, base: str = BASE_FACT) -> str:
    return with_change(f'quote: "{QUOTE}"', f'quote: "{quote}"', base)


def with_date(date: str, base: str = BASE_FACT) -> str:
    return with_change(f"date: {LAST_WEEK}", f"date: {date}", base)


TOTAL_QUOTE = "contributing to a total of 29,154 crossings in 2024 alone"
NUMBER_HINT = "  Hint: Write numbers without quotes or thousands separators: 29154, not '29,154'."
FINITE_HINT = (
    "  Hint: Write the number the seed states. .inf, .nan and numbers too large to hold "
    "(such as 1e400) are not figures."
)
VALUE_HINT = (
    "  Hint: Quote the passage that states the number. If the seed gives no number, leave "
    "value out and give its words as wording (approximate); if you computed it, mark it "
    "derived."
)
BOUND_HINT = (
    "  Hint: A bound's limit is a number the quote states: 'more than 500' gives lower: 500."
)
DATE_HINT = (
    "  Hint: Quote the passage that gives the date; for a phrase such as 'last week', add "
    "date.relative; otherwise say in date.reason how the seed gives the date."
)
DERIVED = (
    "    derived: {method: ratio, inputs: {numerator: %s, denominator: boats-one-day}, "
    "decimals: 0}\n"
)
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
BROKEN_INPUT = with_quote("not in the seed", base=BASE_FACT).replace("test-fact", "broken-input")
DERIVED_FROM_BROKEN = with_change("    value: 509\n", "    value: 46\n") + DERIVED % "broken-input"

CASES: list[tuple[str, str | bytes, list[str]]] = [
    # --- YAML and the shape of the file
    (
        "malformed YAML",
        with_change("statement: A test fact.", "statement: [unclosed"),
        [
            f"{FILE}:4: invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence at line 3)"
        ],
    ),
    (
        "a key written twice in a fact",
        with_change("    unit: people\n", "    unit: people\n    value: 154\n"),
        [
            f"{FILE}:10: invalid YAML: key 'value' is written twice in one mapping (first at "
            "line 8); the second would replace the first\n  Hint: Keep one of them."
        ],
    ),
    (
        "a second 'facts:' at the top",
        BASE_FACT + "facts: []\n",
        [
            f"{FILE}:15: invalid YAML: key 'facts' is written twice in one mapping (first at "
            "line 1); the second would replace the first\n  Hint: Keep one of them."
        ],
    ),
    (
        "a key written twice in a nested mapping",
        with_date('{edtf: "2024-10-14/2024-10-20", precision: week, precision: day}'),
        [
            f"{FILE}:12: invalid YAML: key 'precision' is written twice in one mapping (first "
            "at line 12); the second would replace the first\n  Hint: Keep one of them."
        ],
    ),
    (
        "python object tag",
        with_change("value: 509", "value: !!python/object/apply:os.system [touch HACKED]"),
        [
            f"{FILE}:8: invalid YAML: YAML tags that build objects are not allowed "
            "('tag:yaml.org,2002:python/object/apply:os.system')\n"
            "  Hint: Fact files hold plain values only: remove the '!!' tag."
        ],
    ),
    (
        "alias bomb",
        ALIAS_BOMB,
        [
            f"{FILE}:1: invalid YAML: anchors and aliases (*name) are not allowed in fact files\n"
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
    # --- The schema
    (
        "wrong type",
        with_change("value: 509", "value: many"),
        [
            f"{FILE}:8: test-fact.value: Input should be a valid number, unable to parse "
            "string as a number (got 'many')\n" + NUMBER_HINT
        ],
    ),
    (
        "number written as text",
        with_change("value: 509", 'value: "29,154"'),
        [
            f"{FILE}:8: test-fact.value: Input should be a valid number, unable to parse "
            "string as a number (got '29,154')\n" + NUMBER_HINT
        ],
    ),
    (
        "missing field",
        with_change("    statement: A test fact.\n", ""),
        [f"{FILE}:2: test-fact.statement: required field is missing"],
    ),
    (
        "unknown field",
        with_change("    unit: people\n", "    unit: people\n    colour: red\n"),
        [
            f"{FILE}:10: test-fact.colour: unknown field\n  Hint: Allowed here: id, statement, "
            "topic, partnership, countries, measure, value, unit, exactness, wording, lower, "
            "upper, status, date, derived, source, quote, notes, draft."
        ],
    ),
    # --- Values must be finite
    *[
        (
            f"value {written}",
            with_change("value: 509", f"value: {written}"),
            [
                f"{FILE}:8: test-fact.value: Input should be a finite number (got {shown})\n"
                + FINITE_HINT
            ],
        )
        for written, shown in (
            (".inf", "inf"),
            ("-.inf", "-inf"),
            (".nan", "nan"),
            ("1e400", "'1e400'"),
            ("1.0e+400", "inf"),
        )
    ],
    (
        "lower .inf",
        with_change("    value: 509\n", "    lower: .inf\n").replace(
            "exactness: exact", "exactness: bound\n    wording: 509 individuals"
        ),
        [f"{FILE}:8: test-fact.lower: Input should be a finite number (got inf)\n" + FINITE_HINT],
    ),
    (
        "upper .nan",
        with_change("    value: 509\n", "    upper: .nan\n").replace(
            "exactness: exact", "exactness: bound\n    wording: 509 individuals"
        ),
        [f"{FILE}:8: test-fact.upper: Input should be a finite number (got nan)\n" + FINITE_HINT],
    ),
    # --- Seeds and quotes
    (
        "unknown seed",
        with_change(f"source: {DATED}", "source: missing.txt"),
        [
            f"{FILE}:13: test-fact.source: unknown seed 'missing.txt'\n  Hint: Registered "
            f"seeds: {DATED}, {OTHER}, {UNDATED}. Add a seed with "
            "'python -m dashboard add-seed FILE'."
        ],
    ),
    (
        "quote not in the seed",
        with_quote("510 individuals crossed the Channel"),
        [
            f"{FILE}:14: test-fact.quote: not found verbatim in seeds/{DATED}\n"
            "  Hint: Copy the passage character for character from the seed."
        ],
    ),
    (
        "a hyphen where the seed has a dash",
        with_quote("in 2024 alone-nearly matching"),
        [
            f"{FILE}:14: test-fact.quote: not found verbatim in seeds/{DATED}\n"
            "  Hint: The passage differs from the seed only in quotation marks or dashes: the "
            "seed uses curly quotes (’ “ ”) and dashes (— –). Copy it from the seed."
        ],
    ),
    (
        "duplicate id",
        BASE_FACT + BASE_FACT.split("facts:\n", 1)[1],
        [
            f"{FILE}:15: test-fact.id: duplicate id 'test-fact' (first used at {FILE}:2)\n"
            "  Hint: Ids are unique across all fact files."
        ],
    ),
    # --- A value or bound is a number the quote states
    (
        "value not in its quote",
        with_change("value: 509", "value: 510"),
        [
            f"{FILE}:8: test-fact.value: 510 is not a number the quote states (it states 509)\n"
            + VALUE_HINT
        ],
    ),
    *[
        (
            f"value {part} of '29,154'",
            with_quote(TOTAL_QUOTE, with_change("value: 509", f"value: {part}")),
            [
                f"{FILE}:8: test-fact.value: {part} is not a number the quote states (it states "
                "29154 ('29,154') and 2024)\n" + VALUE_HINT
            ],
        )
        for part in (154, 9, 202, 29)
    ],
    (
        "value of a quote cut inside '29,154'",
        with_quote("154 crossings in 2024 alone", with_change("value: 509", "value: 154")),
        [
            f"{FILE}:8: test-fact.value: 154 is not a number the quote states (it states 2024)\n"
            + VALUE_HINT
        ],
    ),
    (
        "value for a quote with no number",
        with_quote("crossed the Channel"),
        [
            f"{FILE}:8: test-fact.value: 509 is not a number the quote states (it states no "
            "number)\n" + VALUE_HINT
        ],
    ),
    (
        "value for words without a number",
        with_quote(
            "officers seized hundreds of boats",
            with_change("value: 509", "value: 300").replace(
                "exactness: exact", "exactness: approximate\n    wording: hundreds of boats"
            ),
        ).replace(f"date: {LAST_WEEK}", 'date: {edtf: "2023-22", precision: season, reason: r}'),
        [
            f"{FILE}:8: test-fact.value: 300 is not a number the quote states (it states "
            "'hundreds' (no number))\n" + VALUE_HINT
        ],
    ),
    (
        "a lower bound the quote does not state",
        with_quote(
            "29,154 crossings in 2024 alone—nearly matching",
            with_change("    value: 509\n", "    lower: 99999\n").replace(
                "exactness: exact", "exactness: bound\n    wording: nearly matching"
            ),
        ).replace(f"date: {LAST_WEEK}", 'date: {edtf: "2024", precision: year}'),
        [
            f"{FILE}:8: test-fact.lower: 99999 is not a number the quote states (it states "
            "29154 ('29,154') and 2024)\n" + BOUND_HINT
        ],
    ),
    (
        "an exact value the quote qualifies",
        with_quote(
            "some 58,758 Syrians made voluntary returns",
            with_change("value: 509", "value: 58758").replace(
                f"source: {DATED}", f"source: {UNDATED}"
            ),
        ).replace(f"date: {LAST_WEEK}", "date: {edtf: null, precision: null}"),
        [
            f"{FILE}:10: test-fact.exactness: exact, but the quote gives 58758 as 'some 58,758', "
            "an approximate figure\n  Hint: Use exactness: approximate, with wording: some 58,758."
        ],
    ),
    # --- Figures: exactness, wording, bounds
    (
        "bound given a value",
        with_change(
            "exactness: exact", "exactness: bound\n    wording: 509 individuals\n    lower: 509"
        ),
        [
            f"{FILE}:8: test-fact.value: a bound has no value: the seed does not state the "
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
        "wording and a unit but no exactness",
        with_change("    value: 509\n", "").replace(
            "    exactness: exact\n", "    wording: 509 individuals\n"
        ),
        [
            f"{FILE}:2: test-fact.exactness: a figure needs exactness (this fact gives "
            "wording)\n  Hint: exact, approximate ('around 50') or bound ('nearly matching')."
        ],
    ),
    (
        "a bound but no exactness",
        with_change("    value: 509\n", "    lower: 509\n").replace("    exactness: exact\n", ""),
        [
            f"{FILE}:2: test-fact.exactness: a figure needs exactness (this fact gives "
            "lower)\n  Hint: exact, approximate ('around 50') or bound ('nearly matching')."
        ],
    ),
    (
        "draft fact",
        with_change("    status: happened\n", "    status: happened\n    draft: true\n"),
        [
            f"{FILE}:12: test-fact.draft: this fact is a draft and has not been reviewed\n"
            "  Hint: Check every field against the seed, then delete the line 'draft: true'."
        ],
    ),
    # --- Dates
    (
        "impossible date",
        with_date('{edtf: "2024-02-30", precision: day}'),
        [
            f"{FILE}:12: test-fact.date.edtf: '2024-02-30' is not a real date "
            "(check the day of the month)"
        ],
    ),
    (
        "interval that ends before it starts",
        with_date('{edtf: "2024-10/2024-01", precision: span}'),
        [f"{FILE}:12: test-fact.date.edtf: '2024-10/2024-01' ends before it starts"],
    ),
    (
        "open interval",
        with_date('{edtf: "../2024-10-20", precision: span}'),
        [
            f"{FILE}:12: test-fact.date.edtf: '../2024-10-20' has an open or unknown end; "
            "intervals here must be closed (START/END)"
        ],
    ),
    (
        "precision that disagrees with the date",
        with_date('{edtf: "2024-10", precision: day, reason: r}'),
        [
            f"{FILE}:12: test-fact.date.precision: precision 'day' disagrees with '2024-10', "
            "which is a month\n  Hint: Use precision: month."
        ],
    ),
    (
        "a year the quote does not state",
        with_quote(TOTAL_QUOTE, with_change("value: 509", "value: 29154")).replace(
            f"date: {LAST_WEEK}", 'date: {edtf: "2019", precision: year}'
        ),
        [
            f"{FILE}:12: test-fact.date.edtf: '2019' is not stated in the quote (it names '2024')\n"
            + DATE_HINT
        ],
    ),
    (
        "a season the quote does not state",
        with_quote(
            "The summer of 2023 marked a turning point",
            with_change("    value: 509\n", "").replace(
                "    unit: people\n    exactness: exact\n", ""
            ),
        ).replace(f"date: {LAST_WEEK}", 'date: {edtf: "2023-23", precision: season}'),
        [
            f"{FILE}:9: test-fact.date.edtf: '2023-23' is not stated in the quote (it names "
            "'summer of 2023')\n" + DATE_HINT
        ],
    ),
    (
        "a day the quote does not state",
        with_quote(
            "Martin Hewitt took up his role on October 7",
            with_change("    value: 509\n", "").replace(
                "    unit: people\n    exactness: exact\n", ""
            ),
        ).replace(f"date: {LAST_WEEK}", 'date: {edtf: "2024-10-08", precision: day}'),
        [
            f"{FILE}:9: test-fact.date.edtf: '2024-10-08' is not stated in the quote (it "
            "names 'October 7')\n" + DATE_HINT
        ],
    ),
    (
        "the start of an interval the quote does not state",
        with_date(
            '{edtf: "2024-01-01/2024-10-26", precision: span}',
            with_quote(TOTAL_QUOTE, with_change("value: 509", "value: 29154")),
        ),
        [
            f"{FILE}:12: test-fact.date.edtf: the start 2024-01-01 of '2024-01-01/2024-10-26' is "
            "not stated in the quote (it names '2024')\n" + DATE_HINT
        ],
    ),
    (
        "a reason without a date",
        with_date("{edtf: null, precision: null, reason: a reason}"),
        [
            f"{FILE}:12: test-fact.date.reason: a reason given without a date\n  Hint: "
            "date.reason says how the quote gives the date; leave it out when edtf is null."
        ],
    ),
    (
        "a reason still holding the draft's placeholder",
        with_date('{edtf: "2024-10-14/2024-10-20", precision: week, reason: "TODO: why"}'),
        [
            f"{FILE}:12: test-fact.date.reason: still holds the draft's placeholder\n"
            "  Hint: Replace the text starting 'TODO' with your own words."
        ],
    ),
    (
        "relative date outside what its rule allows, another rule fits",
        with_date(
            relative("2024-10-21/2024-10-27", "week", "last week", "2024-10-26", "last_week")
        ),
        [
            f"{FILE}:12: test-fact.date.edtf: '2024-10-21/2024-10-27' is outside what rule "
            "last_week allows for 'last week' from 2024-10-26: 2024-10-14 to 2024-10-20 (the "
            "Monday-to-Sunday week before the reference week); rule this_week would allow it (the "
            "Monday-to-Sunday week of the reference)\n"
            "  Hint: If that is what 'last week' means, use rule: this_week."
        ],
    ),
    (
        "relative date that no rule gives",
        with_date(
            relative("2026-06", "month", "before the end of the year", "2024-10-26", "this_year")
        ),
        [
            f"{FILE}:12: test-fact.date.edtf: '2026-06' is outside what rule this_year allows "
            "for 'before the end of the year' from 2024-10-26: 2024-01-01 to 2024-12-31 (the "
            "calendar year of the reference); no rule gives that date\n"
            "  Hint: Give the date without 'relative', and say in date.reason how the seed "
            f"gives it. The rules: {rule_list()}."
        ],
    ),
    (
        "a rule that reads a weekday, for a phrase that names none",
        with_date(relative("2024-10-21", "day", "last week", "2024-10-26", "past_weekday")),
        [
            f"{FILE}:12: test-fact.date.relative.rule: rule past_weekday reads a weekday from "
            "the phrase (as in 'On Tuesday'), and 'last week' names none\n"
            f"  Hint: Use a rule that fits the phrase. The rules: {rule_list()}."
        ],
    ),
    (
        "relative phrase that is not in the seed",
        with_date(
            relative("2024-10-14/2024-10-20", "week", "the week before", "2024-10-26", "last_week")
        ),
        [
            f"{FILE}:12: test-fact.date.relative.phrase: 'the week before' does not occur in "
            f"seeds/{DATED}\n  Hint: The phrase is the seed's own words for the date ('last "
            "week'), copied character for character."
        ],
    ),
    # --- Derived figures
    (
        "derived value that does not recompute",
        with_change("    value: 509\n", "    value: 47\n") + DERIVED % "crossings-one-day",
        [
            f"{FILE}:15: test-fact.derived: value 47 does not recompute: ratio gives 46\n"
            "  Hint: Check the inputs and the rounding (decimals)."
        ],
    ),
    (
        "derived fact whose input is missing",
        with_change("    value: 509\n", "    value: 46\n") + DERIVED % "no-such-fact",
        [
            f"{FILE}:15: test-fact.derived: input numerator 'no-such-fact' is not a loaded fact\n"
            "  Hint: Check the inputs and the rounding (decimals)."
        ],
    ),
    (
        "derived fact whose input failed its own checks",
        DERIVED_FROM_BROKEN + BROKEN_INPUT.split("facts:\n", 1)[1],
        [
            f"{FILE}:28: broken-input.quote: not found verbatim in seeds/{DATED}\n"
            "  Hint: Copy the passage character for character from the seed.",
            f"{FILE}:15: test-fact.derived: input numerator 'broken-input' failed its own "
            f"checks (quote: not found verbatim in seeds/{DATED}), see {FILE}:28\n"
            "  Hint: Check the inputs and the rounding (decimals).",
        ],
    ),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "project")


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in CASES],
)
def test_bad_fact_gives_exact_message_and_keeps_other_facts(
    corpus: Corpus, content: str | bytes, expected: list[str]
) -> None:
    corpus.write_facts(content)
    factset = load_facts(corpus.root)
    assert [str(error) for error in factset.errors] == expected
    others = [item for item in factset.facts if item.file != FILE]
    assert len(others) == GOOD_FACTS


GOOD_CASES: list[tuple[str, str]] = [
    ("the base fact", BASE_FACT),
    (
        "£476 million states 476000000",
        with_quote(
            "The scheme will cost £476 million",
            with_change("value: 509", "value: 476000000").replace("unit: people", "unit: GBP"),
        ).replace(f"date: {LAST_WEEK}", "date: {edtf: null, precision: null}"),
    ),
    (
        "'some 58,758' states 58758, approximately",
        with_quote(
            "some 58,758 Syrians made voluntary returns",
            with_change("value: 509", "value: 58758")
            .replace("exactness: exact", "exactness: approximate\n    wording: some 58,758")
            .replace(f"source: {DATED}", f"source: {UNDATED}"),
        ).replace(f"date: {LAST_WEEK}", "date: {edtf: null, precision: null}"),
    ),
    (
        "a word number",
        with_quote(
            "The two nations will meet",
            with_change("value: 509", "value: 2").replace(f"source: {DATED}", f"source: {UNDATED}"),
        ).replace(f"date: {LAST_WEEK}", "date: {edtf: null, precision: null}"),
    ),
    (
        "a date the quote does not state, with its reason",
        with_date('{edtf: "2024-10-16", precision: day, reason: "The ministry named the day."}'),
    ),
    (
        "a date stated as a season",
        with_quote(
            "The summer of 2023 marked a turning point",
            with_change("    value: 509\n", "").replace(
                "    unit: people\n    exactness: exact\n", ""
            ),
        ).replace(f"date: {LAST_WEEK}", 'date: {edtf: "2023-22", precision: season}'),
    ),
    (
        "the publication date",
        with_date('{edtf: "2024-10-26", precision: day}'),
    ),
    (
        "a day named in an undated seed, by a rule that reads the weekday",
        with_quote(
            "On Monday, the first 15 asylum seekers boarded the barge",
            with_change("value: 509", "value: 15").replace(
                f"source: {DATED}", f"source: {UNDATED}"
            ),
        ).replace(
            f"date: {LAST_WEEK}",
            "date: "
            + relative(
                "2022-12-26/2023-08-28", "span", "On Monday", UNDATED_WINDOW, "past_weekday"
            ),
        ),
    ),
]


@pytest.mark.parametrize(
    "content", [pytest.param(content, id=name) for name, content in GOOD_CASES]
)
def test_facts_whose_quotes_state_them_validate(corpus: Corpus, content: str) -> None:
    corpus.write_facts(content)
    factset = load_facts(corpus.root)
    assert [str(error) for error in factset.errors] == []
    assert "test-fact" in factset.by_id()


def test_the_standard_corpus_validates(corpus: Corpus) -> None:
    factset = load_facts(corpus.root)
    assert factset.errors == [] and factset.conflicts == [] and factset.reviews == []
    assert len(factset.facts) == GOOD_FACTS


def test_python_tag_executes_nothing(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus.write_facts(
        with_change("value: 509", "value: !!python/object/apply:os.system [touch HACKED]")
    )
    load_facts(corpus.root)
    assert not (tmp_path / "HACKED").exists()


def test_several_errors_in_one_file_are_all_reported(corpus: Corpus) -> None:
    corpus.write_facts(
        with_change("value: 509", "value: many").replace("status: happened", "status: x")
    )
    fields = [error.field for error in load_facts(corpus.root).errors]
    assert fields == ["test-fact.value", "test-fact.status"]


def test_seed_whose_sha256_no_longer_matches(corpus: Corpus) -> None:
    seed = corpus.root / "seeds" / UNDATED
    original = seed.read_bytes()
    seed.write_bytes(original + b"\n")
    factset = load_facts(corpus.root)
    import hashlib

    changed, registered = (hashlib.sha256(raw).hexdigest() for raw in (seed.read_bytes(), original))
    assert [str(error) for error in factset.errors] == [
        f"facts/register.yaml:17: seeds[1].sha256: seeds/{UNDATED} has changed: its sha256 is "
        f"{changed}, the register says {registered}\n"
        "  Hint: Seeds are never edited. Restore the original file; a new version of a "
        "document is a new seed.",
        f"facts/undated.facts.yaml:1: source: 8 fact(s) from seed {UNDATED} are not shown: "
        "the seed failed its checks (facts/register.yaml:16)\n"
        "  Hint: Fix the seed or its register entry first.",
    ]
    # The other seed's facts still load.
    assert {item.fact.source for item in factset.facts} == {DATED}


def test_unreadable_register_gives_one_message_per_fact_file(corpus: Corpus) -> None:
    corpus.write("facts/register.yaml", "seeds: [\n")
    errors = [str(e) for e in load_facts(corpus.root).errors]
    assert errors[0].startswith("facts/register.yaml:2: invalid YAML")
    assert errors[1:] == [
        f"facts/{name}.facts.yaml:1: source: {count} fact(s) from seed {name}.txt are not "
        "shown: the seed failed its checks (facts/register.yaml:2)\n"
        "  Hint: Fix the seed or its register entry first."
        for name, count in (("dated", 10), ("undated", 8))
    ]


def test_register_entry_missing_a_field_holds_back_its_facts(corpus: Corpus) -> None:
    text = corpus.register_text().replace("    publisher: null\n", "", 1)
    corpus.write("facts/register.yaml", text)
    assert [str(e) for e in load_facts(corpus.root).errors] == [
        "facts/register.yaml:2: seeds[0].publisher: required field is missing",
        f"facts/dated.facts.yaml:1: source: 10 fact(s) from seed {DATED} are not shown: the "
        "seed failed its checks (facts/register.yaml:2)\n"
        "  Hint: Fix the seed or its register entry first.",
    ]


def test_a_number_nothing_covers_is_reported_with_line_and_column(corpus: Corpus) -> None:
    text = (corpus.root / "facts" / "undated.facts.yaml").read_text(encoding="utf-8")
    without = text.split("  - id: meeting-autumn", 1)[0]
    corpus.write("facts/undated.facts.yaml", without)
    assert [str(e) for e in load_facts(corpus.root).errors] == [
        f"seeds/{UNDATED}:4:5: coverage: 'two' is not covered by any fact or exclusion\n"
        "  Hint: Add a fact whose quote contains it, or an exclusion (quote and reason) in the "
        "seed's facts/*.facts.yaml file."
    ]


def test_a_file_in_seeds_without_a_register_entry_is_an_error(corpus: Corpus) -> None:
    corpus.write("seeds/extra.txt", "One more document.\n")
    factset = load_facts(corpus.root)
    assert [str(e) for e in factset.errors] == [
        "seeds/extra.txt: is not in facts/register.yaml: every file in seeds/ needs a register "
        "entry\n  Hint: Register it: 'python -m dashboard add-seed seeds/extra.txt "
        "--partnership ...'."
    ]
    assert factset.errors[0].code is ErrorCode.UNREGISTERED_SEED
    assert len(factset.facts) == GOOD_FACTS


def test_every_error_code_is_listed_in_the_readme() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    catalogue = readme.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z-]+)` \|", catalogue, re.MULTILINE)
    assert listed == [code.value for code in ErrorCode]
