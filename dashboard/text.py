"""Seed and fact text made safe for Streamlit's Markdown, and split for highlighting.

Every ASCII punctuation character may be backslash-escaped in CommonMark, so escaping
all of them leaves no Markdown, HTML, link, LaTeX or Streamlit directive syntax
(``:red[...]``, ``:smile:``) for the renderer to act on: the text shows as typed. A
colon before a space or the end is left as it is: a directive, an emoji or an icon
needs a name right after its colon ("Overview: figures" reads the same either way).

Escaping does not stop GitHub-flavoured Markdown from turning a bare web or e-mail
address into a link (it finds them in the text after escapes are read), so those are
written as code spans: shown as typed, in a fixed-width font, never a live link.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PUNCTUATION = re.compile(r"([!-/;-@\[-`{-~]|:(?=\S))")
# What GitHub-flavoured Markdown links on its own: web and e-mail addresses.
_AUTOLINKED = re.compile(r"(?:https?://|www\.)[^\s<>`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _escaped(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")


def escape_markdown(text: str) -> str:
    """Text that Markdown renders literally; line breaks are kept as hard breaks, and
    web and e-mail addresses are code spans (never links)."""
    parts = []
    last = 0
    for match in _AUTOLINKED.finditer(text):
        parts += [_escaped(text[last : match.start()]), f"`{match.group()}`"]
        last = match.end()
    parts.append(_escaped(text[last:]))
    return "".join(parts)


@dataclass(frozen=True)
class Segment:
    """A run of a seed's text, and the facts whose quotes cover it (empty if none)."""

    text: str
    fact_ids: tuple[str, ...]


def segments(text: str, quotes: Iterable[tuple[str, str]]) -> list[Segment]:
    """Split ``text`` at the edges of every (fact_id, quote) occurrence.

    Overlapping quotes are fine: each segment lists every fact covering it.
    """
    cuts = {0, len(text)}
    spans: list[tuple[int, int, str]] = []
    for fact_id, quote in quotes:
        start = text.find(quote)
        while start != -1 and quote:
            spans.append((start, start + len(quote), fact_id))
            cuts.update((start, start + len(quote)))
            start = text.find(quote, start + 1)
    edges = sorted(cuts)
    result = []
    for begin, end in itertools.pairwise(edges):
        ids = tuple(dict.fromkeys(i for a, b, i in spans if a <= begin and end <= b))
        result.append(Segment(text[begin:end], ids))
    return result


def paragraphs(items: Sequence[Segment]) -> list[list[Segment]]:
    """Group segments into paragraphs at blank lines, splitting segments where needed."""
    blocks: list[list[Segment]] = [[]]
    for item in items:
        parts = re.split(r"\n\s*\n", item.text)
        for index, part in enumerate(parts):
            if index:
                blocks.append([])
            if part:
                blocks[-1].append(Segment(part, item.fact_ids))
    return [block for block in blocks if any(s.text.strip() for s in block)]
