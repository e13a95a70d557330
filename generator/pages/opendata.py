"""Open data: /data/events.json, /data/persons.json, one index.json per
event, and the archive by year (/data/years/<YYYY>.jsonl.gz, one line a
statement or narrative passage, with their index /data/years.json),
serialised by json (escaped as JSON, never as HTML); the JSON Schemas they
name, published at the URLs the files give; and the page that lists them
all (/data/)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from generator.content.model import DocumentRef, Event, Statement
from generator.kit.dates import iso
from generator.library.library import Library
from generator.library.urls import event_url
from generator.pages.common import meta
from generator.pages.page import Env, Page


def dump_json(data: Any) -> bytes:
    # Compact: json's fast C encoder runs only without indentation.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# The version of the open data's format. 2: every word once (a statement's
# paragraphs, no joined copy); URLs that follow from the file's own (a
# statement's) or from one table (a speaker's) are not repeated. 3: each file
# is an object that names its schema, the licence and the attribution; an
# event gives its original's address and the people listed as attending.
DATA_FORMAT = 3
SCHEMAS = Path(__file__).with_name("schemas")


def schema_url(name: str) -> str:
    return f"/data/schemas/{name}.schema.json"


def _about(schema: str, env: Env) -> dict[str, Any]:
    """What every file says first: its schema, its format, and on what terms it may be used."""
    config = env.config
    return {
        "$schema": config.absolute(schema_url(schema)),
        "format": DATA_FORMAT,
        "licence": {"name": config.licence_name, "url": config.licence_url},
        "attribution": config.source_name,
    }


def _event_summary(event: Event, env: Env) -> dict[str, Any]:
    url = event_url(event)
    original = dict(event.source).get("url")
    return {
        "id": event.stem,
        "title": event.title,
        "date": iso(event.date),
        # Only where the transcript was corrected: every other entry is as format 2 always wrote it.
        **({"updated": iso(event.updated)} if event.updated else {}),
        "url": env.config.absolute(url),
        **({"original": original} if original else {}),
        "summary": event.summary,
        "sections": list(event.sections),
        "geography": list(event.places),
        "topics": list(event.topics),
        "persons": list(event.present),
        "statements": len(event.statements),
        "data": env.config.absolute(url + "index.json"),
    }


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
    source = {k: v for k, v in event.source if k != "url"}  # the url is the summary's 'original'
    return dump_json({
        **_about("event", env),
        **summary,
        "attending": [{"name": person, "as": printed} for printed, person in event.attending],
        "photos": list(event.photos),
        "source": source,
        "speakers": speakers,
        "statements": statements,
        "body": body,
    })


def events_json_view(events: tuple[Event, ...], env: Env) -> bytes:
    return dump_json({**_about("events", env), "events": [_event_summary(e, env) for e in events]})


@dataclass(frozen=True)
class PersonRecord:
    name: str
    events: int
    spoke: int
    attended: int
    statements: int


def persons_json_view(persons: tuple[PersonRecord, ...], env: Env) -> bytes:
    return dump_json({**_about("persons", env), "persons": [
        {"name": p.name, "url": env.config.absolute(env.urls.person(p.name)), "events": p.events,
         "spoke": p.spoke, "attended": p.attended, "statements": p.statements}
        for p in persons
    ]})


@dataclass(frozen=True)
class Schema:
    name: str
    text: bytes  # as shipped; its $id is the address the build publishes it at


def schema_view(schema: Schema, env: Env) -> bytes:
    data = json.loads(schema.text)
    data["$id"] = env.config.absolute(schema_url(schema.name))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def year_url(year: int) -> str:
    return f"/data/years/{year:04d}.jsonl.gz"


@dataclass(frozen=True)
class YearFile:
    year: int
    documents: tuple[DocumentRef, ...]  # its transcripts, oldest first


def year_lines_view(data: YearFile, env: Env) -> bytes:
    """A year of the archive as JSON Lines, gzipped: each statement, and
    each passage of narrative, in the order of the transcripts (oldest
    first) and of their pages. Every line names its transcript, its
    address (a statement's with its anchor), its date, and who spoke."""
    lines = []
    for document in data.documents:
        event = document.event
        url = env.config.absolute(event_url(event))
        common = {"event": event.stem, "date": iso(event.date)}
        for block in env.bodies.get(document):
            if isinstance(block, Statement):
                line = {"kind": "statement", **common, "id": f"t{block.number}", "url": f"{url}#t{block.number}",
                        "speaker": block.person, "label": block.label, "text": "\n\n".join(block.texts)}
            elif block.texts:
                line = {"kind": "narrative", **common, "id": None, "url": url, "speaker": None, "label": None,
                        "text": "\n\n".join(block.texts)}
            else:
                continue  # a break: no words
            lines.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
    # No time in the header: the same year gives the same bytes. Level 6:
    # level 9 took half as long again for files 1.5 % smaller.
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=6, mtime=0)


@dataclass(frozen=True)
class YearEntry:
    year: int
    transcripts: int
    statements: int
    words: int  # in statements


def years_json_view(years: tuple[YearEntry, ...], env: Env) -> bytes:
    return dump_json({**_about("years", env), "years": [
        {"year": y.year, "url": env.config.absolute(year_url(y.year)), "transcripts": y.transcripts,
         "statements": y.statements, "words": y.words} for y in years]})


def data_page_view(years: tuple[YearEntry, ...], env: Env) -> dict[str, Any]:
    """The page that lists the open data, with the terms of its use."""
    return {
        "page": meta(env, "Open data", "/data/", "Every transcript as JSON: the whole archive, each year, each transcript, with their schemas."),
        "years": [{"year": y.year, "url": year_url(y.year), "transcripts": y.transcripts,
                   "statements": y.statements, "words": y.words} for y in years],
        "schemas": [schema_url(name) for name in ("events", "persons", "event", "years", "statement")],
        "format": DATA_FORMAT,
    }


def year_entries(library: Library) -> tuple[YearEntry, ...]:
    return tuple(YearEntry(y.year, len(y.events), sum(len(e.statements) for e in y.events),
                           sum(s.words for e in y.events for s in e.statements)) for y in reversed(library.years))


def data_pages(library: Library) -> Iterator[Page]:
    yield Page("/data/events.json", "open data", None, events_json_view, library.events, whole_archive=True)
    persons = tuple(PersonRecord(p.name, len(p.events), p.spoke, p.attended, p.statements) for p in library.persons)
    yield Page("/data/persons.json", "open data", None, persons_json_view, persons)
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        yield Page(schema_url(name), str(path), None, schema_view, Schema(name, path.read_bytes()))
    for event in library.events:
        yield Page(event_url(event) + "index.json", str(event.path), None, event_json_view, DocumentRef.of(event))
    years = year_entries(library)
    yield Page("/data/years.json", "open data", None, years_json_view, years)
    yield Page("/data/", "open data", "data.html", data_page_view, years)
    for year in library.years:
        documents = tuple(DocumentRef.of(e) for e in sorted(year.events, key=lambda e: (e.date, e.stem)))
        yield Page(year_url(year.year), f"open data {year.year}", None, year_lines_view, YearFile(year.year, documents))
