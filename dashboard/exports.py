"""Files people download: CSV, JSON, and data packages with their README and licence.

Every CSV written here opens right in a spreadsheet:

- UTF-8 with a byte-order mark, so that Excel opened by a double-click reads UTF-8 and
  not the system's code page ("Zürich–Genève", never "ZÃ¼richâ€“GenÃ¨ve");
- whole numbers as integers (509, not 509.0), other numbers with every digit they have
  (46.25), dates as YYYY-MM-DD, missing values as empty cells;
- a text cell that begins with = + - @, a tab or a carriage return is prefixed with a
  single quote (OWASP's advice on CSV injection), while numbers stay numbers.

The ZIP of everything and each chart's bundle are Frictionless Data Packages: a
``datapackage.json`` whose Table Schemas come from the column register
(dashboard/columns.py), with the licence, the sources and a citation with the
version and the access date. Given the same facts and edition, a download is the same
bytes: no clock is read here.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pandas as pd

from dashboard import columns
from dashboard.citation import Edition, citation_text
from dashboard.facts.model import FactSet, Seed
from dashboard.views.model import Dataset

if TYPE_CHECKING:  # charts import this module for chart_frame
    from dashboard.charts import Chart

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
PROVENANCE_COLUMNS = list(columns.PROVENANCE)
LICENCE_FILE = "LICENCE.txt"
README_FILE = "README.md"
DESCRIPTOR_FILE = "datapackage.json"


def file_stem(dataset: Dataset) -> str:
    """A file name for the dataset's downloads, from its short title: 'harbour-facts'."""
    words = re.findall(r"[a-z0-9]+", (dataset.short_title or dataset.title).casefold())
    return "-".join(words) or "facts"


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text; leave numbers and blanks alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def plain_number(value: object) -> object:
    """A whole number as an int (509, not 509.0); any other number as it is (46.25)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _for_file(frame: pd.DataFrame, *, spreadsheet: bool = True) -> pd.DataFrame:
    """ISO dates, whole numbers as integers; for a file a spreadsheet may open (CSV),
    formulas neutralised too. JSON is not opened as a spreadsheet: its text stays
    exactly as written."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").astype("string")
        elif pd.api.types.is_float_dtype(column):
            out[name] = column.astype(object).map(plain_number, na_action="ignore")
        elif spreadsheet and (pd.api.types.is_string_dtype(column) or column.dtype == object):
            out[name] = column.map(safe_cell, na_action="ignore")
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """A CSV a spreadsheet opens right (see the module's notes): one header row."""
    # CRLF rows (RFC 4180): the csv writer then quotes any cell holding a CR as well as
    # a LF; with a bare LF terminator a CR in a cell went unquoted and split the row.
    text = _for_file(frame).to_csv(index=False, lineterminator="\r\n")
    return (BOM + text).encode("utf-8")


def chart_frame(frame: pd.DataFrame, drawn: Sequence[str]) -> pd.DataFrame:
    """Exactly the data a chart draws, followed by the provenance columns."""
    wanted = list(dict.fromkeys([*drawn, *PROVENANCE_COLUMNS]))
    return frame.loc[:, wanted].reset_index(drop=True)


def chart_csv(frame: pd.DataFrame, drawn: Sequence[str]) -> bytes:
    return to_csv(chart_frame(frame, drawn))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    out = _for_file(frame, spreadsheet=False).astype(object)
    return [
        {str(key): (None if pd.isna(value) else plain_number(value)) for key, value in row.items()}
        for row in out.to_dict(orient="records")
    ]


# ---------------------------------------------------------------------------
# Sources, the data dictionary, the README


def sources_page_url(address: str | None, seed_file: str) -> str | None:
    """Where the dashboard shows a source document, when its address is known."""
    if not address:
        return None
    return f"{address.rstrip('/')}/sources?{urlencode({'seed': seed_file})}"


def sources_frame(seeds: Iterable[Seed]) -> pd.DataFrame:
    """One row per source document, with the provenance columns of the register."""
    rows = [
        {
            "seed": seed.file,
            "seed_label": seed.entry.label,
            "seed_headline": seed.entry.headline,
            "seed_publisher": seed.entry.publisher,
            "seed_published": seed.entry.published.edtf,
            "seed_published_how": seed.entry.published.how.value,
            "partnership": seed.entry.partnership,
            "seed_sha256": seed.entry.sha256,
        }
        for seed in seeds
    ]
    return pd.DataFrame(rows, columns=list(columns.SOURCES)).astype(columns.dtypes(columns.SOURCES))


def sources_metadata(seeds: Iterable[Seed], address: str | None = None) -> list[dict[str, object]]:
    """The sources as a data package lists them: title (the document's headline, else
    our label), where the dashboard shows it, publisher, publication date and how it
    is known, file and digest."""
    listed = []
    for seed in seeds:
        entry = seed.entry
        source: dict[str, object] = {"title": entry.headline or entry.label}
        link = sources_page_url(address, seed.file)
        if link:
            source["path"] = link
        source.update(
            {
                "label": entry.label,
                "headline": entry.headline,
                "publisher": entry.publisher,
                "published": entry.published.edtf,
                "published_how": entry.published.how.value,
                "file": f"seeds/{seed.file}",
                "sha256": entry.sha256,
            }
        )
        listed.append(source)
    return listed


def data_dictionary_records(names: Sequence[str] = columns.FACTS) -> list[dict[str, str]]:
    return columns.dictionary_rows(names)


def data_dictionary_frame(names: Sequence[str] = columns.FACTS) -> pd.DataFrame:
    return pd.DataFrame(data_dictionary_records(names), columns=list(columns.DICTIONARY)).astype(
        "string"
    )


def data_dictionary_csv(names: Sequence[str] = columns.FACTS) -> bytes:
    return to_csv(data_dictionary_frame(names))


READING_THE_FIGURES = (
    "- exactness 'approximate': the source hedges the figure ('around 50': see 'wording'),",
    "  or it is derived from a figure the source hedges (see 'inputs_wording').",
    "- exactness 'bound': the source gives only a limit; 'value' is empty and",
    "  'lower'/'upper' hold the limit. Never read a bound as the figure.",
    "- derived = True: computed by the curators (see 'formula'), not stated; 'quote'",
    "  is then the passage that states its inputs.",
    "- status 'planned' or 'announced': not (yet) happened at the source's date.",
    "- period_start/period_end: the first and last day the date can mean; a season",
    "  or a year is a span, not a day (see 'date_precision').",
    "- dated_by 'publication': the source gives no date; the fact is placed at the",
    "  source's publication date.",
    "- A text cell that begins with = + - @ (or a tab or carriage return) is written",
    "  with a leading ' so that no spreadsheet runs it as a formula.",
)


def _edition_lines(dataset: Dataset, edition: Edition) -> list[str]:
    lines = [
        f"- Version: {edition.version} (a content hash of the facts and their sources:",
        "  the same facts give the same version, wherever they are served)",
    ]
    if edition.address:
        lines.append(f"- Dashboard: {edition.address}")
    lines += [
        f"- Accessed: {edition.accessed.isoformat()}",
        f"- Licence: {dataset.licence} (also in {LICENCE_FILE})",
    ]
    return lines


def _readme(
    heading: Sequence[str],
    dataset: Dataset,
    seeds: Sequence[Seed],
    edition: Edition,
    citation: str,
    files: Sequence[tuple[str, str]],
    tables: Sequence[tuple[str, Sequence[str]]],
) -> str:
    lines = [*heading, "", *_edition_lines(dataset, edition), "", "## How to cite", citation]
    lines += ["", "## Files"]
    lines += [f"- {name}: {what}" for name, what in files]
    lines += [
        "",
        "CSV files are UTF-8 with a byte-order mark (Excel reads them as UTF-8), one header",
        "row, whole numbers as integers, dates as YYYY-MM-DD and missing values as empty",
        "cells. datapackage.json describes every column (Frictionless Data Package and",
        "Table Schema: https://datapackage.org), so tools can check and load them:",
        f"`frictionless validate {DESCRIPTOR_FILE}`.",
        "",
        "## Reading the figures",
        "Hand-curated facts. Every figure and date comes from a source document (a 'seed')",
        "and carries the verbatim passage that states it (column 'quote').",
        "",
        *READING_THE_FIGURES,
        "",
        "## Sources",
    ]
    for source in sources_metadata(seeds, edition.address):
        lines.append(
            f"- {source['file']}: {source['label']}; headline: "
            f"{source['headline'] or 'none in the text'}; publisher: "
            f"{source['publisher'] or 'not named'}; published {source['published']} "
            f"({source['published_how']})" + (f"; {source['path']}" if "path" in source else "")
        )
    for file_name, names in tables:
        lines += ["", f"## Columns of {file_name}"]
        for record in columns.dictionary_rows(names):
            unit = f" [{record['measured_in']}]" if record["measured_in"] else ""
            lines.append(
                f"- {record['column']} ({record['type']}){unit}, “{record['title']}”: "
                f"{record['description']}"
            )
    return "\n".join(lines) + "\n"


def readme_text(dataset: Dataset, factset: FactSet, edition: Edition) -> str:
    """The README of the whole dataset's package."""
    return _readme(
        [f"# {dataset.title}", "", dataset.description],
        dataset,
        list(factset.seeds.values()),
        edition,
        citation_text(dataset, factset, edition),
        DATASET_FILES,
        [
            ("facts.csv", columns.FACTS),
            ("sources.csv", columns.SOURCES),
            ("data-dictionary.csv", columns.DICTIONARY),
        ],
    )


DATASET_FILES = (
    ("facts.csv", "every fact, one row each, with its verbatim quote and source"),
    ("sources.csv", "every source document: title, publisher, publication date, digest"),
    ("data-dictionary.csv", "every column of facts.csv: title, type, meaning, unit"),
    ("facts.json", "the facts with the title, licence, sources, columns and citation"),
    (DESCRIPTOR_FILE, "the data package: the files' schemas, licence, sources, version"),
    (README_FILE, "this file"),
    (LICENCE_FILE, "the licence"),
)


def to_json(frame: pd.DataFrame, factset: FactSet, dataset: Dataset, edition: Edition) -> bytes:
    """The facts with their metadata: title, version, licence, sources, columns, citation."""
    document = {
        "title": dataset.title,
        "description": dataset.description,
        "version": edition.version,
        "accessed": edition.accessed.isoformat(),
        "address": edition.address,
        "licence": dataset.licence,
        "citation": citation_text(dataset, factset, edition),
        "sources": sources_metadata(factset.seeds.values(), edition.address),
        "columns": data_dictionary_records(),
        "facts": _records(frame),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# ---------------------------------------------------------------------------
# Data packages


@dataclass(frozen=True)
class _Table:
    """A CSV of a package: its file, what it holds and its columns."""

    name: str
    path: str
    title: str
    description: str
    frame: pd.DataFrame
    primary_key: str | None = None
    foreign_keys: tuple[dict[str, Any], ...] = ()


def _resource(table: _Table, data: bytes) -> dict[str, Any]:
    schema = columns.table_schema(table.frame.columns, primary_key=table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = list(table.foreign_keys)
    return {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }


def _licences(dataset: Dataset) -> list[dict[str, str]]:
    licence = {"path": LICENCE_FILE, "title": dataset.licence}
    if dataset.licence_id:
        licence = {"name": dataset.licence_id, **licence}
    return [licence]


def descriptor(
    name: str,
    title: str,
    description: str,
    dataset: Dataset,
    seeds: Sequence[Seed],
    edition: Edition,
    citation: str,
    resources: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """A datapackage.json (Frictionless Data Package, version 1 with extra properties:
    citation and accessed)."""
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": name,
        "title": title,
        "description": description,
        "version": edition.version,
    }
    if edition.address:
        package["homepage"] = edition.address
    package.update(
        {
            "licenses": _licences(dataset),
            "sources": sources_metadata(seeds, edition.address),
            "citation": citation,
            "accessed": edition.accessed.isoformat(),
            "resources": list(resources),
        }
    )
    return package


def _zip(files: Sequence[tuple[str, bytes]], edition: Edition) -> bytes:
    """A ZIP whose members are stamped with the access date: the same files, the same bytes."""
    stamp = (edition.accessed.year, edition.accessed.month, edition.accessed.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _package(
    *,
    name: str,
    title: str,
    description: str,
    dataset: Dataset,
    seeds: Sequence[Seed],
    edition: Edition,
    citation: str,
    tables: Sequence[_Table],
    readme: str,
    extra: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    written = [(table, to_csv(table.frame)) for table in tables]
    package = descriptor(
        name,
        title,
        description,
        dataset,
        seeds,
        edition,
        citation,
        [_resource(table, data) for table, data in written],
    )
    return _zip(
        [
            (DESCRIPTOR_FILE, _json(package)),
            *[(table.path, data) for table, data in written],
            *extra,
            (README_FILE, readme.encode("utf-8")),
            (LICENCE_FILE, (dataset.licence + "\n").encode("utf-8")),
        ],
        edition,
    )


def _json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dataset_zip(frame: pd.DataFrame, factset: FactSet, dataset: Dataset, edition: Edition) -> bytes:
    """Everything, as one data package: the facts, their sources, the data dictionary,
    the JSON, a README and the licence."""
    seeds = list(factset.seeds.values())
    stem = file_stem(dataset)
    tables = [
        _Table(
            "facts",
            "facts.csv",
            "Facts",
            "Every verified fact, one row each, with its verbatim quote and source.",
            frame.loc[:, list(columns.FACTS)],
            primary_key="fact_id",
            foreign_keys=(
                {"fields": ["seed"], "reference": {"resource": "sources", "fields": ["seed"]}},
            ),
        ),
        _Table(
            "sources",
            "sources.csv",
            "Sources",
            "Every source document: our label, its headline, publisher and publication date.",
            sources_frame(seeds),
            primary_key="seed",
        ),
        _Table(
            "data-dictionary",
            "data-dictionary.csv",
            "Data dictionary",
            "Every column of facts.csv: its title, type, meaning and unit.",
            data_dictionary_frame(),
            primary_key="column",
        ),
    ]
    return _package(
        name=stem,
        title=dataset.title,
        description=dataset.description,
        dataset=dataset,
        seeds=seeds,
        edition=edition,
        citation=citation_text(dataset, factset, edition),
        tables=tables,
        readme=readme_text(dataset, factset, edition),
        extra=[("facts.json", to_json(frame, factset, dataset, edition))],
    )


def chart_citation(
    chart: Chart, dataset: Dataset, factset: FactSet, edition: Edition, link: str | None
) -> str:
    where = f" {link}" if link else ""
    return f"“{chart.title}”, chart.{where} In: {citation_text(dataset, factset, edition)}"


def chart_bundle(
    chart: Chart,
    factset: FactSet,
    dataset: Dataset,
    edition: Edition,
    link: str | None = None,
) -> bytes:
    """One chart's data package: exactly the data it draws (the chart's CSV), the
    datapackage.json, a README with its title, notes, sources and citation, the licence."""
    drawn_seeds = set(chart.data["seed"].dropna())
    seeds = [seed for name, seed in factset.seeds.items() if name in drawn_seeds]
    csv_name = f"{chart.key}.csv"
    citation = chart_citation(chart, dataset, factset, edition, link)
    table = _Table(
        chart.key,
        csv_name,
        chart.title,
        f"{chart.subtitle.rstrip('.')}. Exactly the data the chart draws, one row per fact, with "
        "where each comes from.",
        chart.data,
        primary_key="fact_id",
    )
    heading = [f"# {chart.title}", "", chart.subtitle, "", f"From “{dataset.title}”."]
    if link:
        heading += ["", f"The chart, as it was shown: {link}"]
    heading += ["", "## What the chart says about itself", f"- {chart.source}"]
    heading += [f"- {note}" for note in chart.notes]
    readme = _readme(
        heading,
        dataset,
        seeds,
        edition,
        citation,
        (
            (csv_name, "exactly the data the chart draws, with where each figure comes from"),
            (DESCRIPTOR_FILE, "the data package: the CSV's schema, licence, sources, version"),
            (README_FILE, "this file"),
            (LICENCE_FILE, "the licence"),
        ),
        [(csv_name, list(chart.data.columns))],
    )
    return _package(
        name=f"{file_stem(dataset)}-{chart.key}",
        title=chart.title,
        description=f"{chart.subtitle.rstrip('.')}. From “{dataset.title}”.",
        dataset=dataset,
        seeds=seeds,
        edition=edition,
        citation=citation,
        tables=[table],
        readme=readme,
    )
