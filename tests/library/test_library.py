"""The Library: who spoke how often, with whom, on what; groups and their
most present people; the surname order; the calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.library.library import Library, build_library, surname_key
from modelfixtures import small_archive


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return build_library(small_archive(tmp_path / "content"))


def person(library: Library, name: str):
    [found] = [p for p in library.persons if p.name == name]
    return found


def test_events_newest_first_with_neighbours(library: Library) -> None:
    assert [e.title for e in library.events] == ["Third", "Second", "First"]
    older, newer = library.neighbours(library.events[1])
    assert (older.title, newer.title) == ("First", "Third")


def test_statement_counts_and_events_of_each_person(library: Library) -> None:
    counts = {p.name: (p.statements, [e.title for e in p.events]) for p in library.persons}
    assert counts == {
        "Carl Alpha": (0, ["First"]),
        "Anna Testova": (4, ["Third", "Second", "First"]),
        "Boris Probin": (2, ["Second", "First"]),
        "Vera Zeta": (1, ["Third"]),
    }


def test_topics_are_those_of_the_events_a_person_spoke_in(library: Library) -> None:
    assert person(library, "Anna Testova").topics == (("Economy", 2), ("Culture", 1), ("Health", 1))
    assert person(library, "Boris Probin").topics == (("Economy", 2), ("Health", 1))
    assert person(library, "Carl Alpha").topics == ()  # listed, never spoke


def test_companions_are_counted_by_shared_events(library: Library) -> None:
    assert person(library, "Anna Testova").companions == (("Boris Probin", 2), ("Carl Alpha", 1), ("Vera Zeta", 1))
    assert person(library, "Vera Zeta").companions == (("Anna Testova", 1),)


def test_groups_and_their_most_present(library: Library) -> None:
    topics = {g.name: g for g in library.topics}
    assert [g.name for g in library.topics] == ["Culture", "Economy", "Health"]
    assert [e.title for e in topics["Economy"].events] == ["Second", "First"]
    assert topics["Economy"].present == (("Anna Testova", 2), ("Boris Probin", 2), ("Carl Alpha", 1))
    places = {g.name: g for g in library.places}
    assert places["Sochi"].present == (("Anna Testova", 2), ("Boris Probin", 1), ("Vera Zeta", 1))
    assert [g.name for g in library.sections] == ["News"]


def test_persons_sort_by_surname(library: Library) -> None:
    assert [p.name for p in library.persons] == ["Carl Alpha", "Boris Probin", "Anna Testova", "Vera Zeta"]
    assert surname_key("Xi Jinping") < surname_key("Sergei Shoigu")  # the last word decides: J before S


def test_calendar_newest_first(library: Library) -> None:
    assert [(y.year, [m.month for m in y.months]) for y in library.years] == [(2021, [3]), (2020, [2, 1])]
    assert [e.title for e in library.years[1].events] == ["Second", "First"]
