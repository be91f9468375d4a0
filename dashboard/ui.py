"""Streamlit building blocks shared by the pages.

Data text is always inert: anything Streamlit renders as Markdown (titles, captions,
metric labels, the options of pills and segmented controls) goes through ``text``,
which escapes every Markdown and directive character; every table has our own CSV
download beside it (Streamlit's table toolbar export is switched off in
.streamlit/config.toml: it writes formulas raw).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from dashboard import charts, citation, columns, data, exports, transforms, url_state, words
from dashboard.data import ShownChart
from dashboard.facts.errors import FactError
from dashboard.text import escape_markdown
from dashboard.views.load import LoadedChart, LoadedPage
from dashboard.views.model import RESERVED_URLS, TimelineChart

# The camera button saves the figure as drawn: white paper, dark text, its title,
# source, notes and the dashboard's address (charts.with_address), in either theme.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "setBackground": "opaque",
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _column_config(column: columns.Column) -> Any:
    """A table header from the column register: its title, and its meaning on hover."""
    if column.kind in ("number", "integer"):
        return st.column_config.NumberColumn(
            column.title, help=column.description, format="localized"
        )
    if column.kind == "date":
        return st.column_config.DateColumn(column.title, help=column.description)
    if column.kind == "boolean":
        return st.column_config.CheckboxColumn(column.title, help=column.description)
    if column.name == "quote":
        return st.column_config.TextColumn(column.title, help=column.description, width="large")
    return st.column_config.TextColumn(column.title, help=column.description)


# Every registered column's header, for any table of facts, sources or conflicts.
TABLE_COLUMNS: dict[str, Any] = {
    name: _column_config(column) for name, column in columns.REGISTRY.items()
}


def table_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """A labelled header for every column of ``frame``."""
    return {
        name: TABLE_COLUMNS.get(name)
        or st.column_config.Column(str(name).replace("_", " ").capitalize())
        for name in frame.columns
    }


# Link parameters of a timeline: the page's filters and the event selected.
TIMELINE_PARAMS = ("partnership", "topic", "event")


STYLE = Path(__file__).with_name("style.css")


def page_style() -> None:
    """Our CSS (dashboard/style.css): contrast, focus and keyboard fixes."""
    st.html(STYLE)


# Scrolls the element with Streamlit's class for a container key into view once the
# page has finished drawing (elements arrive one by one, and each moves the ones
# before it); nothing else. The key is ours, never data.
SCROLL_SCRIPT = """<script>
(() => {{
  let tries = 0;
  const timer = setInterval(() => {{
    const app = document.querySelector('[data-testid="stApp"]');
    const done = app && app.dataset.testScriptState === 'notRunning';
    const target = document.querySelector('.st-key-{key}');
    if ((done && target) || ++tries > 100) clearInterval(timer);
    if (done && target) target.scrollIntoView({{block: 'center'}});
  }}, 100);
}})();
</script>"""


def scroll_into_view(key: str) -> None:
    """Scroll the page (and any scrolling container) to the container ``key``."""
    assert key.replace("-", "").isalnum()  # our own keys only: it goes into a script
    st.html(SCROLL_SCRIPT.format(key=key), unsafe_allow_javascript=True)


def text(value: object) -> str:
    """Data text for any element that renders Markdown."""
    return escape_markdown(str(value))


def error_banner(errors: list[FactError]) -> None:
    """Problems in the fact, register, vocabulary and views files: named, located,
    never a traceback; every fact that is fine still shows."""
    if not errors:
        return
    st.error(
        f"{len(errors)} problem(s) in the fact files. The facts or views concerned are "
        "left out; everything else is shown. Run `python -m dashboard validate` for details.",
        icon=":material/warning:",
    )
    with st.expander("Which files, lines and fields"):
        st.code("\n\n".join(str(error) for error in errors), language=None, wrap_lines=True)


def page_header(title: str, intro: str | None) -> None:
    st.title(text(title))
    if intro:
        st.caption(text(intro))


def link_notices(allowed: Mapping[str, Collection[str] | None]) -> None:
    """A small notice for each link parameter this page cannot use."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    for notice in url_state.check_params(raw, allowed):
        st.caption(f":material/info: {text(notice)}")


def page_params(page: LoadedPage) -> dict[str, Collection[str] | None]:
    """The link parameters a views page understands: each chart's Chart/Table tab, and
    its timeline's filters and selected event."""
    allowed: dict[str, Collection[str] | None] = {}
    for chart in page.charts:
        if chart.view is None:
            continue
        allowed[f"{chart.id}-view"] = ("Chart", "Table")
        if isinstance(chart.view, TimelineChart):
            choices = data.timeline_choices(chart)
            allowed.update(
                partnership=choices.partnerships, topic=choices.topics, event=choices.events
            )
    return allowed


def table(frame: pd.DataFrame, *, key: str, label: str, **options: Any) -> None:
    """A table, with our own CSV download of exactly its rows beside it."""
    options.setdefault("column_config", TABLE_COLUMNS)
    st.dataframe(frame, hide_index=True, key=key, **options)
    st.download_button(
        label,
        data=lambda: exports.to_csv(frame),  # written when clicked, not on every rerun
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        icon=":material/download:",
    )


def broken_chart(chart: LoadedChart) -> None:
    """A chart whose view cannot be used: its reason, in its place."""
    st.header(text(chart.title), anchor=chart.id)
    st.error(
        text(
            "This chart cannot be drawn: its view in the views file is broken.\n"
            + "\n".join(str(problem) for problem in chart.problems)
        ),
        icon=":material/error:",
    )


def chart_block(
    shown: ShownChart, *, selectable: bool = False, problems: tuple[FactError, ...] = ()
) -> list[str]:
    """Title, chart and table tabs, source, notes and the CSV of exactly the data drawn.
    When ``selectable``, the fact ids selected on the chart, or by a row of its table
    (which a keyboard reaches as well as a mouse)."""
    chart = shown.chart
    # Title, subtitle, source and notes are drawn in the figure (so a saved PNG keeps
    # them); the Table tab repeats them in text beside the data.
    st.header(text(chart.title), anchor=chart.key)
    if problems:
        st.warning(
            text(
                "The view of this chart names what the facts do not have; it shows what "
                "they do.\n" + "\n".join(str(problem) for problem in problems)
            ),
            icon=":material/warning:",
        )
    # Bound to the link, the tabs are lazy: only the open one runs and is sent, so a
    # filter change does not redraw a table nobody is looking at.
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=f"{chart.key}-view", bind="query-params")
    selected: list[str] = []
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
                shown_figure(shown),
                key=f"{chart.key}-figure",
                theme=None,  # the figure's own white paper and dark text, in both themes
                alt=chart.alt,
                config=config,
                on_select="rerun" if selectable else "ignore",
                selection_mode="points",
            )
            selected = selected_fact_ids(event)
    if table_tab.open:
        with table_tab:
            st.caption(text(chart.subtitle))
            shown_rows = transforms.blank_missing_text(chart.data)
            if selectable:
                rows = st.dataframe(
                    shown_rows,
                    hide_index=True,
                    column_config=table_columns(shown_rows),
                    key=f"{chart.key}-table",
                    on_select="rerun",
                    selection_mode="single-row",
                )
                picked = rows.selection.rows
                selected = [str(chart.data["fact_id"].iloc[row]) for row in picked]
            else:
                st.dataframe(shown_rows, hide_index=True, column_config=table_columns(shown_rows))
            st.caption(text(chart.source))
            for note in chart.notes:
                st.caption(text(note))
    chart_downloads(shown, selected)
    return selected


def shown_figure(shown: ShownChart) -> Any:
    """The figure as drawn: with the page's address on it when the browser has told it."""
    address = st.context.url
    return shown.figure_at(f"{address}#{shown.chart.key}") if address else shown.chart.figure


def chart_downloads(shown: ShownChart, selected: list[str]) -> None:
    """Beside a chart: its CSV, its data package, its SVG image, a link to it as shown
    and an embed snippet. ``selected``: the events selected on it in this run (not yet in
    the link)."""
    chart = shown.chart
    project = data.project()
    edition = reader_edition()
    link = chart_link(chart.key, selected)
    figure = shown_figure(shown)
    csv_column, package_column, image_column = st.columns(3)
    with csv_column:
        st.download_button(
            "Download this chart's data (CSV)",
            data=shown.csv,
            file_name=f"{chart.key}.csv",
            mime="text/csv",
            key=f"{chart.key}-csv",
            on_click="ignore",
            icon=":material/download:",
        )
    with package_column:
        st.download_button(
            "Data package (ZIP)",
            help="The CSV with datapackage.json (its columns, licence, sources and version) "
            "and a README on reading and citing it.",
            # Written when clicked, not on every rerun.
            data=lambda: exports.chart_bundle(
                chart, project.factset, project.views.dataset, edition, link
            ),
            file_name=f"{chart.key}.zip",
            mime="application/zip",
            key=f"{chart.key}-package",
            on_click="ignore",
            icon=":material/folder_zip:",
        )
    with image_column:
        st.download_button(
            "Image (SVG)",
            help="The chart as a vector image, on white paper with its title, source and "
            "address (the camera above the chart saves a PNG).",
            # Drawn when clicked, not on every rerun: it takes a headless browser.
            data=lambda: charts.svg(figure),
            file_name=f"{chart.key}.svg",
            mime="image/svg+xml",
            key=f"{chart.key}-svg",
            on_click="ignore",
            icon=":material/image:",
        )
    if link:
        with st.expander("Link to this chart, or embed it", icon=":material/link:"):
            st.caption("This chart as shown now, with its tab and filters:")
            st.code(link, language=None, wrap_lines=True)
            st.caption("To embed it in a web page (Streamlit's embed mode, without the menu):")
            st.code(url_state.embed_snippet(link, chart.title), language="html", wrap_lines=True)


def chart_link(chart_id: str, selected: list[str]) -> str | None:
    """The address of a chart as shown: its page, its own link parameters, its anchor;
    None when the page's address is not known."""
    page_url = st.context.url
    if not page_url:
        return None
    loaded = data.project().views.chart(chart_id)
    own = [f"{chart_id}-view"]
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if isinstance(loaded.view, TimelineChart):
        own += TIMELINE_PARAMS
        if selected:
            params["event"] = selected[:1]
    return url_state.chart_url(page_url, params, chart_id, own)


def app_address() -> str | None:
    """The dashboard's address: where the reader's browser has it, else the views'."""
    project = data.project()
    pages = [*RESERVED_URLS, *(page.url for page in project.views.pages)]
    return url_state.app_address(st.context.url, pages) or project.views.dataset.url


def _reader_timezone() -> dt.tzinfo | None:
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def reader_edition() -> citation.Edition:
    """The version read, the dashboard's address and today's date where the reader is."""
    return citation.Edition(
        version=data.version(),
        accessed=citation.today(_reader_timezone()),
        address=app_address(),
    )


# Pills and segmented controls render their options as Markdown, so their labels are
# escaped; a widget bound to the link would then write the escaped label into the
# address. These keep the option itself (a partnership, a seed's file name) in the link.


def linked_pills(label: str, options: list[str], *, param: str) -> list[str]:
    """Pills, every one on by default, whose choice lives in the link as ``param``
    (left out while every option is on)."""
    linked = [value for value in st.query_params.get_all(param) if value in options]
    chosen = st.pills(
        label,
        options,
        selection_mode="multi",
        default=linked if param in st.query_params else options,
        format_func=text,
        key=param,
    )
    chosen = list(chosen or [])
    if chosen == options:
        st.query_params.pop(param, None)
    elif st.query_params.get_all(param) != chosen:
        st.query_params[param] = chosen
    return chosen


def linked_choice(
    label: str,
    options: list[str],
    *,
    param: str,
    default: str,
    label_of: Any,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """A segmented control whose choice lives in the link as ``param``: the option,
    not its label. ``aliases``: what older links wrote for an option (its label); such
    a link opens that option, and the address then names the option itself."""
    asked = st.query_params.get(param)
    linked = url_state.resolve(asked, options, aliases or {})
    start = linked or default
    if asked is not None and linked is None:
        # Never another document without saying so.
        notice = url_state.unknown_choice(label.lower(), asked, options, label_of(start))
        st.warning(text(notice), icon=":material/link_off:")
    chosen = st.segmented_control(
        label,
        options,
        default=start,
        format_func=lambda option: text(label_of(option)),
        key=param,
        required=True,
    )
    chosen = chosen or start
    if chosen != default or param in st.query_params:
        remember_in_link(param, chosen)
    return chosen


def timeline_block(loaded: LoadedChart) -> None:
    """A timeline with its filters (kept in the link) and the fact card of the event
    selected on it, or named by the link."""
    choices = data.timeline_choices(loaded)
    left, right = st.columns([1, 2])
    with left:
        partnerships = linked_pills("Partnership", choices.partnerships, param="partnership")
    with right:
        topics = st.multiselect(
            "Topic",
            choices.topics,
            format_func=lambda topic: choices.topic_labels.get(topic, topic),
            key="topic",
            bind="query-params",
            placeholder="All topics",
        )
    shown = data.timeline(loaded, partnerships, topics)
    selected = chart_block(shown, selectable=True, problems=loaded.problems)
    selected = selected or linked_fact_ids("event", choices.events)
    if selected:
        remember_in_link("event", selected[0])
        st.subheader("Selected event")
        project = data.project()
        for _, row in transforms.facts_by_id(project.table, selected).iterrows():
            fact_card(row, project.context.units)
    else:
        st.caption(
            "Select an event on the chart, or a row of its Table tab, to read its "
            "statement and the quote it rests on."
        )


def headline_figures(headlines: pd.DataFrame, sources_page: Any, units: words.Units) -> None:
    """The headline figures, three to a row, each with its evidence link. One set of
    columns per row, so that the page reads row by row (on a phone, where columns
    stack, by keyboard and by screen reader), not column by column."""
    rows = [headlines.iloc[start : start + 3] for start in range(0, len(headlines), 3)]
    for cards in rows:
        for column, (_, row) in zip(st.columns(3), cards.iterrows(), strict=False):
            with column:
                figure_metric(row, str(row["label"]), sources_page, units)


def key_points(points: pd.DataFrame) -> None:
    """Events that frame the figures, in time order, each with its period (or, when
    undated, its source)."""
    for _, row in points.iterrows():
        st.markdown(f"- **{text(words.when(row))}**: {text(row['statement'])}")


def figure_metric(row: pd.Series, label: str, sources_page: Any, units: words.Units) -> None:
    """A headline figure: value as it should be read, its date, and its evidence link."""
    fields = words.clean(row)
    with st.container(border=True):
        st.metric(text(label), words.figure(row, units), border=False)
        note = words.exactness_note(row)
        precision = fields["date_precision"]
        st.caption(
            text(
                words.when(row)
                + (f" ({precision})" if precision and fields["dated_by"] == "seed" else "")
                + (f"; {note}" if note else "")
            )
        )
        st.page_link(
            sources_page,
            label="Evidence: the quote in its source",
            icon=":material/format_quote:",
            query_params={"seed": str(row["seed"]), "fact": str(row["fact_id"])},
        )


def fact_card(row: pd.Series, units: words.Units) -> None:
    """A fact with its statement, figure, date and verbatim quote, as inert text."""
    with st.container(border=True):
        st.markdown(f"**{text(row['statement'])}**")
        figure = words.figure(row, units)
        facts = [f"Figure: {figure}"] if figure != "no figure given" else []
        facts.append(f"Date: {words.when(row)}")
        facts.append(f"Status: {row['status']}")
        note = words.exactness_note(row)
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


def share_link(page: Any, default_url_path: str) -> None:
    """'Copy link to this view': the page address with its current parameters."""
    base = st.context.url
    if not base:
        return
    if page.url_path == "":
        # The default page lives at the app's root; st.context.url still appends its
        # declared path, which the browser cannot open.
        base = base.removesuffix("/" + default_url_path)
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    with st.sidebar, st.container(key="copy-link"):
        st.caption("Copy link to this view")
        st.code(url_state.share_url(base, params), language=None, wrap_lines=True)


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
