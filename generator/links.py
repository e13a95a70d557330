"""Every URL of the site, decided before anything is written.

A URL is a public promise (docs/content-format.md). Two names that slug to
one URL, or two sources of one output path, are errors naming both files,
never an overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content import Event
from generator.errors import StenogramError
from generator.model import Archive
from generator.slugs import slugify


def event_url(event: Event) -> str:
    return f"/events/{event.stem}/"


def paged(url: str, page: int) -> str:
    """The URL of page ``page`` of the list at ``url`` (page 1 is the list itself)."""
    return url if page == 1 else f"{url}page/{page}/"


def year_url(year: int) -> str:
    return f"/archive/{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"/archive/{year:04d}/{month:02d}/"


def output_path(url: str) -> str:
    """'/events/x/' -> 'events/x/index.html'; '/feed.xml' -> 'feed.xml'."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path


@dataclass
class Links:
    """The slug of every person, topic and place."""

    persons: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)

    def person(self, name: str) -> str:
        return f"/persons/{self.persons[name]}/"

    def topic(self, name: str) -> str:
        return f"/topics/{self.topics[name]}/"

    def place(self, name: str) -> str:
        return f"/geography/{self.places[name]}/"


def _slugs(kind: str, key: str, groups) -> dict[str, str]:
    slugs: dict[str, str] = {}
    owner: dict[str, object] = {}

    def where(group) -> tuple[object, int]:
        event = group.events[-1]
        in_key = key if key != "persons" or group.name in event.persons else "speakers"
        return event.path, event.line_of(in_key)

    for group in groups:
        slug = slugify(group.name)
        path, line = where(group)
        if not slug:
            raise StenogramError(path, line, f"{kind} '{group.name}' gives an empty slug")
        if slug in owner:
            other = owner[slug]
            advice = "use one spelling, or list one as an alias in persons.yaml" if kind == "person" else "use one spelling"
            raise StenogramError(
                path, line,
                f"{kind} '{group.name}' and '{other.name}' (in {where(other)[0]}) share the URL slug '{slug}'; {advice}",
            )
        owner[slug] = group
        slugs[group.name] = slug
    return slugs


def decide_links(archive: Archive) -> Links:
    events_by_stem: dict[str, Event] = {}
    for event in archive.events:
        clash = events_by_stem.get(event.stem)
        if clash is not None:
            first, second = sorted([clash.path, event.path])
            line = (event if event.path == second else clash).line_of("title")
            raise StenogramError(second, line, f"URL /events/{event.stem}/ is claimed by this file and by {first}")
        events_by_stem[event.stem] = event
    return Links(
        persons=_slugs("person", "persons", archive.persons),
        topics=_slugs("topic", "topics", archive.topics),
        places=_slugs("place", "geography", archive.places),
    )


@dataclass
class OutputPlan:
    """Every output file and what produces it; a second claim is an error."""

    claims: dict[str, str] = field(default_factory=dict)

    def claim(self, url: str, origin: str) -> str:
        path = output_path(url)
        if path.startswith("/") or ".." in path.split("/"):
            raise StenogramError(origin, 1, f"URL {url} would be written outside the site")
        if path in self.claims:
            raise StenogramError(origin, 1, f"{url} is produced both by {self.claims[path]} and by {origin}")
        self.claims[path] = origin
        return path
