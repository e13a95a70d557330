"""The only code that writes files: whole files or nothing, and the site swap."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_file_atomic(target: Path, text: str) -> None:
    """Write to a temporary file beside ``target``, then rename it over."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
