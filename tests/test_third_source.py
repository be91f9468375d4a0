"""A curator adds a third source with YAML alone, and every page shows it right.

A copy of this project gets a new document (tests/fixtures/third-source/: an article of
18 September 2025 on a UK–France returns pilot) with its register entry, its fact file,
a rate in the vocabularies and its views: a new partnership, a crossings total for a
new period, a one-day count of people and boats, people held awaiting return, a weekly
cap, the treaty date, the first return (topic: deportations) and a planned review. No
Python is touched. Page by page: the new figures are in the charts whose views select
them, no chart mixes partnerships unless it is meant to, the timeline is complete,
existing partnerships keep their colours, and a new headline appears after an edit to
the YAML alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard import charts, words
from dashboard.citation import Edition, citation_text, content_version, today
from dashboard.cli import main
from dashboard.facts.coverage import mentions
from dashboard.paths import PROJECT_DIR_ENV, REPO_DIR, project_paths
from dashboard.views.model import TimelineChart
from dashboard.views.project import Project, load_project
from tests.apptest import drawn_fact_ids, open_page, plain
from tests.conftest import FIXTURES_DIR, copy_project

SOURCE = FIXTURES_DIR / "third-source"
NEW = "UK–France"
NEW_SEED = "020_uk_france_one_in_one_out.txt"
NEW_CHART = {
    "id": "france-returns",
    "kind": "figures",
    "title": "Returns to France under the pilot",
    "select": {
        "partnerships": [NEW],
        "measures": ["people held awaiting return to France", "returns to France allowed a week"],
    },
    "group_by": "measure",
    "orientation": "horizontal",
}
NEW_HEADLINE = {"fact": "fr-crossings-2025-to-date", "label": "Small-boat crossings, 2025 so far"}


def add_third_source(root: Path) -> None:
    """What a curator adds: files and YAML, nothing else."""
    shutil.copy(SOURCE / "seeds" / NEW_SEED, root / "seeds" / NEW_SEED)
    for path in (SOURCE / "facts").iterdir():
        shutil.copy(path, root / "facts" / path.name)
    register = root / "facts" / "register.yaml"
    entry = (SOURCE / "register-entry.yaml").read_text(encoding="utf-8")
    indented = "".join(f"  {line}" for line in entry.splitlines(keepends=True) if line.strip())
    register.write_text(register.read_text(encoding="utf-8") + indented, encoding="utf-8")
    vocabularies = root / "facts" / "vocabularies.yaml"
    vocabularies.write_text(
        vocabularies.read_text(encoding="utf-8")
        + "  - {name: people per week, label: people a week, per: week}\n",
        encoding="utf-8",
    )
    views_file = root / "facts" / "views.yaml"
    views = yaml.safe_load(views_file.read_text(encoding="utf-8"))
    views["dataset"]["title"] += ", and the UK–France returns pilot"
    # The pilot's returns go on the page where returns are: the page that draws a
    # figure of topic 'deportations'.
    project = load_project(REPO_DIR)
    deportations = set(project.table.loc[project.table["topic"] == "deportations", "fact_id"])
    page = next(
        page
        for page, loaded in zip(views["pages"], project.views.pages, strict=True)
        if any(
            chart.view is not None and deportations & set(project.selected(chart)["fact_id"])
            for chart in loaded.charts
        )
    )
    page["charts"].append(NEW_CHART)
    views_file.write_text(yaml.safe_dump(views, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("third") / "project")
    add_third_source(root)
    return root


@pytest.fixture(scope="module")
def before() -> Project:
    return load_project(REPO_DIR)


@pytest.fixture(scope="module")
def after(third: Path) -> Project:
    return load_project(third)


@pytest.fixture
def serving(third: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(PROJECT_DIR_ENV, str(third))
    yield third


def new_ids(project: Project) -> set[str]:
    return set(project.table.loc[project.table["seed"] == NEW_SEED, "fact_id"])


def charts_drawing(project: Project, fact_id: str) -> list[str]:
    return [
        chart.id
        for chart in project.views.charts()
        if chart.view is not None and fact_id in set(project.chart(chart.id).data["fact_id"])
    ]


def charts_selecting(project: Project, fact_id: str) -> list[str]:
    return [
        chart.id
        for chart in project.views.charts()
        if chart.view is not None and fact_id in set(project.selected(chart)["fact_id"])
    ]


def test_the_new_source_validates_with_full_coverage(
    third: Path, after: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(third), "validate"]) == 0
    assert "OK: " in capsys.readouterr().out
    assert after.errors == []
    assert [m for m in mentions(after.factset) if not m.covered] == []
    assert len(new_ids(after)) == 8
    assert after.partnerships[-1] == NEW


def test_every_new_figure_is_in_the_charts_whose_views_select_it(after: Project) -> None:
    figures = after.table[after.table["seed"] == NEW_SEED]
    drawable = figures[figures[["value", "lower", "upper"]].notna().any(axis=1)]
    assert len(drawable) == 5
    for fact_id in drawable["fact_id"]:
        selecting = charts_selecting(after, fact_id)
        assert selecting, f"{fact_id} is in no chart"
        assert charts_drawing(after, fact_id) == selecting
    # The held and the cap are in the pilot's own chart, and in no other.
    assert charts_drawing(after, "fr-held-awaiting-return") == ["france-returns"]
    assert charts_drawing(after, "fr-weekly-cap") == ["france-returns"]


def test_the_old_charts_draw_what_they_drew_but_the_compared_new_figures(
    before: Project, after: Project
) -> None:
    for chart in before.views.charts():
        old = set(before.chart(chart.id).data["fact_id"])
        now = set(after.chart(chart.id).data["fact_id"])
        assert old <= now, chart.id
        added = now - old
        if added:
            view = after.views.chart(chart.id).view
            # Only a chart meant to compare partnerships takes another's figures.
            assert view is not None and view.compare_partnerships, chart.id
            assert added <= new_ids(after)


def test_no_chart_mixes_partnerships_unless_it_is_meant_to(after: Project) -> None:
    for chart in after.views.charts():
        assert chart.view is not None
        drawn = after.chart(chart.id)
        partnerships = set(drawn.data["partnership"])
        if not chart.view.compare_partnerships:
            assert len(partnerships) <= 1, chart.id
        elif len(partnerships) > 1 and not isinstance(chart.view, TimelineChart):
            # Told apart in the legend and the hover.
            legend = " ".join(trace.name or "" for trace in drawn.figure.data if trace.showlegend)
            for partnership in partnerships:
                assert partnership in legend, (chart.id, partnership)


def chart_of(project: Project, fact_id: str) -> charts.Chart:
    (chart_id,) = charts_drawing(project, fact_id)
    return project.chart(chart_id)


def test_periods_stay_in_time_order(after: Project) -> None:
    chart = chart_of(after, "fr-crossings-2025-to-date")
    order = list(chart.figure.layout.xaxis.ticktext)
    assert order[-1] == "2025 to 18 September"
    starts = chart.data.groupby("period_label", sort=False)["period_start"].min()
    assert starts.is_monotonic_increasing


def test_each_day_is_its_own_group_and_stays_on_its_axis(after: Project) -> None:
    chart = chart_of(after, "fr-one-day-people")
    days = [c.replace("<br>", " ") for c in chart.figure.layout.xaxis.ticktext]
    assert days[-1] == f"17 September 2025 ({NEW})"
    assert len(days) == len(set(chart.data["period_start"]))  # a group per day
    for trace in chart.figure.data:
        if trace.type == "bar" and trace.yaxis in ("y", "y2"):
            axis = chart.figure.layout.yaxis if trace.yaxis == "y" else chart.figure.layout.yaxis2
            assert axis.range[1] >= 1.25 * max(trace.y), trace.name  # nothing runs off


def test_the_timeline_is_complete(after: Project) -> None:
    for chart in after.views.charts():
        if not isinstance(chart.view, TimelineChart):
            continue
        drawn = set(after.chart(chart.id).data["fact_id"])
        table = after.table
        figure = table[["measure", "value", "lower", "upper"]].notna().any(axis=1)
        dated = table["dated_by"] == "seed"
        event = ~figure | (dated if chart.view.figures else False)
        assert drawn == set(table.loc[event, "fact_id"]), chart.id
        assert {"fr-first-return", "fr-treaty-signed", "fr-review-planned"} <= drawn


def test_existing_partnerships_keep_their_colours(before: Project, after: Project) -> None:
    old = before.context.colours
    assert {name: after.context.colours[name] for name in old} == old
    assert after.context.colours[NEW] not in old.values()


def timeline_page(project: Project) -> str:
    return next(
        page.url
        for page in project.views.pages
        if any(isinstance(chart.view, TimelineChart) for chart in page.charts)
    )


def test_every_page_renders_with_the_new_source(serving: Path, after: Project) -> None:
    pages = ["overview", *[page.url for page in after.views.pages], "sources", "data"]
    for url in pages:
        at = open_page(url)
        assert not at.exception, url
        assert not at.error, url


def test_the_timeline_page_filters_to_the_new_partnership(serving: Path, after: Project) -> None:
    at = open_page(timeline_page(after), {"partnership": NEW})
    pills = next(p for p in at.get("button_group") if p.label == "Partnership")
    assert NEW in pills.options and list(pills.value) == [NEW]
    drawn = set(drawn_fact_ids(at.get("plotly_chart")[0].proto.spec))
    assert drawn == {"fr-first-return", "fr-treaty-signed", "fr-review-planned"}
    spec = at.get("plotly_chart")[0].proto.spec
    assert charts.OPEN_STATUS_SYMBOL in spec  # the planned review: an open marker


def test_the_sources_and_data_pages_show_the_new_source(serving: Path, after: Project) -> None:
    at = open_page("sources", {"seed": NEW_SEED})
    assert at.get("button_group")[0].value == NEW_SEED
    assert "Facts drawn from this source (8)" in [plain(h.value) for h in at.header]
    data = open_page("data", {"partnership": NEW})
    assert set(data.dataframe[0].value["fact_id"]) == new_ids(after)
    # The page cites the version it serves, read today, at no known address (AppTest).
    edition = Edition(version=content_version(project_paths(serving)), accessed=today())
    citation = citation_text(after.views.dataset, after.factset, edition)
    assert "UK–France returns pilot" in citation and f"seeds/{NEW_SEED}" in citation
    assert any(code.value == citation for code in data.code)


def test_a_new_headline_appears_after_an_edit_to_the_yaml_alone(
    third: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: Project
) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(third, edited)
    views_file = edited / "facts" / "views.yaml"
    views = yaml.safe_load(views_file.read_text(encoding="utf-8"))
    views["overview"]["headlines"].append(NEW_HEADLINE)
    views_file.write_text(yaml.safe_dump(views, allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.setenv(PROJECT_DIR_ENV, str(edited))
    at = open_page("overview")
    shown = {plain(metric.label): metric.value for metric in at.metric}
    row = after.table.set_index("fact_id").loc[NEW_HEADLINE["fact"]]
    assert shown[NEW_HEADLINE["label"]] == words.figure(row, after.context.units) == "31,906"


def test_the_new_rate_is_worded_from_the_vocabulary(after: Project) -> None:
    row = after.table.set_index("fact_id").loc["fr-weekly-cap"]
    assert words.figure(row, after.context.units) == "at most 50"
    chart = after.chart("france-returns")
    axes = {trace.xaxis: trace for trace in chart.figure.data}
    titles = {chart.figure.layout[f"xaxis{axis[1:]}"].title.text for axis in axes}
    assert titles == {"people", "people a week"}  # the rate on an axis of its own
    assert pd.isna(row["value"])
