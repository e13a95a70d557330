"""Search results show every payload as text, never as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

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


def test_suggestions_and_active_filters_show_payloads_as_text(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    # "Persn" is nearest to the first word of every payload person: one of them is suggested.
    speaker, topic = f"Person {PAYLOADS[1]}", f"Topic {PAYLOADS[0]}"
    page.goto(f"{site_url}/search/?q=Persn&speaker={quote(speaker)}&topic={quote(topic)}")
    suggestion = page.locator("#search-help .suggestion a").first
    expect(suggestion).to_have_text(re.compile(r"^Person "))
    assert suggestion.inner_text().removeprefix("Person ") in PAYLOADS
    buttons = page.locator("#search-active button")
    expect(buttons).to_have_text([f"Speaker: {speaker} ×", f"Topic: {topic} ×", "Clear all"])
    shown = "#search-help, #search-active, #search-status"
    assert page.locator(f":is({shown}) :is(script, img, iframe, b, div)").count() == 0
    handlers = page.evaluate(f"""[...document.querySelectorAll(':is({shown}) *')]
        .flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))""")
    assert handlers == [] and alerts == []
    page.close()
