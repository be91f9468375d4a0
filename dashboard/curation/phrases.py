"""Words of a seed that say when: dates, datelines and relative phrases.

A relative phrase ("next June", "on Thursday") resolves with a rule of
``dashboard.facts.dates``, the same rules validation checks a fact's date with.
A phrase that reads the same backwards and forwards in time ("on Thursday", "in
March", "in the spring") gets the past rule here; the draft takes the coming one
when its sentence speaks of a plan.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace

from dashboard.facts.dates import (
    MONTH_NAMES,
    SEASON_WORDS,
    WEEKDAY_NAMES,
    DateError,
    Period,
    RelativeRule,
    allowed_window,
    parse_period,
    window_edtf,
)

MONTHS = list(MONTH_NAMES)
WEEKDAYS = list(WEEKDAY_NAMES)
SEASONS = SEASON_WORDS

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_SEASON = "(?:spring|summer|autumn|fall|winter)"
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

# The rule of a phrase about the past, and its counterpart about what is to come.
COMING = {
    RelativeRule.PAST_WEEKDAY: RelativeRule.COMING_WEEKDAY,
    RelativeRule.PAST_NAMED_MONTH: RelativeRule.COMING_NAMED_MONTH,
    RelativeRule.PAST_SEASON: RelativeRule.COMING_SEASON,
    RelativeRule.YEAR_TO_DATE: RelativeRule.REST_OF_YEAR,
}


@dataclass(frozen=True)
class DatePhrase:
    """Words of a seed that say when: a date, a season, a year or a relative phrase.

    ``reason`` says how the words give a date no rule gives ('the year ending June 2025
    runs from July 2024 to June 2025'); ``comparison`` marks the base of a comparison
    ('more than at the same point last year'), which does not date the figure before it.
    """

    text: str
    start: int
    end: int
    edtf: str | None
    rule: RelativeRule | None
    reason: str | None = None
    comparison: bool = False

    def coming(self, publication: Period) -> DatePhrase:
        """The phrase read as about what is to come ('on Friday' as the coming Friday)."""
        rule = COMING.get(self.rule) if self.rule is not None else None
        if rule is None:
            return self
        return replace(self, rule=rule, edtf=from_rule(rule, publication, self.text))


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
    rf"{_SINCE}(?:[Tt]he\s+)?(?P<season>(?i:{_SEASON}))(?:\s+of)?\s+(?P<year>{_YEAR})"
)
_YEAR_ONLY = re.compile(rf"(?<![\w,.£$€-]){_SINCE}(?P<year>{_YEAR})(?![\w%]|[.,]\d)")

# Periods of official statistics, named with their end or their place in a year.
_YEAR_ENDING = _pattern(rf"(?:the\s+)?year\s+ending\s+(?P<month>{_MONTH})\s+(?P<year>{_YEAR})")
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
_QUARTER = _pattern(
    rf"(?:the\s+)?(?P<nth>first|second|third|fourth|final|last)\s+quarter\s+of\s+(?P<year>{_YEAR})"
    rf"(?:\s+\({_MONTH}\s+to\s+{_MONTH}\))?",
    re.I,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9}
_FIRST_MONTHS = _pattern(
    rf"(?:the\s+)?first\s+(?P<count>two|three|four|five|six|nine|\d{{1,2}})\s+months\s+of\s+"
    rf"(?P<year>{_YEAR})",
    re.I,
)

_IN = r"(?:(?i:in|on|from|by|until|during|over|for|since)\s+(?:the\s+)?)?"
_RELATIVE: list[tuple[re.Pattern[str], RelativeRule | None]] = [
    (_pattern(r"yesterday", re.I), RelativeRule.YESTERDAY),
    (_pattern(r"today", re.I), RelativeRule.TODAY),
    (_pattern(r"tomorrow", re.I), RelativeRule.TOMORROW),
    (_pattern(rf"on\s+(?:(?:last|this)\s+)?{_WEEKDAY}", re.I), RelativeRule.PAST_WEEKDAY),
    (_pattern(r"last week", re.I), RelativeRule.LAST_WEEK),
    (_pattern(r"(?:earlier |later )?this week", re.I), RelativeRule.THIS_WEEK),
    (_pattern(r"next week", re.I), RelativeRule.NEXT_WEEK),
    (_pattern(r"(?:in|over) the (?:coming|next few) weeks", re.I), RelativeRule.COMING_WEEKS),
    (_pattern(r"last month", re.I), RelativeRule.LAST_MONTH),
    (_pattern(r"(?:earlier |later )?this month", re.I), RelativeRule.THIS_MONTH),
    (_pattern(r"next month", re.I), RelativeRule.NEXT_MONTH),
    (_pattern(r"(?:in|over) the (?:coming|next few) months", re.I), RelativeRule.COMING_MONTHS),
    (_pattern(rf"next {_MONTH}(?!\s+\d)"), RelativeRule.NEXT_NAMED_MONTH),
    (_pattern(rf"{_IN}{_MONTH}(?!\s+\d)"), RelativeRule.PAST_NAMED_MONTH),
    (_pattern(rf"next {_SEASON}", re.I), RelativeRule.NEXT_SEASON),
    (_pattern(r"(?:in |for )?the (?:coming |upcoming )autumn", re.I), RelativeRule.COMING_AUTUMN),
    (_pattern(rf"(?:{_IN}|this |last ){_SEASON}", re.I), RelativeRule.PAST_SEASON),
    (_pattern(r"last year", re.I), RelativeRule.LAST_YEAR),
    # Of a past event, "this year" is the year up to the text; of a plan, the rest of it.
    (_pattern(r"(?:earlier )?this year", re.I), RelativeRule.YEAR_TO_DATE),
    (_pattern(r"next year", re.I), RelativeRule.NEXT_YEAR),
    (_pattern(r"later this year", re.I), RelativeRule.REST_OF_YEAR),
    (_pattern(r"so far this year|(?:in )?the year to date", re.I), RelativeRule.YEAR_TO_DATE),
    (
        _pattern(
            r"(?:at |by )?the same (?:point|time|period|stage) "
            r"(?:last year|a year (?:ago|earlier))",
            re.I,
        ),
        RelativeRule.LAST_YEAR_TO_DATE,
    ),
    (
        _pattern(r"(?:in |over )?the (?:past|last) (?:12|twelve) months", re.I),
        RelativeRule.PAST_TWELVE_MONTHS,
    ),
    (_pattern(r"(?:before|by) the end of (?:the|this) year", re.I), RelativeRule.REST_OF_YEAR),
    (_pattern(r"recently", re.I), RelativeRule.RECENTLY),
    (_pattern(r"since then", re.I), RelativeRule.UNTIL_REFERENCE),
]
# "18% more than at the same point last year": the base of a comparison.
# "the busiest day since early September": the base of a record.
_COMPARISON = re.compile(
    r"(?:\bthan\s+(?:at\s+|in\s+|on\s+|for\s+)?"
    r"|\b(?:up|down)\s+from\s+[\d,.]+\s+(?:in\s+)?"
    r"|\b(?:busiest|highest|lowest|largest|biggest|smallest|most|fewest|greatest|worst|best)"
    r"\b[\w\s]{0,40}?\bsince\s+(?:[\w]+\s+){0,3})$",
    re.I,
)


def _real_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def from_rule(rule: RelativeRule, publication: Period, phrase: str) -> str | None:
    """The date a rule gives a phrase, from the seed's publication date."""
    if rule in (RelativeRule.RECENTLY, RelativeRule.UNTIL_REFERENCE):
        return None  # no earliest day; "since then": the start is elsewhere in the text
    try:
        return window_edtf(*allowed_window(rule, publication, phrase))
    except DateError:
        return None


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


def _month_span(first: dt.date, last_year: int, last_month: int) -> str:
    return f"{first.year}-{first.month:02d}/{last_year}-{last_month:02d}"


def _period(match: re.Match[str], pattern: re.Pattern[str]) -> DatePhrase:
    """A statistics period: the year ending a month, a quarter, the first months."""
    year = int(match["year"])
    if pattern is _YEAR_ENDING:
        month = MONTHS.index(match["month"]) + 1
        first = dt.date(year - (month < 12), month % 12 + 1, 1)
        edtf = _month_span(first, year, month) if month < 12 else str(year)
        reason = (
            f"The year ending {match['month']} {year} runs from "
            f"{MONTHS[first.month - 1]} {first.year} to {match['month']} {year}."
        )
    elif pattern is _QUARTER:
        quarter = _QUARTERS[match["nth"].lower()]
        first = dt.date(year, 3 * quarter - 2, 1)
        edtf = _month_span(first, year, 3 * quarter)
        reason = (
            f"The {match['nth'].lower()} quarter of {year} is {MONTHS[first.month - 1]} to "
            f"{MONTHS[3 * quarter - 1]} {year}."
        )
    else:
        count_text = match["count"].lower()
        count = int(count_text) if count_text.isdigit() else _COUNTS[count_text]
        edtf = _month_span(dt.date(year, 1, 1), year, min(count, 12))
        reason = (
            f"The first {count_text} months of {year} are January to "
            f"{MONTHS[min(count, 12) - 1]} {year}."
        )
    return DatePhrase(match.group(0), match.start(), match.end(), edtf, None, reason)


def find_dates(text: str, publication: Period) -> list[DatePhrase]:
    """Every date or relative phrase in ``text``; of overlapping ones, the longest."""
    found: list[DatePhrase] = []
    for pattern in (_FULL_DATE, _MONTH_YEAR, _SEASON_YEAR, _YEAR_ONLY):
        for match in pattern.finditer(text):
            phrase = _absolute(match, publication)
            if phrase is not None:
                found.append(phrase)
    for pattern in (_YEAR_ENDING, _QUARTER, _FIRST_MONTHS):
        found += [_period(match, pattern) for match in pattern.finditer(text)]
    for pattern, rule in _RELATIVE:
        for match in pattern.finditer(text):
            edtf = from_rule(rule, publication, match.group(0)) if rule is not None else None
            phrase = DatePhrase(match.group(0), match.start(), match.end(), edtf, rule)
            if match.group(0).lower().startswith("since ") and edtf is not None:
                # "Since January": from that month up to the seed's publication.
                phrase = DatePhrase(
                    phrase.text,
                    phrase.start,
                    phrase.end,
                    f"{edtf.split('/')[0]}/{publication.end.isoformat()}",
                    None,
                    f"{match.group(0)!r} in a text of {publication.label}: from "
                    f"{parse_period(edtf).label} to the text's date.",
                )
            found.append(phrase)
    found += _spans(text, found)
    found.sort(key=lambda phrase: (phrase.start - phrase.end, phrase.start))
    kept: list[DatePhrase] = []
    taken = bytearray(len(text))  # phrases are short: a mask keeps this linear
    for phrase in found:
        if not any(taken[phrase.start : phrase.end]):
            taken[phrase.start : phrase.end] = b"\x01" * (phrase.end - phrase.start)
            if _COMPARISON.search(text[max(0, phrase.start - 80) : phrase.start]):
                phrase = replace(phrase, comparison=True)
            kept.append(phrase)
    return sorted(kept, key=lambda phrase: phrase.start)


_SPAN_JOIN = re.compile(r"\s+(?:to|until)\s+|\s*[–-]\s*")
_SPAN_START = re.compile(r"(?:from|between)\s+$", re.I)


def _spans(text: str, found: list[DatePhrase]) -> list[DatePhrase]:
    """'from 1 October 2024 to 30 September 2025': the two days and what is between."""
    days = sorted(
        (p for p in found if p.rule is None and p.edtf is not None and len(p.edtf) == 10),
        key=lambda p: p.start,
    )
    spans = []
    for first, last in itertools.pairwise(days):
        join = _SPAN_JOIN.fullmatch(text, first.end, last.start)
        if join is None or first.edtf is None or last.edtf is None or first.edtf >= last.edtf:
            continue
        start = first.start
        lead = _SPAN_START.search(text, max(0, start - 10), start)
        start = lead.start() if lead is not None else start
        spans.append(
            DatePhrase(text[start : last.end], start, last.end, f"{first.edtf}/{last.edtf}", None)
        )
    return spans


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
