"""Entries of facts/ and seeds/ that are not regular files, oversize files, and what
the user sees of them: refused by name without being opened, with paths relative to
the project, and every other fact still loads (in validate and on the Data page)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports
from dashboard.cli import main
from dashboard.facts.errors import ErrorCode
from dashboard.facts.files import MAX_FILE_BYTES, NOT_A_FILE_HINT
from dashboard.facts.load import load_facts
from dashboard.facts.model import FactSet
from dashboard.paths import PROJECT_DIR_ENV, REPO_DIR
from dashboard.views.project import load_project
from tests.conftest import EDITION
from tests.corpus_builder import (
    DATED_FACTS,
    DATED_FACTS_TEXT,
    GOOD_FACTS,
    UNDATED,
    UNDATED_FACTS,
    UNDATED_FACTS_TEXT,
    Corpus,
    SeedSpec,
    build_corpus,
    standard_seeds,
)

HINT = f"  Hint: {NOT_A_FILE_HINT}"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "project")


def load_within(root: Path, seconds: float = 30) -> FactSet:
    """load_facts in a thread that must finish: a FIFO once made every load wait forever."""
    result: list[FactSet] = []
    thread = threading.Thread(target=lambda: result.append(load_facts(root)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "load_facts did not return"
    return result[0]


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text("facts: []\n", encoding="utf-8")


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def link_to_a_good_file_elsewhere(path: Path) -> None:
    elsewhere = path.parent.parent.parent / "elsewhere.facts.yaml"
    elsewhere.write_text("facts: []\n", encoding="utf-8")
    path.symlink_to(elsewhere)


def make_device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # as /dev/zero
    except PermissionError:
        pytest.skip("this machine does not let us create a device")


NOT_FILES: list[tuple[str, Callable[[Path], None], str]] = [
    ("a folder", make_folder, "a folder"),
    ("a FIFO", make_fifo, "a named pipe (FIFO)"),
    ("a link to /dev/zero", link_to_zero, "a symbolic link"),
    ("a link to a good file elsewhere", link_to_a_good_file_elsewhere, "a symbolic link"),
    ("a device", make_device, "a device"),
]


@pytest.mark.parametrize(
    ("make", "what"), [pytest.param(make, what, id=name) for name, make, what in NOT_FILES]
)
def test_an_entry_of_facts_that_is_not_a_file_is_refused_by_name(
    corpus: Corpus, make: Callable[[Path], None], what: str
) -> None:
    make(corpus.root / "facts" / "x.facts.yaml")
    factset = load_within(corpus.root)
    assert [str(error) for error in factset.errors] == [
        f"facts/x.facts.yaml: is {what}, not a regular file\n{HINT}"
    ]
    assert factset.errors[0].code is ErrorCode.NOT_A_FILE
    assert len(factset.facts) == GOOD_FACTS


def test_the_register_as_a_link_is_refused(corpus: Corpus, tmp_path: Path) -> None:
    register = corpus.root / "facts" / "register.yaml"
    moved = tmp_path / "register-elsewhere.yaml"
    register.rename(moved)
    register.symlink_to(moved)
    errors = [str(error) for error in load_within(corpus.root).errors]
    assert errors[0] == f"facts/register.yaml: is a symbolic link, not a regular file\n{HINT}"
    assert str(tmp_path) not in "\n".join(errors)


def test_a_registered_seed_linked_to_a_system_file_is_refused(corpus: Corpus) -> None:
    """A link to /etc/passwd, registered with its sha256, is never read or shown."""
    target = Path("/etc/passwd")
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    link = corpus.root / "seeds" / UNDATED
    link.unlink()
    link.symlink_to(target)
    corpus.seeds[1].sha256 = digest
    corpus.write_register()
    factset = load_within(corpus.root)
    assert [str(error) for error in factset.errors] == [
        f"facts/register.yaml:16: seeds[1].file: seeds/{UNDATED} is a symbolic link, not a "
        f"regular file\n{HINT}",
        f"facts/undated.facts.yaml:1: source: 8 fact(s) from seed {UNDATED} are not shown: the "
        "seed failed its checks (facts/register.yaml:16)\n"
        "  Hint: Fix the seed or its register entry first.",
    ]
    assert UNDATED not in factset.seeds
    assert len(factset.facts) == 10  # the other seed's


@pytest.mark.parametrize(
    ("make", "what"),
    [
        pytest.param(make_fifo, "a named pipe (FIFO)", id="a FIFO"),
        pytest.param(make_folder, "a folder", id="a folder"),
        pytest.param(link_to_zero, "a symbolic link", id="a link"),
    ],
)
def test_an_unregistered_entry_of_seeds_that_is_not_a_file_is_refused_by_name(
    corpus: Corpus, make: Callable[[Path], None], what: str
) -> None:
    make(corpus.root / "seeds" / "extra.txt")
    factset = load_within(corpus.root)
    assert [str(error) for error in factset.errors] == [
        f"seeds/extra.txt: is {what}, not a regular file\n{HINT}"
    ]
    assert len(factset.facts) == GOOD_FACTS


def test_an_oversize_fact_file_is_refused(corpus: Corpus) -> None:
    corpus.write_facts(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert [str(e) for e in load_within(corpus.root).errors] == [
        "facts/zz-test.facts.yaml: is 5,242,890 bytes; fact files may be at most "
        "5,242,880\n  Hint: Split it into one fact file per seed."
    ]


def test_an_oversize_seed_is_refused(tmp_path: Path) -> None:
    big = SeedSpec("big.txt", "x" * (MAX_FILE_BYTES + 1))
    corpus = Corpus(tmp_path / "project", [*standard_seeds(), big])
    corpus.write(DATED_FACTS, DATED_FACTS_TEXT)
    corpus.write(UNDATED_FACTS, UNDATED_FACTS_TEXT)
    errors = [str(e) for e in load_within(corpus.root).errors]
    assert errors == [
        "facts/register.yaml:44: seeds[3].file: seeds/big.txt is 5,242,881 bytes; "
        "seeds may be at most 5,242,880\n  Hint: A seed is one article or report; a larger "
        "file is not one. Write the facts of a data file by hand, citing a shorter document."
    ]


def test_validate_never_shows_a_server_path(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link_to_a_good_file_elsewhere(corpus.root / "facts" / "linked.facts.yaml")
    make_fifo(corpus.root / "facts" / "fifo.facts.yaml")
    corpus.write_facts("facts:\n  - id: x\n    value: .inf\n")
    assert main(["--project", str(corpus.root), "validate"]) == 1
    captured = capsys.readouterr()
    assert str(tmp_path) not in captured.out + captured.err
    assert captured.err.splitlines()[:2] == [
        "facts/fifo.facts.yaml: is a named pipe (FIFO), not a regular file",
        HINT,
    ]
    assert "facts/linked.facts.yaml: is a symbolic link, not a regular file" in captured.err
    assert captured.err.rstrip().endswith("fact(s) loaded without errors.")
    assert f"; {GOOD_FACTS} fact(s) loaded without errors." in captured.err


def test_hostile_files_leave_the_good_facts_on_the_data_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project copy with a FIFO, a link to /dev/zero and an infinite value: the Data page
    shows the banner and every good fact."""
    good = {item.fact.id for item in load_facts(project).facts}
    facts = project / "facts"
    make_fifo(facts / "fifo.facts.yaml")
    link_to_zero(facts / "zero.facts.yaml")
    (facts / "zz-inf.facts.yaml").write_text(
        "facts:\n  - id: infinite\n    value: .inf\n", encoding="utf-8"
    )
    monkeypatch.setenv(PROJECT_DIR_ENV, str(project))
    at = AppTest.from_file(str(REPO_DIR / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    assert "problem(s) in the fact files" in at.error[0].value
    shown = at.code[0].value
    for name in ("fifo.facts.yaml", "zero.facts.yaml", "zz-inf.facts.yaml"):
        assert f"facts/{name}" in shown
    assert str(project) not in shown
    assert set(at.dataframe[0].value["fact_id"]) == good


def test_json_keeps_text_exactly_as_written(corpus: Corpus) -> None:
    """Formula escaping is for spreadsheets (CSV); JSON keeps '-2+3' as '-2+3'."""
    text = corpus.root / "facts" / "dated.facts.yaml"
    written = text.read_text(encoding="utf-8").replace(
        "statement: The scheme will cost £476 million.", 'statement: "-2+3"'
    )
    text.write_text(written, encoding="utf-8")
    project = load_project(corpus.root)
    table = project.table
    document = json.loads(exports.to_json(table, project.factset, project.views.dataset, EDITION))
    (record,) = [f for f in document["facts"] if f["fact_id"] == "scheme-cost"]
    assert record["statement"] == "-2+3"
    assert b"'-2+3" in exports.to_csv(table)  # the CSV still neutralises it
