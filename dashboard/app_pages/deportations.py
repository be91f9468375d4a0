"""Deportations and returns from Türkiye, and the Bibby Stockholm barge."""

import streamlit as st

from dashboard import charts, data, ui

table = data.dataset().table
deportations = charts.deportations_returns(table)
bibby = charts.bibby_stockholm(table)

st.title("Deportations and returns")
st.caption(
    "Türkiye's deportations and Syrians' voluntary returns as announced by its Interior "
    "Ministry, and the first move of asylum seekers onto the Bibby Stockholm barge."
)
ui.link_notices(ui.view_params(deportations, bibby))
ui.chart_block(deportations)
ui.chart_block(bibby)
