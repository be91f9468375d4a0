"""Pure pandas: the tidy facts table, and the one selection of facts for a chart.

No Streamlit here, and no names of the corpus: what a chart draws is said by its view
(facts/views.yaml), and ``select`` applies it. Every frame keeps the provenance
columns, so a chart's data can be downloaded with the fact id, seed, quote,
precision, exactness and derived flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

import pandas as pd

from dashboard import columns, words
from dashboard.facts.model import FactSet, LoadedFact
from dashboard.search import fold
from dashboard.search import terms as search_terms
from dashboard.views.model import ChartView, Overview

STRING: Final = "string"
# The tidy table's columns and types, from the one column register.
COLUMNS: dict[str, str] = columns.dtypes(columns.FACTS)
PROVENANCE_COLUMNS = list(columns.PROVENANCE)


def _inputs_wording(item: LoadedFact, by_id: Mapping[str, LoadedFact]) -> str | None:
    """The source's words for the approximate inputs of a derived figure (and of their
    inputs, when an input is derived too): '“some 25%” (fact-id)'."""
    found: dict[str, str] = {}
    pending = list(item.fact.derived.inputs.values()) if item.fact.derived else []
    seen: set[str] = set()
    while pending:
        input_id = pending.pop(0)
        source = by_id.get(input_id)
        if input_id in seen or source is None:
            continue
        seen.add(input_id)
        if source.fact.derived is not None:
            pending.extend(source.fact.derived.inputs.values())
        elif source.fact.wording is not None:
            found[input_id] = source.fact.wording
    return "; ".join(f"“{words}” ({input_id})" for input_id, words in found.items()) or None


def _row(item: LoadedFact, factset: FactSet, by_id: Mapping[str, LoadedFact]) -> dict[str, object]:
    fact = item.fact
    seed = factset.seeds[fact.source]
    period = item.period
    dated_by = "seed" if period is not None else "publication"
    # Undated facts sit at the seed's publication window, marked as such.
    shown = period if period is not None else seed.publication
    relative = fact.date.relative
    if period is not None:
        label = period.label
    else:
        label = words.undated(
            relative.phrase if relative else None, seed.publication.start, seed.publication.end
        )
    return {
        "fact_id": fact.id,
        "statement": fact.statement,
        "topic": fact.topic,
        "partnership": fact.partnership,
        "countries": "; ".join(fact.countries),
        "measure": fact.measure,
        "value": fact.value,
        "unit": fact.unit,
        "exactness": fact.exactness.value if fact.exactness else None,
        # The source's words for THIS figure: a derived figure has none (its inputs'
        # words, which make it approximate, are in inputs_wording).
        "wording": fact.wording if fact.derived is None else None,
        "lower": fact.lower,
        "upper": fact.upper,
        "derived": fact.derived is not None,
        "formula": item.formula,
        "derived_from": "; ".join(fact.derived.inputs.values()) if fact.derived else None,
        "inputs_wording": _inputs_wording(item, by_id),
        "status": fact.status.value,
        "date_edtf": fact.date.edtf,
        "date_precision": period.precision.value if period else None,
        "period_start": pd.Timestamp(shown.start),
        "period_end": pd.Timestamp(shown.end),
        "period_label": label,
        "relative_phrase": relative.phrase if relative else None,
        "date_reference": relative.reference if relative else None,
        "dated_by": dated_by,
        "seed": fact.source,
        "seed_label": seed.entry.label,
        "seed_headline": seed.entry.headline,
        "seed_publisher": seed.entry.publisher,
        "seed_published": seed.entry.published.edtf,
        "seed_published_how": seed.entry.published.how.value,
        "quote": fact.quote,
        "notes": fact.notes,
        "fact_file": item.file,
        "fact_line": item.line,
    }


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


def facts_table(factset: FactSet) -> pd.DataFrame:
    """One row per good fact, every column typed (stable under pandas 3)."""
    by_id = factset.by_id()
    rows = [_row(item, factset, by_id) for item in factset.facts]
    if not rows:
        return empty_table()
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS).sort_values(["seed", "fact_line"], ignore_index=True)


def _select(table: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return table.loc[mask.fillna(False).astype(bool)].reset_index(drop=True)


def is_figure(table: pd.DataFrame) -> pd.Series:
    """Facts that give a figure: a measure, a value or a limit."""
    return (
        table["measure"].notna()
        | table["value"].notna()
        | table[["lower", "upper"]].notna().any(axis=1)
    )


def is_event(table: pd.DataFrame, *, figures: bool) -> pd.Series:
    """What a timeline shows: every fact that is not a figure (an undated one placed at
    its source's publication) and, with ``figures``, every dated figure."""
    event = ~is_figure(table)
    if figures:
        event |= table["dated_by"] == "seed"
    return event


def select(
    table: pd.DataFrame,
    chart: ChartView,
    *,
    partnerships: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The facts a chart draws, as its view selects them, oldest first.

    A fact is selected when it matches every list in the view's ``select`` (any value
    within a list). ``partnerships`` and ``topics`` narrow it further (a page's
    filters; ``None`` or no topics: every one). A timeline takes events only (see
    ``is_event``) and gets a ``shape`` column: a single day is a point, anything
    longer a span.
    """
    chosen = chart.select
    mask = pd.Series(True, index=table.index)
    for column, values in (
        ("fact_id", chosen.facts),
        ("measure", chosen.measures),
        ("topic", chosen.topics),
        ("partnership", chosen.partnerships),
        ("unit", chosen.units),
    ):
        if values:
            mask &= table[column].isin(values)
    if partnerships is not None:
        mask &= table["partnership"].isin(list(partnerships))
    topic_filter = list(topics or ())
    if topic_filter:
        mask &= table["topic"].isin(topic_filter)
    if chart.kind == "timeline":
        mask &= is_event(table, figures=chart.figures)
    frame = _select(table, mask)
    if chart.kind == "timeline":
        single_day = frame["period_start"] == frame["period_end"]
        frame = frame.assign(shape=single_day.map({True: "point", False: "span"}).astype(STRING))
        return frame.sort_values(["period_start", "fact_id"], ignore_index=True)
    # Figures in time order; figures of one period in the order the view lists measures.
    order = {measure: index for index, measure in enumerate(chosen.measures)}
    rank = frame["measure"].map(order).astype("Int64").fillna(len(order))
    return (
        frame.assign(_rank=rank)
        .sort_values(["period_start", "period_end", "_rank", "seed", "fact_line"])
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def topics_present(frame: pd.DataFrame, vocabulary_order: Sequence[str]) -> list[str]:
    """The topics of these facts, in the vocabulary's order (unknown ones last)."""
    present = set(frame["topic"].dropna())
    ordered = [topic for topic in vocabulary_order if topic in present]
    return ordered + sorted(present - set(ordered))


def register_partnerships(factset: FactSet) -> list[str]:
    """Every partnership, in the order it first appears in the register: a fixed order,
    so that a new one never moves another (colours, filters)."""
    return list(dict.fromkeys(seed.entry.partnership for seed in factset.seeds.values()))


def facts_for_seed(table: pd.DataFrame, seed: str) -> pd.DataFrame:
    return _select(table, table["seed"] == seed)


def summary(table: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Counts for the command line: facts per seed, per topic, and derived."""
    return {
        "per_seed": {str(k): int(v) for k, v in table["seed"].value_counts().sort_index().items()},
        "per_topic": {
            str(k): int(v) for k, v in table["topic"].value_counts().sort_index().items()
        },
        "derived": {"derived": int(table["derived"].sum())},
    }


def headline_figures(table: pd.DataFrame, overview: Overview) -> pd.DataFrame:
    """The Overview's headline facts that loaded, in the view's order, with a 'label'."""
    labels = {headline.fact: headline.label for headline in overview.headlines}
    frame = facts_by_id(table, labels)
    return frame.assign(label=frame["fact_id"].map(labels).astype(STRING))


def blank_missing_text(frame: pd.DataFrame) -> pd.DataFrame:
    """For a table on screen: a missing text is blank, not "None" or "<NA>"."""
    text = [name for name in frame.columns if pd.api.types.is_string_dtype(frame[name])]
    return frame.assign(**{str(name): frame[name].fillna("") for name in text})


def key_points(table: pd.DataFrame, overview: Overview) -> pd.DataFrame:
    """The Overview's key points that loaded, in time order."""
    frame = facts_by_id(table, overview.key_points)
    return frame.sort_values(["period_start", "period_end"], kind="stable", ignore_index=True)


# Searched, in this order: what a reader may type a word of.
SEARCHED_COLUMNS = (
    "statement",
    "quote",
    "fact_id",
    "measure",
    "notes",
    "partnership",
    "countries",
)


def search_text(table: pd.DataFrame) -> pd.Series:
    """Each row's searched text, folded (see ``fold``)."""
    joined = table[list(SEARCHED_COLUMNS)].fillna("").astype(str).agg(" \n ".join, axis=1)
    return joined.map(fold).astype(STRING)


def filter_facts(
    table: pd.DataFrame,
    *,
    search: str = "",
    topics: Iterable[str] = (),
    partnerships: Iterable[str] = (),
    seeds: Iterable[str] = (),
    exactness: Iterable[str] = (),
    aliases: Iterable[Sequence[str]] = (),
) -> pd.DataFrame:
    """Rows matching every filter given; an empty filter keeps everything.

    ``search`` matches, literally, the statement, quote, id, measure, notes, partnership
    or countries, ignoring case, accents, dashes and curly quotes; a name in
    ``aliases`` (groups of names for one thing, from the vocabularies) finds the others.
    """
    mask = pd.Series(True, index=table.index)
    for column, chosen in (
        ("topic", topics),
        ("partnership", partnerships),
        ("seed", seeds),
        ("exactness", exactness),
    ):
        values = list(chosen)
        if values:
            mask &= table[column].isin(values).fillna(False).astype(bool)
    terms = search_terms(search, aliases)
    if terms:
        haystack = search_text(table)
        found = pd.Series(False, index=table.index)
        for term in terms:
            found |= haystack.str.contains(term, regex=False).fillna(False).astype(bool)
        mask &= found
    return _select(table, mask)


def facts_by_id(table: pd.DataFrame, fact_ids: Iterable[str]) -> pd.DataFrame:
    """The rows for these ids, in the order given (unknown ids are skipped)."""
    # Positions from a plain dict (ids are unique): isin plus a keyed sort took ~10 ms
    # a call on pyarrow strings, a third of the Overview's script time.
    position = {fact_id: row for row, fact_id in enumerate(table["fact_id"].tolist())}
    rows = [position[fact_id] for fact_id in dict.fromkeys(fact_ids) if fact_id in position]
    return table.iloc[rows].reset_index(drop=True)


CONFLICT_COLUMNS: dict[str, str] = columns.dtypes(columns.CONFLICTS)


def conflicts_table(factset: FactSet) -> pd.DataFrame:
    """Pairs of facts that disagree about the same figure; both stay in the data."""
    if not factset.conflicts:
        # Building even an empty facts table costs more than the rest of the page.
        return pd.DataFrame(columns=list(CONFLICT_COLUMNS)).astype(CONFLICT_COLUMNS)
    # Only the facts in a conflict: the whole table takes seconds at 10,000 facts.
    involved = {c.first.fact.id for c in factset.conflicts} | {
        c.second.fact.id for c in factset.conflicts
    }
    subset = replace(factset, facts=[i for i in factset.facts if i.fact.id in involved])
    by_id = {str(row["fact_id"]): row for row in facts_table(subset).to_dict("records")}
    units = factset.vocabulary.units if factset.vocabulary else {}
    rows = []
    for conflict in factset.conflicts:
        first, second = conflict.first.fact, conflict.second.fact
        rows.append(
            {
                "fact_id": second.id,
                "other_fact_id": first.id,
                "measure": second.measure,
                "period_label": by_id[second.id]["period_label"],
                "figure": words.figure(by_id[second.id], units),
                "other_figure": words.figure(by_id[first.id], units),
                "message": str(conflict),
            }
        )
    frame = pd.DataFrame(rows, columns=list(CONFLICT_COLUMNS))
    return frame.astype(CONFLICT_COLUMNS)
