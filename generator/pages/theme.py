"""The theme: the templates folder, its Jinja templates and its assets,
read once per build. The settings' digest, the check of its characters,
the template engine and the asset pages all take the theme's files from
here, so a build reads each file of it once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.kit.characters import first_forbidden
from generator.kit.errors import StenogramError
from generator.kit.files import MAX_INPUT_BYTES, missing, read_regular
from generator.kit.hashing import files_digest

ASSETS = "assets/"  # the theme's folder of files served as they are
# The files of a theme that pages are made of, and so may bring into them a
# character no page may hold (kit.characters); images and fonts are not read.
_TEXT_SUFFIXES = (".html", ".xml", ".txt", ".css", ".js", ".json", ".svg")


@dataclass(frozen=True)
class Theme:
    folder: Path
    files: dict[str, bytes]  # path below the folder, with "/", in order -> the file's bytes

    def digest(self) -> bytes:
        """What every page's key holds of the theme: each file's path and bytes."""
        return files_digest(self.files.items())

    def refuse_forbidden_characters(self) -> None:
        """Content and settings are held to kit.characters as they are read;
        so is the theme, here, once a build that renders: the pages made of
        them need not be searched for such characters one by one
        (``stenogram check`` does)."""
        for path, data in self.files.items():
            if path.endswith(_TEXT_SUFFIXES):
                forbidden = first_forbidden(data.decode("utf-8", "replace"))
                if forbidden is not None:
                    raise StenogramError(self.folder / path, *forbidden)

    def template(self, name: str) -> str | None:
        """A template's text (None: the theme has none of that name)."""
        data = self.files.get(name)
        return None if data is None or name.startswith(ASSETS) else data.decode("utf-8")

    def assets(self) -> list[tuple[str, bytes]]:
        """The files of ``assets/``, each with its path below it."""
        return [(path.removeprefix(ASSETS), data) for path, data in self.files.items() if path.startswith(ASSETS)]


def read_theme(folder: Path) -> Theme:
    """Every file below ``folder``. A folder or file that cannot be read is
    an error naming it (the pages' links to an asset would otherwise be
    reported as broken, far from the cause); anything but a folder must be
    a file: a pipe among the templates would hang the build."""
    if not folder.is_dir():
        raise StenogramError(folder, 1, missing(folder, "templates folder"))

    def refuse(error: OSError) -> None:
        raise StenogramError(error.filename or folder, 1, f"cannot read this folder: {error.strerror}")

    found = []
    for at, subfolders, names in os.walk(folder, onerror=refuse):
        subfolders.sort()
        found += [Path(at) / name for name in names]
    return Theme(folder, {path.relative_to(folder).as_posix(): read_regular(path, MAX_INPUT_BYTES, "a template")
                          for path in sorted(found, key=lambda p: p.relative_to(folder).as_posix())})
