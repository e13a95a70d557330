"""One build at a time per output folder: a second build (the preview
server rebuilding while `make site` runs, a CI retry) stops with one line
naming the process that holds the folder, instead of both writing the same
staged copy."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from generator.kit.errors import StenogramError


@contextmanager
def site_lock(out: Path) -> Iterator[None]:
    """Hold ``.<out>.lock`` beside the output folder while the block runs.
    The lock is the operating system's (flock): it ends with the process,
    however that ends, so a killed build never leaves the folder locked;
    the file itself is removed when the block ends, so a build leaves
    nothing behind but the site."""
    path = out.parent / f".{out.name}.lock"
    while True:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise StenogramError(path, 1, f"cannot lock the output folder: {error.strerror}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(handle)
            raise StenogramError(out, 1, f"another build (process {holder}) is writing this site; "
                                 "run again when it has finished") from None
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(handle)  # the build before removed it as this one opened it: take the new one
    try:
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(handle)
