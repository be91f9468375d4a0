"""Charts, on the harbours fixture project: what each chart kind draws, how it encodes
how far to trust a figure, and that every point maps back to its fact.

Expected figures are read from the facts table, not retyped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

import pandas as pd
import pytest

from dashboard import charts, transforms, words
from dashboard.exports import PROVENANCE_COLUMNS
from dashboard.views.model import ChartView, FiguresChart, Selection, TimelineChart
from dashboard.views.project import Project
from tests.conftest import harbours_project

COLUMNS = {
    "figures": charts.FIGURE_COLUMNS,
    "one_day_counts": charts.ONE_DAY_COLUMNS,
    "timeline": charts.TIMELINE_COLUMNS,
}
CHART_IDS = ["sound-totals", "sound-one-day", "returns-by-year", "port-amber", "events"]
BAR_CHARTS = ["sound-totals", "sound-one-day", "returns-by-year", "port-amber"]
BOUND_ID = "ne-crossings-2023-below"
# Tags the charts write themselves; any other "<" in a figure's text is data left raw.
OWN_TAGS = re.compile(r"<br>|</?b>|<extra></extra>")


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


@pytest.fixture(scope="module")
def table(project: Project) -> pd.DataFrame:
    return project.table


@pytest.fixture(scope="module")
def facts(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("fact_id", drop=False)


@pytest.fixture(scope="module")
def built(project: Project) -> dict[str, charts.Chart]:
    return {chart_id: project.chart(chart_id) for chart_id in CHART_IDS}


def view_of(project: Project, chart_id: str) -> ChartView:
    view = project.views.chart(chart_id).view
    assert view is not None
    return view


def build(project: Project, chart_id: str, table: pd.DataFrame) -> charts.Chart:
    """A chart of the views drawn from another table (changed or filtered)."""
    view = view_of(project, chart_id)
    return charts.build(view, transforms.select(table, view), project.context)


@dataclass(frozen=True)
class Point:
    trace: Any
    index: int
    fact_id: str

    @property
    def hover(self) -> str:
        return str(self.trace.customdata[self.index][1])

    def along(self, axis: str) -> Any:
        value = getattr(self.trace, axis)
        return value[self.index] if isinstance(value, tuple | list) else value

    @property
    def value(self) -> Any:
        """The drawn height: y for vertical bars and markers, x for horizontal bars."""
        return self.along("x" if self.trace.orientation == "h" else "y")

    def marker(self, name: str) -> Any:
        """A marker property of this point (a per-point list or the trace's one value)."""
        value = getattr(self.trace.marker, name)
        return value[self.index] if isinstance(value, tuple | list) else value

    def marker_line(self, name: str) -> Any:
        value = getattr(self.trace.marker.line, name)
        return value[self.index] if isinstance(value, tuple | list) else value


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


def flat(text: str) -> str:
    """Text as written on the figure, line breaks undone."""
    return unescape(text.replace("<br>", " "))


def footer_text(chart: charts.Chart) -> str:
    """The source and notes as written under the plot, line breaks undone."""
    texts = [annotation.text for annotation in chart.figure.layout.annotations]
    return " ".join(unescape(text.replace("<br>", " ")) for text in texts)


def categories(chart: charts.Chart, axis: str = "xaxis") -> list[str]:
    """A panel's category labels, in order (line breaks undone)."""
    layout_axis = chart.figure.layout[axis]
    return [unescape(text.replace("<br>", " ")) for text in layout_axis.ticktext]


def category_of(chart: charts.Chart, point: Point, axis: str = "x") -> str:
    """The category a point stands in: the tick its position is nearest to."""
    name = getattr(point.trace, f"{axis}axis") or axis
    layout_axis = chart.figure.layout[name.replace(axis, f"{axis}axis", 1)]
    position = point.along(axis)
    nearest = min(range(len(layout_axis.tickvals)), key=lambda i: abs(i - position))
    assert abs(nearest - position) < charts.CATEGORY_FILL / 2 + 1e-9  # inside its category
    return str(unescape(layout_axis.ticktext[nearest].replace("<br>", " ")))


def strings(value: Any) -> Iterator[str]:
    """Every string in a figure's JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def drawable_ids(frame: pd.DataFrame) -> list[str]:
    figure = frame["value"].notna() | frame["lower"].notna() | frame["upper"].notna()
    return frame.loc[figure, "fact_id"].tolist()


# ---------------------------------------------------------------------------
# Every chart


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_data_is_exactly_the_facts_drawn(
    chart_id: str, project: Project, built: dict[str, charts.Chart]
) -> None:
    chart = built[chart_id]
    drawn_ids = {point.fact_id for point in points(chart)}
    assert set(chart.data["fact_id"]) == drawn_ids
    assert chart.data["fact_id"].is_unique
    selected = project.selected(project.views.chart(chart_id))
    expected = (
        selected["fact_id"].tolist()
        if isinstance(view_of(project, chart_id), TimelineChart)
        else drawable_ids(selected)
    )
    assert chart.data["fact_id"].tolist() == expected
    assert chart.empty_message is None


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_data_columns_are_those_drawn_then_provenance(
    chart_id: str, project: Project, built: dict[str, charts.Chart]
) -> None:
    chart = built[chart_id]
    kind = view_of(project, chart_id).kind
    assert list(chart.data.columns) == list(dict.fromkeys([*COLUMNS[kind], *PROVENANCE_COLUMNS]))
    rows = project.selected(project.views.chart(chart_id)).set_index("fact_id", drop=False)
    expected = rows.loc[chart.data["fact_id"], list(chart.data.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(chart.data, expected)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_data_trace_carries_fact_ids_first(
    chart_id: str, built: dict[str, charts.Chart]
) -> None:
    chart = built[chart_id]
    known = set(chart.data["fact_id"])
    for trace in chart.figure.data:
        if trace.x == (None,):  # a legend key: explains an encoding, draws nothing
            assert trace.customdata is None and trace.showlegend
            continue
        assert trace.customdata is not None, trace.name
        rows = [row for row in trace.customdata if row is not None]
        assert rows and {row[0] for row in rows} <= known


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_figure_serialises_and_selection_keeps_the_fact_id(
    chart_id: str, built: dict[str, charts.Chart]
) -> None:
    chart = built[chart_id]
    spec = json.loads(chart.figure.to_json())
    # Streamlit hands a selected point's customdata back as it is in the figure JSON.
    ids = {
        row[0] for trace in spec["data"] for row in trace.get("customdata") or [] if row is not None
    }
    assert ids == set(chart.data["fact_id"])


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _text_colours(layout: Any, data: Any) -> dict[str, str]:
    """Every colour text is written in, by where (unset means the figure's font)."""
    font = layout.font.color
    found = {
        "font": font,
        "title": layout.title.font.color or font,
        "subtitle": layout.title.subtitle.font.color or font,
        "legend": layout.legend.font.color or font,
    }
    for number, annotation in enumerate(layout.annotations):
        found[f"annotation {number}"] = annotation.font.color or font
    for name in dir(layout):
        if name.startswith(("xaxis", "yaxis")) and layout[name] is not None:
            axis = layout[name]
            found[name] = axis.tickfont.color or axis.color or font
            found[f"{name} title"] = axis.title.font.color or axis.color or font
    for number, trace in enumerate(data):
        if getattr(trace, "text", None) is not None:
            found[f"trace {number} text"] = trace.textfont.color or font
    return found


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_chart_is_white_paper_with_dark_text_in_either_theme(
    chart_id: str, built: dict[str, charts.Chart]
) -> None:
    """Issue 11: a saved image had a transparent background (dark-theme text vanished
    on paper) and chart text had 3.7:1. Now the paper is white and every text at
    least 4.5:1 on it, whatever the page's theme."""
    figure = built[chart_id].figure
    layout = figure.layout
    assert layout.paper_bgcolor == layout.plot_bgcolor == charts.PAPER == "#FFFFFF"
    colours = _text_colours(layout, figure.data)
    assert len(colours) > 4
    low = {where: colour for where, colour in colours.items() if contrast(colour, "#FFFFFF") < 4.5}
    assert low == {}


def test_contrast_is_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#828180", "#FFFFFF") == pytest.approx(3.88, abs=0.01)  # issue 11's captions


def _base_colour(colour: str) -> str:
    match = re.fullmatch(r"rgba\((\d+),(\d+),(\d+),[\d.]+\)", colour)
    if match is None or colour == charts.TRANSPARENT:
        return colour
    return "#" + "".join(f"{int(part):02X}" for part in match.groups())


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_colours_are_okabe_ito(chart_id: str, built: dict[str, charts.Chart]) -> None:
    allowed = {*charts.SERIES_COLOURS, charts.NEUTRAL, charts.TRANSPARENT}
    for trace in built[chart_id].figure.data:
        used = [trace.marker.color, trace.marker.line.color]
        if trace.type == "scatter" and trace.line.color is not None:
            used.append(trace.line.color)
        for colour in used:
            for one in colour if isinstance(colour, tuple | list) else [colour]:
                if one is not None:
                    assert _base_colour(one) in allowed, (trace.name, one)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_title_subtitle_source_and_notes_are_on_the_figure(
    chart_id: str, project: Project, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built[chart_id]
    view = view_of(project, chart_id)
    assert chart.key == view.id and chart.title == view.title
    assert flat(chart.figure.layout.title.text) == chart.title
    assert flat(chart.figure.layout.title.subtitle.text) == chart.subtitle
    seeds = facts.loc[chart.data["fact_id"]].drop_duplicates("seed")
    assert chart.source == "; ".join(
        f"Source: {label} (seeds/{seed})"
        for seed, label in zip(seeds["seed"], seeds["seed_label"], strict=True)
    )
    assert chart.notes[: len(view.notes)] == tuple(view.notes)  # the view's caveats first
    footer = footer_text(chart)
    for line in (chart.source, *chart.notes):
        assert line in footer


@pytest.mark.parametrize("chart_id", BAR_CHARTS)
def test_hover_gives_value_unit_period_exactness_status_and_fact(
    chart_id: str, project: Project, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    for point in points(built[chart_id]):
        fact = facts.loc[point.fact_id]
        unit = project.context.unit(fact["unit"])
        hover = unescape(point.hover.replace("<br>", " "))
        if pd.isna(fact["value"]):
            assert f"“{fact['wording']}”" in hover and "no figure" in hover
            limit = words.limit(fact["lower"], fact["upper"], unit)
            assert f"Drawn as a limit: {limit} {unit.label}" in hover
        else:
            assert f"Value: {words.quantity(fact['value'], unit)}" in hover
        assert f"Period: {fact['period_label']}" in hover
        assert f"Partnership: {fact['partnership']}" in hover
        assert f"Exactness: {fact['exactness']}" in hover
        assert f"Status: {fact['status']}" in hover
        assert point.hover.endswith(f"Fact: {point.fact_id}")
        assert point.trace.hovertemplate == charts.HOVER_TEMPLATE


@pytest.mark.parametrize("chart_id", BAR_CHARTS)
def test_bars_are_as_tall_as_the_stated_figure_and_say_how_exact(
    chart_id: str, project: Project, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    bars = [point for point in points(built[chart_id]) if point.trace.type == "bar"]
    assert bars
    for point in bars:
        fact = facts.loc[point.fact_id]
        assert point.value == fact["value"]
        label = flat(point.along("text"))
        number = words.with_symbol(fact["value"], project.context.unit(fact["unit"]))
        if fact["derived"]:
            assert label.startswith("derived: ") and number in label
        elif fact["exactness"] == "approximate":
            assert label.startswith(fact["wording"])
        else:
            assert label.startswith(number)
        assert label.endswith(f" ({fact['status']})") == (fact["status"] != "happened")


@pytest.mark.parametrize("chart_id", BAR_CHARTS)
def test_approximate_bars_are_hatched_and_exact_ones_are_not(
    chart_id: str, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    for point in points(built[chart_id]):
        if point.trace.type != "bar":
            continue
        approximate = facts.loc[point.fact_id, "exactness"] == "approximate"
        shape = point.trace.marker.pattern.shape
        assert shape == (charts.APPROXIMATE_PATTERN if approximate else None), point.fact_id


@pytest.mark.parametrize(
    ("chart_id", "derived_id", "stated_id"),
    [
        ("sound-one-day", "ne-one-day-per-dinghy", "ne-one-day-people"),
        ("returns-by-year", "nv-returns-2022-implied", "nv-returns-2023"),
    ],
)
def test_derived_bars_are_hollow_and_explain_their_formula(
    chart_id: str,
    derived_id: str,
    stated_id: str,
    built: dict[str, charts.Chart],
    facts: pd.DataFrame,
) -> None:
    chart = built[chart_id]
    derived = only_point(chart, derived_id, "bar")
    stated = only_point(chart, stated_id, "bar")
    assert derived.trace is not stated.trace
    assert derived.trace.marker.color == charts.TRANSPARENT
    assert stated.trace.marker.color == stated.trace.marker.line.color  # solid fill
    assert derived.trace.marker.line.width > stated.trace.marker.line.width
    assert derived.trace.marker.line.color == stated.trace.marker.line.color  # same series
    fact = facts.loc[derived_id]
    assert f"Formula: {fact['formula']} = {words.number(fact['value'])}" in derived.hover
    assert f"Derived from: {fact['derived_from']}" in derived.hover
    assert any(fact["formula"] in note and fact["derived_from"] in note for note in chart.notes)
    assert "derived by us" in derived.trace.name.lower()


def test_derived_from_an_approximate_figure_is_hollow_and_hatched(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    point = only_point(built["returns-by-year"], "nv-returns-2022-implied", "bar")
    assert facts.loc[point.fact_id, "exactness"] == "approximate"
    assert point.trace.marker.pattern.shape == charts.APPROXIMATE_PATTERN
    assert point.trace.marker.pattern.bgcolor == charts.TRANSPARENT
    assert flat(point.along("text")) == f"derived: about {words.number(point.value)}"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_alt_text_names_every_figure_and_how_exact_it_is(
    chart_id: str, project: Project, built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built[chart_id]
    for fact_id in chart.data["fact_id"]:
        fact = facts.loc[fact_id]
        unit = project.context.unit(fact["unit"])
        if chart_id == "events":
            assert f"{fact['statement']} — {fact['period_label']}, {fact['status']}" in chart.alt
        elif pd.isna(fact["value"]):
            assert words.limit(fact["lower"], fact["upper"], unit) in chart.alt
            assert fact["wording"] in chart.alt and "not a bar" in chart.alt
        else:
            assert f"{words.quantity(fact['value'], unit)} (" in chart.alt
            if fact["exactness"] == "approximate" and not fact["derived"]:
                assert f"“{fact['wording']}”" in chart.alt


# ---------------------------------------------------------------------------
# Figures by period: bounds, time order, sources side by side


def test_a_bound_is_a_limit_marker_never_a_bar(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["sound-totals"]
    bound = facts.loc[BOUND_ID]
    assert bound["exactness"] == "bound" and pd.isna(bound["value"])
    assert points_of(chart, BOUND_ID, "bar") == []
    bars = [point for point in points(chart) if point.trace.type == "bar"]
    assert [category_of(chart, point) for point in bars] == ["2024"]  # none at 2023
    limit = only_point(chart, BOUND_ID, "scatter")
    assert category_of(chart, limit) == "2023"
    assert limit.value == bound["upper"]
    assert limit.trace.marker.symbol == charts.LIMIT_SYMBOL
    label = unescape(limit.along("text").replace("<br>", " "))
    assert label.startswith(f"↓ at most {words.number(bound['upper'])}")
    assert f"“{bound['wording']}”" in label
    assert "The source gives no figure" in limit.hover
    row = chart.data.set_index("fact_id").loc[BOUND_ID]
    assert pd.isna(row["value"]) and row["upper"] == bound["upper"]


def test_a_lower_bound_reads_at_least(project: Project, table: pd.DataFrame) -> None:
    lower = table.assign(
        lower=table["upper"].where(table["fact_id"] == BOUND_ID),
        upper=table["upper"].where(table["fact_id"] != BOUND_ID),
    )
    chart = build(project, "sound-totals", lower)
    label = unescape(only_point(chart, BOUND_ID, "scatter").along("text").replace("<br>", " "))
    assert label.startswith("↑ at least 4,210")
    assert "drawn as a limit (at least 4,210), not a bar." in " ".join(chart.notes)


def test_figures_say_when_they_were_reported(built: dict[str, charts.Chart]) -> None:
    chart = built["sound-totals"]
    assert chart.notes[0] == "Figures as reported in the article of 4 March 2025."
    assert chart.subtitle == "People crossing the Sound in dinghies, 2023 and 2024"
    returns = built["returns-by-year"]
    assert returns.notes[0] == (
        "Figures as reported in the article published between 1 January 2024 and 30 June 2024."
    )


def _another_source(
    table: pd.DataFrame, fact_id: str, new_id: str, **changes: object
) -> pd.DataFrame:
    """A copy of a fact as another source (another seed and partnership) gives it."""
    row = table[table["fact_id"] == fact_id].copy()
    row["fact_id"] = new_id
    row["seed"] = "999_other.txt"
    row["seed_label"] = "Another article"
    row["partnership"] = "Norland–Vesterland"
    for name, value in changes.items():
        row[name] = value
    return pd.concat([table, row.astype(table.dtypes.to_dict())], ignore_index=True)


def test_periods_are_in_time_order_whatever_the_rows_order(
    project: Project, table: pd.DataFrame
) -> None:
    # A later year and a part year, added after the others: the categories still run
    # oldest first (a year to date sorts by its start, then its end).
    more = _another_source(
        table,
        "ne-crossings-2024",
        "later-year",
        period_start=pd.Timestamp("2025-01-01"),
        period_end=pd.Timestamp("2025-12-31"),
        period_label="2025",
        date_edtf="2025",
    )
    more = _another_source(
        more,
        "ne-crossings-2024",
        "part-year",
        period_start=pd.Timestamp("2024-01-01"),
        period_end=pd.Timestamp("2024-09-18"),
        period_label="1 January 2024 to 18 September 2024",
        date_precision="span",
        derived=True,
        formula="1 + 1",
    )
    chart = build(project, "sound-totals", more.iloc[::-1].reset_index(drop=True))
    assert categories(chart) == [
        "2023",
        "2024 to 18 September",
        "2024",
        "2025",
    ]


def test_figures_of_one_period_from_two_sources_sit_side_by_side(
    project: Project, table: pd.DataFrame
) -> None:
    both = _another_source(table, "ne-crossings-2024", "other-2024", value=3900.0)
    chart = build(project, "sound-totals", both)
    ours, theirs = (
        only_point(chart, "ne-crossings-2024", "bar"),
        only_point(chart, "other-2024", "bar"),
    )
    assert category_of(chart, ours) == category_of(chart, theirs) == "2024"
    assert chart.figure.layout.barmode == "overlay"  # never stacked: placed by their slots
    # Side by side, never one over the other: two slots that do not overlap.
    (left, right) = sorted((ours, theirs), key=lambda point: point.along("x"))
    assert left.along("x") + left.along("width") / 2 <= right.along("x") - right.along("width") / 2
    assert left.along("width") == right.along("width") == charts.CATEGORY_FILL / 2
    # The chart compares partnerships: each in its register colour, named in the legend.
    colours = project.context.colours
    assert ours.trace.marker.line.color == colours["Norland–Estmark"]
    assert theirs.trace.marker.line.color == colours["Norland–Vesterland"]
    assert "Norland–Vesterland" in theirs.trace.name and "Norland–Estmark" in ours.trace.name


def test_many_sources_of_one_period_keep_few_traces(project: Project, table: pd.DataFrame) -> None:
    many = table
    for number in range(20):
        many = _another_source(many, "ne-crossings-2024", f"source-{number}", value=4000.0 + number)
        many.loc[many["fact_id"] == f"source-{number}", "seed"] = f"9{number:02d}_other.txt"
    chart = build(project, "sound-totals", many)
    bars = [point for point in points(chart) if point.trace.type == "bar"]
    assert len(bars) == 21 and {category_of(chart, bar) for bar in bars} == {"2024"}
    assert {bar.along("width") for bar in bars} == {charts.CATEGORY_FILL / 21}
    # One trace per series and style, however many sources: here two partnerships.
    assert len(chart.figure.data) == len(build(project, "sound-totals", table).figure.data) + 1


def test_different_units_never_share_an_axis(project: Project, table: pd.DataFrame) -> None:
    view = FiguresChart(
        id="mixed",
        kind="figures",
        title="Returns and their change",
        select=Selection(partnerships=["Norland–Vesterland"], topics=["removals"]),
    )
    chart = charts.build(view, transforms.select(table, view), project.context)
    units_by_axis: dict[str, set[str]] = {}
    for point in points(chart):
        units_by_axis.setdefault(point.trace.yaxis, set()).add(
            str(table.set_index("fact_id").loc[point.fact_id, "unit"])
        )
    assert units_by_axis == {"y": {"persons"}, "y2": {"pct"}}
    assert chart.figure.layout.yaxis2.title.text == "per cent"


# ---------------------------------------------------------------------------
# One-day counts


def test_one_day_gives_each_unit_its_own_axis(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["sound-one-day"]
    units_by_axis: dict[str, set[str]] = {}
    for point in points(chart):
        units_by_axis.setdefault(point.trace.yaxis, set()).add(facts.loc[point.fact_id, "unit"])
    assert units_by_axis == {
        "y": {"persons"},
        "y2": {"vessels"},
        "y3": {"persons per vessel"},
    }
    assert chart.figure.layout.yaxis3.title.text == "persons per vessel"
    assert chart.notes[0] == "One day says little about a year."
    assert chart.notes[1] == (
        "The source does not name the day, known only to be in the week of "
        "24 February 2025 to 2 March 2025."
    )


def test_each_day_is_its_own_group_with_its_date(project: Project, table: pd.DataFrame) -> None:
    days = table
    for fact_id in ("ne-one-day-people", "ne-one-day-dinghies"):
        days = _another_source(
            days,
            fact_id,
            f"{fact_id}-later",
            value=15.0 if "dinghies" in fact_id else 640.0,
            period_start=pd.Timestamp("2025-09-18"),
            period_end=pd.Timestamp("2025-09-18"),
            period_label="18 September 2025",
            date_precision="day",
        )
    chart = build(project, "sound-one-day", days.iloc[::-1].reset_index(drop=True))
    later = only_point(chart, "ne-one-day-people-later", "bar")
    earlier = only_point(chart, "ne-one-day-people", "bar")
    # Two days, two groups (never one bar of both), the older first, each with its date.
    assert category_of(chart, later) != category_of(chart, earlier)
    assert categories(chart) == [
        "One day in the week of 24 February 2025 to 2 March 2025 (Norland–Estmark)",
        "18 September 2025 (Norland–Vesterland)",
    ]
    # Nothing runs off its axis: each panel reaches past its tallest bar and label.
    for axis, values in (("yaxis", (212, 640)), ("yaxis2", (6, 15))):
        top = getattr(chart.figure.layout, axis).range[1]
        assert top >= 1.25 * max(values)


# ---------------------------------------------------------------------------
# Figures by measure: planned apart, a figure without a number named


def test_planned_is_drawn_apart_from_what_happened(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["port-amber"]
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
    assert any(note.startswith("Planned, not happened: ") for note in chart.notes)


def test_a_figure_with_no_number_and_no_limit_is_named_not_drawn(
    built: dict[str, charts.Chart], facts: pd.DataFrame
) -> None:
    chart = built["port-amber"]
    assert "nv-awaiting-decision" not in set(chart.data["fact_id"])
    assert points_of(chart, "nv-awaiting-decision") == []
    statement = facts.loc["nv-awaiting-decision", "statement"]
    assert f"Not drawn, the source gives no figure: {statement} (“Hundreds”)" in chart.notes


# ---------------------------------------------------------------------------
# Timeline


@pytest.fixture(scope="module")
def events(project: Project) -> pd.DataFrame:
    return project.selected(project.views.chart("events"))


def test_timeline_draws_with_few_traces(project: Project, table: pd.DataFrame) -> None:
    # Events of every kind: spans, days, plans, undated at a day and in a window.
    windowed = _another_source(
        table,
        "ne-commander-appointed",
        "window-event",
        seed="102_norland_vesterland.txt",
        period_start=pd.Timestamp("2024-01-01"),
        period_end=pd.Timestamp("2024-06-30"),
    )
    traces = build(project, "events", windowed).figure.data
    drawn = [trace for trace in traces if trace.x != (None,)]
    # One trace for the spans, one for the publication windows, one for the markers,
    # whatever the number of partnerships and statuses; the rest are legend keys.
    assert [trace.name for trace in drawn] == ["spans", "publication windows", "events"]
    assert len(traces) == 3 + len(project.partnerships) + 3


def test_timeline_spans_are_bars_from_first_to_last_day(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    chart = built["events"]
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
    chart = built["events"]
    days = events[events["date_precision"] == "day"]
    assert not days.empty
    for event in days.itertuples():
        assert points_of(chart, event.fact_id, "bar") == []
        marker = only_point(chart, event.fact_id, "scatter")
        assert pd.Timestamp(marker.along("x")) == event.period_start


def test_every_event_has_one_clickable_marker(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    markers = [p for p in points(built["events"]) if getattr(p.trace, "mode", None) == "markers"]
    assert sorted(point.fact_id for point in markers) == sorted(events["fact_id"])


def _marker(chart: charts.Chart, fact_id: str) -> Point:
    found = [p for p in points_of(chart, fact_id) if getattr(p.trace, "mode", None) == "markers"]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("status", "dated_by", "symbol"),
    [
        ("happened", "seed", charts.HAPPENED_SYMBOL),
        ("planned", "seed", charts.OPEN_STATUS_SYMBOL),
        ("happened", "publication", charts.UNDATED_SYMBOL),
    ],
)
def test_timeline_markers_show_status_and_undated(
    status: str,
    dated_by: str,
    symbol: str,
    built: dict[str, charts.Chart],
    events: pd.DataFrame,
) -> None:
    chart = built["events"]
    chosen = events[(events["status"] == status) & (events["dated_by"] == dated_by)]
    assert not chosen.empty
    for event in chosen.itertuples():
        marker = _marker(chart, event.fact_id)
        assert marker.marker("symbol") == symbol
        assert f"When: {event.period_label}" in unescape(marker.hover)
        assert f"Status: {status}" in marker.hover
        if dated_by == "publication":
            assert "not dated; reported" in marker.hover


def test_timeline_open_spans_are_lighter(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    fills: dict[bool, set[float]] = {True: set(), False: set()}
    status = events.set_index("fact_id")["status"]
    for point in points(built["events"]):
        if point.trace.type == "bar":
            alpha = float(point.marker("color").rsplit(",", 1)[1].rstrip(")"))
            fills[status[point.fact_id] == "happened"].add(alpha)
    assert fills[False] == {charts.OPEN_STATUS_ALPHA}
    assert fills[True] and min(fills[True]) > charts.OPEN_STATUS_ALPHA


def test_undated_events_show_their_publication_window_not_a_bar(
    project: Project, table: pd.DataFrame
) -> None:
    # The harbours timeline has one undated event, at a dated article: a point. The
    # Vesterland article is undated (a window): an event from it gets a dotted line.
    undated = _another_source(
        table,
        "ne-commander-appointed",
        "window-event",
        seed="102_norland_vesterland.txt",
        period_start=pd.Timestamp("2024-01-01"),
        period_end=pd.Timestamp("2024-06-30"),
        period_label="not dated; reported between 1 January 2024 and 30 June 2024",
    )
    chart = build(project, "events", undated)
    assert points_of(chart, "window-event", "bar") == []
    window = [
        p for p in points_of(chart, "window-event") if getattr(p.trace, "mode", None) == "lines"
    ]
    assert [pd.Timestamp(point.along("x")) for point in window] == [
        pd.Timestamp("2024-01-01"),
        pd.Timestamp("2024-07-01"),
    ]
    assert window[0].trace.line.dash == "dot"
    assert _marker(chart, "window-event").marker("symbol") == charts.UNDATED_SYMBOL


def test_timeline_legend_explains_colours_and_shapes(
    project: Project, built: dict[str, charts.Chart]
) -> None:
    figure = built["events"].figure
    keys = [trace for trace in figure.data if trace.showlegend]
    names = [trace.name for trace in keys]
    assert names[:2] == project.partnerships  # in register order
    assert {trace.marker.symbol for trace in keys} >= {
        charts.HAPPENED_SYMBOL,
        charts.OPEN_STATUS_SYMBOL,
        charts.UNDATED_SYMBOL,
    }
    # The keys explain; the page's filters choose (a click on a key does nothing).
    assert figure.layout.legend.itemclick is False


def test_timeline_colours_are_the_registers_whatever_is_shown(
    project: Project, table: pd.DataFrame
) -> None:
    colours = project.context.colours
    assert list(colours.values()) == list(charts.SERIES_COLOURS[: len(colours)])
    for partnership in project.partnerships:
        chart = project.chart("events", partnerships=[partnership])
        markers = [p for p in points(chart) if getattr(p.trace, "mode", None) == "markers"]
        assert markers
        assert {point.marker("color") for point in markers} == {colours[partnership]}


def test_a_new_partnership_never_changes_anothers_colour() -> None:
    before = charts.partnership_colours(["A", "B"])
    after = charts.partnership_colours(["A", "B", "C"])
    assert {name: after[name] for name in before} == before
    assert after["C"] not in before.values()


# ---------------------------------------------------------------------------
# Nothing to draw


@pytest.mark.parametrize("kind", ["empty table", "no rows left after filtering"])
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_nothing_to_draw_gives_a_message_and_empty_data(
    chart_id: str, kind: str, project: Project, table: pd.DataFrame, built: dict[str, charts.Chart]
) -> None:
    frame = transforms.empty_table() if kind == "empty table" else table.iloc[0:0]
    chart = build(project, chart_id, frame)
    assert chart.empty_message
    assert chart.data.empty
    assert list(chart.data.columns) == list(built[chart_id].data.columns)
    assert points(chart) == []
    assert [a.text for a in chart.figure.layout.annotations] == [chart.empty_message]
    assert chart.key == built[chart_id].key
    json.loads(chart.figure.to_json())


@pytest.mark.parametrize(
    ("chart_id", "seed"),
    [
        ("sound-totals", "102_norland_vesterland.txt"),
        ("sound-one-day", "102_norland_vesterland.txt"),
        ("returns-by-year", "101_norland_estmark.txt"),
        ("port-amber", "101_norland_estmark.txt"),
    ],
)
def test_a_seed_without_these_figures_gives_an_empty_chart(
    chart_id: str, seed: str, project: Project, table: pd.DataFrame
) -> None:
    chart = build(project, chart_id, transforms.facts_for_seed(table, seed))
    assert chart.empty_message and chart.data.empty and chart.source == ""


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_any_single_fact_left_by_a_filter_draws_or_says_empty(
    chart_id: str, project: Project, table: pd.DataFrame
) -> None:
    view = view_of(project, chart_id)
    own = transforms.select(table, view)["fact_id"].tolist()
    other = next(fact_id for fact_id in table["fact_id"] if fact_id not in own)
    for fact_id in [*own, other]:
        alone = table[table["fact_id"] == fact_id]
        chart = build(project, chart_id, alone)
        drawn = {point.fact_id for point in points(chart)}
        selected = transforms.select(alone, view)
        expected = set(selected["fact_id"] if view.kind == "timeline" else drawable_ids(selected))
        assert set(chart.data["fact_id"]) == drawn == expected, fact_id
        assert (chart.empty_message is None) == bool(drawn), fact_id
        json.loads(chart.figure.to_json())


# ---------------------------------------------------------------------------
# Text is inert

HOSTILE = (
    '<a href="https://example.invalid">link</a> <span style="color:red">red</span> '
    "<b>bold</b> $x^2$"
)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_data_text_reaches_plotly_escaped(
    chart_id: str, project: Project, table: pd.DataFrame
) -> None:
    hostile = table.copy()
    for column in (
        "statement",
        "measure",
        "wording",
        "partnership",
        "notes",
        "seed_label",
        "formula",
        "derived_from",
        "topic",
        "period_label",
    ):
        hostile[column] = hostile[column].map(
            lambda text: None if pd.isna(text) else f"{HOSTILE} {text}", na_action="ignore"
        )
    view = view_of(project, chart_id)
    mark = view.model_copy(update={"select": Selection(), "title": HOSTILE, "notes": [HOSTILE]})
    context = charts.ChartContext(
        colours={f"{HOSTILE} {name}": colour for name, colour in project.context.colours.items()},
        units=project.context.units,
        topics={f"{HOSTILE} {name}": label for name, label in project.context.topics.items()},
    )
    chart = charts.build(mark, transforms.select(hostile, mark), context)
    assert not chart.empty_message
    spec = json.loads(chart.figure.to_json())
    found = list(strings(spec))
    assert any("&lt;a href" in text for text in found)
    for text in found:
        assert "<" not in OWN_TAGS.sub("", text), text
        assert not text.startswith("$"), text


def test_timeline_labels_are_whole_statements_above_their_rows(
    built: dict[str, charts.Chart], events: pd.DataFrame
) -> None:
    """Issue 11: every label was cut at 48 characters, and the labels beside the axis
    took three quarters of a phone's width. Now each event's whole statement is
    written above its row, wrapped to a phone's width, and the axis has no labels."""
    figure = built["events"].figure
    assert figure.layout.yaxis.showticklabels is False
    labels = {
        annotation.y: annotation.text
        for annotation in figure.layout.annotations
        if annotation.name == "row label"
    }
    assert len(labels) == len(events)
    longest = max(events["statement"], key=len)
    assert len(longest) > 48  # the fixture has a statement the old cut would shorten
    for event in events.itertuples():
        label = labels[event.fact_id]
        assert flat(label) == event.statement
        lines = [unescape(line) for line in label.split("<br>")]
        assert all(len(line) <= charts.TIMELINE_LABEL_WRAP for line in lines)


def test_timeline_subtitle_counts_one_event_in_the_singular(
    project: Project, events: pd.DataFrame
) -> None:
    chart = build(project, "events", events.iloc[:1])
    assert chart.subtitle.startswith("1 event, ")
    assert "hover" not in chart.subtitle
