"""Digests: one hash function for every key the build compares."""

from __future__ import annotations

import hashlib
from pathlib import Path

import generator
from generator.kit.errors import StenogramError


def digest(*parts: bytes) -> str:
    """The hash of ``parts``, each length-prefixed so that no two
    different sequences of parts share a digest by concatenation."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def tree_digest(*folders: Path) -> bytes:
    """The hash of every file below ``folders``: code, templates."""
    parts: list[bytes] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            try:
                data = path.read_bytes()
            except OSError as error:
                raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None
            parts += [path.relative_to(folder).as_posix().encode(), data]
    return digest(*parts).encode()


# Every key includes the code: a new version of Stenogram never reuses
# what an older one made.
CODE = tree_digest(Path(generator.__file__).parent)
