"""Downloads travel with their metadata: dictionary, README, citation, sources."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from dashboard import exports, transforms
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet


@pytest.fixture(scope="module")
def factset() -> FactSet:
    return load_facts()


def test_every_column_is_in_the_data_dictionary() -> None:
    assert list(exports.DATA_DICTIONARY) == list(transforms.COLUMNS)
    assert all(meaning for meaning, _ in exports.DATA_DICTIONARY.values())


def test_zip_holds_data_dictionary_readme_and_both_formats(factset: FactSet) -> None:
    table = transforms.facts_table(factset)
    archive = zipfile.ZipFile(io.BytesIO(exports.dataset_zip(table, factset)))
    assert sorted(archive.namelist()) == [
        "README.md",
        "data-dictionary.csv",
        "facts.csv",
        "facts.json",
    ]
    assert archive.read("facts.csv") == exports.to_csv(table)
    readme = archive.read("README.md").decode("utf-8")
    assert "## How to cite" in readme and "seeds/004_040e6e274c70a35f.txt" in readme
    dictionary = pd.read_csv(io.BytesIO(archive.read("data-dictionary.csv")))
    assert dictionary["column"].tolist() == list(transforms.COLUMNS)


def test_json_carries_sources_and_keeps_missing_values_missing(factset: FactSet) -> None:
    table = transforms.facts_table(factset)
    document = json.loads(exports.to_json(table, factset))
    bound = next(
        f for f in document["facts"] if f["fact_id"] == "uk-crossings-2023-total-above-2024-to-date"
    )
    assert bound["value"] is None and bound["lower"] == 29154 and bound["exactness"] == "bound"
    assert {s["published_how"] for s in document["sources"]} == {"dateline", "inferred"}
    assert [c["column"] for c in document["columns"]] == list(transforms.COLUMNS)


def test_chart_frame_is_the_drawn_columns_then_provenance(factset: FactSet) -> None:
    table = transforms.facts_table(factset)
    frame = exports.chart_frame(table.head(2), ["period_label", "value", "fact_id"])
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
