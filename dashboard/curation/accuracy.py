"""How good the draft is: each seed's draft against its curated fact file.

Each candidate of the draft is paired with a curated fact it stands for: a figure with
a fact whose quote holds the number and that gives its value (or bound, or wording); a
dated event with a fact without a figure whose quote holds the date phrase. Then:

- **right**: value (or bounds), exactness, unit, date, topic and status all equal the
  curation's, as drafted;
- **fixed**: paired with a curated fact, but some of those fields had to be changed;
- **wrong**: paired with no curated fact (a number that is not a figure, or a second
  candidate for one fact): the curator deletes it;
- **missed**: a curated fact that no candidate stands for. Derived facts are left out:
  they are computed by the curator, not stated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.curation.draft import draft_candidates
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.facts.numbers import read_numbers
from dashboard.facts.schema import Fact
from dashboard.facts.vocabulary import Vocabulary

COMPARED = ("value", "lower", "upper", "exactness", "unit", "date", "topic", "status")


@dataclass
class SeedAccuracy:
    """The counts for one seed, and what differed in each fixed candidate."""

    seed: str
    right: int = 0
    fixed: int = 0
    wrong: int = 0
    missed: int = 0
    fixes: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        return self.right + self.fixed + self.wrong

    @property
    def share_right(self) -> float:
        return self.right / self.candidates if self.candidates else 0.0


def _curated_fields(fact: Fact) -> dict[str, Any]:
    return {
        "value": fact.value,
        "lower": fact.lower,
        "upper": fact.upper,
        "exactness": fact.exactness.value if fact.exactness is not None else None,
        "unit": fact.unit,
        "date": fact.date.edtf,
        "topic": fact.topic,
        "status": fact.status.value,
    }


def _drafted_fields(candidate: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": candidate.get("value"),
        "lower": candidate.get("lower"),
        "upper": candidate.get("upper"),
        "exactness": candidate.get("exactness"),
        "unit": candidate.get("unit"),
        "date": candidate["date"]["edtf"],
        "topic": candidate["topic"],
        "status": candidate["status"],
    }


def _has_figure(fact: Fact) -> bool:
    return any(v is not None for v in (fact.value, fact.lower, fact.upper, fact.wording))


@dataclass(frozen=True)
class _Anchor:
    """A candidate's number or date phrase: where it is, its words, its value."""

    start: int
    end: int
    words: str
    value: float | None
    is_figure: bool


def _stands_for(anchor: _Anchor, fact: Fact, quote: tuple[int, int]) -> bool:
    """Whether a candidate stands for a curated fact (see the module's docstring)."""
    if not (quote[0] <= anchor.start and anchor.end <= quote[1]):
        return False
    if not anchor.is_figure:
        return not _has_figure(fact)
    if anchor.value is not None and anchor.value in (fact.value, fact.lower, fact.upper):
        return True
    return fact.wording is not None and anchor.words in fact.wording


def measure_seed(factset: FactSet, seed_name: str, vocabulary: Vocabulary) -> SeedAccuracy:
    seed = factset.seeds[seed_name]
    text = seed.text
    curated = [item.fact for item in factset.facts if item.fact.source == seed_name]
    stated = [fact for fact in curated if fact.derived is None]
    spans = {}
    for fact in stated:
        at = text.find(fact.quote)
        spans[fact.id] = (at, at + len(fact.quote))
    result = SeedAccuracy(seed_name)
    paired: set[str] = set()
    drafted_seed = draft_candidates(seed, vocabulary)
    for candidate, (start, end) in zip(drafted_seed.facts, drafted_seed.anchors, strict=True):
        words = text[start:end]
        is_figure = "exactness" in candidate
        number = read_numbers(words)
        value = number[0].value if is_figure and number else None
        drafted = _drafted_fields(candidate)

        anchor = _Anchor(start, end, words, value, is_figure)
        options = [
            fact
            for fact in stated
            if fact.id not in paired and _stands_for(anchor, fact, spans[fact.id])
        ]
        if not options:
            result.wrong += 1
            result.wrongs.append(f"{words!r}")
            continue
        exact = [fact for fact in options if _curated_fields(fact) == drafted]
        fact = (exact or options)[0]
        paired.add(fact.id)
        if exact:
            result.right += 1
        else:
            result.fixed += 1
            wanted = _curated_fields(fact)
            changed = [
                f"{k} {drafted[k]!r}->{wanted[k]!r}" for k in COMPARED if drafted[k] != wanted[k]
            ]
            result.fixes.append(f"{fact.id}: {', '.join(changed)}")
    result.misses = [fact.id for fact in stated if fact.id not in paired]
    result.missed = len(result.misses)
    return result


def measure(root: Path) -> list[SeedAccuracy]:
    """The draft of every seed of the project at ``root`` against its curated facts."""
    factset = load_facts(root)
    vocabulary = factset.vocabulary or Vocabulary()
    return [measure_seed(factset, name, vocabulary) for name in sorted(factset.seeds)]


def table(results: list[SeedAccuracy]) -> str:
    """The accuracy table, as Markdown (README.md prints it)."""
    rows = [
        "| Seed | Candidates | Right | Fixed | Wrong | Missed | Right as drafted |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in [*results, _total(results)]:
        rows.append(
            f"| {item.seed} | {item.candidates} | {item.right} | {item.fixed} | "
            f"{item.wrong} | {item.missed} | {item.share_right:.0%} |"
        )
    return "\n".join(rows)


def _total(results: list[SeedAccuracy]) -> SeedAccuracy:
    total = SeedAccuracy("**all**")
    for item in results:
        total.right += item.right
        total.fixed += item.fixed
        total.wrong += item.wrong
        total.missed += item.missed
    return total
