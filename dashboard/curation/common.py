"""What the curation commands share: the command to print, YAML as the draft writes it,
and the register's raw entries."""

from __future__ import annotations

from typing import Any

import yaml

from dashboard.facts.errors import ErrorCode, FactError
from dashboard.facts.files import REGISTER
from dashboard.facts.yaml_source import YamlDocument, read_yaml_file
from dashboard.paths import ProjectPaths

PYTHON = ".venv/bin/python -m dashboard"


class PlainDumper(yaml.SafeDumper):
    """safe_dump without anchors: the loader refuses them, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=PlainDumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,  # one quote per line, easy to compare with the seed
        default_flow_style=False,
    )


def register_entries(paths: ProjectPaths) -> tuple[YamlDocument, list[Any]]:
    """The register as parsed YAML and its raw 'seeds:' list (entries unchecked)."""
    register = paths.relative(paths.register_file)
    document = read_yaml_file(paths.register_file, register, REGISTER)
    entries = document.data.get("seeds") if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        raise FactError(register, "has no 'seeds:' list", line=1, code=ErrorCode.STRUCTURE)
    return document, entries


def entry_index(entries: list[Any], name: str) -> int | None:
    return next(
        (i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("file") == name),
        None,
    )
