"""Inert text, highlighting, link parameters and the words of figures (pure functions)."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dashboard import sources, transforms, url_state, words
from dashboard.facts.crosscheck import find_conflicts
from dashboard.facts.vocabulary import UnitEntry
from dashboard.text import Segment, escape_markdown, paragraphs, segments
from tests.conftest import harbours_project

RENDER = MarkdownIt("commonmark").enable("table").render
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    ":red[styled] :smile: $x^2$ **bold** `code`",
    "# heading\n\n> quote\n\n- item",
    "<https://example.invalid>",
    "see https://example.invalid/x and www.example.invalid",
    "a: b: c",
]


def visible_text(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\n", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_typed(text: str) -> None:
    html = RENDER(escape_markdown(text))
    assert not re.search(r"<(a|img|script|h1|blockquote|ul|strong)\b", html)
    assert visible_text(html) == text.replace("\n", "")
    # Code spans only for web addresses, which GitHub-flavoured Markdown would link.
    assert ("<code>" in html) == ("example.invalid" in text)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("see https://example.invalid/x.", "see `https://example.invalid/x.`"),
        (
            "www.example.invalid and me@example.invalid",
            "`www.example.invalid` and `me@example.invalid`",
        ),
        ("no address: a.b", "no address: a\\.b"),
    ],
)
def test_bare_addresses_are_code_not_links(text: str, markdown: str) -> None:
    assert escape_markdown(text) == markdown


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=80))
def test_any_text_renders_without_markup(text: str) -> None:
    html = RENDER(escape_markdown(text))
    assert not re.search(r"<(a|img|script|em|strong|h\d|ul|ol|blockquote|hr)\b", html)


def test_segments_cover_the_text_and_mark_quotes() -> None:
    text = "One two three. Four five."
    parts = segments(text, [("a", "two three"), ("b", "three. Four")])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.fact_ids) for p in parts] == [
        ("One ", ()),
        ("two ", ("a",)),
        ("three", ("a", "b")),
        (". Four", ("b",)),
        (" five.", ()),
    ]


def test_paragraphs_split_at_blank_lines() -> None:
    blocks = paragraphs([Segment("a\n\nb", ("x",)), Segment(" c", ())])
    assert [[(s.text, s.fact_ids) for s in b] for b in blocks] == [
        [("a", ("x",))],
        [("b", ("x",)), (" c", ())],
    ]


def test_every_quote_is_highlighted_on_the_sources_page() -> None:
    project = harbours_project()
    factset, table = project.factset, project.table
    for name, seed in factset.seeds.items():
        facts = transforms.facts_for_seed(table, name)
        rendered = "\n".join(sources.highlighted_paragraphs(seed.text, facts))
        for fact_id in facts["fact_id"]:
            assert f"fact={fact_id})" in rendered, fact_id
        assert rendered.count(":orange-background[") >= 1


@pytest.mark.parametrize(
    ("raw", "notices"),
    [
        ({}, []),
        ({"embed": ["true"]}, []),
        ({"topic": ["meetings"]}, []),
        ({"colour": ["red"]}, ["Ignored the link parameter “colour”: this page does not use it."]),
        ({"topic": ["x", "y"]}, ["Ignored topic=“x” and 1 more: not one of meetings, visits."]),
        ({"q": ["anything <b>"]}, []),
        (
            {"k" * 60: ["v"]},
            [f"Ignored the link parameter “{'k' * 39}…”: this page does not use it."],
        ),
    ],
)
def test_check_params(raw: dict[str, list[str]], notices: list[str]) -> None:
    allowed = {"topic": ("meetings", "visits"), "q": None}
    assert url_state.check_params(raw, allowed) == notices


def test_share_url() -> None:
    url = url_state.share_url("http://h/timeline", {"partnership": ["UK–Albania"], "t": ["a", "b"]})
    assert url == "http://h/timeline?partnership=UK%E2%80%93Albania&t=a&t=b"
    assert url_state.share_url("http://h/data", {}) == "http://h/data"


GBP = UnitEntry(name="GBP", label="pounds", prefix="£")
PERCENT = UnitEntry(name="percent", label="percent", suffix="%")
UNITS = {"GBP": GBP, "percent": PERCENT, "people": UnitEntry(name="people", label="people")}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (29154, "29,154"),
        (46.25, "46.25"),  # never rounded away (the Overview once said 46.2)
        (46.3, "46.3"),
        (0.5, "0.5"),
        (1_000_000, "1,000,000"),
        (12.0, "12"),
        (1e-7, "0.0000001"),
        (-3.5, "-3.5"),
    ],
)
def test_number(value: float, text: str) -> None:
    assert words.number(value) == text


@pytest.mark.parametrize(
    ("lower", "upper", "unit", "text"),
    [
        (29154.0, None, None, "at least 29,154"),
        (None, 50.0, None, "at most 50"),
        (10.0, 20.0, PERCENT, "between 10% and 20%"),
        (None, None, None, "no limit given"),
    ],
)
def test_limit(lower: float | None, upper: float | None, unit: UnitEntry | None, text: str) -> None:
    assert words.limit(lower, upper, unit) == text


@pytest.mark.parametrize(
    ("row", "text"),
    [
        ({"value": 29154.0, "unit": "people", "exactness": "exact"}, "29,154"),
        ({"value": 58758.0, "unit": "people", "exactness": "approximate"}, "about 58,758"),
        (
            {"value": 46.25, "unit": "people per boat", "exactness": "exact", "derived": True},
            "46.25 (derived)",
        ),
        (
            {"value": None, "lower": 29154.0, "unit": "people", "exactness": "bound"},
            "at least 29,154",
        ),
        (
            {
                "value": None,
                "unit": "GBP",
                "exactness": "approximate",
                "wording": "hundreds of thousands of pounds",
            },
            "hundreds of thousands of pounds",
        ),
        ({"value": 476.0, "unit": "GBP", "exactness": "exact"}, "£476"),
        ({"value": 161.0, "unit": "percent", "exactness": "approximate"}, "about 161%"),
        ({"value": None}, "no figure given"),
        ({"value": pd.NA, "exactness": pd.NA, "derived": pd.NA}, "no figure given"),
    ],
)
def test_figure(row: dict[str, object], text: str) -> None:
    assert words.figure(row, UNITS) == text


def test_a_bound_reads_the_same_in_charts_cards_and_conflict_messages() -> None:
    project = harbours_project()
    bound = project.table.set_index("fact_id").loc["ne-crossings-2023-below"]
    card = words.figure(bound, project.context.units)
    chart = project.chart("sound-totals")
    label = next(
        text for trace in chart.figure.data if trace.type == "scatter" for text in trace.text
    )
    assert card == "at most 4,210" and label.startswith(f"↓ {card}")
    # A conflict message words the bound the same way.
    items = [item for item in project.factset.facts if item.fact.id == "ne-crossings-2023-below"]
    stated = items[0]
    other = replace(
        stated, fact=stated.fact.model_copy(update={"id": "other", "upper": None, "value": 5000.0})
    )
    (conflict,) = find_conflicts([stated, other])
    assert "ne-crossings-2023-below gives at most 4,210" in str(conflict)
