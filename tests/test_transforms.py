"""Transforms, on the harbours fixture project: the tidy table's types, and the one
selection of facts for a chart (``transforms.select``) as views ask for it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard import transforms
from dashboard.facts.load import load_facts
from dashboard.views.model import FiguresChart, Overview, Selection, TimelineChart
from dashboard.views.project import Project, load_project
from tests.conftest import HARBOURS, harbours_project


@pytest.fixture(scope="module")
def project() -> Project:
    return harbours_project()


@pytest.fixture(scope="module")
def table(project: Project) -> pd.DataFrame:
    return project.table


def chart_ids(project: Project, chart_id: str) -> list[str]:
    return project.selected(project.views.chart(chart_id))["fact_id"].tolist()


def test_columns_and_dtypes_are_stable(table: pd.DataFrame) -> None:
    assert {name: str(dtype) for name, dtype in table.dtypes.items()} == transforms.COLUMNS
    assert {name: str(d) for name, d in transforms.empty_table().dtypes.items()} == (
        transforms.COLUMNS
    )


def test_one_row_per_fact(table: pd.DataFrame) -> None:
    assert table["fact_id"].is_unique and len(table) == len(load_facts(HARBOURS).facts)


@pytest.mark.parametrize(
    ("chart_id", "expected_ids"),
    [
        # Figures oldest first: the bound for 2023 before the total for 2024.
        ("sound-totals", ["ne-crossings-2023-below", "ne-crossings-2024"]),
        # One period: in the order the view lists the measures.
        ("sound-one-day", ["ne-one-day-people", "ne-one-day-dinghies", "ne-one-day-per-dinghy"]),
        # The derived 2022 level before the stated 2023 one.
        ("returns-by-year", ["nv-returns-2022-implied", "nv-returns-2023"]),
        # The undated figure is placed at its article's publication window, which ends last.
        (
            "port-amber",
            ["nv-housed-port-amber", "nv-expected-port-amber", "nv-awaiting-decision"],
        ),
        # A timeline: every event of every partnership, and every dated figure (the
        # view does not say otherwise); undated figures are not events.
        (
            "events",
            [
                "nv-returns-2022-implied",
                "ne-crossings-2023-below",
                "nv-returns-2023",
                "nv-returns-change",
                "nv-minister-visit",
                "nv-protocol-agreed",
                "ne-crossings-2024",
                "nv-expected-port-amber",
                "nv-housed-port-amber",
                "ne-one-day-dinghies",
                "ne-one-day-people",
                "ne-one-day-per-dinghy",
                "ne-accord-signed",
                "ne-commander-appointed",
                "ne-tallport-talks-planned",
            ],
        ),
    ],
)
def test_each_view_selects_its_facts_in_time_order(
    project: Project, chart_id: str, expected_ids: list[str]
) -> None:
    assert chart_ids(project, chart_id) == expected_ids


def test_a_selection_matches_every_list_it_gives(table: pd.DataFrame) -> None:
    view = FiguresChart(
        id="x",
        kind="figures",
        title="x",
        select=Selection(units=["persons"], topics=["arrivals", "housing"]),
    )
    selected = transforms.select(table, view)
    assert set(selected["unit"]) == {"persons"}
    assert set(selected["topic"]) == {"arrivals", "housing"}
    expected = table[table["unit"].eq("persons") & table["topic"].isin(["arrivals", "housing"])]
    assert sorted(selected["fact_id"]) == sorted(expected["fact_id"])


def test_an_empty_selection_takes_every_fact(table: pd.DataFrame) -> None:
    view = FiguresChart(id="x", kind="figures", title="x")
    assert sorted(transforms.select(table, view)["fact_id"]) == sorted(table["fact_id"])


def test_a_timeline_without_figures_keeps_only_events(table: pd.DataFrame) -> None:
    view = TimelineChart(id="t", kind="timeline", title="t", figures=False)
    events = transforms.select(table, view)
    assert events["measure"].isna().all() and events["value"].isna().all()
    not_figures = table[~transforms.is_figure(table)]
    assert sorted(events["fact_id"]) == sorted(not_figures["fact_id"])
    # An undated event is still an event, placed at its publication.
    assert "ne-commander-appointed" in set(events["fact_id"])


def test_bound_keeps_its_value_missing(project: Project) -> None:
    bound = project.selected(project.views.chart("sound-totals")).iloc[0]
    assert pd.isna(bound["value"]) and bound["upper"] == 4210 and bound["exactness"] == "bound"


def test_precision_gives_spans_and_points(project: Project) -> None:
    events = project.selected(project.views.chart("events")).set_index("fact_id")
    spring = events.loc["nv-minister-visit"]
    assert (spring["period_start"], spring["period_end"], spring["shape"]) == (
        pd.Timestamp("2023-03-01"),
        pd.Timestamp("2023-05-31"),
        "span",
    )
    day = events.loc["ne-accord-signed"]
    assert day["shape"] == "point" and day["period_label"] == "3 March 2025"


def test_undated_facts_sit_at_publication_and_say_so(table: pd.DataFrame) -> None:
    facts = table.set_index("fact_id")
    recently = facts.loc["ne-commander-appointed"]
    assert recently["dated_by"] == "publication"
    assert recently["period_label"] == "Recently: not dated; reported on 4 March 2025"
    assert recently["period_start"] == recently["period_end"] == pd.Timestamp("2025-03-04")
    waiting = facts.loc["nv-awaiting-decision"]
    assert waiting["period_label"] == (
        "not dated; reported between 1 January 2024 and 30 June 2024"
    )


@pytest.mark.parametrize(
    ("partnerships", "topics", "expected"),
    [
        (["Norland–Estmark"], None, {"Norland–Estmark"}),
        (["Norland–Vesterland"], ["accords"], {"Norland–Vesterland"}),
    ],
)
def test_a_pages_filters_narrow_the_selection(
    project: Project, partnerships: list[str], topics: list[str] | None, expected: set[str]
) -> None:
    events = project.selected(
        project.views.chart("events"), partnerships=partnerships, topics=topics
    )
    assert set(events["partnership"]) == expected
    if topics:
        assert set(events["topic"]) == set(topics)
    assert len(events) > 0


def test_a_filter_that_matches_nothing_is_empty_not_an_error(project: Project) -> None:
    assert project.selected(project.views.chart("events"), partnerships=["nowhere"]).empty


def test_timeline_topics_follow_the_vocabulary(project: Project) -> None:
    vocabulary = project.factset.vocabulary
    assert vocabulary is not None
    topics = project.timeline_topics("events")
    present = set(project.selected(project.views.chart("events"))["topic"])
    assert set(topics) == present
    assert topics == [name for name in vocabulary.topics if name in present]


def test_partnerships_keep_the_registers_order(harbours: Path) -> None:
    register = harbours / "facts" / "register.yaml"
    document = yaml.safe_load(register.read_text(encoding="utf-8"))
    document["seeds"].reverse()
    register.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert transforms.register_partnerships(load_facts(harbours)) == [
        "Norland–Vesterland",
        "Norland–Estmark",
    ]
    assert harbours_project().partnerships == ["Norland–Estmark", "Norland–Vesterland"]


def test_headlines_keep_the_views_order_and_labels(table: pd.DataFrame) -> None:
    overview = Overview.model_validate(
        {
            "title": "x",
            "headlines": [
                {"fact": "nv-returns-2023", "label": "Returns"},
                {"fact": "not-loaded", "label": "Missing"},
                {"fact": "ne-crossings-2024", "label": "Crossings"},
            ],
        }
    )
    frame = transforms.headline_figures(table, overview)
    assert frame["fact_id"].tolist() == ["nv-returns-2023", "ne-crossings-2024"]
    assert frame["label"].tolist() == ["Returns", "Crossings"]


def test_key_points_are_in_time_order(project: Project, table: pd.DataFrame) -> None:
    overview = project.views.overview
    assert overview.key_points[0] == "ne-tallport-talks-planned"  # the file's order is not
    points = transforms.key_points(table, overview)
    assert points["fact_id"].tolist() == [
        "nv-minister-visit",
        "nv-protocol-agreed",
        "ne-accord-signed",
        "ne-tallport-talks-planned",
    ]
    assert points["period_start"].is_monotonic_increasing


def test_summary_counts(table: pd.DataFrame) -> None:
    counts = transforms.summary(table)
    assert counts["per_seed"] == {"101_norland_estmark.txt": 9, "102_norland_vesterland.txt": 8}
    assert counts["derived"] == {"derived": 2}


def test_no_conflicts_give_an_empty_table_with_the_usual_columns(project: Project) -> None:
    assert project.factset.conflicts == []
    frame = transforms.conflicts_table(project.factset)
    assert frame.empty
    assert dict(frame.dtypes.astype(str)) == {
        name: str(pd.Series([], dtype=dtype).dtype)
        for name, dtype in transforms.CONFLICT_COLUMNS.items()
    }


def test_a_project_loads_the_same_from_its_folder(project: Project) -> None:
    again = load_project(HARBOURS)
    pd.testing.assert_frame_equal(again.table, project.table)
    assert [page.url for page in again.views.pages] == ["sound", "returns", "events"]
