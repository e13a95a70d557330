"""Every page of the site, in one sequence: what the output stage plans,
keys and renders."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Iterator

from generator.kit.errors import StenogramError
from generator.kit.files import MAX_INPUT_BYTES, read_regular

from generator.pages.event import event_pages
from generator.pages.feeds import feed_page, group_feeds, robots_page, sitemap_page
from generator.pages.indexes import index_pages
from generator.pages.lists import calendar_list_pages, group_list_pages, person_list_pages
from generator.pages.opendata import data_pages
from generator.pages.page import Env, Page
from generator.site.kinds import PERSON
from generator.site.library import Library


def asset_view(data: bytes, env: Env) -> bytes:
    return data


def asset_pages(assets: Path) -> Iterator[Page]:
    """The files of templates/assets/, as they are. A folder or file that
    cannot be read is an error naming it (the pages' links to it would
    otherwise be reported as broken, far from the cause)."""
    def refuse(error: OSError) -> None:
        raise StenogramError(error.filename or assets, 1, f"cannot read this folder: {error.strerror}")

    found = []
    for folder, subfolders, files in os.walk(assets, onerror=refuse):
        subfolders.sort()
        found += [Path(folder) / name for name in files]
    for asset in sorted(found):
        data = read_regular(asset, MAX_INPUT_BYTES, "an asset")
        yield Page("/" + asset.relative_to(assets).as_posix(), str(asset), None, asset_view, data)


def site_pages(library: Library, env: Env, assets: Path) -> list[Page]:
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
    pages += [sitemap_page(pages, newest), robots_page(), *data_pages(library), *asset_pages(assets)]
    return pages
