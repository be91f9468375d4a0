"""Checks across facts: conflicting figures and plans already in the past (warnings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.facts.crosscheck import CONFLICT_HINT, REVIEW_HINT
from dashboard.facts.load import load_facts
from dashboard.facts.schema import Status

FILE = "facts/zz-test.facts.yaml"
CROSSINGS = "people crossing the Channel in small boats"
SEED_000 = "000_ed660ce8024e48cd.txt"
SEED_004 = "004_040e6e274c70a35f.txt"
REAL_000 = "facts/000_ed660ce8024e48cd.facts.yaml"


def fact(
    *,
    measure: str = CROSSINGS,
    figure: str = "value: 509",
    unit: str = "people",
    exactness: str = "exact",
    status: str = "happened",
    date: str = '{edtf: "2024-01-01/2024-10-26", precision: span}',
    partnership: str = "UK–Albania",
    source: str = SEED_000,
    quote: str = "509 individuals crossed the Channel",
    extra: str = "",
) -> str:
    """One fact; the figure is on line 8 and the status on line 11, whatever the values."""
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
        f"    date: {date}\n"
        f"    source: {source}\n"
        f'    quote: "{quote}"\n'
        f"{extra}"
    )


def test_real_facts_have_no_conflicts_and_nothing_to_review() -> None:
    factset = load_facts()
    assert factset.conflicts == []
    assert factset.reviews == []


def test_planned_bibby_stockholm_expectation_is_not_flagged() -> None:
    """'Around 50 people were expected' on a Monday: a plan reported after the day.

    Its period (the last Monday, in an article undated between January and August
    2023) overlaps the publication window, so it is not certainly past for the
    writer; only plans that ended before the window starts are flagged.
    """
    factset = load_facts()
    expected = factset.by_id()["uk-bibby-stockholm-expected"]
    window = factset.seeds[SEED_004].publication
    assert expected.fact.status is Status.PLANNED
    assert expected.period is not None
    assert expected.period.start < window.start < expected.period.end
    assert factset.reviews == []


CONFLICTS: list[tuple[str, str, str, str]] = [
    (
        "same period, different value",
        fact(),
        "uk-crossings-2024-to-date",
        f"same measure '{CROSSINGS}', unit 'people', period '2024-01-01/2024-10-26' and "
        "partnership 'UK–Albania', but test-fact gives 509 and uk-crossings-2024-to-date "
        "gives 29,154",
    ),
    (
        "the same days written another way",
        fact(date='{edtf: "2023-01-01/2023-12-31", precision: span}'),
        "uk-crossings-2023-total-above-2024-to-date",
        f"same measure '{CROSSINGS}', unit 'people', period '2023-01-01/2023-12-31' and "
        "partnership 'UK–Albania', but test-fact gives 509 and "
        "uk-crossings-2023-total-above-2024-to-date gives at least 29,154 "
        "(bound: 'nearly matching the total for the entire year of 2023')",
    ),
    (
        "a value below another fact's lower bound",
        fact(date='{edtf: "2023", precision: year}'),
        "uk-crossings-2023-total-above-2024-to-date",
        f"same measure '{CROSSINGS}', unit 'people', period '2023' and partnership "
        "'UK–Albania', but test-fact gives 509 and uk-crossings-2023-total-above-2024-to-date "
        "gives at least 29,154 (bound: 'nearly matching the total for the entire year of 2023')",
    ),
    (
        "an exact value against an approximate one",
        fact(
            measure="asylum seekers expected on the Bibby Stockholm barge",
            figure="value: 15",
            partnership="UK–Türkiye",
            source=SEED_004,
            date='{edtf: "2022-12-26/2023-08-28", precision: span}',
            quote="the first 15 asylum seekers boarded the Bibby Stockholm barge",
        ),
        "uk-bibby-stockholm-expected",
        "same measure 'asylum seekers expected on the Bibby Stockholm barge', unit 'people', "
        "period '2022-12-26/2023-08-28' and partnership 'UK–Türkiye', but test-fact gives 15 "
        "and uk-bibby-stockholm-expected gives 50 (approximate: 'Around 50')",
    ),
]


@pytest.mark.parametrize(
    ("content", "other", "detail"),
    [pytest.param(content, other, detail, id=name) for name, content, other, detail in CONFLICTS],
)
def test_facts_that_disagree_are_both_kept_with_a_conflict(
    write_facts: Callable[[str], Path], project: Path, content: str, other: str, detail: str
) -> None:
    write_facts(content)
    factset = load_facts(project)
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
    ("another period", fact(date='{edtf: "2024", precision: year}')),
    ("another unit", fact(unit="boats")),
    ("another measure", fact(measure="people crossing the Channel in small boats on one day")),
    ("another partnership", fact(partnership="UK–Türkiye")),
    ("undated", fact(date="{edtf: null, precision: null}")),
    (
        "a value the bound allows",
        fact(
            figure="value: 29154",
            date='{edtf: "2023", precision: year}',
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
def test_facts_that_do_not_disagree_raise_no_conflict(
    write_facts: Callable[[str], Path], project: Path, content: str
) -> None:
    write_facts(content)
    factset = load_facts(project)
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
        fact(status="planned", date='{edtf: "2024-10-14/2024-10-20", precision: week}'),
        [
            review_message(
                "2024-10-14/2024-10-20", "2024-10-20", SEED_000, "2024-10-26", "2024-10-26"
            )
        ],
    ),
    (
        "planned, ending the day before publication",
        fact(status="planned", date='{edtf: "2024-10-25", precision: day}'),
        [review_message("2024-10-25", "2024-10-25", SEED_000, "2024-10-26", "2024-10-26")],
    ),
    (
        "planned, on the day of publication",
        fact(status="planned", date='{edtf: "2024-10-26", precision: day}'),
        [],
    ),
    (
        "planned, over before an undated seed's window",
        fact(
            status="planned",
            partnership="UK–Türkiye",
            source=SEED_004,
            date='{edtf: "2022", precision: year}',
            quote="the first 15 asylum seekers",
            figure="value: 15",
        ),
        [review_message("2022", "2022-12-31", SEED_004, "2023-01/2023-08", "2023-01-01")],
    ),
    (
        "planned, overlapping an undated seed's window",
        fact(
            status="planned",
            partnership="UK–Türkiye",
            source=SEED_004,
            date='{edtf: "2022-12-26/2023-08-28", precision: span}',
            quote="the first 15 asylum seekers",
            figure="value: 15",
        ),
        [],
    ),
    (
        "happened in the past",
        fact(date='{edtf: "2024-10-14/2024-10-20", precision: week}'),
        [],
    ),
    (
        "announced in the past",
        fact(status="announced", date='{edtf: "2024-10-14/2024-10-20", precision: week}'),
        [],
    ),
    ("planned, undated", fact(status="planned", date="{edtf: null, precision: null}"), []),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in REVIEWS],
)
def test_planned_facts_already_over_are_flagged_for_review(
    write_facts: Callable[[str], Path], project: Path, content: str, expected: list[str]
) -> None:
    write_facts(content.replace(f"measure: {CROSSINGS}", "measure: a measure of its own"))
    factset = load_facts(project)
    assert factset.errors == []
    assert "test-fact" in factset.by_id()  # a review never drops the fact
    assert [str(review) for review in factset.reviews] == expected


def test_validate_prints_warnings_but_passes(
    write_facts: Callable[..., Path], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_facts(fact())
    plan = fact(
        status="planned",
        measure="a measure of its own",
        date='{edtf: "2024-10-14/2024-10-20", precision: week}',
    )
    write_facts(plan.replace("id: test-fact", "id: test-plan"), "zz-plan.facts.yaml")
    assert main(["--project", str(project), "validate"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: 36 facts from 2 seeds, no errors.")
    line = load_facts(project).by_id()["uk-crossings-2024-to-date"].line
    assert captured.err == (
        "2 warning(s): these facts are kept and shown; check them.\n"
        f"{FILE}:8: test-fact.value: conflicts with uk-crossings-2024-to-date "
        f"({REAL_000}:{line}): same measure '{CROSSINGS}', unit 'people', period "
        "'2024-01-01/2024-10-26' and partnership 'UK–Albania', but test-fact gives 509 and "
        f"uk-crossings-2024-to-date gives 29,154\n  Hint: {CONFLICT_HINT}\n"
        + review_message(
            "2024-10-14/2024-10-20",
            "2024-10-20",
            SEED_000,
            "2024-10-26",
            "2024-10-26",
            where="facts/zz-plan.facts.yaml:11: test-plan",
        )
        + "\n\n"
    )
