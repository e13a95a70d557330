"""Open data: /data/events.json, /data/persons.json and one index.json per
event, serialised by json (escaped as JSON, never as HTML)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from generator.content.model import DocumentRef, Event, Statement
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
        # Only where the transcript was corrected: every other entry is as format 2 always wrote it.
        **({"updated": iso(event.updated)} if event.updated else {}),
        "url": env.config.absolute(url),
        "summary": event.summary,
        "sections": list(event.sections),
        "geography": list(event.places),
        "topics": list(event.topics),
        "persons": list(event.present),
        "statements": len(event.statements),
        "data": env.config.absolute(url + "index.json"),
    }


# The version of the per-transcript format (index.json). 2: every word once
# (a statement's paragraphs, no joined copy); URLs that follow from the
# file's own (a statement's) or from one table (a speaker's) are not repeated.
EVENT_FORMAT = 2


def event_json_view(document: DocumentRef, env: Env) -> bytes:
    """Every word of the event page, once: statements with their paragraphs,
    and the whole body in order, narrative and breaks included."""
    config, event = env.config, document.event
    statements, body, speakers = [], [], {}
    for block in env.bodies.get(document):
        if isinstance(block, Statement):
            statements.append({"id": f"t{block.number}", "speaker": block.person, "label": block.label,
                               "paragraphs": list(block.texts)})
            if block.person and block.person not in speakers:
                speakers[block.person] = config.absolute(env.urls.person(block.person))
            body.append({"statement": f"t{block.number}"})
        else:
            body.append({"narrative": list(block.texts)} if block.texts else {"break": True})
    summary = _event_summary(event, env)
    del summary["data"]  # the file's own address
    return dump_json({
        "format": EVENT_FORMAT,
        **summary,
        "photos": list(event.photos),
        "source": dict(event.source),
        "speakers": speakers,
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
    yield Page("/data/events.json", "open data", None, events_json_view, library.events, whole_archive=True)
    persons = tuple(PersonRecord(p.name, len(p.events), p.statements) for p in library.persons)
    yield Page("/data/persons.json", "open data", None, persons_json_view, persons)
    for event in library.events:
        yield Page(event_url(event) + "index.json", str(event.path), None, event_json_view, DocumentRef.of(event))
