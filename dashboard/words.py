"""How figures read: numbers, units, bounds, periods and lists, in one place.

Every page, chart, table caption, export and warning words a figure through these
functions, so the Overview, a chart's label and a conflict message say the same
thing: 46.25 is "46.25" everywhere (never rounded away), and a bound is "at least"
or "at most" its limit everywhere (true whether or not the source's limit is
inclusive; the source's own wording travels beside it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import pandas as pd

from dashboard.facts.vocabulary import UnitEntry

Units = Mapping[str, UnitEntry]
Row = Mapping[Any, Any] | pd.Series  # a row of the facts table


# ---------------------------------------------------------------------------
# Numbers and units


def number(value: float) -> str:
    """29154 -> '29,154'; 46.25 -> '46.25'; 0.5 -> '0.5': every digit the value has."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    # repr is the shortest text that reads back as the same float: no invented digits.
    return f"{Decimal(repr(float(value))):,f}"


def unit_entry(name: str | None, units: Units) -> UnitEntry | None:
    """The vocabulary's entry for a unit; a bare one (its name as label) if it has none."""
    if name is None or _missing(name):
        return None
    return units.get(name) or UnitEntry(name=name, label=name)


def with_symbol(value: float, unit: UnitEntry | None) -> str:
    """The number with its unit's symbol, if the unit has one: '£476', '161%', '29,154'."""
    text = number(value)
    if unit is None:
        return text
    return f"{unit.prefix or ''}{text}{unit.suffix or ''}"


def quantity(value: float, unit: UnitEntry | None) -> str:
    """The number with its unit in full: '29,154 people', '£476', '161%'."""
    if unit is None:
        return number(value)
    if unit.prefix is not None or unit.suffix is not None:
        return with_symbol(value, unit)
    return f"{number(value)} {unit.label}"


def limit(lower: float | None, upper: float | None, unit: UnitEntry | None = None) -> str:
    """A bound in words: 'at least 29,154', 'at most 50', 'between 10 and 20'."""
    lower = None if _missing(lower) else lower
    upper = None if _missing(upper) else upper
    if lower is not None and upper is not None:
        return f"between {with_symbol(lower, unit)} and {with_symbol(upper, unit)}"
    if lower is not None:
        return f"at least {with_symbol(lower, unit)}"
    if upper is not None:
        return f"at most {with_symbol(upper, unit)}"
    return "no limit given"


# ---------------------------------------------------------------------------
# A figure, from a row of the facts table (or any mapping with its columns)


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def clean(row: Row) -> dict[str, Any]:
    """The row with pandas' missing markers (NA, NaN, NaT) as None."""
    return {str(key): (None if _missing(value) else value) for key, value in row.items()}


def figure(row: Row, units: Units) -> str:
    """The figure as a reader should take it.

    exact: '29,154'; approximate: 'about 58,758'; derived: '46.25 (derived)';
    bound: 'at least 29,154'; no number at all: the source's wording ('hundreds').
    """
    fields = clean(row)
    value, exactness = fields.get("value"), fields.get("exactness")
    unit = unit_entry(fields.get("unit"), units)
    lower, upper = fields.get("lower"), fields.get("upper")
    if exactness == "bound" and (lower is not None or upper is not None):
        return limit(lower, upper, unit)
    if value is None:
        wording = fields.get("wording")
        return str(wording) if wording is not None else "no figure given"
    text = with_symbol(float(value), unit)
    if exactness == "approximate":
        text = f"about {text}"
    if fields.get("derived"):
        text += " (derived)"
    return text


def exactness_note(row: Row) -> str:
    """A short note on how to read the figure, for captions and fact cards."""
    fields = clean(row)
    wording = fields.get("wording")
    parts = []
    if fields.get("exactness") == "approximate" and wording is not None:
        parts.append(f"the source says “{wording}”")
    if fields.get("exactness") == "bound" and wording is not None:
        parts.append(f"a bound: the source says only “{wording}”")
    if fields.get("derived"):
        parts.append(f"computed by us: {fields.get('formula')}")
        inputs = fields.get("inputs_wording")
        if fields.get("exactness") == "approximate" and inputs is not None:
            parts.append(f"approximate, as the source gives its input: {inputs}")
    if fields.get("status") not in (None, "happened"):
        parts.append(str(fields["status"]))
    return "; ".join(parts)


def when(row: Row) -> str:
    """When a fact happened, for a card or a list: its period when its source dates it;
    else it is undated and named by its source ('Undated, from “<source>”'), never a
    publication window that would read like a date."""
    fields = clean(row)
    if fields.get("dated_by") == "seed":
        return str(fields.get("period_label") or "")
    source = fields.get("seed_label") or fields.get("seed")
    phrase = fields.get("relative_phrase")
    said = f"“{capital(str(phrase))}”, undated" if phrase else "Undated"
    return f"{said}, from “{source}”"


# ---------------------------------------------------------------------------
# Periods


def day(date: dt.date) -> str:
    """'7 October 2024'."""
    return f"{date.day} {date:%B %Y}"


def publication(start: dt.date, end: dt.date) -> str:
    """When a source was published: 'on 26 October 2024' or 'between 1 January 2023
    and 31 August 2023'."""
    if start == end:
        return f"on {day(start)}"
    return f"between {day(start)} and {day(end)}"


def undated(relative_phrase: str | None, published_start: dt.date, published_end: dt.date) -> str:
    """The period label of a fact its source does not date: it is placed at the
    source's publication, and says so."""
    text = f"not dated; reported {publication(published_start, published_end)}"
    return f"{relative_phrase}: {text}" if relative_phrase else text


def short_period(
    start: dt.date | None,
    end: dt.date | None,
    precision: str | None,
    label: str,
    *,
    dated: bool = True,
) -> str:
    """A period as a chart category: '2023' for a year, '2024 to 26 October' for a
    year to date, else its full label."""
    if start is None or end is None or not dated:
        return label
    if precision == "year":
        return str(start.year)
    if start.year == end.year and (start.month, start.day) == (1, 1) and end != start:
        return f"{start.year} to {end.day} {end:%B}"
    return label


def is_part_year(start: dt.date | None, end: dt.date | None, precision: str | None) -> bool:
    """A period from 1 January that stops before the year's end ('2024 to 26 October')."""
    if start is None or end is None or precision == "year":
        return False
    return start.year == end.year and (start.month, start.day) == (1, 1) and end.month < 12


def between(label: str, precision: str | None) -> str:
    """'between 26 December 2022 and 28 August 2023' for a span, else the label."""
    if precision == "span" and label.count(" to ") == 1:
        return "between " + label.replace(" to ", " and ")
    return label


# ---------------------------------------------------------------------------
# Lists and capitals


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c' (each item once, in first-seen order)."""
    unique = list(dict.fromkeys(item for item in items if item))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def count(number_of: int, singular: str, plural: str | None = None) -> str:
    """'1 event', '3 events'."""
    word = singular if number_of == 1 else (plural or singular + "s")
    return f"{number_of:,} {word}"
