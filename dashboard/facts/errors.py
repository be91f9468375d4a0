"""The one error type for problems with facts, seeds and the register."""

from __future__ import annotations


class FactError(Exception):
    """A problem in a fact file, the register or a seed, located for the curator.

    Rendered as ``file:line: field: message`` (line and field when known), with a
    hint on the next line where one helps. ``code`` is stable, for tests and tools.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        code: str = "invalid",
    ) -> None:
        self.file = file
        self.line = line
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
