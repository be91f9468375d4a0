"""Charts: what is drawn, how it is encoded, and that it maps back to its facts.

Expected figures are read from the facts table, not retyped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from typing import Any

import pandas as pd
import pytest

from dashboard import charts, transforms
from dashboard.exports import PROVENANCE_COLUMNS
from dashboard.facts.load import load_facts

Builder = Callable[[pd.DataFrame], charts.Chart]


def _timeline_of(table: pd.DataFrame) -> charts.Chart:
    return charts.timeline(transforms.timeline_events(table))


# name: (chart builder on the facts table, the transform whose rows it draws, drawn columns)
BUILDERS: dict[str, tuple[Builder, Callable[[pd.DataFrame], pd.DataFrame], tuple[str, ...]]] = {
    "crossings_totals": (
        charts.crossings_totals,
        transforms.crossings_totals,
        charts.TOTALS_COLUMNS,
    ),
    "crossings_one_day": (
        charts.crossings_one_day,
        transforms.crossings_one_day,
        charts.ONE_DAY_COLUMNS,
    ),
    "deportations_returns": (
        charts.deportations_returns,
        transforms.deportations_and_returns,
        charts.DEPORTATIONS_COLUMNS,
    ),
    "bibby_stockholm": (
        charts.bibby_stockholm,
        transforms.bibby_stockholm,
        charts.BIBBY_COLUMNS,
    ),
    "timeline": (_timeline_of, transforms.timeline_events, charts.TIMELINE_COLUMNS),
}
BAR_CHARTS = ["crossings_totals", "crossings_one_day", "deportations_returns", "bibby_stockholm"]
KEYS = {
    "crossings_totals": "crossings-totals",
    "crossings_one_day": "crossings-one-day",
    "deportations_returns": "deportations-returns",
    "bibby_stockholm": "bibby-stockholm",
    "timeline": "timeline",
}
BOUND_ID = "uk-crossings-2023-total-above-2024-to-date"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return transforms.facts_table(load_facts())


@pytest.fixture(scope="module")
def facts(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("fact_id", drop=False)


@pytest.fixture(scope="module")
def built(table: pd.DataFrame) -> dict[str, charts.Chart]:
    return {name: builder(table) for name, (builder, _, _) in BUILDERS.items()}


@dataclass(frozen=True)
class Point:
    trace: Any
    index: int
    fact_id: str

    @property
    def hover(self) -> str:
        return str(self.trace.customdata[self.index][1])

    def along(self, axis: str) -> Any:
        return getattr(self.trace, axis)[self.index]

    @property
    def value(self) -> Any:
        """The drawn height: y for vertical bars and markers, x for horizontal bars."""
        return self.along("x" if self.trace.orientation == "h" else "y")


def points(chart: charts.Chart) -> list[Point]:
    """Every drawn point that carries customdata (legend keys carry none)."""
    return [
        Point(trace, index, str(row[0]))
        for trace in chart.figure.data
        for index, row in enumerate(trace.customdata or ())
        if row is not None
    ]


def points_of(chart: charts.Chart, fact_id: str, kind: str | None = None) -> list[Point]:
    return [
        point
        for point in points(chart)
        if point.fact_id == fact_id and (kind is None or point.trace.type == kind)
    ]


def only_point(chart: charts.Chart, fact_id: str, kind: str) -> Point:
    found = points_of(chart, fact_id, kind)
    assert len(found) == 1, (fact_id, kind, found)
    return found[0]


def footer_text(chart: charts.Chart) -> str:
    """The source and notes as written under the plot, line breaks undone."""
    texts = [annotation.text for annotation in chart.figure.layout.annotations]
    return " ".join(unescape(text.replace("<br>", " ")) for text in texts)


# ---------------------------------------------------------------------------
# Every chart


@pytest.mark.parametrize("name", BUILDERS)
def test_data_is_exactly_the_facts_drawn(
    name: str, table: pd.DataFrame, built: dict[str, charts.Chart]
) -> None:
    chart = built[name]
    _, frame_of, _ = BUILDERS[name]
    drawn_ids = {point.fact_id for point in points(chart)}
    assert set(chart.data["fact_id"]) == drawn_ids
    assert chart.data["fact_id"].is_unique
    # With the real facts every row of the transform has a figure, a limit or a date.
    assert chart.data["fact_id"].tolist() == frame_of(table)["fact_id"].tolist()
    assert chart.empty_message is None


@pytest.mark.parametrize("name", BUILDERS)
def test_data_columns_are_those_drawn_then_provenance(
    name: str, built: dict[str, charts.Chart], table: pd.DataFrame
) -> None:
    chart = built[name]
    _, frame_of, columns = BUILDERS[name]
    assert list(chart.data.columns) == list(dict.fromkeys([*columns, *PROVENANCE_COLUMNS]))
    rows = frame_of(table).set_index("fact_id", drop=False)
    expected = rows.loc[chart.data["fact_id"], list(chart.data.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(chart.data, expected)


@pytest.mark.parametrize("name", BUILDERS)
def test_every_data_trace_carries_fact_ids_first(name: str, built: dict[str, charts.Chart]) -> None:
    chart = built[name]
    known = set(chart.data["fact_id"])
    for trace in chart.figure.data:
        if trace.x == (None,):  # a legend key: explains an encoding, draws nothing
            assert trace.customdata is None and trace.showlegend
            continue
        assert trace.customdata is not None, trace.name
        rows = [row for row in trace.customdata if row is not None]
        assert rows and {row[0] for row in rows} <= known


@pytest.mark.parametrize("name", BUILDERS)
def test_figure_serialises_and_selection_keeps_the_fact_id(
    name: str, built: dict[str, charts.Chart]
) -> None:
    chart = built[name]
    spec = json.loads(chart.figure.to_json())
    # Streamlit hands a selected point's customdata back as it is in the figure JSON.
    ids = {
        row[0] for trace in spec["data"] for row in trace.get("customdata") or [] if row is not None
    }
    assert ids == set(chart.data["fact_id"])


@pytest.mark.parametrize("name", BUILDERS)
def test_layout_works_in_light_and_dark_themes(name: str, built: dict[str, charts.Chart]) -> None:
    layout = built[name].figure.layout
    assert layout.paper_bgcolor == charts.TRANSPARENT
    assert layout.plot_bgcolor == charts.TRANSPARENT
    assert layout.font.color is None and layout.title.font.color is None
    assert all(annotation.font.color is None for annotation in layout.annotations)


@pytest.mark.parametrize("name", BUILDERS)
def test_colours_are_okabe_ito(name: str, built: dict[str, charts.Chart]) -> None:
    allowed = {*charts.SERIES_COLOURS, charts.NEUTRAL, charts.TRANSPARENT}

    def base(colour: str) -> str:
        match = re.fullmatch(r"rgba\((\d+),(\d+),(\d+),[\d.]+\)", colour)
        if match is None or colour == charts.TRANSPARENT:
            return colour
        return "#" + "".join(f"{int(part):02X}" for part in match.groups())

    for trace in built[name].figure.data:
        used = [trace.marker.color, trace.marker.line.color]
        if trace.type == "scatter" and trace.line.color is not None:
            used.append(trace.line.color)
        for colour in used:
            if colour is not None:
                assert base(colour) in allowed, (trace.name, colour)


@pytest.mark.parametrize("name", BUILDERS)
def test_title_subtitle_source_and_notes_are_on_the_figure(
    name: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built[name]
    assert chart.key == KEYS[name]
    assert chart.figure.layout.title.text == chart.title
    assert chart.figure.layout.title.subtitle.text == unescape(chart.subtitle) == chart.subtitle
    seeds = facts.loc[chart.data["fact_id"]].drop_duplicates("seed")
    assert chart.source == "; ".join(
        f"Source: {label} (seeds/{seed})"
        for seed, label in zip(seeds["seed"], seeds["seed_label"], strict=True)
    )
    footer = footer_text(chart)
    for line in (chart.source, *chart.notes):
        assert line in footer


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_hover_gives_value_unit_period_exactness_status_and_fact(
    name: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    for point in points(built[name]):
        fact = facts.loc[point.fact_id]
        hover = unescape(point.hover.replace("<br>", " "))
        if pd.isna(fact["value"]):
            assert f"“{fact['wording']}”" in hover and "no figure" in hover
            assert f"more than {charts.format_number(fact['lower'])} {fact['unit']}" in hover
        else:
            assert f"Value: {charts.format_number(fact['value'])} {fact['unit']}" in hover
        assert f"Period: {fact['period_label']}" in hover
        assert f"Exactness: {fact['exactness']}" in hover
        assert f"Status: {fact['status']}" in hover
        assert point.hover.endswith(f"Fact: {point.fact_id}")
        assert point.trace.hovertemplate == charts.HOVER_TEMPLATE


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_bars_are_as_tall_as_the_stated_figure_and_say_how_exact(
    name: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    bars = [point for point in points(built[name]) if point.trace.type == "bar"]
    assert bars
    for point in bars:
        fact = facts.loc[point.fact_id]
        assert point.value == fact["value"]
        label = point.along("text")
        number = charts.format_number(fact["value"])
        if fact["derived"]:
            assert label.startswith("derived: ") and number in label
        elif fact["exactness"] == "approximate":
            assert label.startswith(fact["wording"])
        else:
            assert label.startswith(number)
        assert label.endswith(f" ({fact['status']})") == (fact["status"] != "happened")


@pytest.mark.parametrize("name", BAR_CHARTS)
def test_approximate_bars_are_hatched_and_exact_ones_are_not(
    name: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    bars = [point for point in points(built[name]) if point.trace.type == "bar"]
    for point in bars:
        approximate = facts.loc[point.fact_id, "exactness"] == "approximate"
        shape = point.trace.marker.pattern.shape
        assert shape == (charts.APPROXIMATE_PATTERN if approximate else None), point.fact_id


@pytest.mark.parametrize(
    ("name", "derived_id", "stated_id"),
    [
        (
            "crossings_one_day",
            "uk-crossings-one-day-people-per-boat",
            "uk-crossings-one-day-people",
        ),
        ("deportations_returns", "tr-deportations-2021-implied", "tr-deportations-2022"),
    ],
)
def test_derived_bars_are_hollow_and_explain_their_formula(
    name: str,
    derived_id: str,
    stated_id: str,
    built: dict[str, charts.Chart],
    facts: pd.DataFrame,
) -> None:
    chart = built[name]
    derived = only_point(chart, derived_id, "bar")
    stated = only_point(chart, stated_id, "bar")
    assert derived.trace is not stated.trace
    assert derived.trace.marker.color == charts.TRANSPARENT
    assert stated.trace.marker.color == stated.trace.marker.line.color  # solid fill
    assert derived.trace.marker.line.width > stated.trace.marker.line.width
    assert derived.trace.marker.line.color == stated.trace.marker.line.color  # same series
    fact = facts.loc[derived_id]
    assert f"Formula: {fact['formula']} = {charts.format_number(fact['value'])}" in derived.hover
    assert f"Derived from: {fact['derived_from']}" in derived.hover
    assert any(fact["formula"] in note and fact["derived_from"] in note for note in chart.notes)
    assert "derived by us" in derived.trace.name.lower()


def test_derived_from_an_approximate_figure_is_hollow_and_hatched(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    point = only_point(built["deportations_returns"], "tr-deportations-2021-implied", "bar")
    assert facts.loc[point.fact_id, "exactness"] == "approximate"
    assert point.trace.marker.pattern.shape == charts.APPROXIMATE_PATTERN
    assert point.trace.marker.pattern.bgcolor == charts.TRANSPARENT
    assert point.along("text") == f"derived: about {charts.format_number(point.value)}"


@pytest.mark.parametrize("name", BUILDERS)
def test_alt_text_names_every_figure_and_how_exact_it_is(
    name: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built[name]
    for fact_id in chart.data["fact_id"]:
        fact = facts.loc[fact_id]
        if name == "timeline":
            assert f"{fact['statement']} — {fact['period_label']}, {fact['status']}" in chart.alt
        elif pd.isna(fact["value"]):
            assert f"more than {charts.format_number(fact['lower'])}" in chart.alt
            assert fact["wording"] in chart.alt and "not a bar" in chart.alt
        else:
            assert f"{charts.format_number(fact['value'])} {fact['unit']} (" in chart.alt
            if fact["exactness"] == "approximate" and not fact["derived"]:
                assert f"“{fact['wording']}”" in chart.alt


# ---------------------------------------------------------------------------
# Crossings totals: the bound


def test_bound_is_a_limit_marker_never_a_bar(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["crossings_totals"]
    bound = facts.loc[BOUND_ID]
    assert bound["exactness"] == "bound" and pd.isna(bound["value"])
    assert points_of(chart, BOUND_ID, "bar") == []
    for trace in chart.figure.data:
        if trace.type == "bar":
            assert list(trace.x) == ["2024 to 26 October"]  # no bar stands at 2023
    limit = only_point(chart, BOUND_ID, "scatter")
    assert limit.value == bound["lower"]
    assert limit.trace.marker.symbol == charts.LIMIT_SYMBOL
    label = unescape(limit.along("text").replace("<br>", " "))
    assert label.startswith(f"↑ more than {charts.format_number(bound['lower'])}")
    assert f"“{bound['wording']}”" in label
    assert "The source gives no figure" in limit.hover
    row = chart.data.set_index("fact_id").loc[BOUND_ID]
    assert pd.isna(row["value"]) and row["lower"] == bound["lower"]


def test_crossings_totals_says_when_and_that_2024_is_part_of_a_year(
    built: dict[str, charts.Chart],
) -> None:
    chart = built["crossings_totals"]
    assert chart.notes[0] == (
        "Figures as reported in the article of 26 October 2024; 2024 is a part-year total."
    )
    assert chart.subtitle == (
        "People crossing the Channel in small boats, 2023 and 2024 to 26 October"
    )


# ---------------------------------------------------------------------------
# Crossings on one day: units never share an axis


def test_one_day_keeps_counts_and_the_ratio_on_separate_axes(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["crossings_one_day"]
    units_by_axis: dict[str, set[str]] = {}
    for point in points(chart):
        units_by_axis.setdefault(point.trace.yaxis, set()).add(facts.loc[point.fact_id, "unit"])
    assert units_by_axis == {"y": {"people", "boats"}, "y2": {"people per boat"}}
    assert chart.figure.layout.yaxis2.title.text == "people per boat"
    assert "A single day says little about a season" in chart.notes[0]
    assert facts.loc["uk-crossings-one-day-people", "period_label"] in chart.notes[0]


# ---------------------------------------------------------------------------
# Bibby Stockholm: planned apart


def test_bibby_planned_is_drawn_apart_from_what_happened(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["bibby_stockholm"]
    bars = {point.fact_id: point for point in points(chart) if point.trace.type == "bar"}
    planned = [fact_id for fact_id in bars if facts.loc[fact_id, "status"] == "planned"]
    happened = [fact_id for fact_id in bars if facts.loc[fact_id, "status"] == "happened"]
    assert planned and happened
    for planned_id in planned:
        marker = bars[planned_id].trace.marker
        assert marker.line.color == charts.PURPLE
        assert marker.color == f"rgba(204,121,167,{charts.OPEN_STATUS_ALPHA})"
        assert marker.line.width == charts.OPEN_STATUS_LINE_WIDTH
        for happened_id in happened:
            assert bars[happened_id].trace.marker.line.color == charts.BLUE
            assert bars[happened_id].trace is not bars[planned_id].trace
    assert all(bars[fact_id].trace.orientation == "h" for fact_id in bars)


# ---------------------------------------------------------------------------
# Timeline


@pytest.fixture(scope="module")
def events(table: pd.DataFrame) -> pd.DataFrame:
    return transforms.timeline_events(table)


def test_timeline_spans_are_bars_from_first_to_last_day(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["timeline"]
    spans = events[(events["shape"] == "span") & (events["dated_by"] == "seed")]
    assert not spans.empty
    for event in spans.itertuples():
        bar = only_point(chart, event.fact_id, "bar")
        assert bar.along("base") == f"{event.period_start:%Y-%m-%d}"
        end_of_last_day = event.period_end + pd.Timedelta(days=1)
        assert bar.along("x") == (end_of_last_day - event.period_start).total_seconds() * 1000
        assert bar.along("y") == event.fact_id
        assert bar.trace.orientation == "h"
        middle = event.period_start + (end_of_last_day - event.period_start) / 2
        marker = only_point(chart, event.fact_id, "scatter")
        assert pd.Timestamp(marker.along("x")) == middle


def test_timeline_days_are_markers_only(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["timeline"]
    days = events[events["date_precision"] == "day"]
    assert not days.empty
    for event in days.itertuples():
        assert points_of(chart, event.fact_id, "bar") == []
        marker = only_point(chart, event.fact_id, "scatter")
        assert pd.Timestamp(marker.along("x")) == event.period_start


def test_every_event_has_one_clickable_marker(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["timeline"]
    markers = [point for point in points(chart) if getattr(point.trace, "mode", None) == "markers"]
    assert sorted(point.fact_id for point in markers) == sorted(events["fact_id"])


@pytest.mark.parametrize(
    ("status", "dated_by", "symbol"),
    [
        ("happened", "seed", charts.HAPPENED_SYMBOL),
        ("announced", "seed", charts.OPEN_STATUS_SYMBOL),
        ("planned", "seed", charts.OPEN_STATUS_SYMBOL),
        ("happened", "publication", charts.UNDATED_SYMBOL),
        ("announced", "publication", charts.UNDATED_SYMBOL),
        ("planned", "publication", charts.UNDATED_SYMBOL),
    ],
)
def test_timeline_markers_show_status_and_undated(
    status: str,
    dated_by: str,
    symbol: str,
    built: dict[str, charts.Chart],
    events: pd.DataFrame,
) -> None:
    chart = built["timeline"]
    chosen = events[(events["status"] == status) & (events["dated_by"] == dated_by)]
    assert not chosen.empty
    for event in chosen.itertuples():
        marker = [
            p
            for p in points_of(chart, event.fact_id)
            if getattr(p.trace, "mode", None) == "markers"
        ]
        assert [point.trace.marker.symbol for point in marker] == [symbol]
        assert f"When: {event.period_label}" in unescape(marker[0].hover)
        assert f"Status: {status}" in marker[0].hover
        if dated_by == "publication":
            assert "not dated; reported" in marker[0].hover


def test_timeline_open_spans_are_lighter(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["timeline"]
    fills: dict[bool, set[float]] = {True: set(), False: set()}
    for point in points(chart):
        if point.trace.type == "bar":
            settled = events.set_index("fact_id").loc[point.fact_id, "status"] == "happened"
            alpha = float(point.trace.marker.color.rsplit(",", 1)[1].rstrip(")"))
            fills[settled].add(alpha)
    assert fills[False] == {charts.OPEN_STATUS_ALPHA}
    assert fills[True] and min(fills[True]) > charts.OPEN_STATUS_ALPHA


def test_undated_events_show_their_publication_window_not_a_bar(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["timeline"]
    undated = events[(events["dated_by"] == "publication") & (events["shape"] == "span")]
    assert not undated.empty
    for event in undated.itertuples():
        assert points_of(chart, event.fact_id, "bar") == []
        window = [
            p for p in points_of(chart, event.fact_id) if getattr(p.trace, "mode", None) == "lines"
        ]
        assert [pd.Timestamp(point.along("x")) for point in window] == [
            event.period_start,
            event.period_end + pd.Timedelta(days=1),
        ]
        assert window[0].trace.line.dash == "dot"


def test_timeline_legend_explains_colours_and_shapes(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    keys = [trace for trace in built["timeline"].figure.data if trace.showlegend]
    names = [trace.name for trace in keys]
    assert names[: events["partnership"].nunique()] == sorted(events["partnership"].unique())
    assert {trace.marker.symbol for trace in keys} >= {
        charts.HAPPENED_SYMBOL,
        charts.OPEN_STATUS_SYMBOL,
        charts.UNDATED_SYMBOL,
    }
    drawn_groups = {
        trace.legendgroup for trace in built["timeline"].figure.data if not trace.showlegend
    }
    assert drawn_groups == set(events["partnership"])  # a legend click hides a partnership


def test_timeline_colours_stay_put_when_filtered(table: pd.DataFrame, events: pd.DataFrame) -> None:
    everyone = transforms.partnerships(table)
    colours = {}
    for partnership in everyone:
        filtered = transforms.timeline_events(table, partnerships=[partnership])
        chart = charts.timeline(filtered, partnerships=everyone)
        used = {
            trace.marker.line.color or trace.line.color
            for trace in chart.figure.data
            if not trace.showlegend
        }
        assert len(used) == 1
        colours[partnership] = used.pop()
    assert len(set(colours.values())) == len(everyone)
    assert list(colours.values()) == list(charts.SERIES_COLOURS[: len(everyone)])


# ---------------------------------------------------------------------------
# Nothing to draw


def _empty_inputs(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "empty table": transforms.empty_table(),
        "no rows left after filtering": table.iloc[0:0],
    }


@pytest.mark.parametrize("kind", ["empty table", "no rows left after filtering"])
@pytest.mark.parametrize("name", BUILDERS)
def test_nothing_to_draw_gives_a_message_and_empty_data(
    name: str, kind: str, table: pd.DataFrame, built: dict[str, charts.Chart]
) -> None:
    builder, _, _ = BUILDERS[name]
    chart = builder(_empty_inputs(table)[kind])
    assert chart.empty_message
    assert chart.data.empty
    assert list(chart.data.columns) == list(built[name].data.columns)
    assert points(chart) == []
    assert [a.text for a in chart.figure.layout.annotations] == [chart.empty_message]
    assert chart.key == built[name].key
    json.loads(chart.figure.to_json())


@pytest.mark.parametrize(
    ("name", "seed"),
    [
        ("crossings_totals", "004_040e6e274c70a35f.txt"),
        ("crossings_one_day", "004_040e6e274c70a35f.txt"),
        ("deportations_returns", "000_ed660ce8024e48cd.txt"),
        ("bibby_stockholm", "000_ed660ce8024e48cd.txt"),
    ],
)
def test_a_seed_without_these_figures_gives_an_empty_chart(
    name: str, seed: str, table: pd.DataFrame
) -> None:
    builder, _, _ = BUILDERS[name]
    chart = builder(transforms.facts_for_seed(table, seed))
    assert chart.empty_message and chart.data.empty and chart.source == ""


@pytest.mark.parametrize("name", BUILDERS)
def test_any_single_fact_left_by_a_filter_draws_or_says_empty(
    name: str, table: pd.DataFrame
) -> None:
    builder, frame_of, _ = BUILDERS[name]
    own = frame_of(table)["fact_id"].tolist()
    other = next(fact_id for fact_id in table["fact_id"] if fact_id not in own)
    for fact_id in [*own, other]:
        alone = table[table["fact_id"] == fact_id]
        chart = builder(alone)
        drawn = {point.fact_id for point in points(chart)}
        assert set(chart.data["fact_id"]) == drawn == set(frame_of(alone)["fact_id"]), fact_id
        assert (chart.empty_message is None) == bool(drawn), fact_id
        json.loads(chart.figure.to_json())


def test_a_total_with_no_figure_and_no_limit_is_named_not_drawn(table: pd.DataFrame) -> None:
    stated = table[table["fact_id"] == "uk-crossings-2024-to-date"]
    vague = stated.assign(
        fact_id=pd.array(["uk-crossings-vague"], dtype="string"),
        value=pd.array([None], dtype="Float64"),
        exactness=pd.array(["approximate"], dtype="string"),
        wording=pd.array(["thousands"], dtype="string"),
    )
    chart = charts.crossings_totals(pd.concat([table, vague], ignore_index=True))
    assert "uk-crossings-vague" not in set(chart.data["fact_id"])
    assert points_of(chart, "uk-crossings-vague") == []
    statement = stated["statement"].iloc[0]
    assert f"Not drawn, the source gives no figure: {statement} (“thousands”)" in chart.notes


@pytest.mark.parametrize(
    ("value", "text"),
    [(29154, "29,154"), (46.3, "46.3"), (0.5, "0.5"), (1_000_000, "1,000,000"), (12.0, "12")],
)
def test_format_number(value: float, text: str) -> None:
    assert charts.format_number(value) == text
