"""Plotly figure builders for the chart kinds of the views (pure: no Streamlit here).

Three kinds, each drawing whatever facts its view selects (see dashboard/views):
``figures`` (bars by period or by measure), ``one_day_counts`` (each day its own
group, one panel per unit) and ``timeline`` (every event by date).

The encoding is the point: an exact stated figure is a solid bar; an approximate one
is hatched and labelled with the source's own words; a figure we derived is a hollow
bar labelled "derived"; a bound is a limit marker with an arrow, never a bar of
invented height; planned or announced things are drawn lighter. Every drawn point
carries its fact id as the first element of ``customdata`` so that a selection maps
back to its fact, and ``Chart.data`` is exactly the rows drawn, with provenance.

Every string handed to Plotly goes through ``plotly_text``: Plotly renders a subset of
HTML in text, and data text must show as typed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from dashboard import exports, words
from dashboard.facts.dates import DateError, parse_period
from dashboard.facts.vocabulary import UnitEntry
from dashboard.views.model import ChartView, FiguresChart, OneDayChart, TimelineChart

# Okabe-Ito, without its yellow (unreadable on white).
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
VERMILLION = "#D55E00"
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)
# Legend keys that explain a shape, not a series, and lines that belong to no
# partnership: mid grey reads on light and dark themes.
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
SPAN_ALPHA = 0.55  # fill of a timeline span that happened

HAPPENED = "happened"
HOVER_TEMPLATE = "%{customdata[1]}<extra></extra>"
# Text laid out for a phone (a 390 px screen leaves a chart about 358 px): Plotly does
# not wrap, so every line is wrapped to what fits there, and given its pixels.
PAPER = "#FFFFFF"
INK = "#1F2328"  # 15.8:1 on white
INK_SOFT = "#4B5563"  # 7.6:1 on white
GRID = "#E1E4E8"
TITLE_SIZE, TITLE_LINE, TITLE_WRAP = 16, 21, 34
SUBTITLE_SIZE, SUBTITLE_LINE, SUBTITLE_WRAP = 12, 16, 48
SMALL_SIZE, SMALL_LINE, SMALL_WRAP = 11, 15, 54  # legend, source and notes
LEGEND_LINE, LEGEND_ENTRY_PAD, LEGEND_TITLE, LEGEND_GROUP_GAP, LEGEND_PAD = 15, 5, 20, 8, 12
LEGEND_WRAP = 46
AXIS_SIZE = 12
AXIS_TITLE_ROOM = 24
CHARACTER_WIDTH = 0.56  # an average character's width, in font sizes (Arial-like)
PHONE_CHART_WIDTH = 358
MARGIN_RIGHT = 24
TOOLBAR_ROOM = 34  # the title starts under Plotly's toolbar, never under its buttons
HOVER_WRAP = 60
CATEGORY_WRAP = 26
CATEGORY_WRAP_BESIDE = 16  # a category beside horizontal bars: the bars keep the width
BAR_LABEL_WRAP = 16
PANEL_SPACING = 0.12  # between panels, of the plot's height: room for the axis labels
DAY_WRAP = 20  # a day's label, under a bar in a panel a third of the chart wide
ONE_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Chart:
    """A figure with everything a page needs to show, explain and export it."""

    key: str  # the view's chart id: widget keys, link parameters, CSV file names
    title: str
    subtitle: str  # units and period
    source: str  # "Source: <seed label> (seeds/<file>)", joined with "; "
    notes: tuple[str, ...]  # caveats; also written under the plot
    alt: str  # what is drawn, with the numbers and their exactness, in words
    figure: go.Figure
    data: pd.DataFrame  # exactly the data drawn, with provenance columns
    empty_message: str | None = None


@dataclass(frozen=True)
class ChartContext:
    """What a chart needs besides its facts: fixed colours and the vocabularies."""

    colours: Mapping[str, str] = field(default_factory=dict)  # partnership -> colour
    units: words.Units = field(default_factory=dict)
    topics: Mapping[str, str] = field(default_factory=dict)  # topic -> label

    def colour(self, partnership: str | None) -> str:
        return self.colours.get(partnership or "", NEUTRAL)

    def unit(self, name: str | None) -> UnitEntry | None:
        return words.unit_entry(name, self.units)


def partnership_colours(partnerships: Sequence[str]) -> dict[str, str]:
    """A colour per partnership by its place in the register (first appearance), so
    that adding one never changes another's colour, and filtering never does."""
    return {name: SERIES_COLOURS[i % len(SERIES_COLOURS)] for i, name in enumerate(partnerships)}


def plotly_text(text: str) -> str:
    """Data text for Plotly: its HTML subset and LaTeX ($...$) shown as typed."""
    return escape(text, quote=False).replace("$", "&#36;")


def _wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, break_on_hyphens=False)  # keep fact ids whole
    return "<br>".join(plotly_text(line) for line in lines)


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
    inputs_wording: str | None
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
            inputs_wording=_text(row, "inputs_wording"),
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

    @property
    def dated(self) -> bool:
        return self.dated_by == "seed"

    @property
    def short_period(self) -> str:
        """'2023' for a year, '2024 to 26 October' for a year to date, else the label."""
        return words.short_period(
            self.period_start,
            self.period_end,
            self.date_precision,
            self.period_label,
            dated=self.dated,
        )


def _facts(frame: pd.DataFrame) -> list[_Fact]:
    return [_Fact.from_row(row) for row in frame.to_dict(orient="records")]


# ---------------------------------------------------------------------------
# Words on the figure (numbers, bounds and periods are worded by dashboard.words)


def _bar_label(fact: _Fact, unit: UnitEntry | None) -> str:
    """The words on a bar: the figure, the source's wording, or 'derived'."""
    assert fact.value is not None  # only bars are labelled this way
    number = words.with_symbol(fact.value, unit)
    if fact.derived:
        label = f"derived: about {number}" if fact.approximate else f"derived: {number}"
    elif fact.approximate:
        label = fact.wording or f"about {number}"
    else:
        label = number
    return _wrap(label + ("" if fact.settled else f" ({fact.status})"), BAR_LABEL_WRAP)


def _limit_label(fact: _Fact, unit: UnitEntry | None) -> str:
    wording = f"<br>“{_wrap(fact.wording, BAR_LABEL_WRAP)}”" if fact.wording else ""
    return plotly_text(words.limit(fact.lower, fact.upper, unit)) + wording


def _value_line(fact: _Fact, unit: UnitEntry | None) -> str:
    if fact.value is not None:
        line = f"Value: {plotly_text(words.quantity(fact.value, unit))}"
        if fact.approximate and fact.wording and not fact.derived:
            line += f" (the source says “{plotly_text(fact.wording)}”)"
        return line
    if fact.is_bound:
        said = f"it says “{plotly_text(fact.wording)}”" if fact.wording else "a limit"
        limit = words.limit(fact.lower, fact.upper, unit)
        label = f" {unit.label}" if unit and not (unit.prefix or unit.suffix) else ""
        return (
            f"The source gives no figure, only {said}<br>"
            f"Drawn as a limit: {plotly_text(limit + label)}"
        )
    return "The source gives no figure"


def _hover(fact: _Fact, context: ChartContext) -> str:
    """Everything a reader needs to quote the point, fact id last."""
    exactness = fact.exactness or "not a figure"
    lines = [
        f"<b>{_wrap(fact.statement, HOVER_WRAP)}</b>",
        _value_line(fact, context.unit(fact.unit)),
        f"Period: {plotly_text(fact.period_label)}",
        f"Partnership: {plotly_text(fact.partnership or 'none')}",
        f"Exactness: {plotly_text(exactness)}"
        + (", derived by us (not stated)" if fact.derived else ""),
        f"Status: {plotly_text(fact.status)}",
    ]
    if fact.derived:
        result = f" = {words.number(fact.value)}" if fact.value is not None else ""
        lines.append(f"Formula: {plotly_text(fact.formula or 'not recorded')}{result}")
        lines.append(f"Derived from: {plotly_text(fact.derived_from or 'not recorded')}")
    if fact.notes:
        lines.append(f"Note: {_wrap(fact.notes, HOVER_WRAP)}")
    lines.append(f"Fact: {plotly_text(fact.fact_id)}")
    return "<br>".join(lines)


def _customdata(facts: Iterable[_Fact], hover: Callable[[_Fact], str]) -> list[list[str]]:
    # The fact id first: the page maps a selected point back to its fact with it.
    return [[fact.fact_id, hover(fact)] for fact in facts]


def _source_line(facts: Sequence[_Fact]) -> str:
    seen: dict[str, str] = {}
    for fact in facts:
        seen.setdefault(fact.seed, fact.seed_label or fact.seed)
    return "; ".join(f"Source: {label} (seeds/{seed})" for seed, label in seen.items())


def _publication_words(published: str | None) -> str:
    """'the article of 26 October 2024', or '... published between ... and ...'."""
    if published is None:
        return "the article"
    try:
        period = parse_period(published)
    except DateError:
        return f"the article published {published}"
    if period.start == period.end:
        return f"the article of {words.day(period.start)}"
    return f"the article published {words.publication(period.start, period.end)}"


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
        described = ["derived by us" if self.derived else "stated"]
        if self.approximate:
            described.append("approximate")
        if not self.settled:
            described.append(self.status)
        return ", ".join(described)

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
# Bars and limits, in panels: one panel per unit, so units never share an axis


@dataclass(frozen=True)
class _Encoding:
    """How a chart's figures are placed and coloured."""

    category: Callable[[_Fact], str]  # the bar's place on the category axis
    series: Callable[[_Fact], str]  # the legend's name for it ("" for one series)
    hue: Callable[[_Fact], str]
    horizontal: bool = False


# Of each category's width, what its bars share; the rest is the gap between categories.
CATEGORY_FILL = 0.8


@dataclass(frozen=True)
class _Slots:
    """Where each figure stands: categories at 0, 1, 2, ... on the category axis, and
    the figures of one category side by side in it, each in a slot of its own (never
    stacked, never one over the other), whatever their series or style. Positions
    instead of Plotly's offset groups keep one trace per series and style however many
    sources share a category."""

    centre: Mapping[str, float]  # fact id -> position
    width: Mapping[str, float]  # fact id -> bar width

    @classmethod
    def of(cls, facts: Sequence[_Fact], categories: Sequence[str], encoding: _Encoding) -> _Slots:
        index = {category: number for number, category in enumerate(categories)}
        centre: dict[str, float] = {}
        width: dict[str, float] = {}
        for category, members in _by_key(facts, encoding.category).items():
            share = CATEGORY_FILL / len(members)
            for slot, fact in enumerate(members):
                centre[fact.fact_id] = index[category] - CATEGORY_FILL / 2 + share * (slot + 0.5)
                width[fact.fact_id] = share
        return cls(centre, width)


def _bar_trace(
    facts: Sequence[_Fact],
    encoding: _Encoding,
    context: ChartContext,
    name: str,
    slots: _Slots,
) -> go.Bar:
    first = facts[0]
    hue = encoding.hue(first)
    positions = [slots.centre[fact.fact_id] for fact in facts]
    values = [fact.value for fact in facts]
    return go.Bar(
        x=values if encoding.horizontal else positions,
        y=positions if encoding.horizontal else values,
        width=[slots.width[fact.fact_id] for fact in facts],
        orientation="h" if encoding.horizontal else "v",
        name=name,
        legendgroup=name,
        marker=_Style.of(first).bar_marker(hue),
        text=[_bar_label(fact, context.unit(fact.unit)) for fact in facts],
        textposition="outside",
        cliponaxis=False,
        customdata=_customdata(facts, lambda fact: _hover(fact, context)),
        hovertemplate=HOVER_TEMPLATE,
    )


def _limit_trace(
    facts: Sequence[_Fact],
    encoding: _Encoding,
    context: ChartContext,
    name: str,
    slots: _Slots,
) -> go.Scatter:
    """A bound: a flat line marker exactly at each limit, with "↑ at least ..." and
    the source's wording written beside it. Never a bar: the source gives no figure."""
    hue = encoding.hue(facts[0])
    positions: list[float] = []
    limits: list[float] = []
    labels: list[str] = []
    drawn: list[_Fact] = []
    above, below = ("→", "←") if encoding.horizontal else ("↑", "↓")
    for fact in facts:
        for limit, arrow in ((fact.lower, above), (fact.upper, below)):
            if limit is None:
                continue
            positions.append(slots.centre[fact.fact_id])
            limits.append(limit)
            label = _limit_label(fact, context.unit(fact.unit))
            labels.append(f"{arrow} {label}" if fact not in drawn else arrow)
            drawn.append(fact)
    return go.Scatter(
        x=limits if encoding.horizontal else positions,
        y=positions if encoding.horizontal else limits,
        mode="markers+text",
        name=name,
        legendgroup=name,
        marker={
            "symbol": LIMIT_SYMBOL_HORIZONTAL if encoding.horizontal else LIMIT_SYMBOL,
            "size": 48,
            "color": hue,
            "line": {"color": hue, "width": 4},
        },
        text=labels,
        textposition="middle right" if encoding.horizontal else "top center",
        cliponaxis=False,
        customdata=_customdata(drawn, lambda fact: _hover(fact, context)),
        hovertemplate=HOVER_TEMPLATE,
    )


def _value_traces(
    facts: Sequence[_Fact],
    encoding: _Encoding,
    context: ChartContext,
    slots: _Slots,
    named: set[str],
) -> list[go.Bar | go.Scatter]:
    """Bars and limit markers, one trace per series and style, so that the legend
    names each encoding once."""
    traces: list[go.Bar | go.Scatter] = []
    groups = _grouped(
        facts, lambda f: (encoding.series(f), _Style.of(f), f.is_bound, encoding.hue(f))
    )
    for group in groups:
        first = group[0]
        series = encoding.series(first)
        prefix = f"{series}: " if series else ""
        if first.is_bound:
            name = words.capital(f"{prefix}no figure given, only a limit")
            trace: go.Bar | go.Scatter = _limit_trace(
                group, encoding, context, _wrap(name, LEGEND_WRAP), slots
            )
        else:
            name = words.capital(prefix + _Style.of(first).describe())
            trace = _bar_trace(group, encoding, context, _wrap(name, LEGEND_WRAP), slots)
        trace.showlegend = name not in named  # one legend entry per name in the figure
        named.add(name)
        traces.append(trace)
    return traces


def _by_key(facts: Iterable[_Fact], key: Callable[[_Fact], str]) -> dict[str, list[_Fact]]:
    groups: dict[str, list[_Fact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return groups


def _text_pixels(text: str, size: int = SMALL_SIZE) -> int:
    """About how wide Plotly draws text (its widest line), for laying out margins."""
    widest = max((len(unescape(line)) for line in text.split("<br>")), default=0)
    return int(widest * size * CHARACTER_WIDTH) + 8


def _top_of_range(
    facts: Iterable[_Fact], labels: Mapping[str, str], beside: int | None = None
) -> float:
    """Room past the longest bar or limit for the labels written past them (a limit's
    label has the source's wording too, so more room). Beside horizontal bars the
    room is worked out for a phone's width, ``beside`` being the category labels'
    pixels: the label's pixels must fit between its bar's end and the plot's edge."""
    facts = list(facts)
    heights = [
        height
        for fact in facts
        for height in (fact.value, fact.lower, fact.upper)
        if height is not None
    ]
    headroom = 1.5 if any(fact.is_bound for fact in facts) else 1.25
    top = max(heights, default=1.0) * headroom
    if beside is None:
        return top
    plot = PHONE_CHART_WIDTH - beside - MARGIN_RIGHT
    for fact in facts:
        height = max(h for h in (fact.value, fact.lower, fact.upper) if h is not None)
        label = min(_text_pixels(labels[fact.fact_id]), plot // 2)
        top = max(top, height * plot / (plot - label))
    return top


def _panels(
    drawn: Sequence[_Fact],
    encoding: _Encoding,
    context: ChartContext,
    categories: Sequence[str],
) -> go.Figure:
    """One panel per unit (never two units on one axis), side by side for vertical
    bars and one above the other for horizontal ones; each panel's axis reaches past
    its tallest figure and label."""
    units = list(dict.fromkeys(fact.unit for fact in drawn))
    panels = [[fact for fact in drawn if fact.unit == unit] for unit in units]
    if len(panels) == 1:
        figure = go.Figure()
    else:
        # One above the other, whichever way the bars run: side by side, a phone's
        # width would leave each panel too narrow for its labels. Each panel's value
        # axis is titled with its unit (no subplot titles: they would sit where the
        # legend is).
        figure = make_subplots(rows=len(panels), cols=1, vertical_spacing=PANEL_SPACING)
    named: set[str] = set()
    labels = {
        fact.fact_id: (
            _bar_label(fact, context.unit(fact.unit))
            if fact.value is not None
            else _limit_label(fact, context.unit(fact.unit))
        )
        for fact in drawn
    }
    beside = _category_pixels(categories) if encoding.horizontal else None
    for number, panel in enumerate(panels, start=1):
        place = {} if len(panels) == 1 else {"row": number, "col": 1}
        in_panel = {encoding.category(fact) for fact in panel}
        shown = [category for category in categories if category in in_panel]
        slots = _Slots.of(panel, shown, encoding)
        for trace in _value_traces(panel, encoding, context, slots, named):
            figure.add_trace(trace, **place)
        ends = [-0.5, len(shown) - 0.5]
        category_axis = {
            "type": "linear",
            "tickmode": "array",
            "tickvals": list(range(len(shown))),
            "ticktext": shown,
            "range": ends[::-1] if encoding.horizontal else ends,  # the first on top
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "tickangle": 0,  # labels wrap on their own lines; rotated, they overrun the notes
        }
        value_axis = {
            "title": plotly_text(_unit_label(units[number - 1], context)),
            "rangemode": "tozero",
            "range": [0, _top_of_range(panel, labels, beside)],
            "tickformat": ",",
        }
        if encoding.horizontal:
            figure.update_yaxes(**category_axis, **place)
            figure.update_xaxes(**value_axis, **place)
        else:
            figure.update_xaxes(**category_axis, **place)
            figure.update_yaxes(**value_axis, **place)
    # Positions and widths are the slots': no offsets of Plotly's own.
    figure.update_layout(barmode="overlay")
    return figure


def _stacked_height(panels: int) -> int:
    """A vertical chart's height: 460 for one panel, 280 more for each further one."""
    return 180 + 280 * panels


def _category_pixels(categories: Sequence[str]) -> int:
    return max((_text_pixels(category, AXIS_SIZE) for category in categories), default=0) + 6


def _unit_label(unit: str | None, context: ChartContext) -> str:
    entry = context.unit(unit)
    return entry.label if entry is not None else "no unit"


# ---------------------------------------------------------------------------
# Layout


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def _left_margin(figure: go.Figure) -> int:
    """Room left of the plot for the widest left axis: its tick labels and title."""
    left = 16
    for name in dir(figure.layout):
        axis = figure.layout[name] if name.startswith("yaxis") else None
        if axis is None or axis.showticklabels is False or axis.side == "right":
            continue
        if axis.ticktext:
            ticks = max(_text_pixels(text, AXIS_SIZE) for text in axis.ticktext)
        else:
            top = axis.range[1] if axis.range else 0
            ticks = _text_pixels(words.number(top) + "0", AXIS_SIZE)
        title = AXIS_TITLE_ROOM if axis.title and axis.title.text else 0
        left = max(left, ticks + title + 8)
    return left


def _legend_height(figure: go.Figure) -> int:
    """Pixels the legend needs below the plot: one entry a line (or more, wrapped),
    each group under its title."""
    height, groups = 0, set()
    for trace in figure.data:
        if trace.showlegend is False or not trace.name:
            continue
        height += LEGEND_LINE * _lines(trace.name) + LEGEND_ENTRY_PAD
        group = trace.legendgroup or trace.name
        if group not in groups:
            groups.add(group)
            title = trace.legendgrouptitle.text if trace.legendgrouptitle else None
            height += LEGEND_TITLE if title else 0
    return height + LEGEND_GROUP_GAP * max(len(groups) - 1, 0) + LEGEND_PAD if height else 0


def _finish(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    notes: Sequence[str],
    height: int,
    footer_offset: int = 56,
    annotations: Sequence[dict[str, Any]] = (),
) -> None:
    """Laid out for a phone first, so that nothing is cut or overprinted at any width
    (Plotly does not wrap text): title and subtitle wrapped on top, below the
    toolbar's row; under the plot its axis labels, then the legend, one entry a line,
    then source and notes, each block given the pixels its lines need. White paper and
    dark text in either theme: a saved image reads on paper as on screen."""
    title_text = _wrap(title, TITLE_WRAP)
    subtitle_text = _wrap(subtitle, SUBTITLE_WRAP) if subtitle else ""
    footer = [
        line
        for text in (source, *notes)
        if text
        for line in textwrap.wrap(text, SMALL_WRAP, break_on_hyphens=False)
    ]
    top = (
        TOOLBAR_ROOM
        + TITLE_LINE * _lines(title_text) * 3 // 2
        + (SUBTITLE_LINE * _lines(subtitle_text) + 10 if subtitle_text else 0)
        + 14
    )
    left = _left_margin(figure)
    legend = _legend_height(figure)
    footer_height = SMALL_LINE * len(footer) + 12 if footer else 0
    bottom = footer_offset + legend + footer_height
    total = height - 130 + top + legend + footer_height
    figure.update_layout(
        template="plotly_white",
        title={
            "text": title_text,
            "subtitle": {
                "text": subtitle_text,
                "font": {"size": SUBTITLE_SIZE, "color": INK_SOFT},
            },
            "font": {"size": TITLE_SIZE, "color": INK},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            # Plotly centres a title of several lines on its first line's place.
            "pad": {"t": TOOLBAR_ROOM + (_lines(title_text) - 1) * TITLE_LINE // 2 + 2, "l": 4},
        },
        font={"color": INK, "size": 12},
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        height=total,
        margin={"l": left, "r": MARGIN_RIGHT, "t": top, "b": bottom},
        showlegend=legend > 0,
        legend={
            # Horizontal with every entry the full width: one entry a line, below the
            # plot (a vertical legend would take the plot's width beside it).
            "orientation": "h",
            "entrywidth": PHONE_CHART_WIDTH - 24,
            "entrywidthmode": "pixels",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": (footer_height + legend) / total,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": SMALL_SIZE, "color": INK},
            "tracegroupgap": LEGEND_GROUP_GAP,
            "bgcolor": PAPER,
        },
        hovermode="closest",
        separators=".,",
    )
    figure.update_xaxes(color=INK, gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID)
    figure.update_yaxes(color=INK, gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID)
    footer_note = {
        "text": "<br>".join(plotly_text(line) for line in footer),
        "name": "footer",
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "yshift": -(footer_offset + legend),
        "xshift": -(left - 4),  # from the figure's left edge, not the plot's
        "align": "left",
        "showarrow": False,
        "font": {"size": SMALL_SIZE, "color": INK},
    }
    # Every annotation set at once (each add_annotation checks all before it again).
    figure.update_layout(
        annotations=[
            *figure.layout.annotations,
            *annotations,
            *([footer_note] if footer else []),
        ]
    )


# The width a saved SVG is drawn at: a slide's or a page's column, wider than the phone
# the layout is made for, so nothing wraps more than on screen.
SVG_WIDTH = 800


def svg(figure: go.Figure) -> bytes:
    """The figure as an SVG image (white paper, its title, source and address), drawn by
    Plotly's own renderer through kaleido, which drives a headless Chromium."""
    height = int(figure.layout.height) if figure.layout.height else None
    return bytes(pio.to_image(figure, format="svg", width=SVG_WIDTH, height=height))


def with_address(chart: Chart, address: str) -> go.Figure:
    """The chart's figure with the dashboard's address as its last line, so that a
    saved image says where it comes from."""
    figure = go.Figure(chart.figure)
    line = plotly_text(f"From {address}")
    for annotation in figure.layout.annotations:
        if annotation.name == "footer":
            annotation.text = f"{annotation.text}<br>{line}"
            break
    else:
        figure.add_annotation(
            text=line,
            name="footer",
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-int(figure.layout.margin.b or 0) + 4,
            align="left",
            showarrow=False,
            font={"size": SMALL_SIZE, "color": INK},
        )
        return figure
    figure.update_layout(
        height=figure.layout.height + SMALL_LINE,
        margin={"b": figure.layout.margin.b + SMALL_LINE},
        legend={
            "y": (figure.layout.legend.y * figure.layout.height + SMALL_LINE)
            / (figure.layout.height + SMALL_LINE)
        },
    )
    return figure


def _empty(view: ChartView, message: str, rows: pd.DataFrame, columns: Sequence[str]) -> Chart:
    subtitle = view.subtitle or ""
    figure = go.Figure()
    figure.add_annotation(
        text=plotly_text(message),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14},
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    _finish(figure, title=view.title, subtitle=subtitle, source="", notes=(), height=320)
    return Chart(
        key=view.id,
        title=view.title,
        subtitle=subtitle,
        source="",
        notes=(),
        alt=f"{view.title}: {message}",
        figure=figure,
        data=exports.chart_frame(rows.iloc[0:0], columns),
        empty_message=message,
    )


def _undrawn_notes(facts: Iterable[_Fact]) -> list[str]:
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


def _describe_point(fact: _Fact, where: str, unit: UnitEntry | None) -> str:
    """One clause of alt text: where, the figure and how exact it is."""
    if fact.is_bound:
        wording = f" (“{fact.wording}”)" if fact.wording else ""
        limit = words.limit(fact.lower, fact.upper, unit)
        return (
            f"{where}: no figure given, only a limit, {limit}{wording}, "
            "drawn as an arrow marker, not a bar"
        )
    assert fact.value is not None
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
    return f"{where}: {words.quantity(fact.value, unit)} ({kind})"


def _derived_note(fact: _Fact, label: str) -> str:
    """Says that a figure is ours, with its formula and inputs."""
    note = (
        f"{label} is derived by us, not stated: {fact.formula} = "
        f"{words.number(fact.value or 0)} (from {fact.derived_from})"
    )
    if fact.approximate:
        note += (
            f"; approximate, because the source gives its input as {fact.inputs_wording}"
            if fact.inputs_wording
            else "; approximate, because an input is"
        )
    return note + "."


def _figure_notes(drawn: Sequence[_Fact], where: Callable[[_Fact], str]) -> list[str]:
    """What a reader must know to read the figures: bounds, derived, approximate, plans."""
    notes = [
        f"{where(fact)}: the source gives no figure, only “{fact.wording}”; drawn as a "
        f"limit ({words.limit(fact.lower, fact.upper)}), not a bar."
        for fact in drawn
        if fact.is_bound
    ]
    notes += [
        _derived_note(fact, where(fact))
        for fact in drawn
        if fact.derived and fact.value is not None
    ]
    approximate = [
        fact.wording for fact in drawn if fact.approximate and fact.wording and not fact.derived
    ]
    if approximate:
        notes.append(
            "Hatched bars are approximate, in the source's words: "
            + words.join(f"“{wording}”" for wording in approximate)
            + "."
        )
    unsettled = [fact for fact in drawn if not fact.settled]
    if unsettled:
        notes.append(
            f"{words.join(words.capital(fact.status) for fact in unsettled)}, not happened: "
            + "; ".join(fact.statement for fact in unsettled)
        )
    return notes


def _assemble(
    view: ChartView,
    *,
    subtitle: str,
    figure: go.Figure,
    frame: pd.DataFrame,
    drawn: Sequence[_Fact],
    columns: Sequence[str],
    notes: Sequence[str],
    described: Iterable[str],
    height: int,
    shape: str = "",
    footer_offset: int = 56,
    annotations: Sequence[dict[str, Any]] = (),
) -> Chart:
    """Finish the figure (title, source, notes) and describe it: the same for every chart."""
    source = _source_line(drawn)
    notes = [*view.notes, *notes]
    _finish(
        figure,
        title=view.title,
        subtitle=subtitle,
        source=source,
        notes=notes,
        height=height,
        footer_offset=footer_offset,
        annotations=annotations,
    )
    alt = f"{view.title}. {subtitle}. {shape}" + "; ".join(described) + "."
    return Chart(
        key=view.id,
        title=view.title,
        subtitle=subtitle,
        source=source,
        notes=tuple(notes),
        alt=alt,
        figure=figure,
        data=exports.chart_frame(_drawn_rows(frame, drawn), columns),
    )


def _series_key(
    view: ChartView, drawn: Sequence[_Fact], *, by_measure: bool
) -> Callable[[_Fact], str]:
    """The legend's name of a fact's series: its measure (unless there is one, or the
    categories already are the measures), and its partnership when the chart compares
    partnerships, so that they are told apart in the legend."""
    measures = list(dict.fromkeys(fact.measure or fact.fact_id for fact in drawn))

    def series(fact: _Fact) -> str:
        named = by_measure and len(measures) > 1
        measure = words.capital(fact.measure or fact.fact_id) if named else ""
        if not view.compare_partnerships:
            return measure
        partnership = fact.partnership or "no partnership"
        return f"{measure} ({partnership})" if measure else partnership

    return series


# ---------------------------------------------------------------------------
# Figures, by period or by measure

FIGURE_COLUMNS = (
    "period_label",
    "period_start",
    "period_end",
    "partnership",
    "measure",
    "value",
    "unit",
    "wording",
    "lower",
    "upper",
    "derived_from",
)


def _below_categories(categories: Sequence[str], horizontal: bool) -> int:
    """Room under the plot for the category labels, before the source and notes."""
    if horizontal:
        return 56
    lines = max((category.count("<br>") + 1 for category in categories), default=1)
    return 56 + 14 * (lines - 1)


def _memo(facts: Iterable[_Fact], word: Callable[[_Fact], str]) -> Callable[[_Fact], str]:
    """``word`` worked out once per fact."""
    worded = {fact.fact_id: word(fact) for fact in facts}
    return lambda fact: worded[fact.fact_id]


def _time_order(drawn: Sequence[_Fact], category: Callable[[_Fact], str]) -> list[str]:
    """Categories ordered by the earliest start, then end, of their facts."""
    firsts: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = {}
    for fact in drawn:
        start = fact.period_start or pd.Timestamp.max
        end = fact.period_end or pd.Timestamp.max
        key = category(fact)
        firsts[key] = min(firsts.get(key, (start, end)), (start, end))
    return sorted(firsts, key=lambda name: firsts[name])


def figures(view: FiguresChart, frame: pd.DataFrame, context: ChartContext) -> Chart:
    """Figures as bars. By period: one category per period in time order, figures of
    the same period side by side. By measure: one category per measure."""
    facts = _facts(frame)
    drawn = [fact for fact in facts if fact.drawable]
    if not drawn:
        return _empty(view, "No figures in the current selection.", frame, FIGURE_COLUMNS)
    by_period = view.group_by == "period"
    series = _series_key(view, drawn, by_measure=by_period)
    series_names = list(dict.fromkeys(series(fact) for fact in drawn))

    def hue(fact: _Fact) -> str:
        if view.compare_partnerships:
            return context.colour(fact.partnership)
        if by_period:
            return SERIES_COLOURS[series_names.index(series(fact)) % len(SERIES_COLOURS)]
        return BLUE if fact.settled else PURPLE  # by measure: what did not happen apart

    def by_measure(fact: _Fact) -> str:
        wrap = CATEGORY_WRAP_BESIDE if view.orientation == "horizontal" else CATEGORY_WRAP
        return _wrap(words.capital(fact.measure or fact.fact_id), wrap)

    def period(fact: _Fact) -> str:
        return plotly_text(fact.short_period)

    # Worded once per fact: the traces ask for each category several times.
    category = _memo(drawn, period if by_period else by_measure)
    categories = (
        _time_order(drawn, category)
        if by_period
        else list(dict.fromkeys(category(fact) for fact in drawn))
    )
    horizontal = view.orientation == "horizontal"
    encoding = _Encoding(category, series, hue, horizontal)
    figure = _panels(drawn, encoding, context, categories)

    several = len({fact.measure for fact in drawn}) > 1

    def where(fact: _Fact) -> str:
        what = words.capital(fact.measure or fact.fact_id)
        if not by_period:
            return what
        return f"{what}, {fact.short_period}" if several else words.capital(fact.short_period)

    if by_period:
        periods = words.join(fact.short_period for fact in _sorted_in_time(drawn))
        measures = words.join(words.capital(fact.measure or "") for fact in drawn)
        subtitle = f"{measures}, {periods}"
    else:
        periods = words.join(words.between(f.period_label, f.date_precision) for f in drawn)
        phrases = words.join(f"“{f.relative_phrase}”" for f in drawn if f.relative_phrase)
        unit_words = words.capital(words.join(_unit_label(f.unit, context) for f in drawn))
        subtitle = (
            f"{unit_words}, on one day ({phrases} in the source), {periods}"
            if phrases and all(f.relative_phrase for f in drawn)
            else f"{unit_words}, {periods}"
        )
    part_years = [
        str(fact.period_start.year)
        for fact in drawn
        if fact.period_start is not None
        and words.is_part_year(fact.period_start, fact.period_end, fact.date_precision)
    ]
    reported = words.join(_publication_words(fact.seed_published) for fact in drawn)
    first_note = f"Figures as reported in {reported}"
    if part_years:
        verb = "is a part-year total" if len(set(part_years)) == 1 else "are part-year totals"
        first_note += f"; {words.join(part_years)} {verb}"
    notes = [first_note + ".", *_figure_notes(drawn, where), *_undrawn_notes(facts)]
    panels = len({fact.unit for fact in drawn})
    height = (
        max(360, 160 + 90 * len(categories)) * panels if horizontal else _stacked_height(panels)
    )
    shape = "Horizontal bars. " if horizontal else ""
    if panels > 1:
        shape += f"{panels} panels, one per unit. "
    return _assemble(
        view,
        subtitle=view.subtitle or subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=FIGURE_COLUMNS,
        notes=notes,
        described=(_describe_point(f, where(f), context.unit(f.unit)) for f in drawn),
        height=height,
        shape=shape,
        footer_offset=_below_categories(categories, horizontal),
    )


def _sorted_in_time(facts: Iterable[_Fact]) -> list[_Fact]:
    return sorted(
        facts, key=lambda f: (f.period_start or pd.Timestamp.max, f.period_end or pd.Timestamp.max)
    )


# ---------------------------------------------------------------------------
# Counts on one day

ONE_DAY_COLUMNS = (
    "period_label",
    "period_start",
    "period_end",
    "partnership",
    "measure",
    "value",
    "unit",
    "derived_from",
)


def _day_label(fact: _Fact, partnership: bool) -> str:
    """A day in words: the date, or the span the source allows when it names no day;
    with its partnership when the chart sets several side by side."""
    label = fact.period_label
    if fact.date_precision != "day":
        label = f"one day in {label}"
    if partnership and fact.partnership:
        label += f" ({fact.partnership})"
    return label


def one_day_counts(view: OneDayChart, frame: pd.DataFrame, context: ChartContext) -> Chart:
    """Counts on single days: each day its own group with its date, one panel per unit
    (two counts in different units never share an axis, nor counts and ratios)."""
    facts = _facts(frame)
    drawn = _sorted_in_time(fact for fact in facts if fact.drawable)
    if not drawn:
        return _empty(view, "No one-day counts in the current selection.", frame, ONE_DAY_COLUMNS)
    # A day is one source's one period: two sources' counts are two days.
    days = _grouped(drawn, lambda fact: (fact.seed, fact.period_start, fact.period_end))
    labels: dict[tuple[str, pd.Timestamp | None, pd.Timestamp | None], str] = {}
    several = view.compare_partnerships and len({fact.partnership for fact in drawn}) > 1
    for group in days:
        first = group[0]
        label = _day_label(first, several)
        while label in labels.values():  # two days the sources describe alike
            label += " "
        labels[(first.seed, first.period_start, first.period_end)] = label

    def day(fact: _Fact) -> str:
        label = labels[(fact.seed, fact.period_start, fact.period_end)]
        return _wrap(words.capital(label), DAY_WRAP)

    category = _memo(drawn, day)

    def hue(fact: _Fact) -> str:
        return context.colour(fact.partnership) if view.compare_partnerships else BLUE

    # Each panel is one unit and each category one day: a series is a partnership.
    series = _series_key(view, drawn, by_measure=False)
    categories = list(dict.fromkeys(category(fact) for fact in drawn))
    encoding = _Encoding(category, series, hue)
    figure = _panels(drawn, encoding, context, categories)

    def where(fact: _Fact) -> str:
        unit = words.capital(_unit_label(fact.unit, context))
        return f"{unit}, {labels[(fact.seed, fact.period_start, fact.period_end)].strip()}"

    units = words.capital(words.join(_unit_label(fact.unit, context) for fact in drawn))
    subtitle = f"{units} on one day: " + words.join(label.strip() for label in labels.values())
    notes = []
    unnamed = [group[0] for group in days if group[0].date_precision != "day"]
    if unnamed:
        notes.append(
            "The source does not name the day, known only to be in "
            + words.join(fact.period_label for fact in unnamed)
            + "."
        )
    notes += [*_figure_notes(drawn, where), *_undrawn_notes(facts)]
    panels = len({fact.unit for fact in drawn})
    return _assemble(
        view,
        subtitle=view.subtitle or subtitle,
        figure=figure,
        frame=frame,
        drawn=drawn,
        columns=ONE_DAY_COLUMNS,
        notes=notes,
        described=(_describe_point(f, where(f), context.unit(f.unit)) for f in drawn),
        height=_stacked_height(panels),
        shape=f"{panels} panels, one per unit, each day its own group. " if panels > 1 else "",
        footer_offset=_below_categories(categories, horizontal=False),
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
TIMELINE_LABEL_WRAP = 52  # an event's statement, in full, above its row
TIMELINE_LABEL_LINE = 14
TIMELINE_ROW_GAP = 30  # pixels of each row besides its label: the marker and a gap
TIMELINE_BAR_PIXELS = 12
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
    """The whole statement, wrapped: written above its row across the plot's width,
    so that the dates keep the width (a label beside the axis would take it)."""
    return _wrap(statement, TIMELINE_LABEL_WRAP)


def _event_hover(fact: _Fact, context: ChartContext) -> str:
    when = plotly_text(fact.period_label)
    if fact.dated and fact.date_precision in PRECISION_WORDS:
        when += f" ({PRECISION_WORDS[fact.date_precision]})"
    topic = context.topics.get(fact.topic or "", fact.topic or "none")
    lines = [
        f"<b>{_wrap(fact.statement, HOVER_WRAP)}</b>",
        f"When: {when}",
        f"Status: {plotly_text(fact.status)}",
        f"Partnership: {plotly_text(fact.partnership or 'none')}",
        f"Topic: {plotly_text(topic)}",
    ]
    if fact.value is not None or fact.wording or fact.is_bound:
        unit = context.unit(fact.unit)
        if fact.is_bound:
            figure = words.limit(fact.lower, fact.upper, unit)
        else:
            figure = fact.wording or words.with_symbol(fact.value or 0, unit)
        label = f" {unit.label}" if unit and not (unit.prefix or unit.suffix) else ""
        lines.append(f"Figure: {plotly_text(figure + label)} ({plotly_text(fact.exactness or '')})")
    if fact.notes:
        lines.append(f"Note: {_wrap(fact.notes, HOVER_WRAP)}")
    lines.append(f"Fact: {plotly_text(fact.fact_id)}")
    return "<br>".join(lines)


def _midpoint(fact: _Fact) -> pd.Timestamp:
    assert fact.period_start is not None and fact.period_end is not None
    if fact.period_start == fact.period_end:
        return fact.period_start
    return fact.period_start + (span_end_exclusive(fact.period_end) - fact.period_start) / 2


def _marker_symbol(fact: _Fact) -> str:
    if not fact.dated:
        return UNDATED_SYMBOL
    return HAPPENED_SYMBOL if fact.settled else OPEN_STATUS_SYMBOL


def _spans(facts: Sequence[_Fact], context: ChartContext, width: float) -> go.Bar:
    """Every dated span in one trace, from its first to the end of its last day (x in
    milliseconds), coloured point by point: light when planned or announced."""
    durations = []
    fills, lines, widths = [], [], []
    for fact in facts:
        assert fact.period_start is not None and fact.period_end is not None
        span = span_end_exclusive(fact.period_end) - fact.period_start
        durations.append(span / pd.Timedelta(milliseconds=1))
        hue = context.colour(fact.partnership)
        fills.append(_rgba(hue, SPAN_ALPHA if fact.settled else OPEN_STATUS_ALPHA))
        lines.append(hue)
        widths.append(STATED_LINE_WIDTH if fact.settled else OPEN_STATUS_LINE_WIDTH)
    return go.Bar(
        base=[f"{fact.period_start:%Y-%m-%d}" for fact in facts],
        x=durations,
        y=[fact.fact_id for fact in facts],
        orientation="h",
        width=width,
        name="spans",
        showlegend=False,
        marker={"color": fills, "line": {"color": lines, "width": widths}},
        customdata=_customdata(facts, lambda fact: _event_hover(fact, context)),
        hovertemplate=HOVER_TEMPLATE,
    )


def _publication_windows(facts: Sequence[_Fact], context: ChartContext) -> go.Scatter:
    """Where undated facts may have been reported: dotted lines, not bars, because a
    window is not how long the event lasted."""
    xs: list[str | None] = []
    ys: list[str | None] = []
    custom: list[list[str] | None] = []
    for fact in facts:
        assert fact.period_start is not None and fact.period_end is not None
        row = [fact.fact_id, _event_hover(fact, context)]
        xs += [fact.period_start.isoformat(), span_end_exclusive(fact.period_end).isoformat(), None]
        ys += [fact.fact_id, fact.fact_id, None]
        custom += [row, row, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": NEUTRAL, "width": 2, "dash": "dot"},
        name="publication windows",
        showlegend=False,
        customdata=custom,
        hoverinfo="skip",
    )


def _event_markers(facts: Sequence[_Fact], context: ChartContext) -> go.Scatter:
    """One marker per event in one trace: colour by partnership, shape by status."""
    symbols = [_marker_symbol(fact) for fact in facts]
    colours = [context.colour(fact.partnership) for fact in facts]
    return go.Scatter(
        x=[_midpoint(fact).isoformat() for fact in facts],
        y=[fact.fact_id for fact in facts],
        mode="markers",
        name="events",
        showlegend=False,
        marker={
            "symbol": symbols,
            "size": [13 if symbol == UNDATED_SYMBOL else 11 for symbol in symbols],
            "color": colours,
            "line": {"color": colours, "width": 2},
        },
        customdata=_customdata(facts, lambda fact: _event_hover(fact, context)),
        hovertemplate=HOVER_TEMPLATE,
    )


def _legend_key(name: str, *, symbol: str, colour: str, group: str, title: str = "") -> go.Scatter:
    """A legend entry with no data: it explains a colour or a shape."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=_wrap(name, LEGEND_WRAP),
        legendgrouptitle={"text": plotly_text(title)} if title else None,
        legendgroup=group,
        showlegend=True,
        marker={
            "symbol": symbol,
            "size": 11,
            "color": colour,
            "line": {"color": colour, "width": 2},
        },
        hoverinfo="skip",
    )


def timeline(view: TimelineChart, events: pd.DataFrame, context: ChartContext) -> Chart:
    """One row per event: a day is a marker, anything longer a bar from its first to
    its last day with a marker at its middle; undated facts an open diamond at their
    article's publication. Colour is the partnership (fixed by the register, never by
    what is shown); open shapes are not (yet) done. Few traces: one for the spans, one
    for the publication windows, one for the markers, and the legend's keys."""
    facts = _facts(events)
    drawn = [
        fact for fact in facts if fact.period_start is not None and fact.period_end is not None
    ]
    if not drawn:
        return _empty(view, "No events in the current selection.", events, TIMELINE_COLUMNS)
    spans = [fact for fact in drawn if fact.dated and fact.period_start != fact.period_end]
    windows = [f for f in drawn if not f.dated and f.period_start != f.period_end]
    labels = [_row_label(fact.statement) for fact in drawn]
    row_height = TIMELINE_ROW_GAP + TIMELINE_LABEL_LINE * max(_lines(label) for label in labels)
    traces: list[go.Bar | go.Scatter] = []
    if spans:
        traces.append(_spans(spans, context, TIMELINE_BAR_PIXELS / row_height))
    if windows:
        traces.append(_publication_windows(windows, context))
    traces.append(_event_markers(drawn, context))
    shown = [name for name in context.colours if any(f.partnership == name for f in drawn)]
    shown += sorted({f.partnership or "" for f in drawn} - set(shown))
    keys = [
        _legend_key(
            name,
            symbol="square",
            colour=context.colour(name),
            group="partnerships",
            title="Partnership" if i == 0 else "",
        )
        for i, name in enumerate(shown)
    ]
    encodings = (
        ("happened (filled)", HAPPENED_SYMBOL),
        ("announced or planned (open, light bar)", OPEN_STATUS_SYMBOL),
        ("not dated: placed at the article's publication", UNDATED_SYMBOL),
    )
    keys += [
        _legend_key(
            label,
            symbol=symbol,
            colour=NEUTRAL,
            group="how-to-read",
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
        showticklabels=False,
        autorange="reversed",
        showgrid=False,
    )
    # Passed to _finish, which sets every annotation at once: add_annotation checks
    # again every annotation before it (a timeline of 500 events took 95 s that way).
    row_labels = [
        {
            "text": label,
            "name": "row label",
            "xref": "paper",
            "yref": "y",
            "x": 0,
            "y": fact.fact_id,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": TIMELINE_BAR_PIXELS / 2 + 1,
            "align": "left",
            "showarrow": False,
            "font": {"size": SMALL_SIZE, "color": INK},
        }
        for fact, label in zip(drawn, labels, strict=True)
    ]
    figure.update_xaxes(type="date", showgrid=True)
    # The keys explain; the page's filters choose what is shown.
    figure.update_layout(barmode="overlay", legend={"itemclick": False, "itemdoubleclick": False})
    first = min(fact.period_start for fact in drawn if fact.period_start is not None)
    last = max(fact.period_end for fact in drawn if fact.period_end is not None)
    subtitle = (
        f"{words.count(len(drawn), 'event')}, {words.day(first)} to {words.day(last)}; "
        "select a point, or a row of the Table tab, for its source"
    )
    notes = [
        "A bar runs from the first to the last day a date can mean: a season or a year "
        "is a span, not a day; the marker on it is its middle, not the date.",
    ]
    if windows or any(not fact.dated for fact in drawn):
        notes.append(
            "Open diamonds: the source gives no date, so the fact is placed at its article's "
            "publication; a dotted line shows an article's publication window."
        )
    return _assemble(
        view,
        subtitle=view.subtitle or subtitle,
        figure=figure,
        frame=events,
        drawn=drawn,
        columns=TIMELINE_COLUMNS,
        notes=notes,
        described=(f"{fact.statement} — {fact.period_label}, {fact.status}" for fact in drawn),
        height=130 + 60 + row_height * len(drawn),
        annotations=row_labels,
    )


def build(view: ChartView, frame: pd.DataFrame, context: ChartContext) -> Chart:
    """The chart of a view, from the facts its view selected (transforms.select)."""
    if isinstance(view, TimelineChart):
        return timeline(view, frame, context)
    if isinstance(view, OneDayChart):
        return one_day_counts(view, frame, context)
    return figures(view, frame, context)
