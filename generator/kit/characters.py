"""Characters a transcript may not hold: controls other than tab and line
break, lone surrogates and the two non-characters. None of them can be
written in an XML feed (one would make every Atom feed ill-formed), and
none is ever part of a real transcript's words."""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (U+0080-U+009F in a
# transcript is nearly always Windows-1252 read as Latin-1 upstream),
# surrogates (only a YAML escape can make one), U+FFFE and U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_in(text: str) -> str | None:
    """What is wrong with the first forbidden character of ``text``, or None."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "lone surrogate" if 0xD800 <= code <= 0xDFFF else (
        "non-character" if code >= 0xFFFE else "control character")
    return f"{kind} U+{code:04X} in text"


def first_forbidden(text: str) -> tuple[int, str] | None:
    """The line (from 1) of the first forbidden character and the problem."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, forbidden_in(found.group()) or ""
