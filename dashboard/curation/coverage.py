"""The coverage report: every number of every seed, and what accounts for it."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.curation.common import PYTHON
from dashboard.facts.coverage import NumberMention, coverage_errors, mentions
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.model import FactSet
from dashboard.paths import ProjectPaths


@dataclass(frozen=True)
class CoverageReport:
    lines: list[str]
    problems: list[FactError]

    @property
    def ok(self) -> bool:
        return not self.problems


def _account(mention: NumberMention) -> str:
    if mention.fact_ids:
        return "facts: " + ", ".join(mention.fact_ids)
    if mention.exclusion_reason is not None:
        return f"excluded: {mention.exclusion_reason}"
    return "NOT COVERED"


def coverage_report(factset: FactSet, paths: ProjectPaths) -> CoverageReport:
    """Every number of every seed, with the facts covering it or why it is excluded."""
    lines: list[str] = []
    found = mentions(factset)
    for seed in factset.seeds.values():
        own = [m for m in found if m.seed == seed.file]
        missing = sum(not m.covered for m in own)
        state = "all covered" if not missing else f"{missing} not covered"
        lines.append(f"seeds/{seed.file}: {len(own)} number(s), {state}")
        lines += [f"  {f'{m.line}:{m.column}':<9} {m.text!r:<14} {_account(m)}" for m in own]
    problems = coverage_errors(factset)
    for name, where in factset.broken_seeds.items():
        problems.append(
            FactError(
                f"seeds/{name}",
                f"not checked: its register entry has errors ({where})",
                field="coverage",
                hint=f"Run '{PYTHON} validate' and fix the entry first.",
                code=ErrorCode.SEED_UNUSABLE,
            )
        )
    # Files in seeds/ with no register entry, or that are not files: the load found them.
    problems += [
        error
        for error in factset.errors
        if error.code in (ErrorCode.UNREGISTERED_SEED, ErrorCode.NOT_A_FILE)
        and error.file.startswith("seeds/")
    ]
    return CoverageReport(lines, problems)
