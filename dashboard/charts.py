"""Plotly figure builders: one pure function per chart (no Streamlit here).

The encoding is the point: an exact stated figure is a solid bar; an approximate one
is hatched and labelled with the source's own words; a figure we derived is a hollow
bar labelled "derived"; a bound is a limit marker with an arrow, never a bar of
invented height; planned or announced things are drawn lighter. Every drawn point
carries its fact id as the first element of ``customdata`` so that a selection maps
back to its fact, and ``Chart.data`` is exactly the rows drawn, with provenance.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import exports, transforms
from dashboard.facts.dates import DateError, parse_period

# Okabe-Ito, without its yellow (unreadable on white).
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
VERMILLION = "#D55E00"
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)
# Legend keys that explain a shape, not a series: mid grey reads on light and dark themes.
NEUTRAL = "#8C8C8C"
TRANSPARENT = "rgba(0,0,0,0)"

APPROXIMATE_PATTERN = "/"
LIMIT_SYMBOL = "line-ew"  # a flat line exactly at a bound's limit
LIMIT_SYMBOL_HORIZONTAL = "line-ns"
STATED_LINE_WIDTH = 1.0
DERIVED_LINE_WIDTH = 3.0
OPEN_STATUS_LINE_WIDTH = 2.0
OPEN_STATUS_ALPHA = 0.2  # fill of planned or announced bars
APPROXIMATE_BACKGROUND_ALPHA = 0.35  # behind the hatching of an approximate bar

HAPPENED = "happened"
HOVER_TEMPLATE = "%{customdata[1]}<extra></extra>"
FOOTER_WRAP = 110  # characters per line of the source and notes under a plot
HOVER_WRAP = 60
ONE_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Chart:
    """A figure with everything a page needs to show, explain and export it."""

    key: str  # stable slug, used for widget keys and CSV file names
    title: str
    subtitle: str  # units and period
    source: str  # "Source: <seed label> (seeds/<file>)", joined with "; "
    notes: tuple[str, ...]  # caveats; also written under the plot
    alt: str  # what is drawn, with the numbers and their exactness, in words
    figure: go.Figure
    data: pd.DataFrame  # exactly the data drawn, with provenance columns
    empty_message: str | None = None


# ---------------------------------------------------------------------------
# One fact, read from a row of the tidy table


def _text(row: Mapping[Hashable, Any], name: str) -> str | None:
    value = row.get(name)
    return None if value is None or pd.isna(value) else str(value)


def _number(row: Mapping[Hashable, Any], name: str) -> float | None:
    value = row.get(name)
    return None if value is None or pd.isna(value) else float(value)


def _timestamp(row: Mapping[Hashable, Any], name: str) -> pd.Timestamp | None:
    value = row.get(name)
    return None if value is None or pd.isna(value) else pd.Timestamp(value)


@dataclass(frozen=True)
class _Fact:
    fact_id: str
    statement: str
    measure: str | None
    value: float | None
    unit: str | None
    exactness: str | None
    wording: str | None
    lower: float | None
    upper: float | None
    derived: bool
    formula: str | None
    derived_from: str | None
    status: str
    period_label: str
    period_start: pd.Timestamp | None
    period_end: pd.Timestamp | None
    date_precision: str | None
    relative_phrase: str | None
    dated_by: str | None
    partnership: str | None
    topic: str | None
    notes: str | None
    seed: str
    seed_label: str | None
    seed_published: str | None

    @classmethod
    def from_row(cls, row: Mapping[Hashable, Any]) -> _Fact:
        return cls(
            fact_id=str(row["fact_id"]),
            statement=_text(row, "statement") or "",
            measure=_text(row, "measure"),
            value=_number(row, "value"),
            unit=_text(row, "unit"),
            exactness=_text(row, "exactness"),
            wording=_text(row, "wording"),
            lower=_number(row, "lower"),
            upper=_number(row, "upper"),
            derived=bool(row.get("derived") is True),
            formula=_text(row, "formula"),
            derived_from=_text(row, "derived_from"),
            status=_text(row, "status") or HAPPENED,
            period_label=_text(row, "period_label") or "",
            period_start=_timestamp(row, "period_start"),
            period_end=_timestamp(row, "period_end"),
            date_precision=_text(row, "date_precision"),
            relative_phrase=_text(row, "relative_phrase"),
            dated_by=_text(row, "dated_by"),
            partnership=_text(row, "partnership"),
            topic=_text(row, "topic"),
            notes=_text(row, "notes"),
            seed=str(row["seed"]),
            seed_label=_text(row, "seed_label"),
            seed_published=_text(row, "seed_published"),
        )

    @property
    def approximate(self) -> bool:
        return self.exactness == "approximate"

    @property
    def is_bound(self) -> bool:
        return self.value is None and (self.lower is not None or self.upper is not None)

    @property
    def drawable(self) -> bool:
        return self.value is not None or self.is_bound

    @property
    def settled(self) -> bool:
        """True when the thing happened (not only announced or planned)."""
        return self.status == HAPPENED


def _facts(frame: pd.DataFrame) -> list[_Fact]:
    return [_Fact.from_row(row) for row in frame.to_dict(orient="records")]


# ---------------------------------------------------------------------------
# Words


def format_number(value: float) -> str:
    """29154 -> '29,154'; 46.3 -> '46.3' (no trailing zeros, never rounded away)."""
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, break_on_hyphens=False)  # keep fact ids whole
    return "<br>".join(escape(line, quote=False) for line in lines)


def _limit_words(fact: _Fact) -> str:
    """'more than 29,154' for a lower bound, 'less than ...' for an upper one."""
    if fact.lower is not None and fact.upper is not None:
        return f"between {format_number(fact.lower)} and {format_number(fact.upper)}"
    if fact.lower is not None:
        return f"more than {format_number(fact.lower)}"
    if fact.upper is not None:
        return f"less than {format_number(fact.upper)}"
    return "no limit given"


def _status_suffix(fact: _Fact) -> str:
    return "" if fact.settled else f" ({fact.status})"


def _bar_label(fact: _Fact) -> str:
    """The words on a bar: the figure, the source's wording, or 'derived'."""
    assert fact.value is not None  # only bars are labelled this way
    number = format_number(fact.value)
    if fact.derived:
        label = f"derived: about {number}" if fact.approximate else f"derived: {number}"
    elif fact.approximate:
        label = fact.wording or f"about {number}"
    else:
        label = number
    return label + _status_suffix(fact)


def _limit_label(fact: _Fact) -> str:
    wording = f"<br>“{_wrap(fact.wording, 32)}”" if fact.wording else ""
    return f"{_limit_words(fact)}{wording}"


def _unit(fact: _Fact) -> str:
    return f" {fact.unit}" if fact.unit else ""


def _value_line(fact: _Fact) -> str:
    if fact.value is not None:
        line = f"Value: {format_number(fact.value)}{_unit(fact)}"
        if fact.approximate and fact.wording and not fact.derived:
            line += f" (the source says “{escape(fact.wording, quote=False)}”)"
        return line
    if fact.is_bound:
        said = f"it says “{escape(fact.wording, quote=False)}”" if fact.wording else "a limit"
        return (
            f"The source gives no figure, only {said}<br>"
            f"Drawn as a limit: {_limit_words(fact)}{_unit(fact)}"
        )
    return "The source gives no figure"


def _hover(fact: _Fact) -> str:
    """Everything a reader needs to quote the point, fact id last."""
    exactness = fact.exactness or "not a figure"
    lines = [
        f"<b>{_wrap(fact.statement, HOVER_WRAP)}</b>",
        _value_line(fact),
        f"Period: {escape(fact.period_label, quote=False)}",
        f"Exactness: {exactness}" + (", derived by us (not stated)" if fact.derived else ""),
        f"Status: {fact.status}",
    ]
    if fact.derived:
        result = f" = {format_number(fact.value)}" if fact.value is not None else ""
        lines.append(f"Formula: {escape(fact.formula or 'not recorded', quote=False)}{result}")
        lines.append(f"Derived from: {escape(fact.derived_from or 'not recorded', quote=False)}")
    if fact.notes:
        lines.append(f"Note: {_wrap(fact.notes, HOVER_WRAP)}")
    lines.append(f"Fact: {fact.fact_id}")
    return "<br>".join(lines)


def _customdata(facts: Iterable[_Fact], hover: Callable[[_Fact], str] = _hover) -> list[list[str]]:
    # The fact id first: the page maps a selected point back to its fact with it.
    return [[fact.fact_id, hover(fact)] for fact in facts]


def _source_line(facts: Sequence[_Fact]) -> str:
    seen: dict[str, str] = {}
    for fact in facts:
        seen.setdefault(fact.seed, fact.seed_label or fact.seed)
    return "; ".join(f"Source: {label} (seeds/{seed})" for seed, label in seen.items())


def _publication_words(published: str | None) -> str:
    """'the article of 26 October 2024', or '... published 1 January to 31 August 2023'."""
    if published is None:
        return "the article"
    try:
        period = parse_period(published)
    except DateError:
        return f"the article published {published}"
    if period.start == period.end:
        return f"the article of {period.label}"
    return f"the article published between {period.label.replace(' to ', ' and ')}"


def _short_period(fact: _Fact) -> str:
    """'2023' for a year, '2024 to 26 October' for a year to date, else the label."""
    start, end = fact.period_start, fact.period_end
    if start is None or end is None or fact.dated_by != "seed":
        return fact.period_label
    if fact.date_precision == "year":
        return str(start.year)
    if start.year == end.year and (start.month, start.day) == (1, 1):
        return f"{start.year} to {end.day} {end:%B}"
    return fact.period_label


def _between(fact: _Fact) -> str:
    """'between 26 December 2022 and 28 August 2023' for a window, else its label."""
    if fact.date_precision == "span" and fact.period_label.count(" to ") == 1:
        return "between " + fact.period_label.replace(" to ", " and ")
    return fact.period_label


def _is_part_year(fact: _Fact) -> bool:
    start, end = fact.period_start, fact.period_end
    if start is None or end is None or fact.date_precision == "year":
        return False
    return start.year == end.year and (start.month, start.day) == (1, 1) and end.month < 12


def _join_words(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------
# Styles


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


@dataclass(frozen=True)
class _Style:
    derived: bool
    approximate: bool
    status: str

    @classmethod
    def of(cls, fact: _Fact) -> _Style:
        return cls(fact.derived, fact.approximate, fact.status)

    @property
    def settled(self) -> bool:
        return self.status == HAPPENED

    def describe(self) -> str:
        words = ["derived by us" if self.derived else "stated"]
        if self.approximate:
            words.append("approximate")
        if not self.settled:
            words.append(self.status)
        return ", ".join(words)

    def bar_marker(self, hue: str) -> dict[str, Any]:
        """Solid when exact and stated; hatched when approximate; hollow when derived;
        light when planned or announced."""
        if self.derived:
            fill, width = TRANSPARENT, DERIVED_LINE_WIDTH
        elif not self.settled:
            fill, width = _rgba(hue, OPEN_STATUS_ALPHA), OPEN_STATUS_LINE_WIDTH
        elif self.approximate:
            fill, width = _rgba(hue, APPROXIMATE_BACKGROUND_ALPHA), STATED_LINE_WIDTH
        else:
            fill, width = hue, STATED_LINE_WIDTH
        marker: dict[str, Any] = {"color": fill, "line": {"color": hue, "width": width}}
        if self.approximate:
            marker["pattern"] = {
                "shape": APPROXIMATE_PATTERN,
                "fillmode": "replace",
                "fgcolor": hue,
                "bgcolor": fill,
                "solidity": 0.35,
            }
        return marker


def _grouped(facts: Iterable[_Fact], key: Callable[[_Fact], Hashable]) -> list[list[_Fact]]:
    """Facts grouped by key, groups and members in first-seen order."""
    groups: dict[Hashable, list[_Fact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return list(groups.values())


# ---------------------------------------------------------------------------
# Traces for figures (bars, limits)


def _bar_trace(
    facts: Sequence[_Fact],
    category: Callable[[_Fact], str],
    hue: str,
    name: str,
    *,
    horizontal: bool = False,
    offsetgroup: str | None = None,
) -> go.Bar:
    style = _Style.of(facts[0])
    categories = [category(fact) for fact in facts]
    values = [fact.value for fact in facts]
    return go.Bar(
        x=values if horizontal else categories,
        y=categories if horizontal else values,
        orientation="h" if horizontal else "v",
        name=name,
        legendgroup=name,
        offsetgroup=offsetgroup,
        marker=style.bar_marker(hue),
        text=[_bar_label(fact) for fact in facts],
        textposition="outside",
        cliponaxis=False,
        customdata=_customdata(facts),
        hovertemplate=HOVER_TEMPLATE,
    )


def _limit_trace(
    facts: Sequence[_Fact],
    category: Callable[[_Fact], str],
    hue: str,
    name: str,
    *,
    horizontal: bool = False,
) -> go.Scatter:
    """A bound: a flat line marker exactly at each limit, with "↑ more than ..." and
    the source's wording written beside it.

    Never a bar: the source gives no figure, only a limit."""
    categories: list[str] = []
    limits: list[float] = []
    labels: list[str] = []
    drawn: list[_Fact] = []
    above, below = ("→", "←") if horizontal else ("↑", "↓")
    for fact in facts:
        for limit, arrow in ((fact.lower, above), (fact.upper, below)):
            if limit is None:
                continue
            categories.append(category(fact))
            limits.append(limit)
            labels.append(f"{arrow} {_limit_label(fact)}" if fact not in drawn else arrow)
            drawn.append(fact)
    return go.Scatter(
        x=limits if horizontal else categories,
        y=categories if horizontal else limits,
        mode="markers+text",
        name=name,
        legendgroup=name,
        marker={
            "symbol": LIMIT_SYMBOL_HORIZONTAL if horizontal else LIMIT_SYMBOL,
            "size": 48,
            "color": hue,
            "line": {"color": hue, "width": 4},
        },
        text=labels,
        textposition="middle right" if horizontal else "top center",
        cliponaxis=False,
        customdata=_customdata(drawn),
        hovertemplate=HOVER_TEMPLATE,
    )


def _value_traces(
    facts: Sequence[_Fact],
    category: Callable[[_Fact], str],
    hue_of: Callable[[_Fact], str],
    series_of: Callable[[_Fact], str],
    *,
    horizontal: bool = False,
    grouped_by_series: bool = False,
) -> list[go.Bar | go.Scatter]:
    """One trace per series and style, so that the legend names each encoding once."""
    traces: list[go.Bar | go.Scatter] = []
    groups = _grouped(facts, lambda fact: (series_of(fact), _Style.of(fact), fact.is_bound))
    for group in groups:
        first = group[0]
        series = series_of(first)
        prefix = f"{series}: " if series else ""
        if first.is_bound:
            name = _capital(f"{prefix}no figure given, only a limit")
            traces.append(_limit_trace(group, category, hue_of(first), name, horizontal=horizontal))
        else:
            name = _capital(prefix + _Style.of(first).describe())
            offset = series if grouped_by_series else None
            traces.append(
                _bar_trace(
                    group, category, hue_of(first), name, horizontal=horizontal, offsetgroup=offset
                )
            )
    return traces


def _top_of_range(facts: Iterable[_Fact]) -> float:
    """Room above the tallest bar or limit for the labels written above them
    (a limit's label has the source's wording too, so more room)."""
    facts = list(facts)
    heights = [
        height
        for fact in facts
        for height in (fact.value, fact.lower, fact.upper)
        if height is not None
    ]
    headroom = 1.5 if any(fact.is_bound for fact in facts) else 1.25
    return max(heights, default=1.0) * headroom


# ---------------------------------------------------------------------------
# Layout


def _finish(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    notes: Sequence[str],
    height: int,
    top: int = 130,
    footer_offset: int = 56,
) -> None:
    """Title and subtitle on top, source and notes under the plot; transparent
    backgrounds and no fixed font colours, so light and dark themes both work."""
    footer = [
        line
        for text in (source, *notes)
        if text
        for line in textwrap.wrap(text, FOOTER_WRAP, break_on_hyphens=False)
    ]
    figure.update_layout(
        title={
            "text": escape(title, quote=False),
            "subtitle": {"text": escape(subtitle, quote=False)},
            "x": 0,
            "xanchor": "left",
            "xref": "paper",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
        },
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        height=height + 15 * len(footer),
        margin={"l": 16, "r": 24, "t": top, "b": footer_offset + 18 * len(footer)},
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        hovermode="closest",
        separators=".,",
    )
    if footer:
        figure.add_annotation(
            text="<br>".join(escape(line, quote=False) for line in footer),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-footer_offset,
            align="left",
            showarrow=False,
            font={"size": 11},
        )


def _empty(
    *,
    key: str,
    title: str,
    subtitle: str,
    message: str,
    rows: pd.DataFrame,
    columns: Sequence[str],
) -> Chart:
    figure = go.Figure()
    figure.add_annotation(
        text=escape(message, quote=False),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14},
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    _finish(figure, title=title, subtitle=subtitle, source="", notes=(), height=320)
    return Chart(
        key=key,
        title=title,
        subtitle=subtitle,
        source="",
        notes=(),
        alt=f"{title}: {message}",
        figure=figure,
        data=exports.chart_frame(rows.iloc[0:0], columns),
        empty_message=message,
    )


def _undrawn_note(facts: Iterable[_Fact]) -> list[str]:
    """Facts with neither a figure nor a limit: named, never drawn as zero."""
    return [
        f"Not drawn, the source gives no figure: {fact.statement}"
        + (f" (“{fact.wording}”)" if fact.wording else "")
        for fact in facts
        if not fact.drawable
    ]


def _drawn_rows(frame: pd.DataFrame, facts: Sequence[_Fact]) -> pd.DataFrame:
    drawn_ids = [fact.fact_id for fact in facts]
    rows = frame.set_index("fact_id", drop=False).loc[drawn_ids]
    return rows.reset_index(drop=True)


def _describe_point(fact: _Fact, where: str) -> str:
    """One clause of alt text: where, the figure and how exact it is."""
    unit = _unit(fact)
    if fact.is_bound:
        wording = f" (“{fact.wording}”)" if fact.wording else ""
        return (
            f"{where}: no figure given, only a limit, {_limit_words(fact)}{unit}{wording}, "
            "drawn as an arrow marker, not a bar"
        )
    assert fact.value is not None
    number = format_number(fact.value)
    if fact.derived:
        kind = f"derived by us as {fact.formula}" if fact.formula else "derived by us"
        if fact.approximate:
            kind += ", approximate"
        kind += ", hollow bar"
    elif fact.approximate:
        kind = f"approximate, “{fact.wording}” in the source, hatched bar"
    else:
        kind = "exact, stated, solid bar"
    if not fact.settled:
        kind += f", {fact.status}"
    return f"{where}: {number}{unit} ({kind})"


# ---------------------------------------------------------------------------
# The charts

TOTALS_COLUMNS = (
    "period_label",
    "period_start",
    "period_end",
    "measure",
    "value",
    "unit",
    "wording",
    "lower",
    "upper",
)


def _assemble(
    *,
    key: str,
    title: str,
    subtitle: str,
    figure: go.Figure,
    frame: pd.DataFrame,
    drawn: Sequence[_Fact],
    columns: Sequence[str],
    notes: Sequence[str],
    described: Iterable[str],
    height: int,
    shape: str = "",
    top: int = 130,
) -> Chart:
    """Finish the figure (title, source, notes) and describe it: the same for every chart."""
    source = _source_line(drawn)
    _finish(
        figure, title=title, subtitle=subtitle, source=source, notes=notes, height=height, top=top
    )
    alt = f"{title}. {subtitle}. {shape}" + "; ".join(described) + "."
    return Chart(
        key=key,
        title=title,
        subtitle=subtitle,
        source=source,
        notes=tuple(notes),
        alt=alt,
        figure=figure,
        data=exports.chart_frame(_drawn_rows(frame, drawn), columns),
    )


def _derived_note(fact: _Fact, label: str) -> str:
    """Says that a figure is ours, with its formula and inputs."""
    note = (
        f"{label} is derived by us, not stated: {fact.formula} = "
        f"{format_number(fact.value or 0)} (from {fact.derived_from})"
    )
    if fact.approximate:
        note += f"; approximate, because the source says “{fact.wording}”"
    return note + "."


def crossings_totals(table: pd.DataFrame) -> Chart:
    """People crossing the Channel in small boats over whole periods: a stated total
    as a bar, a total the source only bounds as a limit marker."""
    key, title = "crossings-totals", "Small-boat crossings of the Channel"
    frame = transforms.crossings_totals(table)
    facts = _facts(frame)
    drawn = [fact for fact in facts if fact.drawable]
    if not drawn:
        return _empty(
            key=key,
            title=title,
            subtitle="People crossing the Channel in small boats",
            message="No crossing totals in the current selection.",
            rows=frame,
            columns=TOTALS_COLUMNS,
        )
    measure = drawn[0].measure or transforms.CROSSINGS_MEASURE
    subtitle = f"{_capital(measure)}, {_join_words([_short_period(fact) for fact in drawn])}"
    traces = _value_traces(
        drawn, _short_period, hue_of=lambda _fact: BLUE, series_of=lambda _fact: ""
    )
    figure = go.Figure(traces)
    figure.update_xaxes(type="category", title=None)
    figure.update_yaxes(
        title=drawn[0].unit, rangemode="tozero", range=[0, _top_of_range(drawn)], tickformat=","
    )
    part_years = [
        str(fact.period_start.year)
        for fact in drawn
        if fact.period_start is not None and _is_part_year(fact)
    ]
    reported = _join_words([_publication_words(fact.seed_published) for fact in drawn])
    first_note = f"Figures as reported in {reported}"
    if part_years:
        verb = "is a part-year total" if len(part_years) == 1 else "are part-year totals"
        first_note += f"; {_join_words(part_years)} {verb}"
    notes = [first_note + "."]
    notes += [
        f"{_short_period(fact)}: the source gives no figure, only “{fact.wording}”; "
        f"drawn as a limit ({_limit_words(fact)}), not a bar."
        for fact in drawn
        if fact.is_bound
    ]
    notes += _undrawn_note(facts)
    return _assemble(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=TOTALS_COLUMNS,
        notes=notes,
        described=(_describe_point(fact, _short_period(fact)) for fact in drawn),
        height=460,
    )


ONE_DAY_COLUMNS = (
    "measure",
    "value",
    "unit",
    "period_label",
    "period_start",
    "period_end",
    "derived_from",
)


def _is_ratio(fact: _Fact) -> bool:
    return fact.unit is not None and " per " in fact.unit


def crossings_one_day(table: pd.DataFrame) -> Chart:
    """People and boats on one day (counts panel) and people per boat (ratio panel):
    different units never share an axis."""
    key, title = "crossings-one-day", "Small-boat crossings on a single day"
    frame = transforms.crossings_one_day(table)
    facts = _facts(frame)
    drawn = [fact for fact in facts if fact.drawable]
    if not drawn:
        return _empty(
            key=key,
            title=title,
            subtitle="People, boats and people per boat on one day",
            message="No one-day crossing figures in the current selection.",
            rows=frame,
            columns=ONE_DAY_COLUMNS,
        )
    counts = [fact for fact in drawn if not _is_ratio(fact)]
    ratios = [fact for fact in drawn if _is_ratio(fact)]
    panels = [panel for panel in (counts, ratios) if panel]
    figure = make_subplots(
        rows=1,
        cols=len(panels),
        column_widths=[0.62, 0.38] if len(panels) == 2 else None,
        horizontal_spacing=0.14,
    )

    def category(fact: _Fact) -> str:
        return _capital(fact.unit or fact.measure or fact.fact_id)

    for column, panel in enumerate(panels, start=1):
        for trace in _value_traces(
            panel, category, hue_of=lambda _fact: BLUE, series_of=lambda _fact: ""
        ):
            figure.add_trace(trace, row=1, col=column)
        units = _join_words([fact.unit or "" for fact in panel])
        figure.update_yaxes(
            title=units, rangemode="tozero", range=[0, _top_of_range(panel)], row=1, col=column
        )
        figure.update_xaxes(type="category", row=1, col=column)
    periods = _join_words([fact.period_label for fact in drawn])
    what = _capital(_join_words([fact.unit or fact.measure or "" for fact in drawn]))
    subtitle = f"{what} on one day in {periods}"
    notes = []
    if all(fact.date_precision == "day" for fact in drawn):
        notes.append("A single day says little about a season.")
    else:
        notes.append(
            "A single day says little about a season; the source does not name the day, "
            f"known only to be in {periods}."
        )
    notes += [
        _derived_note(fact, category(fact))
        for fact in drawn
        if fact.derived and fact.value is not None
    ]
    notes += _undrawn_note(facts)
    return _assemble(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=ONE_DAY_COLUMNS,
        notes=notes,
        described=(_describe_point(fact, category(fact)) for fact in drawn),
        height=460,
        shape="Two panels, counts and people per boat. ",
    )


DEPORTATIONS_COLUMNS = (
    "period_label",
    "period_start",
    "period_end",
    "topic",
    "measure",
    "value",
    "unit",
    "wording",
    "derived_from",
)


def deportations_returns(table: pd.DataFrame) -> Chart:
    """People deported or returned, by year, one colour per measure; derived levels
    hollow, approximate ones hatched."""
    key, title = "deportations-returns", "Deportations and voluntary returns"
    frame = transforms.deportations_and_returns(table)
    facts = _facts(frame)
    drawn = [fact for fact in facts if fact.drawable]
    if not drawn:
        return _empty(
            key=key,
            title=title,
            subtitle="People deported or returned, by year",
            message="No deportation or return figures in the current selection.",
            rows=frame,
            columns=DEPORTATIONS_COLUMNS,
        )
    measures = list(dict.fromkeys(fact.measure or fact.topic or "" for fact in drawn))
    hues = {measure: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, measure in enumerate(measures)}

    def series(fact: _Fact) -> str:
        return _capital(fact.measure or fact.topic or "")

    def hue(fact: _Fact) -> str:
        return hues[fact.measure or fact.topic or ""]

    def period(fact: _Fact) -> str:
        return _short_period(fact)

    figure = go.Figure(_value_traces(drawn, period, hue, series, grouped_by_series=True))
    figure.update_layout(barmode="group")
    figure.update_xaxes(type="category")
    figure.update_yaxes(
        title=_join_words([fact.unit or "" for fact in drawn]),
        rangemode="tozero",
        range=[0, _top_of_range(drawn)],
        tickformat=",",
    )
    periods = _join_words([period(fact) for fact in drawn])
    subtitle = f"{_join_words([_capital(m) for m in measures])}; people, {periods}"
    notes = [
        _derived_note(fact, f"{series(fact)}, {period(fact)},")
        for fact in drawn
        if fact.derived and fact.value is not None
    ]
    notes += _undrawn_note(facts)
    return _assemble(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=DEPORTATIONS_COLUMNS,
        notes=notes,
        described=(_describe_point(fact, f"{series(fact)}, {period(fact)}") for fact in drawn),
        height=480,
    )


BIBBY_COLUMNS = (
    "measure",
    "value",
    "unit",
    "wording",
    "period_label",
    "period_start",
    "period_end",
)


def bibby_stockholm(table: pd.DataFrame) -> Chart:
    """Asylum seekers and the Bibby Stockholm barge: boarded, expected (planned) and
    reprieved; planned drawn lighter in its own colour, approximations hatched."""
    key, title = "bibby-stockholm", "The Bibby Stockholm barge"
    frame = transforms.bibby_stockholm(table)
    facts = _facts(frame)
    drawn = [fact for fact in facts if fact.drawable]
    if not drawn:
        return _empty(
            key=key,
            title=title,
            subtitle="Asylum seekers and the Bibby Stockholm barge",
            message="No Bibby Stockholm figures in the current selection.",
            rows=frame,
            columns=BIBBY_COLUMNS,
        )

    def category(fact: _Fact) -> str:
        return "<br>".join(textwrap.wrap(_capital(fact.measure or fact.fact_id), 26))

    def hue(fact: _Fact) -> str:
        return BLUE if fact.settled else PURPLE

    figure = go.Figure(
        _value_traces(drawn, category, hue, series_of=lambda _fact: "", horizontal=True)
    )
    figure.update_yaxes(type="category", autorange="reversed", automargin=True)
    figure.update_xaxes(
        title=_join_words([fact.unit or "" for fact in drawn]),
        rangemode="tozero",
        range=[0, _top_of_range(drawn)],
    )
    periods = _join_words([_between(fact) for fact in drawn])
    phrases = _join_words([f"“{fact.relative_phrase}”" for fact in drawn if fact.relative_phrase])
    unit = _capital(_join_words([fact.unit or "" for fact in drawn]))
    subtitle = f"{unit}, on one day ({phrases} in the source), {periods}"
    if not phrases:
        subtitle = f"{unit}, {periods}"
    notes = []
    unsettled = [fact for fact in drawn if not fact.settled]
    if unsettled:
        notes.append(
            f"{_join_words([_capital(fact.status) for fact in unsettled])}, not happened: "
            + "; ".join(f"{fact.statement}" for fact in unsettled)
        )
    approximate = [fact.wording for fact in drawn if fact.approximate and fact.wording]
    if approximate:
        notes.append(
            "Hatched bars are approximate, in the source's words: "
            + _join_words([f"“{wording}”" for wording in approximate])
            + "."
        )
    notes += _undrawn_note(facts)
    return _assemble(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=BIBBY_COLUMNS,
        notes=notes,
        described=(_describe_point(fact, _capital(fact.measure or fact.fact_id)) for fact in drawn),
        height=440,
        shape="Horizontal bars. ",
    )


# ---------------------------------------------------------------------------
# The timeline

TIMELINE_COLUMNS = (
    "statement",
    "topic",
    "partnership",
    "period_label",
    "period_start",
    "period_end",
    "dated_by",
    "shape",
)
TIMELINE_LABEL_WIDTH = 48
UNDATED_SYMBOL = "diamond-open"
HAPPENED_SYMBOL = "circle"
OPEN_STATUS_SYMBOL = "circle-open"
PRECISION_WORDS = {
    "day": "known to the day",
    "week": "known to the week",
    "month": "known to the month",
    "season": "known to the season",
    "year": "known to the year",
    "span": "somewhere in this span",
}


def span_end_exclusive(period_end: pd.Timestamp) -> pd.Timestamp:
    """The end of a period's last day: a span's bar covers that whole day."""
    return period_end + ONE_DAY


def _row_label(statement: str) -> str:
    return textwrap.shorten(statement, TIMELINE_LABEL_WIDTH, placeholder="…")


def _event_hover(fact: _Fact) -> str:
    when = escape(fact.period_label, quote=False)
    if fact.dated_by == "seed" and fact.date_precision in PRECISION_WORDS:
        when += f" ({PRECISION_WORDS[fact.date_precision]})"
    lines = [
        f"<b>{_wrap(fact.statement, HOVER_WRAP)}</b>",
        f"When: {when}",
        f"Status: {fact.status}",
        f"Partnership: {escape(fact.partnership or 'none', quote=False)}",
        f"Topic: {fact.topic or 'none'}",
    ]
    if fact.value is not None or fact.wording:
        figure = fact.wording or format_number(fact.value or 0)
        lines.append(f"Figure: {escape(figure, quote=False)}{_unit(fact)} ({fact.exactness})")
    if fact.notes:
        lines.append(f"Note: {_wrap(fact.notes, HOVER_WRAP)}")
    lines.append(f"Fact: {fact.fact_id}")
    return "<br>".join(lines)


def _midpoint(fact: _Fact) -> pd.Timestamp:
    assert fact.period_start is not None and fact.period_end is not None
    if fact.period_start == fact.period_end:
        return fact.period_start
    return fact.period_start + (span_end_exclusive(fact.period_end) - fact.period_start) / 2


def _iso(moment: pd.Timestamp) -> str:
    return moment.isoformat()


def _is_undated(fact: _Fact) -> bool:
    return fact.dated_by != "seed"


def _marker_symbol(fact: _Fact) -> str:
    if _is_undated(fact):
        return UNDATED_SYMBOL
    return HAPPENED_SYMBOL if fact.settled else OPEN_STATUS_SYMBOL


def _span_bar(facts: Sequence[_Fact], hue: str, partnership: str, settled: bool) -> go.Bar:
    """Spans from the first to the end of the last day, x in milliseconds."""
    starts = [fact.period_start for fact in facts]
    ends = [fact.period_end for fact in facts]
    assert all(start is not None for start in starts) and all(end is not None for end in ends)
    durations = [
        (span_end_exclusive(end) - start) / pd.Timedelta(milliseconds=1)
        for start, end in zip(starts, ends, strict=True)
        if start is not None and end is not None
    ]
    if settled:
        marker = {"color": _rgba(hue, 0.55), "line": {"color": hue, "width": STATED_LINE_WIDTH}}
    else:
        marker = {
            "color": _rgba(hue, OPEN_STATUS_ALPHA),
            "line": {"color": hue, "width": OPEN_STATUS_LINE_WIDTH},
        }
    return go.Bar(
        base=[f"{start:%Y-%m-%d}" for start in starts],
        x=durations,
        y=[fact.fact_id for fact in facts],
        orientation="h",
        width=0.55,
        name=f"{partnership}: {'happened' if settled else 'announced or planned'} (span)",
        legendgroup=partnership,
        showlegend=False,
        marker=marker,
        customdata=_customdata(facts, _event_hover),
        hovertemplate=HOVER_TEMPLATE,
    )


def _publication_window(facts: Sequence[_Fact], hue: str, partnership: str) -> go.Scatter:
    """Where an undated fact may have been reported: a dotted line, not a bar, because
    it is not how long the event lasted."""
    xs: list[str | None] = []
    ys: list[str | None] = []
    custom: list[list[str] | None] = []
    for fact in facts:
        assert fact.period_start is not None and fact.period_end is not None
        row = [fact.fact_id, _event_hover(fact)]
        xs += [_iso(fact.period_start), _iso(span_end_exclusive(fact.period_end)), None]
        ys += [fact.fact_id, fact.fact_id, None]
        custom += [row, row, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": hue, "width": 2, "dash": "dot"},
        name=f"{partnership}: publication window of undated facts",
        legendgroup=partnership,
        showlegend=False,
        customdata=custom,
        hoverinfo="skip",
    )


def _event_markers(facts: Sequence[_Fact], hue: str, partnership: str, symbol: str) -> go.Scatter:
    return go.Scatter(
        x=[_iso(_midpoint(fact)) for fact in facts],
        y=[fact.fact_id for fact in facts],
        mode="markers",
        name=f"{partnership}: {symbol}",
        legendgroup=partnership,
        showlegend=False,
        marker={
            "symbol": symbol,
            "size": 13 if symbol == UNDATED_SYMBOL else 11,
            "color": hue,
            "line": {"color": hue, "width": 2},
        },
        customdata=_customdata(facts, _event_hover),
        hovertemplate=HOVER_TEMPLATE,
    )


def _legend_key(name: str, *, group: str, symbol: str, colour: str, title: str = "") -> go.Scatter:
    """A legend entry with no data: it explains a colour or a shape."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=name,
        legendgroup=group,
        legendgrouptitle={"text": title} if title else None,
        showlegend=True,
        marker={
            "symbol": symbol,
            "size": 11,
            "color": colour,
            "line": {"color": colour, "width": 2},
        },
        hoverinfo="skip",
    )


def timeline(events: pd.DataFrame, *, partnerships: Sequence[str] | None = None) -> Chart:
    """One row per event: a day is a marker, anything longer a bar from its first to
    its last day with a marker at its middle; undated facts an open diamond at their
    article's publication. Colour is the partnership; open shapes are not (yet) done.

    ``partnerships`` (all of them, not only those shown) keeps each partnership's
    colour the same when the events are filtered.
    """
    key, title = "timeline", "Timeline of events"
    facts = _facts(events)
    drawn = [
        fact for fact in facts if fact.period_start is not None and fact.period_end is not None
    ]
    if not drawn:
        return _empty(
            key=key,
            title=title,
            subtitle="Agreements, meetings, operations and other events, by date",
            message="No events in the current selection.",
            rows=events,
            columns=TIMELINE_COLUMNS,
        )
    names = list(partnerships) if partnerships else []
    names += sorted({fact.partnership or "" for fact in drawn} - set(names))
    hues = {name: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, name in enumerate(names)}

    traces: list[go.Bar | go.Scatter] = []
    for group in _grouped(drawn, lambda fact: fact.partnership or ""):
        partnership = group[0].partnership or ""
        hue = hues[partnership]
        dated_spans = [f for f in group if not _is_undated(f) and f.period_start != f.period_end]
        for settled in (True, False):
            spans = [fact for fact in dated_spans if fact.settled is settled]
            if spans:
                traces.append(_span_bar(spans, hue, partnership, settled))
        windows = [f for f in group if _is_undated(f) and f.period_start != f.period_end]
        if windows:
            traces.append(_publication_window(windows, hue, partnership))
        for symbol in (HAPPENED_SYMBOL, OPEN_STATUS_SYMBOL, UNDATED_SYMBOL):
            marked = [fact for fact in group if _marker_symbol(fact) == symbol]
            if marked:
                traces.append(_event_markers(marked, hue, partnership, symbol))
    keys = [
        _legend_key(
            name,
            group=name,
            symbol="square",
            colour=hues[name],
            title="Partnership" if i == 0 else "",
        )
        for i, name in enumerate(names)
        if any(fact.partnership == name for fact in drawn)
    ]
    encodings = (
        ("happened (filled)", HAPPENED_SYMBOL),
        ("announced or planned (open, light bar)", OPEN_STATUS_SYMBOL),
        ("not dated: placed at the article's publication", UNDATED_SYMBOL),
    )
    keys += [
        _legend_key(
            label,
            group="how-to-read",
            symbol=symbol,
            colour=NEUTRAL,
            title="How to read" if i == 0 else "",
        )
        for i, (label, symbol) in enumerate(encodings)
    ]
    figure = go.Figure([*traces, *keys])
    ids = [fact.fact_id for fact in drawn]
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=ids,
        tickmode="array",
        tickvals=ids,
        ticktext=[escape(_row_label(fact.statement), quote=False) for fact in drawn],
        autorange="reversed",
        automargin=True,
    )
    figure.update_xaxes(type="date", showgrid=True)
    figure.update_layout(barmode="overlay", legend={"groupclick": "togglegroup"})
    first = min(fact.period_start for fact in drawn if fact.period_start is not None)
    last = max(fact.period_end for fact in drawn if fact.period_end is not None)
    span_words = f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
    subtitle = f"{len(drawn)} events, {span_words}; hover or select a point for its source"
    notes = [
        "A bar runs from the first to the last day a date can mean: a season or a year "
        "is a span, not a day; the marker on it is its middle, not the date.",
    ]
    if any(_is_undated(fact) for fact in drawn):
        notes.append(
            "Open diamonds: the source gives no date, so the fact is placed at its article's "
            "publication; a dotted line shows an article's publication window."
        )
    return _assemble(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=figure,
        frame=events,
        drawn=drawn,
        columns=TIMELINE_COLUMNS,
        notes=notes,
        described=(f"{fact.statement} — {fact.period_label}, {fact.status}" for fact in drawn),
        height=300 + 30 * len(drawn),
        top=200,
    )
