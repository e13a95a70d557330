"""axe-core (bundled by axe-playwright-python) in Debian's Chromium finds no
violation on any page type, on a phone and on a desktop screen, in the
light and the dark colour scheme, and no page is wider than the screen; on
a phone, a label that wraps never runs under its permalink, and every
control is a full tap target."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

PAGES = {
    "home": "/",
    "event": "/events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/",
    "event with people present": "/events/2021-03-12-meeting-with-permanent-members-of-security-council/",
    "person": "/persons/vladimir-putin/",
    "person, page 2": "/persons/anna-testova/page/2/",
    "person who spoke and was present, with offices": "/persons/sergei-shoigu/",
    "person only present": "/persons/sergei-ivanov/",
    "topic": "/topics/armed-forces/",
    "place": "/geography/fixture-city/",
    "persons index": "/persons/",
    "topics index": "/topics/",
    "geography index": "/geography/",
    "section": "/sections/news/",
    "sections index": "/sections/",
    "archive": "/archive/",
    "archive year": "/archive/2019/",
    "archive month": "/archive/2015/10/",
    "search": "/search/?q=welcome",
    "search, filtered and ordered": "/search/?q=welcome&speaker=Vladimir+Putin&sort=desc",
    "search, nothing found": "/search/?q=Lukashenka&year=2017",
    # Part of the archive searched: the line that says so, and counts labelled in the open panel.
    "search, in part": "/search/?q=zebrafinch&speaker=Anna+Testova",
    "search, other forms offered": "/search/?q=economy",
    "search, a date range": "/search/?q=opening&from=2019-03-02&to=2019-09",
    # The counts: a chart of two words, its table and who says a word most, opened.
    "search, counts": "/search/?q=quokkavote%2C+wombatcount",
    "search, counts of one word": "/search/?q=quokkavote&measure=share",
    "open data": "/data/",
    "404": "/404.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_no_axe_violations(browser: Browser, site_url: str, width: int, scheme: str) -> None:
    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = {}
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if name.startswith("search"):
            shown(page)
        violations = axe.run(page).response["violations"]
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        # Nothing wider than the screen: no sideways scrolling, nothing clipped.
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            found[name] = found.get(name, []) + [("overflow", f"{overflow}px")]
    page.close()
    assert found == {}


def test_the_dark_scheme_is_dark(browser: Browser, site_url: str) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(site_url + PAGES["event"])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert background == "rgb(22, 22, 22)"


def _luminance(rgb: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (float(n) for n in re.findall(r"[\d.]+", rgb)[:3])
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_form_takes_the_page_s_colours_and_shows_its_placeholders_whole(browser: Browser, site_url: str,
                                                                                  scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page.goto(site_url + "/search/")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for selector in ("#search-from", "#search-to", "#search-sort"):
        box = page.locator(selector)
        assert box.evaluate("e => getComputedStyle(e).backgroundColor") == body, (scheme, selector)
        assert _contrast(box.evaluate("e => getComputedStyle(e).color"), body) >= 7, (scheme, selector)
    date = page.locator("#search-from")
    placeholder = date.evaluate("e => getComputedStyle(e, '::placeholder').color")
    assert _contrast(placeholder, body) >= 4.5, (scheme, placeholder)
    # The placeholder's width in the box's own font, against the room inside the box.
    fits = date.evaluate("""e => {
        const style = getComputedStyle(e);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.font;
        const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(e.placeholder).width <= room;
    }""")
    page.close()
    assert fits, scheme


def shown(page) -> None:
    """Wait for the search page to show its results, or its help when it
    finds nothing; and its counts, whose tables are opened."""
    page.locator("#search-results > li, #search-help:not([hidden])").first.wait_for()
    if "quokkavote" in page.url:
        page.locator("#search-counts svg").wait_for()
        for summary in page.locator("#search-counts summary").all():
            summary.click()


TAP = 44  # px, each way


def test_on_a_phone_permalinks_clear_their_labels_and_controls_are_tap_targets(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + "/events/2017-05-03-russian-turkish-talks/")
    overlaps = page.evaluate("""() => [...document.querySelectorAll('.turn')].flatMap(turn => {
        const mark = turn.querySelector('.permalink').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(turn.querySelector('.speaker'));
        return [...range.getClientRects()].filter(r => r.right > mark.left && r.left < mark.right
            && r.bottom > mark.top && r.top < mark.bottom).map(() => turn.querySelector('.speaker').textContent);
    })""")
    wrapped = page.evaluate("""() => [...document.querySelectorAll('.speaker')].some(h => {
        const range = document.createRange(); range.selectNodeContents(h);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1; })""")
    small = {}
    for path in ("/events/2017-05-03-russian-turkish-talks/", "/persons/anna-testova/", "/archive/2015/10/", PAGES["search, nothing found"]):
        page.goto(site_url + path)
        if path.startswith("/search/"):
            shown(page)
        small[path] = page.evaluate("""(tap) => [...document.querySelectorAll(
            '.site-header nav a, .search-form button, .search-form input, .permalink, .pager a, .breadcrumb a, '
            + '.search-active button, .search-help button')]
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([, r]) => r.width < tap || r.height < tap).map(([name, r]) => `${name} ${r.width}x${r.height}`)""", TAP)
    page.close()
    assert wrapped, "the test needs a label that wraps at 375 px"
    assert overlaps == []
    assert small == {path: [] for path in small}


def test_on_paper_the_page_shows_its_address_and_each_statements_anchor(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + PAGES["event"])
    assert not page.locator(".print-url").is_visible()
    citation = page.locator(".cite").inner_text()
    page.emulate_media(media="print")
    shown = page.locator(".print-url").inner_text()
    tools_on_paper = page.locator(".same-speaker").first.is_visible()
    anchor = page.evaluate("getComputedStyle(document.querySelector('.speaker'), '::after').content")
    page.close()
    assert shown == "https://stenogram.example.org" + PAGES["event"]
    assert not tools_on_paper, "the reader's tools are left off paper"
    assert anchor == '"  #t1"'
    assert citation == ("Meeting with Defence Minister Sergei Shoigu. President of Russia, kremlin.ru, 7 October 2015, "
                        "14:20 Moscow time. CC BY 4.0. Kremlin Events Archive, https://stenogram.example.org"
                        + PAGES["event"])


def test_on_paper_in_a_dark_scheme_the_text_is_dark_on_white_and_the_addresses_come_first(
        browser: Browser, site_url: str) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(site_url + PAGES["event"])
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => Object.fromEntries(['body', 'h1', '.meta', '.summary', '.turn p', '.speaker a',
        '.site-footer'].map(s => [s, getComputedStyle(document.querySelector(s)).color]))""")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    first = page.evaluate("""() => [...document.querySelector('article.event').children]
        .find(e => getComputedStyle(e).display !== 'none').className""")
    json_link = page.locator(".data-link").is_visible()
    page.close()
    assert background == "rgb(255, 255, 255)"
    assert {s: c for s, c in colours.items() if c not in ("rgb(0, 0, 0)", "rgb(51, 51, 51)")} == {}
    assert first == "print-url", "the page's address heads the printout"
    assert not json_link


def test_a_name_in_the_narrative_leads_to_the_person_and_their_page_says_how_they_were_there(
        browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + PAGES["event with people present"])
    link = page.locator(".transcript a.mention", has_text="Sergei Shoigu")
    assert link.count() == 1
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "/persons/sergei-shoigu/")
    lead = page.locator("p.lead").inner_text()
    assert lead.startswith("3 statements (") and "in 1 transcript; present at 1 more without speaking" in lead
    council = page.locator("li.event-item", has_text="Meeting with permanent members of Security Council")
    assert council.locator("p.part").inner_text() == "Present as Defence Minister, without speaking"
    assert page.locator("p.offices").inner_text().startswith("Offices, as the archive's register of persons gives them:")
    page.close()
