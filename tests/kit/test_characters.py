"""One rule for the characters no transcript and no page may hold: the
text pattern (content, import) and the bytes pattern (the page check of
the build and of `stenogram check`) agree on every code point."""

from __future__ import annotations

import sys

from generator.kit.characters import FORBIDDEN, FORBIDDEN_UTF8, first_forbidden_utf8, forbidden_in


def test_the_text_and_bytes_rules_agree_on_every_code_point() -> None:
    disagree = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue  # no UTF-8 page can hold a surrogate; the text rule refuses them
        character = chr(code)
        in_text = FORBIDDEN.search(character) is not None
        if (forbidden_in(f"a{character}b") is not None) != in_text:  # the two-part search of the same rule
            disagree.append(f"text {code:#x}")
        encoded = f"a{character}b".encode("utf-8")
        in_bytes = FORBIDDEN_UTF8.search(encoded) is not None
        quick = first_forbidden_utf8(encoded) is not None  # the page check's fast way to the same answer
        if (in_text != in_bytes or in_bytes != quick) and code != 0x0D:  # a page may hold a CR, a transcript not
            disagree.append(hex(code))
    assert disagree == []


def test_every_non_character_is_named_so() -> None:
    names = [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x8FFFE, 0x10FFFE, 0x10FFFF]
    for code in names:
        assert forbidden_in(f"a{chr(code)}b") == f"non-character U+{code:04X} in text"
        assert first_forbidden_utf8(f"x\ny{chr(code)}".encode()) == (2, f"non-character U+{code:04X} in text")
    for allowed in (0xFDCF, 0xFDF0, 0xFFFD, 0x1FFFD, 0x1F600, 0x10FFFD):
        assert forbidden_in(chr(allowed)) is None and first_forbidden_utf8(chr(allowed).encode()) is None
