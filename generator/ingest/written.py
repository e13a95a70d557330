"""What import records of the content file it wrote: the file's digest
(``source.written``, the sha256 of the file with that one line left out).
A file that still matches it is import's own, untouched since: after a
change to persons.yaml, import may write it again with the names resolved
anew; a file edited by hand no longer matches, and is never overwritten
without --force."""

from __future__ import annotations

import hashlib
import re

_LINE = re.compile(r"^  written: ([0-9a-f]{64})\n", re.M)


def _source_end(text: str) -> int | None:
    """Where the front matter's ``source`` mapping ends (its lines are indented)."""
    start = text.find("\nsource:\n")
    if start < 0:
        return None
    at = start + len("\nsource:\n")
    while text.startswith("  ", at):
        at = text.index("\n", at) + 1
    return at


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign(text: str) -> str:
    """``text`` as import writes it, with its digest at the end of ``source``."""
    end = _source_end(text)
    if end is None:
        return text
    return text[:end] + f"  written: {_digest(text)}\n" + text[end:]


def as_written(text: str) -> bool:
    """Whether ``text`` is a content file as import wrote it, untouched since."""
    end = _source_end(text)
    start = text.find("\nsource:\n")
    found = _LINE.search(text, start, end) if end is not None else None
    return found is not None and _digest(text[:found.start()] + text[found.end():]) == found.group(1)
