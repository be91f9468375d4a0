"""The shape of fact files and the seed register (pydantic, unknown fields refused).

``python -m dashboard schema`` writes JSON Schema files from these models so that
editors can complete and check fact files as they are typed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from dashboard.facts.dates import Precision, RelativeRule


class Exactness(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    BOUND = "bound"


class Status(StrEnum):
    HAPPENED = "happened"
    ANNOUNCED = "announced"
    PLANNED = "planned"


class DerivationMethod(StrEnum):
    RATIO = "ratio"
    BASE_BEFORE_PERCENT_INCREASE = "base_before_percent_increase"


FactId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=3, max_length=80)
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Relative(Strict):
    """How a relative phrase in the seed was turned into dates."""

    phrase: Text = Field(description="The seed's words, e.g. 'last week'.")
    reference: Text = Field(
        description="EDTF of the date the phrase is relative to: the seed's publication date."
    )
    rule: RelativeRule = Field(description="How the phrase resolves from the reference.")


class DateSpec(Strict):
    """When the fact applies, at the precision the seed gives."""

    edtf: str | None = Field(
        description="EDTF date or closed interval (2024-10-07, 2024-10, 2023-22, 2024, "
        "2024-01-01/2024-10-26); null when the seed gives no resolvable date."
    )
    precision: Precision | None = Field(
        description="day, week, month, season, year or span; must agree with edtf."
    )
    relative: Relative | None = None
    reason: Text | None = Field(
        default=None,
        description="Why the date is right when the quote does not state it, e.g. "
        '\'"this period" in the quote is the summer of 2023, named in the sentence '
        "before'. Without it, every year, month and day of edtf must be stated in the "
        "quote, come from the relative phrase's rule, or be the seed's publication date.",
    )


class Derivation(Strict):
    """A figure computed from other facts; the loader recomputes it."""

    method: DerivationMethod
    inputs: dict[str, FactId] = Field(
        description="ratio: numerator, denominator. "
        "base_before_percent_increase: current, percent_increase."
    )
    decimals: int = Field(ge=0, le=6, description="Decimal places the value is rounded to.")


class Fact(Strict):
    """One verified statement from one seed."""

    id: FactId
    statement: Text = Field(description="One line in plain words.")
    topic: Text = Field(description="One of the topics in facts/vocabularies.yaml.")
    partnership: Text = Field(description="A partnership named in the register.")
    countries: list[Text] = Field(min_length=1)
    measure: str | None = Field(
        default=None,
        description="What is counted, in words shared by facts of the same measure.",
    )
    value: float | None = Field(default=None, allow_inf_nan=False)
    unit: Text | None = Field(
        default=None, description="One of the units in facts/vocabularies.yaml."
    )
    exactness: Exactness | None = None
    wording: str | None = Field(
        default=None,
        description="The seed's own words for an approximate or bounded figure ('around 50').",
    )
    lower: float | None = Field(
        default=None, allow_inf_nan=False, description="Lower bound, for a bound."
    )
    upper: float | None = Field(
        default=None, allow_inf_nan=False, description="Upper bound, for a bound."
    )
    status: Status
    date: DateSpec
    derived: Derivation | None = None
    source: Text = Field(description="The seed's file name in seeds/.")
    quote: Text = Field(description="Verbatim passage of the seed that states the fact.")
    notes: str | None = Field(default=None, description="Caveats shown beside the figure.")
    draft: bool = Field(
        default=False,
        description="Written by 'python -m dashboard draft'; the loader refuses drafts "
        "until a person has reviewed the fact and removed this line.",
    )


class Exclusion(Strict):
    """A number in a seed that is not a fact, and why."""

    source: Text
    quote: Text
    reason: Text


class FactFileShape(Strict):
    """The top level of a fact file; each item is validated on its own, so that one
    bad fact does not hide the others."""

    facts: list[object] = Field(default_factory=list)
    exclusions: list[object] = Field(default_factory=list)


class FactFile(Strict):
    """A YAML file in facts/ named *.facts.yaml (for the JSON Schema)."""

    facts: list[Fact] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)


class HowDated(StrEnum):
    DATELINE = "dateline"
    INFERRED = "inferred"


class Publication(Strict):
    edtf: Text
    precision: Precision
    how: HowDated
    evidence: list[Text] = Field(
        min_length=1, description="Verbatim sentences of the seed that date it."
    )
    reasoning: str | None = Field(default=None, description="How the evidence gives the date.")


class SeedEntry(Strict):
    """One source document in seeds/."""

    file: Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    label: Text = Field(description="A short name for the document, ours, for display.")
    headline: str | None = Field(description="The seed's own headline, verbatim; null if none.")
    publisher: str | None = Field(description="The publisher if the text names one, else null.")
    partnership: Text
    countries: list[Text] = Field(min_length=1)
    published: Publication
    notes: str | None = None


class RegisterShape(Strict):
    """The top level of the register; each seed entry is validated on its own."""

    seeds: list[object]


class Register(Strict):
    """facts/register.yaml: every seed, with how its date is known (for the JSON Schema)."""

    seeds: list[SeedEntry]
