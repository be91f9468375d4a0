"""Dates keep their precision: parametrized cases and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from edtf import parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.facts.dates import (
    RULE_EXAMPLES,
    RULE_MEANINGS,
    DateError,
    Precision,
    RelativeRule,
    RuleNeedsName,
    allowed_window,
    date_parts,
    describe,
    fitting_rule,
    parse_period,
    rule_list,
    rules_markdown,
    stated_dates,
    states,
    window_edtf,
)
from dashboard.paths import REPO_DIR


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "label"),
    [
        ("2024-10-07", "2024-10-07", "2024-10-07", "day", "7 October 2024"),
        ("2024-10", "2024-10-01", "2024-10-31", "month", "October 2024"),
        ("2024-02", "2024-02-01", "2024-02-29", "month", "February 2024"),
        ("2023-22", "2023-06-01", "2023-08-31", "season", "summer 2023"),
        ("2023-23", "2023-09-01", "2023-11-30", "season", "autumn 2023"),
        ("2023-24", "2023-12-01", "2024-02-29", "season", "winter 2023"),
        ("2022", "2022-01-01", "2022-12-31", "year", "2022"),
        ("2024-10~", "2024-10-01", "2024-10-31", "month", "about October 2024"),
        (
            "2024-10-14/2024-10-20",
            "2024-10-14",
            "2024-10-20",
            "week",
            "the week of 14 October 2024 to 20 October 2024",
        ),
        (
            "2024-10-15/2024-10-21",
            "2024-10-15",
            "2024-10-21",
            "span",
            "15 October 2024 to 21 October 2024",
        ),
        ("2023-01/2023-08", "2023-01-01", "2023-08-31", "span", "1 January 2023 to 31 August 2023"),
    ],
)
def test_parse_period(text: str, start: str, end: str, precision: str, label: str) -> None:
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert period.precision is Precision(precision)
    assert describe(period) == label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "'2024-02-30' is not a real date (check the day of the month)"),
        ("2024-13", "'2024-13' has month 13: use 01-12, or 21-24 for a season"),
        ("2023-22-01", "'2023-22-01' puts a day after a season"),
        ("2023-22~", "'2023-22~': a season cannot be marked ~, ? or %; say so in notes"),
        ("2024-10/2024-01", "'2024-10/2024-01' ends before it starts"),
        ("2024/", "'2024/' has an open or unknown end; intervals here must be closed (START/END)"),
        ("2024/2025/2026", "'2024/2025/2026' has more than one '/': an interval is START/END"),
        (
            "October 2024",
            "'October 2024' is not a date this project uses; write YYYY (a year), "
            "YYYY-MM (a month), YYYY-21..24 (spring, summer, autumn, winter) or "
            "YYYY-MM-DD (a day), optionally followed by ~ (approximate), ? (uncertain) or % (both)",
        ),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_period(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("rule", "reference", "first", "last"),
    [
        ("last_week", "2024-10-26", "2024-10-14", "2024-10-20"),
        ("this_week", "2024-10-26", "2024-10-21", "2024-10-27"),
        ("last_month", "2023-01/2023-08", "2022-12-01", "2023-07-31"),
        ("last_year", "2023-01/2023-08", "2022-01-01", "2022-12-31"),
        ("this_year", "2023-01/2023-08", "2023-01-01", "2023-12-31"),
        ("year_to_date", "2024-10-26", "2024-01-01", "2024-10-26"),
        ("rest_of_year", "2024-10-26", "2024-10-26", "2024-12-31"),
        ("last_monday", "2024-10-26", "2024-10-21", "2024-10-21"),
        ("day_in_reference_year", "2024-10-26", "2024-01-01", "2024-10-26"),
        ("coming_autumn", "2023-01/2023-08", "2023-09-01", "2023-11-30"),
        ("coming_autumn", "2023-12-05", "2024-09-01", "2024-11-30"),
        ("until_reference", "2024-10-26", "0001-01-01", "2024-10-26"),
    ],
)
def test_relative_windows(rule: str, reference: str, first: str, last: str) -> None:
    window = allowed_window(RelativeRule(rule), parse_period(reference))
    assert (window[0].isoformat(), window[1].isoformat()) == (first, last)


# The rules that read a name from the phrase, and the edges of the calendar.
@pytest.mark.parametrize(
    ("rule", "phrase", "reference", "first", "last"),
    [
        # Thursday 18 September 2025: 'on Thursday' is that day, past or coming.
        ("past_weekday", "on Thursday", "2025-09-18", "2025-09-18", "2025-09-18"),
        ("past_weekday", "On Tuesday", "2025-09-18", "2025-09-16", "2025-09-16"),
        ("past_weekday", "on Friday", "2025-09-18", "2025-09-12", "2025-09-12"),
        ("coming_weekday", "on Thursday", "2025-09-18", "2025-09-18", "2025-09-18"),
        ("coming_weekday", "on Tuesday", "2025-09-18", "2025-09-23", "2025-09-23"),
        # An undated seed: every such weekday its window allows.
        ("past_weekday", "On Monday", "2023-01/2023-08", "2022-12-26", "2023-08-28"),
        ("coming_weekday", "on Sunday", "2023-01/2023-08", "2023-01-01", "2023-09-03"),
        ("past_named_month", "in March", "2025-09-18", "2025-03-01", "2025-03-31"),
        ("past_named_month", "in December", "2025-01-10", "2024-12-01", "2024-12-31"),
        ("past_named_month", "in September", "2025-09-18", "2025-09-01", "2025-09-30"),
        ("coming_named_month", "in September", "2025-09-18", "2025-09-01", "2025-09-30"),
        ("coming_named_month", "in March", "2025-09-18", "2026-03-01", "2026-03-31"),
        ("next_named_month", "next June", "2025-09-18", "2026-06-01", "2026-06-30"),
        ("next_named_month", "next June", "2025-05-02", "2025-06-01", "2025-06-30"),
        ("next_named_month", "next September", "2025-09-18", "2026-09-01", "2026-09-30"),
        ("coming_season", "in the spring", "2025-09-18", "2026-03-01", "2026-05-31"),
        ("coming_season", "this spring", "2025-04-02", "2025-03-01", "2025-05-31"),
        ("coming_season", "this winter", "2025-01-10", "2024-12-01", "2025-02-28"),
        ("next_season", "next spring", "2025-04-02", "2026-03-01", "2026-05-31"),
        ("next_season", "next winter", "2024-01-10", "2024-12-01", "2025-02-28"),
        ("past_season", "over the summer", "2025-09-18", "2025-06-01", "2025-08-31"),
        ("past_season", "in the autumn", "2025-03-01", "2024-09-01", "2024-11-30"),
        ("coming_autumn", "in the autumn", "2025-03-01", "2025-09-01", "2025-11-30"),
        ("yesterday", "yesterday", "2025-03-01", "2025-02-28", "2025-02-28"),
        ("tomorrow", "tomorrow", "2024-12-31", "2025-01-01", "2025-01-01"),
        ("next_week", "next week", "2025-09-21", "2025-09-22", "2025-09-28"),
        ("this_month", "this month", "2024-02-10", "2024-02-01", "2024-02-29"),
        ("next_month", "next month", "2024-12-31", "2025-01-01", "2025-01-31"),
        ("coming_months", "in the coming months", "2025-08-31", "2025-08-31", "2026-02-28"),
        ("last_year_to_date", "the same point last year", "2024-02-29", "2023-01-01", "2023-02-28"),
        ("past_twelve_months", "the past year", "2024-02-29", "2023-03-01", "2024-02-29"),
        ("next_year", "next year", "2023-01/2023-08", "2024-01-01", "2024-12-31"),
    ],
)
def test_relative_windows_of_named_days_months_and_seasons(
    rule: str, phrase: str, reference: str, first: str, last: str
) -> None:
    window = allowed_window(RelativeRule(rule), parse_period(reference), phrase)
    assert (window[0].isoformat(), window[1].isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("rule", "phrase", "message"),
    [
        (
            "past_weekday",
            "last week",
            "rule past_weekday reads a weekday from the phrase (as in 'On Tuesday'), and "
            "'last week' names none",
        ),
        (
            "next_named_month",
            "next year",
            "rule next_named_month reads a month from the phrase (as in 'next June'), and "
            "'next year' names none",
        ),
        (
            "coming_season",
            "in the coming weeks",
            "rule coming_season reads a season from the phrase (as in 'in the spring'), and "
            "'in the coming weeks' names none",
        ),
    ],
)
def test_a_rule_that_reads_a_name_needs_a_phrase_that_gives_one(
    rule: str, phrase: str, message: str
) -> None:
    with pytest.raises(RuleNeedsName) as refused:
        allowed_window(RelativeRule(rule), parse_period("2025-09-18"), phrase)
    assert str(refused.value) == message


def test_every_rule_has_an_example_and_gives_what_it_says() -> None:
    """The examples README.md lists: each rule's window for its example phrase."""
    assert set(RULE_EXAMPLES) == set(RelativeRule)
    for rule, example in RULE_EXAMPLES.items():
        first, last = allowed_window(rule, parse_period(example.reference), example.phrase)
        shown = f"../{last.isoformat()}" if first == dt.date.min else window_edtf(first, last)
        assert shown == example.allows, rule


@pytest.mark.parametrize(
    ("first", "last", "edtf"),
    [
        ("2025-09-18", "2025-09-18", "2025-09-18"),
        ("2025-09-01", "2025-09-30", "2025-09"),
        ("2024-02-01", "2024-02-29", "2024-02"),
        ("2025-01-01", "2025-12-31", "2025"),
        ("2025-06-01", "2025-08-31", "2025-22"),
        ("2024-12-01", "2025-02-28", "2024-24"),
        ("2025-09-15", "2025-09-21", "2025-09-15/2025-09-21"),
        ("2025-09-01", "2025-10-31", "2025-09-01/2025-10-31"),
    ],
)
def test_window_edtf_is_the_shortest_form(first: str, last: str, edtf: str) -> None:
    window = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    assert window_edtf(*window) == edtf
    period = parse_period(edtf)
    assert (period.start, period.end) == window


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(days)
def test_day_inside_month_inside_year(day: dt.date) -> None:
    as_day = parse_period(day.isoformat())
    as_month = parse_period(f"{day:%Y-%m}")
    as_year = parse_period(f"{day:%Y}")
    assert as_day.start == as_day.end == day
    assert as_month.contains(as_day) and as_year.contains(as_month)
    assert as_month.start.day == 1 and (as_month.end + dt.timedelta(days=1)).day == 1


@given(days, days)
def test_interval_bounds_are_ordered_or_refused(a: dt.date, b: dt.date) -> None:
    text = f"{a.isoformat()}/{b.isoformat()}"
    if b < a:
        with pytest.raises(DateError):
            parse_period(text)
    else:
        period = parse_period(text)
        assert period.start == a <= b == period.end
        expected = Precision.WEEK if a.weekday() == 0 and (b - a).days == 6 else Precision.SPAN
        assert period.precision is expected


@given(st.integers(min_value=1900, max_value=2100), st.sampled_from([21, 22, 23, 24]))
def test_season_spans_three_whole_months(year: int, season: int) -> None:
    period = parse_period(f"{year}-{season}")
    assert period.precision is Precision.SEASON
    assert period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    assert months == 2
    assert period.start.month == {21: 3, 22: 6, 23: 9, 24: 12}[season]


single_dates = st.one_of(
    days.map(lambda d: d.isoformat()),
    days.map(lambda d: f"{d:%Y-%m}"),
    days.map(lambda d: f"{d:%Y}"),
    st.tuples(st.integers(1900, 2100), st.sampled_from([21, 22, 23])).map(
        lambda pair: f"{pair[0]}-{pair[1]}"
    ),
)


@settings(deadline=None)  # the edtf package's grammar is slow on a busy machine
@given(single_dates, st.sampled_from(["", "~", "?", "%"]))
def test_agrees_with_the_edtf_parser(text: str, qualifier: str) -> None:
    """Our fast path gives the same bounds as the edtf package's full grammar."""
    text += qualifier
    try:
        theirs = parse_edtf(text)
    except EDTFParseException:
        with pytest.raises(DateError):
            parse_period(text)
        return
    ours = parse_period(text)
    assert ours.start == struct_time_to_date(theirs.lower_strict())
    assert ours.end == struct_time_to_date(theirs.upper_strict())


@given(days, days, st.sampled_from(list(RelativeRule)))
def test_relative_windows_are_ordered_and_grow_with_the_reference(
    day: dt.date, other: dt.date, rule: RelativeRule
) -> None:
    """Every rule gives an ordered window, and a reference window allows at least what
    each of its days allows (an undated seed never narrows a phrase)."""
    phrase = RULE_EXAMPLES[rule].phrase
    first, last = allowed_window(rule, parse_period(day.isoformat()), phrase)
    assert first <= last
    early, late = sorted((day, other))
    wide = allowed_window(rule, parse_period(f"{early}/{late}"), phrase)
    for one in (early, late):
        narrow = allowed_window(rule, parse_period(one.isoformat()), phrase)
        assert wide[0] <= narrow[0] and narrow[1] <= wide[1]


# ---------------------------------------------------------------------------
# The dates a quote states, and whether they give a fact's date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2022", [("2022", 2022, None, None)]),
        (
            "The summer of 2023 marked",
            [("summer of 2023", 2023, 22, None)],
        ),
        ("in the autumn", [("autumn", None, 23, None)]),
        ("on October 7", [("October 7", None, 10, 7)]),
        ("7th of March 2021", [("7th of March 2021", 2021, 3, 7)]),
        (
            "Saturday, October 26, 2024",
            [("October 26, 2024", 2024, 10, 26)],
        ),
        ("Since January 2023,", [("January 2023", 2023, 1, None)]),
        ("on 2024-10-07.", [("2024-10-07", 2024, 10, 7)]),
        ("by 2024-10", [("2024-10", 2024, 10, None)]),
        ("29,154 crossings and 1,500 more", []),  # numbers, not years
        ("a 2.2024 version, £2024 and 2024%", []),
        ("you may go", []),  # a month only with its capital
    ],
)
def test_stated_dates(
    text: str, expected: list[tuple[str, int | None, int | None, int | None]]
) -> None:
    found = stated_dates(text)
    assert [(d.text, d.year, d.month, d.day) for d in found] == expected
    assert all(text[d.start : d.end] == d.text for d in found)


@pytest.mark.parametrize(
    ("quote", "edtf", "stated"),
    [
        ("in 2022", "2022", True),
        ("in 2022", "2019", False),
        ("The summer of 2023", "2023-22", True),
        ("The summer of 2023", "2023-23", False),
        ("in the summer, in 2023", "2023-22", True),
        ("on October 7, 2024", "2024-10-07", True),
        ("on October 7, 2024", "2024-10-08", False),
        ("on October 7, 2024", "2024-10", True),
        ("on October 7", "2024-10-07", False),  # no year: a relative rule or a reason gives it
        ("Since January 2023", "2023-01", True),
        ("in 2024-10-07", "2024-10-07", True),
    ],
)
def test_states(quote: str, edtf: str, stated: bool) -> None:
    (part,) = date_parts(edtf)
    assert states(stated_dates(quote), part) is stated


def test_date_parts_of_an_interval_and_a_qualified_date() -> None:
    assert [(p.text, p.year, p.month, p.day) for p in date_parts("2024-01-01/2024-10")] == [
        ("2024-01-01", 2024, 1, 1),
        ("2024-10", 2024, 10, None),
    ]
    assert [(p.text, p.month) for p in date_parts("2023-22")] == [("2023-22", 22)]
    assert [p.text for p in date_parts("2024-10~")] == ["2024-10"]


@pytest.mark.parametrize(
    ("edtf", "reference", "chosen", "fitting"),
    [
        ("2024-10-21/2024-10-27", "2024-10-26", "last_week", "this_week"),
        ("2023", "2024-10-26", "this_year", "last_year"),
        ("2024-10-10", "2024-10-26", "last_week", "this_month"),  # mechanical: the tightest
        ("2026-06", "2025-09-18", "this_year", "next_year"),  # the phrase names no month
        ("2028-06", "2025-09-18", "this_year", None),  # no rule gives it
    ],
)
def test_fitting_rule_is_the_tightest_other_rule(
    edtf: str, reference: str, chosen: str, fitting: str | None
) -> None:
    rule = fitting_rule(parse_period(edtf), parse_period(reference), RelativeRule(chosen))
    assert (rule.value if rule else None) == fitting


@pytest.mark.parametrize(
    ("edtf", "phrase", "fitting"),
    [
        ("2026-06", "next June", "next_named_month"),
        ("2025-09-16", "On Tuesday", "past_weekday"),
        ("2025-09-23", "on Tuesday", "coming_weekday"),
        ("2026-21", "in the spring", "coming_season"),
    ],
)
def test_fitting_rule_reads_the_phrase(edtf: str, phrase: str, fitting: str) -> None:
    rule = fitting_rule(
        parse_period(edtf), parse_period("2025-09-18"), RelativeRule.THIS_YEAR, phrase
    )
    assert rule is RelativeRule(fitting)


def test_rule_list_names_every_rule_with_its_meaning() -> None:
    listed = rule_list()
    for rule in RelativeRule:
        assert f"{rule.value} ({RULE_MEANINGS[rule]})" in listed


def test_the_readme_lists_every_rule_with_its_example() -> None:
    """README.md ('Relative dates') shows the rule registry, each rule with an example."""
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Relative dates\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    assert listed == [rule.value for rule in RelativeRule]
    assert rules_markdown() in section
