"""Sources: each seed's register entry, its full text with the quoted passages
highlighted and linked to their facts, and the facts drawn from it."""

import streamlit as st

from dashboard import data, sources, transforms, ui

project = data.project()
table = project.table
seeds = project.factset.seeds
seed_files = list(seeds)
# Older links named a document by its label: they open the file it labels.
seed_by_label = {seed.entry.label: name for name, seed in seeds.items()}
fact_ids = table["fact_id"].tolist()

ui.page_header(
    "Sources",
    "The documents every fact comes from, exactly as received. Highlighted passages are "
    "quoted by facts; select one to read it.",
)
# Any seed: the picker below says what an unknown one named and what it shows instead.
ui.link_notices({"seed": None, "fact": fact_ids})

if not seed_files:
    st.warning("No source document loaded. See the problems listed above.")
    st.stop()

linked = ui.linked_fact_ids("fact", fact_ids)
linked_rows = transforms.facts_by_id(table, linked)
default_seed = str(linked_rows["seed"].iloc[0]) if len(linked_rows) else seed_files[0]
chosen = ui.linked_choice(
    "Source document",
    seed_files,
    param="seed",
    default=default_seed,
    label_of=lambda name: seeds[name].entry.label,
    aliases=seed_by_label,
)
seed = seeds[chosen]

for _, row in linked_rows.iterrows():
    st.header("The fact you followed")
    ui.fact_card(row, project.context.units)

st.header(ui.text(seed.entry.label))
ui.register_entry(seed)

seed_facts = transforms.facts_for_seed(table, seed.file)
st.header("Full text")
st.caption(
    f"seeds/{ui.text(seed.file)}, shown as text. Highlighted: passages quoted by facts; "
    "on dark blue, the fact you followed."
)
with st.container(border=True, height=520, key="source-text"):
    for paragraph in sources.highlighted_paragraphs(seed.text, seed_facts, set(linked)):
        if sources.has_followed(paragraph):
            with st.container(key="followed-quote"):
                st.markdown(paragraph)
        else:
            st.markdown(paragraph)
if linked:
    ui.scroll_into_view("followed-quote")

st.header(f"Facts drawn from this source ({len(seed_facts)})")
ui.table(
    seed_facts,
    key="source-facts",
    label="These facts (CSV)",
    column_order=["fact_id", "statement", "value", "unit", "exactness", "period_label", "quote"],
    column_config=ui.TABLE_COLUMNS,
)
