"""Long lists in pages whose URLs never shift.

Pages are counted from the oldest: page k (``page/k/``) holds the
transcripts (k-1)·n+1 to k·n of the list in date order, n being
``items_per_page``. The list's own URL shows the newest: everything after
the last numbered page, between n and 2n-1 transcripts once the list is
that long. A new transcript, newer than the rest, changes only the list's
URL; when that holds 2n, its older half becomes the next numbered page,
and the page before gets a link to it. A full page keeps its transcripts
for good, unless one dated among them is added later.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Event

LIST = 0  # the number of the list's own URL


@dataclass(frozen=True)
class ListPage:
    number: int  # LIST, or k of page/k/
    events: tuple[Event, ...]  # newest first
    first: int  # the place, from 1 in date order, of the oldest event shown
    newer: int | None  # the page with the next newer transcripts: a number, LIST, or None
    older: int | None  # the page with the next older transcripts


def paginate(events: tuple[Event, ...], per_page: int) -> tuple[ListPage, ...]:
    """The pages of a list given newest first: the list's URL, then page/k/ for k from the newest down."""
    total = len(events)
    numbered = max(total // per_page - 1, 0)
    shown = total - numbered * per_page
    pages = [ListPage(LIST, events[:shown], numbered * per_page + 1, None, numbered or None)]
    for number in range(numbered, 0, -1):
        start = total - number * per_page  # the newest of page `number`, counted newest first
        newer = number + 1 if number < numbered else LIST
        pages.append(ListPage(number, events[start:start + per_page], (number - 1) * per_page + 1, newer, number - 1 or None))
    return tuple(pages)
