"""The command line: validate and export, on the harbours fixture project."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from tests.conftest import HARBOURS


def test_validate_prints_summary_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(HARBOURS), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 17 facts from 2 seeds, no errors.")
    assert "     9  101_norland_estmark.txt" in out and "Derived facts: 2" in out


def test_validate_prints_every_error_and_exits_one(
    harbours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (harbours / "facts" / "broken.facts.yaml").write_text("facts: [\n", encoding="utf-8")
    (harbours / "facts" / "empty.facts.yaml").write_text("", encoding="utf-8")
    assert main(["--project", str(harbours), "validate"]) == 1
    err = capsys.readouterr().err
    assert "facts/broken.facts.yaml:2: invalid YAML" in err
    assert "facts/empty.facts.yaml:1: the file is empty" in err
    assert err.rstrip().endswith("2 error(s); 17 fact(s) loaded without errors.")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"facts.{fmt}"
    assert main(["--project", str(HARBOURS), "export", "--format", fmt, "--output", str(out)]) == 0
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(out.read_bytes()))
        assert len(frame) == 17
        assert frame.set_index("fact_id").loc["ne-crossings-2024", "value"] == 4210
    else:
        document = json.loads(out.read_text(encoding="utf-8"))
        assert len(document["facts"]) == 17
        assert {s["file"] for s in document["sources"]} == {
            "101_norland_estmark.txt",
            "102_norland_vesterland.txt",
        }
        assert document["title"].startswith("Harbour crossings")
