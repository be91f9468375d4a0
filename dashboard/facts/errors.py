"""The one error type for problems with facts, seeds and the register, and the
catalogue of its codes."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every kind of problem a curator can be told about: stable, for tests and tools.

    Each member's comment is what it means; README.md lists the catalogue.
    """

    # Files
    NOT_A_FILE = "not-a-file"  # an entry in facts/ or seeds/ is a folder, link, FIFO or device
    YAML = "yaml"  # the file is not valid YAML, or uses what fact files refuse
    DUPLICATE_KEY = "duplicate-key"  # a key is written twice in one mapping
    EMPTY_FILE = "empty-file"  # the file holds nothing
    TOO_LARGE = "too-large"  # the file is over its size limit
    ENCODING = "encoding"  # the file is not UTF-8
    UNREADABLE = "unreadable"  # the file cannot be read
    STRUCTURE = "structure"  # the top level is not what the file needs
    SCHEMA = "schema"  # a field is unknown, missing or of the wrong type
    # The register and the seeds
    UNKNOWN_SEED = "unknown-seed"  # a seed is named that is not in seeds/ or the register
    UNREGISTERED_SEED = "unregistered-seed"  # a file in seeds/ has no register entry
    DUPLICATE_SEED = "duplicate-seed"  # a seed is registered twice
    SEED_CHANGED = "seed-changed"  # a seed's sha256 differs from the register's
    SEED_UNUSABLE = "seed-unusable"  # facts held back because their seed failed its checks
    SEED_NAME = "seed-name"  # a new seed's file name is not a plain name
    SEED_EXISTS = "seed-exists"  # a different file of that name is already a seed
    PUBLISHED_MISSING = "published-missing"  # a new seed's publication date is to fill in
    # One fact
    DRAFT = "draft"  # the fact is still a draft
    PLACEHOLDER = "placeholder"  # a field still holds the draft's TODO text
    PARTNERSHIP = "partnership"  # the partnership is not in the register
    QUOTE = "quote"  # the quote is not verbatim in the seed
    WORDING = "wording"  # the wording is missing, or not in the quote
    VALUE_NOT_QUOTED = "value-not-quoted"  # the value or a bound is not a number the quote states
    EXACTNESS = "exactness"  # a figure has no exactness, or one its quote contradicts
    UNIT = "unit"  # a figure has no unit
    BOUND = "bound"  # a bound is missing its limit or wording, or has a value
    DATE = "date"  # the EDTF date cannot be used
    PRECISION = "precision"  # the precision disagrees with the date
    DATE_NOT_STATED = "date-not-stated"  # a year, month or day of the date has no source
    RELATIVE = "relative"  # a relative phrase is not in the seed, or its rule does not fit
    DERIVED = "derived"  # a derivation's method or inputs are wrong
    DERIVED_INPUT = "derived-input"  # a derivation's input is missing or failed
    DERIVED_MISMATCH = "derived-mismatch"  # a derived value does not recompute
    DERIVED_EXACTNESS = "derived-exactness"  # derived from an approximate figure, marked exact
    UNKNOWN_TOPIC = "unknown-topic"  # the topic is not in facts/vocabularies.yaml
    UNKNOWN_UNIT = "unknown-unit"  # the unit is not in facts/vocabularies.yaml
    INVALID = "invalid"  # any other problem with one fact
    # Vocabularies and views (facts/vocabularies.yaml, facts/views.yaml)
    VOCABULARY = "vocabulary"  # the vocabularies file is missing or an entry is wrong
    VIEWS = "views"  # the views file is missing, or a page or chart in it is wrong
    VIEW_REFERENCE = "view-reference"  # a view names a fact, measure, etc. that is not loaded
    VIEW_MIXES = "view-mixes"  # a chart not meant to compare partnerships selects several
    # Across facts
    DUPLICATE_ID = "duplicate-id"  # two facts share an id
    COVERAGE = "coverage"  # a number in a seed is covered by no fact or exclusion
    # Warnings (the facts stay)
    CONFLICT = "conflict"  # two facts give different figures for the same thing
    PLANNED_IN_PAST = "planned-in-past"  # a plan whose date ended before its source
    # Curation commands
    EXISTS = "exists"  # the file to write already exists
    TOO_MANY_CANDIDATES = "too-many-candidates"  # a seed has too many numbers to draft


class FactError(Exception):
    """A problem in a fact file, the register or a seed, located for the curator.

    Rendered as ``file:line:column: field: message`` (line, column and field when
    known), with a hint on the next line where one helps. ``code`` is stable, for tests
    and tools.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: ErrorCode = ErrorCode.INVALID,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
        self.code = code
        super().__init__(str(self))

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        if self.field:
            text += f": {self.field}"
        return text

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f"\n  Hint: {self.hint}"
        return text

    def __repr__(self) -> str:
        return f"FactError({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FactError) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))
