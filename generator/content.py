"""Load and validate content/**/*.md into typed events.

An event keeps what lists, indexes and feeds need (front matter, and per
statement its speaker and an excerpt); its body, the bulk of a transcript,
is held apart in a BodyStore and fetched only to render the event's own
page and data. At 30,000 transcripts the bodies would not fit the memory
a build may use; the summaries do.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, NamedTuple

from generator import yamlio
from generator.cache import CODE, digest
from generator.document import split
from generator.errors import Diagnostic, StenogramError
from generator.markdown_body import HtmlBlock, TurnBlock, parse_body
from generator.persons import FILE_NAME, PersonRegistry
from generator.slugs import slugify
from generator.workers import forks, parallel_map

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_SHAPE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
MAX_CONTENT_BYTES = 16 * 1024 * 1024
LIST_KEYS = ("sections", "geography", "topics", "persons", "photos")
EXCERPT_CHARS = 220
# Enough of a statement's text that every excerpt of it (at most
# EXCERPT_CHARS) comes out as from the whole text.
LEAD_CHARS = 400


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class Statement(NamedTuple):
    """One speaker turn as lists show it; ``number`` gives its anchor ``#t<number>``."""

    number: int
    label: str
    person: str | None
    excerpt: str


@dataclass(frozen=True)
class Turn:
    """One speaker turn in full, as the event's page and data show it."""

    number: int
    label: str
    person: str | None
    paragraphs: tuple[str, ...]  # safe HTML
    text: str  # plain text


Body = tuple[HtmlBlock | Turn, ...]


class Packed(NamedTuple):
    """Where a parsing worker wrote a body: pack file, offset, length."""

    name: str
    offset: int
    length: int


@dataclass(frozen=True)
class Event:
    path: Path
    key: str  # hash of the file's bytes, persons.yaml and the code: all the event is made from
    stem: str  # YYYY-MM-DD-slug: the event's URL segment
    title: str
    date: datetime
    summary: str | None
    sections: tuple[str, ...]
    geography: tuple[str, ...]
    topics: tuple[str, ...]
    persons: tuple[str, ...]  # persons of the trailer, display names
    speakers: tuple[tuple[str, str | None], ...]  # label -> person, as in front matter
    people: tuple[str, ...]  # everyone present: trailer persons, then speakers, each once
    photos: tuple[str, ...]
    statements: tuple[Statement, ...]
    lead: str  # the start of the first statement's text, for descriptions
    forms: tuple[str, ...]  # the names as the file writes them, which persons.yaml may map
    source: tuple[tuple[str, str], ...]
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, for messages about its value."""
        return dict(self.key_lines).get(key, 1)

    # The build cache keeps events as plain tuples: three times faster to load than the objects.
    def record(self) -> tuple:
        values = [getattr(self, f) for f in _EVENT_FIELDS]
        values[0], values[4] = str(self.path), self.date.isoformat()
        values[_STATEMENTS] = tuple(map(tuple, self.statements))
        return tuple(values)

    @classmethod
    def from_record(cls, record: tuple, path: Path | None = None) -> Event:
        values = list(record)
        values[0], values[4] = path or Path(values[0]), datetime.fromisoformat(values[4])
        values[_STATEMENTS] = tuple(map(Statement._make, values[_STATEMENTS]))
        return cls(*values)


_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
_STATEMENTS = _EVENT_FIELDS.index("statements")


class BodyStore:
    """Where each event's body is while a build runs: in memory for a few
    files, in pack files on disk for many (written by the parsing workers),
    or, for an event taken from the build cache, parsed again from its file."""

    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self.folder: Path | None = None
        self.memory: dict[Path, Body] = {}
        self.packed: dict[Path, Packed] = {}

    def scratch(self) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="stenogram-bodies-"))
        return self.folder

    def get(self, event: Event) -> Body:
        if event.path in self.memory:
            return self.memory[event.path]
        if event.path in self.packed and self.folder is not None:
            name, offset, length = self.packed[event.path]
            with open(self.folder / name, "rb") as stream:
                stream.seek(offset)
                return pickle.loads(stream.read(length))
        data, _ = _read_bytes(event.path)
        again, body = load_event(event.path, self.registry, [], data)
        if again.key != event.key:
            raise StenogramError(event.path, 1, "changed while the site was being built; build again")
        return body

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@dataclass(frozen=True)
class Content:
    events: tuple[Event, ...]
    registry: PersonRegistry
    warnings: tuple[Diagnostic, ...]
    bodies: BodyStore
    registry_digest: str = ""  # of persons.yaml's bytes


def content_files(content_dir: Path) -> list[Path]:
    """Every *.md below content/, sorted; a link out of content/ is an error."""
    root = content_dir.resolve()
    found: list[str] = []
    folders = [os.fspath(content_dir)]
    while folders:  # like rglob: into no linked folder
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(".md"):
                    if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(root):
                        raise StenogramError(Path(entry.path), 1, "links outside the content folder")
                    found.append(entry.path)
    # Sorted as paths (by their parts), as strings would put "a-b/x" before "a/x".
    return [Path(path) for path in sorted(found, key=lambda path: path.split(os.sep))]


Signature = tuple[int, int, int, int]  # size, mtime, ctime, inode: a file that keeps all four is unchanged


def event_key(data_digest: str, registry: PersonRegistry, forms: tuple[str, ...]) -> str:
    """What an event is made from: its file's bytes, the code, and what
    persons.yaml says of the names the file uses (so that a new alias
    remakes only the events that use it)."""
    names = "\0".join(f"{form}\0{registry.canonical(form) or ''}" for form in forms)
    return digest(data_digest.encode(), CODE, names.encode())


def load_content(
    content_dir: Path,
    files: list[Path] | None = None,
    advance: Callable[[int], None] = lambda n=1: None,
    cache=None,
    jobs: int = 1,
    signatures: list[Signature] | None = None,
) -> Content:
    """Every content file as an event. With a BuildCache, a file whose bytes
    (and persons.yaml, and the code) are unchanged is not parsed again; the
    rest are parsed by ``jobs`` worker processes when there are many.
    ``signatures``, when given, are those of ``files``, just taken."""
    if not content_dir.is_dir():
        raise StenogramError(content_dir, 1, "content folder not found")
    registry_path = content_dir / FILE_NAME
    registry = PersonRegistry.load(registry_path)
    registry_digest = digest(registry_path.read_bytes() if registry_path.is_file() else b"")
    bodies = BodyStore(registry)
    files = content_files(content_dir) if files is None else files
    found: list[tuple[Event, tuple[Diagnostic, ...]] | None] = [None] * len(files)
    todo: list[int] = []
    for index, path in enumerate(files):
        known = cache.known(path) if cache is not None else None
        if known is not None:
            signature = signatures[index] if signatures is not None else signature_of(path)
            data_digest = known.digest if known.signature == signature else digest(_read_bytes(path)[0])
            # Same bytes, same persons.yaml: the saved key holds without being computed again.
            same = data_digest == known.digest and known.registry == registry_digest
            if same or known.key == event_key(data_digest, registry, known.event.forms):
                cache.keep(path, signature, data_digest, known.key, known.event, known.warnings, reused=True)
                found[index] = (known.event, known.warnings)
                advance(1)
                continue
        todo.append(index)
    for index, (event, warnings, signature, data_digest, body) in zip(todo, _parse_all(
        [files[i] for i in todo], registry, bodies, jobs
    )):
        found[index] = (event, warnings)
        if isinstance(body, Packed):
            bodies.packed[event.path] = body
        else:
            bodies.memory[event.path] = body
        if cache is not None:
            cache.keep(event.path, signature, data_digest, event.key, event, warnings)
        advance(1)
    events = tuple(f[0] for f in found)
    warnings = tuple(w for f in found for w in f[1])
    return Content(events, registry, warnings, bodies, registry_digest)


def _parse_all(paths: list[Path], registry, bodies: BodyStore, jobs: int):
    """(event, warnings, signature, digest, body or where it was packed), in order."""
    parser = _Parser(registry, bodies.scratch() if forks(len(paths), jobs) else None)
    return parallel_map(parser, paths, jobs)


class _Parser:
    """Parses one file; with ``folder`` set (parsing in several processes)
    each process packs the bodies it parses into a file of its own there, so
    they never cross between processes."""

    def __init__(self, registry: PersonRegistry, folder: Path | None) -> None:
        self.registry, self.folder = registry, folder
        self.pack: Any = None
        self.name, self.end, self.pid = "", 0, 0

    def __call__(self, path: Path):
        data, signature = _read_bytes(path)
        data_digest = digest(data)
        warnings: list[Diagnostic] = []
        event, body = load_event(path, self.registry, warnings, data, data_digest)
        if self.folder is not None:
            if self.pid != os.getpid():  # a process forked from one that packed inherits its pack: never share it
                handle, name = tempfile.mkstemp(suffix=".pack", dir=self.folder)
                self.pack, self.name, self.end = os.fdopen(handle, "wb", buffering=0), Path(name).name, 0
                self.pid = os.getpid()
            blob = pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL)
            self.pack.write(blob)
            body = Packed(self.name, self.end, len(blob))
            self.end += len(blob)
        return event, tuple(warnings), signature, data_digest, body


def signature_of(path: Path) -> Signature:
    try:
        return _signature(path.stat())
    except OSError as error:
        raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None


def _signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _read_bytes(path: Path) -> tuple[bytes, Signature]:
    """The file's bytes and the signature of what was read."""
    try:
        with open(path, "rb") as stream:
            status = os.fstat(stream.fileno())
            if status.st_size > MAX_CONTENT_BYTES:
                raise StenogramError(path, 1, f"file is larger than {MAX_CONTENT_BYTES:,} bytes")
            data = stream.read()
    except OSError as error:
        raise StenogramError(path, 1, f"cannot read: {error.strerror}") from None
    return data, _signature(status)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise StenogramError(path, data.count(b"\n", 0, data.find(b"\x00")) + 1, "binary data (NUL byte)")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise StenogramError(path, data.count(b"\n", 0, error.start) + 1, "not UTF-8") from None


def load_event(
    path: Path, registry: PersonRegistry, warnings: list[Diagnostic], data: bytes, data_digest: str | None = None
) -> tuple[Event, Body]:
    """One content file, given its bytes (and their digest, when the caller
    has it already), as an event and its body."""
    data_digest = data_digest or digest(data)
    text = _decode(path, data)
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

    body: list[HtmlBlock | Turn] = []
    used: set[str] = set()
    for block in parse_body(body_text):
        if isinstance(block, TurnBlock):
            if block.label not in speakers:
                raise StenogramError(
                    path, body_line + block.line,
                    f"speaker label '{block.label}' is not in the front matter's 'speakers'",
                )
            used.add(block.label)
            number = sum(isinstance(b, Turn) for b in body) + 1
            body.append(Turn(number, block.label, speakers[block.label], block.paragraphs, block.text))
        else:
            body.append(block)
    if not body:
        raise StenogramError(path, body_line, "empty body")
    for label in speakers:
        if label not in used:
            warnings.append(Diagnostic(str(path), line_of("speakers"), f"speaker '{label}' is never used in the body"))

    turns = [b for b in body if isinstance(b, Turn)]
    forms = tuple(dict.fromkeys([*lists["persons"], *(name for name in speakers_value.values() if name)]))
    people = dict.fromkeys(persons)
    people.update(dict.fromkeys(p for p in speakers.values() if p))
    event = Event(
        path=path,
        key=event_key(data_digest, registry, forms),
        stem=stem,
        title=title,
        date=moment,
        summary=summary,
        sections=lists["sections"],
        geography=lists["geography"],
        topics=lists["topics"],
        persons=persons,
        speakers=tuple(speakers.items()),
        people=tuple(people),
        photos=lists["photos"],
        statements=tuple(Statement(t.number, t.label, t.person, excerpt(t.text)) for t in turns),
        lead=" ".join(turns[0].text.split())[:LEAD_CHARS] if turns else "",
        forms=forms,
        source=tuple((str(k), str(v)) for k, v in source_value.items()),
        key_lines=tuple(key_lines.items()),
    )
    return event, tuple(body)


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
