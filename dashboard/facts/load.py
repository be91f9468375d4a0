"""Load the register, the seeds and every fact file; validate; collect every error.

Structural checks run first (YAML, then the schema, one fact at a time), then the
references (seed, quote, dates), then the checks across facts (ids, derivations),
then coverage. A fact with an error is left out and its error reported; every
other fact still loads. The caller decides what to do with the errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import cast

from pydantic import ValidationError

from dashboard.facts import derive
from dashboard.facts.coverage import NumberSpans, coverage_errors, number_spans
from dashboard.facts.crosscheck import find_conflicts, planned_but_past
from dashboard.facts.dates import (
    RULE_MEANINGS,
    DateError,
    DatePart,
    Period,
    StatedDate,
    allowed_window,
    date_parts,
    fitting_rule,
    parse_period,
    rule_list,
    stated_dates,
    states,
)
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import REGISTER, SEED, check_regular, read_regular_file
from dashboard.facts.model import FactSet, LoadedExclusion, LoadedFact, Seed
from dashboard.facts.numbers import Number, QualifierKind, plain, qualifier_of, read_numbers
from dashboard.facts.schema import (
    Exactness,
    Exclusion,
    Fact,
    FactFileShape,
    RegisterShape,
    Relative,
    SeedEntry,
)
from dashboard.facts.schema_errors import schema_errors
from dashboard.facts.vocabulary import Vocabulary, check_fact, load_vocabulary
from dashboard.facts.yaml_source import PathKey, YamlDocument, read_yaml_file
from dashboard.paths import ProjectPaths, project_paths

# What 'python -m dashboard draft' writes where only a person can fill the text in.
PLACEHOLDER = "TODO"
PLACEHOLDER_FIELDS = ("statement", "measure", "wording", "notes")

CURLY_TO_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


# ---------------------------------------------------------------------------
# Schema errors, located


# ---------------------------------------------------------------------------
# The register and the seeds


def _load_register(paths: ProjectPaths, result: FactSet) -> None:
    shown = paths.relative(paths.register_file)
    try:
        doc = read_yaml_file(paths.register_file, shown, REGISTER)
    except FactError as error:
        result.errors.append(error)
        result.register_problem = error.location
        return
    result.files_read.append(shown)
    try:
        register = RegisterShape.model_validate(doc.data)
    except ValidationError as exc:
        result.errors.extend(schema_errors(exc, shown, doc, (), "register", RegisterShape))
        result.register_problem = shown
        return
    for index, raw in enumerate(register.seeds):
        base: PathKey = ("seeds", index)
        line = doc.line_of(base) or 1
        try:
            entry = SeedEntry.model_validate(raw)
        except ValidationError as exc:
            result.errors.extend(schema_errors(exc, shown, doc, base, f"seeds[{index}]", SeedEntry))
            if isinstance(raw, Mapping) and isinstance(raw.get("file"), str):
                result.broken_seeds[raw["file"]] = f"{shown}:{line}"
            continue
        seed = _load_seed(paths, entry, shown, doc, base, result)
        if seed is None:
            result.broken_seeds[entry.file] = f"{shown}:{line}"
            continue
        if entry.file in result.seeds:
            result.errors.append(
                FactError(
                    shown,
                    f"seed {entry.file} is registered twice",
                    line=line,
                    field=f"seeds[{index}].file",
                    code=ErrorCode.DUPLICATE_SEED,
                )
            )
            continue
        result.seeds[entry.file] = Seed(entry, seed[0], seed[1], line)


def _load_seed(
    paths: ProjectPaths,
    entry: SeedEntry,
    shown: str,
    doc: YamlDocument,
    base: PathKey,
    result: FactSet,
) -> tuple[str, Period] | None:
    label = f"seeds[{base[-1]}]"
    seed_path = paths.seeds_dir / entry.file

    def error(
        key: PathKey, field_name: str, message: str, hint: str | None, code: ErrorCode
    ) -> None:
        result.errors.append(
            FactError(
                shown,
                message,
                line=doc.line_of((*base, *key)),
                field=f"{label}.{field_name}",
                hint=hint,
                code=code,
            )
        )

    unknown = (
        "file",
        f"no seed named {entry.file!r} in seeds/",
        "Copy the document into seeds/ with 'python -m dashboard add-seed FILE'.",
        ErrorCode.UNKNOWN_SEED,
    )
    if Path(entry.file).name != entry.file or entry.file in ("", ".", ".."):
        error(("file",), *unknown)
        return None
    try:
        raw = read_regular_file(seed_path, f"seeds/{entry.file}", SEED)
    except FileNotFoundError:
        error(("file",), *unknown)
        return None
    except FactError as problem:
        message = f"seeds/{entry.file} {problem.message}"
        error(("file",), "file", message, problem.hint, problem.code)
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry.sha256:
        error(
            ("sha256",),
            "sha256",
            f"seeds/{entry.file} has changed: its sha256 is {digest}, "
            f"the register says {entry.sha256}",
            "Seeds are never edited. Restore the original file; a new version of a "
            "document is a new seed.",
            ErrorCode.SEED_CHANGED,
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        error(("file",), "file", f"seeds/{entry.file} is not UTF-8", None, ErrorCode.ENCODING)
        return None
    try:
        period = parse_period(entry.published.edtf)
    except DateError as exc:
        error(("published", "edtf"), "published.edtf", str(exc), None, ErrorCode.DATE)
        return None
    if period.precision is not entry.published.precision:
        error(
            ("published", "precision"),
            "published.precision",
            f"precision {entry.published.precision.value!r} disagrees with "
            f"{entry.published.edtf!r}, which is a {period.precision.value}",
            f"Use precision: {period.precision.value}.",
            ErrorCode.PRECISION,
        )
        return None
    ok = True
    for number, sentence in enumerate(entry.published.evidence):
        if sentence not in text:
            ok = False
            error(
                ("published", "evidence", number),
                f"published.evidence[{number}]",
                f"not found verbatim in seeds/{entry.file}",
                _quote_hint(sentence, text),
                ErrorCode.QUOTE,
            )
    return (text, period) if ok else None


def _check_seed_folder(paths: ProjectPaths, result: FactSet) -> None:
    """Every entry of seeds/ is a regular file with a register entry (registered entries
    were read, or refused, with their register entry)."""
    if result.register_problem is not None:
        return  # no seed is known: the register's problem is reported
    try:
        names = sorted(os.listdir(paths.seeds_dir))
    except OSError:
        return  # no seeds/ folder: every registered seed is reported as unknown
    known = set(result.seeds) | set(result.broken_seeds)
    register = paths.relative(paths.register_file)
    for name in names:
        if name in known:
            continue
        shown = f"seeds/{name}"
        refusal = check_regular(paths.seeds_dir / name, shown)
        if refusal is not None:
            result.errors.append(refusal)
            continue
        result.errors.append(
            FactError(
                shown,
                f"is not in {register}: every file in seeds/ needs a register entry",
                hint=f"Register it: 'python -m dashboard add-seed {shown} --partnership ...'.",
                code=ErrorCode.UNREGISTERED_SEED,
            )
        )


def _quote_hint(quote: str, text: str) -> str:
    if quote.translate(CURLY_TO_STRAIGHT) in text.translate(CURLY_TO_STRAIGHT):
        return (
            "The passage differs from the seed only in quotation marks or dashes: the "
            "seed uses curly quotes (’ “ ”) and dashes (— –). Copy it from the seed."
        )
    return "Copy the passage character for character from the seed."


# ---------------------------------------------------------------------------
# Fact files


def _load_fact_file(
    path: Path, paths: ProjectPaths, result: FactSet, reading: _SeedReading
) -> list[LoadedFact]:
    shown = paths.relative(path)
    try:
        doc = read_yaml_file(path, shown)
    except FactError as error:
        result.errors.append(error)
        return []
    result.files_read.append(shown)
    if not isinstance(doc.data, Mapping):
        result.errors.append(
            FactError(
                shown,
                f"expected a mapping with 'facts:', got {type(doc.data).__name__}",
                line=1,
                hint="Start the file with 'facts:'; see README.md.",
                code=ErrorCode.STRUCTURE,
            )
        )
        return []
    try:
        FactFileShape.model_validate(doc.data)
    except ValidationError as exc:
        result.errors.extend(schema_errors(exc, shown, doc, (), "file", FactFileShape))
        return []
    loaded: list[LoadedFact] = []
    held_back: dict[str, int] = {}
    for index, raw in enumerate(doc.data.get("facts") or []):
        base: PathKey = ("facts", index)
        try:
            fact = Fact.model_validate(raw)
        except ValidationError as exc:
            fact_label = f"facts[{index}]"
            if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
                fact_label = str(raw["id"])
            problems = schema_errors(exc, shown, doc, base, fact_label, Fact)
            # The topic and unit are checked too, so that every error shows at once.
            if isinstance(raw, Mapping) and result.vocabulary is not None:
                failed = {error.field for error in problems}
                problems += [
                    error
                    for error in _vocabulary_errors(
                        raw.get("topic"), raw.get("unit"), result.vocabulary, shown, doc, base
                    )
                    if f"{fact_label}.{error.field}" not in failed
                ]
                problems = [_labelled(error, fact_label) for error in problems]
                problems.sort(key=lambda error: error.line or 0)
            result.errors.extend(problems)
            if fact_label != f"facts[{index}]":
                result.failed_facts.setdefault(fact_label, problems[0])
            continue
        if result.seed_problem(fact.source):
            held_back[fact.source] = held_back.get(fact.source, 0) + 1
            continue
        checker = _FactChecker(fact, shown, doc, base, result, reading)
        errors_before = len(result.errors)
        checker.check_vocabulary(result.vocabulary)
        period = checker.run()
        if not checker.ok:
            result.failed_facts.setdefault(fact.id, result.errors[errors_before])
        else:
            # A fact is a mapping (the schema says so): its keys are the field names.
            lines = cast(dict[str, int], doc.field_lines(base))
            loaded.append(LoadedFact(fact, shown, doc.line_of(base) or 1, period, lines))
    for index, raw in enumerate(doc.data.get("exclusions") or []):
        base = ("exclusions", index)
        try:
            exclusion = Exclusion.model_validate(raw)
        except ValidationError as exc:
            result.errors.extend(
                schema_errors(exc, shown, doc, base, f"exclusions[{index}]", Exclusion)
            )
            continue
        line = doc.line_of(base) or 1
        seed = result.seeds.get(exclusion.source)
        if result.seed_problem(exclusion.source):
            continue
        if seed is None:
            result.errors.append(
                _unknown_source(shown, doc, base, f"exclusions[{index}]", exclusion.source, result)
            )
        elif exclusion.quote not in seed.text:
            result.errors.append(
                FactError(
                    shown,
                    f"not found verbatim in seeds/{exclusion.source}",
                    line=doc.line_of((*base, "quote")),
                    field=f"exclusions[{index}].quote",
                    hint=_quote_hint(exclusion.quote, seed.text),
                    code=ErrorCode.QUOTE,
                )
            )
        else:
            result.exclusions.append(LoadedExclusion(exclusion, shown, line))
    for source, count in held_back.items():
        result.errors.append(
            FactError(
                shown,
                f"{count} fact(s) from seed {source} are not shown: the seed "
                f"failed its checks ({result.seed_problem(source)})",
                line=1,
                field="source",
                hint="Fix the seed or its register entry first.",
                code=ErrorCode.SEED_UNUSABLE,
            )
        )
    return loaded


def _unknown_source(
    shown: str, doc: YamlDocument, base: PathKey, label: str, source: str, result: FactSet
) -> FactError:
    known = ", ".join(sorted(result.seeds)) or "none"
    return FactError(
        shown,
        f"unknown seed {source!r}",
        line=doc.line_of((*base, "source")),
        field=f"{label}.source",
        hint=f"Registered seeds: {known}. Add a seed with 'python -m dashboard add-seed FILE'.",
        code=ErrorCode.UNKNOWN_SEED,
    )


class _SeedReading:
    """What the seed whose facts are being checked states: its numbers and dates, read
    once for all its quotes (a quote states what the seed states inside it, so a quote
    that cuts '29,154' to '154' states no number, and 'some' just before a quote still
    qualifies its number). Only the last seed's are kept: fact files go seed by seed,
    and keeping every seed's would give the garbage collector 40,000 objects more to
    walk at 10,000 facts."""

    def __init__(self) -> None:
        self._numbers: tuple[str, list[Number], list[int]] = ("", [], [])
        self._dates: tuple[str, list[StatedDate], list[int]] = ("", [], [])
        # Where the numbers of each seed read so far are, for coverage: compact arrays,
        # which the garbage collector does not walk.
        self.spans: dict[str, NumberSpans] = {}

    def numbers_in(self, seed: Seed, start: int, end: int) -> list[Number]:
        """The numbers of ``seed`` wholly inside ``seed.text[start:end]``."""
        if self._numbers[0] != seed.file:
            numbers = read_numbers(seed.text)
            self._numbers = (seed.file, numbers, [number.start for number in numbers])
            self.spans[seed.file] = number_spans(numbers)
        _, numbers, starts = self._numbers
        inside = numbers[bisect_left(starts, start) : bisect_left(starts, end)]
        return [number for number in inside if number.end <= end]

    def dates_in(self, seed: Seed, start: int, end: int) -> list[StatedDate]:
        """The dates ``seed`` names wholly inside ``seed.text[start:end]``."""
        if self._dates[0] != seed.file:
            dates = stated_dates(seed.text)
            self._dates = (seed.file, dates, [date.start for date in dates])
        _, dates, starts = self._dates
        inside = dates[bisect_left(starts, start) : bisect_left(starts, end)]
        return [date for date in inside if date.end <= end]


def _vocabulary_errors(
    topic: object,
    unit: object,
    vocabulary: Vocabulary,
    file: str,
    doc: YamlDocument,
    base: PathKey,
) -> list[FactError]:
    """A fact's topic and unit that are not in the vocabularies (field: the bare name)."""
    if not isinstance(topic, str) or not (unit is None or isinstance(unit, str)):
        return []
    return [
        FactError(
            file,
            problem.message,
            line=doc.line_of((*base, problem.field)),
            field=problem.field,
            hint=problem.hint,
            code=problem.code,
        )
        for problem in check_fact(topic, unit, vocabulary)
    ]


def _labelled(error: FactError, label: str) -> FactError:
    """A vocabulary error with the fact's label before its field, as the others have."""
    if error.field is None or "." in error.field:
        return error
    return FactError(
        error.file,
        error.message,
        line=error.line,
        field=f"{label}.{error.field}",
        hint=error.hint,
        code=error.code,
    )


class _FactChecker:
    """The checks on one schema-valid fact that need its seed and the register."""

    def __init__(
        self,
        fact: Fact,
        file: str,
        doc: YamlDocument,
        base: PathKey,
        result: FactSet,
        reading: _SeedReading,
    ):
        self.fact, self.file, self.doc, self.base, self.result = fact, file, doc, base, result
        self.partnerships = result.partnerships  # every partnership in the register
        self.reading = reading
        self.ok = True

    def error(
        self,
        key: PathKey,
        message: str,
        hint: str | None = None,
        code: ErrorCode = ErrorCode.INVALID,
    ) -> None:
        self.ok = False
        field_name = ".".join(str(k) for k in key)
        self.result.errors.append(
            FactError(
                self.file,
                message,
                line=self.doc.line_of((*self.base, *key)),
                field=f"{self.fact.id}.{field_name}",
                hint=hint,
                code=code,
            )
        )

    def check_vocabulary(self, vocabulary: Vocabulary | None) -> None:
        if vocabulary is None:  # the file is unusable; its own error says so
            return
        fact = self.fact
        for error in _vocabulary_errors(
            fact.topic, fact.unit, vocabulary, self.file, self.doc, self.base
        ):
            self.ok = False
            self.result.errors.append(_labelled(error, fact.id))

    def run(self) -> Period | None:
        fact = self.fact
        if fact.draft:
            self.error(
                ("draft",),
                "this fact is a draft and has not been reviewed",
                "Check every field against the seed, then delete the line 'draft: true'.",
                ErrorCode.DRAFT,
            )
        texts = {name: getattr(fact, name) for name in PLACEHOLDER_FIELDS}
        texts["date.reason"] = fact.date.reason
        for name, text in texts.items():
            if isinstance(text, str) and text.startswith(PLACEHOLDER):
                self.error(
                    tuple(name.split(".")),
                    "still holds the draft's placeholder",
                    f"Replace the text starting {PLACEHOLDER!r} with your own words.",
                    ErrorCode.PLACEHOLDER,
                )
        seed = self.result.seeds.get(fact.source)
        if seed is None:
            self.ok = False
            self.result.errors.append(
                _unknown_source(self.file, self.doc, self.base, fact.id, fact.source, self.result)
            )
        else:
            self.check_quote(seed)
            if fact.partnership not in self.partnerships:
                known = sorted(self.partnerships)
                self.error(
                    ("partnership",),
                    f"unknown partnership {fact.partnership!r}",
                    f"Partnerships in the register: {', '.join(known)}.",
                    ErrorCode.PARTNERSHIP,
                )
        self.check_figures()
        return self.check_date(seed)

    def check_quote(self, seed: Seed) -> None:
        quote = self.fact.quote
        if quote not in seed.text:
            self.error(
                ("quote",),
                f"not found verbatim in seeds/{seed.file}",
                _quote_hint(quote, seed.text),
                ErrorCode.QUOTE,
            )
            return
        fact = self.fact
        if fact.wording is not None and fact.wording not in quote:
            self.error(
                ("wording",),
                f"{fact.wording!r} does not occur in the quote",
                "The wording is the seed's own words for the figure, inside the quote.",
                ErrorCode.WORDING,
            )
        relative = fact.date.relative
        if relative is not None and relative.phrase not in seed.text:
            self.error(
                ("date", "relative", "phrase"),
                f"{relative.phrase!r} does not occur in seeds/{seed.file}",
                "The phrase is the seed's own words for the date ('last week'), copied "
                "character for character.",
                ErrorCode.RELATIVE,
            )
        self.check_stated_figures(seed)

    def check_stated_figures(self, seed: Seed) -> None:
        """The value (unless derived) and the bounds are numbers the quote states, as the
        one number reader reads the seed: '29,154' states 29154, never 154."""
        fact = self.fact
        if fact.value is None and fact.lower is None and fact.upper is None:
            return
        at = seed.text.find(fact.quote)
        numbers = self.reading.numbers_in(seed, at, at + len(fact.quote))
        for name in ("value", "lower", "upper"):
            figure: float | None = getattr(fact, name)
            if figure is None or (name == "value" and fact.derived is not None):
                continue
            stating = [number for number in numbers if number.value == figure]
            if not stating:
                self.error(
                    (name,),
                    f"{plain(figure)} is not a number the quote states ({_stated(numbers)})",
                    VALUE_HINT if name == "value" else BOUND_HINT,
                    ErrorCode.VALUE_NOT_QUOTED,
                )
            elif name == "value" and fact.exactness is Exactness.EXACT:
                qualifiers = [qualifier_of(seed.text, number) for number in stating]
                if all(qualifiers):
                    first, qualifier = stating[0], qualifiers[0]
                    assert qualifier is not None  # all() above
                    wording = seed.text[qualifier.start : first.end]
                    self.error(
                        ("exactness",),
                        f"exact, but the quote gives {plain(figure)} as {wording!r}, "
                        f"{QUALIFIER_MEANS[qualifier.kind]}",
                        QUALIFIER_HINTS[qualifier.kind].format(wording=wording),
                        ErrorCode.EXACTNESS,
                    )

    def check_figures(self) -> None:
        fact = self.fact
        has_figure = any(
            item is not None for item in (fact.value, fact.lower, fact.upper, fact.wording)
        )
        if has_figure and fact.exactness is None:
            given = [name for name in ("value", "lower", "upper", "wording") if getattr(fact, name)]
            self.error(
                ("exactness",),
                f"a figure needs exactness (this fact gives {', '.join(given)})",
                "exact, approximate ('around 50') or bound ('nearly matching').",
                ErrorCode.EXACTNESS,
            )
        if fact.value is not None and fact.unit is None:
            self.error(("unit",), "a fact with a value needs a unit", None, ErrorCode.UNIT)
        if fact.exactness is Exactness.APPROXIMATE and fact.wording is None:
            self.error(
                ("wording",),
                "an approximate figure needs the seed's wording",
                "e.g. wording: around 50",
                ErrorCode.WORDING,
            )
        if fact.exactness is Exactness.BOUND:
            if fact.lower is None and fact.upper is None:
                self.error(("lower",), "a bound needs lower or upper", None, ErrorCode.BOUND)
            if fact.wording is None:
                self.error(
                    ("wording",),
                    "a bound needs the seed's wording",
                    "e.g. wording: nearly matching",
                    ErrorCode.WORDING,
                )
            if fact.value is not None:
                self.error(
                    ("value",),
                    "a bound has no value: the seed does not state the number",
                    "Use lower and/or upper, and leave value out.",
                    ErrorCode.BOUND,
                )
        if fact.lower is not None and fact.upper is not None and fact.lower > fact.upper:
            self.error(
                ("lower",),
                f"lower {plain(fact.lower)} is above upper {plain(fact.upper)}",
                None,
                ErrorCode.BOUND,
            )
        if fact.derived is not None and fact.value is None:
            self.error(
                ("value",), "a derived fact needs the value it computes", None, ErrorCode.DERIVED
            )

    def check_date(self, seed: Seed | None) -> Period | None:
        spec = self.fact.date
        if spec.edtf is None:
            if spec.precision is not None:
                self.error(
                    ("date", "precision"),
                    "precision given without a date",
                    "Leave precision out (null) when edtf is null.",
                    ErrorCode.PRECISION,
                )
            if spec.reason is not None:
                self.error(
                    ("date", "reason"),
                    "a reason given without a date",
                    "date.reason says how the quote gives the date; leave it out when "
                    "edtf is null.",
                    ErrorCode.DATE,
                )
            # Undated: the seed gives no date; pages place it at the seed's publication.
            if spec.relative is not None and seed is not None:
                self.check_relative(seed, spec.relative, None)
            return None
        try:
            period = parse_period(spec.edtf)
        except DateError as exc:
            self.error(("date", "edtf"), str(exc), None, ErrorCode.DATE)
            return None
        if spec.precision is not period.precision:
            given = spec.precision.value if spec.precision else "null"
            self.error(
                ("date", "precision"),
                f"precision {given!r} disagrees with {spec.edtf!r}, which is a "
                f"{period.precision.value}",
                f"Use precision: {period.precision.value}.",
                ErrorCode.PRECISION,
            )
        if seed is None:
            return period
        if spec.relative is not None and not self.check_relative(seed, spec.relative, period):
            return period
        if spec.reason is None and self.fact.quote in seed.text:
            self.check_date_stated(seed, period)
        return period

    def check_relative(self, seed: Seed, relative: Relative, period: Period | None) -> bool:
        """Whether the relative phrase's rule allows the date (and its reference is right)."""
        if relative.reference != seed.entry.published.edtf:
            self.error(
                ("date", "relative", "reference"),
                f"reference {relative.reference!r} is not the publication date of "
                f"{seed.file} ({seed.entry.published.edtf!r})",
                "Relative phrases resolve from the seed's publication date in the register.",
                ErrorCode.RELATIVE,
            )
            return False
        if period is None:
            return True
        first, last = allowed_window(relative.rule, seed.publication)
        if first <= period.start and period.end <= last:
            return True
        shown_first = "any earlier day" if first.year == 1 else first.isoformat()
        message = (
            f"{period.edtf!r} is outside what rule {relative.rule.value} allows for "
            f"{relative.phrase!r} from {relative.reference}: {shown_first} to "
            f"{last.isoformat()} ({RULE_MEANINGS[relative.rule]}); "
        )
        other = fitting_rule(period, seed.publication, relative.rule)
        if other is not None:
            message += f"rule {other.value} would allow it ({RULE_MEANINGS[other]})"
            hint = f"If that is what {relative.phrase!r} means, use rule: {other.value}."
        else:
            message += "no rule gives that date"
            hint = (
                "Give the date without 'relative', and say in date.reason how the seed "
                f"gives it. The rules: {rule_list()}."
            )
        self.error(("date", "edtf"), message, hint, ErrorCode.RELATIVE)
        return False

    def check_date_stated(self, seed: Seed, period: Period) -> None:
        """Every year, month and day of the date is stated in the quote, comes from the
        relative phrase's rule, or is the seed's publication date."""
        spec = self.fact.date
        assert spec.edtf is not None  # checked by the caller
        parts = list(date_parts(spec.edtf))
        published = date_parts(seed.entry.published.edtf)
        if spec.relative is not None:
            # The rule gives the date (check_relative checked it), except an earliest
            # day its window leaves open: 'since January 2023' states its start.
            first, last = allowed_window(spec.relative.rule, seed.publication)
            if first != dt.date.min:
                return
            parts = [part for part in parts if part.period.end != last]
        at = seed.text.find(self.fact.quote)
        stated = self.reading.dates_in(seed, at, at + len(self.fact.quote))
        missing = [part for part in parts if part not in published and not states(stated, part)]
        if not missing:
            return
        named = list(dict.fromkeys(date.text for date in stated))
        what = f"'{spec.edtf}'" if len(parts) == 1 else _part_names(missing, spec.edtf)
        self.error(
            ("date", "edtf"),
            f"{what} is not stated in the quote ("
            + (f"it names {_listing(named)}" if named else "it names no date")
            + ")",
            DATE_HINT,
            ErrorCode.DATE_NOT_STATED,
        )


VALUE_HINT = (
    "Quote the passage that states the number. If the seed gives no number, leave value "
    "out and give its words as wording (approximate); if you computed it, mark it derived."
)
BOUND_HINT = "A bound's limit is a number the quote states: 'more than 500' gives lower: 500."
DATE_HINT = (
    "Quote the passage that gives the date; for a phrase such as 'last week', add "
    "date.relative; otherwise say in date.reason how the seed gives the date."
)
QUALIFIER_MEANS = {
    QualifierKind.APPROXIMATE: "an approximate figure",
    QualifierKind.LOWER: "a lower bound",
    QualifierKind.UPPER: "an upper bound",
}
QUALIFIER_HINTS = {
    QualifierKind.APPROXIMATE: "Use exactness: approximate, with wording: {wording}.",
    QualifierKind.LOWER: "Use exactness: bound, with lower for the number, wording: {wording} "
    "and no value.",
    QualifierKind.UPPER: "Use exactness: bound, with upper for the number, wording: {wording} "
    "and no value.",
}


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _listing(items: list[str]) -> str:
    return _and([repr(item) for item in items])


def _stated(numbers: list[Number]) -> str:
    """What a quote states, for a message: 'it states 509 and 476000000 ('£476 million')'."""
    shown = []
    for number in numbers:
        if number.value is None:
            shown.append(f"{number.text!r} (no number)")
        elif number.text == plain(number.value):
            shown.append(plain(number.value))
        else:
            shown.append(f"{plain(number.value)} ({number.text!r})")
    if not shown:
        return "it states no number"
    return "it states " + _and(shown)


def _part_names(parts: list[DatePart], edtf: str) -> str:
    ends = {0: "the start", 1: "the end"}
    pieces = edtf.split("/")
    names = [
        f"{ends[pieces.index(part.text) if part.text in pieces else 0]} {part.text}"
        for part in parts
    ]
    return " and ".join(names) + f" of '{edtf}'"


# ---------------------------------------------------------------------------
# Across facts


def _check_ids(loaded: list[LoadedFact], result: FactSet) -> list[LoadedFact]:
    seen: dict[str, LoadedFact] = {}
    kept = []
    for item in loaded:
        first = seen.get(item.fact.id)
        if first is not None:
            result.errors.append(
                FactError(
                    item.file,
                    f"duplicate id {item.fact.id!r} (first used at "
                    f"{first.file}:{first.line_of('id')})",
                    line=item.line_of("id"),
                    field=f"{item.fact.id}.id",
                    hint="Ids are unique across all fact files.",
                    code=ErrorCode.DUPLICATE_ID,
                )
            )
            continue
        seen[item.fact.id] = item
        kept.append(item)
    return kept


def _input_problem(role: str, input_id: str, result: FactSet) -> str:
    """Why a derivation's input is not there: it failed its own checks, or is unknown."""
    failed = result.failed_facts.get(input_id)
    if failed is None:
        return f"input {role} {input_id!r} is not a loaded fact"
    check = (failed.field or "").removeprefix(f"{input_id}.")
    reason = failed.message.split("\n")[0]
    where = f"{failed.file}:{failed.line}" if failed.line is not None else failed.file
    return (
        f"input {role} {input_id!r} failed its own checks "
        f"({check + ': ' if check else ''}{reason}), see {where}"
    )


def _check_derivations(loaded: list[LoadedFact], result: FactSet) -> list[LoadedFact]:
    by_id = {item.fact.id: item for item in loaded}
    kept = []
    for item in loaded:
        derivation = item.fact.derived
        if derivation is None:
            kept.append(item)
            continue
        method = derive.METHODS[derivation.method]
        problems: list[tuple[str, ErrorCode]] = []
        roles = set(derivation.inputs)
        if roles != set(method.roles):
            problems.append(
                (
                    f"{derivation.method.value} takes inputs {', '.join(method.roles)}; "
                    f"got {', '.join(sorted(roles)) or 'none'}",
                    ErrorCode.DERIVED,
                )
            )
        values: dict[str, float] = {}
        for role, input_id in derivation.inputs.items():
            source = by_id.get(input_id)
            if source is None:
                problems.append((_input_problem(role, input_id, result), ErrorCode.DERIVED_INPUT))
            elif source.fact.value is None:
                problems.append(
                    (f"input {role} {input_id!r} has no value", ErrorCode.DERIVED_INPUT)
                )
            else:
                values[role] = source.fact.value
        if not problems:
            expected = derive.recompute(derivation.method, values, derivation.decimals)
            if item.fact.value != expected:
                problems.append(
                    (
                        f"value {plain(item.fact.value or 0)} does not recompute: "
                        f"{derivation.method.value} gives {plain(expected)}",
                        ErrorCode.DERIVED_MISMATCH,
                    )
                )
            inputs_approximate = any(
                by_id[i].fact.exactness is not Exactness.EXACT for i in derivation.inputs.values()
            )
            if inputs_approximate and item.fact.exactness is Exactness.EXACT:
                problems.append(
                    (
                        "derived from an approximate figure, so it cannot be exact",
                        ErrorCode.DERIVED_EXACTNESS,
                    )
                )
        if problems:
            for message, code in problems:
                result.errors.append(
                    FactError(
                        item.file,
                        message,
                        line=item.line_of("derived"),
                        field=f"{item.fact.id}.derived",
                        code=code,
                        hint="Check the inputs and the rounding (decimals).",
                    )
                )
            continue
        names = {role: plain(values[role]) for role in values}
        kept.append(replace(item, formula=method.formula(names)))
    return kept


# ---------------------------------------------------------------------------


def load_facts(root: Path | str | None = None, *, coverage: bool = True) -> FactSet:
    """Load and validate the whole project at ``root`` (default: this repository)."""
    paths = project_paths(root)
    result = FactSet()
    _load_register(paths, result)
    result.vocabulary = load_vocabulary(paths, result.errors)
    result.partnerships = frozenset(s.entry.partnership for s in result.seeds.values())
    _check_seed_folder(paths, result)
    loaded: list[LoadedFact] = []
    reading = _SeedReading()
    for path in paths.fact_files():
        loaded.extend(_load_fact_file(path, paths, result, reading))
    loaded = _check_ids(loaded, result)
    result.facts = _check_derivations(loaded, result)
    if coverage:
        result.errors.extend(coverage_errors(result, reading.spans))
    result.conflicts = find_conflicts(result.facts)
    result.reviews = planned_but_past(result.facts, result.seeds)
    return result
