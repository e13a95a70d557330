"""Finding and reading content files: which files, their bytes, their
signatures (size, times, inode: a file that keeps all four is unchanged)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.kit.characters import first_forbidden
from generator.content.persons import FILE_NAME
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.files import read_regular_with_status

MAX_CONTENT_BYTES = 16 * 1024 * 1024
Signature = tuple[int, int, int, int]
# Notes that may sit at the top of content/ beside persons.yaml (the
# archive's attribution, its licence), whatever their extension.
DOCUMENTATION = frozenset("README LICENSE LICENCE COPYING ATTRIBUTION NOTICE AUTHORS".split())
# Spellings of a Markdown file that are not read, but look as if they were meant to be.
_MARKDOWN_LOOKALIKES = (".md", ".markdown", ".mdown", ".mkd")


@dataclass(frozen=True)
class ContentFiles:
    """What content/ holds: the files read, their signatures, and a warning
    for everything else in it that is not read (hidden names aside)."""

    paths: list[Path]
    signatures: list[Signature]
    skipped: list[Diagnostic]


def content_files(content_dir: Path) -> ContentFiles:
    """Every *.md below content/, sorted, and its signature, in one pass; a
    link out of content/ is an error. Linked folders are not followed (a
    loop, or the same files twice), and are named in a warning like every
    other file that is not read, but for persons.yaml, notes such as
    ATTRIBUTION.txt at the top, and hidden files."""
    root = content_dir.resolve()
    found: list[tuple[list[str], str, Signature]] = []
    skipped: list[tuple[list[str], Diagnostic]] = []
    top = os.fspath(content_dir)
    folders = [(top, False)]
    while folders:
        folder, in_hidden = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            raise StenogramError(Path(folder), 1, f"cannot read this folder: {error.strerror}") from None
        for entry in entries:
            # Hidden names (.git, .DS_Store, editors' swap files) hold no
            # transcripts; a hidden .md file is still read.
            hidden = in_hidden or entry.name.startswith(".")
            if folder == top and (entry.name == FILE_NAME or _is_documentation(entry)):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, hidden))
            elif not entry.name.endswith(".md") or _is_linked_folder(entry):
                if not hidden:
                    skipped.append((entry.path.split(os.sep), _not_read(entry)))
            else:
                try:
                    if entry.is_symlink() and not Path(entry.path).resolve(strict=True).is_relative_to(root):
                        raise StenogramError(Path(entry.path), 1, "links outside the content folder")
                    status = entry.stat()
                except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
                    why = getattr(error, "strerror", None) or "a loop of symbolic links"
                    raise StenogramError(Path(entry.path), 1, f"cannot read: {why}") from None
                if not stat.S_ISREG(status.st_mode):
                    raise StenogramError(Path(entry.path), 1, "is not a regular file (a pipe, a device or a socket)")
                signature = _signature(status)
                # Sorted as paths (by their parts), as strings would put "a-b/x" before "a/x".
                found.append((entry.path.split(os.sep), entry.path, signature))
    found.sort(key=lambda item: item[0])
    skipped.sort(key=lambda item: item[0])
    return ContentFiles([Path(path) for _, path, _ in found], [signature for _, _, signature in found],
                        [warning for _, warning in skipped])


def _is_documentation(entry: os.DirEntry) -> bool:
    return entry.name.split(".")[0].upper() in DOCUMENTATION and entry.is_file()


def _is_linked_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:  # a loop of links: reading it says so
        return False


def _not_read(entry: os.DirEntry) -> Diagnostic:
    if _is_linked_folder(entry):
        why = "a linked folder is not followed; move or copy its files into the content folder"
    elif entry.name != entry.name.strip():
        why = "not read: its name begins or ends with a space; rename it"
    elif entry.name.lower().endswith(_MARKDOWN_LOOKALIKES):
        why = "not read: content files end in '.md' (lower case); rename it"
    else:
        why = "not read: only '.md' files and persons.yaml belong in the content folder"
    return Diagnostic(entry.path, 1, why)


def _signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def read_bytes(path: Path) -> tuple[bytes, Signature]:
    """The file's bytes and the signature of what was read."""
    data, status = read_regular_with_status(path, MAX_CONTENT_BYTES)
    return data, _signature(status)


def decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise StenogramError(path, data.count(b"\n", 0, data.find(b"\x00")) + 1, "binary data (NUL byte)")
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise StenogramError(path, data.count(b"\n", 0, error.start) + 1, "not UTF-8") from None
    forbidden = first_forbidden(text)
    if forbidden is not None:
        raise StenogramError(path, *forbidden)
    return text
