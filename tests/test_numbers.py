"""The one number reader: what a text states, table by table."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.facts.numbers import QualifierKind, plain, qualifier_of, read_numbers

# text -> every number in it: (as written, value, percent, currency)
NUMBERS: list[tuple[str, list[tuple[str, float | None, bool, str | None]]]] = [
    # Digits
    ("29,154 crossings", [("29,154", 29154, False, None)]),
    ("a total of 124,441", [("124,441", 124441, False, None)]),
    ("46.3 people per boat", [("46.3", 46.3, False, None)]),
    ("1,234.5 tonnes", [("1,234.5", 1234.5, False, None)]),
    ("in 2024.", [("2024", 2024, False, None)]),
    ("12 C", [("12", 12, False, None)]),
    ("on October 7th", [("7th", 7, False, None)]),
    ("Saturday, October 26, 2024", [("26", 26, False, None), ("2024", 2024, False, None)]),
    ("COVID-19 rules", [("19", 19, False, None)]),
    ("version v2 and A4 paper", []),
    # Scales and currencies
    ("£476 million", [("£476 million", 476_000_000, False, "£")]),
    ("2.5 million people", [("2.5 million", 2_500_000, False, None)]),
    (
        "£1.2bn and £476m",
        [("£1.2bn", 1_200_000_000, False, "£"), ("£476m", 476_000_000, False, "£")],
    ),
    ("$40 each", [("$40", 40, False, "$")]),
    ("€3 billion", [("€3 billion", 3_000_000_000, False, "€")]),
    ("3 thousand", [("3 thousand", 3000, False, None)]),
    ("12m long", [("12", 12, False, None)]),  # metres: no currency, no scale
    # Percentages
    ("36% more", [("36%", 36, True, None)]),
    ("161 per cent", [("161 per cent", 161, True, None)]),
    ("12 percent", [("12 percent", 12, True, None)]),
    ("2.5% of", [("2.5%", 2.5, True, None)]),
    # Words
    ("two nations", [("two", 2, False, None)]),
    ("Seventeen boats", [("Seventeen", 17, False, None)]),
    ("twenty-five people", [("twenty-five", 25, False, None)]),
    ("two hundred and fifty", [("two hundred and fifty", 250, False, None)]),
    ("one thousand two hundred", [("one thousand two hundred", 1200, False, None)]),
    ("a dozen boats", [("a dozen", 12, False, None)]),
    ("two dozen", [("two dozen", 24, False, None)]),
    ("a hundred people", [("a hundred", 100, False, None)]),
    ("half a million", [("half a million", 500_000, False, None)]),
    ("one million", [("one million", 1_000_000, False, None)]),
    ("one in, one out", [("one", 1, False, None), ("one", 1, False, None)]),
    # Words without a value
    ("hundreds of boats", [("hundreds", None, False, None)]),
    ("thousands arrive", [("thousands", None, False, None)]),
    ("hundreds of thousands of pounds", [("hundreds of thousands", None, False, None)]),
    ("tens of thousands", [("tens of thousands", None, False, None)]),
    ("dozens of people", [("dozens", None, False, None)]),
    # Not numbers
    ("someone, often, tennis, honey", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_read_numbers(
    text: str, expected: list[tuple[str, float | None, bool, str | None]]
) -> None:
    found = read_numbers(text)
    assert [(n.text, n.value, n.percent, n.currency) for n in found] == expected
    assert all(text[n.start : n.end] == n.text for n in found)


QUALIFIED: list[tuple[str, str | None, QualifierKind | None]] = [
    ("some 58,758 Syrians", "some", QualifierKind.APPROXIMATE),
    ("Around 50 people", "Around", QualifierKind.APPROXIMATE),
    ("nearly 30,000", "nearly", QualifierKind.APPROXIMATE),
    ("an estimated 2.5 million", "an estimated", QualifierKind.APPROXIMATE),
    ("up by some 161%", "some", QualifierKind.APPROXIMATE),
    ("More than 500", "More than", QualifierKind.LOWER),
    ("at  least 12", "at  least", QualifierKind.LOWER),
    ("over £476 million", "over", QualifierKind.LOWER),
    ("fewer than 20 boats", "fewer than", QualifierKind.UPPER),
    ("up to 300", "up to", QualifierKind.UPPER),
    ("a total of 29,154", None, None),
    ("handsome 12", None, None),  # 'some' inside a word is not a qualifier
    ("(some 40 of them)", "some", QualifierKind.APPROXIMATE),
    ("in excess of 1,000", "in excess of", QualifierKind.LOWER),
]


@pytest.mark.parametrize(("text", "words", "kind"), QUALIFIED)
def test_qualifier_of(text: str, words: str | None, kind: QualifierKind | None) -> None:
    (number,) = read_numbers(text)
    qualifier = qualifier_of(text, number)
    if words is None:
        assert qualifier is None
    else:
        assert qualifier is not None
        assert (qualifier.text, qualifier.kind) == (words, kind)
        assert text[qualifier.start : number.end].startswith(words)


@pytest.mark.parametrize(
    ("number", "text"), [(29154.0, "29154"), (46.3, "46.3"), (476e6, "476000000"), (0.5, "0.5")]
)
def test_plain(number: float, text: str) -> None:
    assert plain(number) == text


@settings(deadline=None)  # what is tested is the reading, not its speed on a busy machine
@given(st.integers(min_value=0, max_value=10**12))
def test_any_whole_number_with_separators_reads_as_itself(number: int) -> None:
    written = f"{number:,}"
    (found,) = read_numbers(f"a total of {written} people")
    assert (found.text, found.value) == (written, number)


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(["29,154", "two", "hundreds", " of ", "£", "5", "%", " ", ".", ",", "a"]),
        max_size=20,
    )
)
def test_numbers_never_overlap_and_are_what_the_text_says(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = read_numbers(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(text[n.start : n.end] == n.text for n in found)
