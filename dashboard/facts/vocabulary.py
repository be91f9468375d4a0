"""The project's vocabularies: the topics a fact may have and the units it may count in.

They are data (``facts/vocabularies.yaml``), not Python: a source that counts officers,
flights or euros, or gives a rate ("up to 50 people a week"), needs an entry there and
nothing else. Each entry says how it is written: a topic's label, a unit's label and,
for units written as symbols, a prefix (``£``) or suffix (``%``). A rate is a unit with
a period (``per: week``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.schema import Strict, Text
from dashboard.facts.schema_errors import schema_errors
from dashboard.facts.yaml_source import PathKey, YamlDocument, read_yaml_file
from dashboard.paths import ProjectPaths

Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")]


class RatePeriod(StrEnum):
    """The periods a rate can be counted over."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class TopicEntry(Strict):
    """A topic facts can be about."""

    name: Name = Field(description="As written in a fact's 'topic:'.")
    label: Text = Field(description="How the dashboard names it (filters, hover text).")
    description: str | None = Field(default=None, description="What belongs here.")


class UnitEntry(Strict):
    """A unit a figure can be counted in, and how a figure in it is written."""

    name: Name = Field(description="As written in a fact's 'unit:'.")
    label: Text = Field(
        description="The words after a number and on axes ('people', 'people a week')."
    )
    prefix: str | None = Field(
        default=None, description="A symbol written before the number instead of the label (£)."
    )
    suffix: str | None = Field(
        default=None, description="A symbol written after the number instead of the label (%)."
    )
    per: RatePeriod | None = Field(
        default=None,
        description="For a rate: the period it is counted over ('people per week': week).",
    )


class VocabularyFile(Strict):
    """facts/vocabularies.yaml (also the shape of its JSON Schema)."""

    topics: list[TopicEntry] = Field(min_length=1)
    units: list[UnitEntry] = Field(min_length=1)


@dataclass(frozen=True)
class Vocabulary:
    """The loaded vocabularies, by name, in the file's order."""

    topics: Mapping[str, TopicEntry] = field(default_factory=dict)
    units: Mapping[str, UnitEntry] = field(default_factory=dict)

    def topic_label(self, name: str) -> str:
        entry = self.topics.get(name)
        return entry.label if entry is not None else name


VOCABULARY_FILE_HINT = (
    "facts/vocabularies.yaml lists 'topics:' and 'units:', each entry with a name and a "
    "label; see README.md, 'Vocabularies'."
)

# "people per week", "boats a day", "euros each month": a count over a period.
_RATE = re.compile(
    r"^(?P<counted>.+?)\s+(?:per|a|an|each|every)\s+(?P<period>day|week|month|year)s?$",
    re.IGNORECASE,
)


def load_vocabulary(paths: ProjectPaths, errors: list[FactError]) -> Vocabulary | None:
    """The vocabularies, or None (with the reason in ``errors``) when the file is unusable:
    then topics and units are not checked, and no fact is held back for it."""
    shown = paths.relative(paths.vocabularies_file)
    if not paths.vocabularies_file.exists():
        errors.append(
            FactError(
                shown,
                "the file is missing: topics and units cannot be checked",
                hint=VOCABULARY_FILE_HINT,
                code=ErrorCode.VOCABULARY,
            )
        )
        return None
    try:
        doc = read_yaml_file(paths.vocabularies_file, shown)
    except FactError as error:
        errors.append(error)
        return None
    try:
        parsed = VocabularyFile.model_validate(doc.data)
    except ValidationError as exc:
        errors.extend(_located(exc, shown, doc))
        return None
    problems = _entry_problems(parsed, shown, doc)
    if problems:
        errors.extend(problems)
        return None
    return Vocabulary(
        topics={entry.name: entry for entry in parsed.topics},
        units={entry.name: entry for entry in parsed.units},
    )


def _located(exc: ValidationError, shown: str, doc: YamlDocument) -> list[FactError]:
    # The fact layer's located schema errors (one implementation): imported here, not
    # at the top, because the loader imports this module.

    return schema_errors(exc, shown, doc, (), "vocabularies", VocabularyFile)


def _entry_problems(parsed: VocabularyFile, shown: str, doc: YamlDocument) -> list[FactError]:
    """Names listed twice, and units written with both a prefix and a suffix."""
    problems = [
        FactError(
            shown,
            "a unit is written with a prefix or a suffix, not both",
            line=doc.line_of(("units", index, "suffix")),
            field=f"units[{index}].suffix",
            hint="Keep one: a symbol before the number (prefix: £) or after it (suffix: %).",
            code=ErrorCode.VOCABULARY,
        )
        for index, unit in enumerate(parsed.units)
        if unit.prefix is not None and unit.suffix is not None
    ]
    names = {
        "topics": [entry.name for entry in parsed.topics],
        "units": [entry.name for entry in parsed.units],
    }
    for kind, listed in names.items():
        seen: dict[str, int] = {}
        for index, name in enumerate(listed):
            path: PathKey = (kind, index, "name")
            line = doc.line_of(path)
            if name in seen:
                problems.append(
                    FactError(
                        shown,
                        f"{name!r} is listed twice (first at line {seen[name]})",
                        line=line,
                        field=f"{kind}[{index}].name",
                        hint="Each name appears once; merge the two entries.",
                        code=ErrorCode.VOCABULARY,
                    )
                )
            else:
                seen[name] = line or 1
    return sorted(problems, key=lambda problem: problem.line or 0)


# ---------------------------------------------------------------------------
# Checks on one fact


@dataclass(frozen=True)
class VocabularyProblem:
    """A fact's topic or unit that is not in the vocabularies: field, message, hint."""

    field: str
    message: str
    hint: str
    code: ErrorCode


def _listed(names: Mapping[str, Any]) -> str:
    return ", ".join(names)


def rate_hint(unit: str) -> str | None:
    """How to write a rate, when ``unit`` reads like one ('people per week')."""
    match = _RATE.match(unit.strip())
    if match is None:
        return None
    counted, period = match["counted"], match["period"].lower()
    name = f"{counted} per {period}"
    return (
        f"{unit!r} reads as a rate, a unit with a period: add it there as "
        f"{{name: {name}, label: {counted} a {period}, per: {period}}} "
        f"and write 'unit: {name}'."
    )


def check_fact(topic: str, unit: str | None, vocabulary: Vocabulary) -> list[VocabularyProblem]:
    """The topic and unit of one fact against the vocabularies."""
    problems = []
    if topic not in vocabulary.topics:
        problems.append(
            VocabularyProblem(
                "topic",
                f"unknown topic {topic!r}",
                f"Topics in facts/vocabularies.yaml: {_listed(vocabulary.topics)}. "
                "Use one of them, or add the topic there with its label.",
                ErrorCode.UNKNOWN_TOPIC,
            )
        )
    if unit is not None and unit not in vocabulary.units:
        listed = f"Units in facts/vocabularies.yaml: {_listed(vocabulary.units)}. "
        advice = rate_hint(unit) or "Use one of them, or add the unit there with its label."
        problems.append(
            VocabularyProblem(
                "unit", f"unknown unit {unit!r}", listed + advice, ErrorCode.UNKNOWN_UNIT
            )
        )
    return problems
