"""Random and hostile link parameters on every page: no exception, at most a notice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.views.project import Project
from tests.apptest import open_page, plain
from tests.test_app import PAGES

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    '=HYPERLINK("http://example.invalid")',
    "\u202e\u0000\ufeff",
    "x" * 5000,
    "%00%0d%0a",
    "Norland–Estmark",
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
    "sound-totals-view",
    "events-view",
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
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(query=params)
def test_any_link_parameters_are_harmless(
    on_harbours: Project, page: str, query: dict[str, str | list[str]]
) -> None:
    # Keys with a NUL are not representable in a real URL's decoded keys.
    params = {key: value for key, value in query.items() if "\x00" not in key}
    at = open_page(page, params)
    assert not at.exception, at.exception
    assert plain(at.title[0].value) == PAGES[page][0]
    assert not at.error
