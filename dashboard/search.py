"""What a search compares (pure): text folded, and the names a reader may use instead.

A reader types "Cote d'Ivoire" or "Ivory Coast", with a plain apostrophe and hyphen;
the facts say "Côte d’Ivoire" and "Ghana–Côte d’Ivoire". Folding takes case, accents
(combining marks), dashes and curly quotes out of both sides; aliases (data: the
vocabularies' ``aliases``) add the other names of the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

# Dashes and curly quotes read as the plain ones a keyboard types.
_PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
    }
)


def fold(text: str) -> str:
    """Text as search compares it: case, accents, dashes and curly quotes folded
    ('Côte d’Ivoire' and 'cote d'ivoire' are the same)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_PUNCTUATION))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


def terms(search: str, aliases: Iterable[Sequence[str]] = ()) -> list[str]:
    """What a search looks for, folded: the text as typed and, for each name of a group of
    aliases it contains as a word, the text with each other name of the group instead
    ('turkey deportations' also looks for 'turkiye deportations')."""
    terms = [fold(search.strip())]
    if not terms[0]:
        return []
    for group in aliases:
        names = list(dict.fromkeys(fold(name) for name in group))
        for term in list(terms):
            for name in names:
                pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
                if pattern.search(term):
                    # A function, not a template: a name may hold a backslash.
                    terms += [pattern.sub(_literal(other), term) for other in names]
    return list(dict.fromkeys(terms))
