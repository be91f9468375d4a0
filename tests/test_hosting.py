"""Hosting: one dependency file for Community Cloud, in step with pyproject; safe config."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement

from dashboard.paths import REPO_DIR

CLOUD_FILES = ("uv.lock", "Pipfile", "environment.yml", "requirements.txt", "pyproject.toml")


def test_cloud_reads_requirements_txt_which_matches_pyproject() -> None:
    present = [name for name in CLOUD_FILES if (REPO_DIR / name).exists()]
    # Cloud takes the first of these it finds; requirements.txt must come first.
    assert present == ["requirements.txt", "pyproject.toml"]
    assert not any((REPO_DIR / "dashboard" / name).exists() for name in CLOUD_FILES)
    lines = (REPO_DIR / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pinned = {str(Requirement(line)) for line in lines if line and not line.startswith("#")}
    project = tomllib.loads((REPO_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned == {str(Requirement(dep)) for dep in project["project"]["dependencies"]}


def test_streamlit_config_suits_a_hosted_app() -> None:
    config = tomllib.loads((REPO_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] in ("none", "type")
    assert config["client"]["toolbarMode"] == "viewer"


def test_the_readme_names_the_pythons_the_cloud_test_runs() -> None:
    from tests.test_cloud_venv import SUPPORTED_PYTHONS

    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    share_it = readme[readme.index("## Share it") : readme.index("## Layout")]
    *first, last = SUPPORTED_PYTHONS
    assert f"Python {', '.join(first)} and {last}" in " ".join(share_it.split())
