"""Sentences of a seed, and the quote a candidate takes from them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# Limits that keep a draft readable, and its size bounded whatever the seed holds.
MAX_QUOTE_CHARS = 600  # a longer sentence is quoted around the figure only
QUOTE_CONTEXT = 200

# A full stop ends a sentence unless it closes an initial or an abbreviation such as
# "U.K." or "Mr."; a line break always does (headlines, datelines, paragraphs).
# Hand-written because a sentence-splitting library would be a new runtime dependency
# for one function, and the quote only has to be an exact slice of the seed.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|No|vs|Gen|Sen))\.$")


def sentence_breaks(text: str) -> list[int]:
    """Offsets where sentences end (exclusive), in order, the last being len(text)."""
    breaks = []
    for match in _SENTENCE_END.finditer(text):
        if match.group(0) == "\n":
            breaks.append(match.start())
        elif not _ABBREVIATION.search(text[max(0, match.start() - 5) : match.start() + 1]):
            breaks.append(match.end())
    return [*breaks, len(text)]


def sentence_span(text: str, start: int, end: int, breaks: list[int]) -> tuple[int, int]:
    """The sentence(s) of ``text`` holding ``text[start:end]``, trimmed of spaces."""
    index = bisect.bisect_right(breaks, start)
    first = breaks[index - 1] if index else 0
    last = breaks[min(bisect.bisect_left(breaks, end), len(breaks) - 1)]
    return _trimmed(text, first, last, start, end)


def _trimmed(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """``first:last`` without surrounding spaces, still holding ``start:end``."""
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last


def quote_span(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """The sentence ``first:last``, or for a very long one the words around ``start:end``."""
    if last - first <= MAX_QUOTE_CHARS:
        return first, last
    low, high = max(first, start - QUOTE_CONTEXT), min(last, end + QUOTE_CONTEXT)
    # Whole words only: step in to the nearest space, never past the figure itself.
    if low > first and not text[low - 1].isspace():
        space = text.find(" ", low, start)
        low = space + 1 if space != -1 else start
    if high < last and not text[high].isspace():
        space = text.rfind(" ", end, high)
        high = space if space != -1 else end
    return _trimmed(text, low, high, start, end)


class Spans:
    """Non-overlapping spans of a text, kept sorted: overlap tests in log time, so that
    drafting a long seed stays fast."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # Only the last span starting before ``end`` can reach past ``start``.
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and self.ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)
