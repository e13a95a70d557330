"""Who the narrative says was present: "Attending the meeting were Prime
Minister Mikhail Mishustin, …, and Defence Minister Sergei Shoigu."

The source opens many meetings with such a sentence: titled names joined by
commas and "and", where a title may hold commas and "and" of its own
("Special Presidential Representative for Environmental Protection, Ecology
and Transport Sergei Ivanov"). Each entry is split from its title as a
speaker label is; a name the transcript or persons.yaml does not declare is
a guess, reported like a guessed label.
"""

from __future__ import annotations

import re
from typing import Callable

from generator.content.persons import registry_entry
from generator.ingest.given_names import GIVEN_NAMES
from generator.ingest.labels import TITLE_WORDS, LabelShape, guess_name, shape
from generator.kit.errors import Diagnostic

# The sentence's opening, then the list. "the meeting" may be any few words
# ("the Security Council meeting", "the talks").
_WHAT = r"(?:the|this) [\w’'-]+(?: [\w’'-]+){0,5}"
_OPENINGS = (
    rf"(?:Also )?(?:[Aa]ttending|[Tt]aking part|[Pp]articipating|[Pp]resent)(?: (?:in|at))?(?: {_WHAT})? (?:were|was)",
    r"The [\w’'-]+(?: [\w’'-]+){0,5} was (?:also )?attended by",
    rf"(?:The )?[Pp]articipants(?: (?:in|of) {_WHAT})? included",
)
# A sentence starts a paragraph or follows one that ended; the list runs to
# the end of its sentence: a full stop before a capital, or the paragraph's end.
_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?] ))(?:" + "|".join(_OPENINGS) + r") (?P<list>.+?)(?:\.(?= [A-Z\"“«])|\.?$)"
)
_AND = re.compile(r"(?:^|,? )and ")


class Entry:
    """One person of the list: as printed, and the name in it."""

    def __init__(self, printed: str, name: str, guessed: bool) -> None:
        self.printed, self.name, self.guessed = printed, name, guessed


def _name_in(parts: LabelShape, starts: frozenset[str]) -> tuple[str, bool] | None:
    """The name a titled entry ends in, and whether the split is a guess;
    None for a title alone ("Minister of Economic Development"). A name
    starts at a given name with a family name after it ("… Development
    Maxim Reshetnikov"); else the entry's shape decides, as a guess."""
    run = parts.name_words
    last_title = max((i for i, w in enumerate(run) if w in TITLE_WORDS), default=-1)
    after = run[last_title + 1:]
    for at, word in enumerate(after[:-1]):
        if word in starts:
            return " ".join(after[at:]), False
    if last_title >= 0:
        # "… Minister Mikhail Mishustin": the title's last word right before two names.
        return (" ".join(after), len(after) != 2) if len(after) >= 2 else None
    if parts.after_connector:
        # "… for Environmental Protection" is the title's end; "… of Chechnya Ramzan Kadyrov" drops the place.
        return (guess_name(parts), True) if len(run) >= 3 else None
    return (" ".join(run), len(run) != 2) if len(run) >= 2 else None


def _entries(listed: str, find: Callable[[tuple[str, ...]], tuple[str, bool] | None],
             starts: frozenset[str]) -> list[Entry] | None:
    """The list's entries, or None when it is not a list of titled names.
    Each is kept as printed: an "and" that continues a title with a comma
    in it ("Minister of Industry and Trade, and Energy, Denis Manturov") too."""
    pieces: list[tuple[str, str]] = []  # each piece, and the "and " the list put before it
    for segment in listed.split(", "):
        joined = segment.startswith("and ")
        bare = _AND.sub("", segment, count=1) if joined else segment
        for number, piece in enumerate(_split_and(bare, find, starts)):
            pieces.append((piece, "and " if joined and number == 0 else ""))
    entries: list[Entry] = []
    title = ""
    for piece, joined in pieces:
        printed = f"{title}, {joined}{piece}" if title else piece
        parts = shape(printed)
        if parts is None or parts.anonymous:
            return None
        found = find(parts.name_words)
        named = (found[0], found[1]) if found else _name_in(parts, starts)
        if named is None:
            title = printed  # a title with a comma in it: the name is in what follows
            continue
        entries.append(Entry(parts.label, named[0], named[1]))
        title = ""
    return entries if entries and not title else None


def _split_and(segment: str, find: Callable[[tuple[str, ...]], tuple[str, bool] | None],
               starts: frozenset[str]) -> list[str]:
    """'Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov' is
    two entries; 'Ecology and Transport Sergei Ivanov' is one. After a
    name, a title whose name follows the next comma starts an entry too:
    '… Trade Denis Manturov and Deputy Prime Minister, Minister of Foreign
    Affairs Yury Trutnev'."""
    for match in re.finditer(r" and ", segment):
        left, right = segment[: match.start()], segment[match.end():]
        left_parts, right_parts = shape(left), shape(right)
        if left_parts is None or right_parts is None:
            continue
        left_name = find(left_parts.name_words) or _name_in(left_parts, starts)
        right_name = find(right_parts.name_words) or _name_in(right_parts, starts)
        title_only = right_parts.name_words[-1:] and right_parts.name_words[-1] in TITLE_WORDS
        if left_name and (right_name or (title_only and not left_name[1])):
            return [left, *_split_and(right, find, starts)]
    return [segment]


def attending(
    paragraphs: list[tuple[int, str]],
    find: Callable[[tuple[str, ...]], tuple[str, bool] | None],
    canonical: Callable[[str], str | None],
    path: object,
    starts: frozenset[str] = GIVEN_NAMES,
) -> tuple[dict[str, str], list[str], list[Diagnostic]]:
    """From the narrative's (line, text) paragraphs: each person listed as
    present, as printed -> display name; the names guessed; the warnings.
    ``starts``: the words a person's name may start with (``given_names``)."""
    found: dict[str, str] = {}
    guessed: list[str] = []
    warnings: list[Diagnostic] = []
    for line, text in paragraphs:
        for sentence in _SENTENCE.finditer(text):
            entries = _entries(sentence.group("list"), find, starts)
            if entries is None:
                warnings.append(Diagnostic(
                    str(path), line, "an attendance sentence whose list is not titled names separated by commas "
                    "and 'and'; no one taken from it as present",
                ))
                continue
            for entry in entries:
                if entry.printed in found:
                    continue
                name = canonical(entry.printed) or canonical(entry.name) or entry.name
                found[entry.printed] = name
                if entry.guessed and canonical(entry.printed) is None and canonical(entry.name) is None:
                    guessed.append(name)
                    warnings.append(Diagnostic(
                        str(path), line,
                        f"present: '{entry.printed}' taken as '{name}' "
                        f"(confirm it in content/persons.yaml: {registry_entry(name, entry.printed)})",
                    ))
    return found, guessed, warnings
