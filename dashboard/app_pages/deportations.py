"""Deportations and returns from Türkiye, and the Bibby Stockholm barge."""

import streamlit as st

from dashboard import data, ui

deportations = data.chart("deportations_returns")
bibby = data.chart("bibby_stockholm")

st.title("Deportations and returns")
st.caption(
    "Türkiye's deportations and Syrians' voluntary returns as announced by its Interior "
    "Ministry, and the first move of asylum seekers onto the Bibby Stockholm barge."
)
ui.link_notices(ui.view_params(deportations, bibby))
ui.chart_block(deportations)
ui.chart_block(bibby)
