"""Every page under AppTest: renders, shows the facts' own values, keeps state in links."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_mod
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from dashboard import charts, exports, formatting, transforms
from dashboard.facts.load import load_facts
from dashboard.paths import PROJECT_DIR_ENV, REPO_DIR

APP = str(REPO_DIR / "dashboard" / "app.py")
PAGES = {
    "overview": ("app_pages/overview.py", "UK migration: verified facts"),
    "crossings": ("app_pages/crossings.py", "Channel crossings"),
    "deportations": ("app_pages/deportations.py", "Deportations and returns"),
    "timeline": ("app_pages/timeline.py", "Timeline"),
    "sources": ("app_pages/sources.py", "Sources"),
    "data": ("app_pages/data.py", "Data"),
}


def load_facts_table() -> pd.DataFrame:
    return transforms.facts_table(load_facts())


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_facts_table()


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


def open_page(
    page: str, params: dict[str, str | list[str]] | None = None, theme: str | None = None
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if theme:
        at.context = {"theme": theme}
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page][0])
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def plain(markdown: str) -> str:
    """Undo dashboard.text.escape_markdown, to compare with the facts' own text."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("  \n", "\n")


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders(page: str, theme: str) -> None:
    at = open_page(page, theme=theme)
    assert not at.exception
    assert at.title[0].value == PAGES[page][1]
    assert not at.error  # no fact-file banner with the real facts


@pytest.mark.parametrize(
    ("page", "charts_drawn"),
    [("crossings", 2), ("deportations", 2), ("timeline", 1)],
)
def test_chart_pages_draw_their_charts(page: str, charts_drawn: int) -> None:
    at = open_page(page)
    assert len(at.get("plotly_chart")) == charts_drawn


def test_overview_metrics_read_from_the_facts(table: pd.DataFrame) -> None:
    at = open_page("overview")
    shown = {plain(m.label): m.value for m in at.metric}
    expected = {
        label: formatting.figure_text(table.set_index("fact_id").loc[fact_id].to_dict())
        for fact_id, label in transforms.HEADLINES
    }
    assert shown == expected
    assert shown["Small-boat crossings, 2024 so far"] == "29,154"
    assert shown["Syrians' voluntary returns from Türkiye, 2022"] == "about 58,758"


@pytest.mark.parametrize(
    ("page", "builders"),
    [
        ("crossings", [charts.crossings_totals, charts.crossings_one_day]),
        ("deportations", [charts.deportations_returns, charts.bibby_stockholm]),
    ],
)
def test_chart_csv_downloads_are_exactly_the_chart_data(
    page: str,
    builders: list[Callable[[pd.DataFrame], charts.Chart]],
    table: pd.DataFrame,
    download_bytes: Callable[[str], bytes],
) -> None:
    at = open_page(page)
    for build in builders:
        chart = build(table)
        button = at.get("download_button")
        urls = [b.proto.url for b in button if b.proto.id and chart.key in b.proto.id]
        assert len(urls) == 1, chart.key
        assert download_bytes(urls[0]) == exports.to_csv(chart.data)
        assert len(chart.data) > 0


@pytest.mark.parametrize(
    ("page", "build"),
    [
        ("crossings", charts.crossings_totals),
        ("crossings", charts.crossings_one_day),
        ("deportations", charts.deportations_returns),
        ("deportations", charts.bibby_stockholm),
    ],
)
def test_table_view_shows_exactly_the_chart_data(
    page: str, build: Callable[[pd.DataFrame], charts.Chart], table: pd.DataFrame
) -> None:
    chart = build(table)
    at = open_page(page)
    # The Chart tab is open: both charts drawn, no table sent (the tabs are lazy).
    assert len(at.get("plotly_chart")) == 2
    assert len(at.dataframe) == 0
    at = open_page(page, {f"{chart.key}-view": "Table"})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1  # the other chart of the page
    assert len(at.dataframe) == 1
    pd.testing.assert_frame_equal(at.dataframe[0].value, chart.data)


def drawn_fact_ids(spec: str) -> set[str]:
    """Fact ids in a figure's customdata (each point's first element)."""
    ids = set()
    for trace in json.loads(spec)["data"]:
        for item in trace.get("customdata") or []:
            if isinstance(item, list) and item and isinstance(item[0], str):
                ids.add(item[0])
    return ids


def test_timeline_filter_from_link_restores_the_view(table: pd.DataFrame) -> None:
    at = open_page("timeline", {"partnership": "UK–Albania"})
    assert not at.exception
    pills = at.get("button_group")
    assert [list(p.value) for p in pills if p.label == "Partnership"] == [["UK–Albania"]]
    drawn = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    expected = transforms.timeline_events(table, ["UK–Albania"])["fact_id"]
    assert drawn == set(expected) and len(drawn) > 0


def test_timeline_topic_filter_changes_what_is_shown() -> None:
    at = open_page("timeline")
    everything = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    at.multiselect(key="topic").set_value(["appointments"]).run()
    only = drawn_fact_ids(at.get("plotly_chart")[0].proto.spec)
    assert only == {"uk-hewitt-appointed"}
    assert len(everything) == len(transforms.timeline_events(load_facts_table()))


def test_timeline_event_link_shows_its_quote(table: pd.DataFrame) -> None:
    at = open_page("timeline", {"event": "uk-hewitt-appointed"})
    quote = table.set_index("fact_id").loc["uk-hewitt-appointed", "quote"]
    assert any(quote in plain(md.value) for md in at.markdown)


@pytest.mark.parametrize(
    ("page", "params", "notice"),
    [
        ("crossings", {"colour": "red"}, "Ignored the link parameter “colour”"),
        ("timeline", {"partnership": "UK–Mars"}, "Ignored partnership=“UK–Mars”: not one of"),
        ("data", {"exactness": "<script>"}, "Ignored exactness=“<script>”"),
        ("sources", {"fact": "no-such-fact"}, "Ignored fact=“no-such-fact”"),
    ],
)
def test_invalid_link_parameters_give_a_notice(
    page: str, params: dict[str, str], notice: str
) -> None:
    at = open_page(page, params)
    assert not at.exception
    assert any(notice in c for c in captions(at)), captions(at)


def test_data_page_search_filters_rows() -> None:
    at = open_page("data", {"q": "Bibby"})
    frame = at.dataframe[0].value
    assert set(frame["fact_id"]) == {
        "uk-bibby-stockholm-first-boarded",
        "uk-bibby-stockholm-expected",
        "uk-bibby-stockholm-reprieved",
    }


def test_data_page_downloads_are_the_rows_shown_and_the_whole_dataset(
    deferred_download_bytes: Callable[[str], bytes], table: pd.DataFrame
) -> None:
    at = open_page("data", {"topic": "deportations"})
    # Widget ids end in their key: "$$ID-<hash>-download-shown".
    buttons = {b.proto.id.split("-", 2)[-1]: b.proto for b in at.get("download_button")}
    factset = load_facts()
    expected = {
        "download-shown": exports.to_csv(transforms.filter_facts(table, topics=["deportations"])),
        "download-csv": exports.to_csv(table),
        "download-json": exports.to_json(table, factset),
        "download-zip": exports.dataset_zip(table, factset),
    }
    for key, content in expected.items():
        downloaded = deferred_download_bytes(buttons[key].deferred_file_id)
        assert comparable(key, downloaded) == comparable(key, content), key


def comparable(key: str, content: bytes) -> object:
    """A download as it can be compared: the JSON says when it was generated and a ZIP
    stamps its members' times, both to the second; everything else must be equal."""

    def json_without_time(raw: bytes) -> dict[str, object]:
        document = json.loads(raw)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document.pop("generated"))
        return dict(document)

    if key == "download-json":
        return json_without_time(content)
    if key == "download-zip":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {
                name: json_without_time(archive.read(name))
                if name.endswith(".json")
                else archive.read(name)
                for name in archive.namelist()
            }
    return content


def test_sources_page_follows_a_fact_to_its_seed(table: pd.DataFrame) -> None:
    at = open_page("sources", {"fact": "tr-deportations-2022"})
    assert not at.exception
    control = at.get("button_group")[0]
    assert control.value == "004_040e6e274c70a35f.txt"
    assert any(":blue-background[" in md.value for md in at.markdown)


@pytest.fixture
def broken_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (project / "facts" / "broken.facts.yaml").write_text(
        "facts:\n  - id: broken\n    value: [\n", encoding="utf-8"
    )
    monkeypatch.setenv(PROJECT_DIR_ENV, str(project))
    yield project


@pytest.mark.parametrize("page", list(PAGES))
def test_broken_fact_file_gives_a_banner_and_the_rest_renders(
    broken_project: Path, page: str
) -> None:
    at = open_page(page)
    assert not at.exception
    assert "1 problem(s) in the fact files" in at.error[0].value
    assert "facts/broken.facts.yaml:4: invalid YAML" in at.code[0].value
    assert at.title[0].value == PAGES[page][1]


CONFLICTING_FACT = """\
facts:
  - id: test-conflicting-total
    statement: A second, conflicting figure for the same total.
    topic: crossings
    partnership: UK–Albania
    countries: [United Kingdom]
    measure: people crossing the Channel in small boats
    value: 509
    unit: people
    exactness: exact
    status: happened
    date: {edtf: "2024-01-01/2024-10-26", precision: span, reason: "A test of a conflict."}
    source: 000_ed660ce8024e48cd.txt
    quote: "509 individuals crossed the Channel"
"""


def test_conflicting_facts_are_both_kept_and_shown(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "facts" / "zz-conflict.facts.yaml").write_text(CONFLICTING_FACT, encoding="utf-8")
    monkeypatch.setenv(PROJECT_DIR_ENV, str(project))
    at = open_page("data")
    assert not at.exception and not at.error
    assert "Conflicting facts (1)" in [plain(h.value) for h in at.subheader]
    conflicts = at.dataframe[1].value
    assert conflicts[["fact_id", "other_fact_id", "figure", "other_figure"]].values.tolist() == [
        ["test-conflicting-total", "uk-crossings-2024-to-date", "509", "29,154"]
    ]
    shown = set(at.dataframe[0].value["fact_id"])
    assert {"test-conflicting-total", "uk-crossings-2024-to-date"} <= shown
