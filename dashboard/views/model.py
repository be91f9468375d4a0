"""The shape of facts/views.yaml: what the dashboard shows, as data (pydantic, unknown
fields refused, like the fact files).

A views file says what the dataset is called and how to cite it, what the Overview
shows, and which pages follow it, each with its charts. A chart is one of a few
generic kinds and says what it selects from the facts:

- ``figures``: figures as bars (a bound as a limit marker), grouped by period (the
  categories in time order) or by measure, vertical or horizontal;
- ``one_day_counts``: counts on single days, each day its own group, one panel per unit;
- ``timeline``: every event, a day as a point and a longer period as a bar.

``python -m dashboard schema`` writes the JSON Schema of ``ViewsFile`` for editors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from dashboard.facts.schema import FactId, Strict, Text

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=60)
]
Icon = Annotated[str, StringConstraints(pattern=r"^:material/[a-z0-9_]+:$")]

# Addresses the built-in pages use: a views page cannot take them.
RESERVED_URLS = frozenset({"overview", "sources", "data"})


class Dataset(Strict):
    """What the whole dataset is, for the Data page, the downloads and citations."""

    title: Text = Field(description="The dataset's title, in downloads and citations.")
    short_title: Text | None = Field(
        default=None, description="A short name for the browser tab (default: the title)."
    )
    description: Text = Field(description="What the dataset holds, in a sentence or two.")
    licence: Text = Field(description="Under what terms the data may be reused.")
    licence_id: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")] | None
    ) = Field(
        default=None,
        description="The licence's SPDX identifier (MIT, CC-BY-4.0), for data packages.",
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        default=None,
        description="The dashboard's public address, cited by files written outside it "
        "(the command line); the dashboard itself cites the address it is served at.",
    )
    citation: Text = Field(
        description="How to cite it; written after the title and the list of sources."
    )


class Headline(Strict):
    """A headline figure on the Overview."""

    fact: FactId = Field(description="The id of the fact whose figure is shown.")
    label: Text = Field(description="What the figure is, in a few words.")


class Overview(Strict):
    """The first page: headline figures and key points."""

    title: Text
    intro: str | None = Field(default=None, description="A caption under the title.")
    headlines: list[Headline] = Field(default_factory=list)
    key_points: list[FactId] = Field(
        default_factory=list,
        description="Fact ids of events that frame the figures; shown in time order.",
    )


class Selection(Strict):
    """Which facts a chart draws: a fact is drawn when it matches every list given
    (and any value within a list). An empty selection takes every fact."""

    facts: list[FactId] = Field(default_factory=list, description="Fact ids.")
    measures: list[Text] = Field(default_factory=list, description="Measures, as in the facts.")
    topics: list[Text] = Field(default_factory=list, description="Topics (vocabularies.yaml).")
    partnerships: list[Text] = Field(
        default_factory=list, description="Partnerships, as in the register."
    )
    units: list[Text] = Field(default_factory=list, description="Units (vocabularies.yaml).")

    @property
    def is_empty(self) -> bool:
        return not (self.facts or self.measures or self.topics or self.partnerships or self.units)


class _Chart(Strict):
    id: Slug = Field(
        description="Stable and unique: the chart's anchor, link parameters and CSV name."
    )
    title: Text
    subtitle: str | None = Field(
        default=None, description="Default: the measures and periods drawn, in words."
    )
    notes: list[Text] = Field(default_factory=list, description="Caveats, written under the chart.")
    select: Selection = Field(default_factory=Selection)
    compare_partnerships: bool = Field(
        default=False,
        description="Whether the chart is meant to set partnerships side by side; a chart "
        "that is not may select facts of one partnership only.",
    )


class FiguresChart(_Chart):
    """Figures as bars: a stated figure solid, an approximate one hatched, a derived
    one hollow, a bound a limit marker; planned or announced lighter."""

    kind: Literal["figures"]
    group_by: Literal["period", "measure"] = Field(
        default="period",
        description="period: one category per period, in time order, figures of the same "
        "period side by side; measure: one category per measure.",
    )
    orientation: Literal["vertical", "horizontal"] = "vertical"


class OneDayChart(_Chart):
    """Counts on single days: each day its own group, with its date; one panel per unit."""

    kind: Literal["one_day_counts"]


class TimelineChart(_Chart):
    """Every event of the selected facts, coloured by partnership, with filters."""

    kind: Literal["timeline"]
    compare_partnerships: bool = True
    figures: bool = Field(
        default=True,
        description="Whether dated figures are events too (false: they are left to the "
        "figure charts).",
    )


ChartView = Annotated[FiguresChart | OneDayChart | TimelineChart, Field(discriminator="kind")]
CHART_KINDS: dict[str, type[FiguresChart | OneDayChart | TimelineChart]] = {
    "figures": FiguresChart,
    "one_day_counts": OneDayChart,
    "timeline": TimelineChart,
}


class Page(Strict):
    """A page after the Overview, in the menu's order."""

    url: Slug = Field(description="The page's address: /<url>.")
    title: Text
    icon: Icon | None = Field(default=None, description="A Material icon, e.g. :material/map:.")
    intro: str | None = Field(default=None, description="A caption under the title.")
    charts: list[ChartView] = Field(min_length=1)


class ViewsFile(Strict):
    """facts/views.yaml (the JSON Schema for editors)."""

    dataset: Dataset
    overview: Overview
    pages: list[Page] = Field(default_factory=list)


# The top levels, for validating one page and one chart at a time: one bad chart does
# not hide its page, nor one bad page the others.
class ViewsShape(Strict):
    dataset: object = None
    overview: object = None
    pages: list[object] = Field(default_factory=list)


class PageHeader(Strict):
    url: Slug
    title: Text
    icon: Icon | None = None
    intro: str | None = None
    charts: list[object] = Field(min_length=1)
