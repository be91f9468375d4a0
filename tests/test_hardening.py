"""The hosted settings hold whatever folder the server is started from.

`streamlit run` reads .streamlit/config.toml from its working directory and, in
Streamlit 1.67, then from beside the main script (streamlit/config.py,
get_config_files): dashboard/.streamlit/config.toml links to the repository's file, so
the one file applies either way, before the server starts. Each test starts the server
in an empty temporary folder that is also its HOME (no config there), and reads what
the frontend receives over the websocket: the settings in the session's new_session
message, and a forced error's exception element.

The forced error: the server is started with tests/forced_error/ on PYTHONPATH; its
sitecustomize adds one page that raises an error whose message names a server path.
The product's code is untouched. A control run, with the defaults put back by
command-line flags, shows that the same checks see a traceback and usage statistics.
"""

from __future__ import annotations

import asyncio
import tomllib
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from streamlit.proto.NewSession_pb2 import Config

from dashboard.paths import REPO_DIR
from tests.conftest import load_test_module
from tests.hosting_support import (
    FORCED_ERROR_DIR,
    FORCED_ERROR_URL_PATH,
    REDACTED_MESSAGE_START,
    ElsewhereServer,
    started_elsewhere,
)

pytestmark = pytest.mark.slow

load_test = load_test_module()
CONFIG = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
# Streamlit's defaults for what the config changes: the control run puts them back.
DEFAULTS = {
    "browser.gatherUsageStats": "true",
    "client.toolbarMode": "auto",
    "client.showErrorDetails": "full",
}


def first_run(url: str, page: str) -> load_test.ScriptRun:
    """A new session's first run of ``page`` (its url path), as the frontend asks."""

    async def go() -> load_test.ScriptRun:
        client = await load_test.connect_client(url)
        try:
            async with asyncio.timeout(60):
                run: load_test.ScriptRun = await client.rerun(page_name=page)
                return run
        finally:
            await client.websocket.close()

    return load_test.run_coroutine(go)  # in a thread of its own when a loop runs here


@pytest.fixture(scope="module")
def hardened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ElsewhereServer]:
    with started_elsewhere(tmp_path_factory.mktemp("elsewhere")) as server:
        yield server


@pytest.fixture(scope="module")
def with_defaults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ElsewhereServer]:
    with started_elsewhere(tmp_path_factory.mktemp("defaults"), DEFAULTS) as server:
        yield server


def test_the_script_folder_config_is_the_repositorys_file() -> None:
    beside_script = REPO_DIR / "dashboard" / ".streamlit" / "config.toml"
    assert beside_script.is_symlink()
    assert beside_script.resolve() == (REPO_DIR / ".streamlit" / "config.toml").resolve()


def test_the_frontend_gets_the_hosted_settings(hardened: ElsewhereServer) -> None:
    # Started elsewhere: neither the working directory nor HOME holds a config.
    folder = Path(psutil.Process(hardened.process.pid).cwd())
    assert folder != REPO_DIR and not (folder / ".streamlit").exists()
    run = first_run(hardened.url, "")
    assert run.new_session is not None
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert run.new_session.config.gather_usage_stats is False
    assert CONFIG["client"]["toolbarMode"] == "viewer"
    # Viewer mode: no Deploy button, no developer menu (tests/browser/test_hardening.py).
    assert run.new_session.config.toolbar_mode == Config.ToolbarMode.VIEWER
    # The theme comes from the same file.
    assert run.new_session.custom_theme.primary_color == CONFIG["theme"]["primaryColor"]
    assert "Collecting usage statistics" not in hardened.log_text()


def test_a_forced_error_shows_its_type_only(hardened: ElsewhereServer) -> None:
    assert CONFIG["client"]["showErrorDetails"] == "type"
    run = first_run(hardened.url, FORCED_ERROR_URL_PATH)
    assert len(run.exceptions) == 1
    shown = run.exceptions[0]
    assert shown.type == "RuntimeError"
    assert shown.message.startswith(REDACTED_MESSAGE_START)
    assert list(shown.stack_trace) == []
    # Nothing else the frontend got names the server's files. (Streamlit's new_session
    # message always carries the entrypoint's path, main_script_path: no setting
    # removes it; it is not an error detail.)
    sent = b"".join(
        message.SerializeToString()
        for message in run.messages
        if message.WhichOneof("type") != "new_session"
    )
    for secret in (str(FORCED_ERROR_DIR), "sitecustomize", str(REPO_DIR)):
        assert secret.encode() not in sent
    # The operator still has the whole story in the server's log.
    assert "forced error in" in hardened.log_text()


def test_with_the_defaults_back_the_same_checks_see_everything(
    with_defaults: ElsewhereServer,
) -> None:
    run = first_run(with_defaults.url, FORCED_ERROR_URL_PATH)
    assert run.new_session is not None
    assert run.new_session.config.gather_usage_stats is True
    assert run.new_session.config.toolbar_mode == Config.ToolbarMode.AUTO
    assert len(run.exceptions) == 1
    assert f"forced error in {FORCED_ERROR_DIR}" in run.exceptions[0].message
    assert any("sitecustomize.py" in line for line in run.exceptions[0].stack_trace)
