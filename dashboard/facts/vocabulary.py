"""The project's vocabularies: the topics a fact may have and the units it may count in.

They are data (``facts/vocabularies.yaml``), not Python: a source that counts officers,
flights or euros, or gives a rate ("up to 50 people a week"), needs an entry there and
nothing else. Each entry says how it is written: a topic's label, a unit's label and,
for units written as symbols, a prefix (``£``) or suffix (``%``). A rate is a unit with
a period (``per: week``).

The vocabularies also hold the draft's cues (all optional): the words that suggest a
topic (``cues`` of a topic), the words after a number that suggest its unit (``cues``
of a unit), and the words that suggest a planned or announced status (``statuses``).
Each cue is a regular expression matched as whole words, case ignored, so that a new
source's words are added in YAML, never in Python.
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
from dashboard.search import fold

Name = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^\S(.*\S)?$")]
# A cue: a regular expression (Python syntax) matched as whole words, case ignored.
Cue = Annotated[str, StringConstraints(min_length=1, max_length=200)]
CUES_DESCRIPTION = (
    "For 'draft': regular expressions (whole words, case ignored) that suggest this %s."
)


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
    cues: list[Cue] = Field(
        default_factory=list, description=CUES_DESCRIPTION % "topic in a sentence"
    )


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
    cues: list[Cue] = Field(
        default_factory=list,
        description=CUES_DESCRIPTION % "unit when written after a number (up to two words "
        "may come between)",
    )


class StatusCues(Strict):
    """The words that suggest a fact's status to 'draft' (anything else: happened)."""

    planned: list[Cue] = Field(
        default_factory=list, description=CUES_DESCRIPTION % "a planned fact ('will')"
    )
    announced: list[Cue] = Field(
        default_factory=list, description=CUES_DESCRIPTION % "an announced fact ('pledged')"
    )


class AliasEntry(Strict):
    """Other names readers search for: a search for any of them finds the others."""

    name: Name = Field(description="The name as the facts write it ('Côte d’Ivoire').")
    also: list[Name] = Field(
        min_length=1,
        description="Other names for the same thing ('Ivory Coast'). Case and accents are "
        "ignored anyway ('Cote d'Ivoire' finds 'Côte d’Ivoire'): list only names spelt "
        "differently.",
    )


class VocabularyFile(Strict):
    """facts/vocabularies.yaml (also the shape of its JSON Schema)."""

    topics: list[TopicEntry] = Field(min_length=1)
    units: list[UnitEntry] = Field(min_length=1)
    aliases: list[AliasEntry] = Field(
        default_factory=list,
        description="Names readers search for and the names the facts use for the same "
        "thing, e.g. {name: Côte d’Ivoire, also: [Ivory Coast]}.",
    )
    statuses: StatusCues = Field(
        default_factory=StatusCues, description="The draft's cues for a status."
    )


@dataclass(frozen=True)
class Vocabulary:
    """The loaded vocabularies, by name, in the file's order."""

    topics: Mapping[str, TopicEntry] = field(default_factory=dict)
    units: Mapping[str, UnitEntry] = field(default_factory=dict)
    # Each group: a name as the facts write it, then the other names readers use.
    aliases: tuple[tuple[str, ...], ...] = ()
    statuses: StatusCues = field(default_factory=StatusCues)

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
        aliases=tuple((entry.name, *entry.also) for entry in parsed.aliases),
        statuses=parsed.statuses,
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
    problems += _cue_problems(parsed, shown, doc)
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
    problems += _alias_problems(parsed, shown, doc)
    return sorted(problems, key=lambda problem: problem.line or 0)


def _alias_problems(parsed: VocabularyFile, shown: str, doc: YamlDocument) -> list[FactError]:
    """A name in two groups of aliases (a search for it could not say which it means),
    or one that search already finds without being listed (it differs only in case or
    accents from a name before it in its group)."""
    problems = []
    groups: dict[str, tuple[int, int]] = {}  # folded name -> (group, line)
    for index, entry in enumerate(parsed.aliases):
        names: list[tuple[str, PathKey]] = [(entry.name, ("aliases", index, "name"))]
        names += [
            (alias, ("aliases", index, "also", position))
            for position, alias in enumerate(entry.also)
        ]
        for name, path in names:
            folded = fold(name)
            line = doc.line_of(path) or 1
            where = _field(path)
            if folded not in groups:
                groups[folded] = (index, line)
                continue
            group, first_line = groups[folded]
            if group == index:
                message = f"{name!r} differs from a name before it only in case or accents"
                hint = "Search ignores case and accents already: leave it out."
            else:
                message = f"{name!r} is already a name in another group (line {first_line})"
                hint = "A name belongs to one group: merge the groups or drop one name."
            problems.append(
                FactError(
                    shown, message, line=line, field=where, hint=hint, code=ErrorCode.VOCABULARY
                )
            )
    return problems


def _cue_problems(parsed: VocabularyFile, shown: str, doc: YamlDocument) -> list[FactError]:
    """Cues that are not regular expressions."""
    entries: list[tuple[str, int, list[str]]] = [
        *(("topics", index, topic.cues) for index, topic in enumerate(parsed.topics)),
        *(("units", index, unit.cues) for index, unit in enumerate(parsed.units)),
    ]
    listed: list[tuple[PathKey, str, str]] = [
        ((kind, index, "cues", position), f"{kind}[{index}].cues[{position}]", cue)
        for kind, index, cues in entries
        for position, cue in enumerate(cues)
    ]
    listed += [
        (("statuses", status, position), f"statuses.{status}[{position}]", cue)
        for status in ("planned", "announced")
        for position, cue in enumerate(getattr(parsed.statuses, status))
    ]
    problems = []
    for path, where, cue in listed:
        try:
            re.compile(cue)
        except re.error as exc:
            problems.append(
                FactError(
                    shown,
                    f"{cue!r} is not a regular expression ({exc})",
                    line=doc.line_of(path),
                    field=where,
                    hint="A cue is a regular expression matched as whole words, case "
                    "ignored, e.g. 'deport\\w*' or 'small boats?'.",
                    code=ErrorCode.VOCABULARY,
                )
            )
    return problems


def _field(path: PathKey) -> str:
    """('aliases', 0, 'also', 1) -> 'aliases[0].also[1]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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
