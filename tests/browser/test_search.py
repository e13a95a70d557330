"""Search in a real browser: Pagefind's index of the built site, our UI, and
statement-level results that land on the right turn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT
from sitefixtures import MANY, PAYLOADS

SEED = "/events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/"
SCREENSHOTS = ROOT / "tests" / "output"


@pytest.fixture
def page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def results(page: Page):
    return page.locator("#search-results > li")


def test_unique_word_finds_one_transcript_and_its_statement(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Kalibr")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
    expect(results(page)).to_have_count(1)
    expect(results(page).locator("h2 a")).to_have_text("Meeting with Defence Minister Sergei Shoigu")
    expect(results(page).locator(".meta")).to_have_text("7 October 2015, 14:20 · Krasnodar Territory")
    statement = results(page).locator("a.speaker-link")
    expect(statement).to_have_text(["Defence Minister Sergei Shoigu"])
    expect(results(page).locator(".statements mark")).to_have_text(["Kalibr"])
    statement.click()
    page.wait_for_url(f"{site_url}{SEED}#t1")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", "t1")
    expect(target).to_have_text("Defence Minister Sergei Shoigu")
    expect(target).to_be_in_viewport()


def test_person_filter_changes_the_count(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome")
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(r"^[2-9] transcripts found"))
    before = int(status.inner_text().split()[0])
    expect(results(page)).to_have_count(before)
    erdogan = page.get_by_role("checkbox", name=re.compile(r"^Recep Tayyip Erdogan \(1\)$"))
    erdogan.check()
    expect(status).to_have_text("1 transcript found for “welcome”")
    assert before > 1
    expect(results(page).locator("h2 a")).to_have_text("Russian-Turkish talks")
    assert "person=Recep+Tayyip+Erdogan" in page.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-results.png"), full_page=True)
    # The filtered search is in the URL: opening it again shows the same.
    page.goto(page.url)
    expect(status).to_have_text("1 transcript found for “welcome”")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Recep Tayyip Erdogan"))).to_be_checked()


def test_query_in_url_shows_results(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=zebrafinch7")
    expect(page.locator("#search-query")).to_have_value("zebrafinch7")
    expect(results(page).locator("h2 a")).to_have_text("Fixture meeting number 7")
    expect(results(page).locator("a.speaker-link")).to_have_attribute("href", re.compile(r"/#t1$"))


def test_header_form_submits_to_search_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/persons/")
    page.get_by_role("searchbox", name="Search transcripts").fill("Kalibr")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/search/?q=Kalibr")
    expect(results(page)).to_have_count(1)


def test_newest_first_orders_by_date(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=opening&sort=desc")
    expect(page.locator("#search-sort")).to_have_value("desc")
    expect(results(page)).to_have_count(10)
    urls = results(page).locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")
    dates = [u.split("/")[2][:10] for u in urls]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    page.get_by_role("button", name="More results").click()
    expect(results(page)).to_have_count(20)


def test_only_transcripts_are_indexed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/")
    urls = page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const search = await pagefind.search(null, {});
            return Promise.all(search.results.map(async r => (await r.data()).url));
        }"""
    )
    assert len(urls) == 10 + MANY + len(PAYLOADS)
    assert all(re.fullmatch(r"/events/\d{4}-\d{2}-\d{2}-[a-z0-9-]+/", u) for u in urls)


def test_filters_have_counts_for_every_facet(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/")
    expect(page.locator("#search-filters legend")).to_have_text(["Person", "Topic", "Place", "Year", "Section"])
    expect(page.get_by_role("checkbox", name="Vladimir Putin (8)")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Armed Forces (1)")).to_be_visible()


def test_without_javascript_the_page_says_so(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search/?q=Kalibr")
    expect(page.locator(".notice")).to_contain_text("needs JavaScript")
    expect(page.locator(".notice a")).to_have_count(4)
    expect(page.locator("#search-app")).to_be_hidden()
    context.close()
