"""A person's own words: what a person page shows of the words its person
uses markedly more than the rest of the archive, and who qualifies. The
words are found by the search stage (``search.keyness``), from the same
exact counts the search page charts; the pages that show them are
rendered after it."""

from __future__ import annotations

from typing import NamedTuple

KEY_WORDS = 20  # listed on a person page, at most
FROM_WORDS = 1_000  # a person's words in statements before their own words are listed
AT_LEAST = 5  # times a person says a word before it can be one of their own
AS_OFTEN = 2  # how many times as often as everyone else, at least: "markedly more"


class KeyWord(NamedTuple):
    word: str  # the indexed word (a stem), which the search matches
    form: str  # the form the archive writes most, shown and searched for
    said: int  # occurrences in the person's statements
    # About how many times as often as in the rest of the archive, per
    # word, to one significant figure; None when no one else says it.
    as_often: int | None


def qualifies(words: int) -> bool:
    """Whether a person who spoke ``words`` words has enough for their own words to mean anything."""
    return words >= FROM_WORDS
