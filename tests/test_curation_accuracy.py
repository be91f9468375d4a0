"""How right the draft is, measured on five articles curated by hand
(tests/fixtures/curation: a news report, a press release, a parliamentary answer, a
statistics bulletin and an interview). The curation was written as a careful curator
would, not to suit the draft; the draft is what improves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.curation.accuracy import SeedAccuracy, measure, table
from dashboard.facts.load import load_facts
from dashboard.paths import REPO_DIR

FIXTURE = REPO_DIR / "tests" / "fixtures" / "curation"
KINDS = ("news_report", "press_release", "parliamentary_answer", "statistics_bulletin", "interview")
TARGET_RIGHT = 0.70


@pytest.fixture(scope="module")
def results() -> list[SeedAccuracy]:
    return measure(FIXTURE)


def test_the_fixture_is_five_kinds_of_article_curated_without_an_error() -> None:
    factset = load_facts(FIXTURE)
    assert [str(error) for error in factset.errors] == []
    assert sorted(name.split("_", 1)[1].removesuffix(".txt") for name in factset.seeds) == sorted(
        KINDS
    )
    assert all(any(item.fact.source == name for item in factset.facts) for name in factset.seeds)


def test_the_draft_meets_the_target(results: list[SeedAccuracy]) -> None:
    right = sum(result.right for result in results)
    candidates = sum(result.candidates for result in results)
    missed = {result.seed: result.misses for result in results if result.misses}
    assert missed == {}, "stated figures or dated events with no candidate"
    assert right / candidates >= TARGET_RIGHT, table(results)


def test_the_readme_prints_the_measured_table(results: list[SeedAccuracy]) -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert table(results) in readme, "update README.md: scripts/draft_accuracy.py prints it"


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "curation"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_candidate_that_differs_from_the_curation_counts_as_fixed(
    tmp_path: Path, results: list[SeedAccuracy]
) -> None:
    """The measure can fail: curate one fact differently, and its candidate is fixed."""
    copy = _copy(tmp_path)
    path = copy / "facts" / "201_news_report.facts.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace(
        "    value: 623\n    unit: people\n    exactness: exact\n    status: happened",
        "    value: 623\n    unit: people\n    exactness: exact\n    status: announced",
    )
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    before = results[0]
    after = measure(copy)[0]
    assert (after.right, after.fixed) == (before.right - 1, before.fixed + 1)
    assert "fr-crossings-one-day-people: status 'happened'->'announced'" in after.fixes


def test_a_curated_fact_with_no_candidate_counts_as_missed(
    tmp_path: Path, results: list[SeedAccuracy]
) -> None:
    """A curated event in words the draft does not read as a date is missed; a candidate
    that stands for no curated fact is wrong."""
    copy = _copy(tmp_path)
    path = copy / "facts" / "201_news_report.facts.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: fr-crossings-one-day-people")
    end = text.index("  - id: fr-crossings-one-day-boats")
    undated = (
        "  - id: fr-charity-criticism\n"
        "    statement: A refugee charity called the pilot a drop in the ocean.\n"
        "    topic: policy\n"
        "    partnership: UK–France\n"
        "    countries: [United Kingdom, France]\n"
        "    status: happened\n"
        "    date: {edtf: null, precision: null}\n"
        "    source: 201_news_report.txt\n"
        "    quote: 'said the pilot was \"a drop in the ocean\"'\n\n"
    )
    at = text.index("exclusions:")
    path.write_text(text[:start] + text[end:at] + undated + text[at:], encoding="utf-8")
    assert load_facts(copy).errors == []
    before, after = results[0], measure(copy)[0]
    assert after.misses == ["fr-charity-criticism"]
    assert after.wrongs == [*before.wrongs, "'623'"]
    assert (after.right, after.wrong) == (before.right - 1, before.wrong + 1)
