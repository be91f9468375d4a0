"""Test-only: a dashboard server started with this folder on PYTHONPATH gets one more
page, /forced-error, that raises. Python imports ``sitecustomize`` at start-up, before
`streamlit run` reads its configuration and runs dashboard/app.py; nothing in the
product knows about it (tests/test_hardening.py, tests/browser/test_hardening.py).

The error's message names a path on the server: what a hosted app must never show.
"""

import streamlit as st

FORCED_ERROR_URL_PATH = "forced-error"
_navigation = st.navigation


def _raise_forced_error() -> None:
    raise RuntimeError(f"forced error in {__file__}")


def _navigation_with_a_failing_page(pages, *args, **kwargs):  # type: ignore[no-untyped-def]
    failing = st.Page(_raise_forced_error, title="Forced error", url_path=FORCED_ERROR_URL_PATH)
    # A list of pages, or pages in sections.
    extended = {**pages, "Test": [failing]} if isinstance(pages, dict) else [*pages, failing]
    return _navigation(extended, *args, **kwargs)


st.navigation = _navigation_with_a_failing_page
