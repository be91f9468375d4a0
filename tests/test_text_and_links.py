"""Inert text, highlighting, link parameters and figure wording (pure functions)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dashboard import formatting, sources, transforms, url_state
from dashboard.facts.load import load_facts
from dashboard.text import Segment, escape_markdown, paragraphs, segments

RENDER = MarkdownIt("commonmark").enable("table").render
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    ":red[styled] :smile: $x^2$ **bold** `code`",
    "# heading\n\n> quote\n\n- item",
    "<https://example.invalid>",
]


def visible_text(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html)).replace("\n", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_typed(text: str) -> None:
    html = RENDER(escape_markdown(text))
    assert not re.search(r"<(a|img|script|h1|blockquote|ul|strong|code)\b", html)
    assert visible_text(html) == text.replace("\n", "")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=80))
def test_any_text_renders_without_markup(text: str) -> None:
    html = RENDER(escape_markdown(text))
    assert not re.search(r"<(a|img|script|em|strong|code|h\d|ul|ol|blockquote|hr)\b", html)


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
    factset = load_facts()
    table = transforms.facts_table(factset)
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


@pytest.mark.parametrize(
    ("row", "text"),
    [
        ({"value": 29154.0, "unit": "people", "exactness": "exact"}, "29,154"),
        ({"value": 58758.0, "unit": "people", "exactness": "approximate"}, "about 58,758"),
        (
            {"value": 46.3, "unit": "people per boat", "exactness": "exact", "derived": True},
            "46.3 (derived)",
        ),
        (
            {"value": None, "lower": 29154.0, "unit": "people", "exactness": "bound"},
            "more than 29,154",
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
        ({"value": 161.0, "unit": "percent", "exactness": "approximate"}, "about 161%"),
        ({"value": None}, "no figure given"),
        ({"value": pd.NA, "exactness": pd.NA, "derived": pd.NA}, "no figure given"),
    ],
)
def test_figure_text(row: dict[str, object], text: str) -> None:
    assert formatting.figure_text(row) == text
