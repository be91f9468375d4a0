"""JSON Schema files for editors, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dashboard.facts.schema import FactFile, Register
from dashboard.paths import PACKAGE_DIR

SCHEMA_DIR = PACKAGE_DIR / "schemas"


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "facts.schema.json": FactFile.model_json_schema(),
        "register.schema.json": Register.model_json_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema_files(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
