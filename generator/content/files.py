"""Finding and reading content files: which files, their bytes, their
signatures (size, times, inode: a file that keeps all four is unchanged)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.kit.errors import StenogramError

MAX_CONTENT_BYTES = 16 * 1024 * 1024
Signature = tuple[int, int, int, int]


def content_files(content_dir: Path) -> tuple[list[Path], list[Signature]]:
    """Every *.md below content/, sorted, and its signature, in one pass; a
    link out of content/ is an error."""
    root = content_dir.resolve()
    found: list[tuple[list[str], str, Signature]] = []
    folders = [os.fspath(content_dir)]
    while folders:  # like rglob: into no linked folder
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".md"):
                    if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(root):
                        raise StenogramError(Path(entry.path), 1, "links outside the content folder")
                    try:
                        signature = _signature(entry.stat())
                    except OSError as error:
                        raise StenogramError(Path(entry.path), 1, f"cannot read: {error.strerror}") from None
                    # Sorted as paths (by their parts), as strings would put "a-b/x" before "a/x".
                    found.append((entry.path.split(os.sep), entry.path, signature))
    found.sort(key=lambda item: item[0])
    return [Path(path) for _, path, _ in found], [signature for _, _, signature in found]


def signature_of(path: Path) -> Signature:
    try:
        return _signature(path.stat())
    except OSError as error:
        raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None


def _signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def read_bytes(path: Path) -> tuple[bytes, Signature]:
    """The file's bytes and the signature of what was read."""
    try:
        with open(path, "rb") as stream:
            status = os.fstat(stream.fileno())
            if status.st_size > MAX_CONTENT_BYTES:
                raise StenogramError(path, 1, f"file is larger than {MAX_CONTENT_BYTES:,} bytes")
            data = stream.read()
    except OSError as error:
        raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None
    return data, _signature(status)


def decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise StenogramError(path, data.count(b"\n", 0, data.find(b"\x00")) + 1, "binary data (NUL byte)")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise StenogramError(path, data.count(b"\n", 0, error.start) + 1, "not UTF-8") from None
