"""Load and validate content/**/*.md into typed events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from generator import yamlio
from generator.document import split
from generator.errors import Diagnostic, StenogramError
from generator.markdown_body import HtmlBlock, TurnBlock, parse_body
from generator.persons import FILE_NAME, PersonRegistry
from generator.slugs import slugify

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_SHAPE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
MAX_CONTENT_BYTES = 16 * 1024 * 1024
LIST_KEYS = ("sections", "geography", "topics", "persons", "photos")


@dataclass(frozen=True)
class Statement:
    """One speaker turn; ``number`` gives its anchor ``#t<number>``."""

    number: int
    label: str
    person: str | None
    paragraphs: tuple[str, ...]  # safe HTML
    text: str  # plain text


@dataclass(frozen=True)
class Event:
    path: Path
    stem: str  # YYYY-MM-DD-slug: the event's URL segment
    title: str
    date: datetime
    summary: str | None
    sections: tuple[str, ...]
    geography: tuple[str, ...]
    topics: tuple[str, ...]
    persons: tuple[str, ...]  # persons of the trailer, display names
    speakers: tuple[tuple[str, str | None], ...]  # label -> person, as in front matter
    photos: tuple[str, ...]
    body: tuple[HtmlBlock | Statement, ...]
    source: tuple[tuple[str, str], ...]
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, for messages about its value."""
        return dict(self.key_lines).get(key, 1)

    @cached_property  # the body never changes; pages ask for these often
    def statements(self) -> tuple[Statement, ...]:
        return tuple(b for b in self.body if isinstance(b, Statement))

    @cached_property
    def people(self) -> tuple[str, ...]:
        """Everyone present: trailer persons, then speakers, each once."""
        seen = dict.fromkeys(self.persons)
        seen.update(dict.fromkeys(p for _, p in self.speakers if p))
        return tuple(seen)


@dataclass(frozen=True)
class Content:
    events: tuple[Event, ...]
    registry: PersonRegistry
    warnings: tuple[Diagnostic, ...]


def content_files(content_dir: Path) -> list[Path]:
    """Every *.md below content/, sorted; a link out of content/ is an error."""
    root = content_dir.resolve()
    files = []
    for path in sorted(content_dir.rglob("*.md")):
        if not path.resolve().is_relative_to(root):
            raise StenogramError(path, 1, "links outside the content folder")
        files.append(path)
    return files


def load_content(
    content_dir: Path, files: list[Path] | None = None, advance=lambda n=1: None, cache=None
) -> Content:
    """Every content file as an event; with a BuildCache, a file whose bytes
    (and persons.yaml, and the code) are unchanged is not parsed again."""
    if not content_dir.is_dir():
        raise StenogramError(content_dir, 1, "content folder not found")
    registry_path = content_dir / FILE_NAME
    registry = PersonRegistry.load(registry_path)
    registry_bytes = registry_path.read_bytes() if registry_path.exists() else b""
    warnings: list[Diagnostic] = []
    events = []
    for path in content_files(content_dir) if files is None else files:
        data = _read_bytes(path)
        key = cache.content_key(data, registry_bytes) if cache is not None else None
        found = cache.event(path, key) if key else None
        if found is None:
            file_warnings: list[Diagnostic] = []
            found = (load_event(path, registry, file_warnings, data), tuple(file_warnings))
            if key:
                cache.store_event(path, key, found)
        event, file_warnings = found
        events.append(event)
        warnings.extend(file_warnings)
        advance(1)
    return Content(tuple(events), registry, tuple(warnings))


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_CONTENT_BYTES:
            raise StenogramError(path, 1, f"file is larger than {MAX_CONTENT_BYTES:,} bytes")
        return path.read_bytes()
    except OSError as error:
        raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise StenogramError(path, data.count(b"\n", 0, data.find(b"\x00")) + 1, "binary data (NUL byte)")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise StenogramError(path, data.count(b"\n", 0, error.start) + 1, "not UTF-8") from None


def load_event(
    path: Path, registry: PersonRegistry, warnings: list[Diagnostic], data: bytes | None = None
) -> Event:
    """One content file as an event; ``data`` is its bytes when already read."""
    text = _decode(path, _read_bytes(path) if data is None else data)
    front_text, body_text, body_line = split(text, path)
    data, key_lines = yamlio.load(front_text, path, first_line=2)
    if not isinstance(data, dict):
        raise StenogramError(path, 2, "front matter must be a mapping of keys to values")

    def line_of(key: str) -> int:
        return key_lines.get(key, 2)

    def text_value(key: str, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise StenogramError(path, 2, f"missing required key '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise StenogramError(path, line_of(key), f"'{key}' must be a non-empty string")
        return value

    def list_value(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise StenogramError(path, line_of(key), f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    title = text_value("title", required=True)
    moment = _date(data.get("date"), path, line_of("date"))
    summary = text_value("summary")
    slug = text_value("slug")
    if slug is not None and not SLUG_SHAPE.match(slug):
        raise StenogramError(path, line_of("slug"), f"slug '{slug}' must be lower-case letters, digits and '-'")
    slug = slug or slugify(title)
    if not slug:
        raise StenogramError(path, line_of("title"), f"title '{title}' gives an empty slug; set 'slug'")
    stem = f"{moment.date().isoformat()}-{slug}"
    file_match = FILE_SHAPE.match(path.name)
    if path.name != f"{stem}.md":
        expected = f"{stem}.md"
        why = "its date and slug" if file_match else "the form YYYY-MM-DD-slug.md"
        raise StenogramError(
            path, line_of("title"),
            f"file name does not match {why}: expected '{expected}' (rename the file, or set 'slug' to keep the old URL)",
        )
    lists = {key: list_value(key) for key in LIST_KEYS}
    persons = tuple(dict.fromkeys(registry.canonical(p) or p for p in lists["persons"]))

    speakers_value = data.get("speakers") or {}
    if not isinstance(speakers_value, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str) and v.strip()) for k, v in speakers_value.items()
    ):
        raise StenogramError(
            path, line_of("speakers"), "'speakers' must map each label to a person's name, or to null"
        )
    speakers = {label: (registry.canonical(name) or name) if name else None for label, name in speakers_value.items()}

    source_value = data.get("source") or {}
    if not isinstance(source_value, dict):
        raise StenogramError(path, line_of("source"), "'source' must be a mapping")

    body: list[HtmlBlock | Statement] = []
    used: set[str] = set()
    for block in parse_body(body_text):
        if isinstance(block, TurnBlock):
            if block.label not in speakers:
                raise StenogramError(
                    path, body_line + block.line,
                    f"speaker label '{block.label}' is not in the front matter's 'speakers'",
                )
            used.add(block.label)
            number = sum(isinstance(b, Statement) for b in body) + 1
            body.append(Statement(number, block.label, speakers[block.label], block.paragraphs, block.text))
        else:
            body.append(block)
    if not body:
        raise StenogramError(path, body_line, "empty body")
    for label in speakers:
        if label not in used:
            warnings.append(Diagnostic(str(path), line_of("speakers"), f"speaker '{label}' is never used in the body"))

    return Event(
        path=path,
        stem=stem,
        title=title,
        date=moment,
        summary=summary,
        sections=lists["sections"],
        geography=lists["geography"],
        topics=lists["topics"],
        persons=persons,
        speakers=tuple(speakers.items()),
        photos=lists["photos"],
        body=tuple(body),
        source=tuple((str(k), str(v)) for k, v in source_value.items()),
        key_lines=tuple(key_lines.items()),
    )


def _date(value: Any, path: Path, line: int) -> datetime:
    if value is None:
        raise StenogramError(path, 2, "missing required key 'date'")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise StenogramError(path, line, f"date '{value}' is not an ISO 8601 date and time") from None
    if not isinstance(value, datetime):
        raise StenogramError(path, line, "date must be a date and time with an offset, like 2015-10-07T14:20:00+03:00")
    if value.tzinfo is None:
        raise StenogramError(path, line, "date has no UTC offset (add one, like +03:00)")
    return value
