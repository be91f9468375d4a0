"""The one number reader: every number a text states, where, and what it is worth.

Coverage (every number in a seed is accounted for), the checks of a fact's value and
bounds against its quote, and drafting all read numbers here, so that they agree on
what a text states:

- "29,154" states 29154, and never 154, 9 or 202;
- "£476 million", "2.5 million", "£1.2bn" state 476,000,000, 2,500,000 and
  1,200,000,000 (a scale word or suffix is part of the number);
- "36%", "161 per cent" state 36 and 161 as percentages;
- "two", "twenty-five", "two hundred and fifty", "a dozen", "half a million" state
  2, 25, 250, 12 and 500,000;
- "hundreds", "thousands", "hundreds of thousands", "dozens" are numbers without a
  value (how many is not said);
- a qualifier just before a number ("some 58,758", "around 50", "more than 500") is
  not part of it: :func:`qualifier_of` reads it, as approximate wording or a bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Scale words multiply what comes before them ("two hundred", "2.5 million").
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Written after digits and a currency sign: "£476m", "£1.2bn".
SUFFIXES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
CURRENCIES = "£$€"


class QualifierKind(StrEnum):
    APPROXIMATE = "approximate"  # "some 58,758", "around 50"
    LOWER = "lower"  # "more than 500": a lower bound
    UPPER = "upper"  # "fewer than 20": an upper bound


QUALIFIERS: dict[str, QualifierKind] = {
    **dict.fromkeys(
        (
            "some",
            "around",
            "about",
            "nearly",
            "almost",
            "roughly",
            "approximately",
            "an estimated",
            "estimated",
            "close to",
            "circa",
        ),
        QualifierKind.APPROXIMATE,
    ),
    **dict.fromkeys(
        ("over", "more than", "at least", "above", "upwards of", "in excess of"),
        QualifierKind.LOWER,
    ),
    **dict.fromkeys(
        ("under", "fewer than", "less than", "up to", "at most", "below", "no more than"),
        QualifierKind.UPPER,
    ),
}


class Number(NamedTuple):
    """One number as a text writes it. A named tuple: seeds hold tens of thousands."""

    text: str  # as written, currency, scale and percent sign included: "£476 million"
    start: int
    end: int
    value: float | None  # None for a number without a value: "hundreds"
    percent: bool = False
    currency: str | None = None  # "£", "$" or "€"


class Qualifier(NamedTuple):
    """Words just before a number that make it approximate or a bound."""

    text: str  # as written: "some", "More than"
    start: int
    kind: QualifierKind


_WORD_VALUES = {**UNITS, **TEENS, **TENS}


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so that "seventeen" is not read as "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_BASE = (
    rf"(?:{_alternatives(TENS)})(?:-(?:{_alternatives(UNITS)}))?"
    rf"|{_alternatives([*TEENS, *UNITS])}"
)
_SCALE = rf"(?:{_alternatives(SCALES)})s?"
_SCALE_AFTER_DIGITS = "|".join(name for name in SCALES if name != "dozen")
# Every number starts with a digit, a currency sign or the first letter of a number
# word: saying so first lets the engine pass over every other position at once.
_FIRST = "".join(sorted({word[0] for word in [*_WORD_VALUES, *SCALES, "half"]}))
_NUMBER = re.compile(
    rf"""
    (?=[\d{CURRENCIES}{_FIRST}])
    (?:
    (?=[\d{CURRENCIES}])(?<![\w.])(?:(?P<currency>[{CURRENCIES}])\s?)?
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.(?P<fraction>\d+))?
    (?:
        [ \u00a0-](?P<scale>{_SCALE_AFTER_DIGITS})\b
      | (?:st|nd|rd|th)\b
      | (?(currency)(?P<suffix>bn|m|k)\b)
    )?
    (?P<percent>\s?(?:%|per\ ?cent\b|percent\b))?
  | \b(?=[{_FIRST}])(?P<word>{_BASE}|{_SCALE}|half|tens(?=\s+of\s))\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ARTICLE = re.compile(r"(?<![\w-])an? $")
# Words that only say roughly how many: "hundreds", "tens of thousands".
_VAGUE = {f"{name}s" for name in SCALES} | {"tens"}


def _digits_value(
    digits: str, fraction: str | None, scale: str | None, suffix: str | None
) -> float:
    if not (fraction or scale or suffix):
        return float(digits.replace(",", ""))
    # Decimal, so that 1.2 billion is 1200000000 and not 1199999999.9999998.
    number = Decimal(digits.replace(",", ""))
    if fraction:
        number += Decimal(f"0.{fraction}")
    if scale:
        number *= SCALES[scale.lower()]
    if suffix:
        number *= SUFFIXES[suffix.lower()]
    return float(number)


def _words_value(words: list[str]) -> float | None:
    """'two hundred and fifty' -> 250; 'half a million' -> 500000; vague -> None."""
    if any(word in _VAGUE for word in words):
        return None
    total, current = 0.0, 0.0
    for word in words:
        if word == "half":
            current += 0.5
        elif word in ("a", "an", "and", "of"):
            continue
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1_000:
                total, current = total + current, 0.0
        else:
            current += sum(_WORD_VALUES[part] for part in word.split("-"))
    return total + current


def _joins(previous: list[str], gap: str, word: str) -> bool:
    """Whether ``word`` continues the number of the words ``previous`` ('two' + 'hundred')."""
    gap = gap.lower()
    last = previous[-1]
    if word.rstrip("s") in SCALES and not (word in _VAGUE and last not in _VAGUE):
        # "two hundred", "hundred thousand", "hundreds of thousands", "half a million"
        return (
            gap in (" ", "-", "\u00a0")
            or (gap == " of " and last in _VAGUE)
            or (gap in (" a ", " an ") and last == "half")
        )
    # "two hundred and fifty", "one thousand two hundred"
    return last in SCALES and last != "dozen" and gap in (" ", " and ") and word != "half"


def read_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text`` (or in ``text[start:end]``, read in its context: offsets
    are those of ``text``), in order; numbers neither overlap nor nest."""
    found: list[Number] = []
    words: list[str] = []  # the words of the last number, if it is written in words
    for match in _NUMBER.finditer(text, start, len(text) if end is None else end):
        currency, digits, fraction, scale, suffix, percent, word = match.groups()
        if word is None:
            value = _digits_value(digits, fraction, scale, suffix)
            found.append(
                Number(match.group(), match.start(), match.end(), value, bool(percent), currency)
            )
            words = []
            continue
        word = word.lower()
        at = match.start()
        if words and _joins(words, text[found[-1].end : at], word):
            first = found[-1].start
            words += [*text[found[-1].end : at].lower().split(), word]
            found[-1] = Number(text[first : match.end()], first, match.end(), _words_value(words))
            continue
        # "a dozen", "a hundred": the article is part of the number.
        if word in SCALES and _ARTICLE.search(text, max(0, at - 3), at):
            at = text.rfind("a", 0, at)
        words = [word]
        found.append(Number(text[at : match.end()], at, match.end(), _words_value(words)))
    return found


_QUALIFIER = re.compile(
    rf"(?<![\w-])(?P<words>{_alternatives(QUALIFIERS)})\s+$".replace(" ", r"\s+"), re.IGNORECASE
)
# The last word of each qualifier: a number whose word before is none of these (most
# numbers) is not qualified, and the pattern above is not tried.
_LAST_WORDS = frozenset(words.split()[-1] for words in QUALIFIERS)


def qualifier_of(text: str, number: Number) -> Qualifier | None:
    """The qualifier written just before ``number`` in ``text``, if any."""
    before = text[max(0, number.start - 40) : number.start]
    words = before.split()
    if not before[-1:].isspace() or not words:
        return None
    if words[-1].lower().lstrip("([\"'“‘") not in _LAST_WORDS:
        return None
    match = _QUALIFIER.search(text, max(0, number.start - 40), number.start)
    if match is None:
        return None
    written = match["words"]
    return Qualifier(written, match.start(), QUALIFIERS[" ".join(written.lower().split())])


def plain(number: float) -> str:
    """A number as a curator writes it in a fact file: 29154, 46.3, 476000000."""
    return f"{number:.15g}" if number != int(number) else str(int(number))
