"""Plain view data for the templates: every page's URL, template and values.

Templates get only these dicts of strings, numbers and safe HTML fragments
(produced by markdown-it with raw HTML disabled); they do no parsing and no
lookups of their own.

Each page also names its inputs: the keys of the events it lists, or, for a
page that sums up the whole archive, its view data itself. A rebuild
compares a hash of these with the last build's and makes only the pages
whose inputs changed; the view data of the others is never built.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterator

from markupsafe import Markup

from generator.cache import digest
from generator.config import SiteConfig
from generator.content import Body, BodyStore, Event, Turn, excerpt
from generator.dates import MONTHS, iso
from generator.links import Links, event_url, month_url, paged, year_url
from generator.model import Archive, Group, Person


@dataclass(frozen=True)
class Page:
    url: str
    origin: str  # the file or index the page comes from, for clash messages
    template: str
    inputs: Any  # all the page is made from besides templates, configuration and code
    context: Callable[[], dict[str, Any]]  # its view data, built only when it is rendered

    @classmethod
    def of(cls, url: str, origin: str, template: str, context: dict[str, Any]) -> Page:
        """A page whose view data is its own input: cheap to build, made from the whole archive."""
        return cls(url, origin, template, context, lambda: context)


def events_digest(events) -> str:
    """One hash for a list of events: what a list page of them is made from."""
    return digest("".join(e.key for e in events).encode())


def inputs_digest(*values: Any) -> str:
    """One hash for a page's inputs: what the build compares with the last one."""
    return digest(inputs_bytes(values))


def inputs_bytes(inputs: Any) -> bytes:
    """A page's inputs as bytes to hash. Most pages name theirs as one
    string (hashes joined), which needs no pickling."""
    return inputs.encode() if isinstance(inputs, str) else pickle.dumps(inputs, protocol=5)


def date_text(moment: datetime) -> str:
    text = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return text if (moment.hour, moment.minute) == (0, 0) else f"{text}, {moment:%H:%M}"


def paged_title(name: str, number: int) -> str:
    return name if number == 1 else f"{name} (page {number})"


def _most_present(group: Group) -> list[tuple[str, int]]:
    """The 20 people present most often in a group's events."""
    present: dict[str, int] = {}
    for event in group.events:
        for name in event.people:
            present[name] = present.get(name, 0) + 1
    return sorted(present.items(), key=lambda item: (-item[1], item[0]))[:20]


class Views:
    def __init__(self, config: SiteConfig, archive: Archive, links: Links, bodies: BodyStore) -> None:
        self.config = config
        self.archive = archive
        self.links = links
        self.bodies = bodies

    # Small pieces shared by many pages ------------------------------------

    def _named(self, names, url_of) -> list[dict[str, str]]:
        return [{"name": name, "url": url_of(name)} for name in names]

    def event_item(self, event: Event) -> dict[str, Any]:
        return {
            "title": event.title,
            "url": event_url(event),
            "date_iso": iso(event.date),
            "date_text": date_text(event.date),
            "summary": event.summary or "",
            "places": self._named(event.geography, self.links.place),
        }

    def _meta(self, title: str, url: str, description: str, kind: str = "website") -> dict[str, str]:
        return {
            "title": title,
            "url": url,
            "canonical": self.config.absolute(url),
            "description": excerpt(description, 200),
            "og_type": kind,
        }

    def _pages(self, url: str, count: int) -> Iterator[tuple[int, slice, dict]]:
        """(page number, the slice of the list it shows, its pager), a page every items_per_page."""
        per_page = self.config.items_per_page
        total = max(1, -(-count // per_page))
        for number in range(1, total + 1):
            pager = {
                "current": number,
                "total": total,
                "newer_url": paged(url, number - 1) if number > 1 else None,
                "older_url": paged(url, number + 1) if number < total else None,
            }
            yield number, slice((number - 1) * per_page, number * per_page), pager

    # Pages ---------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home()
        for event in self.archive.events:
            yield self.event(event)
        yield from self.person_pages()
        yield from self.group_pages("topic", self.archive.topics, self.links.topic, "/topics/")
        yield from self.group_pages("place", self.archive.places, self.links.place, "/geography/")
        yield self.persons_index()
        yield self.group_index("topic", "Topics", self.archive.topics, self.links.topic, "/topics/")
        yield self.group_index("place", "Geography", self.archive.places, self.links.place, "/geography/")
        yield from self.archive_pages()
        yield Page.of("/search/", "search", "search.html", {"page": self._meta("Search", "/search/", "Search every transcript.")})
        yield Page.of("/404.html", "404", "404.html", {"page": self._meta("Page not found", "/404.html", "This page does not exist.")})

    def home(self) -> Page:
        latest = [self.event_item(e) for e in self.archive.events[: self.config.latest_on_home]]
        return Page.of("/", "home", "home.html", {
            "page": self._meta(self.config.title, "/", self.config.description),
            "latest": latest,
            "counts": {
                "events": len(self.archive.events),
                "persons": len(self.archive.persons),
                "topics": len(self.archive.topics),
                "places": len(self.archive.places),
            },
            "years": [{"year": y.year, "url": year_url(y.year), "count": len(y.events)} for y in self.archive.years],
        })

    def turn(self, turn: Turn) -> dict[str, Any]:
        return {
            "kind": "turn",
            "id": f"t{turn.number}",
            "label": turn.label,
            "person": turn.person,
            "person_url": self.links.person(turn.person) if turn.person else None,
            "paragraphs": [Markup(p) for p in turn.paragraphs],
        }

    def event(self, event: Event) -> Page:
        older, newer = self.archive.neighbours(event)
        url = event_url(event)
        inputs = "\0".join((event.key, *(f"{e.title}\0{e.stem}" if e else "" for e in (older, newer))))
        return Page(url, str(event.path), "event.html", inputs,
                    lambda: self._event_context(event, self.bodies.get(event), older, newer))

    def _event_context(self, event: Event, body: Body, older: Event | None, newer: Event | None) -> dict[str, Any]:
        url = event_url(event)
        blocks = [
            self.turn(block) if isinstance(block, Turn) else {"kind": "html", "html": Markup(block.html)}
            for block in body
        ]
        return {
            "page": self._meta(event.title, url, event.summary or event.lead or event.title, "article"),
            "event": {
                **self.event_item(event),
                "sections": list(event.sections),
                "topics": self._named(event.topics, self.links.topic),
                "persons": self._named(event.people, self.links.person),
                "photos": list(event.photos),
                "body": blocks,
                "data_url": url + "index.json",
            },
            "older": {"title": older.title, "url": event_url(older)} if older else None,
            "newer": {"title": newer.title, "url": event_url(newer)} if newer else None,
        }

    def person_pages(self) -> Iterator[Page]:
        for person in self.archive.persons:
            url = self.links.person(person.name)
            # A page of a list is made from the events it shows and the list's header.
            header = inputs_digest(len(person.events), person.statements, person.topics, person.companions[:30])
            for number, part, pager in self._pages(url, len(person.events)):
                inputs = events_digest(person.events[part]) + header
                yield Page(paged(url, number), f"person '{person.name}'", "person.html", inputs,
                           lambda person=person, number=number, part=part, pager=pager:
                           self._person_context(person, number, part, pager))

    def _person_context(self, person: Person, number: int, part: slice, pager: dict) -> dict[str, Any]:
        url = self.links.person(person.name)
        title = paged_title(person.name, number)
        return {
            "page": self._meta(title, paged(url, number), self._person_description(person), "profile"),
            "person": {
                "name": person.name,
                "events": len(person.events),
                "statements": person.statements,
                "feed_url": url + "feed.xml",
                "topics": [{"name": t, "url": self.links.topic(t), "count": c} for t, c in person.topics],
                "companions": [
                    {"name": p, "url": self.links.person(p), "count": c} for p, c in person.companions[:30]
                ],
            },
            "items": [self._person_event(person, e) for e in person.events[part]],
            "pager": pager,
        }

    def _person_description(self, person: Person) -> str:
        return (
            f"{person.name}: {person.statements} statement(s) in {len(person.events)} "
            f"transcript(s) of the {self.config.title}."
        )

    def _person_event(self, person: Person, event: Event) -> dict[str, Any]:
        return {
            **self.event_item(event),
            "statements": [
                {"url": f"{event_url(event)}#t{s.number}", "number": s.number, "label": s.label, "excerpt": s.excerpt}
                for s in person.statements_in(event)
            ],
        }

    def group_pages(self, kind: str, groups: tuple[Group, ...], url_of, index_url: str) -> Iterator[Page]:
        for group in groups:
            url = url_of(group.name)
            people = _most_present(group)
            header = inputs_digest(len(group.events), people)
            for number, part, pager in self._pages(url, len(group.events)):
                inputs = events_digest(group.events[part]) + header
                yield Page(paged(url, number), f"{kind} '{group.name}'", "group.html", inputs,
                           lambda group=group, people=people, url=url, number=number, part=part, pager=pager:
                           self._group_context(kind, group, people, url, index_url, number, part, pager))

    def _group_context(self, kind, group: Group, people, url, index_url, number, part, pager) -> dict[str, Any]:
        title = paged_title(group.name, number)
        return {
            "page": self._meta(title, paged(url, number), f"{kind.capitalize()}: {group.name}. {len(group.events)} transcript(s)."),
            "group": {
                "kind": kind,
                "name": group.name,
                "count": len(group.events),
                "index_url": index_url,
                "feed_url": url + "feed.xml" if kind == "topic" else None,
                "people": [{"name": n, "url": self.links.person(n), "count": c} for n, c in people],
            },
            "items": [self.event_item(e) for e in group.events[part]],
            "pager": pager,
        }

    def persons_index(self) -> Page:
        letters: dict[str, list[dict[str, Any]]] = {}
        for person in self.archive.persons:
            letter = person.sort_key[0][:1].upper() or "#"
            letters.setdefault(letter if letter.isalpha() else "#", []).append({
                "name": person.name,
                "url": self.links.person(person.name),
                "events": len(person.events),
                "statements": person.statements,
            })
        return Page.of("/persons/", "persons index", "persons_index.html", {
            "page": self._meta("Persons", "/persons/", "Everyone who speaks or appears in the transcripts, A to Z."),
            "letters": [{"letter": k, "persons": v} for k, v in letters.items()],
        })

    def group_index(self, kind: str, title: str, groups, url_of, url: str) -> Page:
        return Page.of(url, f"{kind} index", "group_index.html", {
            "page": self._meta(title, url, f"{title}: every {kind} of the archive, with the number of transcripts."),
            "kind": kind,
            "groups": [{"name": g.name, "url": url_of(g.name), "count": len(g.events)} for g in groups],
        })

    def archive_pages(self) -> Iterator[Page]:
        years = [
            {
                "year": y.year,
                "url": year_url(y.year),
                "count": len(y.events),
                "months": [
                    {"name": MONTHS[m.month - 1], "url": month_url(y.year, m.month), "count": len(m.events)}
                    for m in y.months
                ],
            }
            for y in self.archive.years
        ]
        yield Page.of("/archive/", "archive", "archive_index.html", {
            "page": self._meta("Archive", "/archive/", "Every transcript by year and month."),
            "years": years,
        })
        for year, view in zip(self.archive.years, years):
            yield from self._dated_list(year_url(year.year), str(year.year), year.events, view["months"])
            for month in year.months:
                name = f"{MONTHS[month.month - 1]} {year.year}"
                yield from self._dated_list(month_url(year.year, month.month), name, month.events, None,
                                            up={"name": str(year.year), "url": year_url(year.year)})

    def _dated_list(self, url, name, events, months, up=None) -> Iterator[Page]:
        for number, part, pager in self._pages(url, len(events)):
            inputs = events_digest(events[part]) + inputs_digest(len(events), months)
            yield Page(paged(url, number), f"archive {name}", "archive_list.html", inputs,
                       lambda number=number, part=part, pager=pager: {
                           "page": self._meta(paged_title(name, number), paged(url, number), f"Transcripts of {name}: {len(events)}."),
                           "name": name,
                           "count": len(events),
                           "months": months,
                           "up": up,
                           "items": [self.event_item(e) for e in events[part]],
                           "pager": pager,
                       })
