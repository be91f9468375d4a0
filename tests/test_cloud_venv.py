"""Streamlit Community Cloud's way: a fresh environment from requirements.txt alone.

For each Python the README supports that this machine has, a virtual environment gets
requirements.txt and nothing else (the project is not installed), and every page the
app declares is run with AppTest in it. The pages are those the entrypoint registers
with st.navigation, whatever they are. A supported Python missing here is named in the
test summary (a skip with its version), never passed over in silence.

The environments are kept between runs in .venv-hosting/ (git-ignored), one per Python
version and requirements.txt, so a developer's `make test` builds them once; a fresh
clone (CI) builds them anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard.paths import REPO_DIR

pytestmark = pytest.mark.slow

SUPPORTED_PYTHONS = ("3.11", "3.12", "3.13")  # as the README says
CACHE = REPO_DIR / ".venv-hosting"
REQUIREMENTS = REPO_DIR / "requirements.txt"
APP = REPO_DIR / "dashboard" / "app.py"
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 600

# Run by the fresh environment's Python from a folder of its own, so that neither the
# repository nor the working directory is on its path: only dashboard/app.py's own
# line puts the repository there, as under `streamlit run` on Cloud.
CHECK_PAGES = textwrap.dedent(
    """
    import importlib.util, json, sys
    from pathlib import Path
    from streamlit.testing.v1 import AppTest

    app = sys.argv[1]
    installed = importlib.util.find_spec("dashboard") is not None
    at = AppTest.from_file(app, default_timeout=300).run()
    # AppTest (Streamlit 1.67) keeps the pages st.navigation registered, by their
    # script hash, in _registered_pages; it has no public list of them. A page with a
    # file is opened with switch_page; a page that is a function, by its hash.
    declared = dict(at._registered_pages)
    pages = []
    for page_hash, info in declared.items():
        script = info.get("script_path")
        if script and Path(script).is_file():
            at.switch_page(str(Path(script).relative_to(Path(app).parent)))
        else:
            at._page_hash = page_hash
        at.run()
        pages.append({
            "url_path": info.get("url_pathname", ""),
            "titles": [title.value for title in at.title],
            "elements": len(list(at.main)),
            "exceptions": [str(error.value) for error in at.exception],
        })
    print(json.dumps({
        "python": sys.version.split()[0],
        "installed": installed,
        "pages": pages,
    }))
    """
)


def python_version(executable: str) -> str | None:
    """The full version of an interpreter, or None when it does not run (a pyenv shim
    for a version that is not installed fails)."""
    try:
        answer = subprocess.run(
            [executable, "-c", "import sys; print('.'.join(map(str, sys.version_info[:3])))"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return answer.stdout.strip() if answer.returncode == 0 else None


def pyenv_pythons(version: str) -> list[str]:
    """pyenv's interpreters of ``version`` (its shims answer only for the versions
    selected, so the installed ones are looked up directly), newest first."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = root.glob(f"versions/{version}.*/bin/python{version}")

    def release(path: Path) -> list[int]:
        return [int(part) for part in path.parts[-3].split(".") if part.isdigit()]

    return [str(path) for path in sorted(found, key=release, reverse=True)]


def find_python(version: str) -> tuple[str, str] | None:
    """(executable, full version) of a Python ``version`` on this machine."""
    on_path = [shutil.which(name) for name in (f"python{version}", "python3")]
    for executable in [*filter(None, on_path), *pyenv_pythons(version)]:
        full = python_version(executable)
        if full is not None and full.rsplit(".", 1)[0] == version:
            return executable, full
    return None


def clean_environment() -> dict[str, str]:
    """This process's environment without what would lead a Python to other packages."""
    leave_out = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    environment = {key: value for key, value in os.environ.items() if key not in leave_out}
    environment["PYTHONNOUSERSITE"] = "1"
    return environment


def hosting_venv(executable: str, full_version: str) -> Path:
    """A virtual environment with requirements.txt alone, built once per Python
    version and requirements.txt (others for the same version are removed)."""
    key = hashlib.sha256(
        REQUIREMENTS.read_bytes() + f"\0{full_version}\0{sys.platform}".encode()
    ).hexdigest()[:12]
    prefix = f"python{full_version}-"
    venv = CACHE / f"{prefix}{key}"
    done = venv / ".complete"
    if done.exists():
        return venv
    CACHE.mkdir(exist_ok=True)
    for stale in CACHE.glob(f"{prefix}*"):
        shutil.rmtree(stale)
    environment = clean_environment()
    for step in (
        [executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
    ):
        built = subprocess.run(
            step, env=environment, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
        )
        if built.returncode != 0:
            pytest.fail(f"{' '.join(step)} failed:\n{built.stderr[-3000:]}", pytrace=False)
    done.write_text(REQUIREMENTS.read_text(encoding="utf-8"), encoding="utf-8")
    return venv


@pytest.mark.parametrize("version", SUPPORTED_PYTHONS)
def test_every_page_renders_from_requirements_txt_alone(version: str, tmp_path: Path) -> None:
    found = find_python(version)
    if found is None:
        pytest.skip(f"Python {version} (supported, per the README) is not on this machine")
    executable, full_version = found
    venv = hosting_venv(executable, full_version)
    checker = tmp_path / "check_pages.py"
    checker.write_text(CHECK_PAGES, encoding="utf-8")
    done = subprocess.run(
        [str(venv / "bin" / "python"), str(checker), str(APP)],
        cwd=tmp_path,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"Python {result['python']}: {[page['url_path'] for page in result['pages']]}")
    assert result["python"] == full_version
    assert result["installed"] is False  # requirements.txt alone, as on Cloud
    assert result["pages"], "the app declared no pages"
    for page in result["pages"]:
        assert page["exceptions"] == [], page
        assert page["elements"] > 0, page
        assert len(page["titles"]) >= 1, page
