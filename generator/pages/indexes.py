"""Pages that sum up the whole archive: home, the persons, topics, places
and sections indexes, the archive by date, search (with the names it
suggests) and 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from generator.content.model import Event
from generator.kit.dates import MONTHS
from generator.library.kinds import BY_KIND, KINDS, SECTION
from generator.library.library import Library
from generator.library.urls import index_url, month_url, year_url
from generator.pages.common import event_item, meta
from generator.pages.opendata import dump_json
from generator.pages.page import Env, Page


@dataclass(frozen=True)
class Home:
    latest: tuple[Event, ...]
    events: int
    persons: int
    topics: int
    places: int
    years: tuple[tuple[int, int], ...]  # year, count


def home_view(data: Home, env: Env) -> dict[str, Any]:
    return {
        "page": meta(env, env.config.title, "/", env.config.description),
        "latest": [event_item(e, env) for e in data.latest],
        "counts": {"events": data.events, "persons": data.persons, "topics": data.topics, "places": data.places},
        "years": [{"year": year, "url": year_url(year), "count": count} for year, count in data.years],
    }


@dataclass(frozen=True)
class PersonEntry:
    letter: str
    name: str
    spoke: int
    attended: int
    named: int
    statements: int


def persons_index_view(data: tuple[PersonEntry, ...], env: Env) -> dict[str, Any]:
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in data:
        letters.setdefault(entry.letter, []).append({
            "name": entry.name,
            "url": env.urls.person(entry.name),
            "spoke": entry.spoke,
            "attended": entry.attended,
            "named": entry.named,
            "statements": entry.statements,
        })
    return {
        "page": meta(env, "Persons", "/persons/", "Everyone who speaks in, is present at or is named in the transcripts, A to Z."),
        "letters": [{"letter": k, "persons": v} for k, v in letters.items()],
    }


@dataclass(frozen=True)
class GroupIndex:
    kind: str
    title: str
    url: str
    groups: tuple[tuple[str, int], ...]  # name, count


def group_index_view(data: GroupIndex, env: Env) -> dict[str, Any]:
    return {
        "page": meta(env, data.title, data.url, f"{data.title}: every {data.kind} of the archive, with the number of transcripts."),
        "kind": data.kind,
        "groups": [{"name": name, "url": env.urls.group(data.kind, name), "count": count} for name, count in data.groups],
    }


def archive_index_view(data: tuple[tuple[int, tuple[tuple[int, int], ...]], ...], env: Env) -> dict[str, Any]:
    return {
        "page": meta(env, "Archive", "/archive/", "Every transcript by year and month."),
        "years": [
            {
                "year": year,
                "url": year_url(year),
                "count": sum(count for _, count in months),
                "months": [{"name": MONTHS[m - 1], "url": month_url(year, m), "count": count} for m, count in months],
            }
            for year, months in data
        ],
    }


def not_found_view(data: tuple[str, str, str], env: Env) -> dict[str, Any]:
    """The 404 page: served at every address that has no page, so it names
    no canonical address of its own."""
    title, url, description = data
    return {"page": {**meta(env, title, url, description), "canonical": None}}


def search_view(data: tuple[()], env: Env) -> dict[str, Any]:
    """The search page: its script learns the shards from the index's
    router, and its filters and the indexes to browse instead from here,
    the table of kinds. The year, which no kind is, is narrowed by after
    the place; sections, few and broad, are no index to browse instead."""
    filters = [[kind.search_filter, kind.filter_title, list(kind.filter_aliases)] for kind in KINDS]
    filters.insert(KINDS.index(SECTION), ["year", "Year", []])
    browse = [[f"{kind.folder}/", kind.kind] for kind in KINDS if kind is not SECTION] + [["archive/", "date"]]
    return {"page": meta(env, "Search", "/search/", "Search every transcript."), "filters": filters, "browse": browse}


def search_names_view(data: tuple[tuple[str, str, int], ...], env: Env) -> bytes:
    """Every person, topic and place with its page and number of
    transcripts: what the search page suggests for a word no transcript holds.
    Paths are site-relative: the script puts the site's prefix before them."""
    return dump_json([{"kind": kind, "name": name, "url": env.urls.group(kind, name), "transcripts": count}
                      for kind, name, count in data])


def _letter(sort_key: str) -> str:
    letter = sort_key[:1].upper()
    return letter if letter.isalpha() else "#"


def index_pages(library: Library, latest_on_home: int) -> Iterator[Page]:
    yield Page("/", "home", "home.html", home_view, Home(
        library.events[:latest_on_home], len(library.events), len(library.persons), len(library.topics),
        len(library.places), tuple((y.year, len(y.events)) for y in library.years),
    ))
    entries = tuple(PersonEntry(_letter(p.sort_key[0]), p.name, p.spoke, p.attended, p.named, p.statements) for p in library.persons)
    yield Page("/persons/", "persons index", "persons_index.html", persons_index_view, entries)
    for kind, groups in library.groups():
        title, url = BY_KIND[kind].title, index_url(kind)
        data = GroupIndex(kind, title, url, tuple((g.name, len(g.events)) for g in groups))
        yield Page(url, f"{kind} index", "group_index.html", group_index_view, data)
    years = tuple((y.year, tuple((m.month, len(m.events)) for m in y.months)) for y in library.years)
    yield Page("/archive/", "archive", "archive_index.html", archive_index_view, years)
    yield Page("/search/", "search", "search.html", search_view, ())
    names = tuple(("person", p.name, len(p.events)) for p in library.persons) + tuple(
        (kind, g.name, len(g.events)) for kind, groups in library.groups() if kind != "section" for g in groups)
    yield Page("/search/names.json", "search names", None, search_names_view, names)
    yield Page("/404.html", "404", "404.html", not_found_view, ("Page not found", "/404.html", "This page does not exist."))
