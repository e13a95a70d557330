"""One content file's bytes -> a validated event and its body. Every
problem is a StenogramError naming the file and the line to fix; the
file's format itself (front matter, body) is content/file_format.py's."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from generator.content.file_format import FrontMatter, read_file
from generator.content.files import decode
from generator.content.markdown import StatementBlock, TooDeep, parse_body
from generator.content.model import Body, Event, Statement, card_key, summaries
from generator.content.persons import PersonRegistry, registry_entry
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.hashing import CODE, digest
from generator.kit.slugs import slugify

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_SHAPE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
LIST_KEYS = ("sections", "geography", "topics", "persons", "photos")
# Enough of a statement's text that every excerpt of it (at most
# EXCERPT_CHARS) comes out as from the whole text.
LEAD_CHARS = 400


UNSETTLED = "was guessed at import and is not confirmed in content/persons.yaml"


def is_unsettled(warning: Diagnostic) -> bool:
    """Whether ``warning`` is about a name import guessed (see ``unsettled_message``)."""
    return UNSETTLED in warning.message


def unsettled_message(name: str, printed: list[str] | None = None) -> str:
    """The warning for a name import guessed and persons.yaml has not
    confirmed; for one guessed from an attendance list (``printed``, its
    entries), that no page is made until it is, and the entry that would."""
    if printed:
        return (f"person '{name}' {UNSETTLED}: taken as no one, with no page, until it is "
                f"(if the guess is right: {registry_entry(name, *printed)}; else give the right name)")
    return f"person '{name}' {UNSETTLED} (add it there, or take it out of source.unsettled)"


def event_key(data_digest: str, registry: PersonRegistry, name_forms: tuple[str, ...]) -> str:
    """What an event is made from: its file's bytes, the code, and what
    persons.yaml says of the names the file uses (so that a new alias
    remakes only the events that use it)."""
    names = "\0".join(f"{form}\0{registry.canonical(form) or ''}" for form in name_forms)
    return digest(data_digest.encode(), CODE, names.encode())


def _stem(path: Path, front: FrontMatter, title: str, moment: datetime) -> str:
    """The event's URL segment, which the file's name must match."""
    slug = front.text("slug")
    if slug is not None and not SLUG_SHAPE.match(slug):
        raise StenogramError(path, front.line_of("slug"), f"slug '{slug}' must be lower-case letters, digits and '-'")
    slug = slug or slugify(title)
    if not slug:
        raise StenogramError(path, front.line_of("title"), f"title '{title}' gives an empty slug; set 'slug'")
    stem = f"{moment.date().isoformat()}-{slug}"
    if path.name != f"{stem}.md":
        why = "its date and slug" if FILE_SHAPE.match(path.name) else "the form YYYY-MM-DD-slug.md"
        raise StenogramError(
            path, front.line_of("title"),
            f"file name does not match {why}: expected '{stem}.md' (rename the file, or set 'slug' to keep the old URL)",
        )
    return stem


def _body(path: Path, text: str, first_line: int, speakers: dict[str, str | None]) -> tuple[Body, set[str]]:
    body: list = []
    used: set[str] = set()
    number = 0
    try:
        blocks = parse_body(text)
    except TooDeep as deep:
        raise StenogramError(
            path, first_line + deep.line,
            "lists or quotes nested too deeply: Markdown would drop the rest of the body "
            "(escape the markers with a backslash, like '\\- ')",
        ) from None
    for block in blocks:
        if isinstance(block, StatementBlock):
            if block.label not in speakers:
                raise StenogramError(
                    path, first_line + block.line, f"speaker label '{block.label}' is not in the front matter's 'speakers'",
                )
            used.add(block.label)
            number += 1
            body.append(Statement(number, block.label, speakers[block.label], block.paragraphs, block.texts))
        else:
            body.append(block)
    if not body:
        raise StenogramError(path, first_line, "empty body")
    return tuple(body), used


def read_event(
    path: Path, registry: PersonRegistry, warnings: list[Diagnostic], data: bytes, data_digest: str | None = None
) -> tuple[Event, Body]:
    """One content file, given its bytes (and their digest, when the caller
    has it already), as an event and its body."""
    data_digest = data_digest or digest(data)
    front, body_text, body_line = read_file(decode(path, data), path)
    title = front.text("title", required=True)
    moment = front.date()
    summary = front.text("summary")
    stem = _stem(path, front, title, moment)
    lists = {key: front.strings(key) for key in LIST_KEYS}
    listed = tuple(dict.fromkeys(registry.canonical(p) or p for p in lists["persons"]))
    speakers_as_written = front.speakers()
    speakers = {label: (registry.canonical(name) or name) if name else None for label, name in speakers_as_written.items()}
    attending_as_written = front.attending()
    source = front.source()
    spoke = {name for name in speakers.values() if name}
    # A name import guessed only from an attendance list, until persons.yaml
    # confirms it, is no one: no page is made under a guess, and the entry
    # stays in the text as printed.
    doubtful = {name for name in source.get("unsettled", []) if registry.canonical(name) is None and name not in spoke}
    attending = {printed: registry.canonical(name) or name for printed, name in attending_as_written.items()
                 if name not in doubtful}
    for name in source.get("unsettled", []):
        if registry.canonical(name) is None:
            printed = [entry for entry, person in attending_as_written.items() if person == name]
            warnings.append(Diagnostic(str(path), front.line_of("source"), unsettled_message(name, printed)
                                       if name in doubtful and printed else unsettled_message(name)))
    body, used = _body(path, body_text, body_line, speakers)
    for label in speakers:
        if label not in used:
            warnings.append(Diagnostic(str(path), front.line_of("speakers"), f"speaker '{label}' is never used in the body"))

    statements = [b for b in body if isinstance(b, Statement)]
    name_forms = tuple(dict.fromkeys([*lists["persons"], *(name for name in speakers_as_written.values() if name),
                                      *attending_as_written.values(), *source.get("unsettled", [])]))
    present = dict.fromkeys(listed)
    present.update(dict.fromkeys(attending.values()))
    present.update(dict.fromkeys(p for p in speakers.values() if p))
    values = dict(
        path=path,
        key=event_key(data_digest, registry, name_forms),
        card="",
        stem=stem,
        title=title,
        date=moment,
        updated=front.updated(moment),
        summary=summary,
        sections=lists["sections"],
        places=lists["geography"],
        topics=lists["topics"],
        listed=listed,
        speakers=tuple(speakers.items()),
        attending=tuple(attending.items()),
        present=tuple(present),
        photos=lists["photos"],
        statements=summaries(statements),
        lead=" ".join(statements[0].text.split())[:LEAD_CHARS] if statements else "",
        name_forms=name_forms,
        # What import keeps for itself (the names it guessed, the digest of what it wrote) is not the event's.
        source=tuple((str(k), str(v)) for k, v in source.items() if k not in ("unsettled", "written")),
        key_lines=tuple(front.key_lines.items()),
    )
    values["card"] = card_key(values)
    event = Event(**values)
    return event, body
