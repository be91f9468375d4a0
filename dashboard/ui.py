"""Streamlit building blocks shared by the pages. Data text is always escaped."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import formatting, navigation, url_state
from dashboard.data import ShownChart
from dashboard.facts.errors import FactError
from dashboard.text import escape_markdown

PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

TABLE_COLUMNS: dict[str, Any] = {
    "fact_id": st.column_config.TextColumn("Fact id", help="Stable id: cite it with the seed"),
    "value": st.column_config.NumberColumn("Value", format="localized"),
    "lower": st.column_config.NumberColumn("Lower bound", format="localized"),
    "upper": st.column_config.NumberColumn("Upper bound", format="localized"),
    "period_start": st.column_config.DateColumn("Period start"),
    "period_end": st.column_config.DateColumn("Period end"),
    "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
    "derived": st.column_config.CheckboxColumn("Derived"),
}


def text(value: object) -> str:
    """Data text for any element that renders Markdown."""
    return escape_markdown(str(value))


def error_banner(errors: list[FactError]) -> None:
    """Fact problems: named, located, never a traceback; the other facts still show."""
    if not errors:
        return
    st.error(
        f"{len(errors)} problem(s) in the fact files. The facts concerned are left out; "
        "every other fact is shown. Run `python -m dashboard validate` for details.",
        icon=":material/warning:",
    )
    with st.expander("Which files, lines and fields"):
        st.code("\n\n".join(str(error) for error in errors), language=None, wrap_lines=True)


def link_notices(allowed: Mapping[str, Collection[str] | None]) -> None:
    """A small notice for each link parameter this page cannot use."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    for notice in url_state.check_params(raw, allowed):
        st.caption(f":material/info: {text(notice)}")


def chart_block(shown: ShownChart, *, selectable: bool = False) -> Any:
    """Title, chart and table tabs, source, notes and the CSV of exactly the data drawn."""
    chart = shown.chart
    # Title, subtitle, source and notes are drawn in the figure (so a saved PNG keeps
    # them); the Table tab repeats them in text beside the data.
    st.subheader(text(chart.title), anchor=chart.key)
    # Bound to the link, the tabs are lazy: only the open one runs and is sent, so a
    # filter change does not redraw a table nobody is looking at.
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=f"{chart.key}-view", bind="query-params")
    event = None
    if chart_tab.open:
        with chart_tab:
            if chart.empty_message:
                st.info(text(chart.empty_message), icon=":material/info:")
            config = {
                **PLOTLY_CONFIG,
                "toImageButtonOptions": {
                    **PLOTLY_CONFIG["toImageButtonOptions"],
                    "filename": chart.key,
                },
            }
            event = st.plotly_chart(
                chart.figure,
                key=f"{chart.key}-figure",
                theme="streamlit",
                alt=chart.alt,
                config=config,
                on_select="rerun" if selectable else "ignore",
                selection_mode="points",
            )
    if table_tab.open:
        with table_tab:
            st.caption(text(chart.subtitle))
            st.dataframe(chart.data, hide_index=True, column_config=TABLE_COLUMNS)
            st.caption(text(chart.source))
            for note in chart.notes:
                st.caption(text(note))
    st.download_button(
        "Download this chart's data (CSV)",
        data=shown.csv,
        file_name=f"{chart.key}.csv",
        mime="text/csv",
        key=f"{chart.key}-csv",
        on_click="ignore",
        icon=":material/download:",
    )
    return event


def figure_metric(row: pd.Series, label: str, sources_page: Any) -> None:
    """A headline figure: value as it should be read, its date, and its evidence link."""
    with st.container(border=True):
        st.metric(text(label), formatting.figure_text(row), border=False)
        note = formatting.exactness_note(row)
        st.caption(
            text(
                f"{row['period_label']} ({row['date_precision'] or 'undated'})"
                + (f"; {note}" if note else "")
            )
        )
        st.page_link(
            sources_page,
            label="Evidence: the quote in its source",
            icon=":material/format_quote:",
            query_params={"seed": str(row["seed"]), "fact": str(row["fact_id"])},
        )


def fact_card(row: pd.Series) -> None:
    """A fact with its statement, figure, date and verbatim quote, as inert text."""
    with st.container(border=True):
        st.markdown(f"**{text(row['statement'])}**")
        figure = formatting.figure_text(row)
        facts = [f"Figure: {figure}"] if figure != "no figure given" else []
        facts.append(f"Date: {row['period_label']}")
        facts.append(f"Status: {row['status']}")
        note = formatting.exactness_note(row)
        if note:
            facts.append(note)
        st.caption(text(" · ".join(facts)))
        st.markdown("> " + text(row["quote"]))
        st.caption(
            text(
                f"Source: seeds/{row['seed']} · fact id {row['fact_id']}"
                + (f" · {row['notes']}" if pd.notna(row["notes"]) else "")
            )
        )


def share_link(page: Any) -> None:
    """'Copy link to this view': the page address with its current parameters."""
    base = st.context.url
    if not base:
        return
    if page.url_path == "":
        # The default page lives at the app's root; st.context.url still appends its
        # declared path, which the browser cannot open.
        base = base.removesuffix("/" + navigation.DEFAULT_URL_PATH)
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    with st.sidebar:
        st.caption("Copy link to this view")
        st.code(url_state.share_url(base, params), language=None, wrap_lines=True)


def view_params(*charts: ShownChart) -> dict[str, Collection[str] | None]:
    """The link parameters that chart blocks bind (their Chart/Table tab)."""
    return {f"{shown.chart.key}-view": ("Chart", "Table") for shown in charts}


def selected_fact_ids(selection: Any) -> list[str]:
    """Fact ids of the points selected on a chart (customdata's first element)."""
    if selection is None:
        return []
    try:
        points = selection.selection.points
    except AttributeError:
        return []
    ids = []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            ids.append(str(custom[0]))
        elif isinstance(custom, str):
            ids.append(custom)
    return list(dict.fromkeys(ids))


def linked_fact_ids(param: str, valid: Collection[str]) -> list[str]:
    """Fact ids named by a link parameter, keeping only valid ones."""
    return [value for value in st.query_params.get_all(param) if value in valid]


def remember_in_link(param: str, value: str) -> None:
    """Put a selection in the address so a copied link reopens it."""
    if st.query_params.get(param) != value:
        st.query_params[param] = value


def register_entry(seed: Any) -> None:
    """A seed's register entry: headline, publisher, date and how it is known."""
    entry = seed.entry
    published = entry.published
    facts = [
        ("Headline", entry.headline or "none in the text"),
        ("Publisher", entry.publisher or "not named in the text"),
        ("Partnership", entry.partnership),
        ("Published", f"{seed.publication.label} ({published.precision.value})"),
        ("How the date is known", published.how.value),
        ("File", f"seeds/{entry.file} (sha256 {entry.sha256[:12]}…)"),
    ]
    for label, value in facts:
        st.markdown(f"**{label}:** {text(value)}")
    if published.reasoning:
        st.caption(text(published.reasoning))
    with st.expander("The sentences that date it"):
        for sentence in published.evidence:
            st.markdown("> " + text(sentence))
    if entry.notes:
        st.caption(text(entry.notes))
