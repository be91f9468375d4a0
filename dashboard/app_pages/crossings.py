"""Channel crossings: period totals as the source states them, and the one-day count."""

import streamlit as st

from dashboard import data, ui

totals = data.chart("crossings_totals")
one_day = data.chart("crossings_one_day")

st.title("Channel crossings")
st.caption(
    "Small-boat crossings of the English Channel as reported in the source articles. "
    "These are the articles' figures, not official statistics."
)
ui.link_notices(ui.view_params(totals, one_day))
ui.chart_block(totals)
ui.chart_block(one_day)
