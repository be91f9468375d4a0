"""Coverage: every number written in a seed is stated by a fact or excluded with a reason."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashboard.facts.errors import FactError

if TYPE_CHECKING:  # load.py imports this module
    from dashboard.facts.load import FactSet, LoadedExclusion, LoadedFact

NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "half",
]

NUMBER_PATTERN = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?"
    r"|\b(?:" + "|".join(NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """One number written in a seed, and what accounts for it."""

    seed: str
    text: str
    start: int
    end: int
    line: int
    fact_ids: tuple[str, ...]
    exclusion_reason: str | None

    @property
    def covered(self) -> bool:
        return bool(self.fact_ids) or self.exclusion_reason is not None


def find_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every number in ``text``: digits, percentages and number words, with offsets."""
    return [(m.group(0), m.start(), m.end()) for m in NUMBER_PATTERN.finditer(text)]


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def mentions(factset: FactSet) -> list[NumberMention]:
    """Every number in every registered seed, with the facts or exclusion covering it."""
    found = []
    # Grouped once: scanning every fact for every seed is quadratic (8 s at 500 seeds).
    facts_of: dict[str, list[LoadedFact]] = defaultdict(list)
    for item in factset.facts:
        facts_of[item.fact.source].append(item)
    exclusions_of: dict[str, list[LoadedExclusion]] = defaultdict(list)
    for excluded in factset.exclusions:
        exclusions_of[excluded.exclusion.source].append(excluded)
    for seed in factset.seeds.values():
        quotes = [
            (span, item.fact.id)
            for item in facts_of[seed.file]
            for span in _spans(seed.text, item.fact.quote)
        ]
        exclusions = [
            (span, excluded.exclusion.reason)
            for excluded in exclusions_of[seed.file]
            for span in _spans(seed.text, excluded.exclusion.quote)
        ]
        for text, start, end in find_numbers(seed.text):
            ids = tuple(dict.fromkeys(i for (a, b), i in quotes if a <= start and end <= b))
            reason = next((r for (a, b), r in exclusions if a <= start and end <= b), None)
            line = seed.text.count("\n", 0, start) + 1
            found.append(NumberMention(seed.file, text, start, end, line, ids, reason))
    return found


def coverage_errors(factset: FactSet) -> list[FactError]:
    return [
        FactError(
            f"seeds/{m.seed}",
            f"{m.text!r} is not covered by any fact or exclusion",
            line=m.line,
            field="coverage",
            hint="Add a fact whose quote contains it, or an exclusion (quote and reason) "
            "in the seed's facts/*.facts.yaml file.",
            code="coverage",
        )
        for m in mentions(factset)
        if not m.covered
    ]
