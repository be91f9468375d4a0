"""Overview: the headline figures, each with its date and evidence, and key points."""

import streamlit as st

from dashboard import data, navigation, transforms, ui

pages = navigation.pages()

st.title("UK migration: verified facts")
st.caption(
    "Every figure comes from a source document and links to the sentence that states it. "
    "“About” marks a figure the source gives as approximate; “more than” a bound; "
    "“derived” a figure we computed."
)
ui.link_notices({})

overview = data.overview()
figures = overview.headlines
columns = st.columns(3)
for index, (_, row) in enumerate(figures.iterrows()):
    with columns[index % 3]:
        ui.figure_metric(row, str(row["label"]), pages["sources"])
missing = len(transforms.HEADLINES) - len(figures)
if missing:
    st.warning(f"{missing} headline figure(s) are not shown: their facts did not load.")

st.subheader("Key points")
for _, row in overview.key_points.iterrows():
    st.markdown(f"- **{ui.text(row['period_label'])}**: {ui.text(row['statement'])}")

st.subheader("Explore")
for key in ("crossings", "deportations", "timeline", "sources", "data"):
    st.page_link(pages[key])
