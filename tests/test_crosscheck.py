"""Checks across facts: conflicting figures and plans already in the past (warnings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.facts.crosscheck import CONFLICT_HINT, REVIEW_HINT
from dashboard.facts.load import load_facts
from dashboard.facts.schema import Status
from tests.corpus_builder import (
    CROSSINGS,
    DATED,
    DATED_FACTS,
    GOOD_FACTS,
    OTHER_PARTNERSHIP,
    PARTNERSHIP,
    TEST_FILE,
    UNDATED,
    UNDATED_WINDOW,
    Corpus,
    build_corpus,
)

FILE = TEST_FILE


def fact(
    *,
    measure: str = CROSSINGS,
    figure: str = "value: 509",
    unit: str = "people",
    exactness: str = "exact",
    status: str = "happened",
    edtf: str = '"2024-01-01/2024-10-26"',
    precision: str = "span",
    partnership: str = PARTNERSHIP,
    source: str = DATED,
    quote: str = "509 individuals crossed the Channel",
    extra: str = "",
) -> str:
    """One fact; the figure is on line 8 and the status on line 11, whatever the values.
    Its date is given with a reason: these tests are about figures and plans, not about
    where a date comes from."""
    return (
        "facts:\n"
        "  - id: test-fact\n"
        "    statement: A test fact.\n"
        "    topic: crossings\n"
        f"    partnership: {partnership}\n"
        "    countries: [United Kingdom]\n"
        f"    measure: {measure}\n"
        f"    {figure}\n"
        f"    unit: {unit}\n"
        f"    exactness: {exactness}\n"
        f"    status: {status}\n"
        f"    date: {{edtf: {edtf}, precision: {precision}, reason: A test date.}}\n"
        f"    source: {source}\n"
        f'    quote: "{quote}"\n'
        f"{extra}"
    )


UNDATED_FIGURE = fact().replace(
    '{edtf: "2024-01-01/2024-10-26", precision: span, reason: A test date.}',
    "{edtf: null, precision: null}",
)
UNDATED_PLAN = UNDATED_FIGURE.replace("status: happened", "status: planned")
UNDATED_FACT = {"partnership": PARTNERSHIP, "source": UNDATED, "figure": "value: 15"}
FIRST_15 = "the first 15 asylum seekers boarded the barge"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "project")


def test_the_corpus_has_no_conflicts_and_nothing_to_review(corpus: Corpus) -> None:
    factset = load_facts(corpus.root)
    assert factset.conflicts == []
    assert factset.reviews == []


def test_a_plan_reported_after_its_day_is_not_flagged(corpus: Corpus) -> None:
    """'Around 50 people were expected' on a Monday: a plan reported after the day.

    Its period (the last Monday, in an article undated between January and August
    2023) overlaps the publication window, so it is not certainly past for the
    writer; only plans that ended before the window starts are flagged.
    """
    factset = load_facts(corpus.root)
    expected = factset.by_id()["barge-expected"]
    window = factset.seeds[UNDATED].publication
    assert expected.fact.status is Status.PLANNED
    assert expected.period is not None
    assert expected.period.start < window.start < expected.period.end
    assert factset.reviews == []


CONFLICTS: list[tuple[str, str, str, str]] = [
    (
        "same period, different value",
        fact(),
        "crossings-2024-to-date",
        f"same measure '{CROSSINGS}', unit 'people', period '2024-01-01/2024-10-26' and "
        f"partnership '{PARTNERSHIP}', but test-fact gives 509 and crossings-2024-to-date "
        "gives 29,154",
    ),
    (
        "the same days written another way",
        fact(edtf='"2023-01-01/2023-12-31"'),
        "crossings-2023-bound",
        f"same measure '{CROSSINGS}', unit 'people', period '2023-01-01/2023-12-31' and "
        f"partnership '{PARTNERSHIP}', but test-fact gives 509 and "
        "crossings-2023-bound gives at least 29,154 "
        "(bound: 'nearly matching the total for the entire year of 2023')",
    ),
    (
        "a value below another fact's lower bound",
        fact(edtf='"2023"', precision="year"),
        "crossings-2023-bound",
        f"same measure '{CROSSINGS}', unit 'people', period '2023' and partnership "
        f"'{PARTNERSHIP}', but test-fact gives 509 and crossings-2023-bound "
        "gives at least 29,154 (bound: 'nearly matching the total for the entire year of 2023')",
    ),
    (
        "an exact value against an approximate one",
        fact(
            measure="asylum seekers expected on the barge",
            edtf='"2022-12-26/2023-08-28"',
            quote=FIRST_15,
            **UNDATED_FACT,
        ),
        "barge-expected",
        "same measure 'asylum seekers expected on the barge', unit 'people', "
        f"period '2022-12-26/2023-08-28' and partnership '{PARTNERSHIP}', but test-fact gives "
        "15 and barge-expected gives 50 (approximate: 'Around 50')",
    ),
]


@pytest.mark.parametrize(
    ("content", "other", "detail"),
    [pytest.param(content, other, detail, id=name) for name, content, other, detail in CONFLICTS],
)
def test_facts_that_disagree_are_both_kept_with_a_conflict(
    corpus: Corpus, content: str, other: str, detail: str
) -> None:
    corpus.write_facts(content)
    factset = load_facts(corpus.root)
    assert factset.errors == []
    ids = factset.by_id()
    assert {"test-fact", other} <= set(ids)  # both kept, nothing merged
    where = f"{ids[other].file}:{ids[other].line}"
    assert [str(conflict) for conflict in factset.conflicts] == [
        f"{FILE}:8: test-fact.value: conflicts with {other} ({where}): {detail}\n"
        f"  Hint: {CONFLICT_HINT}"
    ]
    assert (factset.conflicts[0].first.fact.id, factset.conflicts[0].second.fact.id) == (
        other,
        "test-fact",
    )


AGREEMENTS: list[tuple[str, str]] = [
    (
        "same value",
        fact(figure="value: 29154", quote="a total of 29,154 crossings in 2024 alone"),
    ),
    ("another period", fact(edtf='"2024"', precision="year")),
    ("another unit", fact(unit="boats")),
    ("another measure", fact(measure="people crossing on one day")),
    ("another partnership", fact(partnership=OTHER_PARTNERSHIP)),
    ("undated", UNDATED_FIGURE),
    (
        "a value the bound allows",
        fact(
            figure="value: 29154",
            edtf='"2023"',
            precision="year",
            quote="a total of 29,154 crossings in 2024 alone",
        ),
    ),
    (
        "a bound that another value satisfies",
        fact(
            figure="lower: 509",
            exactness="bound",
            extra="    wording: crossed the Channel\n",
        ),
    ),
]


@pytest.mark.parametrize(
    "content", [pytest.param(content, id=name) for name, content in AGREEMENTS]
)
def test_facts_that_do_not_disagree_raise_no_conflict(corpus: Corpus, content: str) -> None:
    corpus.write_facts(content)
    factset = load_facts(corpus.root)
    assert factset.errors == []
    assert "test-fact" in factset.by_id()
    assert factset.conflicts == []


def review_message(
    edtf: str,
    end: str,
    seed: str,
    published: str,
    window_start: str,
    where: str = f"{FILE}:11: test-fact",
) -> str:
    return (
        f"{where}.status: planned, but its date '{edtf}' ended on {end}, before "
        f"seeds/{seed} was published ('{published}', from {window_start})\n"
        f"  Hint: {REVIEW_HINT}"
    )


REVIEWS: list[tuple[str, str, list[str]]] = [
    (
        "planned, over before a dated seed",
        fact(status="planned", edtf='"2024-10-14/2024-10-20"', precision="week"),
        [review_message("2024-10-14/2024-10-20", "2024-10-20", DATED, "2024-10-26", "2024-10-26")],
    ),
    (
        "planned, ending the day before publication",
        fact(status="planned", edtf='"2024-10-25"', precision="day"),
        [review_message("2024-10-25", "2024-10-25", DATED, "2024-10-26", "2024-10-26")],
    ),
    (
        "planned, on the day of publication",
        fact(status="planned", edtf='"2024-10-26"', precision="day"),
        [],
    ),
    (
        "planned, over before an undated seed's window",
        fact(status="planned", edtf='"2022"', precision="year", quote=FIRST_15, **UNDATED_FACT),
        [review_message("2022", "2022-12-31", UNDATED, UNDATED_WINDOW, "2023-01-01")],
    ),
    (
        "planned, overlapping an undated seed's window",
        fact(status="planned", edtf='"2022-12-26/2023-08-28"', quote=FIRST_15, **UNDATED_FACT),
        [],
    ),
    ("happened in the past", fact(edtf='"2024-10-14/2024-10-20"', precision="week"), []),
    (
        "announced in the past",
        fact(status="announced", edtf='"2024-10-14/2024-10-20"', precision="week"),
        [],
    ),
    ("planned, undated", UNDATED_PLAN, []),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in REVIEWS],
)
def test_planned_facts_already_over_are_flagged_for_review(
    corpus: Corpus, content: str, expected: list[str]
) -> None:
    corpus.write_facts(content.replace(f"measure: {CROSSINGS}", "measure: a measure of its own"))
    factset = load_facts(corpus.root)
    assert factset.errors == []
    assert "test-fact" in factset.by_id()  # a review never drops the fact
    assert [str(review) for review in factset.reviews] == expected


def test_validate_prints_warnings_but_passes(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.write_facts(fact())
    plan = fact(
        status="planned",
        measure="a measure of its own",
        edtf='"2024-10-14/2024-10-20"',
        precision="week",
    )
    corpus.write_facts(plan.replace("id: test-fact", "id: test-plan"), "facts/zz-plan.facts.yaml")
    assert main(["--project", str(corpus.root), "validate"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"OK: {GOOD_FACTS + 2} facts from 3 seeds, no errors.")
    line = load_facts(corpus.root).by_id()["crossings-2024-to-date"].line
    assert captured.err == (
        "2 warning(s): these facts are kept and shown; check them.\n"
        f"{FILE}:8: test-fact.value: conflicts with crossings-2024-to-date "
        f"({DATED_FACTS}:{line}): same measure '{CROSSINGS}', unit 'people', period "
        f"'2024-01-01/2024-10-26' and partnership '{PARTNERSHIP}', but test-fact gives 509 and "
        f"crossings-2024-to-date gives 29,154\n  Hint: {CONFLICT_HINT}\n"
        + review_message(
            "2024-10-14/2024-10-20",
            "2024-10-20",
            DATED,
            "2024-10-26",
            "2024-10-26",
            where="facts/zz-plan.facts.yaml:11: test-plan",
        )
        + "\n\n"
    )
