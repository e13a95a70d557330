"""The raw store (raw/<YYYY>/): where imported raw files are kept, so the
drop folder holds only what still needs attention."""

from __future__ import annotations

import shutil
from pathlib import Path


def keep_raw(source: Path, folder: Path) -> Path:
    """Move ``source`` into ``folder``, never over a different file: an
    identical copy already there makes the move a deletion, a different one
    gives the new file a numbered name."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    target = folder / source.name
    number = 1
    while target.exists():
        if target.read_bytes() == data:
            source.unlink()
            return target
        number += 1
        target = folder / f"{source.stem}-{number}{source.suffix}"
    shutil.move(source, target)  # a rename on one file system, a copy across
    return target
