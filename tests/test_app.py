"""Every page under AppTest, on the harbours fixture project: it renders from the views,
shows the facts' own values, keeps its state in links, and a broken file never takes
it down."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_mod
import yaml
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from dashboard import exports, transforms, words
from dashboard.citation import Edition, citation_text, content_version, today
from dashboard.paths import PROJECT_DIR_ENV, project_paths
from dashboard.text import escape_markdown
from dashboard.views.project import Project, load_project
from tests.apptest import captions, drawn_fact_ids, open_page, plain
from tests.conftest import HARBOURS

# address: (title, charts drawn)
PAGES = {
    "overview": ("Harbours: verified facts", 0),
    "sound": ("Crossings of the Sound", 2),
    "returns": ("Returns and housing", 2),
    "events": ("Events", 1),
    "sources": ("Sources", 0),
    "data": ("Data", 0),
}


@pytest.fixture
def download_bytes(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], bytes]:
    stores: list[MemoryMediaFileStorage] = []

    class Capturing(MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test_mod, "MemoryMediaFileStorage", Capturing)
    return lambda url: bytes(stores[-1].get_file(url.rsplit("/", 1)[-1]).content)


@pytest.fixture
def deferred_download_bytes(
    monkeypatch: pytest.MonkeyPatch, download_bytes: Callable[[str], bytes]
) -> Callable[[str], bytes]:
    """The bytes of a download written only when clicked (``data`` a callable): run it
    as the server does on a click, then read the file it wrote."""
    managers: list[MediaFileManager] = []

    class Capturing(MediaFileManager):
        def __init__(self, storage: MemoryMediaFileStorage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test_mod, "MediaFileManager", Capturing)
    return lambda file_id: download_bytes(managers[-1].execute_deferred(file_id))


def buttons_by_key(at: AppTest) -> dict[str, object]:
    # Widget ids end in their key: "$$ID-<hash>-download-shown".
    return {b.proto.id.split("-", 2)[-1]: b.proto for b in at.get("download_button")}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders(on_harbours: Project, page: str, theme: str) -> None:
    at = open_page(page, theme=theme)
    assert not at.exception
    assert plain(at.title[0].value) == PAGES[page][0]
    assert len(at.get("plotly_chart")) == PAGES[page][1]
    assert not at.error  # no banner: the fixture project has no problem


def test_the_menu_is_the_overview_the_views_pages_then_sources_and_data(
    on_harbours: Project,
) -> None:
    at = open_page("overview")
    links = [plain(link.proto.label) for link in at.get("page_link")]
    # The Overview's headline figures link to their evidence; "Explore" lists the rest.
    assert links[-5:] == [
        "Crossings of the Sound",
        "Returns and housing",
        "Events",
        "Sources",
        "Data",
    ]


def test_overview_metrics_read_from_the_facts(on_harbours: Project) -> None:
    at = open_page("overview")
    shown = {plain(m.label): m.value for m in at.metric}
    table = on_harbours.table.set_index("fact_id")
    units = on_harbours.context.units
    expected = {
        headline.label: words.figure(table.loc[headline.fact], units)
        for headline in on_harbours.views.overview.headlines
    }
    assert shown == expected
    assert shown["Crossings of the Sound, 2024"] == "4,210"
    assert shown["Housed at Port Amber"] == "about 300"
    assert shown["Spent on patrol equipment"] == "about €12,500"


def test_overview_key_points_are_in_time_order(on_harbours: Project) -> None:
    at = open_page("overview")
    table = on_harbours.table.set_index("fact_id")
    points = [plain(md.value) for md in at.markdown if md.value.startswith("- **")]
    expected = transforms.key_points(on_harbours.table, on_harbours.views.overview)
    assert points == [
        f"- **{words.when(row)}**: {row['statement']}" for _, row in expected.iterrows()
    ]
    assert points[0].startswith(f"- **{table.loc['nv-minister-visit', 'period_label']}**")


def test_overview_cards_read_row_by_row(on_harbours: Project) -> None:
    """Issue 11: the cards were laid out column by column, so a phone, a keyboard and
    a screen reader read the first of each row, then the second... Now row by row:
    the page's order is the views' order."""
    at = open_page("overview")
    labels = [plain(metric.label) for metric in at.metric]
    assert labels == [headline.label for headline in on_harbours.views.overview.headlines]
    assert len(labels) > 3  # more than one row


def test_an_undated_key_point_is_labelled_by_its_source(
    harbours: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11: 'not dated; reported between ...' read like a date. An undated key
    point (or card) now says it is undated and names its source."""
    views = harbours / "facts" / "views.yaml"
    text = views.read_text(encoding="utf-8")
    views.write_text(
        text.replace("  key_points:", "  key_points:\n    - nv-awaiting-decision", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    project = load_project(harbours)
    seed_label = project.table.set_index("fact_id").loc["nv-awaiting-decision", "seed_label"]
    at = open_page("overview")
    points = [plain(md.value) for md in at.markdown if md.value.startswith("- **")]
    undated = [point for point in points if "waiting for a decision" in point]
    assert len(undated) == 1
    assert undated[0].startswith(f"- **Undated, from “{seed_label}”**: ")
    assert not any("reported between" in point for point in points)
    # The undated headline card (spent on patrol equipment) too.
    assert not any("not dated; reported" in caption for caption in captions(at))
    assert any(caption.startswith("Undated, from “") for caption in captions(at))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"dated_by": "seed", "period_label": "spring 2023"}, "spring 2023"),
        (
            {
                "dated_by": "publication",
                "period_label": "not dated; reported on 4 March 2025",
                "seed_label": "An article (4 March 2025)",
                "seed": "a.txt",
            },
            "Undated, from “An article (4 March 2025)”",
        ),
        (
            {
                "dated_by": "publication",
                "period_label": "x",
                "relative_phrase": "recently",
                "seed_label": None,
                "seed": "a.txt",
            },
            "“Recently”, undated, from “a.txt”",
        ),
    ],
)
def test_when_a_fact_happened_in_words(row: dict[str, object], expected: str) -> None:
    assert words.when(row) == expected


def test_a_headline_whose_fact_did_not_load_is_counted(
    harbours: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    views = harbours / "facts" / "views.yaml"
    views.write_text(
        views.read_text(encoding="utf-8").replace("fact: nv-returns-2023", "fact: nv-gone"),
        encoding="utf-8",
    )
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    at = open_page("overview")
    assert not at.exception
    assert len(at.metric) == 4
    assert [w.value for w in at.warning] == [
        "1 headline figure(s) are not shown: their facts did not load."
    ]
    assert "1 problem(s) in the fact files" in at.error[0].value


@pytest.mark.parametrize("page", ["sound", "returns"])
def test_chart_csv_downloads_are_exactly_the_chart_data(
    on_harbours: Project, page: str, download_bytes: Callable[[str], bytes]
) -> None:
    at = open_page(page)
    buttons = buttons_by_key(at)
    for chart in on_harbours.views.page(page).charts:
        expected = on_harbours.chart(chart.id).data
        assert len(expected) > 0
        assert download_bytes(buttons[f"{chart.id}-csv"].url) == exports.to_csv(expected)


@pytest.mark.parametrize("chart_id", ["sound-totals", "sound-one-day"])
def test_table_view_shows_exactly_the_chart_data(on_harbours: Project, chart_id: str) -> None:
    at = open_page("sound")
    # The Chart tab is open: both charts drawn, no table sent (the tabs are lazy).
    assert len(at.get("plotly_chart")) == 2
    assert len(at.dataframe) == 0
    at = open_page("sound", {f"{chart_id}-view": "Table"})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1  # the other chart of the page
    assert len(at.dataframe) == 1
    shown = at.dataframe[0].value
    pd.testing.assert_frame_equal(
        shown, transforms.blank_missing_text(on_harbours.chart(chart_id).data)
    )


@pytest.mark.parametrize(("page", "chart_id"), [("events", "events"), ("sound", "sound-totals")])
def test_table_tab_has_labelled_headers_and_blank_missing_values(
    on_harbours: Project, page: str, chart_id: str
) -> None:
    """Issue 11: the Table tab mixed raw headers (`period_label`) with labelled ones
    and showed "None" for a missing value."""
    at = open_page(page, {f"{chart_id}-view": "Table"})
    table = at.dataframe[0]
    data = on_harbours.chart(chart_id).data
    configs = json.loads(table.proto.columns)
    headers = {name: config["label"] for name, config in configs.items() if name != "_index"}
    assert set(headers) == set(data.columns)
    assert [name for name, label in headers.items() if "_" in label or label == name] == []
    text = [name for name in data.columns if pd.api.types.is_string_dtype(data[name])]
    assert data[text].isna().any().any()  # the fixture has missing text to blank
    assert not table.value[text].isna().any().any()
    assert (table.value[text][data[text].isna()].fillna("") == "").all().all()


def test_timeline_table_rows_can_be_selected(on_harbours: Project) -> None:
    """The Table tab of a timeline selects its events by row (a keyboard reaches a
    row; the browser test presses the keys) and says so."""
    at = open_page("events", {"events-view": "Table"})
    assert at.dataframe[0].proto.selection_mode  # single-row selection is on
    assert not any("hover" in caption.lower() for caption in captions(at))
    assert any("a row of the Table tab" in caption for caption in captions(at))


def test_timeline_filter_from_link_restores_the_view(on_harbours: Project) -> None:
    at = open_page("events", {"partnership": "Norland–Estmark"})
    assert not at.exception
    pills = at.get("button_group")
    assert [list(p.value) for p in pills if p.label == "Partnership"] == [["Norland–Estmark"]]
    drawn = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    expected = on_harbours.selected(
        on_harbours.views.chart("events"), partnerships=["Norland–Estmark"]
    )["fact_id"]
    assert sorted(drawn) == sorted(expected) and len(drawn) > 0


def test_timeline_topic_filter_changes_what_is_shown(on_harbours: Project) -> None:
    at = open_page("events")
    everything = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    assert len(everything) == len(on_harbours.selected(on_harbours.views.chart("events")))
    at.multiselect(key="topic").set_value(["staffing"]).run()
    only = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    assert only == ["ne-commander-appointed"]


def test_timeline_topics_are_named_by_their_labels(on_harbours: Project) -> None:
    at = open_page("events")
    topic = at.multiselect(key="topic")
    assert topic.options == [
        on_harbours.context.topics[name] for name in on_harbours.timeline_topics("events")
    ]


def test_timeline_event_link_shows_its_quote(on_harbours: Project) -> None:
    at = open_page("events", {"event": "ne-accord-signed"})
    quote = on_harbours.table.set_index("fact_id").loc["ne-accord-signed", "quote"]
    assert any(quote in plain(md.value) for md in at.markdown)


@pytest.mark.parametrize(
    ("page", "params", "notice"),
    [
        ("sound", {"colour": "red"}, "Ignored the link parameter “colour”"),
        (
            "events",
            {"partnership": "Norland–Mars"},
            "Ignored partnership=“Norland–Mars”: not one of",
        ),
        ("data", {"exactness": "<script>"}, "Ignored exactness=“<script>”"),
        ("sources", {"fact": "no-such-fact"}, "Ignored fact=“no-such-fact”"),
        ("overview", {"event": "ne-accord-signed"}, "Ignored the link parameter “event”"),
    ],
)
def test_invalid_link_parameters_give_a_notice(
    on_harbours: Project, page: str, params: dict[str, str], notice: str
) -> None:
    at = open_page(page, params)
    assert not at.exception
    assert any(notice in c for c in captions(at)), captions(at)


def test_data_page_search_filters_rows(on_harbours: Project) -> None:
    at = open_page("data", {"q": "Port Amber"})
    frame = at.dataframe[0].value
    assert set(frame["fact_id"]) == {"nv-housed-port-amber", "nv-expected-port-amber"}


def page_edition() -> Edition:
    """The edition a page cites under AppTest: the fixture's version, today, and no
    address (AppTest has no browser address, and the fixture's views give none)."""
    return Edition(version=content_version(project_paths(HARBOURS)), accessed=today())


def test_data_page_downloads_are_the_rows_shown_and_the_whole_dataset(
    on_harbours: Project, deferred_download_bytes: Callable[[str], bytes]
) -> None:
    at = open_page("data", {"topic": "removals"})
    buttons = buttons_by_key(at)
    table, factset, dataset = on_harbours.table, on_harbours.factset, on_harbours.views.dataset
    expected = {
        "download-shown": exports.to_csv(transforms.filter_facts(table, topics=["removals"])),
        "download-csv": exports.to_csv(table),
        "download-json": exports.to_json(table, factset, dataset, page_edition()),
        "download-zip": exports.dataset_zip(table, factset, dataset, page_edition()),
    }
    for key, content in expected.items():
        downloaded = deferred_download_bytes(buttons[key].deferred_file_id)  # type: ignore[attr-defined]
        assert downloaded == content, key
    document = json.loads(deferred_download_bytes(buttons["download-json"].deferred_file_id))  # type: ignore[attr-defined]
    assert document["title"] == dataset.title and document["licence"] == dataset.licence


def test_data_page_cites_the_dataset_of_the_views(on_harbours: Project) -> None:
    at = open_page("data")
    citation = citation_text(on_harbours.views.dataset, on_harbours.factset, page_edition())
    assert citation.startswith("Harbour crossings and returns between Norland")
    assert any(code.value == citation for code in at.code)


def test_sources_page_follows_a_fact_to_its_seed(on_harbours: Project) -> None:
    at = open_page("sources", {"fact": "nv-returns-2023"})
    assert not at.exception
    assert at.get("button_group")[0].value == "102_norland_vesterland.txt"
    assert any(":blue-background[" in md.value for md in at.markdown)


def test_sources_page_opens_the_document_its_link_names(on_harbours: Project) -> None:
    at = open_page("sources", {"seed": "102_norland_vesterland.txt"})
    assert at.get("button_group")[0].value == "102_norland_vesterland.txt"
    assert "Facts drawn from this source (8)" in [plain(h.value) for h in at.header]
    assert not any("Ignored" in c for c in captions(at))


def test_every_table_has_our_download_beside_it(on_harbours: Project, harbours: Path) -> None:
    pages: list[tuple[str, dict[str, str | list[str]]]] = [
        ("sources", {}),
        ("data", {}),
        *[
            (page, {f"{chart.id}-view": "Table" for chart in on_harbours.views.page(page).charts})
            for page in ("sound", "returns", "events")
        ],
    ]
    for page, params in pages:
        at = open_page(page, params)
        keys = buttons_by_key(at)
        tables = len(at.dataframe)
        assert tables > 0, page
        assert sum(key.endswith("csv") or key.startswith("download") for key in keys) >= tables


@pytest.fixture
def broken_facts(harbours: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (harbours / "facts" / "broken.facts.yaml").write_text(
        "facts:\n  - id: broken\n    value: [\n", encoding="utf-8"
    )
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    return harbours


@pytest.mark.parametrize("page", list(PAGES))
def test_a_broken_fact_file_gives_a_banner_and_the_rest_renders(
    broken_facts: Path, page: str
) -> None:
    at = open_page(page)
    assert not at.exception
    assert "1 problem(s) in the fact files" in at.error[0].value
    assert "facts/broken.facts.yaml:4: invalid YAML" in at.code[0].value
    assert plain(at.title[0].value) == PAGES[page][0]


@pytest.fixture
def broken_views(harbours: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (harbours / "facts" / "views.yaml").write_text("pages: [\n", encoding="utf-8")
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    return harbours


@pytest.mark.parametrize(
    ("page", "title", "charts"),
    [
        ("overview", "Verified facts", 0),
        ("timeline", "Timeline", 1),
        ("sources", "Sources", 0),
        ("data", "Data", 0),
    ],
)
def test_a_broken_views_file_never_hides_the_facts(
    broken_views: Path, page: str, title: str, charts: int
) -> None:
    at = open_page(page)
    assert not at.exception
    assert "1 problem(s) in the fact files" in at.error[0].value
    assert "facts/views.yaml:2: invalid YAML" in at.code[0].value
    assert plain(at.title[0].value) == title
    assert len(at.get("plotly_chart")) == charts
    if page == "timeline":
        assert len(drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)) > 0
    if page == "data":
        assert len(at.dataframe[0].value) == 17


def test_a_broken_chart_says_so_in_place(harbours: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    views = harbours / "facts" / "views.yaml"
    document = yaml.safe_load(views.read_text(encoding="utf-8"))
    charts = document["pages"][0]["charts"]
    charts[0]["colour"] = "red"  # unknown field: cannot be drawn
    charts[1]["select"]["measures"].append("people crossing the Sund")  # drawn, with a warning
    views.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    at = open_page("sound")
    assert not at.exception
    assert "2 problem(s) in the fact files" in at.error[0].value
    in_place = plain(at.error[1].value)
    assert in_place.startswith("This chart cannot be drawn: its view in the views file is broken.")
    assert "pages[0].charts[0].colour: unknown field" in in_place
    assert [plain(h.value) for h in at.header] == [
        "Crossings of the Sound by year",
        "Crossings of the Sound on one day",
    ]
    assert len(at.get("plotly_chart")) == 1
    warning = plain(at.warning[0].value)
    assert "no loaded fact has the measure 'people crossing the Sund'" in warning


CONFLICTING_FACT = """\
facts:
  - id: test-conflicting-total
    statement: A second, conflicting figure for the same total.
    topic: arrivals
    partnership: Norland–Estmark
    countries: [Norland]
    measure: people crossing the Sound in dinghies
    value: 212
    unit: persons
    exactness: exact
    status: happened
    date: {edtf: "2024", precision: year, reason: "A test of a conflict."}
    source: 101_norland_estmark.txt
    quote: "212 people crossed the Sound"
"""


def test_conflicting_facts_are_both_kept_and_shown(
    harbours: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (harbours / "facts" / "zz-conflict.facts.yaml").write_text(CONFLICTING_FACT, encoding="utf-8")
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    at = open_page("data")
    assert not at.exception and not at.error
    assert "Conflicting facts (1)" in [plain(h.value) for h in at.header]
    conflicts = at.dataframe[1].value
    assert conflicts[["fact_id", "other_fact_id", "figure", "other_figure"]].values.tolist() == [
        ["test-conflicting-total", "ne-crossings-2024", "212", "4,210"]
    ]
    shown = set(at.dataframe[0].value["fact_id"])
    assert {"test-conflicting-total", "ne-crossings-2024"} <= shown
    assert "conflicts-csv" in buttons_by_key(at)


HOSTILE_PARTNERSHIP = "**Nor**land–:red[Est] $x$ <b>mark</b>"
HOSTILE_LABEL = ":red[Gazette] **bold** $y$ [link](https://example.invalid)"


@pytest.fixture
def hostile_names(harbours: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A partnership and a register label written in Markdown and Streamlit directives."""
    for path in (harbours / "facts").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("Norland–Estmark", json.dumps(HOSTILE_PARTNERSHIP))
        text = text.replace(
            "label: Norland and Estmark sign an accord on Sound patrols (4 March 2025)",
            f"label: {json.dumps(HOSTILE_LABEL)}",
        )
        path.write_text(text, encoding="utf-8")
    assert load_project(harbours).errors == []
    monkeypatch.setenv(PROJECT_DIR_ENV, str(harbours))
    return harbours


def test_pills_and_the_source_picker_show_data_text_as_typed(hostile_names: Path) -> None:
    at = open_page("events")
    pills = next(p for p in at.get("button_group") if p.label == "Partnership")
    # Pills render their options as Markdown: the option is sent escaped.
    contents = [option.content for option in pills.proto.options]
    assert contents == [escape_markdown(HOSTILE_PARTNERSHIP), "Norland–Vesterland"]
    # The link keeps the partnership itself, not its escaped label.
    at = open_page("events", {"partnership": "Norland–Vesterland"})
    assert [list(p.value) for p in at.get("button_group")] == [["Norland–Vesterland"]]
    sources = open_page("sources")
    picker = sources.get("button_group")[0]
    assert next(option.content for option in picker.proto.options) == escape_markdown(HOSTILE_LABEL)
    assert plain(sources.header[0].value) == HOSTILE_LABEL
