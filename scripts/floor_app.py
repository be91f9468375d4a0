"""The floor for the benchmark: a bare Streamlit page that draws one Plotly chart.

    .venv/bin/python -m streamlit run scripts/floor_app.py

Nothing is loaded, validated or cached: what is left is the cost of Streamlit and
Plotly themselves. It has the Timeline's partnership filter (st.pills, several at once,
kept in the link) and draws about as many marks as the Timeline, so the dashboard's
times can be set against it (scripts/bench.py).
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

PARTNERSHIPS = ["UK–Albania", "UK–Türkiye"]
# Events per partnership, as on the Timeline (9 and 11); different counts, so a filter
# change visibly redraws the chart.
EVENTS = {"UK–Albania": 9, "UK–Türkiye": 11}

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
chosen = st.pills(
    "Partnership",
    PARTNERSHIPS,
    selection_mode="multi",
    default=PARTNERSHIPS,
    key="partnership",
    bind="query-params",
)
figure = go.Figure()
for number, partnership in enumerate(PARTNERSHIPS):
    if partnership not in (chosen or []):
        continue
    count = EVENTS[partnership]
    events = pd.DataFrame(
        {
            "day": pd.date_range("2023-01-01", periods=count, freq="30D")
            + pd.Timedelta(days=number),
            "row": [f"{partnership} event {index + 1}" for index in range(count)],
        }
    )
    figure.add_scatter(x=events["day"], y=events["row"], mode="markers", name=partnership)
st.plotly_chart(figure, key="floor-figure", on_select="rerun", selection_mode="points")
