"""Pages counted from the oldest: a full page keeps its transcripts when
newer ones arrive, and the list's own URL shows the newest."""

from __future__ import annotations

from generator.library.paging import LIST, paginate


def pages_of(total: int, per_page: int = 10):
    events = tuple(range(total, 0, -1))  # stand-ins, newest first: total … 1
    return {page.number: page for page in paginate(events, per_page)}


def test_a_short_list_is_one_page() -> None:
    for total in (0, 1, 10, 19):
        pages = pages_of(total)
        assert list(pages) == [LIST]
        assert (pages[LIST].newer, pages[LIST].older) == (None, None)
        assert len(pages[LIST].events) == total


def test_numbered_pages_hold_fixed_runs_counted_from_the_oldest() -> None:
    pages = pages_of(35)
    assert list(pages) == [LIST, 2, 1]
    assert pages[1].events == tuple(range(10, 0, -1))
    assert pages[2].events == tuple(range(20, 10, -1))
    assert pages[LIST].events == tuple(range(35, 20, -1))
    assert (pages[LIST].newer, pages[LIST].older) == (None, 2)
    assert (pages[2].newer, pages[2].older) == (LIST, 1)
    assert (pages[1].newer, pages[1].older) == (2, None)
    assert [pages[n].first for n in (LIST, 2, 1)] == [21, 11, 1]


def test_adding_newer_transcripts_never_changes_a_numbered_page() -> None:
    before = pages_of(35)
    for total in range(36, 80):
        after = pages_of(total)
        for number, page in before.items():
            if number != LIST:
                assert after[number].events == page.events, (total, number)
        # What changes: the list's URL, a new page, and the link of the page before it.
        changed = [n for n in after if n not in before or after[n] != before[n]]
        assert set(changed) <= {LIST, max(after), max(after) - 1}
        before = after


def test_every_transcript_is_on_exactly_one_page() -> None:
    for total in range(0, 70):
        shown = [e for page in paginate(tuple(range(total, 0, -1)), 10) for e in page.events]
        assert sorted(shown) == list(range(1, total + 1))
