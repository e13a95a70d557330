"""What import records of the content file it wrote: the file's digest
(``source.written``, the sha256 of the file with that one line left out).
A file that still matches it is import's own, untouched since: after a
change to persons.yaml, import may write it again with the names resolved
anew; a file edited by hand no longer matches, and is never overwritten
without --force."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from generator.content.file_format import FENCE, compose

_LINE = re.compile(r"^  written: ([0-9a-f]{64})\n", re.M)


def _source(text: str) -> tuple[int, int] | None:
    """Where the front matter's ``source`` mapping starts and ends (its lines are indented)."""
    start = text.find("\nsource:\n")
    if start < 0:
        return None
    end = start + len("\nsource:\n")
    while text.startswith("  ", end):
        end = text.index("\n", end) + 1
    return start, end


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign(front: dict[str, Any], body: str) -> str:
    """The content file of ``front`` and ``body`` as import writes it, with
    its digest last in ``source``. ``source``, a mapping, is the front
    matter's last key, so that line goes last in the front matter: the
    file is written once, not its front matter twice."""
    text = compose(front, body)
    if not front or next(reversed(front)) != "source" or not isinstance(front["source"], dict) or not front["source"]:
        return text
    end = text.index(f"\n{FENCE}\n") + 1
    return text[:end] + f"  written: {_digest(text)}\n" + text[end:]


def as_written(text: str) -> bool:
    """Whether ``text`` is a content file as import wrote it, untouched since."""
    found = _source(text)
    line = _LINE.search(text, *found) if found is not None else None
    return line is not None and _digest(text[:line.start()] + text[line.end():]) == line.group(1)
