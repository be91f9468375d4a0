"""The views file (facts/views.yaml), on copies of the harbours fixture project: what a
bad one says, with exact messages, and that it never hides the facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.facts.errors import ErrorCode
from dashboard.facts.schema_files import SCHEMA_DIR, render, schemas
from dashboard.views.load import FALLBACK_PAGE
from dashboard.views.model import TimelineChart
from dashboard.views.project import Project, load_project

HINT_NOT_LOADED = (
    "\n  Hint: A fact with an error is not loaded (see the errors above); otherwise check "
    "the spelling against the fact files."
)
BROKEN = """\
dataset: {title: T, description: D, licence: L, citation: C}
overview:
  title: O
  headlines:
    - {fact: ne-crossings-2024, label: X}
    - {fact: no-such-fact, label: Y}
pages:
  - url: sound
    title: S
    charts:
      - id: a
        kind: figures
        title: A
        select:
          measures: [people crossing the Sound in dinghies, people crossing the Sund]
          partnerships: [Norland–Nowhere]
          topics: [arrival]
          units: [person]
      - id: b
        kind: figures
        title: B
        colour: red
      - id: c
        kind: pie
        title: C
      - id: a
        kind: timeline
        title: D
      - id: e
        kind: figures
        title: E
        select: {units: [persons]}
  - url: data
    title: Data again
    charts: [{id: f, kind: timeline, title: F}]
  - url: sound
    title: Again
    charts: [{id: g, kind: timeline, title: G}]
  - url: two
    title: Two timelines
    charts:
      - {id: h, kind: timeline, title: H}
      - {id: i, kind: timeline, title: I}
"""
EXPECTED = [
    "facts/views.yaml:6: overview.headlines[1].fact: no loaded fact has the id 'no-such-fact'"
    + HINT_NOT_LOADED,
    "facts/views.yaml:15: pages[0].charts[0].select.measures[1]: no loaded fact has the "
    "measure 'people crossing the Sund'" + HINT_NOT_LOADED,
    "facts/views.yaml:16: pages[0].charts[0].select.partnerships[0]: no seed in the register "
    "has the partnership 'Norland–Nowhere'\n  Hint: Partnerships in the register: "
    "Norland–Estmark, Norland–Vesterland.",
    "facts/views.yaml:17: pages[0].charts[0].select.topics[0]: the topic 'arrival' is not in "
    "facts/vocabularies.yaml\n  Hint: Topics: arrivals, removals, accords, talks, housing, "
    "staffing, spending.",
    "facts/views.yaml:18: pages[0].charts[0].select.units[0]: the unit 'person' is not in "
    "facts/vocabularies.yaml\n  Hint: Units: persons, vessels, EUR, pct, persons per vessel, "
    "persons per month.",
    "facts/views.yaml:22: pages[0].charts[1].colour: unknown field\n  Hint: Allowed here: id, "
    "title, subtitle, notes, select, compare_partnerships, kind, group_by, orientation.",
    "facts/views.yaml:24: pages[0].charts[2].kind: unknown chart kind 'pie'\n  Hint: Chart "
    "kinds: figures, one_day_counts, timeline.",
    "facts/views.yaml:26: pages[0].charts[3].id: the chart id 'a' is taken "
    "(pages[0].charts[0])\n  Hint: Chart ids are unique across the views file: they name "
    "links and downloads.",
    "facts/views.yaml:32: pages[0].charts[4].select: selects facts of 2 partnerships "
    "(Norland–Estmark, Norland–Vesterland) but is not meant to compare them\n  Hint: Name the "
    "partnership under select (partnerships: [...]) or, if the chart should set them side by "
    "side, add compare_partnerships: true.",
    "facts/views.yaml:33: pages[1].url: the address 'data' is taken: a built-in page uses it\n"
    "  Hint: Give each page its own url (overview, sources and data are built in).",
    "facts/views.yaml:36: pages[2].url: the address 'sound' is taken: pages[0] has it\n"
    "  Hint: Give each page its own url (overview, sources and data are built in).",
    "facts/views.yaml:43: pages[3].charts[1].kind: a page holds one timeline: its filters and "
    "selection are the page's\n  Hint: Put the other timeline on a page of its own.",
]


def with_views(project: Path, text: str) -> Project:
    (project / "facts" / "views.yaml").write_text(text, encoding="utf-8")
    return load_project(project)


def test_every_problem_of_a_views_file_is_reported_with_its_place(harbours: Path) -> None:
    project = with_views(harbours, BROKEN)
    assert [str(error) for error in project.views.errors] == EXPECTED
    assert project.factset.errors == []  # the facts are fine: nothing is held back
    assert {error.code for error in project.views.errors} == {
        ErrorCode.VIEW_REFERENCE,
        ErrorCode.SCHEMA,
        ErrorCode.VIEWS,
        ErrorCode.VIEW_MIXES,
    }


def test_what_a_broken_views_file_still_shows(harbours: Path) -> None:
    project = with_views(harbours, BROKEN)
    views = project.views
    # Pages with a taken address are left out; the others stay, with every chart.
    assert [page.url for page in views.pages] == ["sound", "two"]
    drawable = {chart.id: chart.view is not None for chart in views.charts()}
    assert drawable == {
        "a": True,  # names that did not load: drawn, with a warning in place
        "b": False,
        "c": False,
        "a-pages[0].charts[3]": False,
        "e": False,  # mixes partnerships it is not meant to compare
        "h": True,
        "i": False,
    }
    chart = views.chart("a")
    assert [str(problem) for problem in chart.problems] == EXPECTED[1:5]
    assert views.missing_facts == {"no-such-fact"}
    assert [headline.fact for headline in views.overview.headlines] == [
        "ne-crossings-2024",
        "no-such-fact",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            None,
            [
                "facts/views.yaml: the file is missing: the dashboard shows a default "
                "Overview and the Timeline\n  Hint: See README.md, 'Views': a complete "
                "example of facts/views.yaml."
            ],
        ),
        (
            "dataset: [\n",
            ["facts/views.yaml:2: invalid YAML: did not find expected node content"],
        ),
        (
            "pages:\n  - url: x\n    title: X\n    charts: [{id: x, kind: figures}]\n",
            [
                "facts/views.yaml:1: dataset: required field is missing\n  Hint: See README.md, "
                "'Views': a complete example of facts/views.yaml.",
                "facts/views.yaml:1: overview: required field is missing\n  Hint: See README.md, "
                "'Views': a complete example of facts/views.yaml.",
                "facts/views.yaml:4: pages[0].charts[0].title: required field is missing",
            ],
        ),
    ],
    ids=["missing", "not YAML", "parts missing"],
)
def test_a_views_file_that_cannot_be_used_never_hides_the_facts(
    harbours: Path, text: str | None, expected: list[str]
) -> None:
    views_file = harbours / "facts" / "views.yaml"
    if text is None:
        views_file.unlink()
    else:
        views_file.write_text(text, encoding="utf-8")
    project = load_project(harbours)
    assert [str(error) for error in project.views.errors] == expected
    assert len(project.factset.facts) == 17 and project.factset.errors == []
    # The Timeline of every event still shows (a default page: no name of the corpus).
    assert FALLBACK_PAGE in project.views.pages
    timeline = project.chart(FALLBACK_PAGE.charts[0].id)
    assert set(timeline.data["fact_id"]) == set(project.selected(FALLBACK_PAGE.charts[0]).fact_id)
    assert len(timeline.data) > 0


def test_validate_prints_the_views_errors_like_the_others(
    harbours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (harbours / "facts" / "views.yaml").write_text(BROKEN, encoding="utf-8")
    assert main(["--project", str(harbours), "validate"]) == 1
    err = capsys.readouterr().err
    for message in EXPECTED:
        assert message in err
    assert err.rstrip().endswith(f"{len(EXPECTED)} error(s); 17 fact(s) loaded without errors.")


def test_validate_summarises_good_views(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import HARBOURS

    assert main(["--project", str(HARBOURS), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(
        "Views: 3 page(s), 5 chart(s) and 5 headline(s), every name they use loaded."
    )


def test_the_fixture_views_use_every_chart_kind(on_harbours: Project) -> None:
    kinds = {chart.view.kind for chart in on_harbours.views.charts() if chart.view}
    assert kinds == {"figures", "one_day_counts", "timeline"}
    assert any(
        isinstance(chart.view, TimelineChart) and chart.view.figures
        for chart in on_harbours.views.charts()
    )


def test_committed_json_schemas_are_current() -> None:
    for name, schema in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == render(schema), (
            f"dashboard/schemas/{name} is stale: run 'python -m dashboard schema'"
        )


def test_the_views_schema_refuses_unknown_fields_and_names_the_kinds() -> None:
    views = schemas()["views.schema.json"]
    chart = views["$defs"]["FiguresChart"]
    assert chart["additionalProperties"] is False
    assert chart["properties"]["group_by"]["enum"] == ["period", "measure"]
    page_charts = views["$defs"]["Page"]["properties"]["charts"]["items"]
    assert set(page_charts["discriminator"]["mapping"]) == {
        "figures",
        "one_day_counts",
        "timeline",
    }


def test_a_chart_that_is_not_a_mapping_says_what_a_chart_is(harbours: Path) -> None:
    views_file = harbours / "facts" / "views.yaml"
    text = views_file.read_text(encoding="utf-8")
    views_file.write_text(
        text.replace(
            "    charts:\n      - id: events", "    charts:\n      - just text\n      - id: events"
        ),
        encoding="utf-8",
    )
    project = load_project(harbours)
    assert [str(error) for error in project.views.errors] == [
        "facts/views.yaml:74: pages[2].charts[0]: expected a chart (id, kind, title, select, "
        "...), got str\n  Hint: See README.md, 'Views': a complete example of facts/views.yaml."
    ]
    # The page keeps its other chart, drawn.
    assert [chart.view is not None for chart in project.views.page("events").charts] == [
        False,
        True,
    ]
