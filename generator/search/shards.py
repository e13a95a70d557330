"""Which search shard each transcript belongs to.

Shards are runs of transcripts in date order, each up to ``cap`` pages
(``search_shard_pages``): a small archive is one bundle, a large one a
row of bundles of about the same size. A shard is named by where it
starts (the first event page path it may hold), and the starts are kept
from one build to the next: a new transcript goes to the shard whose range
holds its date, so adding the newest grows only the last, open shard, and
a transcript dated in the past joins the closed shard of its time without
moving any border. Only two things split a shard: the open one filling up
(its overflow starts the next), and a closed one grown past twice the cap
(by many transcripts of its time added later), which is cut into shards
of ``cap`` again so that indexing memory stays bounded. A shard is cut
only between two days, and a transcript joins the shard of its day, so
no day is in two shards. A build without
the previous starts (a cold build) cuts the archive from the oldest
transcript on, so the same content always gives the same shards.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from generator.kit.hashing import digest

EVENT_PAGES = "events/"
FIRST = ""  # the start of the first shard: before every page


@dataclass(frozen=True)
class Shard:
    name: str  # its folder under pagefind/
    start: str  # the first event page path it may hold (FIRST for the first shard)
    pages: tuple[str, ...]  # its event pages, oldest first
    key: str  # digest of its pages' keys, the language and Pagefind's version: same key, same bundle


def event_page(path: str) -> bool:
    """Whether an output path is a transcript's page, the only pages indexed."""
    return path.startswith(EVENT_PAGES) and path.endswith("/index.html") and path.count("/") == 2


def page_day(path: str) -> str:
    """'events/2015-10-07-x/index.html' -> '2015-10-07': the date its URL begins with."""
    return path[len(EVENT_PAGES):len(EVENT_PAGES) + 10]


def shard_name(start: str) -> str:
    """'events/2015-10-07-x/index.html' -> '2015-10-07-<6 hex>': readable, and unique per start."""
    day = page_day(start) if start else "0000-00-00"
    return f"{day}-{digest(start.encode())[:6]}"


def _cut(group: list[tuple[str, str]], cap: int) -> list[list[tuple[str, str]]]:
    """``group`` in pieces of up to ``cap`` pages, each cut between two days:
    back to where the day at the cut begins, or past it when one day holds
    more than a shard."""
    pieces, begin = [], 0
    while len(group) - begin > cap:
        at = begin + cap
        day = page_day(group[at][0])
        cut = at
        while cut > begin and page_day(group[cut - 1][0]) == day:
            cut -= 1
        if cut == begin:
            cut = at
            while cut < len(group) and page_day(group[cut][0]) == day:
                cut += 1
        pieces.append(group[begin:cut])
        begin = cut
    if begin < len(group):
        pieces.append(group[begin:])
    return pieces


def plan_shards(pages: Iterable[tuple[str, str]], previous_starts: Iterable[str], cap: int,
                settings: str) -> list[Shard]:
    """The shards of the event pages among ``pages`` (path, key), oldest
    first. ``previous_starts``: the starts the site in place was indexed
    with (none for a cold build). ``settings`` (Pagefind's version and the
    language) goes into every key."""
    members = sorted((path, key) for path, key in pages if event_page(path))
    starts = sorted(set(previous_starts) | {FIRST})
    # A page joins the shard of its day, never one that starts later the same
    # day: search sorts each shard by time, so a day split between two shards
    # would be shown out of order ("Newest first").
    days = [page_day(start) if start else "" for start in starts]
    groups: list[list[tuple[str, str]]] = [[] for _ in starts]
    for member in members:
        groups[bisect_right(days, page_day(member[0])) - 1].append(member)
    shards: list[tuple[str, list[tuple[str, str]]]] = []
    for index, (start, group) in enumerate(zip(starts, groups)):
        if not group and start != FIRST:
            continue  # every page it held is gone: its range falls to the shard before
        is_open = index == len(starts) - 1
        if len(group) > cap and (is_open or len(group) > 2 * cap):
            for at, piece in enumerate(_cut(group, cap)):
                shards.append((start if at == 0 else piece[0][0], piece))
        else:
            shards.append((start, group))
    return [Shard(shard_name(start), start, tuple(path for path, _ in group),
                  digest(settings.encode(), "\n".join(f"{path}\0{key}" for path, key in group).encode()))
            for start, group in shards if group]
