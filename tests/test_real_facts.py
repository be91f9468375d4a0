"""The project's own facts and views: only checks that hold for any valid corpus (the
code is tested on fixture corpora). Adding a source must keep every one of these true:
no validation error, every number covered, every view resolving, every page rendering."""

from __future__ import annotations

import re

import pytest
import yaml

from dashboard import search, transforms
from dashboard.facts.coverage import mentions
from dashboard.facts.schema import Exactness
from dashboard.paths import REPO_DIR
from dashboard.views.project import Project, load_project
from tests.apptest import open_page, plain


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO_DIR)


def test_no_validation_errors(project: Project) -> None:
    assert [str(e) for e in project.factset.errors] == []
    assert [str(e) for e in project.views.errors] == []
    assert project.factset.vocabulary is not None


def test_every_fact_in_the_files_loaded(project: Project) -> None:
    """No fact is dropped silently: the loaded ids are exactly the ids in the files."""
    ids = []
    for path in sorted((REPO_DIR / "facts").glob("*.facts.yaml")):
        ids += [fact["id"] for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]]
    assert sorted(item.fact.id for item in project.factset.facts) == sorted(ids)
    assert {item.fact.source for item in project.factset.facts} == set(project.factset.seeds)


def test_every_number_in_every_seed_is_covered(project: Project) -> None:
    found = mentions(project.factset)
    assert [m for m in found if not m.covered] == []
    # The check saw numbers in every seed (it cannot pass by finding none).
    assert {m.seed for m in found} == set(project.factset.seeds)


def test_derived_figures_show_their_formula(project: Project) -> None:
    for item in project.factset.facts:
        if item.fact.derived is not None:
            assert item.formula, item.fact.id


def test_bounds_and_approximations_are_never_given_a_value(project: Project) -> None:
    for item in project.factset.facts:
        fact = item.fact
        if fact.exactness is Exactness.BOUND:
            assert fact.value is None, fact.id
        if fact.exactness is Exactness.APPROXIMATE:
            assert fact.wording, fact.id


def test_every_view_resolves_and_draws(project: Project) -> None:
    charts = list(project.views.charts())
    assert charts
    for chart in charts:
        assert chart.view is not None and chart.problems == (), chart.id
        assert len(project.selected(chart)) > 0, chart.id
        drawn = project.chart(chart.id)
        assert drawn.empty_message is None and len(drawn.data) > 0, chart.id
    overview = project.views.overview
    assert project.views.missing_facts == frozenset()
    assert len(overview.headlines) > 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders(project: Project, theme: str) -> None:
    pages = [("overview", project.views.overview.title, 0)]
    pages += [(page.url, page.title, len(page.charts)) for page in project.views.pages]
    pages += [("sources", "Sources", 0), ("data", "Data", 0)]
    for url, title, charts in pages:
        at = open_page(url, theme=theme)
        assert not at.exception, url
        assert not at.error, url
        assert plain(at.title[0].value) == title
        assert len(at.get("plotly_chart")) == charts, url


def test_every_name_of_an_alias_group_finds_the_same_facts(project: Project) -> None:
    """Whatever name or spelling a reader types ("Turkey", "Turkiye"), the search finds
    the facts that use the name of the vocabularies' alias group."""
    vocabulary = project.factset.vocabulary
    assert vocabulary is not None
    for group in vocabulary.aliases:
        found = {
            name: transforms.filter_facts(project.table, search=name, aliases=vocabulary.aliases)[
                "fact_id"
            ].tolist()
            for name in (*group, *(search.fold(name) for name in group))
        }
        assert len({tuple(ids) for ids in found.values()}) == 1, found


def test_a_derived_figure_never_carries_its_inputs_wording_as_its_own(project: Project) -> None:
    """The source's words belong to the figure they describe: a derived row's 'wording'
    is empty; the words of its approximate inputs are in inputs_wording, each with the
    input's fact id."""
    rows = project.table
    derived = rows[rows["derived"].fillna(False).astype(bool)]
    assert derived["wording"].isna().all()
    for _, row in derived.dropna(subset=["inputs_wording"]).iterrows():
        for input_id in re.findall(r"” \(([^)]+)\)", row["inputs_wording"]):
            assert input_id in str(row["derived_from"]).split("; ") or input_id in set(
                rows["fact_id"]
            ), row["fact_id"]
