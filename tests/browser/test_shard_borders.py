"""Date order where shards meet, read in Chromium: a day whose transcripts'
address order is not their time order, among more transcripts than a
shard holds, lists in time order both ways, and the event page of a press
conference treats its questions as no one's statements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT

# One day's transcripts, whose slugs (alpha, bravo…) run against their times.
BORDER_DAY = [("Alpha", "17:00"), ("Bravo", "16:00"), ("Charlie", "15:00"), ("Delta", "14:00"),
              ("Echo", "13:00"), ("Foxtrot", "12:00"), ("Golf", "11:00"), ("Hotel", "10:00")]
SHARD_PAGES = 5


@pytest.fixture(scope="module")
def border_site(tmp_path_factory: pytest.TempPathFactory):
    from chromium import serve
    from sitefixtures import write_event

    from generator.build import build
    from generator.pages.event import CONTENTS_FROM

    base = tmp_path_factory.mktemp("borders")
    content = base / "content"
    speakers = {"Anna Testova": "Anna Testova"}
    for day in ("2020-05-01", "2020-05-02", "2020-05-03", "2020-05-07", "2020-05-08", "2020-05-09"):
        write_event(content, {"title": f"Lighthouse talk of {day}", "date": f"{day}T12:00:00+03:00", "speakers": speakers},
                    f"**Anna Testova:** The lighthouse keeper spoke on {day}.")
    for name, clock in BORDER_DAY:
        write_event(content, {"title": f"Lighthouse meeting {name}", "date": f"2020-05-05T{clock}:00+03:00",
                              "speakers": speakers}, f"**Anna Testova:** The lighthouse keeper, at {clock}.")
    turns = ["Anna Testova", "Question"] * CONTENTS_FROM
    write_event(content, {"title": "Press conference", "date": "2020-06-01T12:00:00+03:00",
                          "speakers": {"Anna Testova": "Anna Testova", "Question": None}},
                "\n\n".join(f"**{label}:** Words {n}." for n, label in enumerate(turns, 1)))
    config = base / "stenogram.toml"
    config.write_text((ROOT / "stenogram.toml").read_text(encoding="utf-8").replace(
        "search_shard_pages = 1500", f"search_shard_pages = {SHARD_PAGES}"), encoding="utf-8")
    build(content, base / "site", config_path=config, templates_dir=ROOT / "templates", cache_dir=base / "cache")
    with serve(base / "site") as url:
        yield url, base / "site"


@pytest.fixture
def page(browser: Browser):
    page = browser.new_page()
    yield page
    page.close()


def titles_in_order(page: Page, url: str, count: int) -> list[str]:
    """The results' titles, all of them shown at once (as a shared ?shown= asks)."""
    page.goto(f"{url}&shown={count}")
    results = page.locator("#search-results > li")
    expect(results).to_have_count(count)
    expect(page.get_by_role("button", name="More results")).to_be_hidden()
    return results.locator("h2 a").all_text_contents()


def test_the_day_at_a_shard_border_is_in_one_shard(border_site) -> None:
    import json

    _, site = border_site
    shards = json.loads((site / "pagefind" / "router.json").read_text(encoding="utf-8"))["shards"]
    assert len(shards) >= 3, "more transcripts than a shard holds"
    holding = [s for s in shards if s["from"] <= "2020-05-05" <= s["to"]]
    assert len(holding) == 1 and holding[0]["pages"] >= len(BORDER_DAY)


@pytest.mark.parametrize("sort, reverse", [("desc", True), ("asc", False)])
def test_date_order_holds_across_shards_both_ways(page: Page, border_site, sort: str, reverse: bool) -> None:
    url, _ = border_site
    expected = [f"Lighthouse talk of 2020-05-0{d}" for d in (1, 2, 3)] + \
               [f"Lighthouse meeting {name}" for name, _ in sorted(BORDER_DAY, key=lambda item: item[1])] + \
               [f"Lighthouse talk of 2020-05-0{d}" for d in (7, 8, 9)]
    titles = titles_in_order(page, f"{url}/search/?q=lighthouse&sort={sort}", len(expected))
    assert titles == (expected[::-1] if reverse else expected)


def test_questions_are_no_ones_statements_on_the_page(page: Page, border_site) -> None:
    url, _ = border_site
    page.goto(f"{url}/events/2020-06-01-press-conference/")
    contents = page.get_by_role("navigation", name="Speakers")
    expect(contents).to_contain_text("12 questions")
    expect(contents).to_contain_text("12 statements")
    expect(page.get_by_role("link", name=re.compile("by Question"))).to_have_count(0)
    following = page.get_by_role("link", name="Next by Anna Testova →").first
    following.click()
    expect(page).to_have_url(re.compile("#t3$"))
