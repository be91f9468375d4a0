"""Links a reader takes away, on the harbours fixture project: the Sources page's
``seed`` is the file name both ways (older label links still open their file, an
unknown name says so), and beside each chart's downloads a link to the chart as shown
and an embed snippet (Streamlit's ``?embed=true``)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import url_state
from dashboard.views.project import Project
from tests.apptest import APP, captions, go_to, open_page, plain
from tests.test_app import buttons_by_key, deferred_download_bytes, download_bytes

__all__ = ["deferred_download_bytes", "download_bytes"]  # fixtures used here

VESTERLAND = "102_norland_vesterland.txt"
VESTERLAND_LABEL = "Vesterland returns more people to Norland (2024, undated)"
ESTMARK_LABEL = "Norland and Estmark sign an accord on Sound patrols (4 March 2025)"


# ---------------------------------------------------------------------------
# Addresses (pure)


@pytest.mark.parametrize(
    ("value", "resolved"),
    [
        (VESTERLAND, VESTERLAND),  # the file name
        (VESTERLAND_LABEL, VESTERLAND),  # an older link's label
        ("004_unknown.txt", None),
        (None, None),
    ],
)
def test_a_link_value_resolves_to_a_file(value: str | None, resolved: str | None) -> None:
    options = ["101_norland_estmark.txt", VESTERLAND]
    assert url_state.resolve(value, options, {VESTERLAND_LABEL: VESTERLAND}) == resolved


@pytest.mark.parametrize(
    ("page_url", "address"),
    [
        ("https://dash.example/sound", "https://dash.example/"),
        ("https://dash.example/app/sources", "https://dash.example/app/"),
        ("https://dash.example/", "https://dash.example/"),
        ("http://localhost:8501", "http://localhost:8501/"),
        (None, None),
    ],
)
def test_the_dashboards_address_from_a_pages(page_url: str | None, address: str | None) -> None:
    assert url_state.app_address(page_url, ["sound", "sources", "data"]) == address


@pytest.mark.parametrize(
    ("params", "url"),
    [
        ({}, "https://dash.example/events#events"),
        (
            {"events-view": ["Table"], "partnership": ["Norland–Vesterland"], "q": ["x"]},
            "https://dash.example/events?events-view=Table&partnership=Norland%E2%80%93"
            "Vesterland#events",
        ),
        ({"other-view": ["Table"]}, "https://dash.example/events#events"),
    ],
)
def test_a_charts_link_keeps_only_its_own_parameters(
    params: dict[str, list[str]], url: str
) -> None:
    own = ["events-view", "partnership", "topic", "event"]
    assert url_state.chart_url("https://dash.example/events", params, "events", own) == url


@pytest.mark.parametrize(
    ("url", "embedded"),
    [
        ("https://d.example/sound#a", "https://d.example/sound?embed=true#a"),
        ("https://d.example/sound?x=1&embed=false#a", "https://d.example/sound?x=1&embed=true#a"),
    ],
)
def test_the_embed_address_is_streamlits_embed_mode(url: str, embedded: str) -> None:
    assert url_state.embed_url(url) == embedded


def test_the_embed_snippet_escapes_what_it_quotes() -> None:
    snippet = url_state.embed_snippet("https://d.example/s?a=1#c", 'Say "hi" <b>')
    assert snippet == (
        '<iframe src="https://d.example/s?a=1&amp;embed=true#c" title="Say &quot;hi&quot; '
        '&lt;b&gt;" width="100%" height="720" style="border:0" loading="lazy"></iframe>'
    )


# ---------------------------------------------------------------------------
# Sources: seed is the file name


def test_an_older_label_link_opens_its_file_and_the_address_names_the_file(
    on_harbours: Project,
) -> None:
    at = open_page("sources", {"seed": VESTERLAND_LABEL})
    assert not at.exception
    assert at.get("button_group")[0].value == VESTERLAND
    assert at.query_params["seed"] == VESTERLAND
    assert not any("Ignored" in c or "No source" in c for c in captions(at))
    assert not at.warning


def test_an_unknown_seed_says_so_and_which_document_it_shows(on_harbours: Project) -> None:
    at = open_page("sources", {"seed": "004_unknown.txt"})
    assert not at.exception
    assert [plain(w.value) for w in at.warning] == [
        f"No source document is named “004_unknown.txt”: showing “{ESTMARK_LABEL}” "
        "instead. A link names one of 101_norland_estmark.txt, 102_norland_vesterland.txt."
    ]
    assert plain(at.header[0].value) == ESTMARK_LABEL


# ---------------------------------------------------------------------------
# Beside each chart: its link and an embed snippet


def open_at(url_path: str, params: dict[str, str], timezone: str = "UTC") -> AppTest:
    """A page as a browser at https://dash.example/<url_path> opens it."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.context = {"url": f"https://dash.example/{url_path}", "timezone": timezone}
    at.run()
    go_to(at, url_path)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_each_chart_has_its_link_and_embed_snippet(on_harbours: Project) -> None:
    at = open_at("sound", {"sound-totals-view": "Table"})
    assert not at.exception
    # The last is the sidebar's link to the whole page as shown.
    codes = [code.value for code in at.code]
    assert codes == [
        "https://dash.example/sound?sound-totals-view=Table#sound-totals",
        '<iframe src="https://dash.example/sound?sound-totals-view=Table&amp;embed=true'
        '#sound-totals" title="Crossings of the Sound by year" width="100%" height="720" '
        'style="border:0" loading="lazy"></iframe>',
        "https://dash.example/sound#sound-one-day",
        '<iframe src="https://dash.example/sound?embed=true#sound-one-day" title="Crossings '
        'of the Sound on one day" width="100%" height="720" style="border:0" '
        'loading="lazy"></iframe>',
        "https://dash.example/sound?sound-totals-view=Table",
    ]


def test_a_timelines_link_keeps_its_filters_and_event(on_harbours: Project) -> None:
    at = open_at("events", {"partnership": "Norland–Vesterland", "event": "nv-minister-visit"})
    assert not at.exception
    assert at.code[0].value == (
        "https://dash.example/events?partnership=Norland%E2%80%93Vesterland"
        "&event=nv-minister-visit#events"
    )


def test_the_charts_package_cites_its_link_and_the_readers_day(
    on_harbours: Project, deferred_download_bytes: Callable[[str], bytes]
) -> None:
    # Kiritimati is UTC+14: its day is the reader's access date, whatever the server's.
    at = open_at("sound", {}, timezone="Pacific/Kiritimati")
    button = buttons_by_key(at)["sound-totals-package"]
    data = deferred_download_bytes(button.deferred_file_id)  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
    kiritimati = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date().isoformat()
    assert descriptor["accessed"] == kiritimati
    assert descriptor["homepage"] == "https://dash.example/"
    assert descriptor["citation"].startswith(
        "“Crossings of the Sound by year”, chart. https://dash.example/sound#sound-totals In: "
    )


def test_without_a_known_address_no_link_is_offered(on_harbours: Project) -> None:
    at = open_page("sound")
    assert not at.exception
    assert [code.value for code in at.code] == []
    assert "sound-totals-package" in buttons_by_key(at)
