"""Coverage: every number written in a seed is stated by a fact or excluded with a reason."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.model import FactSet, Seed
from dashboard.facts.numbers import Number, read_numbers


class NumberMention(NamedTuple):
    """One number written in a seed, and what accounts for it. A named tuple: 500 seeds
    hold 21,000 numbers, and a frozen dataclass took 150 ms more to build them."""

    seed: str
    text: str
    start: int
    end: int
    line: int
    column: int  # 1-based, in characters
    fact_ids: tuple[str, ...]
    exclusion_reason: str | None

    @property
    def covered(self) -> bool:
        return bool(self.fact_ids) or self.exclusion_reason is not None


def _spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
    start = text.find(quote)
    while start != -1:
        yield start, start + len(quote)
        start = text.find(quote, start + 1)


class NumberSpans(NamedTuple):
    """Where a seed's numbers start and end: all coverage needs of them."""

    starts: Sequence[int]
    ends: Sequence[int]


def number_spans(numbers: list[Number]) -> NumberSpans:
    return NumberSpans(array("q", (n.start for n in numbers)), array("q", (n.end for n in numbers)))


def _inside(spans: NumberSpans, span: tuple[int, int]) -> range:
    """The numbers wholly inside ``span``. Numbers neither overlap nor nest, so both
    starts and ends ascend: they are the run from the first starting in the span to the
    last ending in it."""
    first = last = bisect_left(spans.starts, span[0])
    while last < len(spans.ends) and spans.ends[last] <= span[1]:
        last += 1
    return range(first, last)


def _position(text: str, start: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[start]``."""
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


def _by_seed(
    factset: FactSet,
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """(quote, fact id) and (quote, reason) of each seed, in the order of the files.
    Grouped once: scanning every fact for every seed is quadratic (8 s at 500 seeds)."""
    quotes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in factset.facts:
        quotes[item.fact.source].append((item.fact.quote, item.fact.id))
    excluded: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for loaded in factset.exclusions:
        exclusion = loaded.exclusion
        excluded[exclusion.source].append((exclusion.quote, exclusion.reason))
    return quotes, excluded


def _seed_mentions(
    seed: Seed, quotes: list[tuple[str, str]], excluded: list[tuple[str, str]]
) -> list[NumberMention]:
    """The numbers of one seed and what covers each, in the order of the facts and
    exclusions (span by span rather than number by number: quadratic no more)."""
    text = seed.text
    numbers = read_numbers(text)
    spans = number_spans(numbers)
    ids: list[list[str]] = [[] for _ in numbers]
    reasons: list[str | None] = [None] * len(numbers)
    for quote, fact_id in quotes:
        for span in _spans(text, quote):
            for index in _inside(spans, span):
                ids[index].append(fact_id)
    for quote, why in excluded:
        for span in _spans(text, quote):
            for index in _inside(spans, span):
                if reasons[index] is None:  # the first exclusion that covers it
                    reasons[index] = why
    found = []
    line, counted, line_start = 1, 0, 0
    for number, covering, reason in zip(numbers, ids, reasons, strict=True):
        start = number.start
        breaks = text.count("\n", counted, start)  # counted once, number by number
        if breaks:
            line += breaks
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        found.append(
            NumberMention(
                seed.file,
                number.text,
                start,
                number.end,
                line,
                start - line_start + 1,
                tuple(dict.fromkeys(covering)),
                reason,
            )
        )
    return found


def mentions(factset: FactSet) -> list[NumberMention]:
    """Every number in every registered seed, with the facts or exclusion covering it."""
    quotes, excluded = _by_seed(factset)
    return [
        mention
        for seed in factset.seeds.values()
        for mention in _seed_mentions(seed, quotes[seed.file], excluded[seed.file])
    ]


def coverage_errors(
    factset: FactSet, read: Mapping[str, NumberSpans] | None = None
) -> list[FactError]:
    """An error for each number that no fact's quote and no exclusion's quote holds.
    Only whether each is covered is worked out here (one flag a number). ``read``: the
    spans of the numbers of seeds already read by the one number reader."""
    quotes, excluded = _by_seed(factset)
    errors = []
    for seed in factset.seeds.values():
        text = seed.text
        spans = (read or {}).get(seed.file) or number_spans(read_numbers(text))
        covered = bytearray(len(spans.starts))
        for quote, _ in (*quotes[seed.file], *excluded[seed.file]):
            for span in _spans(text, quote):
                for index in _inside(spans, span):
                    covered[index] = 1
        for start, end, is_covered in zip(spans.starts, spans.ends, covered, strict=True):
            if not is_covered:
                line, column = _position(text, start)
                errors.append(
                    FactError(
                        f"seeds/{seed.file}",
                        f"{text[start:end]!r} is not covered by any fact or exclusion",
                        line=line,
                        column=column,
                        field="coverage",
                        hint="Add a fact whose quote contains it, or an exclusion (quote and "
                        "reason) in the seed's facts/*.facts.yaml file.",
                        code=ErrorCode.COVERAGE,
                    )
                )
    return errors
