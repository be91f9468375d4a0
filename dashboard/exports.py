"""Files people download: CSV, JSON, the data dictionary and a README on citing.

Every CSV written here is safe to open in a spreadsheet: a text cell that begins
with = + - @, a tab or a carriage return is prefixed with a single quote (OWASP's
advice on CSV injection), while numbers stay numbers.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd

from dashboard.facts.model import FactSet
from dashboard.transforms import COLUMNS, PROVENANCE_COLUMNS
from dashboard.views.model import Dataset

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# column: (meaning, unit or "")
DATA_DICTIONARY: dict[str, tuple[str, str]] = {
    "fact_id": ("Stable identifier of the fact; cite it with the seed.", ""),
    "statement": ("The fact in one plain sentence, written by the curators.", ""),
    "topic": ("What the fact is about: a topic of facts/vocabularies.yaml.", ""),
    "partnership": ("The partnership the source article is about.", ""),
    "countries": ("Countries the fact concerns, separated by '; '.", ""),
    "measure": ("What is counted; facts with the same measure are comparable.", ""),
    "value": ("The figure. Empty when the source gives no number.", "see unit"),
    "unit": ("Unit of value, lower and upper: a unit of facts/vocabularies.yaml.", ""),
    "exactness": (
        "exact: stated as a number; approximate: the source hedges ('around 50'); "
        "bound: the source gives only a limit ('nearly matching').",
        "",
    ),
    "wording": ("The source's own words for an approximate or bounded figure.", ""),
    "lower": ("Lower bound, for a bound: the figure is at least this.", "see unit"),
    "upper": ("Upper bound, for a bound: the figure is at most this.", "see unit"),
    "derived": ("true when the figure was computed by the curators, not stated.", ""),
    "formula": ("For a derived figure: how it was computed, with its inputs.", ""),
    "derived_from": ("For a derived figure: the fact ids it is computed from.", ""),
    "status": ("happened, announced or planned (at the time of the source).", ""),
    "date_edtf": ("The date or period as EDTF (Library of Congress); empty if undated.", ""),
    "date_precision": ("day, week, month, season, year or span.", ""),
    "period_start": ("First day the date or period can mean.", "date (YYYY-MM-DD)"),
    "period_end": ("Last day the date or period can mean.", "date (YYYY-MM-DD)"),
    "period_label": ("The period in words, at its own precision.", ""),
    "relative_phrase": ("The source's relative wording ('last week'), if any.", ""),
    "date_reference": ("The date a relative phrase was resolved from.", "EDTF"),
    "dated_by": (
        "seed: the source dates the fact; publication: undated, placed at the source's "
        "publication date.",
        "",
    ),
    "seed": ("File name of the source document in seeds/.", ""),
    "seed_label": ("Short description of the source document.", ""),
    "seed_published": ("Publication date of the source (EDTF).", "EDTF"),
    "quote": ("The verbatim passage of the source that states the fact.", ""),
    "notes": ("Caveats.", ""),
    "fact_file": ("The fact file that holds the fact.", ""),
    "fact_line": ("Line of the fact in its fact file.", ""),
}


def file_stem(dataset: Dataset) -> str:
    """A file name for the dataset's downloads, from its short title: 'harbour-facts'."""
    words = re.findall(r"[a-z0-9]+", (dataset.short_title or dataset.title).casefold())
    return "-".join(words) or "facts"


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text; leave numbers and blanks alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _for_file(frame: pd.DataFrame, *, spreadsheet: bool = True) -> pd.DataFrame:
    """ISO dates; for a file a spreadsheet may open (CSV), formulas neutralised too.
    JSON is not opened as a spreadsheet: its text stays exactly as written."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").astype("string")
        elif spreadsheet and (pd.api.types.is_string_dtype(column) or column.dtype == object):
            out[name] = column.map(safe_cell, na_action="ignore")
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, one header row, ISO dates, empty cells for missing values."""
    # CRLF rows (RFC 4180): the csv writer then quotes any cell holding a CR as well as
    # a LF; with a bare LF terminator a CR in a cell went unquoted and split the row.
    return _for_file(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def chart_frame(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Exactly the data a chart draws, followed by the provenance columns."""
    wanted = list(dict.fromkeys([*columns, *PROVENANCE_COLUMNS]))
    return frame.loc[:, wanted].reset_index(drop=True)


def chart_csv(frame: pd.DataFrame, columns: Sequence[str]) -> bytes:
    return to_csv(chart_frame(frame, columns))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    out = _for_file(frame, spreadsheet=False).astype(object)
    return [
        {str(key): (None if pd.isna(value) else value) for key, value in row.items()}
        for row in out.to_dict(orient="records")
    ]


def sources_metadata(factset: FactSet) -> list[dict[str, object]]:
    return [
        {
            "file": seed.file,
            "label": seed.entry.label,
            "headline": seed.entry.headline,
            "publisher": seed.entry.publisher,
            "published": seed.entry.published.edtf,
            "published_how": seed.entry.published.how.value,
            "sha256": seed.entry.sha256,
        }
        for seed in factset.seeds.values()
    ]


def to_json(frame: pd.DataFrame, factset: FactSet, dataset: Dataset) -> bytes:
    """The facts with their metadata: title, licence, sources, data dictionary, citation."""
    document = {
        "title": dataset.title,
        "description": dataset.description,
        "licence": dataset.licence,
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "citation": citation_text(dataset, factset),
        "sources": sources_metadata(factset),
        "columns": data_dictionary_records(),
        "facts": _records(frame),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def data_dictionary_records() -> list[dict[str, str]]:
    return [
        {"column": name, "type": COLUMNS[name], "meaning": meaning, "unit": unit}
        for name, (meaning, unit) in DATA_DICTIONARY.items()
    ]


def data_dictionary_frame() -> pd.DataFrame:
    return pd.DataFrame(data_dictionary_records()).astype("string")


def data_dictionary_csv() -> bytes:
    return to_csv(data_dictionary_frame())


def citation_text(dataset: Dataset, factset: FactSet) -> str:
    """The title, every source, and the views' words on citing."""
    sources = "; ".join(
        f"{seed.entry.label} (seeds/{seed.file})" for seed in factset.seeds.values()
    )
    return (
        f"{dataset.title}. Curated facts with verbatim quotes from: {sources}. {dataset.citation}"
    )


def readme_text(dataset: Dataset, factset: FactSet) -> str:
    lines = [
        f"# {dataset.title}",
        "",
        dataset.description,
        "",
        f"Licence: {dataset.licence}",
        "",
        "Hand-curated facts. Every figure and date comes from a source document (a",
        "'seed') and carries the verbatim passage that states it (column 'quote').",
        "",
        "## Reading the figures",
        "- exactness 'approximate': the source hedges ('around 50'); see 'wording'.",
        "- exactness 'bound': the source gives only a limit; 'value' is empty and",
        "  'lower'/'upper' hold the limit. Never read a bound as the figure.",
        "- derived = true: computed by the curators (see 'formula'), not stated.",
        "- status 'planned' or 'announced': not (yet) happened at the source's date.",
        "- period_start/period_end: the first and last day the date can mean; a season",
        "  or a year is a span, not a day (see 'date_precision').",
        "- dated_by 'publication': the source gives no date; the fact is placed at the",
        "  source's publication date.",
        "",
        "## Sources",
    ]
    for source in sources_metadata(factset):
        lines.append(
            f"- seeds/{source['file']}: {source['label']}; published {source['published']} "
            f"({source['published_how']}); publisher: {source['publisher'] or 'not named'}."
        )
    lines += ["", "## How to cite", citation_text(dataset, factset), "", "## Columns"]
    for record in data_dictionary_records():
        unit = f" [{record['unit']}]" if record["unit"] else ""
        lines.append(f"- {record['column']} ({record['type']}){unit}: {record['meaning']}")
    return "\n".join(lines) + "\n"


def dataset_zip(frame: pd.DataFrame, factset: FactSet, dataset: Dataset) -> bytes:
    """The full dataset with its metadata, as one download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("facts.csv", to_csv(frame))
        archive.writestr("facts.json", to_json(frame, factset, dataset))
        archive.writestr("data-dictionary.csv", data_dictionary_csv())
        archive.writestr("README.md", readme_text(dataset, factset))
    return buffer.getvalue()
