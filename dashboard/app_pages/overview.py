"""Overview: the headline figures, each with its date and evidence, and key points."""

import streamlit as st

from dashboard import data, navigation, ui

project = data.project()
views = project.views
pages = navigation.pages(views)
overview = data.overview()

ui.page_header(views.overview.title, views.overview.intro)
ui.link_notices({})

ui.headline_figures(overview.headlines, pages[navigation.SOURCES], project.context.units)
missing = len(views.overview.headlines) - len(overview.headlines)
if missing:
    st.warning(f"{missing} headline figure(s) are not shown: their facts did not load.")

if len(overview.key_points):
    st.header("Key points")
    ui.key_points(overview.key_points)

st.header("Explore")
for key, page in pages.items():
    if key != navigation.OVERVIEW:
        st.page_link(page)
