"""Open data: /data/events.json, /data/persons.json and one index.json per
event, serialised by json (escaped as JSON, never as HTML)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from generator.content.markdown import Narrative
from generator.content.model import Event, Statement
from generator.kit.dates import iso
from generator.pages.page import Env, Page
from generator.site.library import Library
from generator.site.urls import event_url


def dump_json(data: Any) -> bytes:
    # Compact: json's fast C encoder runs only without indentation.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _event_summary(event: Event, env: Env) -> dict[str, Any]:
    url = event_url(event)
    return {
        "id": event.stem,
        "title": event.title,
        "date": iso(event.date),
        "url": env.config.absolute(url),
        "summary": event.summary,
        "sections": list(event.sections),
        "geography": list(event.places),
        "topics": list(event.topics),
        "persons": list(event.present),
        "statements": len(event.statements),
        "data": env.config.absolute(url + "index.json"),
    }


# The body's HTML is the build's own (safe, escaped): its block elements
# are what a reader sees as paragraphs, list items and headings.
_BLOCK = re.compile(r"<(p|li|h[1-6]|pre|td|th)(?: [^>]*)?>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def paragraphs(fragment: str) -> list[str]:
    """The plain text of each paragraph (or item, heading, cell) of an HTML fragment."""
    if fragment.startswith("<p>") and fragment.count("<") == 2:
        # Most of a transcript: one paragraph of plain text, read three times faster.
        text = fragment[3:fragment.rindex("</p>")]
        text = (html.unescape(text) if "&" in text else text).strip()
        return [text] if text else []
    found = [html.unescape(_TAG.sub("", match.group(2))).strip() for match in _BLOCK.finditer(fragment)]
    return [text for text in found if text]


def event_json_view(event: Event, env: Env) -> bytes:
    """Every word of the event page: statements with their paragraphs, and
    the whole body in order, narrative and breaks included."""
    config = env.config
    url = config.absolute(event_url(event))
    statements, body = [], []
    for block in env.bodies.get(event):
        if isinstance(block, Statement):
            statements.append({
                "id": f"t{block.number}",
                "url": f"{url}#t{block.number}",
                "speaker": block.person,
                "speaker_url": config.absolute(env.urls.person(block.person)) if block.person else None,
                "label": block.label,
                "text": block.text,
                "paragraphs": [text for fragment in block.paragraphs for text in paragraphs(fragment)],
            })
            body.append({"statement": f"t{block.number}"})
        elif isinstance(block, Narrative):
            texts = paragraphs(block.html)
            body.append({"narrative": texts} if texts else {"break": True})
    return dump_json({
        **_event_summary(event, env),
        "photos": list(event.photos),
        "source": dict(event.source),
        "statements": statements,
        "body": body,
    })


def events_json_view(events: tuple[Event, ...], env: Env) -> bytes:
    return dump_json([_event_summary(e, env) for e in events])


@dataclass(frozen=True)
class PersonRecord:
    name: str
    events: int
    statements: int


def persons_json_view(persons: tuple[PersonRecord, ...], env: Env) -> bytes:
    return dump_json([
        {"name": p.name, "url": env.config.absolute(env.urls.person(p.name)), "events": p.events, "statements": p.statements}
        for p in persons
    ])


def data_pages(library: Library) -> Iterator[Page]:
    yield Page("/data/events.json", "open data", None, events_json_view, library.events)
    persons = tuple(PersonRecord(p.name, len(p.events), p.statements) for p in library.persons)
    yield Page("/data/persons.json", "open data", None, persons_json_view, persons)
    for event in library.events:
        yield Page(event_url(event) + "index.json", str(event.path), None, event_json_view, event)
