"""Every URL of the site, decided before anything is rendered.

A URL is a public promise (docs/content-format.md). Two names that slug to
one URL, or two files that claim one event URL, are errors naming both
files, never an overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.model import Event
from generator.kit.errors import StenogramError
from generator.kit.slugs import slugify
from generator.library.kinds import BY_KIND, KINDS
from generator.library.library import Group, Library


def event_url(event: Event) -> str:
    return f"/events/{event.stem}/"


def paged_url(url: str, number: int) -> str:
    """The URL of page ``number`` of the list at ``url``; 0 is the list itself."""
    return url if number == 0 else f"{url}page/{number}/"


def year_url(year: int) -> str:
    return f"/archive/{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"/archive/{year:04d}/{month:02d}/"


def index_url(kind: str) -> str:
    """The URL of the index of a kind of group: /topics/."""
    return f"/{BY_KIND[kind].folder}/"


@dataclass
class Urls:
    """The slug of every person, topic, place and section; each is the
    slug of the name, kept here once checked for clashes."""

    persons: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)

    def group(self, kind: str, name: str) -> str:
        """The URL of ``name``, of a ``kind`` of group (person, topic, place or section)."""
        kind_of = BY_KIND[kind]
        return f"/{kind_of.folder}/{getattr(self, kind_of.plural)[name]}/"

    def person(self, name: str) -> str:
        return self.group("person", name)

    def topic(self, name: str) -> str:
        return self.group("topic", name)

    def place(self, name: str) -> str:
        return self.group("place", name)

    def section(self, name: str) -> str:
        return self.group("section", name)


def _slugs(kind: str, key: str, groups: tuple[Group, ...]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    owner: dict[str, Group] = {}

    def where(group: Group) -> tuple[object, int]:
        event = group.events[-1]
        in_key = key if key != "persons" or group.name in event.listed else "speakers"
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


def decide_urls(library: Library) -> Urls:
    events_by_stem: dict[str, Event] = {}
    for event in library.events:
        clash = events_by_stem.get(event.stem)
        if clash is not None:
            first, second = sorted([clash.path, event.path])
            line = (event if event.path == second else clash).line_of("title")
            raise StenogramError(second, line, f"URL /events/{event.stem}/ is claimed by this file and by {first}")
        events_by_stem[event.stem] = event
    return Urls(**{kind.plural: _slugs(kind.kind, kind.front_matter, getattr(library, kind.plural)) for kind in KINDS})
