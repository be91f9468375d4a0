"""Addresses and link parameters (pure): which parameters a page understands, notices
for the rest, and the addresses a reader takes away: a view, a chart, an embed."""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Streamlit's own parameters, which every page accepts silently.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
MAX_SHOWN = 40
MAX_OPTIONS_SHOWN = 6


def _shown(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _options(options: Collection[str]) -> str:
    listed = sorted(options)
    text = ", ".join(listed[:MAX_OPTIONS_SHOWN])
    return text + (", …" if len(listed) > MAX_OPTIONS_SHOWN else "")


def check_params(
    raw: Mapping[str, Sequence[str]],
    allowed: Mapping[str, Collection[str] | None],
) -> list[str]:
    """Notices for parameters a page cannot use; ``None`` options mean any text."""
    notices = []
    for key, values in raw.items():
        if key in STREAMLIT_PARAMS:
            continue
        if key not in allowed:
            notices.append(
                f"Ignored the link parameter “{_shown(key)}”: this page does not use it."
            )
            continue
        options = allowed[key]
        if options is None:
            continue
        bad = [value for value in values if value not in options]
        if bad:
            notices.append(
                f"Ignored {key}=“{_shown(bad[0])}”"
                + (f" and {len(bad) - 1} more" if len(bad) > 1 else "")
                + f": not one of {_options(options)}."
            )
    return notices


def share_url(base: str, params: Mapping[str, Sequence[str]]) -> str:
    """The address that reopens this view: page URL plus its parameters."""
    pairs = [(key, value) for key, values in params.items() for value in values]
    return base + (("?" + urlencode(pairs)) if pairs else "")


def resolve(value: str | None, options: Collection[str], aliases: Mapping[str, str]) -> str | None:
    """The option a link's value names: the option itself, or the option an older link's
    word for it stands for (a source's label for its file); None when it names none."""
    if value is None:
        return None
    if value in options:
        return value
    return aliases.get(value)


def unknown_choice(noun: str, value: str, options: Collection[str], shown: str) -> str:
    """The notice for a link that names no option: what it named, what is shown
    instead, and what a link may name."""
    return (
        f"No {noun} is named “{_shown(value)}”: showing “{shown}” instead. "
        f"A link names one of {_options(options)}."
    )


def app_address(page_url: str | None, page_paths: Collection[str]) -> str | None:
    """The dashboard's own address, from a page's address: 'https://h/app/data' ->
    'https://h/app/' (any query or fragment dropped)."""
    if not page_url:
        return None
    parts = urlsplit(page_url)
    path = parts.path.rstrip("/")
    for page in page_paths:
        if path.endswith("/" + page):
            path = path.removesuffix("/" + page)
            break
    return urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def chart_url(
    page_url: str, params: Mapping[str, Sequence[str]], chart_id: str, own: Collection[str]
) -> str:
    """The address of one chart as the reader sees it: its page, the link parameters
    that are the chart's own (its tab, a timeline's filters and event), and its anchor."""
    kept = {key: values for key, values in params.items() if key in own and values}
    return share_url(page_url, kept) + "#" + chart_id


def embed_url(url: str) -> str:
    """The address with Streamlit's ``embed=true`` (no menu, no toolbar), fragment kept."""
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "embed"]
    query.append(("embed", "true"))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def embed_snippet(url: str, title: str, *, height: int = 720) -> str:
    """An <iframe> that embeds the chart's page, to copy into a web page."""
    return (
        f'<iframe src="{html.escape(embed_url(url))}" title="{html.escape(title)}" '
        f'width="100%" height="{height}" style="border:0" loading="lazy"></iframe>'
    )
