"""The loaded-fact types: what a load gives everyone downstream (data only, no checks).

Every module of the fact layer and every consumer imports these from here, so the
loader, the checks across facts and coverage depend on this module, never on each
other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.facts.dates import Period
from dashboard.facts.errors import FactError
from dashboard.facts.schema import Exclusion, Fact, SeedEntry
from dashboard.facts.vocabulary import Vocabulary


@dataclass(frozen=True)
class Seed:
    """A source document with its register entry."""

    entry: SeedEntry
    text: str
    publication: Period
    line: int  # of its entry in the register

    @property
    def file(self) -> str:
        return self.entry.file


@dataclass(frozen=True)
class LoadedFact:
    """A fact that passed every check, with where it came from."""

    fact: Fact
    file: str
    line: int
    period: Period | None
    field_lines: Mapping[str, int] = field(default_factory=dict)
    formula: str | None = None  # for a derived fact, with the input figures

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, self.line)


@dataclass(frozen=True)
class LoadedExclusion:
    exclusion: Exclusion
    file: str
    line: int


@dataclass(frozen=True)
class Conflict:
    """Two facts about the same figure that disagree; both are kept. ``error`` is the
    warning that locates and explains it (see crosscheck.py)."""

    first: LoadedFact
    second: LoadedFact
    error: FactError

    def __str__(self) -> str:
        return str(self.error)


@dataclass
class FactSet:
    """Every good fact and every error found on the way."""

    facts: list[LoadedFact] = field(default_factory=list)
    errors: list[FactError] = field(default_factory=list)
    seeds: dict[str, Seed] = field(default_factory=dict)
    exclusions: list[LoadedExclusion] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    # Registered seeds that failed their own checks: file -> where the register says so.
    broken_seeds: dict[str, str] = field(default_factory=dict)
    # Every partnership in the register, for checking facts against it.
    partnerships: frozenset[str] = frozenset()
    # Set when the register itself could not be read: then no seed is known.
    register_problem: str | None = None
    # Facts left out for an error, by id, with their first error: a derived fact whose
    # input is one of them says which check the input failed.
    failed_facts: dict[str, FactError] = field(default_factory=dict)
    # Topics and units (facts/vocabularies.yaml); None when that file is unusable.
    vocabulary: Vocabulary | None = None

    def seed_problem(self, source: str) -> str | None:
        """Where the reason lies, if facts of ``source`` cannot be checked."""
        if source in self.broken_seeds:
            return self.broken_seeds[source]
        if source not in self.seeds and self.register_problem:
            return self.register_problem
        return None

    # Warnings: the facts stay loaded and validation still passes (see crosscheck.py).
    conflicts: list[Conflict] = field(default_factory=list)
    reviews: list[FactError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_id(self) -> dict[str, LoadedFact]:
        return {item.fact.id: item for item in self.facts}
