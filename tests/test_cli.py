"""The command line: validate, export, schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.facts.schema_files import SCHEMA_DIR, render, schemas


def test_validate_prints_summary_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 34 facts from 2 seeds, no errors.")
    assert "    14  000_ed660ce8024e48cd.txt" in out and "Derived facts: 2" in out


def test_validate_prints_every_error_and_exits_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "facts" / "broken.facts.yaml").write_text("facts: [\n", encoding="utf-8")
    (project / "facts" / "empty.facts.yaml").write_text("", encoding="utf-8")
    assert main(["--project", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert "facts/broken.facts.yaml:2: invalid YAML" in err
    assert "facts/empty.facts.yaml:1: the file is empty" in err
    assert err.rstrip().endswith("2 error(s); 34 fact(s) loaded without errors.")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"facts.{fmt}"
    assert main(["export", "--format", fmt, "--output", str(out)]) == 0
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(out.read_bytes()))
        assert len(frame) == 34
        assert frame.set_index("fact_id").loc["uk-crossings-2024-to-date", "value"] == 29154
    else:
        document = json.loads(out.read_text(encoding="utf-8"))
        assert len(document["facts"]) == 34
        assert {s["file"] for s in document["sources"]} == {
            "000_ed660ce8024e48cd.txt",
            "004_040e6e274c70a35f.txt",
        }


def test_committed_json_schemas_are_current() -> None:
    for name, schema in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == render(schema), (
            f"dashboard/schemas/{name} is stale: run 'make schema'"
        )
