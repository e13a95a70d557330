"""The words each person uses markedly more than the rest of the archive,
by Dunning's log-likelihood (G²), from the exact counts the search stage
merges word by word (``search.wordcounts``): a word said at least
``AT_LEAST`` times by a person with at least ``FROM_WORDS`` words, at
least ``AS_OFTEN`` times as often in their words as in the rest's (G²
alone ranks first the commonest words, where a person differs by a
hair), ranked by G². A word the search
would match with another listed word (one begins the other) is listed
once, the higher ranked. Words with digits, and of fewer than three
letters, are left out."""

from __future__ import annotations

import heapq
import math
from typing import Iterable

from generator.pages.keywords import AS_OFTEN, AT_LEAST, KEY_WORDS, KeyWord, qualifies

_KEPT = 4 * KEY_WORDS  # looked at per person: words begun by others are dropped from them


def log_likelihood(said: int, words: int, elsewhere: int, rest: int) -> float:
    """G² of ``said`` occurrences in ``words`` against ``elsewhere`` in ``rest``."""
    total = said + elsewhere
    expected = words * total / (words + rest)
    expected_elsewhere = rest * total / (words + rest)
    score = said * math.log(said / expected) if said else 0.0
    if elsewhere:
        score += elsewhere * math.log(elsewhere / expected_elsewhere)
    return 2 * score


def _about(ratio: float) -> int:
    """A ratio to one significant figure (2, 3, …, 10, 20, …): a list reads
    the same while the archive around it grows, until it reads otherwise."""
    return int(float(f"{ratio:.1g}"))


class KeyWords:
    """Gathers, word by word, each qualifying person's most key words."""

    def __init__(self, persons: dict[str, int], words: int) -> None:
        self.persons = {name: said for name, said in persons.items() if qualifies(said)}
        self.words = words  # every counted word of the archive
        self.best: dict[str, list[tuple[float, str, int, int]]] = {name: [] for name in self.persons}

    def add(self, word: str, said_by: Iterable[tuple[str, int]], occurrences: int) -> None:
        """One word: how often each person said it, and how often it occurs in all."""
        if len(word) < 3 or any(c.isdigit() for c in word):
            return
        for name, said in said_by:
            words = self.persons.get(name)
            if words is None or said < AT_LEAST:
                continue
            elsewhere, rest = occurrences - said, self.words - words
            if said * rest < AS_OFTEN * elsewhere * words:  # not markedly more often in theirs than in the rest's
                continue
            entry = (log_likelihood(said, words, elsewhere, rest), word, said, elsewhere)
            best = self.best[name]
            if len(best) < _KEPT:
                heapq.heappush(best, entry)
            elif entry > best[0]:
                heapq.heapreplace(best, entry)

    def result(self, forms: dict[str, str]) -> dict[str, tuple[KeyWord, ...]]:
        """Each qualifying person's key words, most key first (none: a tuple
        with nothing), each shown as ``forms`` gives its usual form."""
        found = {}
        for name, best in self.best.items():
            kept: list[KeyWord] = []
            for score, word, said, elsewhere in sorted(best, key=lambda e: (-e[0], e[1])):
                if any(word.startswith(k.word) or k.word.startswith(word) for k in kept):
                    continue
                rest = self.words - self.persons[name]
                as_often = _about(said * rest / (elsewhere * self.persons[name])) if elsewhere else None
                kept.append(KeyWord(word, forms.get(word, word), said, as_often))
                if len(kept) == KEY_WORDS:
                    break
            found[name] = tuple(kept)
        return found
