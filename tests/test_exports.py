"""Downloads a reader takes away, on the harbours fixture project: CSVs a spreadsheet
opens right (UTF-8 with a BOM, whole numbers as integers, provenance from the register,
each field meaning one thing), and data packages (Frictionless) with their schema from
the column register, a licence and a citation with version and access date."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from frictionless import Package

from dashboard import citation, columns, exports, transforms
from dashboard.paths import project_paths
from dashboard.views.project import Project, load_project
from tests.conftest import EDITION, HARBOURS, harbours_project

CHART_IDS = ["sound-totals", "sound-one-day", "returns-by-year", "port-amber", "events"]


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


def rows_of(data: bytes) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return {row["fact_id"]: row for row in reader}


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ---------------------------------------------------------------------------
# CSV: encoding, numbers, provenance, one meaning per field


def test_csv_is_utf8_with_a_byte_order_mark_so_no_cp1252_reading(project: Project) -> None:
    data = exports.to_csv(project.table)
    assert data.startswith(b"\xef\xbb\xbf")  # what Excel looks for to read UTF-8
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert header == list(columns.FACTS)
    assert pd.read_csv(io.BytesIO(data)).columns.tolist() == list(columns.FACTS)
    # Read as Windows-1252 (what Excel does without the mark), the first header is no
    # longer 'fact_id': the mark is there, so that reading cannot pass unnoticed.
    as_cp1252 = data.decode("cp1252", errors="replace")
    assert as_cp1252.split(",")[0] == "ï»¿fact_id"
    text = data.decode("utf-8-sig")
    assert "Norland–Estmark" in text and "Norlandâ€“Estmark" not in text
    assert "Norlandâ€“Estmark" in as_cp1252  # the mojibake the mark prevents


@pytest.mark.parametrize(
    ("value", "written"),
    [(509.0, 509), (4210.0, 4210), (0.0, 0), (-3.0, -3), (46.25, 46.25), ("509.0", "509.0")],
)
def test_whole_numbers_are_integers(value: object, written: object) -> None:
    result = exports.plain_number(value)
    assert result == written and type(result) is type(written)


def test_non_finite_numbers_are_left_to_the_missing_value_rule() -> None:
    assert math.isnan(float(str(exports.plain_number(math.nan))))


@pytest.mark.parametrize(
    ("fact_id", "column", "cell"),
    [
        ("ne-crossings-2024", "value", "4210"),  # not 4210.0
        ("ne-crossings-2023-below", "upper", "4210"),
        ("ne-crossings-2023-below", "value", ""),  # a bound has no value: missing stays empty
        ("ne-one-day-per-dinghy", "value", "35.3"),  # a fraction keeps its digits
        ("ne-crossings-2024", "derived", "False"),
    ],
)
def test_csv_cells(project: Project, fact_id: str, column: str, cell: str) -> None:
    assert rows_of(exports.to_csv(project.table))[fact_id][column] == cell


@pytest.mark.parametrize(
    ("fact_id", "wording", "inputs_wording"),
    [
        # The derived figure is not "some 25%": those are its input's words.
        ("nv-returns-2022-implied", "", "“some 25%” (nv-returns-change)"),
        ("nv-returns-change", "some 25%", ""),
        ("ne-crossings-2023-below", "well above the total for 2023", ""),
        ("ne-one-day-per-dinghy", "", ""),  # derived from exact inputs
        ("ne-crossings-2024", "", ""),
    ],
)
def test_each_wording_belongs_to_the_figure_of_its_row(
    project: Project, fact_id: str, wording: str, inputs_wording: str
) -> None:
    row = rows_of(exports.to_csv(project.table))[fact_id]
    assert (row["wording"], row["inputs_wording"]) == (wording, inputs_wording)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_csv_carries_the_sources_title_publisher_and_date(
    project: Project, chart_id: str
) -> None:
    chart = project.chart(chart_id)
    rows = rows_of(exports.chart_csv(chart.data, list(chart.data.columns)))
    assert rows
    for fact_id, row in rows.items():
        entry = project.factset.seeds[row["seed"]].entry
        assert (
            row["seed_label"],
            row["seed_headline"],
            row["seed_publisher"],
            row["seed_published"],
        ) == (entry.label, entry.headline, entry.publisher or "", entry.published.edtf), fact_id


def test_a_source_without_publisher_is_an_empty_cell(project: Project) -> None:
    row = rows_of(exports.to_csv(project.table))["nv-returns-2023"]
    assert row["seed_publisher"] == ""
    assert row["seed_published"] == "2024-01/2024-06" and row["seed_published_how"] == "inferred"


def test_chart_frame_is_the_drawn_columns_then_provenance(project: Project) -> None:
    frame = exports.chart_frame(project.table.head(2), ["period_label", "value", "fact_id"])
    assert list(frame.columns) == ["period_label", "value", *columns.PROVENANCE]


# ---------------------------------------------------------------------------
# The column register


def test_every_column_we_write_is_registered_once_and_described(project: Project) -> None:
    names = [column.name for column in columns._COLUMNS]
    assert len(names) == len(set(names))
    written = {*columns.FACTS, *columns.PROVENANCE, *columns.SOURCES, *columns.CONFLICTS}
    written |= {*columns.DICTIONARY}
    for chart_id in CHART_IDS:
        written |= set(project.chart(chart_id).data.columns)
    for name in written:
        item = columns.column(name)
        assert item.title and item.description.endswith("."), name
    assert list(transforms.COLUMNS) == list(columns.FACTS)


def test_the_data_dictionary_is_the_register() -> None:
    dictionary = pd.read_csv(io.BytesIO(exports.data_dictionary_csv()), keep_default_na=False)
    assert dictionary.columns.tolist() == list(columns.DICTIONARY)
    assert dictionary["column"].tolist() == list(columns.FACTS)
    value = dictionary.set_index("column").loc["value"]
    assert value["type"] == "number" and value["measured_in"] == "the unit named in column 'unit'"
    exactness = dictionary.set_index("column").loc["exactness"]
    assert exactness["description"].endswith("Only: exact, approximate, bound.")


@pytest.mark.parametrize(
    ("name", "field"),
    [
        (
            "fact_line",
            {
                "name": "fact_line",
                "type": "integer",
                "title": "Line",
                "description": "The line of the fact in its fact file.",
                "unit": "line",
            },
        ),
        ("period_start", {"type": "date"}),
        ("derived", {"type": "boolean"}),
        ("status", {"constraints": {"enum": ["happened", "announced", "planned"]}}),
    ],
)
def test_table_schema_fields_come_from_the_register(name: str, field: dict[str, Any]) -> None:
    (written,) = columns.table_schema([name])["fields"]
    assert written | field == written


# ---------------------------------------------------------------------------
# Data packages


def validate(tmp_path: Path, data: bytes) -> dict[str, Any]:
    """Unpack a package, validate it with frictionless, return its descriptor."""
    folder = tmp_path / "package"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return descriptor


def test_the_dataset_zip_is_a_valid_data_package(project: Project, tmp_path: Path) -> None:
    table, factset, dataset = project.table, project.factset, project.views.dataset
    data = exports.dataset_zip(table, factset, dataset, EDITION)
    files = members(data)
    assert sorted(files) == [
        "LICENCE.txt",
        "README.md",
        "data-dictionary.csv",
        "datapackage.json",
        "facts.csv",
        "facts.json",
        "sources.csv",
    ]
    assert files["facts.csv"] == exports.to_csv(table)
    descriptor = validate(tmp_path, data)
    assert [r["name"] for r in descriptor["resources"]] == ["facts", "sources", "data-dictionary"]
    facts = descriptor["resources"][0]["schema"]
    assert [f["name"] for f in facts["fields"]] == list(columns.FACTS)
    assert facts["fields"][0] == columns.column("fact_id").field()
    assert descriptor["licenses"] == [
        {"name": "CC0-1.0", "path": "LICENCE.txt", "title": "CC0 (a test fixture)."}
    ]
    assert files["LICENCE.txt"].decode() == "CC0 (a test fixture).\n"
    assert descriptor["version"] == "0123456789ab" and descriptor["accessed"] == "2026-03-04"
    assert descriptor["homepage"] == "https://dash.example/"
    assert descriptor["citation"] == citation.citation_text(dataset, factset, EDITION)
    assert [s["path"] for s in descriptor["sources"]] == [
        "https://dash.example/sources?seed=101_norland_estmark.txt",
        "https://dash.example/sources?seed=102_norland_vesterland.txt",
    ]


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_each_charts_bundle_is_a_valid_data_package(
    project: Project, chart_id: str, tmp_path: Path
) -> None:
    chart = project.chart(chart_id)
    link = f"https://dash.example/page?x=1#{chart_id}"
    data = exports.chart_bundle(chart, project.factset, project.views.dataset, EDITION, link)
    files = members(data)
    assert sorted(files) == ["LICENCE.txt", "README.md", "datapackage.json", f"{chart_id}.csv"]
    assert files[f"{chart_id}.csv"] == exports.chart_csv(chart.data, list(chart.data.columns))
    descriptor = validate(tmp_path, data)
    (resource,) = descriptor["resources"]
    assert [f["name"] for f in resource["schema"]["fields"]] == list(chart.data.columns)
    assert descriptor["title"] == chart.title and descriptor["version"] == EDITION.version
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["citation"].startswith(f"“{chart.title}”, chart. {link} In: ")
    assert "version 0123456789ab" in descriptor["citation"]
    assert "Accessed 2026-03-04" in descriptor["citation"]
    drawn = set(chart.data["seed"])
    assert {s["file"] for s in descriptor["sources"]} == {f"seeds/{name}" for name in drawn}
    readme = files["README.md"].decode()
    assert f"The chart, as it was shown: {link}" in readme


def test_a_package_is_the_same_bytes_for_the_same_facts_and_edition(project: Project) -> None:
    table, factset, dataset = project.table, project.factset, project.views.dataset
    first = exports.dataset_zip(table, factset, dataset, EDITION)
    assert exports.dataset_zip(table, factset, dataset, EDITION) == first


def test_a_package_with_a_broken_csv_fails_validation(project: Project, tmp_path: Path) -> None:
    """The validation above can fail: a count that is not a number is caught."""
    chart = project.chart("sound-totals")
    data = exports.chart_bundle(chart, project.factset, project.views.dataset, EDITION)
    folder = tmp_path / "broken"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    csv_file = folder / "sound-totals.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b",4210,", b",many,"))
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    descriptor["resources"][0].pop("hash")
    descriptor["resources"][0].pop("bytes")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    report = Package(str(folder / "datapackage.json")).validate()
    assert not report.valid
    assert {error_type for [error_type] in report.flatten(["type"])} == {"type-error"}


# ---------------------------------------------------------------------------
# Citation and version


def test_the_citation_has_the_version_address_access_date_and_sources(project: Project) -> None:
    text = citation.citation_text(project.views.dataset, project.factset, EDITION)
    assert text == (
        "Harbour crossings and returns between Norland and its neighbours (version "
        "0123456789ab). https://dash.example/. Accessed 2026-03-04. Curated facts with "
        "verbatim quotes from: Norland and Estmark sign an accord on Sound patrols "
        "(4 March 2025) (seeds/101_norland_estmark.txt); Vesterland returns more people to "
        "Norland (2024, undated) (seeds/102_norland_vesterland.txt). Cite the fact_id with "
        "any figure."
    )


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils' sha256sum")
def test_the_version_is_the_content_hash_the_docstring_recipe_gives(harbours: Path) -> None:
    recipe = (
        "find facts seeds -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort "
        "| xargs sha256sum | sha256sum | cut -c1-12"
    )
    shell = subprocess.run(  # the documented recipe, verbatim
        recipe, shell=True, cwd=harbours, capture_output=True, text=True, check=True
    )
    version = citation.content_version(project_paths(harbours))
    assert version == shell.stdout.strip()
    assert version == citation.content_version(project_paths(HARBOURS))  # a copy: the same
    fact_file = harbours / "facts" / "102_norland_vesterland.facts.yaml"
    fact_file.write_text(fact_file.read_text("utf-8") + "\n", "utf-8")
    assert citation.content_version(project_paths(harbours)) != version


def test_json_carries_its_metadata_and_keeps_missing_values_missing(project: Project) -> None:
    table, dataset = project.table, project.views.dataset
    document = json.loads(exports.to_json(table, project.factset, dataset, EDITION))
    assert (document["title"], document["licence"], document["version"]) == (
        dataset.title,
        dataset.licence,
        "0123456789ab",
    )
    bound = next(f for f in document["facts"] if f["fact_id"] == "ne-crossings-2023-below")
    assert bound["value"] is None and bound["upper"] == 4210 and bound["exactness"] == "bound"
    assert {s["published_how"] for s in document["sources"]} == {"dateline", "inferred"}
    assert [c["column"] for c in document["columns"]] == list(columns.FACTS)


def test_a_project_without_licence_id_names_no_licence(harbours: Path) -> None:
    views = harbours / "facts" / "views.yaml"
    views.write_text(views.read_text("utf-8").replace("  licence_id: CC0-1.0\n", ""), "utf-8")
    changed = load_project(harbours)
    assert changed.errors == []
    data = exports.dataset_zip(changed.table, changed.factset, changed.views.dataset, EDITION)
    licences = json.loads(members(data)["datapackage.json"])["licenses"]
    assert licences == [{"path": "LICENCE.txt", "title": "CC0 (a test fixture)."}]


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
