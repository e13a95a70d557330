"""Whole files or nothing: every file Stenogram writes outside a staged
site goes through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file_atomic(target: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``target``, then rename it over."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
