"""The draft's guesses: a figure's unit, a candidate's topic and status, and the numbers
that are not figures at all.

Topics, units and status words come from the vocabularies (``cues``), never from
Python: a new source's words are added in facts/vocabularies.yaml. What is left here
is how English writes numbers that are not counts (a name in quotation marks, a length
of time, a list item, a reference number, a telephone number).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dashboard.facts.numbers import Number, read_numbers
from dashboard.facts.schema import Status
from dashboard.facts.vocabulary import Vocabulary

# At most this many words between a number and the words of its unit ("11 small boats").
UNIT_GAP_WORDS = 2


@functools.lru_cache(maxsize=512)
def _cues(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a list of cues, matched as whole words, case ignored."""
    if not cues:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{cue})' for cue in cues)})(?![\w-])", re.I)


@functools.lru_cache(maxsize=512)
def _after(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    """The cues as the words just after a number, with up to UNIT_GAP_WORDS between."""
    pattern = _cues(cues)
    if pattern is None:
        return None
    return re.compile(
        rf"^(?P<gap>(?:\s+[\w-]+){{0,{UNIT_GAP_WORDS}}}?)\s+(?:{pattern.pattern})", re.I
    )


def guess_unit(text: str, figure: Number, vocabulary: Vocabulary) -> str | None:
    """The unit whose symbol the figure is written with (£, %), or whose cue follows it
    most closely (then the longest); None when nothing fits: the curator decides."""
    for name, unit in vocabulary.units.items():
        if figure.currency is not None and unit.prefix == figure.currency:
            return name
        if figure.percent and unit.suffix == "%":
            return name
    if figure.currency is not None or figure.percent:
        return None
    after = text[figure.end : figure.end + 80]
    return _unit_after(after, vocabulary)


def _unit_after(after: str, vocabulary: Vocabulary) -> str | None:
    best: tuple[int, int, int, str] | None = None
    for order, (name, unit) in enumerate(vocabulary.units.items()):
        pattern = _after(tuple(unit.cues))
        match = pattern.match(after) if pattern is not None else None
        if match is None:
            continue
        rank = (len(match["gap"].split()), -len(match.group(0)), order, name)
        best = rank if best is None or rank < best else best
    return best[-1] if best is not None else None


def unit_before(before: str, vocabulary: Vocabulary) -> str | None:
    """The unit whose cue ends nearest the end of ``before`` (the words of a sentence
    before a figure that names no unit after it: 'people per boat rose to 53')."""
    best: tuple[int, int, int, str] | None = None
    for order, (name, unit) in enumerate(vocabulary.units.items()):
        pattern = _cues(tuple(unit.cues))
        for match in pattern.finditer(before) if pattern is not None else ():
            rank = (len(before) - match.end(), -len(match.group(0)), order, name)
            best = rank if best is None or rank < best else best
    return best[-1] if best is not None else None


def guess_topic(
    sentence: str, at: int, vocabulary: Vocabulary, *, figure: bool = True
) -> str | None:
    """The topic whose cue is nearest to ``sentence[at]`` (the figure or date phrase);
    of cues as near, the topic listed first. None when no cue is in the sentence.
    A figure's noun mostly follows it ('623 people crossed'), an event's comes before
    its date ('the treaty was signed on 10 July'): the other side counts double."""
    before, after = (2, 1) if figure else (1, 2)
    best: tuple[int, int, str] | None = None
    for order, (name, topic) in enumerate(vocabulary.topics.items()):
        pattern = _cues(tuple(topic.cues))
        if pattern is None:
            continue
        for match in pattern.finditer(sentence):
            distance = max(after * (match.start() - at), before * (at - match.end()), 0)
            rank = (distance, order, name)
            best = rank if best is None or rank < best else best
    return best[-1] if best is not None else None


def guess_status(clause: str, vocabulary: Vocabulary) -> Status:
    """Planned or announced when the clause has a cue of it, else happened."""
    for status in (Status.PLANNED, Status.ANNOUNCED):
        pattern = _cues(tuple(getattr(vocabulary.statuses, status.value)))
        if pattern is not None and pattern.search(clause):
            return status
    return Status.HAPPENED


# ---------------------------------------------------------------------------
# Clauses: the part of a sentence a figure's words belong to.

_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—]\s|\s+since\s+|,\s+so\s+|,\s+(?=and\s+that\b)"
    r"|,?\s+(?:and|but|while|whereas|which|under which|after|before)\s+"
    r"(?=(?:[\w-]+\s+){0,8}?(?:was|were|is|are|has|have|had|will|would|allows?|said|"
    r"signed|agreed|seized|arrested|rose|fell|grew|increased|decreased|dropped)\b)",
)


def clause_bounds(sentence: str) -> list[int]:
    """Offsets where the clauses of ``sentence`` start (the first is 0)."""
    return [0, *(match.end() for match in _CLAUSE_BREAK.finditer(sentence))]


def clause_of(sentence: str, at: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding offset ``at``."""
    bounds = [*clause_bounds(sentence), len(sentence) + 1]
    for start, end in itertools.pairwise(bounds):
        if start <= at < end:
            return start, min(end, len(sentence))
    return 0, len(sentence)


# ---------------------------------------------------------------------------
# Numbers that are not figures: each becomes an exclusion with its reason.


@dataclass(frozen=True)
class NotAFigure:
    """A passage of the seed holding numbers that are not figures, and why."""

    start: int
    end: int
    reason: str


NAME_REASON = "A number inside a quoted name or phrase ({quote}), not a figure."
DURATION_REASON = "A length of time ({quote}), not a count."
HEADLINE_REASON = "The headline's figure; the text states it as {stated}."
LIST_REASON = "The number of an item in a list, not a figure."
REFERENCE_REASON = "A reference number or an age ({quote}), not a figure."
FRACTION_REASON = "The share in words ({quote}); the figure in brackets ({figure}) states it."
DEFINITE_REASON = "Things named before ({quote}), not a count."
IDIOM_REASON = "A figure of speech ({quote}), not a figure."
TELEPHONE_REASON = "A telephone number, not a figure."

# A quoted name or phrase: at most this many words between quotation marks.
NAME_WORDS = 12
_QUOTED = re.compile(r"[\"“](?P<inside>[^\"“”\n]{1,200})[\"”]")
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|decades?)"
# "over three years", "25 years of policing", "Two years ago", "within 24 hours";
# not "the first six months of 2025" (a period) nor "12 months to June" (a span).
_DURATION = re.compile(
    rf"\s+(?:[\w-]+\s+)?{_TIME_UNIT}\b(?!\s+(?:of\s+(?:19|20)\d\d|to\s+[A-Z]))", re.I
)
_DURATION_BEFORE = re.compile(r"(?:\bfirst|\bnext|\bpast)\s+$", re.I)
_REFERENCE = re.compile(
    r"\b(?:aged|section|chapter|page|paragraph|table|figure|annex|appendix|clause|article|"
    r"UIN|No\.?|number|reference|ref\.?)\s+$",
    re.I,
)
_DEFINITE = re.compile(r"\b(?:the|these|those|both)\s+$", re.I)
_IDIOM = re.compile(r"\s+(?:of\s+the|at\s+a\s+time)\b", re.I)
_ALWAYS = re.compile(r"(?<![\w/])24/7(?![\w/])")
# "three-quarters (73%)": the share in words, then as a figure.
_FRACTION = re.compile(
    r"(?P<fraction>\b(?:one|two|three|four)[- ](?:quarters?|thirds?|halves|half|fifths?))"
    r"\s+\((?P<figure>\d+(?:\.\d+)?\s?%)\)",
    re.I,
)
_TELEPHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}\s?)?0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?![\w.,])")
_LIST_ITEM = re.compile(r"^[ \t]*\d{1,2}[.)](?=\s)", re.M)


def _is_round(value: float) -> int:
    """How many zeros end a whole number (30,000: 4); 0 for any other number."""
    if not value.is_integer() or value == 0:
        return 0
    whole, zeros = int(value), 0
    while whole % 10 == 0:
        whole //= 10
        zeros += 1
    return zeros


def not_figures(text: str, figures: Sequence[Number], headline: str | None) -> list[NotAFigure]:
    """Passages whose numbers are names, lengths of time, list items, reference or
    telephone numbers, or a headline's figure that the text states."""
    found: list[NotAFigure] = []
    for match in _ALWAYS.finditer(text):
        found.append(
            NotAFigure(match.start(), match.end(), IDIOM_REASON.format(quote=repr(match.group(0))))
        )
    for match in _FRACTION.finditer(text):
        found.append(
            NotAFigure(
                match.start(),
                match.end("fraction"),
                FRACTION_REASON.format(quote=repr(match["fraction"]), figure=repr(match["figure"])),
            )
        )
    for match in _TELEPHONE.finditer(text):
        end = match.end()
        hours = re.match(r"\s*\(\d+ hours\)", text[end:])
        end += hours.end() if hours else 0
        found.append(NotAFigure(match.start(), end, TELEPHONE_REASON))
    for match in _LIST_ITEM.finditer(text):
        start = match.end() - len(match.group(0).lstrip())
        found.append(NotAFigure(start, match.end(), LIST_REASON))
    for match in _QUOTED.finditer(text):
        inside = match["inside"]
        words = len(inside.split())
        if words <= NAME_WORDS and any(not f.text[:1].isdigit() for f in read_numbers(inside)):
            found.append(
                NotAFigure(
                    match.start("inside"),
                    match.end("inside"),
                    NAME_REASON.format(quote=repr(inside)),
                )
            )
    for figure in figures:
        before = text[max(0, figure.start - 20) : figure.start]
        after = text[figure.end : figure.end + 20]
        definite = _DEFINITE.search(before)
        if definite is not None and not figure.text[:1].isdigit():
            # "the two governments": the ones the text has named, not a count.
            noun = re.match(r"\s+[\w-]+", after)
            end = figure.end + (noun.end() if noun else 0)
            start = figure.start - len(definite.group(0))
            quote = repr(text[start:end])
            found.append(NotAFigure(start, end, DEFINITE_REASON.format(quote=quote)))
            continue
        idiom = _IDIOM.match(after)
        if idiom is not None and figure.value == 1:
            end = figure.end + idiom.end()
            quote = repr(text[figure.start : end])
            found.append(NotAFigure(figure.start, end, IDIOM_REASON.format(quote=quote)))
            continue
        reference = _REFERENCE.search(before)
        if reference is not None:
            start = figure.start - len(reference.group(0))
            quote = repr(text[start : figure.end])
            found.append(NotAFigure(start, figure.end, REFERENCE_REASON.format(quote=quote)))
            continue
        duration = _DURATION.match(text, figure.end)
        if duration is not None and not _DURATION_BEFORE.search(before):
            start = figure.start
            qualifier = re.search(r"\b(?:over|for|within|in|after|about|nearly)\s+$", before, re.I)
            if qualifier is not None:
                start -= len(qualifier.group(0))
            ago = re.match(r"\s+ago\b", text[duration.end() :])
            end = duration.end() + (ago.end() if ago else 0)
            quote = text[start:end]
            found.append(NotAFigure(start, end, DURATION_REASON.format(quote=repr(quote))))
    if headline:
        found += _headline_figures(text, figures, headline)
    return found


def _headline_figures(text: str, figures: Sequence[Number], headline: str) -> list[NotAFigure]:
    at = text.find(headline)
    if at == -1:
        return []
    end = at + len(headline)
    body = [f for f in figures if f.start >= end and f.value is not None]
    found = []
    for figure in figures:
        if not (at <= figure.start < end) or figure.value is None:
            continue
        precision = 10 ** _is_round(figure.value)
        stated = next(
            (
                other
                for other in body
                if other.percent == figure.percent and abs(other.value - figure.value) < precision  # type: ignore[operator]
            ),
            None,
        )
        if stated is not None:
            found.append(
                NotAFigure(
                    figure.start, figure.end, HEADLINE_REASON.format(stated=repr(stated.text))
                )
            )
    return found
