"""add-seed: copy a document into seeds/ byte for byte and register it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.curation.common import dump_yaml, entry_index, register_entries
from dashboard.curation.phrases import Dateline, find_dateline
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import MAX_FILE_BYTES
from dashboard.facts.yaml_source import parse_yaml
from dashboard.paths import project_paths

SEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# A headline: one line of a few words, not a sentence: no full stop at its end, and
# not a label, a dateline or a byline.
HEADLINE_WORDS = (3, 30)
_NOT_A_HEADLINE = re.compile(r"[.:;,]$|^(?:By|From|Published|Updated)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AddedSeed:
    name: str
    sha256: str
    copied: bool
    dateline: Dateline | None
    register_line: int
    to_do: list[FactError]
    headline: str | None = None


def _parts(partnership: str) -> list[str]:
    parts = [part.strip() for part in re.split(r"[–—/]|\s-\s|-(?=[A-Z])", partnership)]
    return [part for part in parts if part]


def country_names(entries: Sequence[Any]) -> dict[str, str]:
    """The country each part of a partnership's name stands for, as the register's
    entries already give them (a partnership 'A–B' with countries [Aland, B]: A is
    Aland): learnt from the data, so that no country is named in Python."""
    names: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        partnership, countries = entry.get("partnership"), entry.get("countries")
        if not isinstance(partnership, str) or not isinstance(countries, list):
            continue
        parts = _parts(partnership)
        if len(parts) == len(countries):
            names.update(
                (part, country)
                for part, country in zip(parts, countries, strict=True)
                if isinstance(country, str)
            )
    return names


def countries_of(partnership: str, known: dict[str, str] | None = None) -> list[str]:
    """The countries of a partnership's name, each part as the register names it."""
    known = known or {}
    return [known.get(part, part) for part in _parts(partnership)]


def headline_of(text: str) -> str | None:
    """The first line of the text, when it reads as a headline."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if find_dateline(first) is not None or _NOT_A_HEADLINE.search(first):
        return None
    low, high = HEADLINE_WORDS
    return first if low <= len(first.split()) <= high else None


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
    dumped = dump_yaml([entry])
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
    old, entries = register_entries(paths)
    old_text = paths.register_file.read_text(encoding="utf-8")
    existing = entry_index(entries, name)
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
    headline = headline_of(text)
    entry = {
        "file": name,
        "sha256": digest,
        "label": label or name,
        "headline": headline,
        "publisher": None,
        "partnership": partnership.strip(),
        "countries": (
            list(countries) if countries else countries_of(partnership, country_names(entries))
        ),
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
    return AddedSeed(name, digest, copied, dateline, line, to_do, headline)
