"""Figures as words: how a value reads depends on how exact it is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

UNIT_WORDS = {"GBP": "£", "percent": "%"}


def number(value: float) -> str:
    """29154 -> '29,154'; 46.3 -> '46.3'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def with_unit(value: float, unit: str | None) -> str:
    text = number(value)
    if unit == "GBP":
        return f"£{text}"
    if unit == "percent":
        return f"{text}%"
    return text


def _missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


Row = Mapping[Any, Any] | pd.Series


def _clean(row: Row) -> dict[str, Any]:
    """The row with pandas' missing markers (NA, NaN, NaT) as None."""
    return {str(key): (None if _missing(value) else value) for key, value in row.items()}


def figure_text(row: Row) -> str:
    """The figure as a reader should take it.

    exact: '29,154'; approximate: 'about 58,758'; derived: 'about 47,679 (derived)';
    bound: 'more than 29,154'; no number at all: the seed's wording ('hundreds').
    """
    fields = _clean(row)
    value, unit, exactness = fields.get("value"), fields.get("unit"), fields.get("exactness")
    derived = bool(fields.get("derived"))
    if exactness == "bound":
        lower, upper = fields.get("lower"), fields.get("upper")
        if lower is not None and upper is not None:
            return f"between {with_unit(lower, unit)} and {with_unit(upper, unit)}"
        if lower is not None:
            return f"more than {with_unit(lower, unit)}"
        if upper is not None:
            return f"less than {with_unit(upper, unit)}"
    if value is None:
        wording = fields.get("wording")
        return str(wording) if wording is not None else "no figure given"
    text = with_unit(float(value), unit)
    if exactness == "approximate":
        text = f"about {text}"
    if derived:
        text += " (derived)"
    return text


def exactness_note(row: Row) -> str:
    """A short note on how to read the figure, for captions and hover text."""
    fields = _clean(row)
    wording = fields.get("wording")
    parts = []
    if fields.get("exactness") == "approximate" and wording is not None:
        parts.append(f"the source says “{wording}”")
    if fields.get("exactness") == "bound" and wording is not None:
        parts.append(f"a bound: the source says only “{wording}”")
    if fields.get("derived"):
        parts.append(f"computed by us: {fields.get('formula')}")
    if fields.get("status") in ("planned", "announced"):
        parts.append(str(fields["status"]))
    return "; ".join(parts)
