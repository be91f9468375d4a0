"""Downloads travel with their metadata: dictionary, README, citation, licence and
sources from the views, on the harbours fixture project."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from dashboard import exports, transforms
from dashboard.views.project import Project
from tests.conftest import harbours_project


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


def test_every_column_is_in_the_data_dictionary() -> None:
    assert list(exports.DATA_DICTIONARY) == list(transforms.COLUMNS)
    assert all(meaning for meaning, _ in exports.DATA_DICTIONARY.values())


def test_zip_holds_data_dictionary_readme_and_both_formats(project: Project) -> None:
    table, factset, dataset = project.table, project.factset, project.views.dataset
    archive = zipfile.ZipFile(io.BytesIO(exports.dataset_zip(table, factset, dataset)))
    assert sorted(archive.namelist()) == [
        "README.md",
        "data-dictionary.csv",
        "facts.csv",
        "facts.json",
    ]
    assert archive.read("facts.csv") == exports.to_csv(table)
    readme = archive.read("README.md").decode("utf-8")
    assert readme.startswith(f"# {dataset.title}\n\n{dataset.description}\n\n")
    assert f"Licence: {dataset.licence}" in readme
    assert "## How to cite" in readme and "seeds/102_norland_vesterland.txt" in readme
    dictionary = pd.read_csv(io.BytesIO(archive.read("data-dictionary.csv")))
    assert dictionary["column"].tolist() == list(transforms.COLUMNS)


def test_the_title_and_citation_come_from_the_views(project: Project) -> None:
    dataset = project.views.dataset
    citation = exports.citation_text(dataset, project.factset)
    assert citation == (
        "Harbour crossings and returns between Norland and its neighbours. Curated facts "
        "with verbatim quotes from: Norland and Estmark sign an accord on Sound patrols "
        "(4 March 2025) (seeds/101_norland_estmark.txt); Vesterland returns more people to "
        "Norland (2024, undated) (seeds/102_norland_vesterland.txt). Cite the fact_id with "
        "any figure."
    )


def test_json_carries_its_metadata_and_keeps_missing_values_missing(project: Project) -> None:
    table, dataset = project.table, project.views.dataset
    document = json.loads(exports.to_json(table, project.factset, dataset))
    assert (document["title"], document["description"], document["licence"]) == (
        dataset.title,
        dataset.description,
        dataset.licence,
    )
    bound = next(f for f in document["facts"] if f["fact_id"] == "ne-crossings-2023-below")
    assert bound["value"] is None and bound["upper"] == 4210 and bound["exactness"] == "bound"
    assert {s["published_how"] for s in document["sources"]} == {"dateline", "inferred"}
    assert [c["column"] for c in document["columns"]] == list(transforms.COLUMNS)


def test_chart_frame_is_the_drawn_columns_then_provenance(project: Project) -> None:
    frame = exports.chart_frame(project.table.head(2), ["period_label", "value", "fact_id"])
    assert list(frame.columns) == ["period_label", "value", *transforms.PROVENANCE_COLUMNS]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-5.0, -5.0),
        (None, None),
    ],
)
def test_safe_cell(cell: object, safe: object) -> None:
    assert exports.safe_cell(cell) == safe
