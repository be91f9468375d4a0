"""Dates with their precision: EDTF strings turned into day spans.

The ``edtf`` package parses; this module only decides which forms a fact may use,
what precision each form has, and how relative phrases ("last week") resolve.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from edtf import Date, Season, struct_time_to_date


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    SPAN = "span"


SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


@dataclass(frozen=True)
class Period:
    """A date or interval as the first and last day it may cover."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def label(self) -> str:
        """Plain words for the period, at its own precision."""
        return describe(self)


class DateError(ValueError):
    """An EDTF string this project cannot use; the message says why."""


# The subset of EDTF that facts use: a year, month, season or day, with an optional
# qualifier, alone or as both ends of a closed interval. The regex only splits the
# string into its parts; the edtf package's classes give the calendar meaning
# (season months, month lengths). Its full grammar (pyparsing) takes ~6 ms a call,
# too slow for 10,000 facts; tests check that both agree on every accepted form.
_SINGLE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qualifier>[~?%])?"
)
_SINGLE_FORMS = (
    "YYYY (a year), YYYY-MM (a month), YYYY-21..24 (spring, summer, autumn, winter) "
    "or YYYY-MM-DD (a day), optionally followed by ~ (approximate), ? (uncertain) or % (both)"
)


@dataclass(frozen=True)
class _Single:
    start: dt.date
    end: dt.date
    precision: Precision
    qualifier: str


def _single(piece: str, whole: str) -> _Single:
    match = _SINGLE.fullmatch(piece)
    if match is None:
        raise DateError(f"'{whole}' is not a date this project uses; write {_SINGLE_FORMS}")
    year, month, day = match["year"], match["month"], match["day"]
    if month is not None and not (1 <= int(month) <= 12 or 21 <= int(month) <= 24):
        raise DateError(f"'{whole}' has month {month}: use 01-12, or 21-24 for a season")
    if month is not None and int(month) > 12 and day is not None:
        raise DateError(f"'{whole}' puts a day after a season")
    if month is not None and int(month) > 12 and match["qualifier"]:
        # EDTF (and the edtf package) give seasons no ~ ? % qualifier.
        raise DateError(f"'{whole}': a season cannot be marked ~, ? or %; say so in notes")
    try:
        if month is not None and int(month) > 12:
            precision = Precision.SEASON
            if month == "24":
                # edtf 5.0.2 ends winter on 31 December; winter runs from December
                # to the end of February of the next year.
                start = dt.date(int(year), 12, 1)
                end = dt.date(int(year) + 1, 3, 1) - dt.timedelta(days=1)
                return _Single(start, end, precision, match["qualifier"] or "")
            parsed: Any = Season(year=year, season=month)  # type: ignore[no-untyped-call]
        else:
            parsed = Date(year=year, month=month, day=day)
            precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        start = struct_time_to_date(parsed.lower_strict())
        end = struct_time_to_date(parsed.upper_strict())
    except (ValueError, OverflowError):
        raise DateError(f"'{whole}' is not a real date (check the day of the month)") from None
    return _Single(start, end, precision, match["qualifier"] or "")


# Pure, and called once per fact: 10,000 synthetic facts have 2,000 distinct dates.
# Periods are frozen, so sharing one is safe; a DateError is not cached, only raised
# again.
@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Parse an EDTF date or closed interval; raise DateError with a plain reason."""
    text = text.strip()
    pieces = text.split("/")
    if len(pieces) > 2:
        raise DateError(f"'{text}' has more than one '/': an interval is START/END")
    if any(piece in ("", "..") for piece in pieces):
        raise DateError(
            f"'{text}' has an open or unknown end; intervals here must be closed (START/END)"
        )
    parts = [_single(piece, text) for piece in pieces]
    start, end = parts[0].start, parts[-1].end
    if end < start:
        raise DateError(f"'{text}' ends before it starts")
    qualifiers = "".join(part.qualifier for part in parts)
    approximate = "~" in qualifiers or "%" in qualifiers
    uncertain = "?" in qualifiers or "%" in qualifiers
    if len(parts) == 1:
        precision = parts[0].precision
    elif all(p.precision is Precision.DAY for p in parts) and _is_calendar_week(start, end):
        precision = Precision.WEEK
    else:
        precision = Precision.SPAN
    return Period(text, start, end, precision, approximate, uncertain)


def _is_calendar_week(start: dt.date, end: dt.date) -> bool:
    return start.weekday() == 0 and (end - start).days == 6


def describe(period: Period) -> str:
    """'7 October 2024', 'October 2024', 'summer 2023', '2022', '14-20 October 2024'."""
    mark = "about " if period.approximate else ""
    match period.precision:
        case Precision.DAY:
            text = f"{period.start.day} {period.start:%B %Y}"
        case Precision.MONTH:
            text = f"{period.start:%B %Y}"
        case Precision.SEASON:
            season = int(period.edtf.rstrip("~?%").split("-")[1])
            text = f"{SEASON_NAMES[season]} {period.start.year}"
        case Precision.YEAR:
            text = str(period.start.year)
        case _:
            text = f"{_day(period.start)} to {_day(period.end)}"
            if period.precision is Precision.WEEK:
                text = f"the week of {_day(period.start)} to {_day(period.end)}"
    return mark + text + ("?" if period.uncertain else "")


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# ---------------------------------------------------------------------------
# Relative phrases: the window of days a phrase allows, given the reference
# (the seed's publication date or window).


class RelativeRule(StrEnum):
    LAST_WEEK = "last_week"
    THIS_WEEK = "this_week"
    LAST_MONTH = "last_month"
    LAST_YEAR = "last_year"
    THIS_YEAR = "this_year"
    YEAR_TO_DATE = "year_to_date"
    REST_OF_YEAR = "rest_of_year"
    LAST_MONDAY = "last_monday"
    DAY_IN_REFERENCE_YEAR = "day_in_reference_year"
    COMING_AUTUMN = "coming_autumn"
    UNTIL_REFERENCE = "until_reference"
    RECENTLY = "recently"


RULE_MEANINGS: dict[RelativeRule, str] = {
    RelativeRule.LAST_WEEK: "the Monday-to-Sunday week before the reference week",
    RelativeRule.THIS_WEEK: "the Monday-to-Sunday week of the reference",
    RelativeRule.LAST_MONTH: "the calendar month before the reference",
    RelativeRule.LAST_YEAR: "the calendar year before the reference",
    RelativeRule.THIS_YEAR: "the calendar year of the reference",
    RelativeRule.YEAR_TO_DATE: "1 January of the reference year up to the reference",
    RelativeRule.REST_OF_YEAR: "from the reference to 31 December of its year",
    RelativeRule.LAST_MONDAY: "the Monday on or before the reference",
    RelativeRule.DAY_IN_REFERENCE_YEAR: "a day in the reference year, on or before the reference",
    RelativeRule.COMING_AUTUMN: "the first autumn (September-November) not ended by the reference",
    RelativeRule.UNTIL_REFERENCE: "any time up to the reference",
    RelativeRule.RECENTLY: "some unstated time before the reference",
}


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _previous_month_end(day: dt.date) -> dt.date:
    return _month_start(day) - dt.timedelta(days=1)


def _autumn(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 9, 1), dt.date(year, 11, 30)


def allowed_window(rule: RelativeRule, reference: Period) -> tuple[dt.date, dt.date]:
    """First and last day a phrase can mean, for every day the reference may be.

    ``dt.date.min`` stands for "no earliest day" (until_reference, recently).
    """
    first, last = reference.start, reference.end
    match rule:
        case RelativeRule.LAST_WEEK:
            return _monday(first) - dt.timedelta(days=7), _monday(last) - dt.timedelta(days=1)
        case RelativeRule.THIS_WEEK:
            return _monday(first), _monday(last) + dt.timedelta(days=6)
        case RelativeRule.LAST_MONTH:
            return _month_start(_previous_month_end(first)), _previous_month_end(last)
        case RelativeRule.LAST_YEAR:
            return dt.date(first.year - 1, 1, 1), dt.date(last.year - 1, 12, 31)
        case RelativeRule.THIS_YEAR:
            return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
        case RelativeRule.YEAR_TO_DATE:
            return dt.date(first.year, 1, 1), last
        case RelativeRule.REST_OF_YEAR:
            return first, dt.date(last.year, 12, 31)
        case RelativeRule.LAST_MONDAY:
            return _monday(first), _monday(last)
        case RelativeRule.DAY_IN_REFERENCE_YEAR:
            return dt.date(first.year, 1, 1), last
        case RelativeRule.COMING_AUTUMN:
            start_year = first.year if first <= _autumn(first.year)[1] else first.year + 1
            end_year = last.year if last <= _autumn(last.year)[1] else last.year + 1
            return _autumn(start_year)[0], _autumn(end_year)[1]
        case RelativeRule.UNTIL_REFERENCE | RelativeRule.RECENTLY:
            return dt.date.min, last
    raise AssertionError(rule)  # pragma: no cover - StrEnum is exhaustive


def rule_list() -> str:
    """Every rule with its meaning, for messages: generated, so that it stays right."""
    return "; ".join(f"{rule.value} ({RULE_MEANINGS[rule]})" for rule in RelativeRule)


def fitting_rule(period: Period, reference: Period, chosen: RelativeRule) -> RelativeRule | None:
    """The rule other than ``chosen`` whose window holds ``period`` most tightly, if any."""
    fitting = [
        (last - first, rule)
        for rule in RelativeRule
        if rule not in (chosen, RelativeRule.RECENTLY)
        for first, last in [allowed_window(rule, reference)]
        if first <= period.start and period.end <= last
    ]
    return min(fitting, key=lambda pair: pair[0])[1] if fitting else None


# ---------------------------------------------------------------------------
# The dates a text states, for checking a fact's date against its quote.

MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


@dataclass(frozen=True)
class DatePart:
    """One date as an EDTF date writes it (an interval has two): a year and, if given,
    a month (1-12) or season (21-24) and a day."""

    text: str
    year: int
    month: int | None
    day: int | None

    @property
    def period(self) -> Period:
        return parse_period(self.text)


@functools.lru_cache(maxsize=4096)
def date_parts(edtf: str) -> tuple[DatePart, ...]:
    """The dates an EDTF date or interval is written with, qualifiers left out."""
    parts = []
    for piece in edtf.strip().split("/"):
        match = _SINGLE.fullmatch(piece)
        if match is None:
            raise DateError(f"'{edtf}' is not a date this project uses; write {_SINGLE_FORMS}")
        text = piece.rstrip("~?%")
        month, day = match["month"], match["day"]
        parts.append(
            DatePart(
                text,
                int(match["year"]),
                int(month) if month else None,
                int(day) if day else None,
            )
        )
    return tuple(parts)


class StatedDate(NamedTuple):
    """A date a text names, as far as it goes: 'October 7' has no year, '2022' no month."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None  # 1-12, or 21-24 for a season
    day: int | None


_MONTH_NAME = "(?:" + "|".join(MONTH_NAMES) + ")"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
# One pass, the longest form first at each place (every form starts a word):
# '2024-10-07'; '7 October', '7th of October 2021', 'October 7', 'October 7, 2024',
# 'October 2024', 'October'; 'summer of 2023', 'the autumn'; '2022' (not '29,154',
# '£2024' or '2024%').
_DATE = re.compile(
    rf"""
    \b(?=[\dJFMASONDsafwSAFW])
    (?:
        (?<![\d-])(?P<iso_year>{_YEAR})-(?P<iso_month>0[1-9]|1[0-2])(?:-(?P<iso_day>\d\d))?(?![\d-])
      | (?:(?<![\w.,])(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?)?
        \b(?P<month>{_MONTH_NAME})\b
        (?:\s+(?P<day_after>\d{{1,2}}){_ORDINAL}\b(?![.,]?\d))?
        (?:,?\s+(?:of\s+)?(?P<year>{_YEAR})\b)?
      | \b(?P<season>(?i:spring|summer|autumn|fall|winter))\b
        (?:\s+(?:of\s+)?(?P<season_year>{_YEAR})\b)?
      | (?<![\w£$€.,])(?P<year_alone>{_YEAR})(?![\w%]|[.,]\d)
    )
    """,
    re.VERBOSE,
)


def stated_dates(text: str, start: int = 0, end: int | None = None) -> list[StatedDate]:
    """Every date ``text`` (or ``text[start:end]``, offsets those of ``text``) names,
    in order."""
    found = []
    for match in _DATE.finditer(text, start, len(text) if end is None else end):
        (iso_year, iso_month, iso_day, day, month_name, day_after, year, season) = match.group(
            "iso_year", "iso_month", "iso_day", "day", "month", "day_after", "year", "season"
        )
        month: int | None = None
        if iso_month:
            month = int(iso_month)
        elif month_name:
            month = MONTH_NAMES.index(month_name) + 1
        elif season:
            month = SEASON_WORDS[season.lower()]
        year = iso_year or year or match["season_year"] or match["year_alone"]
        day = iso_day or day or day_after
        found.append(
            StatedDate(
                match.group(),
                match.start(),
                match.end(),
                int(year) if year else None,
                month,
                int(day) if day else None,
            )
        )
    return found


def states(stated: list[StatedDate], part: DatePart) -> bool:
    """Whether the dates named in a text give ``part``: its year, and its month (or
    season) and day if it has them. A month or day named without a year ('October 7')
    counts when the text names the part's year elsewhere."""
    years = {date.year for date in stated if date.year is not None}
    if part.year not in years:
        return False
    if part.month is None:
        return True
    return any(
        date.month == part.month
        and (part.day is None or date.day == part.day)
        and date.year in (part.year, None)
        for date in stated
    )
