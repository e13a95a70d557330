"""The search page's counts in a real browser, on made-up words planted in
the fixture transcripts (tests/sitefixtures.py): a word through the years,
two words compared, a year that runs its search, who says a word most, and
the counts on paper."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from sitefixtures import QUOKKA, QUOKKA_BY


def counts(page: Page):
    section = page.locator("#search-counts")
    expect(section.locator("h2")).to_be_visible()
    return section


def table(section, caption: str) -> list[list[str]]:
    section.locator("summary", has_text=caption).click()
    rows = section.locator("table", has=section.page.locator("caption", has_text=caption)).locator("tbody tr")
    return [[cell.strip() for cell in row] for row in rows.evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent))")]


def year_totals(searchable: Path) -> dict[str, tuple[int, int]]:
    router = json.loads((searchable / "pagefind" / "router.json").read_bytes())
    return {year: (transcripts, words) for year, transcripts, words in router["years"]}


def rate(occurrences: int, words: int) -> str:
    value = occurrences * 100000 / words
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def test_a_word_through_the_years_shows_each_years_exact_counts(page: Page, site_url: str, searchable: Path) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote")
    section = counts(page)
    expect(section.locator("h2")).to_have_text("“quokkavote” through the years")
    totals = year_totals(searchable)
    rows = {row[0]: row[1:] for row in table(section, "Counts by year")}
    first, last = int(min(totals)), int(max(totals))
    assert list(rows) == [str(year) for year in range(first, last + 1)], "every year of the archive"
    for year, (occurrences, transcripts) in QUOKKA.items():
        assert rows[year] == [f"{totals[year][0]:,}", f"{occurrences:,}", f"{transcripts:,}", rate(occurrences, totals[year][1])]
    assert {year: row[1] for year, row in rows.items() if year not in QUOKKA} == {
        year: "0" for year in rows if year not in QUOKKA}
    # The chart is drawn from the same rows: a link a year, each saying its counts.
    bars = section.locator(".counts-chart a.year")
    expect(bars).to_have_count(len(rows))
    expect(bars.nth(list(rows).index("2019"))).to_have_attribute(
        "aria-label", f"2019: 20 occurrences in 10 transcripts, {rate(20, totals['2019'][1])} per 100,000 words")
    expect(section.locator(".counts-note").first).to_contain_text("Counted: quokkavote.")


def test_two_words_compare_and_a_year_with_few_is_marked(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote%2C+wombatcount")
    section = counts(page)
    expect(section.locator("h2")).to_have_text("“quokkavote”, “wombatcount” through the years")
    expect(section.locator(".counts-legend li")).to_have_text(["quokkavote", "wombatcount"])
    rows = {row[0]: row[1:] for row in table(section, "Counts by year")}
    assert rows["2020"][1:3] == ["11", "11"] and rows["2020"][4:6] == ["2*", "2"]
    assert rows["2019"][4:6] == ["0", "0"]
    few = section.locator(".counts-chart .bar.few")
    expect(few).to_have_count(1)
    expect(few).to_have_class("bar series-1 few")


def test_a_year_focused_says_its_counts_and_activated_runs_its_search(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote")
    section = counts(page)
    year = section.locator(".counts-chart a.year", has=page.locator("text", has_text="2019"))
    if not year.count():  # not every year carries its label: find it by its name
        year = section.locator(".counts-chart a.year[aria-label^='2019:']")
    year.focus()
    expect(section.locator(".counts-focus")).to_have_text(year.get_attribute("aria-label"))
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_have_text("10 transcripts found for “quokkavote” in 2019")
    assert "from=2019&to=2019" in page.url
    page.go_back()
    expect(page.locator("#search-status")).to_contain_text("found for “quokkavote”")
    assert "from=" not in page.url


def test_who_says_a_word_most_lists_its_speakers_with_their_own_words(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote")
    section = counts(page)
    expect(section.locator("summary", has_text="Who says")).to_have_text(
        "Who says “quokkavote” most: Anna Testova (30), Boris Probin (1)")
    rows = table(section, "who say")
    assert [(name, occurrences, statements) for name, occurrences, statements, _, _ in rows] == [
        (name, str(occurrences), str(statements)) for name, occurrences, statements in QUOKKA_BY]
    for name, occurrences, _, per, words in rows:
        assert per == rate(int(occurrences), int(words.replace(",", "")))
    link = section.locator("a", has_text="Anna Testova")
    assert link.get_attribute("href") == "?q=quokkavote&speaker=Anna+Testova"
    link.click()
    expect(page.locator("#search-status")).to_contain_text("where Anna Testova said “quokkavote”")


def test_the_share_of_transcripts_is_the_other_measure(page: Page, site_url: str, searchable: Path) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote")
    section = counts(page)
    section.get_by_role("radio", name="share of transcripts").check()
    assert "measure=share" in page.url
    rows = {row[0]: row[1:] for row in table(section, "Counts by year")}
    transcripts = year_totals(searchable)["2019"][0]
    assert rows["2019"][3] == f"{100 * 10 / transcripts:.1f} %"
    page.reload()
    expect(counts(page).get_by_role("radio", name="share of transcripts")).to_be_checked()


def test_a_phrase_and_a_missing_word_are_said_to_have_no_counts(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=opening+statement")
    expect(counts(page).locator(".counts-note")).to_have_text(
        "Counts are of single words: “opening statement” has several. Separate words with commas to compare them (opening, statement).")


def test_on_paper_the_counts_tables_are_printed_and_the_controls_are_not(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=quokkavote")
    section = counts(page)
    page.emulate_media(media="print")
    expect(section.locator("table.counts-table")).to_be_visible()
    expect(section.locator("table.counts-speakers")).to_be_visible()
    expect(section.locator(".counts-measure")).to_be_hidden()


def test_a_person_page_lists_their_own_words_and_each_searches_their_statements(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/persons/vladimir-putin/")
    words = page.locator("ol.own-words li")
    expect(words.first).to_be_visible()
    texts = words.all_inner_texts()
    only_theirs = next(text for text in texts if text.endswith("×, no one else"))
    word = only_theirs.split(" ", 1)[0]
    words.filter(has_text=only_theirs).locator("a").click()
    expect(page.locator("#search-status")).to_contain_text(f"where Vladimir Putin said “{word}”")
    expect(page.locator("#search-results .speaker-link").first).to_contain_text("Vladimir Putin")
