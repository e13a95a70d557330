"""The body of a raw transcript as narrative, breaks and speaker turns, and
each speaker label resolved to a person."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from generator.content.markdown import BREAK, TextBlock, TextBreak, TextParagraph, TextStatement
from generator.content.model import LABEL_NOTE
from generator.content.persons import PersonRegistry, registry_entry
from generator.ingest.attendance import attending
from generator.ingest.given_names import name_starts
from generator.ingest.labels import LabelShape, guess_name, shape
from generator.ingest.raw import Line, RawTranscript
from generator.kit.errors import Diagnostic, StenogramError

# A label whose colon the source left out runs straight into the speech:
# "… Ivan Petrov (retranslated)Thank you, colleagues". Its notes are what
# mark where it ends; the speech starts with a capital or a quote.
_GLUED = re.compile(r"^(?P<label>[^()\[\]:]{1,200}?(?:\s*" + LABEL_NOTE + r")+)\s*(?P<rest>[A-Z0-9\"“«‘'].*)$")


@dataclass(frozen=True)
class _Candidate:
    index: int
    label: str
    parts: LabelShape
    rest: str  # the text after the colon on the label's line(s)
    consumed: int  # body lines the label takes (2 when broken over two lines)
    broken: bool
    glued: bool = False  # no colon: taken only for a known person's name


@dataclass
class Resolution:
    """The transcript's people: speakers label -> name, trailer persons, warnings."""

    speakers: dict[str, str | None] = field(default_factory=dict)
    persons: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)  # names guessed, for persons.yaml to confirm
    attending: dict[str, str] = field(default_factory=dict)  # as printed -> name: who the narrative lists as present


def _candidate(body: tuple[Line, ...], index: int) -> _Candidate | None:
    text = body[index].text
    following = body[index + 1].text if index + 1 < len(body) else ""
    if following.startswith(":") and ":" not in text:
        parts = shape(text)
        if parts is not None:
            return _Candidate(index, parts.label, parts, following[1:].strip(), 2, True)
    colon = text.find(":")
    if colon > 0:
        parts = shape(text[:colon])
        if parts is not None:
            return _Candidate(index, parts.label, parts, text[colon + 1 :].strip(), 1, False)
    glued = _GLUED.match(text) if (")" in text or "]" in text) else None  # no note, no glued label
    if glued is not None:
        parts = shape(glued.group("label"))
        if parts is not None and not parts.anonymous:
            return _Candidate(index, parts.label, parts, glued.group("rest"), 1, False, glued=True)
    return None


def fold(name: str) -> str:
    """A name as compared when its printing varies: no spaces, no case, no
    accents, no invisible characters (a zero-width space between two words)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c) and not c.isspace() and unicodedata.category(c) != "Cf")


class Declared:
    """The names a transcript declares (persons.yaml, the trailer, bare-name
    labels), found by a label's trailing words: exactly, by surname alone,
    or ignoring spaces, case and accents."""

    def __init__(self, names) -> None:
        self.names: set[str] = set()
        self.by_surname: dict[str, set[str]] = {}
        self._by_fold: dict[str, set[str]] | None = None  # made when first needed: most labels match as printed
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if name in self.names:
            return
        self.names.add(name)
        self.by_surname.setdefault(name.split()[-1], set()).add(name)
        if self._by_fold is not None:
            self._by_fold.setdefault(fold(name), set()).add(name)

    @property
    def by_fold(self) -> dict[str, set[str]]:
        if self._by_fold is None:
            self._by_fold = {}
            for name in self.names:
                self._by_fold.setdefault(fold(name), set()).add(name)
        return self._by_fold

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def find(self, name_words: tuple[str, ...]) -> tuple[str, bool] | None:
        """The longest word-suffix of a label's name that is a declared
        name, and whether it matched only once folded."""
        for start in range(len(name_words)):
            suffix = " ".join(name_words[start:])
            if suffix in self.names:
                return suffix, False
        if len(name_words) == 1:  # a surname alone: "Putin:"
            matches = self.by_surname.get(name_words[0], set())
            if len(matches) == 1:
                return next(iter(matches)), False
        for start in range(len(name_words)):
            matches = self.by_fold.get(fold("".join(name_words[start:])), set())
            if len(matches) == 1:
                return next(iter(matches)), True
        return None


class LabelNames:
    """The name runs of the labels, folded: made only when a trailer name
    is found nowhere as printed."""

    def __init__(self, candidates) -> None:
        self.candidates = list(candidates)

    @functools.cached_property
    def folded(self) -> set[str]:
        return {fold("".join(c.parts.name_words[k:])) for c in self.candidates for k in range(len(c.parts.name_words))}

    def __contains__(self, folded_name: str) -> bool:
        return folded_name in self.folded


def _is_strong(candidate: _Candidate) -> bool:
    parts = candidate.parts
    if candidate.glued:
        return False
    if parts.anonymous:
        return True
    allowed_lower = 4 if candidate.broken else 2
    return parts.lower_words <= allowed_lower and len(parts.name_words) >= 2


_WORD = re.compile(r"\w+")


class Mentions:
    """Whether a text names someone: ``name`` as a whole, between non-word
    characters. The first few names are looked for by a search of the
    text; past that (a transcript of thousands of speakers) the text is
    indexed once by word, so that checking thousands of names costs what
    the text and the names cost, not their product."""

    SEARCHES = 16  # a search is cheaper than an index for the few names of most transcripts

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.at: dict[str, list[int]] | None = None

    def __call__(self, name: str) -> bool:
        self.asked += 1
        words = list(_WORD.finditer(name))
        if self.asked <= self.SEARCHES or not words or words[0].start() != 0:
            return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", self.text) is not None
        if self.at is None:
            self.at = {}
            for word in _WORD.finditer(self.text):
                self.at.setdefault(word.group(), []).append(word.start())
        # The name's rarest word in the text: wherever the name is, it is there.
        pivot = min(words, key=lambda w: len(self.at.get(w.group(), ())))
        text, end = self.text, len(name)
        for position in self.at.get(pivot.group(), ()):
            start = position - pivot.start()
            if (start >= 0 and text.startswith(name, start)
                    and not (start > 0 and _WORD.match(text[start - 1]))
                    and not (start + end < len(text) and _WORD.match(text[start + end]))):
                return True
        return False


def segment(raw: RawTranscript, registry: PersonRegistry) -> tuple[list[TextBlock], Resolution]:
    body = raw.body
    path = raw.path
    whole_text = " ".join(
        line.text for line in (raw.title, raw.summary, *raw.photos, *body) if line is not None
    )
    resolution = Resolution()

    candidates = {i: c for i in range(len(body)) if (c := _candidate(body, i)) is not None}
    strong = {i: c for i, c in candidates.items() if _is_strong(c)}

    # Names the transcript itself declares: bare-name labels, then the
    # trailer. The trailer's and persons.yaml's are the record's own
    # spelling ("Erdoğan"): a label that matches one of them only folded
    # ("Recep Tayyip Erdogan:", "IVAN PETROV:") is that person, with a warning.
    declared = Declared(registry.display_names)
    recorded = Declared(registry.display_names)
    for c in strong.values():
        if c.parts.is_bare_name and len(c.parts.name_words) >= 2:
            declared.add(c.parts.core)
    # A trailer name a label prints without its spaces ("IvanPetrov") is
    # named in the text all the same.
    label_names = LabelNames(candidates.values())
    mentioned = Mentions(whole_text)
    for entry in raw.trailer.persons:
        name = _resolve_trailer_name(entry, declared, mentioned, label_names, registry, resolution, path)
        if name not in resolution.persons:
            resolution.persons.append(name)
        declared.add(name)
        recorded.add(name)

    # A label glued to its speech, whose name nothing declares, is a label
    # still when the headline names the person ("Talks with President of
    # Ruritania Ivan Petrov"): the headline is no speech that could hold it.
    heading = Mentions(" ".join(line.text for line in (raw.title, raw.summary, *raw.photos) if line is not None))
    accepted: dict[int, _Candidate] = {}
    for index, candidate in candidates.items():
        if index in strong or (
            candidate.parts.lower_words <= 4 and declared.find(candidate.parts.name_words)
        ) or (
            candidate.glued and candidate.parts.lower_words <= 4 and len(candidate.parts.name_words) >= 2
            and heading(guess_name(candidate.parts))
        ):
            accepted[index] = candidate
            if candidate.glued:
                resolution.warnings.append(Diagnostic(
                    str(path), body[index].number,
                    f"speaker label '{candidate.label}' has no colon after it; taken as the start of a statement",
                ))
    # A broken label consumes the ':' line after it; that line is not a label.
    for index, candidate in list(accepted.items()):
        if candidate.broken:
            accepted.pop(index + 1, None)

    # Where a label's name is a guess, it counts as confirmed when the text
    # names the person somewhere other than in a label.
    prose = Mentions(" ".join(
        [line.text for line in (raw.title, raw.summary, *raw.photos) if line is not None]
        + [accepted[i].rest if i in accepted else line.text for i, line in enumerate(body)]
    ))
    for candidate in sorted(accepted.values(), key=lambda c: c.index):
        if candidate.label in resolution.speakers:
            continue
        resolution.speakers[candidate.label] = _resolve_label(
            candidate, body[candidate.index], recorded, declared, prose, registry, resolution, path
        )

    labels = {c.label for c in accepted.values()}
    blocks: list[TextBlock] = []
    turn_label: str | None = None
    turn_line = 0
    turn_paragraphs: list[TextParagraph] = []

    def close_turn() -> None:
        nonlocal turn_label
        if turn_label is not None:
            blocks.append(TextStatement(turn_line, turn_label, tuple(turn_paragraphs)))
            turn_label = None

    index = 0
    while index < len(body):
        line = body[index]
        if line.text == BREAK:
            close_turn()
            blocks.append(TextBreak(line.number))
            index += 1
            continue
        candidate = accepted.get(index)
        if candidate is None:
            if line.text in labels:
                raise StenogramError(
                    path, line.number,
                    f"speaker label '{line.text}' is not followed by a line starting with ':'",
                )
            paragraph = TextParagraph(line.number, line.text)
            if turn_label is not None:
                turn_paragraphs.append(paragraph)
            else:
                blocks.append(paragraph)
            index += 1
            continue
        close_turn()
        index += candidate.consumed
        first = candidate.rest
        first_line = body[index - 1].number
        if not first:
            following = body[index] if index < len(body) else None
            if following is None or following.text == BREAK or index in accepted:
                raise StenogramError(path, line.number, f"speaker label '{candidate.label}' has no text")
            first, first_line = following.text, following.number
            index += 1
        turn_label, turn_line = candidate.label, line.number
        turn_paragraphs = [TextParagraph(first_line, first)]
    close_turn()
    for name in resolution.speakers.values():
        if name:
            declared.add(name)
    narrative = [(b.line, b.text) for b in blocks if isinstance(b, TextParagraph)]
    resolution.attending, guessed, warnings = attending(narrative, declared.find, registry.canonical, path,
                                                        name_starts(declared.names))
    resolution.unsettled += guessed
    resolution.warnings += warnings
    return blocks, resolution


def _resolve_trailer_name(
    entry: Line,
    declared: Declared,
    mentioned: Mentions,
    label_names: LabelNames,
    registry: PersonRegistry,
    resolution: Resolution,
    path,
) -> str:
    """'Shoigu Sergei' -> 'Sergei Shoigu', settled by the text where it can be."""
    printed = entry.text
    known = registry.canonical(printed)
    if known is not None:
        return known
    words = printed.split()
    orders = [" ".join(words[k:] + words[:k]) for k in range(1, len(words))] + [printed]
    for order in orders:
        if order in declared or mentioned(order):
            return registry.canonical(order) or order
    for order in orders:
        if fold(order) in label_names:
            return registry.canonical(order) or order
    guess = orders[0]
    resolution.unsettled.append(guess)
    resolution.warnings.append(
        Diagnostic(
            str(path), entry.number,
            f"person '{printed}' is not named in the text; taken as '{guess}' "
            f"(confirm it in content/persons.yaml: {registry_entry(guess, printed)})",
        )
    )
    return guess


def _resolve_label(
    candidate: _Candidate,
    line: Line,
    recorded: Declared,
    declared: Declared,
    prose: Mentions,
    registry: PersonRegistry,
    resolution: Resolution,
    path,
) -> str | None:
    parts = candidate.parts
    if parts.anonymous:
        return None
    for form in (parts.label, parts.core):
        known = registry.canonical(form)
        if known is not None:
            return known
    found = recorded.find(parts.name_words) or declared.find(parts.name_words)
    if found is not None:
        name, folded = found
        name = registry.canonical(name) or name
        if folded:
            resolution.warnings.append(Diagnostic(
                str(path), line.number,
                f"speaker '{parts.label}' taken as '{name}': the names match ignoring spaces, case and accents",
            ))
        return name
    guess = guess_name(parts)
    if not prose(guess):
        resolution.unsettled.append(guess)
        resolution.warnings.append(
            Diagnostic(
                str(path), line.number,
                f"speaker '{parts.label}' is named only in the label; taken as '{guess}' "
                f"(confirm it in content/persons.yaml: {registry_entry(guess, parts.core)})",
            )
        )
    declared.add(guess)
    return guess
