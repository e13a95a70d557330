"""Characters a transcript may not hold, and no page may: controls other
than tab and line break, lone surrogates and the non-characters (U+FDD0 to
U+FDEF, and the last two of every plane). None of them can be written in
an XML feed (one would make every Atom feed ill-formed), and none is ever
part of a real transcript's words. Import, the build, ``stenogram check``
and the build's own check of its pages hold this one rule."""

from __future__ import annotations

import re
import sys

_PLANE_ENDS = "".join(chr(plane << 16 | end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
# C0 controls but tab and line feed, DEL, C1 controls (U+0080-U+009F in a
# transcript is nearly always Windows-1252 read as Latin-1 upstream),
# surrogates (only a YAML escape can make one), and the non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _PLANE_ENDS + "]")
# The same, searched in two parts: a class with characters beyond U+FFFF is
# ten times slower to search, and most texts hold none of them.
_FORBIDDEN_BMP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_FORBIDDEN_ASTRAL = re.compile("[" + _PLANE_ENDS + "]")
_EMPTY_SIZE = sys.getsizeof("")
# The whole rule in a page's UTF-8 bytes, where a carriage return is allowed (a
# template may be written with CRLF line ends; HTML and XML read it as a break).
FORBIDDEN_UTF8 = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xb7[\x90-\xaf]|\xef\xbf[\xbe\xbf]"
    rb"|\xf0[\x9f\xaf\xbf]\xbf[\xbe\xbf]|[\xf1-\xf3][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]|\xf4\x8f\xbf[\xbe\xbf]"
)


def _search(text: str) -> re.Match[str] | None:
    found = _FORBIDDEN_BMP.search(text)
    # A str that holds a character beyond U+FFFF takes four bytes a
    # character (PEP 393): its size says so without a scan. (Where it does
    # not hold, the search runs anyway: never a character missed.)
    if sys.getsizeof(text) - _EMPTY_SIZE >= 4 * len(text):
        astral = _FORBIDDEN_ASTRAL.search(text, 0, found.start() if found else len(text))
        if astral is not None:
            return astral
    return found


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def forbidden_in(text: str) -> str | None:
    """What is wrong with the first forbidden character of ``text``, or None."""
    found = _search(text)
    if found is None:
        return None
    return _problem(text, found.start())


def _problem(text: str, at: int) -> str:
    code = ord(text[at])
    following = ord(text[at + 1]) if at + 1 < len(text) else 0
    if 0xD800 <= code <= 0xDBFF and 0xDC00 <= following <= 0xDFFF:
        meant = 0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)
        return (f"surrogate pair U+{code:04X} U+{following:04X} in text (a YAML escape such as "
                f"\"\\u{code:04X}\\u{following:04X}\"): write the character U+{meant:X} itself, "
                f"or \"\\U{meant:08X}\"")
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} in text"
    if _is_noncharacter(code):
        return f"non-character U+{code:04X} in text"
    return f"control character U+{code:04X} in text"


def first_forbidden(text: str) -> tuple[int, str] | None:
    """The line (from 1) of the first forbidden character and the problem."""
    found = _search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, _problem(text, found.start())


_ALLOWED_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
# Every non-character's UTF-8 holds one of these: EF B7 / EF BF (plane 0), BF BE / BF BF (the others).
_NONCHARACTER_PARTS = (b"\xef\xb7", b"\xef\xbf", b"\xbf\xbe", b"\xbf\xbf")


def first_forbidden_utf8(data: bytes) -> tuple[int, str] | None:
    """The same for UTF-8 bytes (a page): its line and the problem. Every
    page is checked, so the usual answer, none, is found by searches that
    run at memory speed; the exact pattern runs only where one may be."""
    if (not data.translate(None, _ALLOWED_BYTES) and _C1.search(data) is None
            and ((b"\xef" not in data and b"\xbf" not in data)  # one byte is found at memory speed
                 or not any(part in data for part in _NONCHARACTER_PARTS))):
        return None
    found = FORBIDDEN_UTF8.search(data)
    if found is None:
        return None
    character = found.group().decode("utf-8")
    return data.count(b"\n", 0, found.start()) + 1, _problem(character, 0)
