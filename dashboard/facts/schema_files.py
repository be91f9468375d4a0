"""JSON Schema files for editors, generated from the pydantic models and the project's
vocabularies (a fact's topic and unit are completed from facts/vocabularies.yaml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dashboard.facts.errors import FactError
from dashboard.facts.schema import FactFile, Register
from dashboard.facts.vocabulary import Vocabulary, VocabularyFile, load_vocabulary
from dashboard.paths import PACKAGE_DIR, ProjectPaths, project_paths
from dashboard.views.model import ViewsFile

SCHEMA_DIR = PACKAGE_DIR / "schemas"


def _with_vocabulary(schema: dict[str, Any], vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The fact schema with its topic and unit limited to the vocabularies' names, each
    described by its label, so that an editor completes them."""
    if vocabulary is None:
        return schema
    fact = schema["$defs"]["Fact"]["properties"]
    fact["topic"] = {
        "description": fact["topic"]["description"],
        "enum": list(vocabulary.topics),
        "title": "Topic",
    }
    fact["unit"] = {
        "anyOf": [{"enum": list(vocabulary.units)}, {"type": "null"}],
        "default": None,
        "description": fact["unit"]["description"],
        "title": "Unit",
    }
    return schema


def schemas(paths: ProjectPaths | None = None) -> dict[str, dict[str, Any]]:
    problems: list[FactError] = []
    vocabulary = load_vocabulary(paths or project_paths(), problems)
    return {
        "facts.schema.json": _with_vocabulary(FactFile.model_json_schema(), vocabulary),
        "register.schema.json": Register.model_json_schema(),
        "views.schema.json": ViewsFile.model_json_schema(),
        "vocabularies.schema.json": VocabularyFile.model_json_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schema_files(
    paths: ProjectPaths | None = None, directory: Path = SCHEMA_DIR
) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(paths).items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
