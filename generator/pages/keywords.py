"""A person's own words: what a person page shows of the words its person
uses markedly more than the rest of the archive, and who qualifies. The
words are found by the search stage (``output.keyness``), from the same
exact counts the search page charts; the pages that show them are
rendered after it."""

from __future__ import annotations

from typing import NamedTuple

KEY_WORDS = 20  # listed on a person page, at most
FROM_WORDS = 1_000  # a person's words in statements before their own words are listed
AT_LEAST = 5  # times a person says a word before it can be one of their own


class KeyWord(NamedTuple):
    word: str  # the indexed word (a stem), which the search matches
    form: str  # the form the archive writes most, shown and searched for
    said: int  # occurrences in the person's statements
    elsewhere: int  # occurrences in the rest of the archive
    score: float  # log-likelihood (G²) of the person's use against the rest's


def qualifies(words: int) -> bool:
    """Whether a person who spoke ``words`` words has enough for their own words to mean anything."""
    return words >= FROM_WORDS
