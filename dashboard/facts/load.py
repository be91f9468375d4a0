"""Load the register, the seeds and every fact file; validate; collect every error.

Structural checks run first (YAML, then the schema, one fact at a time), then the
references (seed, quote, dates), then the checks across facts (ids, derivations),
then coverage. A fact with an error is left out and its error reported; every
other fact still loads. The caller decides what to do with the errors.
"""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from dashboard.facts import derive
from dashboard.facts.coverage import coverage_errors
from dashboard.facts.crosscheck import find_conflicts, planned_but_past
from dashboard.facts.dates import RULE_MEANINGS, DateError, Period, allowed_window, parse_period
from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.model import FactSet, LoadedExclusion, LoadedFact, Seed
from dashboard.facts.schema import (
    Exactness,
    Exclusion,
    Fact,
    FactFileShape,
    RegisterShape,
    Relative,
    SeedEntry,
)
from dashboard.facts.vocabulary import Vocabulary, check_fact, load_vocabulary
from dashboard.facts.yaml_source import PathKey, YamlDocument, read_yaml_file
from dashboard.paths import ProjectPaths, project_paths

# What 'python -m dashboard draft' writes where only a person can fill the text in.
PLACEHOLDER = "TODO"
PLACEHOLDER_FIELDS = ("statement", "measure", "wording", "notes")

CURLY_TO_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


# ---------------------------------------------------------------------------
# Schema errors, located


def _field_path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _schema_errors(
    exc: ValidationError,
    file: str,
    doc: YamlDocument,
    base: PathKey,
    label: str,
    model: type[BaseModel],
) -> list[FactError]:
    errors = []
    for item in exc.errors():
        loc = tuple(item["loc"])
        kind = item["type"]
        message = item["msg"]
        hint = None
        if kind == "extra_forbidden":
            message = "unknown field"
            allowed = _allowed_fields(model, loc[:-1])
            hint = f"Allowed here: {', '.join(allowed)}." if allowed else None
        elif kind == "missing":
            message = "required field is missing"
        elif "input" in item and kind not in ("enum", "string_pattern_mismatch"):
            message = f"{message} (got {item['input']!r})"
        if kind in ("float_parsing", "float_type") and isinstance(item.get("input"), str):
            hint = "Write numbers without quotes or thousands separators: 29154, not '29,154'."
        if kind == "string_pattern_mismatch" and loc[-1:] == ("id",):
            hint = "Ids are lower-case letters, digits and hyphens, e.g. crossings-2024-ytd."
        if kind == "enum":
            message = f"{message} (got {item['input']!r})"
        where = f"{label}.{_field_path(loc)}" if loc else label
        errors.append(
            FactError(
                file,
                message,
                line=doc.line_of((*base, *loc)),
                field=where,
                hint=hint,
                code=ErrorCode.SCHEMA,
            )
        )
    return errors


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        annotation = info.annotation
        candidates = [annotation, *getattr(annotation, "__args__", ())]
        current = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if current is None:
            return []
    return list(current.model_fields)


# ---------------------------------------------------------------------------
# The register and the seeds


def _load_register(paths: ProjectPaths, result: FactSet) -> None:
    shown = paths.relative(paths.register_file)
    try:
        doc = read_yaml_file(paths.register_file, shown)
    except FactError as error:
        result.errors.append(error)
        result.register_problem = error.location
        return
    result.files_read.append(shown)
    try:
        register = RegisterShape.model_validate(doc.data)
    except ValidationError as exc:
        result.errors.extend(_schema_errors(exc, shown, doc, (), "register", RegisterShape))
        result.register_problem = shown
        return
    for index, raw in enumerate(register.seeds):
        base: PathKey = ("seeds", index)
        line = doc.line_of(base) or 1
        try:
            entry = SeedEntry.model_validate(raw)
        except ValidationError as exc:
            result.errors.extend(
                _schema_errors(exc, shown, doc, base, f"seeds[{index}]", SeedEntry)
            )
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
                    code="duplicate-seed",
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

    def error(key: PathKey, field_name: str, message: str, hint: str | None, code: str) -> None:
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

    if Path(entry.file).name != entry.file or not seed_path.is_file():
        error(
            ("file",),
            "file",
            f"no seed named {entry.file!r} in seeds/",
            "Copy the document into seeds/ with 'python -m dashboard add-seed FILE'.",
            "unknown-seed",
        )
        return None
    raw = seed_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry.sha256:
        error(
            ("sha256",),
            "sha256",
            f"seeds/{entry.file} has changed: its sha256 is {digest}, "
            f"the register says {entry.sha256}",
            "Seeds are never edited. Restore the original file; a new version of a "
            "document is a new seed.",
            "seed-changed",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        error(("file",), "file", f"seeds/{entry.file} is not UTF-8", None, "encoding")
        return None
    try:
        period = parse_period(entry.published.edtf)
    except DateError as exc:
        error(("published", "edtf"), "published.edtf", str(exc), None, "date")
        return None
    if period.precision is not entry.published.precision:
        error(
            ("published", "precision"),
            "published.precision",
            f"precision {entry.published.precision.value!r} disagrees with "
            f"{entry.published.edtf!r}, which is a {period.precision.value}",
            f"Use precision: {period.precision.value}.",
            "precision",
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
                "quote",
            )
    return (text, period) if ok else None


def _quote_hint(quote: str, text: str) -> str:
    if quote.translate(CURLY_TO_STRAIGHT) in text.translate(CURLY_TO_STRAIGHT):
        return (
            "The passage differs from the seed only in quotation marks or dashes: the "
            "seed uses curly quotes (’ “ ”) and dashes (— –). Copy it from the seed."
        )
    return "Copy the passage character for character from the seed."


# ---------------------------------------------------------------------------
# Fact files


def _load_fact_file(path: Path, paths: ProjectPaths, result: FactSet) -> list[LoadedFact]:
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
                code="structure",
            )
        )
        return []
    try:
        FactFileShape.model_validate(doc.data)
    except ValidationError as exc:
        result.errors.extend(_schema_errors(exc, shown, doc, (), "file", FactFileShape))
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
            errors = _schema_errors(exc, shown, doc, base, fact_label, Fact)
            # The topic and unit are checked too, so that every error shows at once.
            if isinstance(raw, Mapping) and result.vocabulary is not None:
                failed = {error.field for error in errors}
                errors += [
                    error
                    for error in _vocabulary_errors(
                        raw.get("topic"), raw.get("unit"), result.vocabulary, shown, doc, base
                    )
                    if f"{fact_label}.{error.field}" not in failed
                ]
                errors = [_labelled(error, fact_label) for error in errors]
                errors.sort(key=lambda error: error.line or 0)
            result.errors.extend(errors)
            continue
        if result.seed_problem(fact.source):
            held_back[fact.source] = held_back.get(fact.source, 0) + 1
            continue
        checker = _FactChecker(fact, shown, doc, base, result, result.partnerships)
        checker.check_vocabulary(result.vocabulary)
        period = checker.run()
        if checker.ok:
            # A fact is a mapping (the schema says so): its keys are the field names.
            lines = cast(dict[str, int], doc.field_lines(base))
            loaded.append(LoadedFact(fact, shown, doc.line_of(base) or 1, period, lines))
    for index, raw in enumerate(doc.data.get("exclusions") or []):
        base = ("exclusions", index)
        try:
            exclusion = Exclusion.model_validate(raw)
        except ValidationError as exc:
            result.errors.extend(
                _schema_errors(exc, shown, doc, base, f"exclusions[{index}]", Exclusion)
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
                    code="quote",
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
                code="seed-unusable",
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
        code="unknown-seed",
    )


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
        partnerships: frozenset[str],
    ):
        self.fact, self.file, self.doc, self.base, self.result = fact, file, doc, base, result
        self.partnerships = partnerships  # every partnership in the register
        self.ok = True

    def error(
        self, key: PathKey, message: str, hint: str | None = None, code: str = "invalid"
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
                "draft",
            )
        for name in PLACEHOLDER_FIELDS:
            text = getattr(fact, name)
            if isinstance(text, str) and text.startswith(PLACEHOLDER):
                self.error(
                    (name,),
                    "still holds the draft's placeholder",
                    f"Replace the text starting {PLACEHOLDER!r} with your own words.",
                    "placeholder",
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
                    "partnership",
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
                "quote",
            )
            return
        fact = self.fact
        if fact.wording is not None and fact.wording not in quote:
            self.error(
                ("wording",),
                f"{fact.wording!r} does not occur in the quote",
                "The wording is the seed's own words for the figure, inside the quote.",
                "wording",
            )
        if fact.value is not None and fact.derived is None:
            spellings = _spellings(fact.value)
            if not any(s in quote for s in spellings):
                self.error(
                    ("value",),
                    f"{_plain(fact.value)} does not appear in the quote "
                    f"(looked for {' or '.join(repr(s) for s in spellings)})",
                    "Quote the passage that states the number, or mark the fact derived.",
                    "value-not-quoted",
                )

    def check_figures(self) -> None:
        fact = self.fact
        has_number = fact.value is not None or fact.lower is not None or fact.upper is not None
        if has_number and fact.exactness is None:
            self.error(
                ("exactness",),
                "a fact with a number needs exactness",
                "exact, approximate ('around 50') or bound ('nearly matching').",
                "exactness",
            )
        if fact.value is not None and fact.unit is None:
            self.error(("unit",), "a fact with a value needs a unit", None, "unit")
        if fact.exactness is Exactness.APPROXIMATE and fact.wording is None:
            self.error(
                ("wording",),
                "an approximate figure needs the seed's wording",
                "e.g. wording: around 50",
                "wording",
            )
        if fact.exactness is Exactness.BOUND:
            if fact.lower is None and fact.upper is None:
                self.error(("lower",), "a bound needs lower or upper", None, "bound")
            if fact.wording is None:
                self.error(
                    ("wording",),
                    "a bound needs the seed's wording",
                    "e.g. wording: nearly matching",
                    "wording",
                )
            if fact.value is not None:
                self.error(
                    ("value",),
                    "a bound has no value: the seed does not state the number",
                    "Use lower and/or upper, and leave value out.",
                    "bound",
                )
        if fact.lower is not None and fact.upper is not None and fact.lower > fact.upper:
            self.error(
                ("lower",),
                f"lower {_plain(fact.lower)} is above upper {_plain(fact.upper)}",
                None,
                "bound",
            )
        if fact.derived is not None and fact.value is None:
            self.error(("value",), "a derived fact needs the value it computes", None, "derived")

    def check_date(self, seed: Seed | None) -> Period | None:
        spec = self.fact.date
        if spec.edtf is None:
            if spec.precision is not None:
                self.error(
                    ("date", "precision"),
                    "precision given without a date",
                    "Leave precision out (null) when edtf is null.",
                    "precision",
                )
            # Undated: the seed gives no date; pages place it at the seed's publication.
            if spec.relative is not None and seed is not None:
                self.check_relative(seed, spec.relative, None)
            return None
        try:
            period = parse_period(spec.edtf)
        except DateError as exc:
            self.error(("date", "edtf"), str(exc), None, "date")
            return None
        if spec.precision is not period.precision:
            given = spec.precision.value if spec.precision else "null"
            self.error(
                ("date", "precision"),
                f"precision {given!r} disagrees with {spec.edtf!r}, which is a "
                f"{period.precision.value}",
                f"Use precision: {period.precision.value}.",
                "precision",
            )
        if spec.relative is not None and seed is not None:
            self.check_relative(seed, spec.relative, period)
        return period

    def check_relative(self, seed: Seed, relative: Relative, period: Period | None) -> None:
        if relative.reference != seed.entry.published.edtf:
            self.error(
                ("date", "relative", "reference"),
                f"reference {relative.reference!r} is not the publication date of "
                f"{seed.file} ({seed.entry.published.edtf!r})",
                "Relative phrases resolve from the seed's publication date in the register.",
                "relative",
            )
            return
        if period is None:
            return
        first, last = allowed_window(relative.rule, seed.publication)
        if not (first <= period.start and period.end <= last):
            shown_first = "any earlier day" if first.year == 1 else first.isoformat()
            self.error(
                ("date", "edtf"),
                f"{period.edtf!r} is outside what {relative.phrase!r} allows from "
                f"{relative.reference}: {shown_first} to {last.isoformat()} "
                f"({RULE_MEANINGS[relative.rule]})",
                None,
                "relative",
            )


def _plain(number: float) -> str:
    return f"{number:g}" if number != int(number) else str(int(number))


def _spellings(number: float) -> list[str]:
    if number == int(number):
        whole = int(number)
        return list(dict.fromkeys([f"{whole:,}", str(whole)]))
    return [f"{number:,}", f"{number}"]


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
                    code="duplicate-id",
                )
            )
            continue
        seen[item.fact.id] = item
        kept.append(item)
    return kept


def _check_derivations(loaded: list[LoadedFact], result: FactSet) -> list[LoadedFact]:
    by_id = {item.fact.id: item for item in loaded}
    kept = []
    for item in loaded:
        derivation = item.fact.derived
        if derivation is None:
            kept.append(item)
            continue
        method = derive.METHODS[derivation.method]
        problems = []
        roles = set(derivation.inputs)
        if roles != set(method.roles):
            problems.append(
                (
                    f"{derivation.method.value} takes inputs {', '.join(method.roles)}; "
                    f"got {', '.join(sorted(roles)) or 'none'}",
                    "derived",
                )
            )
        values: dict[str, float] = {}
        for role, input_id in derivation.inputs.items():
            source = by_id.get(input_id)
            if source is None or source.fact.value is None:
                why = "is not a loaded fact" if source is None else "has no value"
                problems.append((f"input {role} {input_id!r} {why}", "derived-input"))
            else:
                values[role] = source.fact.value
        if not problems:
            expected = derive.recompute(derivation.method, values, derivation.decimals)
            if item.fact.value != expected:
                problems.append(
                    (
                        f"value {_plain(item.fact.value or 0)} does not recompute: "
                        f"{derivation.method.value} gives {_plain(expected)}",
                        "derived-mismatch",
                    )
                )
            inputs_approximate = any(
                by_id[i].fact.exactness is not Exactness.EXACT for i in derivation.inputs.values()
            )
            if inputs_approximate and item.fact.exactness is Exactness.EXACT:
                problems.append(
                    (
                        "derived from an approximate figure, so it cannot be exact",
                        "derived-exactness",
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
        names = {role: _plain(values[role]) for role in values}
        kept.append(replace(item, formula=method.formula(names)))
    return kept


# ---------------------------------------------------------------------------


class _CollectorPause:
    """Pause Python's cycle collector while loads run: a load builds a million objects
    that all live on, and the collector would walk them again and again (a tenth of
    the load, and it halves pydantic's speed). Reference counting still frees what is
    dropped. Loads may overlap (each Streamlit session has a thread): the collector is
    paused by the first to start and switched back on, if it was on, by the last to end."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._was_on = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._active == 0:
                self._was_on = gc.isenabled()
                gc.disable()
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                if self._active == 0 and self._was_on:
                    gc.enable()


_collector_paused = _CollectorPause()


def load_facts(root: Path | str | None = None, *, coverage: bool = True) -> FactSet:
    """Load and validate the whole project at ``root`` (default: this repository)."""
    with _collector_paused():
        return _load_facts(root, coverage=coverage)


def _load_facts(root: Path | str | None, *, coverage: bool) -> FactSet:
    paths = project_paths(root)
    result = FactSet()
    _load_register(paths, result)
    result.vocabulary = load_vocabulary(paths, result.errors)
    result.partnerships = frozenset(s.entry.partnership for s in result.seeds.values())
    loaded: list[LoadedFact] = []
    for path in paths.fact_files():
        loaded.extend(_load_fact_file(path, paths, result))
    loaded = _check_ids(loaded, result)
    result.facts = _check_derivations(loaded, result)
    if coverage:
        result.errors.extend(coverage_errors(result))
    result.conflicts = find_conflicts(result.facts)
    result.reviews = planned_but_past(result.facts, result.seeds)
    return result
