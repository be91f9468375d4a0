"""Streamlit entrypoint: ``streamlit run dashboard/app.py``."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts dashboard/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st

from dashboard import data, navigation, ui

project = data.project()
dataset = project.views.dataset
st.set_page_config(
    page_title=dataset.short_title or dataset.title,
    page_icon="⛵",  # an emoji: a Material icon favicon is fetched from an external host
    layout="wide",
    menu_items={"About": "Verified facts with their verbatim sources. See the Sources page."},
)

ui.page_style()
current = st.navigation(list(navigation.pages(project.views).values()), position="sidebar")
ui.error_banner(project.errors)
current.run()
ui.share_link(current, navigation.DEFAULT_URL_PATH)
