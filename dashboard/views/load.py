"""Read facts/views.yaml and check it against the loaded facts; collect every error.

Structural checks first (YAML, then the schema: the dataset, the Overview, each page
and each chart on its own), then the references: every fact id, measure,
partnership, topic and unit a view names must be loaded, and a chart that is not
meant to compare partnerships must select facts of one only. A broken views file
never hides the facts: what cannot be used falls back to a plain default (a generic
title, the Timeline of every event), a broken chart is shown in place with its
reason, and the errors go to the same banner and ``validate`` as the facts'.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel, ValidationError

from dashboard import transforms
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.model import FactSet
from dashboard.facts.schema_errors import schema_errors
from dashboard.facts.yaml_source import PathKey, YamlDocument, read_yaml_file
from dashboard.paths import ProjectPaths
from dashboard.views.model import (
    CHART_KINDS,
    RESERVED_URLS,
    ChartView,
    Dataset,
    Overview,
    PageHeader,
    TimelineChart,
    ViewsShape,
)

VIEWS_HINT = "See README.md, 'Views': a complete example of facts/views.yaml."

# What the dashboard shows when the views file cannot be used: nothing of the corpus,
# and the Timeline of every event, so that no fact is hidden.
FALLBACK_DATASET = Dataset(
    title="Verified facts",
    description="Facts curated from source documents, each with the passage that states it.",
    licence="Not stated: the views file could not be read.",
    citation="Cite the fact_id and the source document alongside any figure.",
)
FALLBACK_OVERVIEW = Overview(title="Verified facts")
FALLBACK_TIMELINE = TimelineChart(
    id="timeline", kind="timeline", title="Timeline of events", figures=True
)


@dataclass(frozen=True)
class LoadedChart:
    """A chart of a page: its view, or why it cannot be drawn.

    ``problems`` are shown in place: with a view, as a warning beside the chart (a
    name the facts do not have); without one, instead of it."""

    id: str
    title: str
    view: ChartView | None
    problems: tuple[FactError, ...] = ()


@dataclass(frozen=True)
class LoadedPage:
    url: str
    title: str
    icon: str | None
    intro: str | None
    charts: tuple[LoadedChart, ...]


FALLBACK_PAGE = LoadedPage(
    url="timeline",
    title="Timeline",
    icon=":material/timeline:",
    intro="Every event of every source, by date.",
    charts=(LoadedChart(FALLBACK_TIMELINE.id, FALLBACK_TIMELINE.title, FALLBACK_TIMELINE),),
)


@dataclass(frozen=True)
class Views:
    """The views in use (the file's, or the fallbacks) and every problem found."""

    dataset: Dataset = FALLBACK_DATASET
    overview: Overview = FALLBACK_OVERVIEW
    pages: tuple[LoadedPage, ...] = (FALLBACK_PAGE,)
    errors: tuple[FactError, ...] = ()
    # Headlines and key points whose fact did not load (already in ``errors``).
    missing_facts: frozenset[str] = frozenset()

    def charts(self) -> Iterator[LoadedChart]:
        for page in self.pages:
            yield from page.charts

    def chart(self, chart_id: str) -> LoadedChart:
        for chart in self.charts():
            if chart.id == chart_id:
                return chart
        raise KeyError(chart_id)

    def page(self, url: str) -> LoadedPage:
        for page in self.pages:
            if page.url == url:
                return page
        raise KeyError(url)


def _field(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


Model = TypeVar("Model", bound=BaseModel)


@dataclass
class _Reader:
    """Validates parts of one views file, locating every error in it."""

    shown: str
    doc: YamlDocument
    errors: list[FactError] = field(default_factory=list)

    def error(self, path: PathKey, message: str, hint: str | None, code: ErrorCode) -> FactError:
        error = FactError(
            self.shown,
            message,
            line=self.doc.line_of(path),
            field=_field(path),
            hint=hint,
            code=code,
        )
        self.errors.append(error)
        return error

    def schema_errors(self, exc: ValidationError, path: PathKey, model: Any) -> list[FactError]:
        # The fact layer's located schema errors: one implementation for every file.

        label = _field(path) or "views"
        found = schema_errors(exc, self.shown, self.doc, path, label, model)
        self.errors.extend(found)
        return found

    def part(self, model: type[Model], raw: object, name: str) -> Model | None:
        """A top-level part of the file, which must be there."""
        if raw is None:
            self.error((name,), "required field is missing", VIEWS_HINT, ErrorCode.SCHEMA)
            return None
        return self.model(model, raw, (name,))

    def model(self, model: type[Model], raw: object, path: PathKey) -> Model | None:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            self.schema_errors(exc, path, model)
            return None


def load_views(paths: ProjectPaths, factset: FactSet, table: pd.DataFrame) -> Views:
    """The views of the project, checked against its loaded facts."""
    shown = paths.relative(paths.views_file)
    if not paths.views_file.exists():
        missing = FactError(
            shown,
            "the file is missing: the dashboard shows a default Overview and the Timeline",
            hint=VIEWS_HINT,
            code=ErrorCode.VIEWS,
        )
        return Views(errors=(missing,))
    try:
        doc = read_yaml_file(paths.views_file, shown)
    except FactError as error:
        return Views(errors=(error,))
    reader = _Reader(shown, doc)
    shape = reader.model(ViewsShape, doc.data, ())
    if shape is None:
        return Views(errors=tuple(reader.errors))
    dataset = reader.part(Dataset, shape.dataset, "dataset") or FALLBACK_DATASET
    overview = reader.part(Overview, shape.overview, "overview") or FALLBACK_OVERVIEW
    references = _References.of(factset, table)
    not_loaded = _check_overview(reader, overview, references)
    pages = _pages(reader, shape.pages, references, table)
    pages_failed = any(error.field and error.field.startswith("pages") for error in reader.errors)
    has_timeline = any(isinstance(chart.view, TimelineChart) for p in pages for chart in p.charts)
    if pages_failed and not has_timeline and all(p.url != FALLBACK_PAGE.url for p in pages):
        pages.append(FALLBACK_PAGE)  # so that a broken page never hides the events
    return Views(dataset, overview, tuple(pages), tuple(reader.errors), frozenset(not_loaded))


@dataclass(frozen=True)
class _References:
    """What a view may name: what the facts, the register and the vocabularies have."""

    fact_ids: frozenset[str]
    measures: frozenset[str]
    partnerships: frozenset[str]
    topics: tuple[str, ...] | None  # None: no vocabulary to check against
    units: tuple[str, ...] | None

    @classmethod
    def of(cls, factset: FactSet, table: pd.DataFrame) -> _References:
        vocabulary = factset.vocabulary
        return cls(
            fact_ids=frozenset(table["fact_id"].dropna()),
            measures=frozenset(table["measure"].dropna()),
            partnerships=factset.partnerships,
            topics=tuple(vocabulary.topics) if vocabulary else None,
            units=tuple(vocabulary.units) if vocabulary else None,
        )


NOT_LOADED_HINT = (
    "A fact with an error is not loaded (see the errors above); otherwise check the "
    "spelling against the fact files."
)


def _check_overview(reader: _Reader, overview: Overview, refs: _References) -> list[str]:
    missing = []
    named: list[tuple[PathKey, str]] = [
        (("headlines", i, "fact"), h.fact) for i, h in enumerate(overview.headlines)
    ]
    named += [(("key_points", i), fact_id) for i, fact_id in enumerate(overview.key_points)]
    for path, fact_id in named:
        if fact_id not in refs.fact_ids:
            missing.append(fact_id)
            reader.error(
                ("overview", *path),
                f"no loaded fact has the id {fact_id!r}",
                NOT_LOADED_HINT,
                ErrorCode.VIEW_REFERENCE,
            )
    return missing


def _pages(
    reader: _Reader, raw_pages: list[object], refs: _References, table: pd.DataFrame
) -> list[LoadedPage]:
    pages: list[LoadedPage] = []
    urls: dict[str, int] = {}
    chart_ids: dict[str, str] = {}
    for index, raw in enumerate(raw_pages):
        path: PathKey = ("pages", index)
        header = reader.model(PageHeader, raw, path)
        if header is None:
            continue
        if header.url in RESERVED_URLS or header.url in urls:
            taken = (
                "a built-in page uses it"
                if header.url in RESERVED_URLS
                else f"pages[{urls[header.url]}] has it"
            )
            reader.error(
                (*path, "url"),
                f"the address {header.url!r} is taken: {taken}",
                "Give each page its own url (overview, sources and data are built in).",
                ErrorCode.VIEWS,
            )
            continue
        urls[header.url] = index
        charts = tuple(
            _chart(reader, raw_chart, (*path, "charts", number), refs, table, chart_ids)
            for number, raw_chart in enumerate(header.charts)
        )
        timelines = [chart for chart in charts if isinstance(chart.view, TimelineChart)]
        if len(timelines) > 1:
            charts = tuple(
                _broken(
                    reader,
                    chart,
                    (*path, "charts", number, "kind"),
                    "a page holds one timeline: its filters and selection are the page's",
                    "Put the other timeline on a page of its own.",
                )
                if chart in timelines[1:]
                else chart
                for number, chart in enumerate(charts)
            )
        pages.append(LoadedPage(header.url, header.title, header.icon, header.intro, charts))
    return pages


def _broken(
    reader: _Reader, chart: LoadedChart, path: PathKey, message: str, hint: str
) -> LoadedChart:
    error = reader.error(path, message, hint, ErrorCode.VIEWS)
    return LoadedChart(chart.id, chart.title, None, (*chart.problems, error))


def _chart(
    reader: _Reader,
    raw: object,
    path: PathKey,
    refs: _References,
    table: pd.DataFrame,
    chart_ids: dict[str, str],
) -> LoadedChart:
    given = raw if isinstance(raw, Mapping) else {}
    chart_id = str(given.get("id") or f"chart-{'-'.join(str(p) for p in path[1::2])}")
    title = str(given.get("title") or chart_id)
    if not isinstance(raw, Mapping):
        error = reader.error(
            path,
            f"expected a chart (id, kind, title, select, ...), got {type(raw).__name__}",
            VIEWS_HINT,
            ErrorCode.SCHEMA,
        )
        return LoadedChart(chart_id, title, None, (error,))
    kind = given.get("kind")
    model = CHART_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        error = reader.error(
            (*path, "kind"),
            "required field is missing" if kind is None else f"unknown chart kind {kind!r}",
            f"Chart kinds: {', '.join(CHART_KINDS)}.",
            ErrorCode.SCHEMA,
        )
        return LoadedChart(chart_id, title, None, (error,))
    try:
        view: ChartView = model.model_validate(raw)
    except ValidationError as exc:
        return LoadedChart(chart_id, title, None, tuple(reader.schema_errors(exc, path, model)))
    if view.id in chart_ids:
        error = reader.error(
            (*path, "id"),
            f"the chart id {view.id!r} is taken ({chart_ids[view.id]})",
            "Chart ids are unique across the views file: they name links and downloads.",
            ErrorCode.VIEWS,
        )
        return LoadedChart(f"{view.id}-{_field(path)}", title, None, (error,))
    chart_ids[view.id] = _field(path)
    problems = _check_references(reader, view, path, refs)
    if not view.compare_partnerships:
        partnerships = transforms.select(table, view)["partnership"].dropna().unique().tolist()
        if len(partnerships) > 1:
            problems.append(
                reader.error(
                    (*path, "select"),
                    f"selects facts of {len(partnerships)} partnerships "
                    f"({', '.join(sorted(partnerships))}) but is not meant to compare them",
                    "Name the partnership under select (partnerships: [...]) or, if the "
                    "chart should set them side by side, add compare_partnerships: true.",
                    ErrorCode.VIEW_MIXES,
                )
            )
            return LoadedChart(view.id, view.title, None, tuple(problems))
    return LoadedChart(view.id, view.title, view, tuple(problems))


def _check_references(
    reader: _Reader, view: ChartView, path: PathKey, refs: _References
) -> list[FactError]:
    problems = []
    listed: tuple[tuple[str, frozenset[str] | tuple[str, ...] | None, str, str], ...] = (
        ("facts", refs.fact_ids, "no loaded fact has the id {!r}", NOT_LOADED_HINT),
        ("measures", refs.measures, "no loaded fact has the measure {!r}", NOT_LOADED_HINT),
        (
            "partnerships",
            refs.partnerships,
            "no seed in the register has the partnership {!r}",
            "Partnerships in the register: " + ", ".join(sorted(refs.partnerships)) + ".",
        ),
        (
            "topics",
            refs.topics,
            "the topic {!r} is not in facts/vocabularies.yaml",
            "Topics: " + ", ".join(refs.topics or ()) + ".",
        ),
        (
            "units",
            refs.units,
            "the unit {!r} is not in facts/vocabularies.yaml",
            "Units: " + ", ".join(refs.units or ()) + ".",
        ),
    )
    for name, known, message, hint in listed:
        if known is None:
            continue
        for number, value in enumerate(getattr(view.select, name)):
            if value not in known:
                problems.append(
                    reader.error(
                        (*path, "select", name, number),
                        message.format(value),
                        hint,
                        ErrorCode.VIEW_REFERENCE,
                    )
                )
    return problems
