"""How the dataset is cited: its version, the address it was read at and the day.

The version is a content hash of the project's files, so it is the same wherever the
same facts are served: on Streamlit Community Cloud, in a clean clone, in a copied
folder with no git history. (A ``git describe`` is not: a copy has no .git, and a
shallow clone knows no tags.) Anyone can recompute it in a shell, in the project's
folder::

    find facts seeds -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort \\
        | xargs sha256sum | sha256sum | cut -c1-12

that is: the first 12 hex digits of the SHA-256 of ``sha256sum``'s lines for every
file directly in facts/ and seeds/, in byte order of their paths.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dashboard.facts.model import FactSet
from dashboard.paths import ProjectPaths
from dashboard.views.model import Dataset

VERSION_DIGITS = 12


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def content_version(paths: ProjectPaths) -> str:
    """The first 12 hex digits of the SHA-256 of ``sha256sum``'s output for every regular
    file directly in facts/ and seeds/ (hidden files left out), sorted by path."""
    listed: list[tuple[str, Path]] = []
    for folder in (paths.facts_dir, paths.seeds_dir):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            # Regular files only, never through a link: what the loader reads.
            if entry.name.startswith(".") or not stat.S_ISREG(
                entry.stat(follow_symlinks=False).st_mode
            ):
                continue
            listed.append((f"{folder.name}/{entry.name}", Path(entry.path)))
    lines = "".join(
        f"{_file_digest(path)}  {name}\n"
        for name, path in sorted(listed, key=lambda item: item[0].encode("utf-8"))
    )
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:VERSION_DIGITS]


@dataclass(frozen=True)
class Edition:
    """What a citation needs besides the dataset: which version was read, where, and when."""

    version: str
    accessed: dt.date
    address: str | None = None  # the dashboard's address; None when not known


def citation_text(dataset: Dataset, factset: FactSet, edition: Edition) -> str:
    """The title with its version, the address and access date, every source, and the
    views' words on citing."""
    sources = "; ".join(
        f"{seed.entry.label} (seeds/{seed.file})" for seed in factset.seeds.values()
    )
    where = f" {edition.address}." if edition.address else ""
    return (
        f"{dataset.title} (version {edition.version}).{where} "
        f"Accessed {edition.accessed.isoformat()}. "
        f"Curated facts with verbatim quotes from: {sources}. {dataset.citation}"
    )


def today(timezone: dt.tzinfo | None = None) -> dt.date:
    """Today's date where the reader is (UTC when not known): the access date."""
    return dt.datetime.now(timezone or dt.UTC).date()
