"""Slugs: the lower-cased ASCII transliteration of a name, words joined by '-'."""

from __future__ import annotations

import re

from anyascii import anyascii

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 100


def slugify(name: str) -> str:
    """'Krasnodar Territory' -> 'krasnodar-territory'; '' when nothing is left.

    Apostrophes vanish rather than split a word (Let’s -> lets); a slug is cut
    at a word boundary so that very long titles keep readable URLs.
    """
    ascii_name = anyascii(name).lower().replace("'", "")
    slug = _NON_WORD.sub("-", ascii_name).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug
