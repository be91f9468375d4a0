"""The pages of the app, in menu order, and their addresses.

The Overview comes first, then the pages of the views (facts/views.yaml), each drawn
by the one generic page (app_pages/view.py), then the built-in Sources and Data.
"""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.app_pages.view import show
from dashboard.paths import PACKAGE_DIR
from dashboard.views.load import LoadedPage, Views

PAGE_DIR = PACKAGE_DIR / "app_pages"
OVERVIEW = "overview"
SOURCES = "sources"
DATA = "data"
DEFAULT_URL_PATH = OVERVIEW


def _view_page(page: LoadedPage) -> st.Page:
    # The icon's name is checked by Streamlit only: one it does not know is left out
    # rather than taking the menu down.
    try:
        return st.Page(partial(show, page), title=page.title, icon=page.icon, url_path=page.url)
    except StreamlitAPIException:
        return st.Page(partial(show, page), title=page.title, url_path=page.url)


def pages(views: Views) -> dict[str, st.Page]:
    """Every page by its address (the Overview's is its url path, though it is served
    at the root)."""
    found = {
        OVERVIEW: st.Page(
            PAGE_DIR / "overview.py",
            title="Overview",
            icon=":material/dashboard:",
            url_path=OVERVIEW,
            default=True,
        )
    }
    for page in views.pages:
        found[page.url] = _view_page(page)
    found[SOURCES] = st.Page(
        PAGE_DIR / "sources.py", title="Sources", icon=":material/article:", url_path=SOURCES
    )
    found[DATA] = st.Page(
        PAGE_DIR / "data.py", title="Data", icon=":material/table:", url_path=DATA
    )
    return found
