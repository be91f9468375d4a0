"""Search ignores case, accents, dashes and curly quotes, and knows the other names of a
thing from the vocabularies' aliases (data, never Python). On the harbours fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import search, transforms
from dashboard.facts.load import load_facts
from dashboard.views.project import Project
from tests.apptest import open_page
from tests.conftest import harbours_project


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Cote d'Ivoire", "Côte d’Ivoire"),
        ("ZURICH", "Zürich"),
        ("Sao Tome-Principe", "São Tomé–Príncipe"),
        ('"quoted"', "“quoted”"),
        ("ﬁle", "file"),  # a ligature reads as its letters
    ],
)
def test_fold_makes_typed_and_written_text_the_same(typed: str, written: str) -> None:
    assert search.fold(typed) == search.fold(written)


@pytest.mark.parametrize(
    ("typed", "aliases", "terms"),
    [
        ("", [("Vesterland", "Westerland")], []),
        ("  ", [], []),
        ("Vésterland", [], ["vesterland"]),
        ("westerland", [("Vesterland", "Westerland")], ["westerland", "vesterland"]),
        (
            "returns to Westerland",
            [("Vesterland", "Westerland", "West Land")],
            [
                "returns to westerland",
                "returns to vesterland",
                "returns to west land",
            ],
        ),
        # Only a whole word: "Westerlands" is not the alias.
        ("westerlands", [("Vesterland", "Westerland")], ["westerlands"]),
        # A name holding a backslash is replaced literally.
        ("a\\b", [("a\\b", "c")], ["a\\b", "c"]),
    ],
)
def test_terms_add_each_other_name_of_an_alias_group(
    typed: str, aliases: list[tuple[str, ...]], terms: list[str]
) -> None:
    assert search.terms(typed, aliases) == terms


VESTERLAND_FACTS = 8  # every fact of 102_norland_vesterland.txt names Vesterland


@pytest.mark.parametrize(
    "typed", ["Vesterland", "vesterland", "VÉSTERLAND", "Westerland", "west land"]
)
def test_any_name_or_spelling_finds_the_same_facts(project: Project, typed: str) -> None:
    vocabulary = project.factset.vocabulary
    assert vocabulary is not None
    found = transforms.filter_facts(project.table, search=typed, aliases=vocabulary.aliases)
    expected = transforms.filter_facts(project.table, search="Vesterland")
    assert found["fact_id"].tolist() == expected["fact_id"].tolist()
    assert len(found) == VESTERLAND_FACTS


def test_without_the_aliases_the_other_name_finds_nothing(project: Project) -> None:
    """The aliases are what finds them: the test above could fail."""
    assert transforms.filter_facts(project.table, search="Westerland").empty


def test_a_plain_hyphen_finds_an_en_dash(project: Project) -> None:
    found = transforms.filter_facts(project.table, search="Norland-Estmark")
    assert set(found["partnership"]) == {"Norland–Estmark"}


def test_the_data_page_search_uses_the_aliases(on_harbours: Project) -> None:
    at = open_page("data", {"q": "Westerland"})
    assert not at.exception
    assert len(at.dataframe[0].value) == VESTERLAND_FACTS


def edit_vocabularies(project: Path, aliases: str) -> list[str]:
    path = project / "facts" / "vocabularies.yaml"
    text = path.read_text(encoding="utf-8")
    old = "aliases:\n  - {name: Vesterland, also: [Westerland, West Land]}\n"
    assert old in text
    path.write_text(text.replace(old, aliases), encoding="utf-8")
    return [str(error) for error in load_facts(project).errors]


@pytest.mark.parametrize(
    ("aliases", "errors"),
    [
        (
            "aliases:\n  - {name: Vesterland, also: [Westerland, VESTERLAND]}\n",
            [
                "facts/vocabularies.yaml:18: aliases[0].also[1]: 'VESTERLAND' differs from a "
                "name before it only in case or accents\n  Hint: Search ignores case and "
                "accents already: leave it out."
            ],
        ),
        (
            "aliases:\n  - {name: Vesterland, also: [Westerland]}\n"
            "  - {name: Norland, also: [Westerland]}\n",
            [
                "facts/vocabularies.yaml:19: aliases[1].also[0]: 'Westerland' is already a name "
                "in another group (line 18)\n  Hint: A name belongs to one group: merge the "
                "groups or drop one name."
            ],
        ),
        (
            "aliases:\n  - {name: Vesterland, also: []}\n",
            [
                "facts/vocabularies.yaml:18: vocabularies.aliases[0].also: List should have "
                "at least 1 item after validation, not 0 (got [])"
            ],
        ),
    ],
)
def test_a_bad_alias_is_refused_with_its_line(
    harbours: Path, aliases: str, errors: list[str]
) -> None:
    assert edit_vocabularies(harbours, aliases) == errors
