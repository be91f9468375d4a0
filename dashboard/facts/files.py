"""Reading the project's files safely: regular files only, links never followed, and
never more than a limit.

Every entry of facts/ and seeds/ that is read goes through :func:`read_regular_file`.
An entry that is not a regular file (a folder, a symbolic link, a named pipe, a
device) is refused by its name after an ``lstat``, without being opened: opening a
FIFO waits for a writer forever, and reading a link to /dev/zero never ends.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dashboard.facts.errors import ErrorCode, FactError

MAX_FILE_BYTES = 5 * 1024 * 1024

NOT_A_FILE_HINT = (
    "Only regular files are read from facts/ and seeds/, and links are never followed: "
    "put the file itself there, or remove the entry."
)


@dataclass(frozen=True)
class FileKind:
    """What a file is for, as the size message names it."""

    plural: str  # "fact files may be at most ..."
    hint: str
    limit: int = MAX_FILE_BYTES


FACT_FILE = FileKind("fact files", "Split it into one fact file per seed.")
REGISTER = FileKind(
    "the register",
    "The register holds one short entry per seed: check that nothing else was pasted in.",
)
SEED = FileKind(
    "seeds",
    "A seed is one article or report; a larger file is not one. Write the facts of a "
    "data file by hand, citing a shorter document.",
)


def _not_regular(mode: int) -> str | None:
    """What the entry is, if it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file(shown: str, what: str) -> FactError:
    return FactError(
        shown,
        f"is {what}, not a regular file",
        hint=NOT_A_FILE_HINT,
        code=ErrorCode.NOT_A_FILE,
    )


def check_regular(path: Path, shown: str) -> FactError | None:
    """The refusal of ``path`` if it is not a regular file (by lstat: nothing opened)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return FactError(shown, f"cannot read the file: {exc.strerror}", code=ErrorCode.UNREADABLE)
    what = _not_regular(mode)
    return None if what is None else not_a_file(shown, what)


def _too_large(shown: str, size: int, kind: FileKind) -> FactError:
    return FactError(
        shown,
        f"is {size:,} bytes; {kind.plural} may be at most {kind.limit:,}",
        hint=kind.hint,
        code=ErrorCode.TOO_LARGE,
    )


def read_regular_file(path: Path, shown: str, kind: FileKind) -> bytes:
    """The bytes of ``path``, a regular file within ``kind``'s size limit.

    ``FileNotFoundError`` passes through (callers say what a missing file means);
    anything else that stops the read is a FactError naming ``shown``.
    """
    mode = os.lstat(path)  # FileNotFoundError: the caller's to word
    what = _not_regular(mode.st_mode)
    if what is not None:
        raise not_a_file(shown, what)
    if mode.st_size > kind.limit:
        raise _too_large(shown, mode.st_size, kind)
    # Opened without following a link and without waiting on a pipe, then checked
    # again: the entry may have been swapped since the lstat.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise FactError(
            shown, f"cannot read the file: {exc.strerror}", code=ErrorCode.UNREADABLE
        ) from None
    try:
        opened = os.fstat(descriptor)
        what = _not_regular(opened.st_mode)
        if what is not None:
            raise not_a_file(shown, what)
        chunks, total = [], 0
        while total <= kind.limit:
            chunk = os.read(descriptor, kind.limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > kind.limit:  # it grew since the lstat
        raise _too_large(shown, total, kind)
    return b"".join(chunks)
