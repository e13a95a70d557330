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


def _name_in(parts: LabelShape) -> tuple[str, bool] | None:
    """The name a titled entry ends in by its shape, and whether the split
    is a guess; None for a title alone ("Minister of Economic Development")."""
    run = parts.name_words
    last_title = max((i for i, w in enumerate(run) if w in TITLE_WORDS), default=-1)
    after = run[last_title + 1:]
    if last_title >= 0:
        # "… Minister Mikhail Mishustin": the title's last word right before two names.
        return (" ".join(after), len(after) != 2) if len(after) >= 2 else None
    if parts.after_connector:
        # "… for Environmental Protection" is the title's end; "… of Chechnya Ramzan Kadyrov" drops the place.
        return (guess_name(parts), True) if len(run) >= 3 else None
    return (" ".join(run), len(run) != 2) if len(run) >= 2 else None


def _entries(listed: str, find: Callable[[tuple[str, ...]], tuple[str, bool] | None]) -> list[Entry] | None:
    """The list's entries, or None when it is not a list of titled names."""
    pieces: list[str] = []
    for segment in listed.split(", "):
        segment = _AND.sub("", segment, count=1) if segment.startswith("and ") else segment
        pieces.extend(_split_and(segment, find))
    entries: list[Entry] = []
    title = ""
    for piece in pieces:
        printed = f"{title}, {piece}" if title else piece
        parts = shape(printed)
        if parts is None or parts.anonymous:
            return None
        found = find(parts.name_words)
        named = (found[0], found[1]) if found else _name_in(parts)
        if named is None:
            title = printed  # a title with a comma in it: the name is in what follows
            continue
        entries.append(Entry(parts.label, named[0], named[1]))
        title = ""
    return entries if entries and not title else None


def _split_and(segment: str, find: Callable[[tuple[str, ...]], tuple[str, bool] | None]) -> list[str]:
    """'Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov' is
    two entries; 'Ecology and Transport Sergei Ivanov' is one."""
    for match in re.finditer(r" and ", segment):
        left, right = segment[: match.start()], segment[match.end():]
        left_parts, right_parts = shape(left), shape(right)
        if left_parts is None or right_parts is None:
            continue
        if (find(left_parts.name_words) or _name_in(left_parts)) and (find(right_parts.name_words) or _name_in(right_parts)):
            return [left, *_split_and(right, find)]
    return [segment]


def attending(
    paragraphs: list[tuple[int, str]],
    find: Callable[[tuple[str, ...]], tuple[str, bool] | None],
    canonical: Callable[[str], str | None],
    path: object,
) -> tuple[dict[str, str], list[str], list[Diagnostic]]:
    """From the narrative's (line, text) paragraphs: each person listed as
    present, as printed -> display name; the names guessed; the warnings."""
    found: dict[str, str] = {}
    guessed: list[str] = []
    warnings: list[Diagnostic] = []
    for line, text in paragraphs:
        for sentence in _SENTENCE.finditer(text):
            entries = _entries(sentence.group("list"), find)
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
