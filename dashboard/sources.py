"""The Sources page's text: seed paragraphs as escaped Markdown with highlights (pure)."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlencode

import pandas as pd

from dashboard.text import Segment, escape_markdown, paragraphs, segments


def _link(seed: str, fact_id: str) -> str:
    query = urlencode({"seed": seed, "fact": fact_id})
    return f"[{escape_markdown('↗ ' + fact_id)}](?{query})"


# The passage of the fact followed is bold as well as blue: dashboard/style.css gives
# it a dark background (at least 3:1 against the other highlights, in either theme),
# and the Sources page scrolls to its paragraph. Escaped seed text cannot contain it.
FOLLOWED = ":blue-background[**"


def _render(segment: Segment, seed: str, followed: set[str]) -> str:
    body = escape_markdown(segment.text)
    if not segment.fact_ids:
        return body
    links = " ".join(_link(seed, fact_id) for fact_id in segment.fact_ids)
    if followed.intersection(segment.fact_ids):
        return f"{FOLLOWED}{body}**] {links} "
    return f":orange-background[{body}] {links} "


def has_followed(paragraph: str) -> bool:
    """Whether a paragraph of highlighted_paragraphs holds the passage followed."""
    return FOLLOWED in paragraph


def highlighted_paragraphs(
    text: str, facts: pd.DataFrame, followed: Collection[str] = frozenset()
) -> list[str]:
    """Markdown paragraphs of a seed: quoted passages highlighted and linked to facts.

    Every character of the seed passes through ``escape_markdown``, so nothing in it
    can act as Markdown or HTML. A quote used by several facts links to each.
    """
    quotes = list(zip(facts["fact_id"].astype(str), facts["quote"].astype(str), strict=True))
    seed = str(facts["seed"].iloc[0]) if len(facts) else ""
    followed_set = set(followed)
    blocks = paragraphs(segments(text, quotes))
    return ["".join(_render(s, seed, followed_set) for s in block) for block in blocks]
