"""axe-core (bundled by axe-playwright-python) in Debian's Chromium finds no
violation on any page type, on a phone and on a desktop screen."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

PAGES = {
    "home": "/",
    "event": "/events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/",
    "person": "/persons/vladimir-putin/",
    "person, page 2": "/persons/anna-testova/page/2/",
    "topic": "/topics/armed-forces/",
    "place": "/geography/fixture-city/",
    "persons index": "/persons/",
    "topics index": "/topics/",
    "geography index": "/geography/",
    "archive": "/archive/",
    "archive year": "/archive/2019/",
    "archive month": "/archive/2015/10/",
    "search": "/search/?q=welcome",
    "404": "/404.html",
}


@pytest.mark.parametrize("width", [375, 1280])
def test_no_axe_violations(browser: Browser, site_url: str, width: int) -> None:
    axe = Axe()
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {}
    for name, path in PAGES.items():
        page.goto(site_url + path)
        if name == "search":
            page.locator("#search-results > li").first.wait_for()
        violations = axe.run(page).response["violations"]
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.close()
    assert found == {}
