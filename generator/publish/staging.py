"""The staged site: a new site is written beside the one in place and
swapped in at once, so readers never see a half-written site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from generator.kit.errors import StenogramError
from generator.kit.files import FOLDER_MODE, link_or_copy, make_writable, remove_tree
from generator.kit.layout import MARKER, SEARCH_FOLDER


class StagedSite:
    """A new site is made in a folder beside ``out`` and swapped in only by
    ``commit()``, in one atomic step; any failure before that leaves ``out``
    untouched.

    After the swap the old site stays beside the new one as the spare, and
    the next build starts from it: it brings the spare up to date by the
    files the last build changed, then writes its own changes. A rebuild
    thus costs what it changes, not the size of the archive, and the site
    in place is never written to. Files are shared between the two copies
    as hard links, so a file in the staging folder is always replaced,
    never written through.

    ``out`` must be a site this class built before (it carries a marker file)
    or absent or empty, so that a mistyped --out never deletes other files.
    """

    def __init__(self, out: Path, signature: Callable[[os.stat_result, str], str], keep_spare: bool = True) -> None:
        self.out = out
        self._signature = signature
        self.staging = out.parent / f".{out.name}.staging"
        self._old = out.parent / f".{out.name}.old"
        self.keep_spare = keep_spare
        self._folders: set[Path] = set()
        # Files of the site in place linked into the staging copy, each with
        # its signature before: a link changes a file's change time and number
        # of links, which would hide a change made by hand (kit/integrity.py).
        # A signature, not the status: 103,500 os.stat_result objects held
        # the build's parent about 50 MiB higher at 30,000 transcripts.
        self.linked: dict[str, str] = {}

    def __enter__(self) -> StagedSite:
        if self.out.exists() and not self.out.is_dir():
            raise StenogramError(self.out, 1, "the output folder is a file; give --out a folder")
        if self.out.exists() and not (self.out / MARKER).exists() and any(self.out.iterdir()):
            raise StenogramError(
                self.out, 1, "output folder exists and was not built by stenogram; refusing to replace it"
            )
        # A build killed between the two renames of the fallback swap left
        # the old site aside and none in place: put it back first.
        if not self.out.exists() and (self._old / MARKER).exists():
            os.replace(self._old, self.out)
        if self._old.exists():
            remove_tree(self._old)
        return self

    def prepare(self, current: bool, spare: str = "", delta: list[str] | tuple[str, ...] = ()) -> bool:
        """Make the staging folder hold the site in place (``current``: its
        manifest can be trusted, so unchanged files are taken from it), or
        nothing. ``spare`` and ``delta`` say what the spare copy is and how
        it differs from the site in place. True when the staging folder was
        the spare: its search shards are the spare's."""
        marker = self.staging / MARKER
        if current and spare and read_marker(marker) == spare:
            marker.unlink()  # from here until commit, the staging folder is no one's copy
            for relative in delta:
                self._take(relative)
            return True
        else:
            if self.staging.exists() or self.staging.is_symlink():
                remove_tree(self.staging)
            self.staging.mkdir(parents=True)
            if current:
                self._take_all()
            return False

    def _take(self, relative: str) -> None:
        """Make the staging copy of ``relative`` the one in place, or none."""
        target = self.staging / relative
        _clear(target)
        current = self.out / relative
        if current.is_file() and not current.is_symlink():
            self._link(relative, current, self._target(relative))
        else:
            self._prune(target.parent)

    def _take_all(self) -> None:
        for folder, subfolders, files in os.walk(self.out):
            relative_folder = Path(folder).relative_to(self.out)
            if relative_folder == Path("."):  # the search stage takes the shards it keeps
                subfolders[:] = [f for f in subfolders if f != SEARCH_FOLDER]
            target_folder = self.staging / relative_folder
            target_folder.mkdir(exist_ok=True)
            for name in files:
                if name != MARKER or relative_folder != Path("."):
                    relative = name if relative_folder == Path(".") else f"{relative_folder.as_posix()}/{name}"
                    self._link(relative, Path(folder) / name, target_folder / name)

    def _link(self, relative: str, current: Path, target: Path) -> None:
        self.linked[relative] = self._signature(current.stat(follow_symlinks=False), relative)
        link_or_copy(current, target)

    def _target(self, relative: str) -> Path:
        target = self.staging / relative
        if target.parent not in self._folders:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                # A file stands where a folder of the site goes (put there by
                # hand, or a page that became a folder): it is no page of this site.
                self._make_folders(target.parent)
            # A folder someone made read-only in the site in place comes back as the spare.
            if os.stat(target.parent).st_mode & 0o700 != 0o700:
                make_writable(target.parent)
            self._folders.add(target.parent)
        return target

    def _make_folders(self, folder: Path) -> None:
        for parent in [*reversed(folder.relative_to(self.staging).parents), folder.relative_to(self.staging)]:
            path = self.staging / parent
            if path != self.staging and not path.is_dir():
                _clear(path)
                path.mkdir()

    def write(self, relative: str, data: bytes) -> None:
        target = self._target(relative)
        # The staged file may be a link to the one in place: replace it, never
        # write through it. A folder where the file goes is taken away.
        _clear(target)
        target.write_bytes(data)

    def remove(self, relative: str) -> None:
        target = self.staging / relative
        if target.is_file() or target.is_symlink():
            _unlink(target)
        self._prune(target.parent)

    def restore_modes(self, folders: list[str]) -> None:
        """Folders whose mode someone changed (made read-only) get the mode the build gives."""
        for relative in folders:
            os.chmod(self.staging / relative, FOLDER_MODE)

    def remove_empty(self, folders: list[str]) -> None:
        """Take away folders that hold nothing (left by hand, or by files removed)."""
        for relative in sorted(folders, reverse=True):
            self._prune(self.staging / relative)

    def _prune(self, folder: Path) -> None:
        """Remove ``folder`` and its parents while they are empty, up to the site's root."""
        while folder != self.staging and folder.is_dir() and not any(folder.iterdir()):
            try:
                folder.rmdir()
            except PermissionError:
                make_writable(folder.parent)
                folder.rmdir()
            self._folders.discard(folder)
            folder = folder.parent

    def mark(self, identity: str, transcripts: int) -> None:
        """Write the marker: proof the folder is a Stenogram site, which one,
        and how many transcripts it holds (what the next build must not
        silently shrink)."""
        (self.staging / MARKER).write_text(f"{identity}\ntranscripts: {transcripts}\n", encoding="utf-8")

    def commit(self) -> None:
        # Either way the old site ends up in the staging folder, as the spare.
        if not (self.out.exists() and _exchange(self.staging, self.out)):
            if self.out.exists():
                os.replace(self.out, self._old)
            os.replace(self.staging, self.out)
            if self._old.exists():
                os.replace(self._old, self.staging)
        if not self.keep_spare and self.staging.exists():
            remove_tree(self.staging)

    def __exit__(self, kind, value, traceback) -> None:
        # A failed build leaves no half-written copy taking the disk (a full
        # disk stays full otherwise). Interrupted, it leaves at once: the
        # copy has no marker, and the next build clears it.
        failed = kind is not None and issubclass(kind, Exception)
        if (failed or (kind is not None and not self.keep_spare)) and self.staging.exists():
            try:
                remove_tree(self.staging)
            except OSError:
                pass  # the first error is the one to report; the next build clears the rest


def _unlink(path: Path) -> None:
    """Remove a file of our copy, in a folder someone made read-only."""
    try:
        path.unlink(missing_ok=True)
    except NotADirectoryError:
        pass  # a file stands where its folder was: nothing below it to remove
    except PermissionError:
        make_writable(path.parent)
        path.unlink(missing_ok=True)


def _clear(path: Path) -> None:
    """Take away whatever stands at ``path``: a file, a link or a folder."""
    if path.is_dir() and not path.is_symlink():
        remove_tree(path)
    else:
        _unlink(path)


def read_marker(path: Path) -> str:
    """The id of the site whose marker ``path`` is, or ''."""
    return _marker_lines(path)[0]


def published_transcripts(out: Path) -> int | None:
    """How many transcripts the site in ``out`` holds, when its marker says."""
    for line in _marker_lines(out / MARKER)[1:]:
        name, _, value = line.partition(": ")
        if name == "transcripts" and value.isdigit():
            return int(value)
    return None


def _marker_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines() or [""]
    except (OSError, UnicodeDecodeError):
        return [""]


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
