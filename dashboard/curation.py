"""Curating a new seed: register it, draft its facts, report its coverage.

``add-seed``, ``draft`` and ``coverage`` on the command line call these functions;
they never print. Every refusal is a located FactError. Nothing here decides a fact:
the draft only proposes candidates, marked ``draft: true`` so that the loader refuses
them until a person has checked each one against the seed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from dashboard.facts.coverage import NumberMention, coverage_errors, mentions
from dashboard.facts.dates import DateError, Period, RelativeRule, allowed_window, parse_period
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import MAX_FILE_BYTES, REGISTER
from dashboard.facts.load import PLACEHOLDER, load_facts
from dashboard.facts.model import FactSet, Seed
from dashboard.facts.numbers import Number, QualifierKind, qualifier_of, read_numbers
from dashboard.facts.schema import HowDated, Status
from dashboard.facts.yaml_source import YamlDocument, parse_yaml, read_yaml_file
from dashboard.paths import ProjectPaths, project_paths

PYTHON = ".venv/bin/python -m dashboard"


# The topics and units the draft can guess. They were the fact schema's closed lists;
# facts are now checked against facts/vocabularies.yaml, and a guess outside it fails
# validation with the allowed values, for the curator to fix.
class Topic(StrEnum):
    CROSSINGS = "crossings"
    DEPORTATIONS = "deportations"
    VOLUNTARY_RETURNS = "voluntary returns"
    SEIZURES = "seizures"
    AGREEMENTS = "agreements"
    APPOINTMENTS = "appointments"
    MEETINGS = "meetings"
    VISITS = "visits"
    OPERATIONS = "operations"
    ACCOMMODATION = "accommodation"
    MIGRATION = "migration"
    SMUGGLING = "smuggling"
    POLICY = "policy"


class Unit(StrEnum):
    PEOPLE = "people"
    BOATS = "boats"
    GBP = "GBP"
    PERCENT = "percent"
    PEOPLE_PER_BOAT = "people per boat"
    BOATS_AND_BOAT_PARTS = "boats and boat parts"


# English names whatever the locale (calendar.month_name follows the locale).
MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

# A dateline is a line of its own near the top: "Saturday, October 26, 2024",
# "26 October 2024", optionally after a place ("London, ...").
DATELINE = re.compile(
    rf"^(?:(?!{_WEEKDAY}\b)[A-Z][\w .'-]*,\s+)?(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>{_YEAR})"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?P<month2>{_MONTH}),?\s+(?P<year2>{_YEAR}))$"
)
DATELINE_SEARCH_LINES = 12

SEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
COUNTRY_NAMES = {"UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom"}

DATELINE_EXCLUSION = "The dateline; recorded as the publication date in facts/register.yaml."

# Limits that keep a draft readable, and its size bounded whatever the seed holds.
MAX_CANDIDATES = 1000
MAX_QUOTE_CHARS = 600  # a longer sentence is quoted around the figure only
QUOTE_CONTEXT = 200

# ---------------------------------------------------------------------------
# Sentences

# A full stop ends a sentence unless it closes an initial or an abbreviation such as
# "U.K." or "Mr."; a line break always does (headlines, datelines, paragraphs).
# Hand-written because a sentence-splitting library would be a new runtime dependency
# for one function, and the quote only has to be an exact slice of the seed.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATION = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|No|vs|Gen|Sen))\.$")


def sentence_breaks(text: str) -> list[int]:
    """Offsets where sentences end (exclusive), in order, the last being len(text)."""
    breaks = []
    for match in _SENTENCE_END.finditer(text):
        if match.group(0) == "\n":
            breaks.append(match.start())
        elif not _ABBREVIATION.search(text[max(0, match.start() - 5) : match.start() + 1]):
            breaks.append(match.end())
    return [*breaks, len(text)]


def sentence_span(text: str, start: int, end: int, breaks: list[int]) -> tuple[int, int]:
    """The sentence(s) of ``text`` holding ``text[start:end]``, trimmed of spaces."""
    index = bisect.bisect_right(breaks, start)
    first = breaks[index - 1] if index else 0
    last = breaks[min(bisect.bisect_left(breaks, end), len(breaks) - 1)]
    return _trimmed(text, first, last, start, end)


def _trimmed(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """``first:last`` without surrounding spaces, still holding ``start:end``."""
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last


def quote_span(text: str, first: int, last: int, start: int, end: int) -> tuple[int, int]:
    """The sentence ``first:last``, or for a very long one the words around ``start:end``."""
    if last - first <= MAX_QUOTE_CHARS:
        return first, last
    low, high = max(first, start - QUOTE_CONTEXT), min(last, end + QUOTE_CONTEXT)
    # Whole words only: step in to the nearest space, never past the figure itself.
    if low > first and not text[low - 1].isspace():
        space = text.find(" ", low, start)
        low = space + 1 if space != -1 else start
    if high < last and not text[high].isspace():
        space = text.rfind(" ", end, high)
        high = space if space != -1 else end
    return _trimmed(text, low, high, start, end)


# ---------------------------------------------------------------------------
# Dates and relative phrases


class _Spans:
    """Non-overlapping spans of a text, kept sorted: overlap tests in log time, so that
    drafting a long seed stays fast."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # Only the last span starting before ``end`` can reach past ``start``.
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and self.ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


@dataclass(frozen=True)
class DatePhrase:
    """Words of a seed that say when: a date, a season, a year or a relative phrase."""

    text: str
    start: int
    end: int
    edtf: str | None
    rule: RelativeRule | None


def _pattern(body: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


_SINCE = r"(?:(?P<since>[Ss]ince)\s+)?"
_FULL_DATE = _pattern(
    rf"{_SINCE}(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<year>{_YEAR}))?"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month2>{_MONTH})(?:,?\s+(?P<year2>{_YEAR}))?)"
)
_MONTH_YEAR = _pattern(rf"{_SINCE}(?P<month>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR})")
_SEASON_YEAR = _pattern(
    rf"{_SINCE}(?:[Tt]he\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
    rf"(?:\s+of)?\s+(?P<year>{_YEAR})"
)
_YEAR_ONLY = re.compile(rf"(?<![\w,.£$€-]){_SINCE}(?P<year>{_YEAR})(?![\w%]|[.,]\d)")
_RELATIVE: list[tuple[re.Pattern[str], RelativeRule | None]] = [
    (_pattern(r"last week", re.I), RelativeRule.LAST_WEEK),
    (_pattern(r"this week", re.I), RelativeRule.THIS_WEEK),
    (_pattern(r"last month", re.I), RelativeRule.LAST_MONTH),
    (_pattern(r"last year", re.I), RelativeRule.LAST_YEAR),
    (_pattern(r"(?:earlier )?this year", re.I), RelativeRule.THIS_YEAR),
    (_pattern(r"later this year", re.I), RelativeRule.REST_OF_YEAR),
    (_pattern(r"so far this year|(?:in )?the year to date", re.I), RelativeRule.YEAR_TO_DATE),
    (_pattern(r"(?:before|by) the end of (?:the|this) year", re.I), RelativeRule.REST_OF_YEAR),
    (_pattern(r"on Monday", re.I), RelativeRule.LAST_MONDAY),
    (_pattern(rf"on (?:{'|'.join(WEEKDAYS[1:])})", re.I), None),
    (_pattern(r"(?:in |for )?the (?:coming |upcoming )?autumn", re.I), RelativeRule.COMING_AUTUMN),
    (_pattern(r"(?:in |for )?the (?:coming |upcoming )?(?:spring|summer|winter)", re.I), None),
    (_pattern(r"(?:this|next|last) (?:spring|summer|autumn|fall|winter)", re.I), None),
    (_pattern(r"recently", re.I), RelativeRule.RECENTLY),
    (_pattern(r"next (?:week|month|year)|this month|yesterday|today|tomorrow", re.I), None),
    (_pattern(r"since then", re.I), RelativeRule.UNTIL_REFERENCE),
]

_SEASON_BOUNDS = {21: ((3, 1), (5, 31)), 22: ((6, 1), (8, 31)), 23: ((9, 1), (11, 30))}


def _real_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _window_edtf(first: dt.date, last: dt.date) -> str:
    """The shortest EDTF for exactly the days ``first`` to ``last``."""
    if first == last:
        return first.isoformat()
    next_day = last + dt.timedelta(days=1)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if (
        first.day == 1
        and next_day.day == 1
        and (first.year, first.month) == (last.year, last.month)
    ):
        return f"{first.year}-{first.month:02d}"
    for code, (begin, finish) in _SEASON_BOUNDS.items():
        same_year = first.year == last.year
        if same_year and ((first.month, first.day), (last.month, last.day)) == (begin, finish):
            return f"{first.year}-{code}"
    if (first.month, first.day) == (12, 1) and next_day == dt.date(first.year + 1, 3, 1):
        return f"{first.year}-24"
    return f"{first.isoformat()}/{last.isoformat()}"


def _from_rule(rule: RelativeRule, publication: Period) -> str | None:
    if rule is RelativeRule.RECENTLY:
        return None
    if rule is RelativeRule.UNTIL_REFERENCE:
        return None  # "since then": the start is elsewhere in the text
    return _window_edtf(*allowed_window(rule, publication))


def _since(edtf: str, publication: Period) -> tuple[str | None, RelativeRule | None]:
    """'Since January 2023': from that date up to the seed's publication."""
    start = parse_period(edtf).start
    if start > publication.end:
        return edtf, None
    return f"{edtf}/{publication.end.isoformat()}", RelativeRule.UNTIL_REFERENCE


def _absolute(match: re.Match[str], publication: Period) -> DatePhrase | None:
    groups = match.groupdict()
    edtf: str | None
    rule: RelativeRule | None = None
    if groups.get("season"):
        edtf = f"{groups['year']}-{SEASONS[groups['season'].lower()]}"
    elif groups.get("day") or groups.get("day2"):
        month = MONTHS.index(groups.get("month") or groups["month2"]) + 1
        day = int(groups.get("day") or groups["day2"])
        year_text = groups.get("year") or groups.get("year2")
        if year_text is not None:
            date = _real_day(int(year_text), month, day)
            if date is None:
                return None
            edtf = date.isoformat()
        elif publication.start.year == publication.end.year:
            date = _real_day(publication.start.year, month, day)
            if date is None:
                return None
            edtf = date.isoformat()
            # A day without a year is in the year of the seed, if not after it.
            rule = RelativeRule.DAY_IN_REFERENCE_YEAR if date <= publication.end else None
        else:
            edtf = None
    elif groups.get("month"):
        edtf = f"{groups['year']}-{MONTHS.index(groups['month']) + 1:02d}"
    else:
        edtf = groups["year"]
    if groups.get("since") and edtf is not None:
        edtf, rule = _since(edtf, publication)
    return DatePhrase(match.group(0), match.start(), match.end(), edtf, rule)


def find_dates(text: str, publication: Period) -> list[DatePhrase]:
    """Every date or relative phrase in ``text``; of overlapping ones, the longest."""
    found: list[DatePhrase] = []
    for pattern in (_FULL_DATE, _MONTH_YEAR, _SEASON_YEAR, _YEAR_ONLY):
        for match in pattern.finditer(text):
            phrase = _absolute(match, publication)
            if phrase is not None:
                found.append(phrase)
    for pattern, rule in _RELATIVE:
        for match in pattern.finditer(text):
            edtf = _from_rule(rule, publication) if rule is not None else None
            found.append(DatePhrase(match.group(0), match.start(), match.end(), edtf, rule))
    found.sort(key=lambda phrase: (phrase.start - phrase.end, phrase.start))
    kept: list[DatePhrase] = []
    taken = bytearray(len(text))  # phrases are short: a mask keeps this linear
    for phrase in found:
        if not any(taken[phrase.start : phrase.end]):
            taken[phrase.start : phrase.end] = b"\x01" * (phrase.end - phrase.start)
            kept.append(phrase)
    return sorted(kept, key=lambda phrase: phrase.start)


@dataclass(frozen=True)
class Dateline:
    date: dt.date
    text: str
    line: int


def find_dateline(text: str) -> Dateline | None:
    """A dateline such as 'Saturday, October 26, 2024' on a line of its own near the top.

    A weekday that does not match the date means it is not a dateline we can trust.
    """
    for number, line in enumerate(text.splitlines()[:DATELINE_SEARCH_LINES], start=1):
        match = DATELINE.match(line.strip())
        if match is None:
            continue
        month = MONTHS.index(match["month"] or match["month2"]) + 1
        date = _real_day(
            int(match["year"] or match["year2"]), month, int(match["day"] or match["day2"])
        )
        if date is None:
            continue
        if match["weekday"] and WEEKDAYS[date.weekday()] != match["weekday"]:
            continue
        # The evidence is the date itself, verbatim (without a place before it).
        first_part = next(name for name in ("weekday", "month", "day2") if match[name])
        return Dateline(date, line.strip()[match.start(first_part) :], number)
    return None


# ---------------------------------------------------------------------------
# Figures: numbers, amounts of money and percentages


PEOPLE_WORDS = (
    "people|individuals|persons|migrants|asylum seekers|refugees|crossings|arrivals|"
    "deportees|children|men|women|adults|officers|officials|Syrians|Albanians|nationals"
)
UNIT_AFTER: list[tuple[re.Pattern[str], Unit]] = [
    (re.compile(r"^\s*(?:per ?cent|percent)\b", re.I), Unit.PERCENT),
    (re.compile(r"^\s*(?:of\s+)?(?:pounds|sterling)\b", re.I), Unit.GBP),
    (
        re.compile(r"^(?:\s+[\w-]+){0,2}?\s+(?:small )?(?:boats|vessels|dinghies)\b", re.I),
        Unit.BOATS,
    ),
    (re.compile(rf"^(?:\s+[\w-]+){{0,2}}?\s+(?:{PEOPLE_WORDS})\b", re.I), Unit.PEOPLE),
]

TOPIC_KEYWORDS: list[tuple[Topic, str]] = [
    (Topic.VOLUNTARY_RETURNS, r"voluntary return"),
    (Topic.DEPORTATIONS, r"deport|removed from|removals?\b"),
    (Topic.SEIZURES, r"seiz|confiscat"),
    (Topic.SMUGGLING, r"smuggl|traffick"),
    (Topic.CROSSINGS, r"cross(?:ed|ing|ings)? the Channel|small boat|crossings"),
    (Topic.ACCOMMODATION, r"barge|hotel|accommodat|housed"),
    (Topic.APPOINTMENTS, r"appoint|took up|assumed (?:his|her|the) role"),
    (Topic.VISITS, r"visit"),
    (Topic.MEETINGS, r"\bmet\b|meeting|talks|discussions|summit"),
    (Topic.OPERATIONS, r"operation|raid|arrest"),
    (Topic.AGREEMENTS, r"agree|deal\b|memorandum|partnership|treaty"),
    (Topic.MIGRATION, r"migra|asylum"),
]
PLANNED_WORDS = re.compile(
    r"\b(?:will|plans?|planned|scheduled|expected|upcoming|set to|intends?|to be)\b", re.I
)
ANNOUNCED_WORDS = re.compile(r"\b(?:announc\w*|agreed|pledged?|unveil\w*|promised?)\b", re.I)


# A figure as the seed writes it: the one number reader's record.
Figure = Number


def find_figures(text: str) -> list[Figure]:
    """Every number of ``text`` as the one number reader reads it ('2.5 million' is one)."""
    return read_numbers(text)


def _unit(text: str, figure: Figure) -> Unit | None:
    after = text[figure.end : figure.end + 60]
    if figure.percent:
        return Unit.PERCENT
    if figure.currency == "£":
        return Unit.GBP
    if figure.currency is not None:
        return None  # no unit for other currencies yet: the curator decides
    return next((unit for pattern, unit in UNIT_AFTER if pattern.search(after)), None)


def guess_topic(sentence: str) -> Topic:
    for topic, pattern in TOPIC_KEYWORDS:
        if re.search(pattern, sentence, re.I):
            return topic
    return Topic.POLICY


def guess_status(sentence: str) -> Status:
    if PLANNED_WORDS.search(sentence):
        return Status.PLANNED
    if ANNOUNCED_WORDS.search(sentence):
        return Status.ANNOUNCED
    return Status.HAPPENED


# ---------------------------------------------------------------------------
# Drafting a fact file


DRAFT_HEADER = """\
# yaml-language-server: $schema=../dashboard/schemas/facts.schema.json
# DRAFT facts for seeds/{seed}, written by 'python -m dashboard draft'.
# No person has checked anything below yet, and the loader refuses every fact
# marked 'draft: true'. For each candidate:
#   - delete it if it is not a fact, or move its number to 'exclusions' with a
#     reason; merge candidates that state the same thing;
#   - replace each text starting with {placeholder} (statement, measure) with your own words;
#   - check topic, status, value, unit, exactness and wording against the quote
#     ('hundreds' and other numbers without a value get none: decide it);
#   - check the date: edtf, precision and any relative phrase, resolved from the
#     publication date in facts/register.yaml ({published});
#   - shorten the quote to the passage that states the fact, character for character;
#   - then delete the line 'draft: true'.
# Check with: {python} validate   and   {python} coverage
"""


class _PlainDumper(yaml.SafeDumper):
    """safe_dump without anchors: the loader refuses them, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_PlainDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,  # one quote per line, easy to compare with the seed
        default_flow_style=False,
    )


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")
    return slug or "seed"


def _date_block(phrase: DatePhrase | None, seed: Seed) -> dict[str, Any]:
    if phrase is None or phrase.edtf is None:
        block: dict[str, Any] = {"edtf": None, "precision": None}
    else:
        try:
            precision = parse_period(phrase.edtf).precision.value
        except DateError:
            return {"edtf": None, "precision": None}
        block = {"edtf": phrase.edtf, "precision": precision}
    if phrase is not None and phrase.rule is not None:
        block["relative"] = {
            "phrase": phrase.text,
            "reference": seed.entry.published.edtf,
            "rule": phrase.rule.value,
        }
    return block


def _whole(number: float) -> float | int:
    return int(number) if number.is_integer() else number


def _figure_fields(text: str, figure: Figure, sentence_start: int) -> dict[str, Any]:
    """value, unit, exactness and wording as the words around the figure suggest."""
    kind, wording_start = "exact", figure.start
    qualifier = qualifier_of(text, figure)
    if qualifier is not None and qualifier.start >= sentence_start:
        kind, wording_start = qualifier.kind.value, qualifier.start
    wording = text[wording_start : figure.end]
    value = figure.value
    guessed_unit = _unit(text, figure)
    unit = guessed_unit.value if guessed_unit else None  # plain str: safe_dump knows no enums
    fields: dict[str, Any] = {"measure": f"{PLACEHOLDER}: what is counted"}
    if value is not None and kind in (QualifierKind.LOWER, QualifierKind.UPPER):
        # The seed gives only a limit ('more than 500'): a bound, with no value.
        fields |= {"unit": unit, "exactness": "bound", "wording": wording}
        fields[kind] = _whole(value)
    elif value is not None:
        fields |= {"value": _whole(value), "unit": unit, "exactness": kind}
        if kind == QualifierKind.APPROXIMATE:
            fields["wording"] = wording
    else:
        # A number without a value ('hundreds'): approximate, with the seed's words.
        fields |= {"unit": unit, "wording": wording, "exactness": "approximate"}
    return {key: item for key, item in fields.items() if item is not None}


def draft_document(seed: Seed) -> dict[str, list[dict[str, Any]]]:
    """Candidate facts (and the dateline's exclusion) for one registered seed."""
    text, published = seed.text, seed.entry.published
    # The dateline is the publication date, already in the register: an exclusion.
    dateline = _Spans()
    exclusions: list[dict[str, Any]] = []
    if published.how is HowDated.DATELINE:
        for sentence in published.evidence:
            at = text.find(sentence)
            if at != -1 and not dateline.overlaps(at, at + len(sentence)):
                dateline.add(at, at + len(sentence))
                exclusions.append(
                    {"source": seed.file, "quote": sentence, "reason": DATELINE_EXCLUSION}
                )
    dates = [d for d in find_dates(text, seed.publication) if not dateline.overlaps(d.start, d.end)]
    date_starts = [d.start for d in dates]
    in_dates = _Spans((d.start, d.end) for d in dates)
    # A number inside a date ('October 7') belongs to the date's candidate.
    figures = [
        f
        for f in find_figures(text)
        if not dateline.overlaps(f.start, f.end) and not in_dates.overlaps(f.start, f.end)
    ]
    candidates: list[tuple[int, Figure | DatePhrase]] = sorted(
        [(f.start, f) for f in figures] + [(d.start, d) for d in dates], key=lambda pair: pair[0]
    )
    if len(candidates) > MAX_CANDIDATES:
        raise FactError(
            f"seeds/{seed.file}",
            f"has {len(candidates):,} numbers and dates; a draft holds at most {MAX_CANDIDATES:,}",
            hint="This looks like a data file rather than an article: write its facts by "
            "hand, citing the passages they come from.",
            code=ErrorCode.TOO_MANY_CANDIDATES,
        )
    facts = []
    slug = _slug(Path(seed.file).stem)
    breaks = sentence_breaks(text)
    for number, (_, found) in enumerate(candidates, start=1):
        first, last = sentence_span(text, found.start, found.end, breaks)
        first, last = quote_span(text, first, last, found.start, found.end)
        sentence = text[first:last]
        if isinstance(found, Number):
            # The figure's date is the nearest date phrase in its sentence, if any.
            in_sentence = dates[
                bisect.bisect_left(date_starts, first) : bisect.bisect_left(date_starts, last)
            ]
            date_phrase = min(
                in_sentence,
                key=lambda d: max(d.start - found.end, found.start - d.end),
                default=None,
            )
            what = f"about {found.text!r}"
            figure_fields = _figure_fields(text, found, first)
        else:
            date_phrase, what, figure_fields = found, f"happened {found.text!r}", {}
        fact: dict[str, Any] = {
            "id": f"{slug}-{number:02d}",
            "statement": f"{PLACEHOLDER}: one plain sentence: what the quote says {what}.",
            "topic": guess_topic(sentence).value,
            "partnership": seed.entry.partnership,
            "countries": list(seed.entry.countries),
            **figure_fields,
            "status": guess_status(sentence).value,
            "date": _date_block(date_phrase, seed),
            "source": seed.file,
            "quote": sentence,
            "draft": True,
        }
        facts.append(fact)
    return {"facts": facts, "exclusions": exclusions}


def render_draft(seed: Seed, document: dict[str, list[dict[str, Any]]]) -> str:
    header = DRAFT_HEADER.format(
        seed=seed.file,
        placeholder=repr(PLACEHOLDER),
        published=seed.entry.published.edtf,
        python=PYTHON,
    )
    return header + _dump(document)


@dataclass(frozen=True)
class DraftResult:
    path: Path
    shown: str
    facts: int
    exclusions: int


def _register_entries(paths: ProjectPaths) -> tuple[YamlDocument, list[Any]]:
    """The register as parsed YAML and its raw 'seeds:' list (entries unchecked)."""
    register = paths.relative(paths.register_file)
    document = read_yaml_file(paths.register_file, register, REGISTER)
    entries = document.data.get("seeds") if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        raise FactError(register, "has no 'seeds:' list", line=1, code=ErrorCode.STRUCTURE)
    return document, entries


def _entry_index(entries: list[Any], name: str) -> int | None:
    return next(
        (i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("file") == name),
        None,
    )


def _registered_seed(paths: ProjectPaths, name: str) -> Seed:
    factset = load_facts(paths.root, coverage=False)
    seed = factset.seeds.get(name)
    if seed is not None:
        return seed
    register = paths.relative(paths.register_file)
    document, entries = _register_entries(paths)
    index = _entry_index(entries, name)
    if index is not None:
        raise FactError(
            register,
            f"seeds/{name} cannot be drafted yet: its register entry has errors",
            line=document.line_of(("seeds", index)),
            field=f"seeds[{index}]",
            hint=f"Run '{PYTHON} validate' to see them, fix the entry (for example its "
            "published date), then draft again.",
            code=ErrorCode.SEED_UNUSABLE,
        )
    if (paths.seeds_dir / name).is_file():
        raise FactError(
            f"seeds/{name}",
            f"is not in {register}",
            hint=f"Register it first: '{PYTHON} add-seed seeds/{name} --partnership ...'.",
            code=ErrorCode.UNREGISTERED_SEED,
        )
    raise FactError(
        f"seeds/{name}",
        "no such seed",
        hint=f"Add the document first: '{PYTHON} add-seed FILE --partnership ...'.",
        code=ErrorCode.UNKNOWN_SEED,
    )


def draft(root: Path | str | None, seed_name: str, *, force: bool = False) -> DraftResult:
    """Write facts/<seed>.facts.yaml with one draft candidate per number and date."""
    paths = project_paths(root)
    name = Path(seed_name).name
    target = paths.facts_dir / f"{Path(name).stem}.facts.yaml"
    shown = paths.relative(target)
    if target.exists() and not force:
        raise FactError(
            shown,
            "already exists; not overwritten",
            hint="Edit it, or run draft again with --force to replace it (your edits "
            "in it would be lost).",
            code=ErrorCode.EXISTS,
        )
    seed = _registered_seed(paths, name)
    document = draft_document(seed)
    target.write_text(render_draft(seed, document), encoding="utf-8")
    return DraftResult(target, shown, len(document["facts"]), len(document["exclusions"]))


# ---------------------------------------------------------------------------
# Adding a seed


@dataclass(frozen=True)
class AddedSeed:
    name: str
    sha256: str
    copied: bool
    dateline: Dateline | None
    register_line: int
    to_do: list[FactError]


def countries_of(partnership: str) -> list[str]:
    """'UK–Albania' -> ['United Kingdom', 'Albania']."""
    parts = [part.strip() for part in re.split(r"[–—/]|\s-\s|-(?=[A-Z])", partnership)]
    return [COUNTRY_NAMES.get(part, part) for part in parts if part]


def _read_source(source: Path) -> bytes:
    shown = source.as_posix()
    if not source.is_file():
        raise FactError(shown, "no such file", hint="Give the path of the document to add.")
    size = source.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FactError(
            shown,
            f"the file is {size:,} bytes; seeds may be at most {MAX_FILE_BYTES:,}",
            code=ErrorCode.TOO_LARGE,
        )
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FactError(
            shown,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            line=raw[: exc.start].count(b"\n") + 1,
            hint="Save the document as UTF-8 text, then add it.",
            code=ErrorCode.ENCODING,
        ) from None
    if not text.strip():
        raise FactError(shown, "the file is empty", code=ErrorCode.EMPTY_FILE)
    return raw


def _entry_yaml(entry: dict[str, Any], indent: str, comment: Sequence[str]) -> str:
    dumped = _dump([entry])
    lines = [f"{indent}# {line}".rstrip() for line in comment]
    lines += [indent + line for line in dumped.splitlines()]
    return "\n".join(lines) + "\n"


UNDATED_COMMENT = (
    "FILL IN 'published': no dateline was found in the seed. Never guess a date.",
    '  A dateline in the text: edtf (e.g. "2024-10-26"), precision: day, how: dateline,',
    "  evidence: [the dateline, verbatim].",
    "  Otherwise: how: inferred, the narrowest edtf the text supports (e.g.",
    '  "2023-01/2023-08", precision: span), evidence: the verbatim sentences that',
    "  date it, and reasoning: how they give the date.",
)


def add_seed(
    root: Path | str | None,
    source: Path,
    *,
    partnership: str,
    label: str | None = None,
    countries: Sequence[str] | None = None,
) -> AddedSeed:
    """Copy ``source`` into seeds/ byte for byte and append its register entry."""
    paths = project_paths(root)
    name = source.name
    register = paths.relative(paths.register_file)
    if not SEED_NAME.match(name):
        raise FactError(
            source.as_posix(),
            f"{name!r} is not a usable seed name",
            hint="Use letters, digits, '.', '_' and '-' only, e.g. 005_home-office-2025.txt.",
            code=ErrorCode.SEED_NAME,
        )
    if not partnership.strip():
        raise FactError(register, "--partnership is empty", hint="e.g. --partnership UK–France")
    raw = _read_source(source)
    target = paths.seeds_dir / name
    if target.exists() and target.read_bytes() != raw:
        raise FactError(
            f"seeds/{name}",
            "a different file with this name is already in seeds/",
            hint="Seeds are never replaced: give the new document a new name.",
            code=ErrorCode.SEED_EXISTS,
        )
    old, entries = _register_entries(paths)
    old_text = paths.register_file.read_text(encoding="utf-8")
    existing = _entry_index(entries, name)
    if existing is not None:
        raise FactError(
            register,
            f"seeds/{name} is already registered",
            line=old.line_of(("seeds", existing, "file")),
            field=f"seeds[{existing}].file",
            hint="Edit its entry, or give a new document a new name.",
            code=ErrorCode.DUPLICATE_SEED,
        )
    text = raw.decode("utf-8")
    dateline = find_dateline(text)
    digest = hashlib.sha256(raw).hexdigest()
    if dateline is not None:
        published: dict[str, Any] = {
            "edtf": dateline.date.isoformat(),
            "precision": "day",
            "how": "dateline",
            "evidence": [dateline.text],
            "reasoning": f"The text carries a dateline (line {dateline.line}).",
        }
        comment: Sequence[str] = ()
    else:
        published = {
            "edtf": "FILL IN",
            "precision": "day",
            "how": "FILL IN",
            "evidence": ["FILL IN"],
        }
        comment = UNDATED_COMMENT
    entry = {
        "file": name,
        "sha256": digest,
        "label": label or name,
        "headline": None,
        "publisher": None,
        "partnership": partnership.strip(),
        "countries": list(countries) if countries else countries_of(partnership),
        "published": published,
    }
    indents = re.findall(r"^([ \t]*)- file:", old_text, re.M)
    indent = indents[-1] if indents else "  "
    new_text = old_text + ("" if old_text.endswith("\n") else "\n")
    new_text += "\n" + _entry_yaml(entry, indent, comment)
    new = parse_yaml(new_text, register)
    new_entries = new.data.get("seeds") if isinstance(new.data, dict) else None
    if not isinstance(new_entries, list) or len(new_entries) != len(entries) + 1:
        raise FactError(
            register,
            "cannot append a new entry: 'seeds:' is not the last list in the file",
            hint="Move the 'seeds:' list to the end of the file, then add the seed again.",
            code=ErrorCode.STRUCTURE,
        )
    index = len(entries)
    line = new.line_of(("seeds", index)) or 1
    copied = not target.exists()
    if copied:
        with target.open("xb") as handle:
            handle.write(raw)
    paths.register_file.write_text(new_text, encoding="utf-8")
    to_do = []
    if dateline is None:
        to_do.append(
            FactError(
                register,
                f"no dateline found in seeds/{name}: fill in published.edtf, precision, "
                "how and evidence (and reasoning, for an inferred date)",
                line=new.line_of(("seeds", index, "published")),
                field=f"seeds[{index}].published",
                hint="Never guess: use only what the text says. The comment above the entry "
                "and README.md ('Adding a seed') say how.",
                code=ErrorCode.PUBLISHED_MISSING,
            )
        )
    return AddedSeed(name, digest, copied, dateline, line, to_do)


# ---------------------------------------------------------------------------
# Coverage report


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
