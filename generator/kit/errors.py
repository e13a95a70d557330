"""The one error type of every stage, and the warnings that go beside it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class Diagnostic:
    """A message about a place in a file, printed as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return visible(f"{_shown(self.path)}:{self.line}: {self.message}")

    def as_warning(self) -> str:
        return visible(f"{_shown(self.path)}:{self.line}: warning: {self.message}")


def _shown(path: str) -> str:
    """A path whose name begins or ends with a space, quoted: otherwise the
    space does not show ("x.md " reads as "x.md")."""
    if any(part != part.strip() for part in path.replace("\\", "/").split("/")):
        return f'"{path}"'
    return path


def visible(text: str) -> str:
    """``text`` with every character that does not show (line breaks,
    controls, zero-width and format characters, spaces other than the
    space) written as an escape: a message stays on one line, and two
    names that look the same show how they differ."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class StenogramError(Exception):
    """Bad input or a refused operation, always tied to a file and a line.

    The CLI prints ``str(error)`` as one line and exits non-zero; nothing
    else in the package prints errors.
    """

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.diagnostic = Diagnostic(str(path), line, message)
        super().__init__(str(self.diagnostic))

    def __reduce__(self):
        # Raised in a worker process, it crosses back to the build by pickle.
        return (StenogramError, (self.path, self.line, self.message))

    @property
    def path(self) -> str:
        return self.diagnostic.path

    @property
    def line(self) -> int:
        return self.diagnostic.line

    @property
    def message(self) -> str:
        return self.diagnostic.message


def did_you_mean(word: str, known: Iterable[str], prefix: str = "") -> str:
    """' (did you mean 'offices'?)' for a misspelt key, naming the closest
    of ``known`` (with ``prefix``, as the file writes it); '' when none is close."""
    close = difflib.get_close_matches(word, sorted(known), 1)
    return f" (did you mean '{prefix}{close[0]}'?)" if close else ""
