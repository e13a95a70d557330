"""Open data: /data/events.json, /data/persons.json and one index.json per
event, serialised by json (escaped as JSON, never as HTML)."""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator

from generator.config import SiteConfig
from generator.content import Body, BodyStore, Event, Turn
from generator.dates import iso
from generator.links import Links, event_url
from generator.model import Archive
from generator.views import events_digest


def _dump(data: Any) -> bytes:
    # Compact: json's fast C encoder runs only without indentation.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _event_summary(config: SiteConfig, event: Event) -> dict[str, Any]:
    url = event_url(event)
    return {
        "id": event.stem,
        "title": event.title,
        "date": iso(event.date),
        "url": config.absolute(url),
        "summary": event.summary,
        "sections": list(event.sections),
        "geography": list(event.geography),
        "topics": list(event.topics),
        "persons": list(event.people),
        "statements": len(event.statements),
        "data": config.absolute(url + "index.json"),
    }


def event_data(config: SiteConfig, links: Links, event: Event, body: Body) -> bytes:
    url = config.absolute(event_url(event))
    return _dump({
        **_event_summary(config, event),
        "photos": list(event.photos),
        "source": dict(event.source),
        "statements": [
            {
                "id": f"t{s.number}",
                "url": f"{url}#t{s.number}",
                "speaker": s.person,
                "speaker_url": config.absolute(links.person(s.person)) if s.person else None,
                "label": s.label,
                "text": s.text,
            }
            for s in body
            if isinstance(s, Turn)
        ],
    })


def data_files(
    config: SiteConfig, archive: Archive, links: Links, bodies: BodyStore
) -> Iterator[tuple[str, str, Any, Callable[[], bytes]]]:
    """(url, origin, inputs, how to make its bytes) for every JSON file."""
    events = archive.events
    yield "/data/events.json", "open data", events_digest(events), lambda: _dump([_event_summary(config, e) for e in events])
    persons = [
        {
            "name": p.name,
            "url": config.absolute(links.person(p.name)),
            "events": len(p.events),
            "statements": p.statements,
        }
        for p in archive.persons
    ]
    yield "/data/persons.json", "open data", persons, lambda: _dump(persons)
    for event in archive.events:
        yield (event_url(event) + "index.json", str(event.path), event.key,
               lambda event=event: event_data(config, links, event, bodies.get(event)))
