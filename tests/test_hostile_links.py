"""Random and hostile link parameters on every page: no exception, at most a notice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, PAGES

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    '=HYPERLINK("http://example.invalid")',
    "\u202e\u0000\ufeff",
    "x" * 5000,
    "%00%0d%0a",
    "UK–Albania",
    "Chart",
    "Table",
]
KEYS = [
    "partnership",
    "topic",
    "event",
    "seed",
    "fact",
    "q",
    "source",
    "exactness",
    "crossings-totals-view",
    "timeline-view",
    "embed",
    "x" * 300,
    "",
    "💥",
]

values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=50))
params = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=20)),
    st.one_of(values, st.lists(values, min_size=1, max_size=4)),
    max_size=5,
)


@pytest.mark.parametrize("page", list(PAGES))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=params)
def test_any_link_parameters_are_harmless(page: str, query: dict[str, str | list[str]]) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page][0])
    for key, value in query.items():
        if "\x00" in key:
            continue  # not representable in a real URL's decoded keys
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == PAGES[page][1]
    assert not at.error
