"""The only code that writes files: whole files or nothing, and the site swap."""

from __future__ import annotations

import os
import shutil
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


def archive_file(source: Path, folder: Path) -> Path:
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


MARKER = ".stenogram-site"


class StagedSite:
    """A new site is written into a fresh folder beside ``out`` and swapped in
    only by ``commit()``; any failure before that leaves ``out`` untouched.

    ``out`` must be a site this class built before (it carries a marker file)
    or absent or empty, so that a mistyped --out never deletes other files.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.staging = out.parent / f".{out.name}.staging"
        self._old = out.parent / f".{out.name}.old"
        self.written = 0
        self.reused = 0
        self._folders: set[Path] = set()

    def __enter__(self) -> StagedSite:
        if self.out.exists() and not (self.out / MARKER).exists() and any(self.out.iterdir()):
            from generator.errors import StenogramError

            raise StenogramError(
                self.out, 1, "output folder exists and was not built by stenogram; refusing to replace it"
            )
        # A build killed between the two renames of the fallback swap left
        # the old site aside and none in place: put it back first.
        if not self.out.exists() and (self._old / MARKER).exists():
            os.replace(self._old, self.out)
        # Leftovers of a build that was killed are never part of a site.
        for leftover in (self.staging, self._old):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.staging.mkdir(parents=True)
        (self.staging / MARKER).write_bytes(b"")
        return self

    def _target(self, relative: str) -> Path:
        target = self.staging / relative
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target

    def write(self, relative: str, data: bytes) -> None:
        self._target(relative).write_bytes(data)
        self.written += 1

    def reuse(self, relative: str) -> bool:
        """Take ``relative`` from the current site unchanged (a hard link:
        no copy, and the current site is never written to)."""
        current = self.out / relative
        if not current.is_file() or current.is_symlink():
            return False
        target = self._target(relative)
        try:
            os.link(current, target)
        except OSError:
            shutil.copyfile(current, target)
        self.reused += 1
        return True

    def commit(self) -> None:
        if self.out.exists() and _exchange(self.staging, self.out):
            shutil.rmtree(self.staging)  # now the old site
            return
        if self.out.exists():
            os.replace(self.out, self._old)
        os.replace(self.staging, self.out)
        if self._old.exists():
            shutil.rmtree(self._old)

    def __exit__(self, kind, value, traceback) -> None:
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 with
    RENAME_EXCHANGE): readers see the old site or the new, never neither.
    False where the system cannot, and the caller falls back to renames."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0
