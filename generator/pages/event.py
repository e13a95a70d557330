"""The page of one transcript: every statement with its anchor, and its
neighbours in time."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator, NamedTuple
from urllib.parse import urlsplit

from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from generator.content.model import DocumentRef, Event, Statement
from generator.library.kinds import KINDS, PERSON
from generator.library.library import Library, role_of
from generator.library.urls import event_url
from generator.pages.common import date_text, day_text, event_item, meta, named
from generator.pages.page import Env, Page


class Neighbour(NamedTuple):
    """What an event page shows of the transcript before or after it: an
    edit of the neighbour re-renders the page only when this changes."""

    title: str
    url: str


@dataclass(frozen=True)
class EventPage:
    document: DocumentRef
    older: Neighbour | None
    newer: Neighbour | None
    # Who spoke, each "Family, Given" as reference managers read an author:
    # the family name persons.yaml gives (Shen Haixiong), else the last word.
    authors: tuple[str, ...] = ()


def citation_name(name: str, family: str | None) -> str:
    """'Putin, Vladimir'; 'Shen, Haixiong' where persons.yaml sorts him under Shen."""
    words = name.split()
    if family and family in words:
        given = [w for w in words if w != family]
        return f"{family}, {' '.join(given)}" if given else family
    return f"{words[-1]}, {' '.join(words[:-1])}" if len(words) > 1 else name


# From this many statements on, the page opens with its speakers: a press
# conference has hundreds.
CONTENTS_FROM = 12


def _speaker(statement: Statement) -> str:
    """Who a statement is by, for stepping through one speaker's statements:
    the person, or the label as printed when it names no one (Question)."""
    return statement.person or statement.label


def _statement(statement: Statement, env: Env) -> dict[str, Any]:
    return {
        "kind": "statement",
        "id": f"t{statement.number}",
        "label": statement.label,
        "person": statement.person,
        "speaker": _speaker(statement),
        "person_url": env.urls.person(statement.person) if statement.person else None,
        "paragraphs": [Markup(p) for p in statement.paragraphs],
        "previous": None,
        "next": None,
    }


def _counted_as(label: str) -> str:
    """What the contents count under a label that names no one: questions
    under "Question (retranslated)", remarks under "Remark"."""
    first = label.split(maxsplit=1)[0].lower() if label.strip() else ""
    return first if first in ("question", "remark", "answer") else "statement"


def _link_same_speaker(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each statement's previous and next statement by the same person
    (ids), and the speakers in order of appearance: their number of
    statements and the first one. Statements by no one named (Question,
    Remark) are not one speaker's: they are not stepped through, and the
    contents count them under their label, as questions or remarks."""
    last: dict[str, dict[str, Any]] = {}
    speakers: dict[str, dict[str, Any]] = {}
    for block in blocks:
        if block["kind"] != "statement":
            continue
        speaker = block["speaker"]
        if block["person"]:
            if speaker in last:
                block["previous"] = last[speaker]["id"]
                last[speaker]["next"] = block["id"]
            last[speaker] = block
        noun = "statement" if block["person"] else _counted_as(speaker)
        entry = speakers.setdefault(speaker, {"name": speaker, "first": block["id"], "count": 0, "noun": noun})
        entry["count"] += 1
    return list(speakers.values())


def _persons(event: Event, env: Env) -> list[dict[str, Any]]:
    """The event's persons in three groups, as a person's page counts
    them: who spoke, who was present without speaking, and who is only
    named; each group in the order the event gives them."""
    spoke = {person for _, person in event.speakers if person}
    attended = {person for _, person in event.attending} - spoke
    groups = [("Speaking", [p for p in event.present if p in spoke]),
              ("Present, without speaking", [p for p in event.present if p in attended]),
              ("Named", [p for p in event.present if p not in spoke and p not in attended])]
    return [{"heading": heading, "persons": named(persons, env.urls.person)} for heading, persons in groups if persons]


def _mark_narrative(blocks: list[dict[str, Any]]) -> None:
    """Give the narrative after each statement an anchor (``nK``) where it
    starts: the search index records where it is in the page's words, so
    the counts of who says a word end each statement where the page does."""
    number, after_statement = 0, False
    for block in blocks:
        if block["kind"] == "statement":
            after_statement = True
            continue
        block["start"] = None
        if after_statement:
            number += 1
            block["start"] = f"n{number}"
            after_statement = False


_TAG = re.compile(r"(<[^>]*>)")


def _mentions(event: Event, env: Env) -> dict[str, str]:
    """Names to link in the narrative, as its HTML writes them, to their
    person's page: each attending person by the name printed in the
    attendance list ("Sergei Shoigu" of "Defence Minister Sergei Shoigu"),
    and everyone in the event by their display name."""
    names = {person: person for person in event.present}
    for printed, person in event.attending:
        title = role_of(printed, person)
        names.setdefault(printed[len(title):].strip(" ,") if title else printed, person)
    # Escaped by the function the Markdown renderer escapes text with, so that a name matches the HTML it wrote.
    return {escapeHtml(name): env.urls.person(person) for name, person in names.items()}


def _linked_narrative(html: str, mentions: dict[str, str], pattern: re.Pattern[str],
                      linked: set[str]) -> list[dict[str, Any]]:
    """The narrative's HTML in pieces, each person's first mention on the
    page a piece of its own with the person's page. Only text outside
    tags and outside links is searched: a name is never linked twice over."""
    pieces: list[dict[str, Any]] = []
    done, text_from, inside_link = 0, 0, 0  # html[:done] is in pieces; text runs from text_from
    for tag in [*_TAG.finditer(html), None]:
        text_to = tag.start() if tag else len(html)
        if not inside_link:
            for match in pattern.finditer(html, text_from, text_to):
                url = mentions[match.group()]
                if url not in linked:
                    linked.add(url)
                    if match.start() > done:
                        pieces.append({"html": Markup(html[done:match.start()]), "url": None})
                    pieces.append({"html": Markup(match.group()), "url": url})
                    done = match.end()
        if tag is None:
            break
        text_from = tag.end()
        if tag.group().startswith(("<a ", "<a>")):
            inside_link += 1
        elif tag.group().startswith("</a"):
            inside_link = max(0, inside_link - 1)
    if done < len(html):
        pieces.append({"html": Markup(html[done:]), "url": None})
    return pieces


def _neighbour(event: Event | None) -> Neighbour | None:
    return Neighbour(event.title, event_url(event)) if event is not None else None


def _original(source: dict[str, str]) -> dict[str, str] | None:
    """The original's address, the site it is on, and when it was copied."""
    if "url" not in source:
        return None
    host = urlsplit(source["url"]).hostname or source["url"]
    retrieved = source.get("retrieved")
    return {
        "url": source["url"],
        "site": host.removeprefix("www."),
        "retrieved_iso": retrieved or "",
        "retrieved_text": day_text(datetime.fromisoformat(retrieved)) if retrieved else "",
    }


def _citation(event: Event, env: Env, canonical: str) -> str:
    """The source first, with its licence and the original's address, then
    this copy: "Meeting with …. President of Russia, kremlin.ru, 7 October
    2015, 14:20 Moscow time. https://en.kremlin.ru/…. CC BY 4.0. Kremlin
    Events Archive, https://…/"."""
    config = env.config
    parts = [f"{event.title.rstrip('.')}.", f"{config.source_name}, {date_text(event.date, config.time_zone_name)}."]
    original = dict(event.source).get("url")
    if original:
        parts.append(f"{original}.")
    parts += [f"{config.licence_name}.", f"{config.title}, {canonical}"]
    return " ".join(parts)


def event_view(data: EventPage, env: Env) -> dict[str, Any]:
    event = data.document.event
    url = event_url(event)
    body = env.bodies.get(data.document)
    narrative = [block.html for block in body if not isinstance(block, Statement)]
    # Only the names the narrative holds are looked for: most pages mention none, and pay nothing.
    mentions = {name: person_url for name, person_url in _mentions(event, env).items()
                if any(name in html for html in narrative)}
    pattern = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(
        re.escape(name) for name in sorted(mentions, key=len, reverse=True))) if mentions else None
    linked: set[str] = set()
    blocks = [
        _statement(block, env) if isinstance(block, Statement)
        else {"kind": "html", "html": Markup(block.html),
              "pieces": _linked_narrative(block.html, mentions, pattern, linked) if pattern else None}
        for block in body
    ]
    _mark_narrative(blocks)
    contents = _link_same_speaker(blocks)
    speakers = list(dict.fromkeys(s.person for s in event.statements if s.person))
    canonical = env.config.absolute(url)
    return {
        "page": meta(env, event.title, url, event.summary or event.lead or event.title, "article"),
        "event": {
            **event_item(event, env),
            "date_sort": event.date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            # Search's filters, one per kind of group: a person by the transcripts they speak in.
            "filters": [(kind.search_filter, speakers if kind is PERSON else list(getattr(event, kind.plural)))
                        for kind in KINDS],
            # Which person each label denotes: search keeps a chosen speaker's statements by it.
            "labels_json": json.dumps({label: person for label, person in event.speakers if person},
                                      # Spaced: Pagefind indexes metadata as text, cut at white space, and
                                      # "Putin","Sergei" would be one word, putinsergei.
                                      ensure_ascii=False, separators=(", ", ": ")),
            "sections": named(event.sections, env.urls.section),
            "topics": named(event.topics, env.urls.topic),
            "persons": _persons(event, env),
            "photos": list(event.photos),
            "body": blocks,
            "contents": contents if len(event.statements) >= CONTENTS_FROM else [],
            "cite_as": _citation(event, env, canonical),
            "authors": list(data.authors),
            "canonical": canonical,
            "data_url": url + "index.json",
            "original": _original(dict(event.source)),
        },
        "older": data.older._asdict() if data.older else None,
        "newer": data.newer._asdict() if data.newer else None,
    }


def event_pages(library: Library) -> Iterator[Page]:
    family = {person.name: person.sort_as for person in library.persons if person.sort_as}
    for event in library.events:
        older, newer = library.neighbours(event)
        speakers = dict.fromkeys(person for _, person in event.speakers if person)
        page = EventPage(DocumentRef.of(event), _neighbour(older), _neighbour(newer),
                         tuple(citation_name(person, family.get(person)) for person in speakers))
        yield Page(event_url(event), str(event.path), "event.html", event_view, page)
