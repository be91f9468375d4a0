"""Small corpora of their own for the fact layer's tests: seeds, register, fact files.

The tests never read the live corpus (seeds/, facts/): a project is written into a
temporary folder from the texts below, with each seed's sha256 computed here. The
standard corpus holds three seeds (one with a dateline, one dated by inference, and one
of another partnership with no numbers) and fact files that validate with no error and
cover every number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

DATED = "dated.txt"
UNDATED = "undated.txt"
OTHER = "other.txt"  # another partnership's seed, with no numbers and no facts
OTHER_PARTNERSHIP = "UK–Elsewhere"
OTHER_TEXT = "A document about another partnership.\n"
DATED_FACTS = "facts/dated.facts.yaml"
UNDATED_FACTS = "facts/undated.facts.yaml"
TEST_FILE = "facts/zz-test.facts.yaml"
PARTNERSHIP = "UK–Testland"
CROSSINGS = "people crossing the Channel in small boats"

DATED_TEXT = (
    "Saturday, October 26, 2024\n"
    "\n"
    "In just one day last week, 509 individuals crossed the Channel in 11 vessels, "
    "contributing to a total of 29,154 crossings in 2024 alone—nearly matching the total "
    "for the entire year of 2023.\n"
    "The summer of 2023 marked a turning point. During this period, officers seized "
    "hundreds of boats.\n"
    "The scheme will cost £476 million, and officials will meet again before the end of "
    "the year.\n"
    "Martin Hewitt took up his role on October 7.\n"
)
UNDATED_TEXT = (
    "Last year, a total of 124,441 irregular migrants were deported and some 58,758 "
    "Syrians made voluntary returns.\n"
    "This was up by some 161% compared to 2021.\n"
    "On Monday, the first 15 asylum seekers boarded the barge. Around 50 people were "
    "expected to move onboard, but around 20 were granted a reprieve.\n"
    "The two nations will meet in the autumn.\n"
)


# The topics and units the corpus's facts use (facts/vocabularies.yaml of the project).
VOCABULARIES_TEXT = """\
topics:
  - {name: crossings, label: Crossings}
  - {name: deportations, label: Deportations}
  - {name: voluntary returns, label: Voluntary returns}
  - {name: seizures, label: Seizures}
  - {name: agreements, label: Agreements}
  - {name: appointments, label: Appointments}
  - {name: meetings, label: Meetings}
  - {name: accommodation, label: Accommodation}
  - {name: operations, label: Operations}
  - {name: policy, label: Policy}
units:
  - {name: people, label: people}
  - {name: boats, label: boats}
  - {name: GBP, label: pounds sterling, prefix: "£"}
  - {name: percent, label: percent, suffix: "%"}
  - {name: people per boat, label: people per boat}
"""


# What the dashboard shows of the corpus (facts/views.yaml): no page of charts, so that
# the views name nothing a fact-layer test might remove.
VIEWS_TEXT = """\
dataset:
  title: A test corpus
  description: Facts of the fact layer's tests.
  licence: CC BY 4.0
  citation: Cite the fact id.
overview:
  title: Test facts
"""


def fact(
    fact_id: str,
    statement: str,
    quote: str,
    *,
    source: str = DATED,
    topic: str = "crossings",
    status: str = "happened",
    date: str = "{edtf: null, precision: null}",
    **fields: str | int | float,
) -> str:
    """One fact as YAML, fields in the order curators write them."""
    lines = [
        f"  - id: {fact_id}",
        f"    statement: {statement}",
        f"    topic: {topic}",
        f"    partnership: {PARTNERSHIP}",
        "    countries: [United Kingdom]",
    ]
    for name in ("measure", "value", "unit", "exactness", "wording", "lower", "upper"):
        if name in fields:
            lines.append(f"    {name}: {fields.pop(name)}")
    lines += [f"    status: {status}", f"    date: {date}"]
    lines += [f"    {name}: {text}" for name, text in fields.items()]
    lines += [f"    source: {source}", f'    quote: "{quote}"']
    return "\n".join(lines) + "\n"


def relative(edtf: str, precision: str, phrase: str, reference: str, rule: str) -> str:
    return (
        f'{{edtf: "{edtf}", precision: {precision}, '
        f'relative: {{phrase: {phrase}, reference: "{reference}", rule: {rule}}}}}'
    )


ONE_DAY_QUOTE = "In just one day last week, 509 individuals crossed the Channel in 11 vessels"
LAST_WEEK = relative(
    "2024-10-14/2024-10-20", "week", "one day last week", "2024-10-26", "last_week"
)
UNDATED_WINDOW = "2023-01/2023-08"
LAST_YEAR = relative("2022", "year", "Last year", UNDATED_WINDOW, "last_year")
ON_MONDAY = relative("2022-12-26/2023-08-28", "span", "On Monday", UNDATED_WINDOW, "last_monday")

DATED_FACTS_TEXT = (
    "facts:\n"
    + fact(
        "crossings-one-day",
        "509 people crossed the Channel on one day last week.",
        ONE_DAY_QUOTE,
        date=LAST_WEEK,
        measure="people crossing on one day",
        value=509,
        unit="people",
        exactness="exact",
    )
    + fact(
        "boats-one-day",
        "11 boats crossed on that day.",
        ONE_DAY_QUOTE,
        date=LAST_WEEK,
        measure="boats crossing on one day",
        value=11,
        unit="boats",
        exactness="exact",
    )
    + fact(
        "people-per-boat",
        "46.3 people per boat on that day (our division).",
        ONE_DAY_QUOTE,
        date=LAST_WEEK,
        measure="people per boat on one day",
        value=46.3,
        unit="people per boat",
        exactness="exact",
        derived="{method: ratio, inputs: {numerator: crossings-one-day, "
        "denominator: boats-one-day}, decimals: 1}",
    )
    + fact(
        "crossings-2024-to-date",
        "29,154 people crossed in 2024 up to the article.",
        "contributing to a total of 29,154 crossings in 2024 alone",
        date=relative(
            "2024-01-01/2024-10-26", "span", "in 2024 alone", "2024-10-26", "year_to_date"
        ),
        measure=CROSSINGS,
        value=29154,
        unit="people",
        exactness="exact",
    )
    + fact(
        "crossings-2023-bound",
        "The 2023 total was a little above 29,154.",
        "29,154 crossings in 2024 alone—nearly matching the total for the entire year of 2023",
        date='{edtf: "2023", precision: year}',
        measure=CROSSINGS,
        unit="people",
        exactness="bound",
        wording="nearly matching the total for the entire year of 2023",
        lower=29154,
    )
    + fact(
        "taskforce-summer-2023",
        "A turning point in summer 2023.",
        "The summer of 2023 marked a turning point",
        topic="operations",
        date='{edtf: "2023-22", precision: season}',
    )
    + fact(
        "boats-seized-summer-2023",
        "Officers seized hundreds of boats in summer 2023.",
        "During this period, officers seized hundreds of boats",
        topic="seizures",
        date='{edtf: "2023-22", precision: season, reason: "this period is the summer of 2023"}',
        measure="boats seized",
        unit="boats",
        exactness="approximate",
        wording="hundreds of boats",
    )
    + fact(
        "scheme-cost",
        "The scheme will cost £476 million.",
        "The scheme will cost £476 million",
        topic="policy",
        status="planned",
        measure="cost of the scheme",
        value=476000000,
        unit="GBP",
        exactness="exact",
    )
    + fact(
        "meeting-planned",
        "Officials will meet again before the end of 2024.",
        "officials will meet again before the end of the year",
        topic="meetings",
        status="planned",
        date=relative(
            "2024-10-26/2024-12-31",
            "span",
            "before the end of the year",
            "2024-10-26",
            "rest_of_year",
        ),
    )
    + fact(
        "hewitt-appointed",
        "Martin Hewitt took up his role on 7 October 2024.",
        "Martin Hewitt took up his role on October 7",
        topic="appointments",
        date=relative("2024-10-07", "day", "on October 7", "2024-10-26", "day_in_reference_year"),
    )
    + "\nexclusions:\n"
    f"  - source: {DATED}\n"
    '    quote: "Saturday, October 26, 2024"\n'
    "    reason: The dateline.\n"
)

UNDATED_FACTS_TEXT = (
    "facts:\n"
    + fact(
        "deported-2022",
        "124,441 irregular migrants were deported in 2022.",
        "a total of 124,441 irregular migrants were deported",
        source=UNDATED,
        topic="deportations",
        date=LAST_YEAR,
        measure="irregular migrants deported",
        value=124441,
        unit="people",
        exactness="exact",
    )
    + fact(
        "returns-2022",
        "Some 58,758 Syrians made voluntary returns in 2022.",
        "Last year, a total of 124,441 irregular migrants were deported and some 58,758 "
        "Syrians made voluntary returns",
        source=UNDATED,
        topic="voluntary returns",
        date=LAST_YEAR,
        measure="voluntary returns",
        value=58758,
        unit="people",
        exactness="approximate",
        wording="some 58,758",
    )
    + fact(
        "deportations-increase",
        "Deportations rose by some 161% on 2021.",
        "This was up by some 161% compared to 2021.",
        source=UNDATED,
        topic="deportations",
        date=LAST_YEAR,
        measure="change in deportations",
        value=161,
        unit="percent",
        exactness="approximate",
        wording="some 161%",
    )
    + fact(
        "deported-2021-implied",
        "About 47,679 were deported in 2021 (derived).",
        "This was up by some 161% compared to 2021.",
        source=UNDATED,
        topic="deportations",
        date='{edtf: "2021", precision: year}',
        measure="irregular migrants deported",
        value=47679,
        unit="people",
        exactness="approximate",
        wording="some 161%",
        derived="{method: base_before_percent_increase, inputs: {current: deported-2022, "
        "percent_increase: deportations-increase}, decimals: 0}",
    )
    + fact(
        "barge-first-boarded",
        "The first 15 asylum seekers boarded the barge.",
        "On Monday, the first 15 asylum seekers boarded the barge.",
        source=UNDATED,
        topic="accommodation",
        date=ON_MONDAY,
        measure="asylum seekers on the barge",
        value=15,
        unit="people",
        exactness="exact",
    )
    + fact(
        "barge-expected",
        "Around 50 people had been expected to move onboard.",
        "Around 50 people were expected to move onboard, but around 20 were granted a reprieve.",
        source=UNDATED,
        topic="accommodation",
        status="planned",
        date=ON_MONDAY,
        measure="asylum seekers expected on the barge",
        value=50,
        unit="people",
        exactness="approximate",
        wording="Around 50",
    )
    + fact(
        "barge-reprieved",
        "Around 20 were granted a reprieve.",
        "Around 50 people were expected to move onboard, but around 20 were granted a reprieve.",
        source=UNDATED,
        topic="accommodation",
        date=ON_MONDAY,
        measure="asylum seekers granted a reprieve",
        value=20,
        unit="people",
        exactness="approximate",
        wording="around 20",
    )
    + fact(
        "meeting-autumn",
        "The two nations will meet in autumn 2023.",
        "The two nations will meet in the autumn.",
        source=UNDATED,
        topic="meetings",
        status="planned",
        date=relative("2023-23", "season", "in the autumn", UNDATED_WINDOW, "coming_autumn"),
    )
)
GOOD_FACTS = 18  # in the two fact files above


@dataclass
class SeedSpec:
    file: str
    text: str | bytes
    published: str = "2024-10-26"
    precision: str = "day"
    how: str = "dateline"
    evidence: list[str] = field(default_factory=lambda: ["Saturday, October 26, 2024"])
    partnership: str = PARTNERSHIP
    sha256: str | None = None  # computed from the text unless given

    @property
    def raw(self) -> bytes:
        return self.text.encode("utf-8") if isinstance(self.text, str) else self.text


class Corpus:
    """A project folder (seeds/, facts/) written from specs; ``root`` is what
    ``load_facts`` and ``--project`` take."""

    def __init__(self, root: Path, seeds: list[SeedSpec]) -> None:
        self.root = root
        self.seeds = seeds
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        (root / "facts").mkdir(parents=True, exist_ok=True)
        for seed in seeds:
            (root / "seeds" / seed.file).write_bytes(seed.raw)
        self.write_register()
        self.write("facts/vocabularies.yaml", VOCABULARIES_TEXT)
        self.write("facts/views.yaml", VIEWS_TEXT)

    def register_text(self) -> str:
        """The register, one entry of 16 lines per seed, the first at line 2."""
        text = "seeds:\n"
        for seed in self.seeds:
            digest = seed.sha256 or hashlib.sha256(seed.raw).hexdigest()
            evidence = "".join(f'        - "{sentence}"\n' for sentence in seed.evidence)
            text += (
                f"  - file: {seed.file}\n"
                f"    sha256: {digest}\n"
                f"    label: The seed {seed.file}\n"
                "    headline: null\n"
                "    publisher: null\n"
                f"    partnership: {seed.partnership}\n"
                "    countries: [United Kingdom, Testland]\n"
                "    published:\n"
                f'      edtf: "{seed.published}"\n'
                f"      precision: {seed.precision}\n"
                f"      how: {seed.how}\n"
                "      evidence:\n"
                f"{evidence}"
                "      reasoning: As the evidence says.\n"
            )
        return text

    def write_register(self) -> None:
        (self.root / "facts" / "register.yaml").write_text(self.register_text(), encoding="utf-8")

    def write(self, relative_path: str, content: str | bytes) -> Path:
        path = self.root / relative_path
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def write_facts(self, content: str | bytes, name: str = TEST_FILE) -> Path:
        return self.write(name, content)


def standard_seeds() -> list[SeedSpec]:
    return [
        SeedSpec(DATED, DATED_TEXT),
        SeedSpec(
            UNDATED,
            UNDATED_TEXT,
            published=UNDATED_WINDOW,
            precision="span",
            how="inferred",
            evidence=["This was up by some 161% compared to 2021."],
        ),
        SeedSpec(
            OTHER,
            OTHER_TEXT,
            evidence=[OTHER_TEXT.strip()],
            partnership=OTHER_PARTNERSHIP,
            how="inferred",
        ),
    ]


def build_corpus(root: Path, *, facts: bool = True) -> Corpus:
    """The standard corpus at ``root``: three seeds, and (unless ``facts`` is False) the
    fact files of two, which validate with no error and cover every number."""
    corpus = Corpus(root, standard_seeds())
    if facts:
        corpus.write(DATED_FACTS, DATED_FACTS_TEXT)
        corpus.write(UNDATED_FACTS, UNDATED_FACTS_TEXT)
    return corpus
