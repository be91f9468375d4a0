"""Dates with their precision: EDTF strings turned into day spans.

The ``edtf`` package parses; this module only decides which forms a fact may use,
what precision each form has, and how relative phrases ("last week") resolve.
"""

from __future__ import annotations

import calendar
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
# (the seed's publication date or window). A rule that reads a name from the phrase
# ("on Tuesday", "next June", "in the spring") says so in its meaning.


class RelativeRule(StrEnum):
    YESTERDAY = "yesterday"
    TODAY = "today"
    TOMORROW = "tomorrow"
    PAST_WEEKDAY = "past_weekday"
    COMING_WEEKDAY = "coming_weekday"
    LAST_MONDAY = "last_monday"
    LAST_WEEK = "last_week"
    THIS_WEEK = "this_week"
    NEXT_WEEK = "next_week"
    COMING_WEEKS = "coming_weeks"
    LAST_MONTH = "last_month"
    THIS_MONTH = "this_month"
    NEXT_MONTH = "next_month"
    COMING_MONTHS = "coming_months"
    PAST_NAMED_MONTH = "past_named_month"
    COMING_NAMED_MONTH = "coming_named_month"
    NEXT_NAMED_MONTH = "next_named_month"
    PAST_SEASON = "past_season"
    COMING_SEASON = "coming_season"
    NEXT_SEASON = "next_season"
    COMING_AUTUMN = "coming_autumn"
    LAST_YEAR = "last_year"
    THIS_YEAR = "this_year"
    NEXT_YEAR = "next_year"
    YEAR_TO_DATE = "year_to_date"
    LAST_YEAR_TO_DATE = "last_year_to_date"
    PAST_TWELVE_MONTHS = "past_twelve_months"
    REST_OF_YEAR = "rest_of_year"
    DAY_IN_REFERENCE_YEAR = "day_in_reference_year"
    UNTIL_REFERENCE = "until_reference"
    RECENTLY = "recently"


RULE_MEANINGS: dict[RelativeRule, str] = {
    RelativeRule.YESTERDAY: "the day before the reference",
    RelativeRule.TODAY: "the day of the reference",
    RelativeRule.TOMORROW: "the day after the reference",
    RelativeRule.PAST_WEEKDAY: "the weekday the phrase names, on or before the reference",
    RelativeRule.COMING_WEEKDAY: "the weekday the phrase names, on or after the reference",
    RelativeRule.LAST_MONDAY: "the Monday on or before the reference",
    RelativeRule.LAST_WEEK: "the Monday-to-Sunday week before the reference week",
    RelativeRule.THIS_WEEK: "the Monday-to-Sunday week of the reference",
    RelativeRule.NEXT_WEEK: "the Monday-to-Sunday week after the reference week",
    RelativeRule.COMING_WEEKS: "from the reference to eight weeks after it",
    RelativeRule.LAST_MONTH: "the calendar month before the reference",
    RelativeRule.THIS_MONTH: "the calendar month of the reference",
    RelativeRule.NEXT_MONTH: "the calendar month after the reference",
    RelativeRule.COMING_MONTHS: "from the reference to six months after it",
    RelativeRule.PAST_NAMED_MONTH: (
        "the month the phrase names, the last one begun on or before the reference"
    ),
    RelativeRule.COMING_NAMED_MONTH: (
        "the month the phrase names, the first one not ended by the reference"
    ),
    RelativeRule.NEXT_NAMED_MONTH: "the month the phrase names, the first one after the reference",
    RelativeRule.PAST_SEASON: (
        "the season the phrase names, the last one begun on or before the reference"
    ),
    RelativeRule.COMING_SEASON: (
        "the season the phrase names, the first one not ended by the reference"
    ),
    RelativeRule.NEXT_SEASON: (
        "the season the phrase names, the first one beginning after the reference"
    ),
    RelativeRule.COMING_AUTUMN: "the first autumn (September-November) not ended by the reference",
    RelativeRule.LAST_YEAR: "the calendar year before the reference",
    RelativeRule.THIS_YEAR: "the calendar year of the reference",
    RelativeRule.NEXT_YEAR: "the calendar year after the reference",
    RelativeRule.YEAR_TO_DATE: "1 January of the reference year up to the reference",
    RelativeRule.LAST_YEAR_TO_DATE: (
        "1 January of the year before the reference up to the same day a year before it"
    ),
    RelativeRule.PAST_TWELVE_MONTHS: "the twelve months up to the reference",
    RelativeRule.REST_OF_YEAR: "from the reference to 31 December of its year",
    RelativeRule.DAY_IN_REFERENCE_YEAR: "a day in the reference year, on or before the reference",
    RelativeRule.UNTIL_REFERENCE: "any time up to the reference",
    RelativeRule.RECENTLY: "some unstated time before the reference",
}


class RuleExample(NamedTuple):
    """A phrase a rule reads, an article date, and the days the rule allows (README)."""

    phrase: str
    reference: str
    allows: str  # EDTF; '../DAY' for a rule with no earliest day
    note: str = ""  # when the phrase takes this rule rather than another


# One example per rule, shown in README.md ('Relative dates') and checked by the tests
# against allowed_window, so that the README cannot drift from the code.
RULE_EXAMPLES: dict[RelativeRule, RuleExample] = {
    RelativeRule.YESTERDAY: RuleExample("yesterday", "2025-09-18", "2025-09-17"),
    RelativeRule.TODAY: RuleExample("today", "2025-09-18", "2025-09-18"),
    RelativeRule.TOMORROW: RuleExample("tomorrow", "2025-09-18", "2025-09-19"),
    RelativeRule.PAST_WEEKDAY: RuleExample(
        "On Tuesday", "2025-09-18", "2025-09-16", "of a past event"
    ),
    RelativeRule.COMING_WEEKDAY: RuleExample(
        "on Friday", "2025-09-18", "2025-09-19", "of a coming event: 'will meet on Friday'"
    ),
    RelativeRule.LAST_MONDAY: RuleExample(
        "On Monday", "2025-09-18", "2025-09-15", "of a past event; as past_weekday"
    ),
    RelativeRule.LAST_WEEK: RuleExample("last week", "2025-09-18", "2025-09-08/2025-09-14"),
    RelativeRule.THIS_WEEK: RuleExample("this week", "2025-09-18", "2025-09-15/2025-09-21"),
    RelativeRule.NEXT_WEEK: RuleExample("next week", "2025-09-18", "2025-09-22/2025-09-28"),
    RelativeRule.COMING_WEEKS: RuleExample(
        "in the coming weeks", "2025-09-18", "2025-09-18/2025-11-13"
    ),
    RelativeRule.LAST_MONTH: RuleExample("last month", "2025-09-18", "2025-08"),
    RelativeRule.THIS_MONTH: RuleExample("earlier this month", "2025-09-18", "2025-09"),
    RelativeRule.NEXT_MONTH: RuleExample("next month", "2025-09-18", "2025-10"),
    RelativeRule.COMING_MONTHS: RuleExample(
        "in the coming months", "2025-09-18", "2025-09-18/2026-03-18"
    ),
    RelativeRule.PAST_NAMED_MONTH: RuleExample(
        "in March", "2025-09-18", "2025-03", "of a past event"
    ),
    RelativeRule.COMING_NAMED_MONTH: RuleExample(
        "in November", "2025-09-18", "2025-11", "of a coming event: 'due in November'"
    ),
    RelativeRule.NEXT_NAMED_MONTH: RuleExample("next June", "2025-09-18", "2026-06"),
    RelativeRule.PAST_SEASON: RuleExample(
        "over the summer", "2025-09-18", "2025-22", "of a past event"
    ),
    RelativeRule.COMING_SEASON: RuleExample(
        "in the spring", "2025-09-18", "2026-21", "of a coming event; also 'this spring'"
    ),
    RelativeRule.NEXT_SEASON: RuleExample("next summer", "2025-07-01", "2026-22"),
    RelativeRule.COMING_AUTUMN: RuleExample("scheduled for the autumn", "2025-07-01", "2025-23"),
    RelativeRule.LAST_YEAR: RuleExample("last year", "2025-09-18", "2024"),
    RelativeRule.THIS_YEAR: RuleExample("this year", "2025-09-18", "2025"),
    RelativeRule.NEXT_YEAR: RuleExample("next year", "2025-09-18", "2026"),
    RelativeRule.YEAR_TO_DATE: RuleExample(
        "so far this year", "2025-09-18", "2025-01-01/2025-09-18"
    ),
    RelativeRule.LAST_YEAR_TO_DATE: RuleExample(
        "at the same point last year", "2025-09-18", "2024-01-01/2024-09-18"
    ),
    RelativeRule.PAST_TWELVE_MONTHS: RuleExample(
        "in the past 12 months", "2025-09-18", "2024-09-19/2025-09-18"
    ),
    RelativeRule.REST_OF_YEAR: RuleExample(
        "by the end of the year", "2025-09-18", "2025-09-18/2025-12-31"
    ),
    RelativeRule.DAY_IN_REFERENCE_YEAR: RuleExample(
        "on 7 March", "2025-09-18", "2025-01-01/2025-09-18"
    ),
    RelativeRule.UNTIL_REFERENCE: RuleExample("since March 2023", "2025-09-18", "../2025-09-18"),
    RelativeRule.RECENTLY: RuleExample("recently", "2025-09-18", "../2025-09-18"),
}


def rules_markdown() -> str:
    """Every rule with its meaning and example, as the Markdown table README.md shows
    ('Relative dates'); a test keeps the README equal to it."""
    rows = [
        "| Rule | The days it allows | Example | Article of | Gives |",
        "|---|---|---|---|---|",
    ]
    for rule in RelativeRule:
        example = RULE_EXAMPLES[rule]
        phrase = f'"{example.phrase}"' + (f" ({example.note})" if example.note else "")
        rows.append(
            f"| `{rule.value}` | {RULE_MEANINGS[rule]} | {phrase} | {example.reference} | "
            f"`{example.allows}` |"
        )
    return "\n".join(rows)


class RuleNeedsName(DateError):
    """A rule that reads a weekday, month or season from a phrase that names none."""


# English names whatever the locale (calendar.day_name follows the locale).
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# The first month of each season (winter runs into the next year).
_SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}

_WEEKDAY_RULES = (RelativeRule.PAST_WEEKDAY, RelativeRule.COMING_WEEKDAY)
_MONTH_RULES = (
    RelativeRule.PAST_NAMED_MONTH,
    RelativeRule.COMING_NAMED_MONTH,
    RelativeRule.NEXT_NAMED_MONTH,
)
_SEASON_RULES = (RelativeRule.PAST_SEASON, RelativeRule.COMING_SEASON, RelativeRule.NEXT_SEASON)


def _named(phrase: str, names: tuple[str, ...] | list[str]) -> int | None:
    """The index of the first of ``names`` the phrase names as a word, if any."""
    found = [
        (match.start(), index)
        for index, name in enumerate(names)
        for match in [re.search(rf"(?<![\w-]){name}(?![\w-])", phrase, re.IGNORECASE)]
        if match is not None
    ]
    return min(found)[1] if found else None


def _needs(rule: RelativeRule, what: str, phrase: str) -> RuleNeedsName:
    example = RULE_EXAMPLES[rule].phrase
    return RuleNeedsName(
        f"rule {rule.value} reads {what} from the phrase (as in {example!r}), and "
        f"{phrase!r} names none"
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it has no such day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _previous_month_end(day: dt.date) -> dt.date:
    return _month_start(day) - dt.timedelta(days=1)


def _same_day_a_year_before(day: dt.date) -> dt.date:
    # 29 February a year before is 28 February.
    return _add_months(day, -12)


def _season(year: int, code: int) -> tuple[dt.date, dt.date]:
    """The days of a season of ``year`` (winter: December to the end of February)."""
    start = dt.date(year, _SEASON_FIRST_MONTH[code], 1)
    last_month = _add_months(start, 2)
    return start, _month_end(last_month.year, last_month.month)


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _named_month(day: dt.date, month: int, rule: RelativeRule) -> tuple[dt.date, dt.date]:
    """The named month, as ``rule`` picks it from ``day``."""
    year = day.year
    if rule is RelativeRule.PAST_NAMED_MONTH:
        year -= month > day.month  # the last one begun on or before the day
    elif rule is RelativeRule.COMING_NAMED_MONTH:
        year += month < day.month  # the first one not ended by the day
    else:
        year += month <= day.month  # the first one beginning after the day
    return dt.date(year, month, 1), _month_end(year, month)


def _named_season(day: dt.date, code: int, rule: RelativeRule) -> tuple[dt.date, dt.date]:
    """The named season, as ``rule`` picks it from ``day``."""
    # The candidates around the day, in order: last year's, this year's, next year's.
    seasons = [_season(day.year + offset, code) for offset in (-1, 0, 1)]
    if rule is RelativeRule.PAST_SEASON:
        return [season for season in seasons if season[0] <= day][-1]
    if rule is RelativeRule.COMING_SEASON:
        return next(season for season in seasons if season[1] >= day)
    return next(season for season in seasons if season[0] > day)


def _day_window(rule: RelativeRule, day: dt.date, phrase: str) -> tuple[dt.date, dt.date]:
    """The days ``rule`` allows for a reference of exactly ``day``."""
    match rule:
        case RelativeRule.YESTERDAY:
            yesterday = day - dt.timedelta(days=1)
            return yesterday, yesterday
        case RelativeRule.TODAY:
            return day, day
        case RelativeRule.TOMORROW:
            tomorrow = day + dt.timedelta(days=1)
            return tomorrow, tomorrow
        case RelativeRule.PAST_WEEKDAY | RelativeRule.COMING_WEEKDAY:
            weekday = _named(phrase, WEEKDAY_NAMES)
            if weekday is None:
                raise _needs(rule, "a weekday", phrase)
            if rule is RelativeRule.PAST_WEEKDAY:
                named = _weekday_on_or_before(day, weekday)
            else:
                named = _weekday_on_or_after(day, weekday)
            return named, named
        case RelativeRule.NEXT_WEEK:
            monday = _monday(day) + dt.timedelta(days=7)
            return monday, monday + dt.timedelta(days=6)
        case RelativeRule.COMING_WEEKS:
            return day, day + dt.timedelta(weeks=8)
        case RelativeRule.THIS_MONTH:
            return _month_start(day), _month_end(day.year, day.month)
        case RelativeRule.NEXT_MONTH:
            following = _add_months(_month_start(day), 1)
            return following, _month_end(following.year, following.month)
        case RelativeRule.COMING_MONTHS:
            return day, _add_months(day, 6)
        case RelativeRule.PAST_NAMED_MONTH | RelativeRule.COMING_NAMED_MONTH:
            return _named_month_of(rule, day, phrase)
        case RelativeRule.NEXT_NAMED_MONTH:
            return _named_month_of(rule, day, phrase)
        case RelativeRule.PAST_SEASON | RelativeRule.COMING_SEASON | RelativeRule.NEXT_SEASON:
            season = _named(phrase, list(SEASON_WORDS))
            if season is None:
                raise _needs(rule, "a season", phrase)
            return _named_season(day, list(SEASON_WORDS.values())[season], rule)
        case RelativeRule.NEXT_YEAR:
            return dt.date(day.year + 1, 1, 1), dt.date(day.year + 1, 12, 31)
        case RelativeRule.LAST_YEAR_TO_DATE:
            return dt.date(day.year - 1, 1, 1), _same_day_a_year_before(day)
        case RelativeRule.PAST_TWELVE_MONTHS:
            return _same_day_a_year_before(day) + dt.timedelta(days=1), day
    raise AssertionError(rule)  # pragma: no cover - every other rule is in allowed_window


def _named_month_of(rule: RelativeRule, day: dt.date, phrase: str) -> tuple[dt.date, dt.date]:
    month = _named(phrase, MONTH_NAMES)
    if month is None:
        raise _needs(rule, "a month", phrase)
    return _named_month(day, month + 1, rule)


def _autumn(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 9, 1), dt.date(year, 11, 30)


def allowed_window(
    rule: RelativeRule, reference: Period, phrase: str = ""
) -> tuple[dt.date, dt.date]:
    """First and last day a phrase can mean, for every day the reference may be.

    ``dt.date.min`` stands for "no earliest day" (until_reference, recently). Rules that
    read a weekday, month or season read it from ``phrase``, and raise RuleNeedsName
    when it names none.
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
    # The newer rules are defined for one day; for a reference window (an undated seed)
    # they allow every day they allow for any day of it (each moves forward with the day).
    return _day_window(rule, first, phrase)[0], _day_window(rule, last, phrase)[1]


def rule_list() -> str:
    """Every rule with its meaning, for messages: generated, so that it stays right."""
    return "; ".join(f"{rule.value} ({RULE_MEANINGS[rule]})" for rule in RelativeRule)


def fitting_rule(
    period: Period, reference: Period, chosen: RelativeRule, phrase: str = ""
) -> RelativeRule | None:
    """The rule other than ``chosen`` whose window holds ``period`` most tightly, if any
    (rules that read a name the phrase does not give are left out). Of rules as tight,
    the one sharing most words with the phrase ('next June': next_named_month)."""
    words = set(re.findall(r"[a-z]+", phrase.lower()))
    fitting = []
    for order, rule in enumerate(RelativeRule):
        if rule in (chosen, RelativeRule.RECENTLY):
            continue
        try:
            first, last = allowed_window(rule, reference, phrase)
        except RuleNeedsName:
            continue
        if first <= period.start and period.end <= last:
            shared = len(words & set(rule.value.split("_")))
            fitting.append((last - first, -shared, order, rule))
    return min(fitting)[-1] if fitting else None


def window_edtf(first: dt.date, last: dt.date) -> str:
    """The shortest EDTF for exactly the days ``first`` to ``last``."""
    if first == last:
        return first.isoformat()
    if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    if first.day == 1 and last == _month_end(first.year, first.month):
        return f"{first.year}-{first.month:02d}"
    for code in (21, 22, 23, 24):
        if (first, last) == _season(first.year, code):
            return f"{first.year}-{code}"
    return f"{first.isoformat()}/{last.isoformat()}"


# ---------------------------------------------------------------------------
# The dates a text states, for checking a fact's date against its quote.


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
