"""Search results show every payload as text, never as markup."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from sitefixtures import PAYLOADS


def test_search_results_show_payloads_as_text(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/search/?q=payload")
    results = page.locator("#search-results > li")
    expect(results).to_have_count(10)
    page.get_by_role("button", name="More results").click()
    expect(results).to_have_count(len(PAYLOADS))
    assert page.locator("#search-results script, #search-results img, #search-results iframe, #search-results b").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('#search-results *')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    titles = set(results.locator("h2 a").all_inner_texts())
    for number, payload in enumerate(PAYLOADS, start=1):
        assert f"Payload {number} {' '.join(payload.split())}" in titles
    page.close()
