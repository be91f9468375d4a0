"""The real fact files: zero errors, full coverage, facts for both seeds."""

from __future__ import annotations

import pytest
import yaml

from dashboard.facts.coverage import mentions
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.paths import REPO_DIR


@pytest.fixture(scope="module")
def factset() -> FactSet:
    return load_facts()


def test_real_facts_load_without_errors(factset: FactSet) -> None:
    assert [str(e) for e in factset.errors] == []
    assert {item.fact.source for item in factset.facts} == {
        "000_ed660ce8024e48cd.txt",
        "004_040e6e274c70a35f.txt",
    }


def test_every_fact_in_the_files_loaded(factset: FactSet) -> None:
    """No fact is dropped silently: the loaded ids are exactly the ids in the files."""
    ids = []
    for path in sorted((REPO_DIR / "facts").glob("*.facts.yaml")):
        ids += [fact["id"] for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]]
    assert sorted(item.fact.id for item in factset.facts) == sorted(ids)


def test_every_number_in_every_seed_is_covered(factset: FactSet) -> None:
    found = mentions(factset)
    assert [m for m in found if not m.covered] == []
    # The coverage check saw the numbers that matter (it cannot pass by finding none).
    texts = {(m.seed[:3], m.text) for m in found}
    assert {
        ("000", "29,154"),
        ("000", "509"),
        ("000", "hundreds of thousands"),
        ("004", "161%"),
        ("004", "124,441"),
        ("004", "thousands"),
    } <= texts


def test_excluded_numbers_have_reasons(factset: FactSet) -> None:
    excluded = {
        (m.seed[:3], m.text): m.exclusion_reason
        for m in mentions(factset)
        if m.exclusion_reason and not m.fact_ids
    }
    assert set(excluded) == {("000", "12"), ("000", "26"), ("000", "2024"), ("004", "two")}


def test_derived_facts_recompute_and_show_their_formula(factset: FactSet) -> None:
    derived = {item.fact.id: item.formula for item in factset.facts if item.fact.derived}
    assert derived == {
        "uk-crossings-one-day-people-per-boat": "509 / 11",
        "tr-deportations-2021-implied": "124441 / (1 + 161 / 100)",
    }


def test_bounds_and_approximations_are_never_given_a_value(factset: FactSet) -> None:
    for item in factset.facts:
        fact = item.fact
        if fact.exactness is not None and fact.exactness.value == "bound":
            assert fact.value is None, fact.id
        if fact.exactness is not None and fact.exactness.value == "approximate":
            assert fact.wording, fact.id


def test_register_dates_both_seeds(factset: FactSet) -> None:
    published = {
        name: (
            seed.entry.published.how.value,
            seed.publication.start.isoformat(),
            seed.publication.end.isoformat(),
        )
        for name, seed in factset.seeds.items()
    }
    assert published == {
        "000_ed660ce8024e48cd.txt": ("dateline", "2024-10-26", "2024-10-26"),
        "004_040e6e274c70a35f.txt": ("inferred", "2023-01-01", "2023-08-31"),
    }
