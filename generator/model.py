"""The archive: every event plus the person, topic, place and date indexes,
built once from the loaded content; rendering only reads it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from generator.content import Content, Event, Statement


@dataclass(frozen=True)
class Group:
    """The events of one person, topic or place, newest first."""

    name: str
    events: tuple[Event, ...]

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.name.casefold(), self.name)


@dataclass(frozen=True)
class Person(Group):
    statements: int  # turns spoken, in all events
    topics: tuple[tuple[str, int], ...]  # topics of the events they spoke in, most first
    companions: tuple[tuple[str, int], ...]  # people in the same events, most first

    @property
    def sort_key(self) -> tuple[str, str]:
        """A-Z by surname, the last word of the display name."""
        words = self.name.split()
        return (" ".join(words[-1:] + words[:-1]).casefold(), self.name)

    def statements_in(self, event: Event) -> tuple[Statement, ...]:
        return tuple(s for s in event.statements if s.person == self.name)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for m in self.months for e in m.events)


@dataclass(frozen=True)
class Archive:
    events: tuple[Event, ...]  # newest first
    persons: tuple[Person, ...]
    topics: tuple[Group, ...]
    places: tuple[Group, ...]
    years: tuple[Year, ...]  # newest first
    positions: dict[str, int]  # event stem -> index in events

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """(older, newer) by date."""
        index = self.positions[event.stem]
        older = self.events[index + 1] if index + 1 < len(self.events) else None
        newer = self.events[index - 1] if index > 0 else None
        return older, newer


def newest_first(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: (e.date, e.stem), reverse=True))


def _groups(events: tuple[Event, ...], names_of) -> tuple[Group, ...]:
    members: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for name in dict.fromkeys(names_of(event)):
            members[name].append(event)
    return tuple(sorted((Group(n, tuple(e)) for n, e in members.items()), key=lambda g: g.sort_key))


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def build_archive(content: Content) -> Archive:
    events = newest_first(content.events)
    # One pass over every statement: who spoke how often, and in which events.
    spoken: dict[str, list[Event]] = defaultdict(list)
    statements: Counter[str] = Counter()
    for event in events:
        speakers = Counter(s.person for s in event.statements if s.person is not None)
        statements.update(speakers)
        for name in speakers:
            spoken[name].append(event)
    persons = []
    for group in _groups(events, lambda e: e.people):
        persons.append(
            Person(
                group.name,
                group.events,
                statements=statements[group.name],
                topics=_ranked(Counter(t for e in spoken[group.name] for t in dict.fromkeys(e.topics))),
                companions=_ranked(Counter(p for e in group.events for p in e.people if p != group.name)),
            )
        )
    by_month: dict[tuple[int, int], list[Event]] = defaultdict(list)
    for event in events:
        by_month[(event.date.year, event.date.month)].append(event)
    years = []
    for year in sorted({y for y, _ in by_month}, reverse=True):
        months = tuple(Month(year, m, tuple(by_month[(year, m)])) for m in range(12, 0, -1) if (year, m) in by_month)
        years.append(Year(year, months))
    return Archive(
        events=events,
        persons=tuple(sorted(persons, key=lambda p: p.sort_key)),
        topics=_groups(events, lambda e: e.topics),
        places=_groups(events, lambda e: e.geography),
        years=tuple(years),
        positions={e.stem: i for i, e in enumerate(events)},
    )
