"""Read a raw transcript and split it into header, body lines and trailer.

The raw layout (one paragraph per line):

    Events                          rubric
    Meeting with …                  title
    Vladimir Putin had …            summary (optional)
    October 7, 2015                 date
    14:20                           time (optional)
    1 of 3                          photo counter, then its caption (optional, repeats)
    …body…
    Geography / Topics / Persons    trailer blocks, one entry a line (optional)
    Publication status
    Published in sections: News, Transcripts
    Publication date: October 7, 2015, 14:20
    Text version

A line ``URL: https://…`` (and after it, optionally, ``Retrieved: <date>``)
at the very top or the very bottom gives the original's address and the
day it was copied.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from generator.kit.dates import (
    DateProblem,
    looks_like_date,
    looks_like_time,
    parse_date,
    parse_time,
)
from generator.content.file_format import not_an_address, web_address
from generator.kit.characters import first_forbidden
from generator.kit.files import read_regular
from generator.kit.errors import StenogramError

MAX_BYTES = 8 * 1024 * 1024  # the longest real transcripts are well under 1 MB
RUBRIC_SHAPE = re.compile(r"^[A-Z][A-Za-z]*(?: (?:[A-Za-z]+|&)){0,3}$")
PHOTO_COUNTER = re.compile(r"^(\d+) of (\d+)$")
LIST_BLOCKS = ("Geography", "Topics", "Persons")
STATUS_HEAD = "Publication status"
SECTIONS_PREFIX = "Published in sections:"
PUBLISHED_PREFIX = "Publication date:"
TEXT_VERSION = "Text version"
TRAILER_HEADS = (*LIST_BLOCKS, STATUS_HEAD, SECTIONS_PREFIX, PUBLISHED_PREFIX, TEXT_VERSION)


@dataclass(frozen=True)
class Line:
    """One non-blank line: its number in the file, its text, and whether it
    was indented (the corpus marks its own cut with an indented ``<…>``)."""

    number: int
    text: str
    indented: bool = False


@dataclass(frozen=True)
class Trailer:
    geography: tuple[Line, ...] = ()
    topics: tuple[Line, ...] = ()
    persons: tuple[Line, ...] = ()
    sections: tuple[str, ...] = ()
    published: str | None = None
    first_line: int | None = None


@dataclass(frozen=True)
class Origin:
    """Where the raw text was copied from, when the file says."""

    url: str | None = None
    retrieved: date | None = None


@dataclass(frozen=True)
class RawTranscript:
    path: Path
    rubric: str
    title: Line
    summary: Line | None
    day: date
    at: time | None
    photos: tuple[Line, ...]
    body: tuple[Line, ...]
    trailer: Trailer = field(default_factory=Trailer)
    origin: Origin = field(default_factory=Origin)
    sha256: str = ""  # of the raw text, line ends made LF: what tells one raw text from another
    bytes_sha256: str = ""  # of the raw file's bytes as they are


def read_lines(path: Path) -> list[Line]:
    """Decode a raw file strictly and return its non-blank lines."""
    return _lines(path, read_regular(path, MAX_BYTES))


def _lines(path: Path, data: bytes) -> list[Line]:
    if not data.strip():
        raise StenogramError(path, 1, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StenogramError(path, 1, "UTF-16 text (byte-order mark); save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise StenogramError(path, line, "binary data (NUL byte); a transcript is UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise StenogramError(
            path, line, f"not UTF-8: byte 0x{byte:02x} cannot be decoded; save the file as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    forbidden = first_forbidden(text)
    if forbidden is not None:
        raise StenogramError(path, *forbidden)
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(number, " ".join(stripped.split()), raw[:1].isspace()))
    if not lines:
        raise StenogramError(path, 1, "empty file")
    return lines


URL_PREFIX = "URL:"
RETRIEVED_PREFIX = "Retrieved:"


def _origin(path: Path, lines: list[Line]) -> Origin:
    """Take the URL (and Retrieved) lines off the top or the bottom of ``lines``."""
    found: list[Line] = []
    for end in (0, -1):
        for prefix in ((URL_PREFIX, RETRIEVED_PREFIX) if end == 0 else (RETRIEVED_PREFIX, URL_PREFIX)):
            if len(lines) > 1 and lines[end].text.startswith(prefix):
                found.append(lines.pop(end))
    url = retrieved = None
    for line in found:
        value = line.text.split(":", 1)[1].strip()
        if line.text.startswith(URL_PREFIX):
            url = web_address(value)
            if url is None:
                raise StenogramError(path, line.number, not_an_address(value))
        else:
            try:
                retrieved = date.fromisoformat(value) if re.match(r"^\d{4}-\d{2}-\d{2}$", value) else parse_date(value)
            except (DateProblem, ValueError) as problem:
                raise StenogramError(path, line.number, f"retrieved date: {problem}") from None
    return Origin(url, retrieved)


def parse(path: Path) -> RawTranscript:
    data = read_regular(path, MAX_BYTES)
    lines = _lines(path, data)
    origin = _origin(path, lines)
    last_number = lines[-1].number
    rubric = lines[0]
    if _is_trailer_head(rubric.text):
        raise StenogramError(path, rubric.number, f"only a trailer: no rubric, title or date before '{rubric.text}'")
    if not RUBRIC_SHAPE.match(rubric.text) or looks_like_date(rubric.text):
        raise StenogramError(
            path, rubric.number,
            f"no rubric line: expected a section name such as 'Events' first, found '{_clip(rubric.text)}'",
        )
    position = 1

    def at(index: int) -> Line | None:
        return lines[index] if index < len(lines) else None

    title = at(position)
    if title is None or title.text in TRAILER_HEADS:
        raise StenogramError(path, last_number, "no title line after the rubric")
    if looks_like_date(title.text) or looks_like_time(title.text):
        raise StenogramError(path, title.number, "no title line: the line after the rubric is a date")
    position += 1

    summary = None
    candidate = at(position)
    if candidate is not None and not looks_like_date(candidate.text) and not looks_like_time(candidate.text):
        summary = candidate
        position += 1
    date_line = at(position)
    if date_line is None or date_line.text in TRAILER_HEADS:
        number = date_line.number if date_line else last_number
        raise StenogramError(path, number, "no date line: expected a date such as 'October 7, 2015' after the title")
    if looks_like_time(date_line.text):
        raise StenogramError(path, date_line.number, f"time '{date_line.text}' without a date line before it")
    if not looks_like_date(date_line.text):
        raise StenogramError(
            path, date_line.number,
            f"no date line: expected a date such as 'October 7, 2015', found '{_clip(date_line.text)}'",
        )
    try:
        day = parse_date(date_line.text)
    except DateProblem as problem:
        raise StenogramError(path, date_line.number, str(problem)) from None
    position += 1

    clock = None
    time_line = at(position)
    if time_line is not None and looks_like_time(time_line.text):
        try:
            clock = parse_time(time_line.text)
        except DateProblem as problem:
            raise StenogramError(path, time_line.number, str(problem)) from None
        position += 1

    photos: list[Line] = []
    while (counter := at(position)) is not None and PHOTO_COUNTER.match(counter.text):
        caption = at(position + 1)
        if caption is None or caption.text in TRAILER_HEADS or PHOTO_COUNTER.match(caption.text):
            raise StenogramError(path, counter.number, f"photo counter '{counter.text}' has no caption after it")
        photos.append(caption)
        position += 2

    rest = lines[position:]
    trailer_start, trailer = _find_trailer(path, rest)
    body = tuple(rest[:trailer_start])
    if not body:
        number = rest[0].number if rest else last_number
        raise StenogramError(path, number, "empty body: no text between the header and the trailer")
    # The text's identity: its bytes with line ends and a byte-order mark as
    # every file would have them, so that the same text saved on Windows is
    # the same text. (Until December 2026 the digest was of the bytes as
    # they were: ``bytes_sha256``, which import still knows a file by.)
    same_text = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return RawTranscript(path, rubric.text, title, summary, day, clock, tuple(photos), body, trailer, origin,
                         hashlib.sha256(same_text).hexdigest(), hashlib.sha256(data).hexdigest())


def _find_trailer(path: Path, lines: list[Line]) -> tuple[int, Trailer]:
    """The trailer starts at the first trailer heading ('Geography', 'Topics',
    'Persons', 'Publication status', …) and runs to the end of the file; a
    malformed trailer is an error, never text moved into the body."""
    for index, line in enumerate(lines):
        if _is_trailer_head(line.text):
            return index, _parse_trailer(path, lines[index:])
    return len(lines), Trailer()


def _is_trailer_head(text: str) -> bool:
    return text in (*LIST_BLOCKS, STATUS_HEAD, TEXT_VERSION) or text.startswith(
        (SECTIONS_PREFIX, PUBLISHED_PREFIX)
    )


def _parse_trailer(path: Path, lines: list[Line]) -> Trailer:
    blocks: dict[str, list[Line]] = {}
    sections: tuple[str, ...] = ()
    published = None
    current: str | None = None
    head_line: dict[str, int] = {}
    seen_status = False

    def close_block() -> None:
        if current is not None and not blocks[current]:
            raise StenogramError(path, head_line[current], f"trailer block '{current}' has no entries")

    for line in lines:
        text = line.text
        if text in LIST_BLOCKS:
            close_block()
            if text in blocks or seen_status:
                raise StenogramError(path, line.number, f"trailer block '{text}' out of place")
            blocks[text] = []
            head_line[text] = line.number
            current = text
            continue
        if current is not None and not _is_trailer_head(text):
            blocks[current].append(line)
            continue
        close_block()
        current = None
        if text == STATUS_HEAD:
            seen_status = True
        elif text.startswith(SECTIONS_PREFIX):
            sections = tuple(s.strip() for s in text[len(SECTIONS_PREFIX):].split(",") if s.strip())
        elif text.startswith(PUBLISHED_PREFIX):
            published = text[len(PUBLISHED_PREFIX):].strip()
        elif text == TEXT_VERSION:
            pass
        else:
            raise StenogramError(path, line.number, f"unexpected line in the trailer: '{_clip(text)}'")
    close_block()
    return Trailer(
        geography=tuple(blocks.get("Geography", ())),
        topics=tuple(blocks.get("Topics", ())),
        persons=tuple(blocks.get("Persons", ())),
        sections=sections,
        published=published,
        first_line=lines[0].number,
    )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
