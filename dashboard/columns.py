"""The one register of columns: every column of a table we show or a file we write,
with its type, title, meaning and unit.

The tidy facts table takes its columns and types from here (transforms), the data
dictionary and the Table Schema of every data package are written from here
(exports), and the tables' headers and tooltips are labelled from here (ui). So a
column means the same thing on screen, in a CSV and in a datapackage.json, and a
column that is not registered cannot be written (a test checks every chart's data).

Each column means one thing: ``wording`` is the source's words for the figure of its
own row, never those of another figure (a derived figure has none; its inputs' words
are in ``inputs_wording``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from dashboard.facts.dates import Precision
from dashboard.facts.schema import Exactness, HowDated, Status

Kind = Literal["string", "number", "integer", "boolean", "date"]

# The pandas dtype that holds each kind (nullable, stable under pandas 3).
DTYPES: Final[Mapping[Kind, str]] = {
    "string": "string",
    "number": "Float64",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "datetime64[s]",
}

# How a timeline draws an event (transforms.select adds it to a timeline's facts).
SHAPES: Final = ("point", "span")
DATED_BY: Final = ("seed", "publication")


@dataclass(frozen=True)
class Column:
    """A column: its name in files, its kind, its header, what it means and its unit."""

    name: str
    kind: Kind
    title: str
    description: str
    unit: str = ""
    values: tuple[str, ...] = ()  # the only values it may hold, when it is a closed list

    @property
    def dtype(self) -> str:
        return DTYPES[self.kind]

    def field(self) -> dict[str, Any]:
        """The column as a Table Schema field (Frictionless Data)."""
        field: dict[str, Any] = {
            "name": self.name,
            "type": self.kind,
            "title": self.title,
            "description": self.description,
        }
        if self.unit:
            field["unit"] = self.unit
        if self.values:
            field["constraints"] = {"enum": list(self.values)}
        return field


_SEE_UNIT = "the unit named in column 'unit'"

_COLUMNS: tuple[Column, ...] = (
    Column(
        "fact_id", "string", "Fact id", "Stable identifier of the fact: cite it with any figure."
    ),
    Column(
        "statement",
        "string",
        "Statement",
        "The fact in one plain sentence, written by the curators (not a quote).",
    ),
    Column("topic", "string", "Topic", "What the fact is about: a topic of the vocabularies."),
    Column(
        "partnership",
        "string",
        "Partnership",
        "The partnership the source document is about, as named in the seed register.",
    ),
    Column("countries", "string", "Countries", "Countries the fact concerns, separated by '; '."),
    Column(
        "measure",
        "string",
        "Measure",
        "What the figure counts: figures with the same measure and unit are comparable. "
        "Empty for a fact that gives no figure.",
    ),
    Column(
        "value",
        "number",
        "Value",
        "The figure: as the source states it, or as the curators computed it when "
        "'derived' is true. Empty when the source gives no number, or only a limit.",
        unit=_SEE_UNIT,
    ),
    Column(
        "unit", "string", "Unit", "The unit of value, lower and upper: a unit of the vocabularies."
    ),
    Column(
        "exactness",
        "string",
        "Exactness",
        "exact: stated as a number; approximate: the source hedges it ('around 50'), or it "
        "is derived from a figure the source hedges; bound: the source gives only a limit "
        "('nearly matching'). Empty for a fact that gives no figure.",
        values=tuple(item.value for item in Exactness),
    ),
    Column(
        "wording",
        "string",
        "Source's words",
        "The source's own words for the figure of this row, when it is approximate or a "
        "bound ('around 50'). Empty for an exact figure, and for a derived one: the source "
        "does not give it (see inputs_wording).",
    ),
    Column(
        "lower",
        "number",
        "At least",
        "For a bound: the limit the source gives from below (the figure is at least this). "
        "Empty otherwise.",
        unit=_SEE_UNIT,
    ),
    Column(
        "upper",
        "number",
        "At most",
        "For a bound: the limit the source gives from above (the figure is at most this). "
        "Empty otherwise.",
        unit=_SEE_UNIT,
    ),
    Column(
        "derived",
        "boolean",
        "Derived",
        "True when the curators computed the figure from other facts; False when the "
        "source states it (or the fact gives no figure).",
    ),
    Column(
        "formula",
        "string",
        "Formula",
        "For a derived figure: how it was computed, with its input figures.",
    ),
    Column(
        "derived_from",
        "string",
        "Derived from",
        "For a derived figure: the fact ids of its inputs, separated by '; '.",
    ),
    Column(
        "inputs_wording",
        "string",
        "Inputs' words",
        "For a derived figure: the source's own words for each input it gives as "
        "approximate, each followed by the input's fact id in brackets, separated by '; '. "
        "They are why the derived figure is approximate. Empty otherwise.",
    ),
    Column(
        "status",
        "string",
        "Status",
        "happened, announced or planned, at the time of the source.",
        values=tuple(item.value for item in Status),
    ),
    Column(
        "date_edtf",
        "string",
        "Date (EDTF)",
        "The fact's date or period in EDTF (Library of Congress): 2024-10-07, 2023-22 "
        "(summer 2023), 2024. Empty when the source gives no date.",
    ),
    Column(
        "date_precision",
        "string",
        "Date precision",
        "How precisely the source dates the fact. Empty when it gives no date.",
        values=tuple(item.value for item in Precision),
    ),
    Column(
        "period_start",
        "date",
        "Period start",
        "The first day the date can mean. For a fact the source does not date "
        "(dated_by 'publication'): the first day its source may have been published.",
    ),
    Column(
        "period_end",
        "date",
        "Period end",
        "The last day the date can mean. For a fact the source does not date "
        "(dated_by 'publication'): the last day its source may have been published.",
    ),
    Column(
        "period_label",
        "string",
        "Period",
        "The period in words, at its own precision; for a fact the source does not date, "
        "that it is not dated and when its source was published.",
    ),
    Column(
        "relative_phrase",
        "string",
        "Relative phrase",
        "The source's own relative words for the date ('last week'), if any.",
    ),
    Column(
        "date_reference",
        "string",
        "Relative to (EDTF)",
        "The date a relative phrase counts from (the source's publication date), in EDTF.",
    ),
    Column(
        "dated_by",
        "string",
        "Dated by",
        "seed: the source dates the fact; publication: the source gives no date, so the "
        "fact is placed at its source's publication.",
        values=DATED_BY,
    ),
    Column(
        "seed",
        "string",
        "Source file",
        "File name of the source document in seeds/ (the Sources page opens it: ?seed=<file>).",
    ),
    Column(
        "seed_label",
        "string",
        "Source",
        "The curators' short title for the source document (not its own headline).",
    ),
    Column(
        "seed_headline",
        "string",
        "Source's headline",
        "The source document's own headline, verbatim. Empty when the text has none.",
    ),
    Column(
        "seed_publisher",
        "string",
        "Publisher",
        "The publisher the source document names, verbatim. Empty when it names none.",
    ),
    Column(
        "seed_published",
        "string",
        "Published (EDTF)",
        "When the source document was published, in EDTF: a day, or a span when the date "
        "is inferred within a window.",
    ),
    Column(
        "seed_published_how",
        "string",
        "Publication date from",
        "dateline: the text carries its date; inferred: the curators inferred the window "
        "from the text (the seed register gives the sentences and the reasoning).",
        values=tuple(item.value for item in HowDated),
    ),
    Column(
        "quote",
        "string",
        "Quote (verbatim)",
        "The verbatim passage of the source that the fact rests on: it states the figure "
        "and date, or, for a derived figure, its inputs.",
    ),
    Column("notes", "string", "Notes", "The curators' caveats and reasoning."),
    Column("fact_file", "string", "Fact file", "The file in facts/ that holds the fact."),
    Column("fact_line", "integer", "Line", "The line of the fact in its fact file.", unit="line"),
    # A timeline's data
    Column(
        "shape",
        "string",
        "Drawn as",
        "How the timeline draws the event: point (a single day) or span (a bar from its "
        "first to its last day).",
        values=SHAPES,
    ),
    # Sources
    Column(
        "seed_sha256",
        "string",
        "SHA-256",
        "The SHA-256 digest of the source file as registered: any change to it is caught.",
    ),
    # Conflicts
    Column(
        "other_fact_id",
        "string",
        "Other fact id",
        "The fact that gives a different figure for the same measure, period and partnership.",
    ),
    Column("figure", "string", "Figure", "The figure of fact_id, in words."),
    Column("other_figure", "string", "Other figure", "The figure of other_fact_id, in words."),
    Column("message", "string", "Message", "The conflict as validation reports it."),
    # The data dictionary's own columns
    Column("column", "string", "Column", "A column's name, as in the files' header row."),
    Column("title", "string", "Title", "The column's header in the dashboard's tables."),
    Column(
        "type",
        "string",
        "Type",
        "The column's Table Schema type: string, number, integer, boolean or date (YYYY-MM-DD).",
        values=tuple(DTYPES),
    ),
    Column("description", "string", "Description", "What the column means."),
    Column(
        "measured_in",
        "string",
        "Measured in",
        "For a column of numbers: what its numbers are measured in.",
    ),
)

# Unique names (a test checks the register has each name once).
REGISTRY: Final[Mapping[str, Column]] = {column.name: column for column in _COLUMNS}

# The tidy facts table, one row per fact, in this order.
FACTS: Final = (
    "fact_id",
    "statement",
    "topic",
    "partnership",
    "countries",
    "measure",
    "value",
    "unit",
    "exactness",
    "wording",
    "lower",
    "upper",
    "derived",
    "formula",
    "derived_from",
    "inputs_wording",
    "status",
    "date_edtf",
    "date_precision",
    "period_start",
    "period_end",
    "period_label",
    "relative_phrase",
    "date_reference",
    "dated_by",
    "seed",
    "seed_label",
    "seed_headline",
    "seed_publisher",
    "seed_published",
    "seed_published_how",
    "quote",
    "notes",
    "fact_file",
    "fact_line",
)

# What every chart's data carries besides the columns it draws: where each figure comes
# from and how far to trust it.
PROVENANCE: Final = (
    "fact_id",
    "seed",
    "seed_label",
    "seed_headline",
    "seed_publisher",
    "seed_published",
    "seed_published_how",
    "quote",
    "date_precision",
    "exactness",
    "wording",
    "derived",
    "formula",
    "inputs_wording",
    "status",
)

# One row per source document.
SOURCES: Final = (
    "seed",
    "seed_label",
    "seed_headline",
    "seed_publisher",
    "seed_published",
    "seed_published_how",
    "partnership",
    "seed_sha256",
)

# One row per pair of facts that disagree.
CONFLICTS: Final = (
    "fact_id",
    "other_fact_id",
    "measure",
    "period_label",
    "figure",
    "other_figure",
    "message",
)

# The data dictionary: one row per column.
DICTIONARY: Final = ("column", "title", "type", "description", "measured_in")


def column(name: str) -> Column:
    """A registered column (KeyError names the column that is not registered)."""
    return REGISTRY[name]


def dtypes(names: Iterable[str]) -> dict[str, str]:
    """The pandas dtypes of these columns, in this order."""
    return {name: REGISTRY[name].dtype for name in names}


def table_schema(names: Iterable[str], *, primary_key: str | None = None) -> dict[str, Any]:
    """A Table Schema (Frictionless Data) for a CSV with these columns, in this order."""
    schema: dict[str, Any] = {
        "fields": [REGISTRY[name].field() for name in names],
        "missingValues": [""],
    }
    if primary_key is not None:
        schema["primaryKey"] = [primary_key]
    return schema


def dictionary_rows(names: Iterable[str]) -> list[dict[str, str]]:
    """The data dictionary of these columns: name, title, type, description, unit."""
    return [
        {
            "column": item.name,
            "title": item.title,
            "type": item.kind,
            "description": item.description
            + (f" Only: {', '.join(item.values)}." if item.values else ""),
            "measured_in": item.unit,
        }
        for item in (REGISTRY[name] for name in names)
    ]
