"""Pydantic's validation errors as located FactErrors: file:line: field, with a hint.

Every YAML file of the project (facts, register, vocabularies, views) is checked with a
pydantic model; this is how its errors reach the curator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.yaml_source import PathKey, YamlDocument


def field_path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_errors(
    exc: ValidationError,
    file: str,
    doc: YamlDocument,
    base: PathKey,
    label: str,
    model: type[BaseModel],
) -> list[FactError]:
    """Each error of ``exc`` at its line in ``doc``, ``base`` being where the validated
    value sits in the document and ``label`` how the curator knows it."""
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
        if kind == "finite_number":
            hint = (
                "Write the number the seed states. .inf, .nan and numbers too large to "
                "hold (such as 1e400) are not figures."
            )
        if kind == "string_pattern_mismatch" and loc[-1:] == ("id",):
            hint = "Ids are lower-case letters, digits and hyphens, e.g. crossings-2024-ytd."
        if kind == "enum":
            message = f"{message} (got {item['input']!r})"
        where = f"{label}.{field_path(loc)}" if loc else label
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
