"""Adding a seed: add-seed, draft, coverage, and the whole walk from document to page."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from dashboard import transforms
from dashboard.cli import main
from dashboard.curation import (
    MAX_CANDIDATES,
    QUOTE_CONTEXT,
    DatePhrase,
    draft_document,
    find_dateline,
    find_dates,
    headline_of,
    sentence_breaks,
    sentence_span,
)
from dashboard.facts.dates import parse_period
from dashboard.facts.errors import FactError
from dashboard.facts.load import load_facts
from dashboard.facts.model import Seed
from dashboard.facts.numbers import read_numbers
from dashboard.facts.schema import SeedEntry
from dashboard.facts.vocabulary import Vocabulary, load_vocabulary
from dashboard.paths import PROJECT_DIR_ENV, REPO_DIR, project_paths

PY = ".venv/bin/python -m dashboard"
REGISTER = "facts/register.yaml"
NEW_SEED = "005_calais-report.txt"
NEW_TEXT = (
    "Calais\n"
    "Tuesday, March 4, 2025\n"
    "\n"
    "Border Force reports a busy week in the Channel\n"
    "\n"
    "Border Force said 212 people crossed the Channel in 5 boats last week. "
    "Officials will review the patrols before the end of the year.\n"
)


CURATION_FIXTURE = REPO_DIR / "tests" / "fixtures" / "curation"


def fixture_vocabulary() -> Vocabulary:
    """The curation fixture's vocabularies, with the draft's cues."""
    errors: list[FactError] = []
    vocabulary = load_vocabulary(project_paths(CURATION_FIXTURE), errors)
    assert vocabulary is not None, errors
    return vocabulary


VOCABULARY = fixture_vocabulary()


def make_seed(text: str, published: str = "2024-10-26", headline: str | None = None) -> Seed:
    """A registered seed in memory, dated by inference (no dateline exclusion)."""
    period = parse_period(published)
    entry = SeedEntry.model_validate(
        {
            "file": "test.txt",
            "sha256": "0" * 64,
            "label": "test",
            "headline": headline,
            "publisher": None,
            "partnership": "UK–France",
            "countries": ["United Kingdom", "France"],
            "published": {
                "edtf": published,
                "precision": period.precision.value,
                "how": "inferred",
                "evidence": ["test"],
            },
        }
    )
    return Seed(entry, text, period, 1)


def run(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args])


# ---------------------------------------------------------------------------
# Reading the text: datelines, dates, figures, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12 C\nLondon\nSaturday, October 26, 2024\n\nHeadline",
            ("2024-10-26", "Saturday, October 26, 2024", 3),
        ),
        (
            "London, Saturday, October 26, 2024\nText",
            ("2024-10-26", "Saturday, October 26, 2024", 1),
        ),
        ("26 October 2024\nText", ("2024-10-26", "26 October 2024", 1)),
        ("  October 26th, 2024  \r\nText", ("2024-10-26", "October 26th, 2024", 1)),
        ("Friday, October 26, 2024\nText", None),  # the weekday does not match the date
        ("February 30, 2024\nText", None),  # no such day
        ("Text\n" * 12 + "Saturday, October 26, 2024\n", None),  # too far down for a dateline
        ("He took office on October 7, 2024.\n", None),  # a date in a sentence
    ],
)
def test_find_dateline(text: str, expected: tuple[str, str, int] | None) -> None:
    found = find_dateline(text)
    got = None if found is None else (found.date.isoformat(), found.text, found.line)
    assert got == expected
    if found is not None:
        assert found.text in text  # the evidence is verbatim


DATES: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    ("Signed on Saturday, October 26, 2024.", [("Saturday, October 26, 2024", "2024-10-26", None)]),
    ("It began on 7 October 2024.", [("7 October 2024", "2024-10-07", None)]),
    ("He took office on October 7.", [("October 7", "2024-10-07", "day_in_reference_year")]),
    ("Talks are due on December 5.", [("December 5", "2024-12-05", None)]),
    ("It started in March 2023.", [("March 2023", "2023-03", None)]),
    ("The summer of 2023 was busy.", [("The summer of 2023", "2023-22", None)]),
    ("It was set up in 2022.", [("2022", "2022", None)]),
    (
        "Since January 2023, arrivals fell.",
        [("Since January 2023", "2023-01/2024-10-26", "until_reference")],
    ),
    ("509 crossed last week.", [("last week", "2024-10-14/2024-10-20", "last_week")]),
    ("It happened last month.", [("last month", "2024-09", "last_month")]),
    ("It rose last year.", [("last year", "2023", "last_year")]),
    ("This week the barge opened.", [("This week", "2024-10-21/2024-10-27", "this_week")]),
    # Of a past event, "this year" is the year to date (a plan takes the rest of it).
    ("A key pledge for this year.", [("this year", "2024-01-01/2024-10-26", "year_to_date")]),
    (
        "Talks before the end of the year.",
        [("before the end of the year", "2024-10-26/2024-12-31", "rest_of_year")],
    ),
    ("In the year to date.", [("In the year to date", "2024-01-01/2024-10-26", "year_to_date")]),
    ("On Monday, 15 boarded.", [("On Monday", "2024-10-21", "past_weekday")]),
    ("On Tuesday, talks resumed.", [("On Tuesday", "2024-10-22", "past_weekday")]),
    ("On Saturday, talks resumed.", [("On Saturday", "2024-10-26", "past_weekday")]),
    ("The meeting is scheduled for the autumn.", [("for the autumn", "2024-23", "past_season")]),
    ("Talks in the coming autumn.", [("in the coming autumn", "2024-23", "coming_autumn")]),
    ("A review is due next June.", [("next June", "2025-06", "next_named_month")]),
    ("The law came into force in December.", [("in December", "2023-12", "past_named_month")]),
    ("It opens next spring.", [("next spring", "2025-21", "next_season")]),
    ("It opened in the spring.", [("in the spring", "2024-21", "past_season")]),
    (
        "More flights in the coming weeks.",
        [("in the coming weeks", "2024-10-26/2024-12-21", "coming_weeks")],
    ),
    ("More flights next week.", [("next week", "2024-10-28/2024-11-03", "next_week")]),
    ("It opens next month.", [("next month", "2024-11", "next_month")]),
    ("He resigned yesterday.", [("yesterday", "2024-10-25", "yesterday")]),
    (
        "18% more than at the same point last year.",
        [("at the same point last year", "2023-01-01/2023-10-26", "last_year_to_date")],
    ),
    (
        "In the past 12 months, 40 came.",
        [("In the past 12 months", "2023-10-27/2024-10-26", "past_twelve_months")],
    ),
    (
        "In the year ending June 2024, 664 came.",
        [("the year ending June 2024", "2023-07/2024-06", None)],
    ),
    (
        "In the third quarter of 2024 (July to September), 14 came.",
        [("the third quarter of 2024 (July to September)", "2024-07/2024-09", None)],
    ),
    (
        "In the first six months of 2024, 311 came.",
        [("the first six months of 2024", "2024-01/2024-06", None)],
    ),
    (
        "It covers from 1 October 2023 to 30 September 2024.",
        [("from 1 October 2023 to 30 September 2024", "2023-10-01/2024-09-30", None)],
    ),
    ("Since January, 14 were funded.", [("Since January", "2024-01/2024-10-26", None)]),
    ("She met him recently.", [("recently", None, "recently")]),
    ("Next year the rules change.", [("Next year", "2025", "next_year")]),
    ("It cost £2024 and 2,023 people came.", []),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_find_dates_resolves_from_the_publication_date(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    found: list[DatePhrase] = find_dates(text, parse_period("2024-10-26"))
    assert [(d.text, d.edtf, d.rule.value if d.rule else None) for d in found] == expected
    assert all(text[d.start : d.end] == d.text for d in found)


def test_find_dates_for_an_undated_seed_gives_the_whole_window() -> None:
    window = parse_period("2023-01/2023-08")
    found = find_dates("Last year, and last month, and on October 7.", window)
    assert [(d.text, d.edtf, d.rule.value if d.rule else None) for d in found] == [
        ("Last year", "2022", "last_year"),
        ("last month", "2022-12-01/2023-07-31", "last_month"),
        ("October 7", "2023-10-07", None),  # after the window: not 'in the reference year'
    ]


FIGURES: list[tuple[str, dict[str, Any]]] = [
    (
        "Officials counted 29,154 crossings.",
        {"value": 29154, "unit": "people", "exactness": "exact"},
    ),
    (
        "Around 50 people were expected.",
        {"value": 50, "unit": "people", "exactness": "approximate", "wording": "Around 50"},
    ),
    (
        "Some 58,758 Syrians returned.",
        {"value": 58758, "unit": "people", "exactness": "approximate", "wording": "Some 58,758"},
    ),
    (
        "Nearly 30,000 people crossed.",
        {"value": 30000, "unit": "people", "exactness": "approximate", "wording": "Nearly 30,000"},
    ),
    (
        "Deportations rose by 161% on the year.",
        {"value": 161, "unit": "percent", "exactness": "exact"},
    ),
    ("Deportations rose by 12 per cent.", {"value": 12, "unit": "percent", "exactness": "exact"}),
    ("Police seized £300 in cash.", {"value": 300, "unit": "GBP", "exactness": "exact"}),
    ("The scheme cost 40 pounds a head.", {"value": 40, "unit": "GBP", "exactness": "exact"}),
    (
        "Police seized £2.5 million in cash.",
        {"value": 2500000, "unit": "GBP", "exactness": "exact"},
    ),
    ("It cost $40 each.", {"value": 40, "exactness": "exact"}),  # no unit: the curator decides
    (
        "More than 500 people arrived.",
        {"unit": "people", "exactness": "bound", "wording": "More than 500", "lower": 500},
    ),
    (
        "Fewer than 20 boats crossed.",
        {"unit": "boats", "exactness": "bound", "wording": "Fewer than 20", "upper": 20},
    ),
    (
        "Hundreds of small boats are moved.",
        {"unit": "boats", "wording": "Hundreds", "exactness": "approximate"},
    ),
    (
        "They seized hundreds of thousands of pounds.",
        {"unit": "GBP", "wording": "hundreds of thousands", "exactness": "approximate"},
    ),
    ("Twenty-five people were rescued.", {"value": 25, "unit": "people", "exactness": "exact"}),
    ("They crossed in 11 vessels.", {"value": 11, "unit": "boats", "exactness": "exact"}),
    (
        "On average 46.3 people were on each.",
        {"value": 46.3, "unit": "people", "exactness": "exact"},
    ),
]
FIGURE_KEYS = ("value", "unit", "exactness", "wording", "lower", "upper")


@pytest.mark.parametrize(("text", "expected"), FIGURES)
def test_draft_guesses_value_unit_and_exactness(text: str, expected: dict[str, Any]) -> None:
    (candidate,) = draft_document(make_seed(text), VOCABULARY)["facts"]
    assert {key: candidate[key] for key in FIGURE_KEYS if key in candidate} == expected
    assert candidate["quote"] == text
    assert candidate["measure"] == "TODO: what is counted"
    assert candidate["draft"] is True


@pytest.mark.parametrize(
    ("text", "figure", "sentence"),
    [
        (
            "Supported by the U.K., the center grew. And the U.K. will deploy 12 officers. Next.",
            "12",
            "And the U.K. will deploy 12 officers.",
        ),
        ("Headline with 3 words\nBody text.", "3", "Headline with 3 words"),
        (
            "He said: “We saw 40 boats.” Then he left.",
            "40",
            "He said: “We saw 40 boats.”",
        ),
        ("Mr. Smith counted 9 boats. Done.", "9", "Mr. Smith counted 9 boats."),
        ("No full stop at the end: 7 boats", "7", "No full stop at the end: 7 boats"),
    ],
)
def test_sentence_span(text: str, figure: str, sentence: str) -> None:
    start = text.index(figure)
    first, last = sentence_span(text, start, start + len(figure), sentence_breaks(text))
    assert text[first:last] == sentence


def test_a_very_long_sentence_is_quoted_around_the_figure() -> None:
    text = "word " * 300 + "with 42 boats " + "and more " * 300 + "."
    (candidate,) = draft_document(make_seed(text), VOCABULARY)["facts"]
    quote = candidate["quote"]
    assert quote in text and "with 42 boats" in quote
    assert len(quote) <= 2 * QUOTE_CONTEXT + len("42")
    at = text.index(quote)
    assert (text[at - 1], text[at + len(quote)]) == (" ", " ")  # whole words only


def test_draft_refuses_a_seed_with_too_many_numbers() -> None:
    with pytest.raises(FactError) as refused:
        draft_document(make_seed("1 " * (MAX_CANDIDATES + 1)), VOCABULARY)
    assert str(refused.value) == (
        "seeds/test.txt: has 1,001 numbers and dates; a draft holds at most 1,000\n"
        "  Hint: This looks like a data file rather than an article: write its facts by "
        "hand, citing the passages they come from."
    )


@pytest.mark.parametrize(
    ("text", "topic", "status"),
    [
        ("Officials will hold talks in Paris this year.", "meetings", "planned"),
        ("Police seized 4 boats.", "seizures", "happened"),
        ("623 people crossed the Channel on Monday.", "crossings", "happened"),
        ("42 people were returned to France last week.", "deportations", "happened"),
        ("He was deported in 2023.", "deportations", "happened"),
        ("The two governments agreed a plan in March 2023.", "agreements", "happened"),
        ("The treaty was signed on 10 July 2024.", "agreements", "happened"),
        ("The deal was first signed in March 2023.", "agreements", "happened"),
        ("A new envoy was appointed in June 2024.", "appointments", "happened"),
        ("The minister plans to visit Tirana next week.", "visits", "planned"),
        ("The returns hub is expected to open next year.", "deportations", "planned"),
        ("It will open in 2025.", None, "planned"),
        ("The minister announced 40 more officers.", "operations", "announced"),
    ],
)
def test_topic_and_status_are_guessed_from_the_vocabularies_cues(
    text: str, topic: str | None, status: str
) -> None:
    (candidate,) = draft_document(make_seed(text), VOCABULARY)["facts"]
    assert (candidate["topic"], candidate["status"]) == (topic or "TODO", status)


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # The weekday rule: 'on Thursday' in an article of Thursday 18 September 2025.
        (
            "The first flight left on Thursday.",
            "2025-09-18",
            {
                "edtf": "2025-09-18",
                "precision": "day",
                "relative": {
                    "phrase": "on Thursday",
                    "reference": "2025-09-18",
                    "rule": "past_weekday",
                },
            },
        ),
        (
            "Ministers will meet on Friday.",
            "2025-09-18",
            {
                "edtf": "2025-09-19",
                "precision": "day",
                "relative": {
                    "phrase": "on Friday",
                    "reference": "2025-09-18",
                    "rule": "coming_weekday",
                },
            },
        ),
        (
            "A review of the pilot is due next June.",
            "2025-09-18",
            {
                "edtf": "2026-06",
                "precision": "month",
                "relative": {
                    "phrase": "next June",
                    "reference": "2025-09-18",
                    "rule": "next_named_month",
                },
            },
        ),
        (
            "The hub is expected to open next year.",
            "2025-09-18",
            {
                "edtf": "2026",
                "precision": "year",
                "relative": {"phrase": "next year", "reference": "2025-09-18", "rule": "next_year"},
            },
        ),
        (
            "More flights will follow in the coming weeks.",
            "2025-09-18",
            {
                "edtf": "2025-09-18/2025-11-13",
                "precision": "span",
                "relative": {
                    "phrase": "in the coming weeks",
                    "reference": "2025-09-18",
                    "rule": "coming_weeks",
                },
            },
        ),
        (
            "They will sign an agreement by the end of the year.",
            "2025-09-18",
            {
                "edtf": "2025-09-18/2025-12-31",
                "precision": "span",
                "relative": {
                    "phrase": "by the end of the year",
                    "reference": "2025-09-18",
                    "rule": "rest_of_year",
                },
            },
        ),
        (
            "An operation will begin in the spring.",
            "2025-09-18",
            {
                "edtf": "2026-21",
                "precision": "season",
                "relative": {
                    "phrase": "in the spring",
                    "reference": "2025-09-18",
                    "rule": "coming_season",
                },
            },
        ),
        (
            "We agreed to add two officers from January.",
            "2025-11-21",
            {
                "edtf": "2026-01",
                "precision": "month",
                "relative": {
                    "phrase": "from January",
                    "reference": "2025-11-21",
                    "rule": "coming_named_month",
                },
            },
        ),
    ],
)
def test_draft_dates_events_with_the_relative_rules(
    text: str, published: str, date: dict[str, Any]
) -> None:
    candidates = draft_document(make_seed(text, published), VOCABULARY)["facts"]
    assert [candidate["date"] for candidate in candidates][-1] == date


def test_the_same_point_last_year_is_the_base_of_a_comparison() -> None:
    text = (
        "A total of 36,412 people crossed so far this year, "
        "18% more than at the same point last year."
    )
    facts = draft_document(make_seed(text, "2025-10-14"), VOCABULARY)["facts"]
    # Both figures are of this year; the base of the comparison is no event of its own.
    assert [(fact["value"], fact["date"]["edtf"]) for fact in facts] == [
        (36412, "2025-01-01/2025-10-14"),
        (18, "2025-01-01/2025-10-14"),
    ]


def test_a_worded_figure_gets_its_value() -> None:
    text = (
        "The pilot builds on a deal first signed in March 2023, under which the UK agreed to "
        "pay France £476 million over three years for more patrols on the northern French coast."
    )
    document = draft_document(make_seed(text, "2025-10-14"), VOCABULARY)
    event, fact = document["facts"]
    assert (event["topic"], event["status"], event["date"]["edtf"]) == (
        "agreements",
        "happened",
        "2023-03",
    )
    assert (fact["value"], fact["unit"], fact["exactness"]) == (476_000_000, "GBP", "exact")
    assert (fact["topic"], fact["status"], fact["date"]["edtf"]) == (
        "agreements",
        "announced",
        "2023-03",
    )


@pytest.mark.parametrize(
    ("text", "headline", "exclusions"),
    [
        (
            'The "one in, one out" pilot began in 2025.',
            None,
            [
                (
                    "one in, one out",
                    "A number inside a quoted name or phrase ('one in, one out'), not a figure.",
                )
            ],
        ),
        (
            "The UK agreed to pay £476 million over three years.",
            None,
            [("over three years", "A length of time ('over three years'), not a count.")],
        ),
        (
            "Crossings pass 30,000\n\nIn all, 31,906 people have crossed.",
            "Crossings pass 30,000",
            [("30,000", "The headline's figure; the text states it as '31,906'.")],
        ),
        (
            "The two governments met. It is a 24/7 job, one of the hardest.",
            None,
            [
                (
                    "The two governments",
                    "Things named before ('The two governments'), not a count.",
                ),
                ("24/7", "A figure of speech ('24/7'), not a figure."),
                ("one of the", "A figure of speech ('one of the'), not a figure."),
            ],
        ),
        (
            "Notes\n1. The figures are provisional; see section 4. Call 0300 123 3535 (24 hours).",
            None,
            [
                ("1.", "The number of an item in a list, not a figure."),
                ("section 4", "A reference number or an age ('section 4'), not a figure."),
                ("0300 123 3535 (24 hours)", "A telephone number, not a figure."),
            ],
        ),
        (
            "Nearly three-quarters (73%) were men aged 18 and over.",
            None,
            [
                (
                    "three-quarters",
                    "The share in words ('three-quarters'); the figure in brackets ('73%') "
                    "states it.",
                ),
                ("aged 18", "A reference number or an age ('aged 18'), not a figure."),
            ],
        ),
    ],
)
def test_numbers_that_are_not_figures_become_exclusions_with_their_reason(
    text: str, headline: str | None, exclusions: list[tuple[str, str]]
) -> None:
    document = draft_document(make_seed(text, headline=headline), VOCABULARY)
    assert [(e["quote"], e["reason"]) for e in document["exclusions"]] == exclusions
    excluded = [e["quote"] for e in document["exclusions"]]
    for fact in document["facts"]:
        assert not any(fact.get("wording") == quote for quote in excluded)


# ---------------------------------------------------------------------------
# draft


def test_draft_of_each_real_seed_loads_with_only_review_errors(project: Path) -> None:
    """Drafts replace the curated files: every fact is refused as a draft and for its
    placeholders, and for nothing else but a unit or a topic the draft could not guess
    (a topic no cue of the vocabularies suggests is written 'TODO')."""
    for name in ("000_ed660ce8024e48cd", "004_040e6e274c70a35f"):
        assert run(project, "draft", f"seeds/{name}.txt", "--force") == 0
    factset = load_facts(project, coverage=False)
    assert factset.facts == []
    drafted = [
        fact
        for name in ("000_ed660ce8024e48cd", "004_040e6e274c70a35f")
        for fact in yaml.safe_load(
            (project / "facts" / f"{name}.facts.yaml").read_text(encoding="utf-8")
        )["facts"]
    ]
    assert len(drafted) == 28
    assert {error.code for error in factset.errors} == {
        "draft",
        "placeholder",
        "unit",
        "unknown-topic",
    }
    assert len([e for e in factset.errors if e.code == "unknown-topic"]) == 6
    draft_errors = [error for error in factset.errors if error.code == "draft"]
    assert len(draft_errors) == len(drafted)
    # Numbers with no unit word near them: the temperature '12 C' and 'around 20 were'
    # ('the two nations' and 'one of a series' are exclusions now).
    assert [str(e) for e in factset.errors if e.code == "unit"] == [
        f"facts/{name}.facts.yaml:{line}: {name.replace('_', '-')}-{number:02d}.unit: "
        "a fact with a value needs a unit"
        for name, line, number in (
            ("000_ed660ce8024e48cd", 17, 1),
            ("004_040e6e274c70a35f", 188, 10),
        )
    ]


def test_draft_file_format_and_messages(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / NEW_SEED).write_text(NEW_TEXT, encoding="utf-8")
    assert run(project, "add-seed", str(seeds / NEW_SEED), "--partnership", "UK–France") == 0
    assert run(project, "draft", f"seeds/{NEW_SEED}") == 0
    path = project / "facts" / "005_calais-report.facts.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../dashboard/schemas/facts.schema.json\n"
        "# DRAFT facts for seeds/005_calais-report.txt, written by 'python -m dashboard draft'.\n"
    )
    assert "then delete the line 'draft: true'." in text
    document = yaml.safe_load(text)
    place = {"partnership": "UK–France", "countries": ["United Kingdom", "France"]}
    last_week = {
        "edtf": "2025-02-24/2025-03-02",
        "precision": "week",
        "relative": {"phrase": "last week", "reference": "2025-03-04", "rule": "last_week"},
    }
    first_sentence = "Border Force said 212 people crossed the Channel in 5 boats last week."
    assert document == {
        "facts": [
            {
                "id": "005-calais-report-01",
                "statement": "TODO: one plain sentence: what the quote says about '212'.",
                "topic": "crossings",
                **place,
                "measure": "TODO: what is counted",
                "value": 212,
                "unit": "people",
                "exactness": "exact",
                "status": "happened",
                "date": last_week,
                "source": NEW_SEED,
                "quote": first_sentence,
                "draft": True,
            },
            {
                "id": "005-calais-report-02",
                "statement": "TODO: one plain sentence: what the quote says about '5'.",
                "topic": "crossings",
                **place,
                "measure": "TODO: what is counted",
                "value": 5,
                "unit": "boats",
                "exactness": "exact",
                "status": "happened",
                "date": last_week,
                "source": NEW_SEED,
                "quote": first_sentence,
                "draft": True,
            },
            {
                "id": "005-calais-report-03",
                "statement": "TODO: one plain sentence: what the quote says happened "
                "'before the end of the year'.",
                "topic": "operations",
                **place,
                "status": "planned",
                "date": {
                    "edtf": "2025-03-04/2025-12-31",
                    "precision": "span",
                    "relative": {
                        "phrase": "before the end of the year",
                        "reference": "2025-03-04",
                        "rule": "rest_of_year",
                    },
                },
                "source": NEW_SEED,
                "quote": "Officials will review the patrols before the end of the year.",
                "draft": True,
            },
        ],
        "exclusions": [
            {
                "source": NEW_SEED,
                "quote": "Tuesday, March 4, 2025",
                "reason": "The dateline; recorded as the publication date in facts/register.yaml.",
            }
        ],
    }
    # Every number of the seed sits in a candidate's quote or the dateline's exclusion.
    quotes = [f["quote"] for f in document["facts"]] + ["Tuesday, March 4, 2025"]
    for number in read_numbers(NEW_TEXT):
        assert any(
            NEW_TEXT.find(q) <= number.start and number.end <= NEW_TEXT.find(q) + len(q)
            for q in quotes
        ), number

    errors = [str(e) for e in load_facts(project, coverage=False).errors]
    file = "facts/005_calais-report.facts.yaml"
    assert errors[:3] == [
        f"{file}:38: 005-calais-report-01.draft: this fact is a draft and has not been "
        "reviewed\n  Hint: Check every field against the seed, then delete the line "
        "'draft: true'.",
        f"{file}:18: 005-calais-report-01.statement: still holds the draft's placeholder\n"
        "  Hint: Replace the text starting 'TODO' with your own words.",
        f"{file}:24: 005-calais-report-01.measure: still holds the draft's placeholder\n"
        "  Hint: Replace the text starting 'TODO' with your own words.",
    ]
    assert len(errors) == 8  # 3 drafts, 3 statements, 2 measures


def test_draft_refuses_to_overwrite_without_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "facts" / "000_ed660ce8024e48cd.facts.yaml"
    before = path.read_bytes()
    assert run(project, "draft", "seeds/000_ed660ce8024e48cd.txt") == 1
    assert capsys.readouterr().err == (
        "facts/000_ed660ce8024e48cd.facts.yaml: already exists; not overwritten\n"
        "  Hint: Edit it, or run draft again with --force to replace it (your edits in it "
        "would be lost).\n"
    )
    assert path.read_bytes() == before
    assert run(project, "draft", "seeds/000_ed660ce8024e48cd.txt", "--force") == 0
    assert path.read_bytes() != before
    assert capsys.readouterr().out.startswith(
        "Wrote facts/000_ed660ce8024e48cd.facts.yaml: 13 draft fact(s), 2 exclusion(s)."
    )


def test_draft_of_a_seed_that_is_not_registered(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "seeds" / "extra.txt").write_text("12 boats.\n", encoding="utf-8")
    assert run(project, "draft", "seeds/extra.txt") == 1
    assert run(project, "draft", "seeds/missing.txt") == 1
    assert capsys.readouterr().err == (
        "seeds/extra.txt: is not in facts/register.yaml\n"
        f"  Hint: Register it first: '{PY} add-seed seeds/extra.txt --partnership ...'.\n"
        "seeds/missing.txt: no such seed\n"
        f"  Hint: Add the document first: '{PY} add-seed FILE --partnership ...'.\n"
    )
    assert not (project / "facts" / "extra.facts.yaml").exists()


# ---------------------------------------------------------------------------
# add-seed


@pytest.mark.parametrize(
    ("first_line", "headline"),
    [
        (
            "Channel crossings pass 36,000 as France returns pilot marks its first month",
            "Channel crossings pass 36,000 as France returns pilot marks its first month",
        ),
        ("Deportation: Iraq", None),  # two words: a heading, not a headline
        ("Press release", None),
        ("Tuesday, October 14, 2025", None),  # a dateline
        ("By Sarah Collins, Home Affairs Correspondent", None),  # a byline
        ("The Home Office said today that 40 people were returned.", None),  # a sentence
    ],
)
def test_headline_of_takes_the_first_line_when_it_reads_as_one(
    first_line: str, headline: str | None
) -> None:
    assert headline_of(f"{first_line}\n\nThe text.\n") == headline


def test_add_seed_takes_the_first_line_as_headline_and_says_so(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "201_news_report.txt"
    source.write_bytes((CURATION_FIXTURE / "seeds" / "201_news_report.txt").read_bytes())
    assert run(project, "add-seed", str(source), "--partnership", "UK–France") == 0
    entry = yaml.safe_load((project / "facts" / "register.yaml").read_text(encoding="utf-8"))[
        "seeds"
    ][-1]
    headline = "Channel crossings pass 36,000 as France returns pilot marks its first month"
    assert entry["headline"] == headline
    assert entry["countries"] == ["United Kingdom", "France"]  # as the register names them
    out = capsys.readouterr().out.splitlines()
    assert out[2:4] == [
        "Published 2025-10-14, from its dateline 'Tuesday, October 14, 2025' (line 4).",
        f"Headline {headline!r}, from the first line of the text.",
    ]


def test_add_seed_copies_byte_for_byte_and_appends_to_the_register(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = NEW_TEXT.replace("\n", "\r\n").encode("utf-8") + "Caf\u00e9 \u2019quoted\u2019".encode()
    source = tmp_path / NEW_SEED
    source.write_bytes(raw)
    register = project / "facts" / "register.yaml"
    before = register.read_text(encoding="utf-8")
    assert run(project, "add-seed", str(source), "--partnership", "UK–France", "--label", "BF") == 0
    assert (project / "seeds" / NEW_SEED).read_bytes() == raw
    after = register.read_text(encoding="utf-8")
    assert after.startswith(before)  # appended: the comments and entries above are kept
    digest = hashlib.sha256(raw).hexdigest()
    entry = yaml.safe_load(after)["seeds"][-1]
    assert entry == {
        "file": NEW_SEED,
        "sha256": digest,
        "label": "BF",
        "headline": None,
        "publisher": None,
        "partnership": "UK–France",
        "countries": ["United Kingdom", "France"],
        "published": {
            "edtf": "2025-03-04",
            "precision": "day",
            "how": "dateline",
            "evidence": ["Tuesday, March 4, 2025"],
            "reasoning": "The text carries a dateline (line 2).",
        },
    }
    line = 49
    assert after.splitlines()[line - 1] == f"  - file: {NEW_SEED}"
    assert capsys.readouterr().out == (
        f"{NEW_SEED}: copied into seeds/ (sha256 {digest}).\n"
        f"Registered in facts/register.yaml:{line}.\n"
        "Published 2025-03-04, from its dateline 'Tuesday, March 4, 2025' (line 2).\n"
        "Headline: none; the first line does not read as one (fill it in, or keep null).\n"
        "\n"
        "Next steps:\n"
        f"  1. Check the entry at facts/register.yaml:{line}: the label, the countries, and "
        "the headline and publisher (verbatim from the text, or null).\n"
        f"  2. {PY} --project {project} draft seeds/{NEW_SEED}\n"
        "  3. Edit facts/005_calais-report.facts.yaml: check every candidate against the "
        "seed, replace each TODO, delete 'draft: true'.\n"
        f"  4. {PY} --project {project} validate   (until it reports no errors)\n"
        f"  5. {PY} --project {project} coverage   (every number in the seed accounted for)\n"
    )
    factset = load_facts(project)
    assert NEW_SEED in factset.seeds
    # No fact file yet: the seed's numbers (the dateline's two, then the figures 212 and
    # 5) are reported as not covered, and nothing else.
    assert [(e.file, e.line, e.code) for e in factset.errors] == [
        (f"seeds/{NEW_SEED}", line, "coverage") for line in (2, 2, 6, 6)
    ]


def test_add_seed_without_a_dateline_leaves_the_date_to_the_curator(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "006_undated.txt"
    source.write_text("Officials said 40 people arrived last week.\n", encoding="utf-8")
    assert run(project, "add-seed", str(source), "--partnership", "UK–Türkiye") == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "facts/register.yaml:64: seeds[2].published: no dateline found in "
        "seeds/006_undated.txt: fill in published.edtf, precision, how and evidence (and "
        "reasoning, for an inferred date)\n"
        "  Hint: Never guess: use only what the text says. The comment above the entry and "
        "README.md ('Adding a seed') say how.\n"
    )
    assert "  1. Fill in 'published' at facts/register.yaml:55 (see above).\n" in captured.out
    text = (project / "facts" / "register.yaml").read_text(encoding="utf-8")
    assert (
        "  # FILL IN 'published': no dateline was found in the seed. Never guess a date.\n" in text
    )
    entry = yaml.safe_load(text)["seeds"][-1]
    assert entry["published"] == {
        "edtf": "FILL IN",
        "precision": "day",
        "how": "FILL IN",
        "evidence": ["FILL IN"],
    }
    assert entry["countries"] == ["United Kingdom", "Türkiye"]
    factset = load_facts(project)
    assert "006_undated.txt" not in factset.seeds
    assert [str(e) for e in factset.errors] == [
        "facts/register.yaml:67: seeds[2].published.how: Input should be 'dateline' or "
        "'inferred' (got 'FILL IN')"
    ]
    assert len(factset.facts) == 34  # the other seeds are unaffected
    # Drafting waits for the date: relative phrases resolve from it.
    assert run(project, "draft", "seeds/006_undated.txt") == 1
    assert capsys.readouterr().err == (
        "facts/register.yaml:55: seeds[2]: seeds/006_undated.txt cannot be drafted yet: its "
        "register entry has errors\n"
        f"  Hint: Run '{PY} validate' to see them, fix the entry (for example its published "
        "date), then draft again.\n"
    )


def write_source(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


REFUSALS: list[tuple[str, str, bytes, str]] = [
    (
        "a different file with the same name",
        "000_ed660ce8024e48cd.txt",
        b"Another document.\n",
        "seeds/000_ed660ce8024e48cd.txt: a different file with this name is already in "
        "seeds/\n  Hint: Seeds are never replaced: give the new document a new name.\n",
    ),
    (
        "not UTF-8",
        "latin1.txt",
        "Line one\nCaf\u00e9\n".encode("latin-1"),
        "{tmp}/latin1.txt:2: the file is not UTF-8 (byte 0xe9 at offset 12)\n"
        "  Hint: Save the document as UTF-8 text, then add it.\n",
    ),
    ("empty", "empty.txt", b"  \n", "{tmp}/empty.txt: the file is empty\n"),
    (
        "a name that is not a plain file name",
        "my seed.txt",
        b"Text.\n",
        "{tmp}/my seed.txt: 'my seed.txt' is not a usable seed name\n"
        "  Hint: Use letters, digits, '.', '_' and '-' only, e.g. 005_home-office-2025.txt.\n",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [pytest.param(name, content, message, id=why) for why, name, content, message in REFUSALS],
)
def test_add_seed_refuses_bad_input_and_changes_nothing(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    outside = tmp_path / "incoming"
    outside.mkdir()
    source = write_source(outside, name, content)
    register = project / "facts" / "register.yaml"
    before = (register.read_bytes(), sorted(os.listdir(project / "seeds")))
    assert run(project, "add-seed", str(source), "--partnership", "UK–France") == 1
    assert capsys.readouterr().err == message.format(tmp=outside.as_posix())
    assert (register.read_bytes(), sorted(os.listdir(project / "seeds"))) == before


def test_add_seed_refuses_a_missing_file_and_a_seed_registered_twice(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "add-seed", str(tmp_path / "nope.txt"), "--partnership", "UK–France") == 1
    same = write_source(
        tmp_path,
        "000_ed660ce8024e48cd.txt",
        (REPO_DIR / "seeds/000_ed660ce8024e48cd.txt").read_bytes(),
    )
    assert run(project, "add-seed", str(same), "--partnership", "UK–Albania") == 1
    assert capsys.readouterr().err == (
        f"{tmp_path.as_posix()}/nope.txt: no such file\n"
        "  Hint: Give the path of the document to add.\n"
        "facts/register.yaml:5: seeds[0].file: seeds/000_ed660ce8024e48cd.txt is already "
        "registered\n  Hint: Edit its entry, or give a new document a new name.\n"
    )


def test_add_seed_registers_a_document_already_copied_into_seeds(project: Path) -> None:
    """A curator who copied the file by hand can still register it, from seeds/ itself."""
    path = project / "seeds" / NEW_SEED
    path.write_text(NEW_TEXT, encoding="utf-8")
    assert run(project, "add-seed", str(path), "--partnership", "UK–France") == 0
    assert path.read_text(encoding="utf-8") == NEW_TEXT
    assert NEW_SEED in load_facts(project).seeds


def test_add_seed_needs_a_partnership(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["add-seed", "x.txt"])
    assert exit_info.value.code == 2
    assert "the following arguments are required: --partnership" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# coverage


def test_coverage_lists_every_number_with_what_covers_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["coverage"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "seeds/000_ed660ce8024e48cd.txt: 13 number(s), all covered",
        "  1:1       '12'           excluded: A weather widget in the page header (a "
        "temperature), not part of the article.",
        "  3:19      '26'           excluded: The dateline; recorded as the publication date "
        "in facts/register.yaml.",
        "  3:23      '2024'         excluded: The dateline; recorded as the publication date "
        "in facts/register.yaml.",
    ]
    assert "  17:308    '161%'         facts: tr-deportations-increase-on-2021, " in "\n".join(
        lines
    )
    assert lines[-1] == "Every number in every seed is covered by a fact or an exclusion."


def test_coverage_fails_on_a_number_nothing_covers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts_file = project / "facts" / "004_040e6e274c70a35f.facts.yaml"
    text = facts_file.read_text(encoding="utf-8")
    facts_file.write_text(text[: text.index("exclusions:")], encoding="utf-8")
    (project / "seeds" / "extra.txt").write_text("3 boats.\n", encoding="utf-8")
    assert run(project, "coverage") == 1
    captured = capsys.readouterr()
    assert "  3:140     'two'          NOT COVERED" in captured.out.splitlines()
    assert captured.err == (
        "seeds/004_040e6e274c70a35f.txt:3:140: coverage: 'two' is not covered by any fact or "
        "exclusion\n  Hint: Add a fact whose quote contains it, or an exclusion (quote and "
        "reason) in the seed's facts/*.facts.yaml file.\n"
        "seeds/extra.txt: is not in facts/register.yaml: every file in seeds/ needs a "
        "register entry\n"
        "  Hint: Register it: 'python -m dashboard add-seed seeds/extra.txt --partnership ...'.\n"
        "\n2 number(s) or seed(s) not accounted for.\n"
    )


# ---------------------------------------------------------------------------
# The whole walk: a new document, from add-seed to the Data page


def curate(document: dict[str, Any]) -> dict[str, Any]:
    """What a curator does to the draft of NEW_TEXT: fill in and approve."""
    filled = {
        "005-calais-report-01": {
            "statement": "212 people crossed the Channel in small boats in the week before "
            "the report of 4 March 2025.",
            "measure": "people crossing the Channel in small boats in one week",
        },
        "005-calais-report-02": {
            "statement": "They crossed in 5 small boats.",
            "measure": "small boats crossing the Channel in one week",
        },
        "005-calais-report-03": {
            "statement": "Officials plan to review the Channel patrols before the end of 2025.",
            "topic": "operations",
        },
    }
    facts = []
    for fact in document["facts"]:
        fact = {**fact, **filled[fact["id"]]}
        del fact["draft"]
        facts.append(fact)
    return {"facts": facts, "exclusions": document["exclusions"]}


@pytest.fixture
def curated_project(project: Path, tmp_path: Path) -> Path:
    source = tmp_path / NEW_SEED
    source.write_text(NEW_TEXT, encoding="utf-8")
    assert run(project, "add-seed", str(source), "--partnership", "UK–France") == 0
    assert run(project, "draft", f"seeds/{NEW_SEED}") == 0
    path = project / "facts" / "005_calais-report.facts.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(curate(document), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return project


def test_a_new_seed_from_document_to_facts_table(
    curated_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(curated_project, "validate") == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: 37 facts from 3 seeds, no errors.")
    assert captured.err == ""  # no conflicts, nothing to review
    assert run(curated_project, "coverage") == 0
    factset = load_facts(curated_project)
    assert factset.errors == [] and factset.conflicts == [] and factset.reviews == []
    table = transforms.facts_table(factset).set_index("fact_id")
    new = table.loc[["005-calais-report-01", "005-calais-report-02", "005-calais-report-03"]]
    assert new["value"].tolist()[:2] == [212, 5]
    assert new["unit"].tolist()[:2] == ["people", "boats"]
    assert new["date_precision"].tolist() == ["week", "week", "span"]
    assert new["status"].tolist() == ["happened", "happened", "planned"]
    assert set(new["seed"]) == {NEW_SEED}
    assert new.loc["005-calais-report-01", "period_label"] == (
        "the week of 24 February 2025 to 2 March 2025"
    )


def test_a_new_seed_shows_on_the_pages(
    curated_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest import open_page as open_address

    monkeypatch.setenv(PROJECT_DIR_ENV, str(curated_project))

    def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
        # The page's address: app_pages/<name>.py, or a page of the views.
        at = open_address(page.removeprefix("app_pages/").removesuffix(".py"), params)
        assert not at.exception
        return at

    # Data: every fact, the new ones among them.
    frame = open_page("app_pages/data.py").dataframe[0].value
    statements = dict(zip(frame["fact_id"], frame["statement"], strict=True))
    assert statements["005-calais-report-01"] == (
        "212 people crossed the Channel in small boats in the week before the report of "
        "4 March 2025."
    )
    assert len(frame) == 37

    # Timeline: the new partnership is a filter, and its planned operation is drawn.
    timeline = open_page("app_pages/timeline.py", {"partnership": "UK–France"})
    pills = [p for p in timeline.get("button_group") if p.label == "Partnership"]
    assert [list(p.value) for p in pills] == [["UK–France"]]
    spec = json.loads(timeline.get("plotly_chart")[0].proto.spec)
    drawn = {
        item[0]
        for trace in spec["data"]
        for item in trace.get("customdata") or []
        if isinstance(item, list) and item
    }
    assert drawn == {"005-calais-report-03"}

    # Sources: the new document, with the facts drawn from it.
    sources = open_page("app_pages/sources.py", {"seed": NEW_SEED})
    subheaders = [element.value for element in sources.header]
    assert "Facts drawn from this source (3)" in subheaders
