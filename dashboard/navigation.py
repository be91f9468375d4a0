"""The pages of the app, in menu order, and their addresses."""

from __future__ import annotations

import streamlit as st

from dashboard.paths import PACKAGE_DIR

PAGE_DIR = PACKAGE_DIR / "app_pages"

# key: (file, title, icon, url_path)
PAGES: dict[str, tuple[str, str, str, str]] = {
    "overview": ("overview.py", "Overview", ":material/dashboard:", "overview"),
    "crossings": ("crossings.py", "Channel crossings", ":material/sailing:", "crossings"),
    "deportations": (
        "deportations.py",
        "Deportations and returns",
        ":material/flight_takeoff:",
        "deportations",
    ),
    "timeline": ("timeline.py", "Timeline", ":material/timeline:", "timeline"),
    "sources": ("sources.py", "Sources", ":material/article:", "sources"),
    "data": ("data.py", "Data", ":material/table:", "data"),
}


DEFAULT_URL_PATH = PAGES["overview"][3]


def pages() -> dict[str, st.Page]:
    return {
        key: st.Page(
            PAGE_DIR / file, title=title, icon=icon, url_path=url_path, default=key == "overview"
        )
        for key, (file, title, icon, url_path) in PAGES.items()
    }
