"""Whole files or nothing: every file Stenogram writes outside a staged
site goes through here; and input read only from regular files, within a
size cap (a FIFO would hang the reader, /dev/zero would fill memory)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from generator.kit.errors import StenogramError


def umask() -> int:
    """The process's umask: reading it means setting it, so it is set back at once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def folder_mode() -> int:
    """The mode a folder the build makes has (what the umask leaves of 0o777)."""
    return 0o777 & ~umask()


FOLDER_MODE = folder_mode()


def write_file_atomic(target: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``target``, then rename it over. The
    file keeps the mode it had, or a new one gets what the umask allows
    (a temporary file is created private, and would stay so)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~umask()
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(target)) from None  # named for the message
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def read_regular(path: Path | str, limit: int, what: str = "a transcript", *, follow_links: bool = True) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most
    ``limit`` bytes (and not a symbolic link, unless ``follow_links``);
    anything else is an error naming it. Every file the program reads as
    input (transcripts, persons.yaml, stenogram.toml, templates, a site's
    files for ``check``) is read through here."""
    return read_regular_with_status(path, limit, what, follow_links=follow_links)[0]


def read_regular_with_status(path: Path | str, limit: int, what: str = "a transcript", *,
                             follow_links: bool = True) -> tuple[bytes, os.stat_result]:
    """``read_regular``, and the status of the file as it was read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: opening a FIFO to read would wait for a writer.
        handle = os.open(path, flags)
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            problem = "no such file"
        elif error.errno == errno.ELOOP and not follow_links and os.path.islink(path):
            problem = "is a symbolic link, which is not followed here"
        elif error.errno == errno.ELOOP:
            problem = "cannot read: a loop of symbolic links"
        else:
            problem = f"cannot read: {error.strerror}"
        raise StenogramError(path, 1, problem) from None
    # Checked before the handle becomes a stream: Python refuses to make a
    # stream of a folder, with an OSError of its own instead of ours.
    status = os.fstat(handle)
    problem = None
    if stat.S_ISDIR(status.st_mode):
        problem = f"is a directory, not {what} file"
    elif not stat.S_ISREG(status.st_mode):
        problem = "is not a regular file (a pipe, a device or a socket); only files are read"
    elif status.st_size > limit:
        problem = f"file is {status.st_size:,} bytes; {what} may be at most {limit:,}"
    if problem is not None:
        os.close(handle)
        raise StenogramError(path, 1, problem)
    with os.fdopen(handle, "rb") as stream:
        try:
            # Asked for its size, not the limit: a read of n bytes allocates n
            # (64 MiB for a page of 20 KB), which made reading a site three times slower.
            wanted = status.st_size + 1
            data = stream.read(wanted)
            if len(data) == wanted:  # it grew after fstat: the rest, up to the limit
                data += stream.read(limit + 1 - len(data))
        except OSError as error:
            raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None
    if len(data) > limit:  # it grew while being read
        raise StenogramError(path, 1, f"file is more than {limit:,} bytes; {what} may be at most {limit:,}")
    return data, status


# The most the program reads of an input that is not a transcript.
MAX_SETTINGS_BYTES = 1024 * 1024  # stenogram.toml
MAX_INPUT_BYTES = 64 * 1024 * 1024  # persons.yaml, a template, an asset, a page of a site to check


def missing(path: Path, what: str) -> str:
    """Why ``path`` cannot be used, for a message: a loop of symbolic links
    (which the system reports as "no such file") is said as such."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return f"{what} is a loop of symbolic links"
        except OSError as error:
            if error.errno == errno.ELOOP:
                return f"{what} is a loop of symbolic links"
            return f"{what} is a symbolic link to nothing"
    return f"{what} not found"


def make_writable(folder: Path) -> None:
    os.chmod(folder, os.stat(folder).st_mode | 0o700)


def remove_tree(path: Path) -> None:
    """Remove a copy of ours, folders someone made read-only in it included."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
        return

    def retry(function, failed, error) -> None:
        if isinstance(error, FileNotFoundError):
            return
        if not isinstance(error, PermissionError):
            raise error
        failed = Path(failed)
        make_writable(failed.parent)
        if failed.is_dir() and not failed.is_symlink() and function is not os.rmdir:
            make_writable(failed)  # it could not be read, so not emptied: now it can
            remove_tree(failed)
        else:
            function(failed)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=lambda function, failed, info: retry(function, failed, info[1]))


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source``, or a copy where links fail
    (another file system): the staged site shares what did not change."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
