"""The command line: validate and export, on the harbours fixture project."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from tests.conftest import HARBOURS
from tests.corpus_builder import GOOD_FACTS, Corpus, build_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "project")


def test_validate_prints_summary_and_exits_zero(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(corpus.root), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {GOOD_FACTS} facts from 3 seeds, no errors.")
    assert "    10  dated.txt" in out and "Derived facts: 2" in out


def test_validate_prints_every_error_and_exits_one(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.write("facts/broken.facts.yaml", "facts: [\n")
    corpus.write("facts/empty.facts.yaml", "")
    corpus.write("seeds/unregistered.txt", "A document nobody registered.\n")
    assert main(["--project", str(corpus.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "facts/broken.facts.yaml:2: invalid YAML" in err
    assert "facts/empty.facts.yaml:1: the file is empty" in err
    assert "seeds/unregistered.txt: is not in facts/register.yaml" in err
    assert err.rstrip().endswith(f"3 error(s); {GOOD_FACTS} fact(s) loaded without errors.")


def test_coverage_lists_each_number_with_its_line_and_column(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--project", str(corpus.root), "coverage"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "seeds/dated.txt: 12 number(s), all covered",
        "  1:19      '26'           excluded: The dateline.",
        "  1:23      '2024'         excluded: The dateline.",
    ]
    assert (
        "  3:9       'one'          facts: crossings-one-day, boats-one-day, people-per-boat"
        in lines
    )
    assert "  5:22      '£476 million' facts: scheme-cost" in lines  # one number, not two


def test_coverage_fails_with_line_and_column_of_what_nothing_covers(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    path = corpus.root / "facts" / "undated.facts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").split("  - id: meeting-autumn")[0], encoding="utf-8"
    )
    assert main(["--project", str(corpus.root), "coverage"]) == 1
    captured = capsys.readouterr()
    assert "  4:5       'two'          NOT COVERED" in captured.out.splitlines()
    assert captured.err == (
        "seeds/undated.txt:4:5: coverage: 'two' is not covered by any fact or exclusion\n"
        "  Hint: Add a fact whose quote contains it, or an exclusion (quote and reason) in the "
        "seed's facts/*.facts.yaml file.\n"
        "\n1 number(s) or seed(s) not accounted for.\n"
    )


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
            "seeds/101_norland_estmark.txt",
            "seeds/102_norland_vesterland.txt",
        }
        assert document["title"].startswith("Harbour crossings")
