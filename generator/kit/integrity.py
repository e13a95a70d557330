"""What the site's files are, as recorded after a build, so that the next
build can tell which files someone deleted, changed or added since, and
make them again instead of trusting them.

A file is known by its size, modification time and inode: deleting,
rewriting or replacing it changes one of them, and hard links (which the
staged copy and the site in place share) keep all three. A write that
keeps the size and puts the modification time back (``cp -p``, ``touch
-r``, ``rsync --inplace -t``) is seen by the change time, which no one
can set: it moved while the number of links stayed. (Adding or removing
a link, as the staged copy does, moves it too, and changes that number.)
The search index's files are known by the first three alone: the search
stage keeps or remakes whole shards by them.

Every file is also known by a digest of its bytes, the second witness: a
file whose signature moved is still trusted when its bytes are as
recorded. That is what a restored build cache looks like (CI's cache is a
tar archive: every file comes back with a new inode and change time), and
reading the site's files costs a fraction of rendering them again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.kit.errors import StenogramError
from generator.kit.files import FOLDER_MODE
from generator.kit.files import MAX_INPUT_BYTES, read_regular
from generator.kit.layout import MARKER, SEARCH_FOLDER

Signatures = dict[str, str]  # path below the site -> "size:mtime:inode[:ctime:links]"
Digests = dict[str, str]  # path below the site -> content_digest of its bytes
_SEARCH = SEARCH_FOLDER + "/"


def signatures(root: Path, under: str = "", skip: str = "", empty: list[str] | None = None,
               odd: list[str] | None = None) -> Signatures:
    """Every file below ``root`` (or its folder ``under``), but the marker
    and the top-level folder ``skip``; the folders that hold nothing are
    added to ``empty``, and those whose mode someone changed (made
    read-only) to ``odd``, when they are given."""
    found: Signatures = {}
    start = root / under if under else root
    if not start.is_dir():
        return found
    folders = [(os.fspath(start), under.rstrip("/") + "/" if under else "")]
    while folders:
        folder, relative = folders.pop()
        held = False
        with os.scandir(folder) as entries:
            for entry in entries:
                held = True
                if entry.is_dir(follow_symlinks=False):
                    if not relative and entry.name == skip:
                        continue
                    folders.append((entry.path, f"{relative}{entry.name}/"))
                    if odd is not None and entry.stat(follow_symlinks=False).st_mode & 0o777 != FOLDER_MODE:
                        odd.append(f"{relative}{entry.name}")
                elif relative or entry.name != MARKER:
                    path = relative + entry.name
                    found[path] = signature(entry.stat(follow_symlinks=False), path)
        if not held and relative and empty is not None:
            empty.append(relative.rstrip("/"))
    return found


def signature(status: os.stat_result, path: str) -> str:
    if path.startswith(_SEARCH):
        return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ino}"
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ino}:{status.st_ctime_ns}:{status.st_nlink}"


def same(found: str | None, recorded: str | None) -> bool:
    """Whether a file found is the one recorded: the same size, time and
    inode, and its change time the same unless its links changed."""
    if found == recorded:
        return True
    if found is None or recorded is None:
        return False
    now, then = found.split(":"), recorded.split(":")
    return len(now) == len(then) == 5 and now[:3] == then[:3] and now[4] != then[4]


def all_same(found: Signatures, recorded: Signatures) -> bool:
    return found.keys() == recorded.keys() and all(same(value, recorded[path]) for path, value in found.items())


def total_size(recorded: Signatures) -> int:
    """The bytes of the files ``recorded`` (their signatures start with their size)."""
    return sum(int(value.split(":", 1)[0]) for value in recorded.values())


def is_recorded(root: Path, path: str, recorded: Signatures, digests: Digests) -> bool:
    """Whether the file ``path`` below ``root`` is still as ``recorded``,
    by its signature or else by its bytes."""
    try:
        if same(signature((root / path).stat(), path), recorded.get(path)):
            return True
    except OSError:
        return False
    return holds(root, path, digests)


def content_digest(data: bytes) -> str:
    """The digest of a file's bytes: 64 bits tell damage apart, and keep
    the record small (103,000 files at 30,000 transcripts)."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def holds(root: Path, path: str, digests: Digests) -> bool:
    """Whether ``path`` below ``root`` is a regular file (not a link to
    one) whose bytes are those recorded in ``digests``."""
    recorded = digests.get(path)
    if recorded is None:
        return False
    try:
        # A string path, not root / path: a restored site has 100,000 files to vouch for.
        data = read_regular(os.path.join(root, path), MAX_INPUT_BYTES, "a site's", follow_links=False)
    except StenogramError:
        return False
    return content_digest(data) == recorded


def new_digests(root: Path, files: Signatures, known: Digests, recorded: Signatures, digests: Digests) -> Digests:
    """The digest of every file of a new site (``files``, below ``root``):
    ``known`` where the build has it, the recorded one where the file is
    still as ``recorded``, else read."""
    found: Digests = {}
    for path, value in files.items():
        if path in known:
            found[path] = known[path]
        elif path in digests and same(value, recorded.get(path)):
            found[path] = digests[path]
        else:
            with open(os.path.join(root, path), "rb") as stream:
                found[path] = content_digest(stream.read())
    return found


def without(recorded: Signatures, under: str) -> Signatures:
    """``recorded`` but the part below the folder ``under``."""
    prefix = under.rstrip("/") + "/"
    return {path: value for path, value in recorded.items() if not path.startswith(prefix)}


def differences(found: Signatures, recorded: Signatures) -> tuple[set[str], set[str]]:
    """(paths recorded that are missing or not as recorded, paths found that were never recorded)."""
    damaged = {path for path, value in recorded.items() if not same(found.get(path), value)}
    return damaged, set(found) - set(recorded)
