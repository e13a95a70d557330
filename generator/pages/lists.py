"""List pages: the transcripts of a person, a topic, a place, a section, a
year or a month, newest first, in pages whose URLs never shift
(``library.paging``). Only the list's own URL carries the counts and the side
lists, which change with every transcript; a numbered page shows what it
holds for good, so that adding a transcript leaves it as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterator
from urllib.parse import urlencode

from generator.content.model import EXCERPTS_PER_EVENT, Event
from generator.content.persons import Office
from generator.kit.dates import MONTHS, iso
from generator.kit.nouns import plural
from generator.library.kinds import BY_KIND
from generator.library.library import Group, Library, Person, part_in, role_of
from generator.library.paging import LIST, ListPage, paginate
from generator.library.urls import event_url, index_url, month_url, paged_url, year_url
from generator.pages.common import counted, day_text, event_item, meta, paged_title, pager
from generator.pages.keywords import AS_OFTEN, AT_LEAST, FROM_WORDS, qualifies
from generator.pages.page import Env, Page


@dataclass(frozen=True)
class PersonSummary:
    """A person's header, on the list's own URL only."""

    transcripts: int
    spoke: int  # transcripts they speak in
    attended: int  # ...listed as present at, without speaking
    named: int  # ...only named in (the list of persons)
    statements: int
    words: int
    first: datetime  # the person's first and last transcripts in the record
    last: datetime
    roles: tuple[tuple[str, datetime, datetime], ...]
    offices: tuple[Office, ...]
    topics: tuple[tuple[str, int], ...]
    companions: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PersonListPage:
    name: str
    page: ListPage
    summary: PersonSummary | None


def _person_event(name: str, event: Event, env: Env) -> dict[str, Any]:
    part = part_in(name, event)
    url = event_url(event)
    theirs = [s for s in event.statements if s.person == name]
    # The title the attendance list gives the person there, if it gives one.
    titles = (role_of(printed, person) for printed, person in event.attending if person == name)
    return {
        **event_item(event, env),
        "part": part,
        "attended_as": next(filter(None, titles), "") if part == "attended" else "",
        "statements": [
            {"url": f"{url}#t{s.number}", "number": s.number, "label": s.label, "excerpt": s.excerpt}
            for s in theirs[:EXCERPTS_PER_EVENT]
        ],
        # The rest are a count and a link to the first of them, from which
        # the event page's "Next by" links go on.
        "more": {"count": len(theirs) - EXCERPTS_PER_EVENT, "url": f"{url}#t{theirs[EXCERPTS_PER_EVENT].number}"}
        if len(theirs) > EXCERPTS_PER_EVENT else None,
    }


def _day(moment: datetime) -> dict[str, str]:
    """A day as a <time> shows it: its ISO form and its words."""
    return {"iso": iso(moment), "text": day_text(moment)}


def _partial_day(value: str | None) -> dict[str, str] | None:
    """A date persons.yaml gives to the day, the month or the year, in words to match."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return {"iso": value, "text": day_text(datetime(*parts))}
    return {"iso": value, "text": f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])}


def _own_words(name: str, words: int, env: Env) -> dict[str, Any] | None:
    """The words a person uses markedly more than the rest of the archive,
    each with the search of it in their statements; or why there are none.
    None where the site has no search index to count them with."""
    if not words:
        return None
    if not qualifies(words):
        return {"words": [], "why": f"Their own words are listed from {FROM_WORDS:,} words in statements; "
                                    f"{name} has {words:,}."}
    if env.key_words is None:
        return None
    found = env.key_words.get(name, ())
    return {
        "words": [{"form": k.form, "said": k.said, "as_often": k.as_often,
                   "search": "?" + urlencode({"q": k.form, "speaker": name})} for k in found],
        "why": None if found else (f"No word is said at least {AT_LEAST} times by {name} and at least {AS_OFTEN} times "
                                   "as often as in the rest of the archive."),
    }


def person_list_view(data: PersonListPage, env: Env) -> dict[str, Any]:
    url = env.urls.person(data.name)
    summary = data.summary
    if summary is not None:
        if summary.statements:
            said = f"{plural(summary.statements, 'statement')} in {plural(summary.spoke, 'transcript')}"
        elif summary.attended:
            said = f"present at {plural(summary.attended, 'transcript')}"
        else:
            said = f"named in {plural(summary.named, 'transcript')}"
        description = f"{data.name}: {said} of the {env.config.title}."
    else:
        description = f"{data.name} in the {env.config.title}: transcripts {data.page.first:,} onwards."
    return {
        "page": meta(env, paged_title(data.name, data.page.number), paged_url(url, data.page.number), description, "profile"),
        "person": {
            "name": data.name,
            "url": url,
            "feed_url": url + "feed.xml",
            "summary": None if summary is None else {
                "events": summary.transcripts,
                "spoke": summary.spoke,
                "attended": summary.attended,
                "named": summary.named,
                "statements": summary.statements,
                "words": summary.words,
                "roles": [{"name": role, "first": _day(a), "last": _day(b)} for role, a, b in summary.roles],
                "offices": [{"name": o.title, "start": _partial_day(o.start), "end": _partial_day(o.end)}
                            for o in summary.offices],
                "first": _day(summary.first),
                "last": _day(summary.last),
                "topics": counted(summary.topics, env.urls.topic),
                "companions": counted(summary.companions, env.urls.person),
                "own_words": _own_words(data.name, summary.words, env),
            },
        },
        "items": [_person_event(data.name, e, env) for e in data.page.events],
        "pager": pager(url, data.page),
    }


def person_list_pages(person: Person, url: str, per_page: int) -> Iterator[Page]:
    summary = PersonSummary(len(person.events), person.spoke, person.attended, person.named, person.statements,
                            person.words, person.events[-1].date, person.events[0].date, person.roles, person.offices,
                            person.topics, person.companions)
    for page in paginate(person.events, per_page):
        data = PersonListPage(person.name, page, summary if page.number == LIST else None)
        yield Page(paged_url(url, page.number), f"person '{person.name}'", "person.html", person_list_view, data,
                   after_search=person.name if page.number == LIST and qualifies(person.words) else None)


@dataclass(frozen=True)
class GroupListPage:
    kind: str  # topic, place, section
    name: str
    page: ListPage
    count: int | None  # on the list's own URL only
    present: tuple[tuple[str, int], ...]  # likewise


def group_list_view(data: GroupListPage, env: Env) -> dict[str, Any]:
    url = env.urls.group(data.kind, data.name)
    index_name = BY_KIND[data.kind].title
    if data.count is not None:
        description = f"{data.kind.capitalize()}: {data.name}. {data.count:,} transcript(s)."
    else:
        description = f"{data.kind.capitalize()}: {data.name}. Transcripts {data.page.first:,} onwards."
    return {
        "page": meta(env, paged_title(data.name, data.page.number), paged_url(url, data.page.number), description),
        "group": {
            "kind": data.kind,
            "name": data.name,
            "url": url,
            "count": data.count,
            "index_name": index_name,
            "index_url": index_url(data.kind),
            "feed_url": url + "feed.xml",
            "people": counted(data.present, env.urls.person),
            # The search page with this group's filter chosen: words then search within it.
            "search": {BY_KIND[data.kind].search_filter: data.name},
        },
        "items": [event_item(e, env) for e in data.page.events],
        "pager": pager(url, data.page),
    }


def group_list_pages(kind: str, group: Group, url: str, per_page: int) -> Iterator[Page]:
    for page in paginate(group.events, per_page):
        first = page.number == LIST
        data = GroupListPage(kind, group.name, page, len(group.events) if first else None, group.present if first else ())
        yield Page(paged_url(url, page.number), f"{kind} '{group.name}'", "group.html", group_list_view, data)


@dataclass(frozen=True)
class CalendarListPage:
    name: str  # '2015', 'October 2015'
    url: str
    up: tuple[str, str] | None  # a month's year: its name and URL
    page: ListPage
    count: int | None  # on the list's own URL only
    months: tuple[tuple[int, int, int], ...]  # a year's months, on its own URL only: year, month, count
    # The year or month before and after this one in the record (name, URL), on the list's own URL only.
    older: tuple[str, str] | None = None
    newer: tuple[str, str] | None = None
    search: tuple[tuple[str, str], ...] = ()  # the search page's parameters for a search within it


def calendar_list_view(data: CalendarListPage, env: Env) -> dict[str, Any]:
    if data.count is not None:
        description = f"Transcripts of {data.name}: {data.count:,}."
    else:
        description = f"Transcripts of {data.name}, {data.page.first:,} onwards."
    return {
        "page": meta(env, paged_title(data.name, data.page.number), paged_url(data.url, data.page.number), description),
        "name": data.name,
        "url": data.url,
        "count": data.count,
        "months": [
            {"name": MONTHS[month - 1], "url": month_url(year, month), "count": count}
            for year, month, count in data.months
        ],
        "up": _link(data.up),
        "older": _link(data.older),
        "newer": _link(data.newer),
        "items": [event_item(e, env) for e in data.page.events],
        "pager": pager(data.url, data.page),
        "search": dict(data.search),
    }


def _link(pair: tuple[str, str] | None) -> dict[str, str] | None:
    return {"name": pair[0], "url": pair[1]} if pair else None


def _calendar_list(name: str, url: str, up, events: tuple[Event, ...], months, around, search,
                   per_page: int) -> Iterator[Page]:
    for page in paginate(events, per_page):
        first = page.number == LIST
        older, newer = around if first else (None, None)
        data = CalendarListPage(name, url, up, page, len(events) if first else None, months if first else (),
                                older, newer, search if first else ())
        yield Page(paged_url(url, page.number), f"archive {name}", "archive_list.html", calendar_list_view, data)


def _neighbours(items: list[tuple[str, str]], index: int) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """In a newest-first list: the one before ``index`` in time, and the one after."""
    return (items[index + 1] if index + 1 < len(items) else None, items[index - 1] if index > 0 else None)


def calendar_list_pages(library: Library, per_page: int) -> Iterator[Page]:
    years = [(str(y.year), year_url(y.year)) for y in library.years]
    months_in_order = [(f"{MONTHS[m.month - 1]} {y.year}", month_url(y.year, m.month)) for y in library.years for m in y.months]
    number = 0  # of the month in months_in_order, which runs in the same order as these loops
    for index, year in enumerate(library.years):
        months = tuple((year.year, m.month, len(m.events)) for m in year.months)
        yield from _calendar_list(str(year.year), year_url(year.year), None, year.events, months,
                                  _neighbours(years, index), (("year", str(year.year)),), per_page)
        for month in year.months:
            name, url = months_in_order[number]
            up = (str(year.year), year_url(year.year))
            within = f"{year.year:04d}-{month.month:02d}"
            yield from _calendar_list(name, url, up, month.events, (), _neighbours(months_in_order, number),
                                      (("from", within), ("to", within)), per_page)
            number += 1
