"""Atom feeds, the sitemap and robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from generator.content.model import Event, excerpt
from generator.kit.dates import iso
from generator.library.library import Group
from generator.library.urls import event_url
from generator.pages.event import EventPage
from generator.pages.lists import CalendarListPage, GroupListPage, PersonListPage
from generator.pages.page import Env, Page


@dataclass(frozen=True)
class Feed:
    url: str
    title: str  # before the site's title
    html_url: str
    latest: tuple[Event, ...]


def feed_view(data: Feed, env: Env) -> dict[str, Any]:
    config = env.config
    entries = []
    for event in data.latest:
        url = config.absolute(event_url(event))
        entries.append({
            "id": url,
            "url": url,
            "title": event.title,
            # A corrected transcript shows when it was corrected: its front matter's 'updated'.
            "published": iso(event.date),
            "updated": iso(event.revised),
            "summary": event.summary or excerpt(event.lead) or event.title,
        })
    return {
        "feed": {
            "id": config.absolute(data.url),
            "self_url": config.absolute(data.url),
            "html_url": config.absolute(data.html_url),
            "title": f"{data.title} — {config.title}" if data.title else config.title,
            # From content, never the clock: rebuilds stay byte-identical.
            "updated": iso(max(e.revised for e in data.latest)) if entries else "1970-01-01T00:00:00+00:00",
            "entries": entries,
        }
    }


def feed_page(title: str, html_url: str, events: tuple[Event, ...], entries: int, origin: str) -> Page:
    url = html_url + "feed.xml"
    return Page(url, origin, "feed.xml", feed_view, Feed(url, title, html_url, events[:entries]))


def group_feeds(kind: str, groups: tuple[Group, ...], url_of, entries: int) -> Iterator[Page]:
    for group in groups:
        yield feed_page(group.name, url_of(group.name), group.events, entries, f"feed of {kind} '{group.name}'")


def sitemap_view(data: tuple[tuple[str, str], ...], env: Env) -> dict[str, Any]:
    return {"urls": [{"loc": env.config.absolute(url), "lastmod": lastmod} for url, lastmod in data]}


def sitemap_page(pages: list[Page], newest: str) -> Page:
    """Every page worth finding (not the search page, whose results are
    the other pages, nor the 404 page), with the date of the newest
    transcript it shows: the whole record's newest for pages that show
    all of it (home, indexes)."""
    entries = sorted((page.url, _content_date(page) or newest) for page in pages
                     if (page.template or "").endswith(".html") and page.url not in UNLISTED)
    return Page("/sitemap.xml", "sitemap", "sitemap.xml", sitemap_view, tuple(entries), whole_archive=True)


UNLISTED = ("/404.html", "/search/")


def _content_date(page: Page) -> str | None:
    data = page.data
    if isinstance(data, EventPage):
        return data.document.event.revised.date().isoformat()
    if isinstance(data, (PersonListPage, GroupListPage, CalendarListPage)) and data.page.events:
        return max(e.revised for e in data.page.events).date().isoformat()
    return None


def robots_view(data: None, env: Env) -> dict[str, Any]:
    return {"sitemap_url": env.config.absolute("/sitemap.xml")}


def robots_page() -> Page:
    return Page("/robots.txt", "robots.txt", "robots.txt", robots_view, None)
