"""Topics and units are data (facts/vocabularies.yaml): facts are checked against
them with exact messages, a rate is written as a unit with a period, and the editors'
JSON Schema lists them. On copies of the harbours fixture project."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import words
from dashboard.curation import draft_document
from dashboard.facts.load import load_facts
from dashboard.facts.schema_files import schemas
from dashboard.facts.vocabulary import rate_hint
from dashboard.paths import project_paths
from tests.conftest import HARBOURS, harbours_project

FACTS = "facts/101_norland_estmark.facts.yaml"
UNITS = "persons, vessels, EUR, pct, persons per vessel, persons per month"


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "facts" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "topic: accords",
            "topic: accord",
            f"{FACTS}:4: ne-accord-signed.topic: unknown topic 'accord'\n  Hint: Topics in "
            "facts/vocabularies.yaml: arrivals, removals, accords, talks, housing, staffing, "
            "spending. Use one of them, or add the topic there with its label.",
        ),
        (
            "unit: vessels",
            "unit: boats",
            f"{FACTS}:65: ne-one-day-dinghies.unit: unknown unit 'boats'\n  Hint: Units in "
            f"facts/vocabularies.yaml: {UNITS}. Use one of them, or add the unit there with "
            "its label.",
        ),
        # A rate: the message says how to write one (issue 9: it gave no hint).
        (
            "unit: vessels",
            "unit: persons per week",
            f"{FACTS}:65: ne-one-day-dinghies.unit: unknown unit 'persons per week'\n  Hint: "
            f"Units in facts/vocabularies.yaml: {UNITS}. 'persons per week' reads as a rate, "
            "a unit with a period: add it there as {name: persons per week, label: persons a "
            "week, per: week} and write 'unit: persons per week'.",
        ),
        (
            "unit: vessels",
            "unit: vessels a day",
            f"{FACTS}:65: ne-one-day-dinghies.unit: unknown unit 'vessels a day'\n  Hint: "
            f"Units in facts/vocabularies.yaml: {UNITS}. 'vessels a day' reads as a rate, a "
            "unit with a period: add it there as {name: vessels per day, label: vessels a "
            "day, per: day} and write 'unit: vessels per day'.",
        ),
    ],
    ids=["topic", "unit", "rate per week", "rate a day"],
)
def test_a_topic_or_unit_not_in_the_vocabularies_is_refused(
    harbours: Path, old: str, new: str, expected: str
) -> None:
    edit(harbours, "101_norland_estmark.facts.yaml", old, new)
    factset = load_facts(harbours, coverage=False)
    messages = [str(error) for error in factset.errors if error.code != "derived-input"]
    assert messages == [expected]
    assert len(factset.facts) >= 15  # the others still load


def test_every_error_of_a_fact_is_reported_at_once(harbours: Path) -> None:
    edit(harbours, "101_norland_estmark.facts.yaml", "unit: vessels", "unit: vessels a day")
    edit(harbours, "101_norland_estmark.facts.yaml", "value: 6\n", "value: many\n")
    fields = [error.field for error in load_facts(harbours, coverage=False).errors]
    assert fields[:2] == ["ne-one-day-dinghies.value", "ne-one-day-dinghies.unit"]


def test_a_rate_in_the_vocabularies_is_a_unit_like_any_other(harbours: Path) -> None:
    edit(harbours, "101_norland_estmark.facts.yaml", "unit: vessels", "unit: persons per month")
    factset = load_facts(harbours, coverage=False)
    assert factset.errors == []
    vocabulary = factset.vocabulary
    assert vocabulary is not None
    unit = vocabulary.units["persons per month"]
    assert unit.per is not None and unit.per.value == "month"
    assert words.quantity(50, unit) == "50 persons a month"
    assert words.limit(None, 50, unit) == "at most 50"


@pytest.mark.parametrize(
    ("unit", "rate"),
    [
        ("people per week", True),
        ("boats a day", True),
        ("euros every month", True),
        ("people per boat", False),
        ("people", False),
    ],
)
def test_what_reads_as_a_rate(unit: str, rate: bool) -> None:
    assert (rate_hint(unit) is not None) == rate


def test_without_a_vocabularies_file_the_facts_still_load(harbours: Path) -> None:
    (harbours / "facts" / "vocabularies.yaml").unlink()
    factset = load_facts(harbours)
    assert [str(error) for error in factset.errors] == [
        "facts/vocabularies.yaml: the file is missing: topics and units cannot be checked\n"
        "  Hint: facts/vocabularies.yaml lists 'topics:' and 'units:', each entry with a name "
        "and a label; see README.md, 'Vocabularies'."
    ]
    assert len(factset.facts) == 17


def test_a_bad_vocabularies_file_says_where(harbours: Path) -> None:
    edit(
        harbours,
        "vocabularies.yaml",
        "  - {name: vessels, label: vessels}",
        "  - {name: vessels, label: vessels}\n  - {name: persons, label: people}\n"
        "  - {name: X, label: x, prefix: a, suffix: b}",
    )
    factset = load_facts(harbours)
    assert [str(error) for error in factset.errors] == [
        "facts/vocabularies.yaml:12: units[2].name: 'persons' is listed twice (first at line "
        "10)\n  Hint: Each name appears once; merge the two entries.",
        "facts/vocabularies.yaml:13: units[3].suffix: a unit is written with a prefix or a "
        "suffix, not both\n  Hint: Keep one: a symbol before the number (prefix: £) or after "
        "it (suffix: %).",
    ]
    assert len(factset.facts) == 17


def test_units_are_written_as_the_vocabularies_say() -> None:
    vocabulary = harbours_project().factset.vocabulary
    assert vocabulary is not None
    euros, share = vocabulary.units["EUR"], vocabulary.units["pct"]
    assert words.with_symbol(12500, euros) == "€12,500"
    assert words.quantity(12500, euros) == "€12,500"
    assert words.with_symbol(25, share) == "25%"
    assert words.quantity(212, vocabulary.units["persons"]) == "212 persons"
    assert vocabulary.topic_label("talks") == "Talks and visits"


def test_the_editors_schema_lists_the_vocabularies() -> None:
    fact = schemas(project_paths(HARBOURS))["facts.schema.json"]["$defs"]["Fact"]["properties"]
    assert fact["topic"]["enum"] == [
        "arrivals",
        "removals",
        "accords",
        "talks",
        "housing",
        "staffing",
        "spending",
    ]
    assert fact["unit"]["anyOf"][0]["enum"] == UNITS.split(", ")


def test_a_cue_that_is_not_a_regular_expression_says_where(harbours: Path) -> None:
    edit(
        harbours,
        "vocabularies.yaml",
        "  - {name: arrivals, label: Arrivals}",
        '  - {name: arrivals, label: Arrivals, cues: ["land(?:ed|ing"]}',
    )
    path = harbours / "facts" / "vocabularies.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + 'statuses:\n  planned: ["shall", "[intend"]\n',
        encoding="utf-8",
    )
    factset = load_facts(harbours)
    assert [str(error) for error in factset.errors] == [
        "facts/vocabularies.yaml:2: topics[0].cues[0]: 'land(?:ed|ing' is not a regular "
        "expression (missing ), unterminated subpattern at position 4)\n  Hint: A cue is a "
        "regular expression matched as whole words, case ignored, e.g. 'deport\\w*' or "
        "'small boats?'.",
        "facts/vocabularies.yaml:20: statuses.planned[1]: '[intend' is not a regular "
        "expression (unterminated character set at position 0)\n  Hint: A cue is a regular "
        "expression matched as whole words, case ignored, e.g. 'deport\\w*' or "
        "'small boats?'.",
    ]
    assert len(factset.facts) == 17  # the facts load; topics and units go unchecked


def test_the_drafts_guesses_come_from_the_vocabularies_cues(harbours: Path) -> None:
    """Words of a new corpus, in YAML only: the draft reads them."""
    seed = load_facts(harbours).seeds["101_norland_estmark.txt"]
    text = "Some 40 persons landed at Tallport. The ministers shall meet in talks next week."
    vocabulary_file = harbours / "facts" / "vocabularies.yaml"
    original = vocabulary_file.read_text(encoding="utf-8")
    drafted = draft_document(replace(seed, text=text), load_facts(harbours).vocabulary)
    assert [(f["topic"], f.get("unit"), f["status"]) for f in drafted["facts"]] == [
        ("TODO", None, "happened"),
        ("TODO", None, "planned"),  # 'next week' is after the article
    ]
    cued = (
        original.replace(
            "{name: arrivals, label: Arrivals}",
            '{name: arrivals, label: Arrivals, cues: ["landed"]}',
        )
        .replace(
            "{name: talks, label: Talks and visits}",
            '{name: talks, label: Talks and visits, cues: ["talks"]}',
        )
        .replace(
            "{name: persons, label: persons}", '{name: persons, label: persons, cues: ["persons"]}'
        )
    ) + 'statuses:\n  planned: ["shall"]\n'
    vocabulary_file.write_text(cued, encoding="utf-8")
    factset = load_facts(harbours)
    assert factset.errors == []
    drafted = draft_document(replace(seed, text=text), factset.vocabulary)
    assert [(f["topic"], f.get("unit"), f["status"]) for f in drafted["facts"]] == [
        ("arrivals", "persons", "happened"),
        ("talks", None, "planned"),
    ]
