"""Every page of the site, in one sequence: what the publishing stage plans,
keys and renders."""

from __future__ import annotations

import functools
from typing import Iterator

from generator.library.kinds import PERSON
from generator.library.library import Library
from generator.pages.event import event_pages
from generator.pages.feeds import feed_page, group_feeds, robots_page, sitemap_page
from generator.pages.indexes import index_pages
from generator.pages.lists import calendar_list_pages, group_list_pages, person_list_pages
from generator.pages.opendata import data_pages
from generator.pages.page import Env, Page
from generator.pages.theme import ASSETS, Theme


def asset_view(data: bytes, env: Env) -> bytes:
    return data


def asset_pages(theme: Theme) -> Iterator[Page]:
    """The files of the theme's assets/, as they are."""
    for path, data in theme.assets():
        yield Page("/" + path, str(theme.folder / ASSETS / path), None, asset_view, data)


def site_pages(library: Library, env: Env, theme: Theme) -> list[Page]:
    config, urls = env.config, env.urls
    per_page, entries = config.items_per_page, config.feed_entries
    pages: list[Page] = [*index_pages(library, config.latest_on_home), *event_pages(library)]
    for person in library.persons:
        pages += person_list_pages(person, urls.person(person.name), per_page)
    for kind, groups in library.groups():
        for group in groups:
            pages += group_list_pages(kind, group, urls.group(kind, group.name), per_page)
        pages += group_feeds(kind, groups, functools.partial(urls.group, kind), entries)
    pages += calendar_list_pages(library, per_page)
    pages.append(feed_page("", "/", library.events, entries, "site feed"))
    pages += group_feeds(PERSON.kind, library.persons, urls.person, entries)
    newest = max(e.revised for e in library.events).date().isoformat() if library.events else "1970-01-01"
    pages += [sitemap_page(pages, newest), robots_page(), *data_pages(library), *asset_pages(theme)]
    return pages
