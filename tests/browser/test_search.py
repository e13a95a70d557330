"""Search in a real browser: the built site's Pagefind shards (one a year)
merged into one search by our UI, and statement-level results that land on
the right statement."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sitefixtures import MANY, PAYLOADS

SEED = "/events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/"
TALKS = "Russian-Turkish talks"


def shard_requests(page: Page) -> list[str]:
    """The shard files the page fetches from now on, as shard/file."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.split("/pagefind/", 1)[1].split("?")[0])
            if re.search(r"/pagefind/\d{4}-\d{2}-\d{2}-[0-9a-f]{6}/", r.url) else None)
    return fetched


def shards_of(fetched: list[str]) -> set[str]:
    return {path.split("/", 1)[0] for path in fetched}


def results(page: Page):
    return page.locator("#search-results > li")


def active(page: Page):
    """The filters and order listed beside the count, then "Clear all"."""
    return page.locator("#search-active button")


def test_unique_word_finds_one_transcript_and_its_statement(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Kalibr")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
    expect(results(page)).to_have_count(1)
    expect(results(page).locator("h2 a")).to_have_text("Meeting with Defence Minister Sergei Shoigu")
    expect(results(page).locator(".meta")).to_have_text("7 October 2015, 14:20 Moscow time · Krasnodar Territory")
    statement = results(page).locator("a.speaker-link")
    expect(statement).to_have_text(["Defence Minister Sergei Shoigu"])
    expect(results(page).locator(".statements mark")).to_have_text(["Kalibr"])
    statement.click()
    page.wait_for_url(f"{site_url}{SEED}#t1")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", "t1")
    expect(target).to_have_text("Defence Minister Sergei Shoigu")
    expect(target).to_be_in_viewport()


def open_filters(page: Page) -> None:
    page.locator("#search-filter-panel summary").click()
    expect(page.locator("#search-filters fieldset").first).to_be_visible()


def test_one_list_ranks_hits_from_every_shard(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome")
    expect(page.locator("#search-status")).to_have_text("4 transcripts found for “welcome”")
    urls = results(page).locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")
    years = [u.split("/")[2][:4] for u in urls]
    assert sorted(years) == ["2017", "2017", "2018", "2021"], "hits from three shards in one list"
    # The shards that lack the word answer with shorter ones ("we"): left out.
    assert all("2003" not in u and "2015" not in u for u in urls)


def test_speaker_filter_keeps_only_that_speakers_statements(page: Page, site_url: str, tmp_path) -> None:
    page.goto(f"{site_url}/search/?q=welcome")
    expect(results(page)).to_have_count(4)
    open_filters(page)
    page.get_by_role("checkbox", name=re.compile(r"^Recep Tayyip Erdogan \(1\)$")).check()
    status = page.locator("#search-status")
    expect(status).to_have_text("1 transcript where Recep Tayyip Erdogan said “welcome”")
    expect(results(page).locator("h2 a")).to_have_text(TALKS)
    # Only his statement, though the President welcomed him too.
    expect(results(page).locator("a.speaker-link")).to_have_text(["President of Turkey Recep Tayyip Erdogan (retranslated)"])
    assert "speaker=Recep+Tayyip+Erdogan" in page.url
    page.screenshot(path=str(tmp_path / "search-results.png"), full_page=True)
    # The filtered search is in the URL: opening it again shows the same.
    page.goto(page.url)
    expect(status).to_have_text("1 transcript where Recep Tayyip Erdogan said “welcome”")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Recep Tayyip Erdogan"))).to_be_checked()


def test_a_transcript_where_only_others_said_it_is_dropped(page: Page, site_url: str) -> None:
    # Lukashenko speaks in that meeting, but "welcome" is the President's word there.
    page.goto(f"{site_url}/search/?q=welcome&speaker=Alexander+Lukashenko")
    expect(page.locator("#search-status")).to_have_text("No transcript where Alexander Lukashenko said “welcome”")
    expect(results(page)).to_have_count(0)
    page.goto(f"{site_url}/search/?q=welcome&speaker=Vladimir+Putin")
    expect(results(page)).to_have_count(3)
    labels = results(page).locator("a.speaker-link").all_inner_texts()
    assert labels and all("Putin" in label for label in labels)


def test_old_person_links_still_filter_by_speaker(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome&person=Recep+Tayyip+Erdogan")
    expect(results(page).locator("h2 a")).to_have_text(TALKS)


def test_excerpts_hold_only_transcript_text(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=sochi&speaker=Vladimir+Putin")
    expect(results(page).first).to_be_visible()
    text = " ".join(results(page).locator(".excerpt").all_inner_texts())
    for leaked in ("PutinAlexander", "Vladimir PutinSergei", "{", "Krasnodar Territory"):
        assert leaked not in text


def test_a_hit_in_a_label_is_highlighted(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Lukashenko")
    label = results(page).locator("a.speaker-link mark")
    expect(label.first).to_have_text("Lukashenko")


def test_person_page_links_to_a_search_of_their_statements(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/persons/recep-tayyip-erdogan/")
    page.get_by_role("link", name="Search what Recep Tayyip Erdogan said").click()
    page.wait_for_url(re.compile(r"/search/\?speaker=Recep(%20|\+)Tayyip(%20|\+)Erdogan$"))
    expect(page.locator("#search-status")).to_have_text("1 transcript found")
    expect(active(page)).to_have_text(["Speaker: Recep Tayyip Erdogan ×", "Clear all"])
    expect(results(page).locator("h2 a")).to_have_text(TALKS)
    page.locator("#search-query").fill("welcome")
    expect(page.locator("#search-status")).to_have_text("1 transcript where Recep Tayyip Erdogan said “welcome”")


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
    assert dates == sorted(dates, reverse=True)
    page.get_by_role("button", name="More results").click()
    expect(results(page)).to_have_count(20)
    urls = results(page).locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")
    dates = [u.split("/")[2][:10] for u in urls]
    assert dates == sorted(dates, reverse=True)
    assert len({d[:4] for d in dates}) >= 2, "the order runs from one shard into the next"


def test_oldest_first_runs_across_shards(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome&sort=asc")
    expect(results(page)).to_have_count(4)
    urls = results(page).locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")
    dates = [u.split("/")[2][:10] for u in urls]
    assert dates == sorted(dates) and dates[0][:4] == "2017" and dates[-1][:4] == "2021"


def test_only_transcripts_are_indexed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/archive/")  # a page whose script has not merged the shards already
    urls = page.evaluate(
        """async () => {
            const router = await (await fetch('/pagefind/router.json')).json();
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({ noWorker: true });
            await pagefind.init();
            for (const shard of router.shards) await pagefind.mergeIndex(`/pagefind/${shard.name}/`);
            const search = await pagefind.search(null, {});
            return Promise.all(search.results.map(async r => (await r.data()).url));
        }"""
    )
    assert len(urls) == 10 + MANY + len(PAYLOADS)
    assert all(re.fullmatch(r"/events/\d{4}-\d{2}-\d{2}-[a-z0-9-]+/", u) for u in urls)


def test_filters_load_when_opened_and_sum_every_shard(page: Page, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_url}/search/?q=welcome")
    expect(results(page)).to_have_count(4)
    assert not [url for url in fetched if "/filter/" in url], "no filter data before the panel is opened"
    open_filters(page)
    # Vladimir Putin speaks in three of the four, each in another shard: the count is their sum.
    expect(page.get_by_role("checkbox", name="Vladimir Putin (3)")).to_be_visible()
    expect(page.get_by_role("checkbox", name="2017 (2)")).to_be_visible()
    page.goto(f"{site_url}/search/")
    open_filters(page)
    expect(page.locator("#search-filters legend")).to_have_text(["Speaker", "Topic", "Place", "Year", "Section"])
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


def test_nothing_found_keeps_the_filters_and_says_what_dropping_them_finds(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Kalibr&year=2017")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “Kalibr”")
    expect(results(page)).to_have_count(0)
    expect(active(page)).to_have_text(["Year: 2017 ×", "Clear all"])
    expect(page.get_by_role("checkbox", name=re.compile(r"^2017 "))).to_be_checked()
    help = page.locator("#search-help")
    expect(help).to_contain_text("Without the filters: 1 transcript found for “Kalibr”.")
    expect(help.locator(".suggestion")).to_have_count(0)  # the word is in the archive: nothing to correct
    help.get_by_role("button", name="Search without the filters").click()
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
    expect(help).to_be_hidden()
    assert page.url.endswith("/search/?q=Kalibr")
    expect(page.locator("#search-query")).to_be_focused()
    page.go_back()
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “Kalibr”")


def test_narrative_after_a_break_is_no_speaker_s_statement(page: Page, site_url: str) -> None:
    """One rule for the page and the search: a statement ends at the next
    anchor, and the narrative after a "* * *" break is no one's, though
    Pagefind's section of the speaker's heading runs on over it."""
    page.goto(f"{site_url}/search/?q=marmotbreak")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “marmotbreak”")
    expect(results(page).locator("a.speaker-link")).to_have_count(0)
    page.goto(f"{site_url}/search/?q=marmotbreak&speaker=Boris+Probin")
    expect(page.locator("#search-status")).to_have_text("No transcript where Boris Probin said “marmotbreak”")
    # What he did say is still his.
    page.goto(f"{site_url}/search/?q=reply&speaker=Boris+Probin")
    expect(results(page).first.locator("a.speaker-link")).to_have_text(["Boris Probin"])


def test_a_speaker_s_name_offers_what_they_said_alone(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Boris+Probin")
    help = page.locator("#search-help")
    expect(help).to_contain_text("“Boris Probin” is found wherever the name is printed, and it heads each statement "
                                 "Boris Probin makes.")
    only = help.get_by_role("link", name="Only what Boris Probin said")
    assert only.get_attribute("href") == "?speaker=Boris+Probin"
    only.click()
    expect(active(page)).to_have_text(["Speaker: Boris Probin ×", "Clear all"])
    # A word that is no one's name offers nothing of the kind.
    page.goto(f"{site_url}/search/?q=Kalibr")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
    expect(page.get_by_role("link", name=re.compile("^Only what"))).to_have_count(0)


def test_without_the_filters_is_without_the_dates_too(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Kalibr&from=2017")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “Kalibr” from 2017 on")
    help = page.locator("#search-help")
    expect(help).to_contain_text("Without the filters: 1 transcript found for “Kalibr”.")
    help.get_by_role("button", name="Search without the filters").click()
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")


def test_dates_that_cannot_be_are_said_so(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Kalibr&from=2020&to=2010")
    help = page.locator("#search-help")
    expect(help).to_contain_text("The dates run backwards: from 2020 to 2010 holds no day.")
    help.get_by_role("button", name="Search from 2010 to 2020").click()
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr” from 2010 to 2020")
    for wrong in ("2021-13", "2015-02-30"):
        page.goto(f"{site_url}/search/?q=Kalibr&from={wrong}")
        expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
        expect(help).to_contain_text(f"“{wrong}” is not a date, so it is left out: write a year, a month or a day")
    page.locator("#search-from").fill("2015-02-30")
    page.locator("#search-from").dispatch_event("change")
    assert page.locator("#search-from").evaluate("box => box.validationMessage") == (
        "A year, a month or a day: 2015, 2015-10 or 2015-10-07")  # the shape of a day, and no day


def test_a_speaker_who_never_said_it_is_offered_everyone_who_did(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome&speaker=Alexander+Lukashenko")
    expect(page.locator("#search-help")).to_contain_text("Without the filters: 4 transcripts found for “welcome”.")


def test_without_a_speaker_the_count_is_exact_for_a_stem_of_several_words(page: Page, site_url: str) -> None:
    """'Syria' stands for syria and syrian: the router's pages of both, summed,
    only bound the transcripts; the shards read for the search count them."""
    page.goto(f"{site_url}/search/?q=Syria")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ transcripts? found for “Syria”$"))
    found = page.locator("#search-status").inner_text().split(" found")[0]
    page.goto(f"{site_url}/search/?q=Syria&speaker=Anna+Testova")
    expect(page.locator("#search-help")).to_contain_text(f"Without the filters: {found} found for “Syria”.")


def test_nothing_found_suggests_the_closest_name(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=Lukashenka")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “Lukashenka”")
    suggestion = page.locator("#search-help .suggestion")
    expect(suggestion).to_have_text("Did you mean Alexander Lukashenko? See also the person page (1 transcript).")
    expect(suggestion.get_by_role("link", name="the person page")).to_have_attribute("href", "/persons/alexander-lukashenko/")
    suggestion.get_by_role("link", name="Alexander Lukashenko").click()
    expect(page.locator("#search-query")).to_have_value("Alexander Lukashenko")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Alexander Lukashenko”")
    page.go_back()
    expect(page.locator("#search-query")).to_have_value("Lukashenka")


@pytest.mark.parametrize("query, meant, kind", [
    ("Shoygu", "Sergei Shoigu", "person"),
    ("Shoygu Kalibr", "Sergei Shoigu Kalibr", "person"),  # the other words are kept
    ("Kalibr Shoygu Sergei", "Kalibr Sergei Shoigu", "person"),  # a word the name holds is not repeated
    ("Merkle", "Angela Merkel", "person"),  # two letters swapped
    ("Krasnodr", "Krasnodar Territory", "place"),
    ("armd forces", "Armed Forces", "topic"),  # the whole query is near the name
])
def test_the_suggestion_replaces_what_is_misspelt(page: Page, site_url: str, query: str, meant: str, kind: str) -> None:
    page.goto(f"{site_url}/search/?q={query}")
    suggestion = page.locator("#search-help .suggestion")
    expect(suggestion.get_by_role("link", name=f"the {kind} page")).to_be_visible()
    suggestion.locator("a").first.click()
    expect(page.locator("#search-query")).to_have_value(meant)
    expect(results(page).first).to_be_visible()


def test_nothing_close_suggests_no_name(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=qwzxv&year=2003")
    help = page.locator("#search-help")
    expect(help.locator("p").last).to_have_text("Check the spelling, try fewer words, or browse by person, topic, place or date.")
    expect(help.locator("p").last.get_by_role("link")).to_have_count(4)
    expect(help.locator(".suggestion")).to_have_count(0)


def test_a_word_no_transcript_holds_finds_nothing_and_loads_no_shard(page: Page, site_url: str) -> None:
    # Pagefind alone would answer "Merkle" with transcripts holding a shorter word ("me").
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?q=Merkle")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “Merkle”")
    help = page.locator("#search-help p")
    expect(help.first).to_have_text("No transcript holds the word “Merkle”.")
    expect(page.locator("#search-help .suggestion")).to_have_text("Did you mean Angela Merkel? See also the person page (1 transcript).")
    expect(results(page)).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert fetched == []
    page.goto(f"{site_url}/search/?q=Merkel")
    expect(results(page)).to_have_count(1)
    expect(page.locator("#search-help")).to_be_hidden()


def test_two_words_no_shard_holds_together_read_no_shard(page: Page, site_url: str, searchable: Path) -> None:
    """The router knows each word's shards: words in no common shard are in
    no common transcript, and no shard's index is read to learn it."""
    import json

    router = json.loads((searchable / "pagefind" / "router.json").read_text(encoding="utf-8"))

    def shards_holding(stem: str) -> set[int]:
        """The shards of every indexed word that begins with ``stem``: those Pagefind matches."""
        found: set[int] = set()
        for _, _, name in router["chunks"]:
            words = json.loads((searchable / "pagefind" / "router" / name).read_text(encoding="utf-8"))
            for word, entry in words.items():
                if word.startswith(stem):
                    found |= set(entry[1::2] if isinstance(entry[0], str) else entry[0::2])
        return found

    # Two-digit numbers: no other word begins with them (zebrafinch4 would match zebrafinch45 too).
    held = {word: shards_holding(word) for word in (f"zebrafinch{n}" for n in range(10, 62))}
    first, last = next((a, b) for a in held for b in held if held[a] and held[b] and not held[a] & held[b])
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?q={first}+{last}")
    expect(page.locator("#search-status")).to_have_text(f"No transcripts found for “{first} {last}”")
    page.wait_for_load_state("networkidle")
    assert fetched == []


def test_a_query_of_punctuation_alone_reads_no_shard(page: Page, site_url: str) -> None:
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?q=%3F%21")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “?!”")
    page.wait_for_load_state("networkidle")
    assert fetched == []


def test_a_misspelt_word_is_offered_the_closest_indexed_word(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=zebrafinh")
    expect(page.locator("#search-status")).to_have_text("No transcripts found for “zebrafinh”")
    suggestion = page.locator("#search-help .suggestion")
    expect(suggestion).to_have_text(f"Did you mean zebrafinch? ({MANY} transcripts)")
    suggestion.get_by_role("link").click()
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ transcripts found for “zebrafinch”"))
    assert "q=zebrafinch&" in page.url + "&"


def test_other_forms_of_a_word_are_offered_with_their_counts(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=economy")
    # Pagefind finds every word that begins with its stem: economy and economies, economist too.
    expect(page.locator("#search-status")).to_have_text("2 transcripts found for “economy”")
    forms = page.locator("#search-help .forms")
    expect(forms).to_have_text("Other forms of “economy” in the archive: economic (4 transcripts). Include them: econom*")
    forms.get_by_role("link").click()
    expect(page.locator("#search-status")).to_have_text("6 transcripts found for “econom*”")
    assert "q=econom*" in page.url.replace("%2A", "*")


def test_active_filters_are_listed_and_dropped_one_by_one_or_all_at_once(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome&speaker=Vladimir+Putin&year=2017&sort=asc")
    expect(results(page)).to_have_count(1)
    expect(active(page)).to_have_text(["Speaker: Vladimir Putin ×", "Year: 2017 ×", "Oldest first ×", "Clear all"])
    page.get_by_role("button", name="Remove Year: 2017").click()
    expect(results(page)).to_have_count(3)
    expect(active(page)).to_have_text(["Speaker: Vladimir Putin ×", "Oldest first ×", "Clear all"])
    # The button that took the removed one's place has the focus: the keyboard goes on from there.
    expect(page.get_by_role("button", name="Remove Oldest first")).to_be_focused()
    assert "year=" not in page.url
    page.get_by_role("button", name="Clear all").click()
    expect(page.locator("#search-status")).to_have_text("4 transcripts found for “welcome”")
    expect(active(page)).to_have_count(0)
    expect(page.locator("#search-sort")).to_have_value("")
    expect(page.locator("#search-query")).to_be_focused()
    assert page.url.endswith("/search/?q=welcome")


def test_each_search_is_a_history_entry(page: Page, site_url: str) -> None:
    status = page.locator("#search-status")
    page.goto(f"{site_url}/search/?q=welcome")
    expect(status).to_have_text("4 transcripts found for “welcome”")
    query = page.locator("#search-query")
    # Words typed make one entry, whatever pauses the typing has.
    query.fill("Kal")
    expect(status).to_contain_text("“Kal”")
    query.fill("Kalibr")
    expect(status).to_have_text("1 transcript found for “Kalibr”")
    query.press("Enter")  # the search shown: no entry of its own
    page.locator("#search-sort").select_option("desc")
    expect(page).to_have_url(re.compile(r"\?q=Kalibr&sort=desc$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=Kalibr$"))
    expect(page.locator("#search-sort")).to_have_value("")
    page.go_back()
    expect(status).to_have_text("4 transcripts found for “welcome”")
    expect(query).to_have_value("welcome")
    page.go_forward()
    expect(query).to_have_value("Kalibr")
    expect(results(page)).to_have_count(1)


def test_more_results_moves_the_focus_and_a_reload_keeps_them(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=opening")
    expect(results(page)).to_have_count(10)
    page.get_by_role("button", name="More results").click()
    expect(results(page)).to_have_count(20)
    expect(results(page).nth(10).locator("h2 a")).to_be_focused()
    first_new = results(page).nth(10).locator("h2 a").inner_text()
    assert "shown=20" in page.url
    page.keyboard.press("Tab")  # on from the first new result, not from the button
    held = page.evaluate("""[...document.querySelectorAll('#search-results > li')]
        .indexOf(document.activeElement.closest('#search-results > li'))""")
    assert held in (10, 11)
    results(page).nth(15).scroll_into_view_if_needed()
    scrolled = page.evaluate("scrollY")
    page.wait_for_function("history.state && history.state.scroll === scrollY")
    page.reload()
    expect(results(page)).to_have_count(20)
    expect(results(page).nth(10).locator("h2 a")).to_have_text(first_new)
    page.wait_for_function(f"Math.abs(scrollY - {scrolled}) < 2")


def test_a_filter_ticked_from_the_keyboard_keeps_the_focus(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=welcome")
    expect(results(page)).to_have_count(4)
    open_filters(page)
    page.get_by_role("checkbox", name="2017 (2)").focus()
    page.keyboard.press("Space")
    expect(results(page)).to_have_count(2)
    # The panel is drawn again with the new counts; the reader is still on the box they ticked.
    expect(page.get_by_role("checkbox", name=re.compile(r"^2017 "))).to_be_focused()


def shard_names(searchable: Path) -> list[str]:
    return [s["name"] for s in json.loads((searchable / "pagefind" / "router.json").read_bytes())["shards"]]


def test_a_word_in_one_old_shard_loads_that_shard_alone(page: Page, site_url: str, searchable: Path) -> None:
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?q=Kalibr")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “Kalibr”")
    page.wait_for_load_state("networkidle")
    first = shard_names(searchable)[0]
    assert shards_of(fetched) == {first}
    assert [f for f in fetched if f.endswith(".pf_meta")] and len([f for f in fetched if f.endswith(".pf_meta")]) == 1
    assert len(shard_names(searchable)) >= 4, "the fixture site has several shards"


def urls_shown(page: Page) -> list[str]:
    return results(page).locator("h2 a").evaluate_all("links => links.map(a => a.pathname)")


def test_date_order_stays_right_as_shards_load_one_group_at_a_time(page: Page, site_url: str, searchable: Path) -> None:
    names = shard_names(searchable)
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?q=zebrafinch&sort=desc")
    status = page.locator("#search-status")
    # The two newest shards hold 20 of them: enough for a page of results, so the older ones wait.
    expect(status).to_have_text("20 transcripts found for “zebrafinch” so far")
    scope = page.locator("#search-scope")
    expect(scope).to_have_text(re.compile(
        rf"^Searched 34 of {10 + MANY + len(PAYLOADS)} transcripts, newest first; up to (\d+) more transcripts may match\."
        " “More results” searches further.$"))
    # An upper bound from the router: never less than what remains.
    assert int(re.search(r"up to (\d+)", scope.inner_text()).group(1)) >= MANY - 20
    page.wait_for_load_state("networkidle")
    assert shards_of(fetched) == set(names[-2:])
    more = page.get_by_role("button", name="More results")
    more.click()
    expect(results(page)).to_have_count(20)  # all those two shards hold
    more.click()
    expect(results(page)).to_have_count(30)  # across the border into the third newest shard
    assert shards_of(fetched) == set(names[-3:])
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)
    expect(status).to_have_text(f"{MANY} transcripts found for “zebrafinch”")
    expect(page.locator("#search-scope")).to_be_hidden()
    urls = urls_shown(page)
    assert len(urls) == len(set(urls)) == MANY
    days = [url.split("/")[2][:10] for url in urls]
    assert days == sorted(days, reverse=True)


def test_speaker_filter_and_counts_say_what_they_cover_while_shards_load(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=zebrafinch&speaker=Anna+Testova")
    status = page.locator("#search-status")
    # Best match reads first the shards where the word is most frequent, as many as may fill a page.
    expect(status).to_have_text(re.compile(r"^10 transcripts so far, of \d+ transcripts to check, where Anna Testova said “zebrafinch”$"))
    to_check = re.search(r"of (\d+)", status.inner_text()).group(1)
    note = page.locator("#search-filters .facet-note")
    expect(note).to_have_text(re.compile(r"^Counts for the \d+ transcripts searched so far\.$"))
    assert int(re.search(r"the (\d+)", note.inner_text()).group(1)) < 10 + MANY + len(PAYLOADS)
    # Her count, like the status, covers what was searched.
    expect(page.get_by_role("checkbox", name=re.compile(rf"^Anna Testova \({to_check}\)$"))).to_be_checked()
    more = page.get_by_role("button", name="More results")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)
    expect(status).to_have_text(f"{MANY} transcripts where Anna Testova said “zebrafinch”")
    expect(note).to_have_count(0)
    expect(page.get_by_role("checkbox", name=re.compile(rf"^Anna Testova \({MANY}\)$"))).to_be_checked()


def days_of(searchable: Path, first: str, last: str) -> list[str]:
    """The ids of the transcripts dated from ``first`` to ``last`` (as far as each goes), newest first."""
    events = json.loads((searchable / "data" / "events.json").read_bytes())["events"]
    return [e["id"] for e in events if first <= e["date"][: len(first)] and e["date"][: len(last)] <= last]


def test_a_date_range_shows_only_its_days_and_reads_only_its_shards(page: Page, site_url: str, searchable: Path) -> None:
    wanted = days_of(searchable, "2019-03-02", "2019-09")
    assert 10 < len(wanted) < 50, "the fixture holds more than a page of these days"
    router = json.loads((searchable / "pagefind" / "router.json").read_bytes())
    outside = {s["name"] for s in router["shards"] if s["to"] < "2019-03-02" or s["from"][:7] > "2019-09"}
    assert outside, "some shards hold no day of the range"
    fetched = shard_requests(page)
    page.goto(f"{site_url}/search/?from=2019-03-02&to=2019-09&shown=50")
    expect(page.locator("#search-status")).to_have_text(f"{len(wanted)} transcripts found from 2019-03-02 to 2019-09")
    shown = [u.split("/")[2] for u in urls_shown(page)]
    assert shown == wanted  # newest first, none from the days just outside
    assert not shards_of(fetched) & outside
    expect(page.locator("#search-from")).to_have_value("2019-03-02")
    expect(page.locator("#search-to")).to_have_value("2019-09")
    expect(active(page)).to_have_text(["From 2019-03-02 ×", "To 2019-09 ×", "Clear all"])


def test_a_range_of_whole_years_is_counted_exactly_with_words(page: Page, site_url: str, searchable: Path) -> None:
    page.goto(f"{site_url}/search/?q=opening&from=2020&to=2020&shown=50")
    expect(page.locator("#search-status")).to_contain_text("found for “opening” in 2020")
    expect(page.locator("#search-more")).to_be_hidden()
    shown = urls_shown(page)
    assert len(shown) > 10 and {u.split("/")[2][:4] for u in shown} == {"2020"}
    # The year filter holds a range of whole years exactly: the count is the results', said at once.
    expect(page.locator("#search-status")).to_have_text(f"{len(shown)} transcripts found for “opening” in 2020")


def test_dates_typed_in_the_form_go_into_the_address_and_a_wrong_one_is_said(page: Page, site_url: str, searchable: Path) -> None:
    page.goto(f"{site_url}/search/?q=opening")
    expect(results(page)).to_have_count(10)
    page.locator("#search-from").fill("2020-02")
    page.locator("#search-from").press("Enter")
    page.wait_for_url(re.compile(r"from=2020-02"))
    expect(page.locator("#search-status")).to_contain_text("“opening” from 2020-02 on")
    assert all(u.split("/")[2][:7] >= "2020-02" for u in urls_shown(page))
    page.locator("#search-to").fill("2020-13")
    page.locator("#search-to").press("Enter")
    assert "to=" not in page.url
    message = page.locator("#search-to").evaluate("box => box.validationMessage")
    assert message == "A year, a month or a day: 2015, 2015-10 or 2015-10-07"
    # Dropping the range from the list beside the count brings back every date.
    active(page).filter(has_text="From 2020-02").click()
    page.wait_for_url(re.compile(r"^(?!.*from=)"))
    expect(page.locator("#search-from")).to_have_value("")


def test_topic_place_section_and_calendar_pages_search_within_themselves(page: Page, site_url: str, searchable: Path) -> None:
    page.goto(f"{site_url}/topics/fixture-topic/")
    page.get_by_role("link", name="Search within Fixture Topic").click()
    page.wait_for_url(re.compile(r"/search/\?topic=Fixture\+Topic|/search/\?topic=Fixture%20Topic"))
    expect(active(page)).to_have_text(["Topic: Fixture Topic ×", "Clear all"])
    page.locator("#search-query").fill("zebrafinch7")
    page.locator("#search-query").press("Enter")
    expect(page.locator("#search-status")).to_have_text("1 transcript found for “zebrafinch7”")
    page.goto(f"{site_url}/archive/2019/03/")
    page.get_by_role("link", name="Search within March 2019").click()
    page.wait_for_url(re.compile(r"from=2019-03&to=2019-03"))
    wanted = days_of(searchable, "2019-03", "2019-03")
    expect(page.locator("#search-status")).to_have_text(
        f"{len(wanted)} transcript{'s' if len(wanted) != 1 else ''} found in 2019-03")
    page.goto(f"{site_url}/archive/2019/")
    page.get_by_role("link", name="Search within 2019").click()
    page.wait_for_url(re.compile(r"\?year=2019$"))
    for url in ("/geography/fixture-city/", "/sections/news/"):
        page.goto(site_url + url)
        expect(page.locator("a.group-search")).to_have_count(1)
