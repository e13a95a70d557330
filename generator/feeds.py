"""Atom feeds, the sitemap and robots.txt, as view data for their templates."""

from __future__ import annotations

from typing import Iterator

from generator.config import SiteConfig
from generator.content import Event, excerpt
from generator.dates import iso
from generator.links import Links, event_url
from generator.model import Archive
from generator.views import Page, events_digest


def _entry(config: SiteConfig, event: Event) -> dict[str, str]:
    url = config.absolute(event_url(event))
    return {
        "id": url,
        "url": url,
        "title": event.title,
        "updated": iso(event.date),
        "summary": event.summary or excerpt(event.lead) or event.title,
    }


def _feed(config: SiteConfig, url: str, title: str, html_url: str, events: tuple[Event, ...], origin: str) -> Page:
    latest = events[: config.feed_entries]
    return Page(url, origin, "feed.xml", events_digest(latest), lambda: _feed_context(config, url, title, html_url, latest))


def _feed_context(config: SiteConfig, url: str, title: str, html_url: str, latest: tuple[Event, ...]) -> dict:
    entries = [_entry(config, e) for e in latest]
    return {
        "feed": {
            "id": config.absolute(url),
            "self_url": config.absolute(url),
            "html_url": config.absolute(html_url),
            "title": title,
            # From content, never the clock: rebuilds stay byte-identical.
            "updated": entries[0]["updated"] if entries else "1970-01-01T00:00:00+00:00",
            "entries": entries,
        }
    }


def feed_pages(config: SiteConfig, archive: Archive, links: Links) -> Iterator[Page]:
    yield _feed(config, "/feed.xml", config.title, "/", archive.events, "site feed")
    for person in archive.persons:
        url = links.person(person.name)
        yield _feed(config, url + "feed.xml", f"{person.name} — {config.title}", url, person.events,
                    f"feed of person '{person.name}'")
    for topic in archive.topics:
        url = links.topic(topic.name)
        yield _feed(config, url + "feed.xml", f"{topic.name} — {config.title}", url, topic.events,
                    f"feed of topic '{topic.name}'")


def sitemap_page(config: SiteConfig, html_urls: list[str]) -> Page:
    return Page.of("/sitemap.xml", "sitemap", "sitemap.xml", {
        "urls": [config.absolute(u) for u in sorted(html_urls)],
    })


def robots_page(config: SiteConfig) -> Page:
    return Page.of("/robots.txt", "robots.txt", "robots.txt", {"sitemap_url": config.absolute("/sitemap.xml")})
