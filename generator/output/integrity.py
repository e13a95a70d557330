"""What the site's files are, as recorded after a build, so that the next
build can tell which files someone deleted, changed or added since, and
make them again instead of trusting them.

A file is known by its size, modification time and inode: deleting,
rewriting or replacing it changes one of them, and hard links (which the
staged copy and the site in place share) keep all three.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.output.staging import MARKER

Signatures = dict[str, str]  # path below the site -> "size:mtime:inode"


def signatures(root: Path, under: str = "", skip: str = "") -> Signatures:
    """Every file below ``root`` (or its folder ``under``), but the marker
    and the top-level folder ``skip``."""
    found: Signatures = {}
    start = root / under if under else root
    if not start.is_dir():
        return found
    folders = [(os.fspath(start), under.rstrip("/") + "/" if under else "")]
    while folders:
        folder, relative = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not relative and entry.name == skip:
                        continue
                    folders.append((entry.path, f"{relative}{entry.name}/"))
                elif relative or entry.name != MARKER:
                    found[relative + entry.name] = signature(entry.stat(follow_symlinks=False))
    return found


def signature(status: os.stat_result) -> str:
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ino}"


def total_size(recorded: Signatures) -> int:
    """The bytes of the files ``recorded`` (their signatures start with their size)."""
    return sum(int(value.split(":", 1)[0]) for value in recorded.values())


def is_recorded(root: Path, path: str, recorded: Signatures) -> bool:
    """Whether the file ``path`` below ``root`` is still as ``recorded``."""
    try:
        return recorded.get(path) == signature((root / path).stat())
    except OSError:
        return False


def without(recorded: Signatures, under: str) -> Signatures:
    """``recorded`` but the part below the folder ``under``."""
    prefix = under.rstrip("/") + "/"
    return {path: value for path, value in recorded.items() if not path.startswith(prefix)}


def differences(found: Signatures, recorded: Signatures) -> tuple[set[str], set[str]]:
    """(paths recorded that are missing or not as recorded, paths found that were never recorded)."""
    damaged = {path for path, value in recorded.items() if found.get(path) != value}
    return damaged, set(found) - set(recorded)
