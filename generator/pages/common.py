"""Pieces of view data that many pages share: an event in a list, a page's
meta tags, dates as readers read them, a list page's pager."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Iterable

from generator.content.model import Event, excerpt
from generator.kit.dates import MONTHS, iso
from generator.library.paging import LIST, ListPage
from generator.library.urls import event_url, paged_url
from generator.pages.page import Env


def date_text(moment: datetime, zone: str) -> str:
    """'7 October 2015, 14:20 Moscow time': a clock time says whose clock."""
    text = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return text if (moment.hour, moment.minute) == (0, 0) else f"{text}, {moment:%H:%M} {zone}"


def day_text(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def paged_title(name: str, number: int) -> str:
    return name if number == LIST else f"{name} (page {number:,})"


def named(names: Iterable[str], url_of: Callable[[str], str]) -> list[dict[str, str]]:
    return [{"name": name, "url": url_of(name)} for name in names]


def counted(items: Iterable[tuple[str, int]], url_of: Callable[[str], str]) -> list[dict[str, Any]]:
    return [{"name": name, "url": url_of(name), "count": count} for name, count in items]


def event_item(event: Event, env: Env) -> dict[str, Any]:
    return {
        "title": event.title,
        "url": event_url(event),
        "date_iso": iso(event.date),
        "date_text": date_text(event.date, env.config.time_zone_name),
        "summary": event.summary or "",
        "places": named(event.places, env.urls.place),
    }


def meta(env: Env, title: str, url: str, description: str, kind: str = "website") -> dict[str, str]:
    return {
        "title": title,
        "url": url,
        "canonical": env.config.absolute(url),
        "description": excerpt(description, 200),
        "og_type": kind,
    }


def pager(url: str, page: ListPage) -> dict[str, Any]:
    """Links to the next newer and older pages, and for a numbered page the
    stable range it holds: its place in date order and its dates."""
    span = None
    if page.number != LIST and page.events:
        span = {
            "first": page.first,
            "last": page.first + len(page.events) - 1,
            "from": day_text(page.events[-1].date),
            "to": day_text(page.events[0].date),
        }
    return {
        "number": page.number,
        "list_url": url,
        "newer_url": paged_url(url, page.newer) if page.newer is not None else None,
        "older_url": paged_url(url, page.older) if page.older is not None else None,
        "span": span,
    }
