"""The event model: one transcript as the rest of the build sees it.

An event keeps what lists, indexes and feeds need (front matter, and per
statement its speaker and an excerpt); its body, the bulk of a transcript,
is held apart (``content.bodies``) and fetched only to render the event's
own page and data.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Sequence

from generator.content.markdown import Narrative
from generator.kit.hashing import digest

EXCERPT_CHARS = 220
# Statements of one person a card quotes from a transcript (person pages
# show them; the rest of that person's turns are a count and a link). The
# others carry no excerpt: at 10,000 transcripts every statement's was
# half of the model's memory.
EXCERPTS_PER_EVENT = 2
# A note in a speaker label, in round or square brackets: "(retranslated)",
# "[via video link]". Import finds labels by it; the site strips it to read
# the office a label gives.
LABEL_NOTE = r"(?:\([^()\[\]]{1,80}\)|\[[^()\[\]]{1,80}\])"
_LABEL_NOTES = re.compile(r"\s*" + LABEL_NOTE + r"\s*")


def label_core(label: str) -> str:
    """A label without its notes, wherever they stand."""
    return " ".join(_LABEL_NOTES.sub(" ", label).split())


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class StatementSummary(NamedTuple):
    """One statement as lists show it; ``number`` gives its anchor ``#t<number>``."""

    number: int
    label: str
    person: str | None
    excerpt: str  # "" beyond the first EXCERPTS_PER_EVENT of its person, and for no one's
    words: int  # in the whole statement


def summaries(statements: Sequence[Statement]) -> tuple[StatementSummary, ...]:
    """The card's statements: an excerpt for each person's first few."""
    quoted: Counter[str] = Counter()  # person -> statements given an excerpt so far
    found = []
    for s in statements:
        shown = s.person is not None and quoted[s.person] < EXCERPTS_PER_EVENT
        if shown:
            quoted[s.person] += 1
        found.append(StatementSummary(s.number, s.label, s.person, excerpt(s.text) if shown else "",
                                      len(s.text.split())))
    return tuple(found)


@dataclass(frozen=True)
class Statement:
    """One statement (a speaker's turn) in full, as the event's page and data show it."""

    number: int
    label: str
    person: str | None
    paragraphs: tuple[str, ...]  # safe HTML, one per block
    texts: tuple[str, ...]  # the plain text of each paragraph (list item, heading…)

    @property
    def text(self) -> str:
        return " ".join(self.texts)


Body = tuple[Narrative | Statement, ...]


@dataclass(frozen=True)
class Event:
    """One transcript's card: what lists, feeds, neighbours and indexes
    show of it. Its body (the document) is held apart, behind a
    ``DocumentRef``."""

    path: Path
    # The digest of the file's bytes, what persons.yaml says of its names, and
    # the code: the card and the document both follow from it.
    key: str
    # The digest of every field below that a page may show (``card_key``):
    # page keys use it for the event, so an edit of the body that leaves the
    # card as it was re-renders no list.
    card: str
    stem: str  # YYYY-MM-DD-slug: the event's URL segment
    title: str
    date: datetime
    # When its content was last corrected, as the front matter's 'updated'
    # says (import writes it when it replaces a transcript's text): never
    # the clock, so that builds stay byte-identical.
    updated: datetime | None
    summary: str | None
    sections: tuple[str, ...]
    places: tuple[str, ...]  # the front matter's 'geography'
    topics: tuple[str, ...]
    listed: tuple[str, ...]  # the front matter's 'persons', as display names
    speakers: tuple[tuple[str, str | None], ...]  # label -> person, as in front matter
    attending: tuple[tuple[str, str], ...]  # name as printed -> person: who the text says was present
    present: tuple[str, ...]  # everyone in the event: the listed, the attending, the speakers, each once
    photos: tuple[str, ...]
    statements: tuple[StatementSummary, ...]
    lead: str  # the start of the first statement's text, for descriptions
    name_forms: tuple[str, ...]  # names as the file writes them, which persons.yaml may map
    source: tuple[tuple[str, str], ...]
    key_lines: tuple[tuple[str, int], ...] = ()

    @property
    def revised(self) -> datetime:
        """When the transcript last changed: corrected, or else first given."""
        return self.updated or self.date

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, for messages about its value."""
        return dict(self.key_lines).get(key, 1)


# Fields no page shows: where the event came from, its keys, and what only
# messages and the persons registry use. Every other field is in the card.
NOT_SHOWN = frozenset({"path", "key", "card", "key_lines", "name_forms"})


def card_key(values: dict) -> str:
    """The card's key from an event's field values: every field a page may show."""
    shown = tuple(values[f.name] for f in dataclasses.fields(Event) if f.name not in NOT_SHOWN)
    return digest(repr(shown).encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class DocumentRef:
    """What a page needs to render an event's body: the event, and the key
    the body follows from. The body store hands out bodies only for one, so
    a page that shows a body has the body's key in its data."""

    event: Event
    key: str

    @classmethod
    def of(cls, event: Event) -> "DocumentRef":
        return cls(event, event.key)
