"""What the hosting tests share: the replica launcher, a server started from another
folder, and a missing tool that skips, or fails under CI=true."""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from dashboard.paths import REPO_DIR
from tests.conftest import load_test_module

FORCED_ERROR_DIR = Path(__file__).resolve().parent / "forced_error"
FORCED_ERROR_URL_PATH = "forced-error"
# What a hosted app shows instead of an error's message (Streamlit's own words).
REDACTED_MESSAGE_START = "This app has encountered an error."


def missing_tool(reason: str) -> None:
    """Skip, or under CI=true fail: CI must never pass by skipping these tests."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure)", pytrace=False)
    pytest.skip(reason)


@functools.cache
def replicas_module() -> ModuleType:
    """scripts/replicas.py, loaded once, beside the load test it imports."""
    load_test_module()  # first: replicas.py's `import load_test` then finds this one
    spec = importlib.util.spec_from_file_location("replicas", REPO_DIR / "scripts" / "replicas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def require_nginx() -> None:
    replicas = replicas_module()
    if replicas.find_nginx() is None:
        missing_tool(f"No nginx found: {replicas.INSTALL_HINT}")


@dataclass
class ElsewhereServer:
    """The dashboard started from a folder that is not the repository."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def started_elsewhere(
    folder: Path, options: dict[str, str] | None = None
) -> Iterator[ElsewhereServer]:
    """`streamlit run <repository>/dashboard/app.py` with ``folder`` as its working
    directory and home (so no .streamlit/config.toml of the repository's, or of this
    machine's user, is found there), with the test-only failing page of
    tests/forced_error/ and ``options`` as command-line flags."""
    load_test = load_test_module()
    (folder / "home").mkdir(parents=True, exist_ok=True)
    log = folder / "streamlit.log"
    process, url = load_test.start_streamlit(
        load_test.DASHBOARD.script,
        log=log,
        cwd=folder,
        options=options,
        env={"HOME": str(folder / "home"), "PYTHONPATH": str(FORCED_ERROR_DIR)},
    )
    server = ElsewhereServer(process, url, log)
    try:
        try:
            load_test.wait_healthy(url, process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{server.log_text()[-3000:]}") from None
        yield server
    finally:
        load_test.stop(process)
