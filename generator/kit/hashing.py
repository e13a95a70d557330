"""Digests: one hash function for every key the build compares."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import generator
from generator.kit.files import MAX_INPUT_BYTES, read_regular


def digest(*parts: bytes) -> str:
    """The hash of ``parts``, each length-prefixed so that no two
    different sequences of parts share a digest by concatenation."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def files_digest(files: Iterable[tuple[str, bytes]]) -> bytes:
    """The hash of files given as (path, bytes): the code's, the theme's."""
    return digest(*(part for path, data in files for part in (path.encode(), data))).encode()


def tree_digest(*folders: Path) -> bytes:
    """The hash of every file below ``folders``: the code."""
    files: list[tuple[str, bytes]] = []
    for folder in folders:
        # Anything but a folder is read, and must be a file: a pipe would hang the read.
        for path in sorted(p for p in folder.rglob("*") if not p.is_dir() and "__pycache__" not in p.parts):
            files.append((path.relative_to(folder).as_posix(), read_regular(path, MAX_INPUT_BYTES, "a source file")))
    return files_digest(files)


# Every key includes the code: a new version of Stenogram never reuses
# what an older one made.
CODE = tree_digest(Path(generator.__file__).parent)
