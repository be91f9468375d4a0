"""Checks across facts that warn without dropping anything.

Two facts that report the same measure, in the same unit, for the same period and
partnership but give different figures are a *conflict*: both facts stay (the
sources may really disagree, and readers should see both), and the curator is told
where each one is. A *planned* fact whose period was over before its seed could have
been written is flagged for *review*: it may have happened, or its status may be
wrong.

The planned-event rule compares the period's last day with the first day of the
seed's publication window, so that only plans that are certainly in the past for
the writer are flagged. A plan reported after the fact ("around 50 people were
expected" on a Monday before the article) is a
true 'planned' fact: the expectation was not met. Its period, "On Monday" in an
article undated between January and August 2023, overlaps the publication window,
so it is not flagged; were the seed dated to the day, it would be, and the curator
would confirm it on review. Reviews are warnings: they never fail validation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

from dashboard import words
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.model import Conflict, LoadedFact, Seed
from dashboard.facts.schema import Exactness, Status

CONFLICT_HINT = (
    "Both facts are kept and shown. Check each quote against its seed; if both are "
    "right, the sources disagree: say so in the notes of both facts."
)
REVIEW_HINT = (
    "If it took place, use status: happened; if the source reports a plan that was "
    "not carried out (e.g. 'were expected'), keep planned and say so in notes."
)


def _figure(item: LoadedFact) -> str:
    fact = item.fact
    if fact.value is not None:
        text = words.number(fact.value)
    else:
        text = words.limit(fact.lower, fact.upper)
    if fact.exactness in (Exactness.APPROXIMATE, Exactness.BOUND) and fact.wording:
        text += f" ({fact.exactness.value}: {fact.wording!r})"
    return text


def _interval(item: LoadedFact) -> tuple[float, float]:
    """The figures a fact allows: a value is a point, a bound a half-line."""
    fact = item.fact
    if fact.value is not None:
        return fact.value, fact.value
    low = fact.lower if fact.lower is not None else float("-inf")
    high = fact.upper if fact.upper is not None else float("inf")
    return low, high


# A fact's value (or None) and the interval of figures it allows.
_Figures = tuple[float | None, float, float]


def _figures(item: LoadedFact) -> _Figures:
    return (item.fact.value, *_interval(item))


def _disagree(first: _Figures, second: _Figures) -> bool:
    (value_a, low_a, high_a), (value_b, low_b, high_b) = first, second
    if value_a is not None and value_b is not None:
        return value_a != value_b
    # A value and a bound, or two bounds: they disagree when no figure satisfies both.
    return high_a < low_b or high_b < low_a


def _conflict(first: LoadedFact, second: LoadedFact) -> Conflict:
    """The warning for two facts that disagree, located at the second."""
    period = second.period.edtf if second.period else "undated"
    unit = second.fact.unit or "none"
    error = FactError(
        second.file,
        f"conflicts with {first.fact.id} ({first.file}:{first.line}): same measure "
        f"{second.fact.measure!r}, unit {unit!r}, period {period!r} and partnership "
        f"{second.fact.partnership!r}, but "
        f"{second.fact.id} gives {_figure(second)} and {first.fact.id} gives {_figure(first)}",
        line=second.line_of("value") if second.fact.value is not None else second.line,
        field=f"{second.fact.id}.value",
        hint=CONFLICT_HINT,
        code=ErrorCode.CONFLICT,
    )
    return Conflict(first, second, error)


def _has_figure(item: LoadedFact) -> bool:
    fact = item.fact
    return fact.value is not None or fact.lower is not None or fact.upper is not None


def find_conflicts(facts: list[LoadedFact]) -> list[Conflict]:
    """Pairs of facts with the same measure, unit, period and partnership that disagree."""
    groups: dict[tuple[object, ...], list[LoadedFact]] = defaultdict(list)
    for item in facts:
        fact = item.fact
        # Undated figures cannot be said to describe the same period.
        if fact.measure is None or item.period is None or not _has_figure(item):
            continue
        key = (fact.measure, fact.unit, item.period.start, item.period.end, fact.partnership)
        groups[key].append(item)
    conflicts = []
    for group in groups.values():
        # Each fact's figures worked out once, not once per pair: the groups of 10,000
        # synthetic facts hold 48,000 pairs.
        figures = [(item, _figures(item)) for item in group]
        for (first, of_first), (second, of_second) in combinations(figures, 2):
            if _disagree(of_first, of_second):
                conflicts.append(_conflict(first, second))
    return conflicts


def planned_but_past(facts: list[LoadedFact], seeds: dict[str, Seed]) -> list[FactError]:
    """Planned facts whose period ended before the seed's publication window began."""
    reviews = []
    for item in facts:
        seed = seeds.get(item.fact.source)
        if item.fact.status is not Status.PLANNED or item.period is None or seed is None:
            continue
        window_start: dt.date = seed.publication.start
        if item.period.end < window_start:
            reviews.append(
                FactError(
                    item.file,
                    f"planned, but its date {item.period.edtf!r} ended on "
                    f"{item.period.end.isoformat()}, before seeds/{seed.file} was published "
                    f"({seed.entry.published.edtf!r}, from {window_start.isoformat()})",
                    line=item.line_of("status"),
                    field=f"{item.fact.id}.status",
                    hint=REVIEW_HINT,
                    code=ErrorCode.PLANNED_IN_PAST,
                )
            )
    return reviews
