"""The Library: every event plus the person, topic, place, section and
date indexes, built once from the loaded content; pages only read it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable

from generator.content.load import Content
from generator.content.model import Event, StatementSummary, label_core
from generator.content.persons import Office, PersonRegistry
from generator.library.kinds import GROUP_KINDS

MOST_PRESENT = 20
COMPANIONS = 30  # the people a person page names as met most often
# A roster longer than this (a congress, an awards list) says nothing of who
# meets whom, and counting its pairs would cost its size squared.
COMPANIONS_FROM_AT_MOST = 200


@dataclass(frozen=True)
class Group:
    """The events of one topic, place or section, newest first."""

    name: str
    events: tuple[Event, ...]
    present: tuple[tuple[str, int], ...] = ()  # the people present most often, most first

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.name.casefold(), self.name)


def surname_key(name: str, sort_as: str | None = None) -> tuple[str, str]:
    """A-Z by family name: what persons.yaml gives (Shen Haixiong sorts
    under S), else the last word of the display name."""
    if sort_as is not None:
        return (f"{sort_as} {name}".casefold(), name)
    words = name.split()
    return (" ".join(words[-1:] + words[:-1]).casefold(), name)


@dataclass(frozen=True)
class Person(Group):
    statements: int = 0  # statements made, in all events
    words: int = 0  # words spoken, in all statements
    spoke: int = 0  # events they speak in
    attended: int = 0  # events whose text lists them as present, where they do not speak
    sort_as: str | None = None  # the family name to sort by, when persons.yaml gives it
    # Each title the record gives the person ("Defence Minister": its labels
    # and its attendance lists), with the dates of the first and last
    # transcript that gives it, the latest first: what the record says, no more.
    roles: tuple[tuple[str, datetime, datetime], ...] = ()
    offices: tuple[Office, ...] = ()  # as persons.yaml gives them, with its dates
    topics: tuple[tuple[str, int], ...] = ()  # topics of the events they spoke in, most first
    companions: tuple[tuple[str, int], ...] = ()  # people in the same events, most first, the first COMPANIONS

    @property
    def sort_key(self) -> tuple[str, str]:
        return surname_key(self.name, self.sort_as)

    @property
    def named(self) -> int:
        """Events they are only named in (the list of persons)."""
        return len(self.events) - self.spoke - self.attended

    def statements_in(self, event: Event) -> tuple[StatementSummary, ...]:
        return tuple(s for s in event.statements if s.person == self.name)


def part_in(name: str, event: Event) -> str:
    """How a person is in an event: 'spoke', 'attended' (listed as present,
    without speaking) or 'named' (only in its list of persons)."""
    if any(s.person == name for s in event.statements):
        return "spoke"
    if any(person == name for _, person in event.attending):
        return "attended"
    return "named"


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]  # newest first

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for m in self.months for e in m.events)


@dataclass(frozen=True)
class Library:
    events: tuple[Event, ...]  # newest first
    persons: tuple[Person, ...]  # by surname
    topics: tuple[Group, ...]
    places: tuple[Group, ...]
    sections: tuple[Group, ...]
    years: tuple[Year, ...]  # newest first
    positions: dict[str, int]  # event stem -> index in events

    def groups(self) -> tuple[tuple[str, tuple[Group, ...]], ...]:
        """Each kind of group but persons (topic, place, section) with its groups."""
        return tuple((kind.kind, getattr(self, kind.plural)) for kind in GROUP_KINDS)

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """(older, newer) by date."""
        index = self.positions[event.stem]
        older = self.events[index + 1] if index + 1 < len(self.events) else None
        newer = self.events[index - 1] if index > 0 else None
        return older, newer


def newest_first(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: (e.date, e.stem), reverse=True))


def ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Most first; ties by name, so the order never depends on the input's."""
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _members(events: tuple[Event, ...], names_of: Callable[[Event], Iterable[str]]) -> dict[str, list[Event]]:
    members: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for name in dict.fromkeys(names_of(event)):
            members[name].append(event)
    return members


def _groups(events: tuple[Event, ...], names_of: Callable[[Event], Iterable[str]]) -> tuple[Group, ...]:
    groups = []
    for name, members in _members(events, names_of).items():
        present = ranked(Counter(p for e in members for p in e.present))[:MOST_PRESENT]
        groups.append(Group(name, tuple(members), present))
    return tuple(sorted(groups, key=lambda g: g.sort_key))


def role_of(label: str, name: str) -> str | None:
    """The office a label gives a person on that day: 'Defence Minister
    Sergei Shoigu' -> 'Defence Minister'; None for a label that is only
    the name, or one whose name is not the person's."""
    core = label_core(label)
    words, name_words = core.split(), name.split()
    if core.endswith(" " + name):
        role = core[: -len(name)]
    elif len(words) > len(name_words) and words[-1] == name_words[-1]:  # another spelling of the given name
        role = " ".join(words[: -len(name_words)])
    else:
        return None
    role = role.strip(" ,")
    return role or None


def _roles(dated: list[tuple[str, datetime]]) -> tuple[tuple[str, datetime, datetime], ...]:
    """(role, first transcript's date, last transcript's date), the latest given first."""
    spans: dict[str, list[datetime]] = {}
    for role, moment in dated:
        span = spans.setdefault(role, [moment, moment])
        span[0], span[1] = min(span[0], moment), max(span[1], moment)
    latest_first = sorted(spans.items(), key=lambda item: item[0])  # ties by name, whatever the input's order
    latest_first.sort(key=lambda item: (item[1][1], item[1][0]), reverse=True)
    return tuple((role, first, last) for role, (first, last) in latest_first)


def _persons(events: tuple[Event, ...], registry: PersonRegistry) -> tuple[Person, ...]:
    # One pass over every statement: who spoke how often, and in which events.
    spoken: dict[str, list[Event]] = defaultdict(list)
    statements: Counter[str] = Counter()
    words: Counter[str] = Counter()
    roles: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
    attended: Counter[str] = Counter()
    for event in events:
        for label, person in (*event.speakers, *event.attending):
            role = role_of(label, person) if person else None
            if role is not None:
                roles[person].append((role, event.date))
        speakers: Counter[str] = Counter()
        for statement in event.statements:
            if statement.person is not None:
                speakers[statement.person] += 1
                words[statement.person] += statement.words
        statements.update(speakers)
        for name in speakers:
            spoken[name].append(event)
        attended.update({p for _, p in event.attending if p not in speakers})
    persons = []
    for name, members in _members(events, lambda e: e.present).items():
        persons.append(Person(
            name,
            tuple(members),
            statements=statements[name],
            words=words[name],
            spoke=len(spoken[name]),
            attended=attended[name],
            sort_as=registry.sort_key(name),
            roles=_roles(roles[name]),
            offices=registry.offices_of(name),
            topics=ranked(Counter(t for e in spoken[name] for t in dict.fromkeys(e.topics))),
            companions=ranked(Counter(
                p for e in members if len(e.present) <= COMPANIONS_FROM_AT_MOST for p in e.present if p != name
            ))[:COMPANIONS],
        ))
    return tuple(sorted(persons, key=lambda p: p.sort_key))


def _years(events: tuple[Event, ...]) -> tuple[Year, ...]:
    by_month: dict[tuple[int, int], list[Event]] = defaultdict(list)
    for event in events:
        by_month[(event.date.year, event.date.month)].append(event)
    years = []
    for year in sorted({y for y, _ in by_month}, reverse=True):
        months = tuple(Month(year, m, tuple(by_month[(year, m)])) for m in range(12, 0, -1) if (year, m) in by_month)
        years.append(Year(year, months))
    return tuple(years)


def build_library(content: Content) -> Library:
    events = newest_first(content.events)
    return Library(
        events=events,
        persons=_persons(events, content.registry),
        topics=_groups(events, lambda e: e.topics),
        places=_groups(events, lambda e: e.places),
        sections=_groups(events, lambda e: e.sections),
        years=_years(events),
        positions={e.stem: i for i, e in enumerate(events)},
    )
