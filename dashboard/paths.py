"""The one place that knows where seeds and facts live.

Everything else asks this module, so tests (and the benchmark) can point the whole
app at a temporary copy of the project by setting ``DASHBOARD_PROJECT_DIR``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
PROJECT_DIR_ENV = "DASHBOARD_PROJECT_DIR"


@dataclass(frozen=True)
class ProjectPaths:
    """Where one project's seeds, facts and register are."""

    root: Path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def facts_dir(self) -> Path:
        return self.root / "facts"

    @property
    def register_file(self) -> Path:
        return self.facts_dir / "register.yaml"

    @property
    def views_file(self) -> Path:
        return self.facts_dir / "views.yaml"

    @property
    def vocabularies_file(self) -> Path:
        return self.facts_dir / "vocabularies.yaml"

    def fact_files(self) -> list[Path]:
        return sorted(self.facts_dir.glob("*.facts.yaml"))

    def relative(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project root, as written
        (links are never followed, so a link's target never shows in a message)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.name


def project_paths(root: Path | str | None = None) -> ProjectPaths:
    """The project at ``root``, else ``$DASHBOARD_PROJECT_DIR``, else this repository."""
    if root is None:
        root = os.environ.get(PROJECT_DIR_ENV) or REPO_DIR
    return ProjectPaths(Path(root))
