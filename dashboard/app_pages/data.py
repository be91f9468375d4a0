"""Data: the full facts table to filter, sort and search, and every download."""

import streamlit as st

from dashboard import citation, data, exports, transforms, ui

project = data.project()
table = project.table
factset = project.factset
dataset = project.views.dataset
aliases = factset.vocabulary.aliases if factset.vocabulary else ()
edition = ui.reader_edition()
topic_options = sorted(table["topic"].dropna().unique().tolist())
partnership_options = project.partnerships
seed_options = sorted(factset.seeds)
exactness_options = ["exact", "approximate", "bound"]

ui.page_header(
    "Data",
    "Every verified fact, one row each, with its verbatim quote and source. "
    "Sort by clicking a column header; widen the quote column to read it.",
)
ui.link_notices(
    {
        "q": None,
        "topic": topic_options,
        "partnership": partnership_options,
        "source": seed_options,
        "exactness": exactness_options,
    }
)

search = st.text_input(
    "Search statements, quotes, ids, partnerships and countries",
    help="Case and accents do not matter, and other names for a place find it too.",
    key="q",
    bind="query-params",
)
columns = st.columns(4)
with columns[0]:
    topics = st.multiselect(
        "Topic", topic_options, key="topic", bind="query-params", placeholder="All"
    )
with columns[1]:
    partnerships = st.multiselect(
        "Partnership",
        partnership_options,
        key="partnership",
        bind="query-params",
        placeholder="All",
    )
with columns[2]:
    sources = st.multiselect(
        "Source", seed_options, key="source", bind="query-params", placeholder="All"
    )
with columns[3]:
    exactness = st.multiselect(
        "Exactness", exactness_options, key="exactness", bind="query-params", placeholder="All"
    )

shown = transforms.filter_facts(
    table,
    search=search,
    topics=topics,
    partnerships=partnerships,
    seeds=sources,
    exactness=exactness,
    aliases=aliases,
)
st.caption(f"{len(shown)} of {len(table)} facts shown.")
st.dataframe(
    shown,
    hide_index=True,
    column_config=ui.TABLE_COLUMNS,
    key="facts-table",
)

conflicts = transforms.conflicts_table(factset)
if len(conflicts):
    st.header(f"Conflicting facts ({len(conflicts)})")
    st.caption(
        "These facts give different figures for the same measure, period and "
        "partnership. Both are kept and shown above; read each quote in its source."
    )
    ui.table(conflicts.drop(columns="message"), key="conflicts", label="Conflicting facts (CSV)")
if factset.reviews:
    with st.expander(f"Facts flagged for review ({len(factset.reviews)})"):
        st.code(
            "\n\n".join(str(review) for review in factset.reviews), language=None, wrap_lines=True
        )

st.header("Download")
left, middle, right, last = st.columns(4)
with left:
    st.download_button(
        "Rows shown (CSV)",
        help="The rows the filters above leave, every column.",
        data=lambda: exports.to_csv(shown),  # written when clicked, not on every rerun
        file_name="facts-filtered.csv",
        mime="text/csv",
        key="download-shown",
        on_click="ignore",
        icon=":material/download:",
    )
with middle:
    st.download_button(
        "All facts (CSV)",
        data=lambda: exports.to_csv(table),
        file_name="facts.csv",
        mime="text/csv",
        key="download-csv",
        on_click="ignore",
        icon=":material/download:",
    )
with right:
    st.download_button(
        "All facts (JSON)",
        help="With the title, sources, data dictionary and citation.",
        data=lambda: exports.to_json(table, factset, dataset, edition),
        file_name="facts.json",
        mime="application/json",
        key="download-json",
        on_click="ignore",
        icon=":material/download:",
    )
with last:
    st.download_button(
        "Everything (ZIP)",
        help="A data package: the facts and their sources as CSV, datapackage.json (every "
        "column's type and meaning, the licence, the sources, the version), the JSON, "
        "the data dictionary and a README on reading and citing the data.",
        data=lambda: exports.dataset_zip(table, factset, dataset, edition),
        file_name=f"{exports.file_stem(dataset)}.zip",
        mime="application/zip",
        key="download-zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )

st.header("How to cite")
st.caption(ui.text(f"Licence: {dataset.licence}"))
st.code(citation.citation_text(dataset, factset, edition), language=None, wrap_lines=True)
st.caption(
    ui.text(
        f"Version {edition.version} is a content hash of the facts and their sources: the "
        "same facts give the same version wherever they are served. Cite a figure with "
        "its fact id; the Sources page opens its document at ?seed=<file>."
    )
)

with st.expander("Data dictionary: every column, its type, meaning and unit"):
    st.dataframe(exports.data_dictionary_frame(), hide_index=True, column_config=ui.TABLE_COLUMNS)
    st.download_button(
        "Data dictionary (CSV)",
        data=data.data_dictionary_csv(),
        file_name="data-dictionary.csv",
        mime="text/csv",
        key="download-dictionary",
        on_click="ignore",
    )
with st.expander("README for the downloads"):
    st.code(exports.readme_text(dataset, factset, edition), language="markdown", wrap_lines=True)
