"""Derived figures: each method is a named, tested formula (no eval)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashboard.facts.schema import DerivationMethod


@dataclass(frozen=True)
class Method:
    roles: tuple[str, ...]
    compute: Callable[[Mapping[str, float]], float]
    template: str  # formula with {role} placeholders, for people

    def formula(self, names: Mapping[str, str]) -> str:
        return self.template.format(**names)


METHODS: dict[DerivationMethod, Method] = {
    DerivationMethod.RATIO: Method(
        roles=("numerator", "denominator"),
        compute=lambda v: v["numerator"] / v["denominator"],
        template="{numerator} / {denominator}",
    ),
    DerivationMethod.BASE_BEFORE_PERCENT_INCREASE: Method(
        roles=("current", "percent_increase"),
        compute=lambda v: v["current"] / (1 + v["percent_increase"] / 100),
        template="{current} / (1 + {percent_increase} / 100)",
    ),
}


def recompute(method: DerivationMethod, values: Mapping[str, float], decimals: int) -> float:
    """The derived value, rounded as the fact declares."""
    return round(METHODS[method].compute(values), decimals)
