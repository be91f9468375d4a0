"""Timeline: agreements, appointments, meetings, operations and plans from every seed."""

import streamlit as st

from dashboard import data, transforms, ui

table = data.dataset().table
choices = data.timeline_choices()

st.title("Timeline")
st.caption(
    "A point is a single day; a bar is a week, month, season, year or longer span, as "
    "precise as the source allows. Open markers are planned or announced, not (yet) "
    "happened. Diamonds are undated events placed at their article's publication date."
)
ui.link_notices(
    {
        "partnership": choices.partnerships,
        "topic": choices.topics,
        "event": choices.events,
        "timeline-view": ("Chart", "Table"),
    }
)

left, right = st.columns([1, 2])
with left:
    chosen_partnerships = st.pills(
        "Partnership",
        choices.partnerships,
        selection_mode="multi",
        default=choices.partnerships,
        key="partnership",
        bind="query-params",
    )
with right:
    chosen_topics = st.multiselect(
        "Topic",
        choices.topics,
        key="topic",
        bind="query-params",
        placeholder="All topics",
    )

chart = data.timeline(chosen_partnerships, chosen_topics)
selection = ui.chart_block(chart, selectable=True)

selected = ui.selected_fact_ids(selection) or ui.linked_fact_ids("event", choices.events)
if selected:
    ui.remember_in_link("event", selected[0])
    st.subheader("Selected event")
    for _, row in transforms.facts_by_id(table, selected).iterrows():
        ui.fact_card(row)
else:
    st.caption("Select an event on the chart to read its statement and the quote it rests on.")
