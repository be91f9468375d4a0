"""Pure pandas: the tidy facts table and the frames the pages draw.

No Streamlit here. Every frame keeps the provenance columns, so a chart's data can
be downloaded with the fact id, seed, quote, precision, exactness and derived flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Final

import pandas as pd

from dashboard import formatting
from dashboard.facts.model import FactSet, LoadedFact

# Measures are shared words in the fact files (see README, "The fact format").
CROSSINGS_MEASURE = "people crossing the Channel in small boats"
ONE_DAY_MEASURES = (
    "people crossing the Channel in small boats on one day",
    "small boats crossing the Channel on one day",
    "average people per small boat on one day",
)
DEPORTATION_TOPICS = ("deportations", "voluntary returns")
BIBBY_MEASURE_PREFIX = "asylum seekers"
TIMELINE_TOPICS = (
    "agreements",
    "appointments",
    "meetings",
    "visits",
    "operations",
    "policy",
    "accommodation",
    "seizures",
)

STRING: Final = "string"
COLUMNS: dict[str, str] = {
    "fact_id": STRING,
    "statement": STRING,
    "topic": STRING,
    "partnership": STRING,
    "countries": STRING,
    "measure": STRING,
    "value": "Float64",
    "unit": STRING,
    "exactness": STRING,
    "wording": STRING,
    "lower": "Float64",
    "upper": "Float64",
    "derived": "boolean",
    "formula": STRING,
    "derived_from": STRING,
    "status": STRING,
    "date_edtf": STRING,
    "date_precision": STRING,
    "period_start": "datetime64[s]",
    "period_end": "datetime64[s]",
    "period_label": STRING,
    "relative_phrase": STRING,
    "date_reference": STRING,
    "dated_by": STRING,
    "seed": STRING,
    "seed_label": STRING,
    "seed_published": STRING,
    "quote": STRING,
    "notes": STRING,
    "fact_file": STRING,
    "fact_line": "Int64",
}

# The columns every chart download carries besides its own.
PROVENANCE_COLUMNS = [
    "fact_id",
    "seed",
    "quote",
    "date_precision",
    "exactness",
    "derived",
    "formula",
    "status",
]


def _row(item: LoadedFact, factset: FactSet) -> dict[str, object]:
    fact = item.fact
    seed = factset.seeds[fact.source]
    period = item.period if item.period is not None else None
    dated_by = "seed" if period is not None else "publication"
    # Undated facts sit at the seed's publication window, marked as such.
    shown = period if period is not None else seed.publication
    relative = fact.date.relative
    published = seed.publication
    published_text = (
        f"on {published.label}"
        if published.start == published.end
        else f"between {published.label.replace(' to ', ' and ')}"
    )
    if period is not None:
        label = period.label
    elif relative is not None:
        label = f"{relative.phrase}: not dated; reported {published_text}"
    else:
        label = f"not dated; reported {published_text}"
    return {
        "fact_id": fact.id,
        "statement": fact.statement,
        "topic": fact.topic.value,
        "partnership": fact.partnership,
        "countries": "; ".join(fact.countries),
        "measure": fact.measure,
        "value": fact.value,
        "unit": fact.unit.value if fact.unit else None,
        "exactness": fact.exactness.value if fact.exactness else None,
        "wording": fact.wording,
        "lower": fact.lower,
        "upper": fact.upper,
        "derived": fact.derived is not None,
        "formula": item.formula,
        "derived_from": "; ".join(fact.derived.inputs.values()) if fact.derived else None,
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
        "seed_published": seed.entry.published.edtf,
        "quote": fact.quote,
        "notes": fact.notes,
        "fact_file": item.file,
        "fact_line": item.line,
    }


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


def facts_table(factset: FactSet) -> pd.DataFrame:
    """One row per good fact, every column typed (stable under pandas 3)."""
    rows = [_row(item, factset) for item in factset.facts]
    if not rows:
        return empty_table()
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS).sort_values(["seed", "fact_line"], ignore_index=True)


def _select(table: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    return table.loc[mask.fillna(False).astype(bool)].reset_index(drop=True)


def crossings_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Period totals of people crossing: stated values and bounds, oldest first."""
    frame = _select(table, table["measure"] == CROSSINGS_MEASURE)
    return frame.sort_values("period_start", ignore_index=True)


def crossings_one_day(table: pd.DataFrame) -> pd.DataFrame:
    """The one-day counts (people, boats) and the derived people per boat."""
    frame = _select(table, table["measure"].isin(ONE_DAY_MEASURES))
    order = {measure: index for index, measure in enumerate(ONE_DAY_MEASURES)}
    return frame.sort_values(
        "measure", key=lambda s: s.map(order).astype("Int64"), ignore_index=True
    )


def deportations_and_returns(table: pd.DataFrame) -> pd.DataFrame:
    """People deported or returned, by year; derived levels included and flagged."""
    mask = table["topic"].isin(DEPORTATION_TOPICS) & (table["unit"] == "people")
    return _select(table, mask).sort_values(["period_start", "topic"], ignore_index=True)


def deportation_changes(table: pd.DataFrame) -> pd.DataFrame:
    """Percentage changes in deportations (the basis of derived levels)."""
    mask = table["topic"].isin(DEPORTATION_TOPICS) & (table["unit"] == "percent")
    return _select(table, mask)


def bibby_stockholm(table: pd.DataFrame) -> pd.DataFrame:
    """The Bibby Stockholm figures: boarded, expected, reprieved."""
    mask = table["measure"].str.startswith(BIBBY_MEASURE_PREFIX) & table["value"].notna()
    return _select(table, mask)


def timeline_events(
    table: pd.DataFrame,
    partnerships: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Dated events for the timeline, with a 'shape' column: point or span.

    A single day is a point; a week, month, season, year or span is a bar from its
    first to its last day. Undated facts are placed at their seed's publication window with
    ``dated_by == "publication"``.
    """
    mask = table["topic"].isin(TIMELINE_TOPICS) | (
        (table["topic"] == "migration") & (table["dated_by"] == "seed")
    )
    if partnerships is not None:
        mask &= table["partnership"].isin(list(partnerships))
    if topics is not None:
        mask &= table["topic"].isin(list(topics))
    frame = _select(table, mask)
    # Figures about accommodation or seizures are events too, but not their sub-counts.
    frame = frame.loc[~frame["measure"].fillna("").str.startswith(BIBBY_MEASURE_PREFIX)]
    single_day = frame["period_start"] == frame["period_end"]
    frame = frame.assign(shape=single_day.map({True: "point", False: "span"}).astype(STRING))
    return frame.sort_values(["period_start", "fact_id"], ignore_index=True)


def timeline_topics(table: pd.DataFrame) -> list[str]:
    """Topics that have at least one timeline event, in the order of TIMELINE_TOPICS."""
    present = set(timeline_events(table)["topic"])
    return [topic for topic in (*TIMELINE_TOPICS, "migration") if topic in present]


def partnerships(table: pd.DataFrame) -> list[str]:
    return sorted(table["partnership"].dropna().unique().tolist())


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


# The Overview's headline figures, in order: (fact id, short label).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("uk-crossings-2024-to-date", "Small-boat crossings, 2024 so far"),
    ("uk-crossings-one-day-people", "People crossing on one day"),
    ("uk-crossings-one-day-boats", "Boats on that day"),
    ("tr-deportations-2022", "Deportations from Türkiye, 2022"),
    ("tr-syrian-voluntary-returns-2022", "Syrians' voluntary returns from Türkiye, 2022"),
    ("uk-bibby-stockholm-first-boarded", "First asylum seekers on the Bibby Stockholm"),
)

# The Overview's key points: events that frame the figures.
KEY_POINT_IDS: tuple[str, ...] = (
    "tr-deal-announced",
    "tr-migration-dialogue-autumn-2023",
    "al-taskforce-summer-2023-operation",
    "uk-hewitt-appointed",
    "al-tirana-talks-planned",
)


def headline_figures(table: pd.DataFrame) -> pd.DataFrame:
    """The headline facts that loaded, in HEADLINES order, with a 'label' column."""
    labels = dict(HEADLINES)
    frame = facts_by_id(table, labels)
    return frame.assign(label=frame["fact_id"].map(labels).astype(STRING))


def key_points(table: pd.DataFrame) -> pd.DataFrame:
    return facts_by_id(table, KEY_POINT_IDS)


def filter_facts(
    table: pd.DataFrame,
    *,
    search: str = "",
    topics: Iterable[str] = (),
    partnerships: Iterable[str] = (),
    seeds: Iterable[str] = (),
    exactness: Iterable[str] = (),
) -> pd.DataFrame:
    """Rows matching every filter given; an empty filter keeps everything.

    ``search`` matches, case-insensitively and literally, the statement, quote, id,
    measure or notes.
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
    needle = search.strip().casefold()
    if needle:
        haystack = (
            table[["statement", "quote", "fact_id", "measure", "notes"]]
            .fillna("")
            .astype(str)
            .agg(" ".join, axis=1)
            .str.casefold()
        )
        mask &= haystack.str.contains(needle, regex=False)
    return _select(table, mask)


def facts_by_id(table: pd.DataFrame, fact_ids: Iterable[str]) -> pd.DataFrame:
    """The rows for these ids, in the order given (unknown ids are skipped)."""
    # Positions from a plain dict (ids are unique): isin plus a keyed sort took ~10 ms
    # a call on pyarrow strings, a third of the Overview's script time.
    position = {fact_id: row for row, fact_id in enumerate(table["fact_id"].tolist())}
    rows = [position[fact_id] for fact_id in dict.fromkeys(fact_ids) if fact_id in position]
    return table.iloc[rows].reset_index(drop=True)


CONFLICT_COLUMNS: dict[str, str] = {
    "fact_id": STRING,
    "other_fact_id": STRING,
    "measure": STRING,
    "period": STRING,
    "figure": STRING,
    "other_figure": STRING,
    "message": STRING,
}


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
    rows = []
    for conflict in factset.conflicts:
        first, second = conflict.first.fact, conflict.second.fact
        rows.append(
            {
                "fact_id": second.id,
                "other_fact_id": first.id,
                "measure": second.measure,
                "period": by_id[second.id]["period_label"],
                "figure": formatting.figure_text(by_id[second.id]),
                "other_figure": formatting.figure_text(by_id[first.id]),
                "message": str(conflict),
            }
        )
    frame = pd.DataFrame(rows, columns=list(CONFLICT_COLUMNS))
    return frame.astype(CONFLICT_COLUMNS)
