"""The search page's pure modules, each imported on its own as the source
has it and run in Chromium: the words of a query, the state an address
holds, what the router says of a query, the suggestions and the chart's
rows. The whole page is tested through the built site (test_search.py)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def page(browser: Browser, modules_url: str):
    page = browser.new_page()
    page.goto(f"{modules_url}/")
    yield page
    page.close()


def run(page: Page, module: str, body: str, arg: Any = None) -> Any:
    """``body`` is a function of the module's exports and ``arg``."""
    return page.evaluate(f"async (arg) => {{ const m = await import('/{module}'); return ({body})(m, arg); }}", arg)


def test_a_query_is_read_as_pagefind_reads_it(page: Page) -> None:
    assert run(page, "words.js", "(m) => m.termsOf('Café, «naïve» Ångström! — Putin’s')") == ["cafe", "naive", "angstrom", "putins"]
    assert run(page, "words.js", "(m) => m.termsOf('... — !')") == []
    assert run(page, "words.js", "(m) => m.folded('Recep Tayyip Erdoğan,  Jr.')") == "recep tayyip erdogan jr"


def test_distance_counts_a_swap_of_neighbours_as_one_edit(page: Page) -> None:
    assert run(page, "words.js", "(m) => [m.distance('merkle', 'merkel'), m.distance('putin', 'putin'), "
                                 "m.distance('', 'abc'), m.distance('kitten', 'sitting')]") == [1, 0, 3, 3]
    assert run(page, "words.js", "(m) => [1, 4, 5, 8, 9].map(m.allowed)") == [1, 1, 2, 2, 3]


def test_replacing_changes_the_first_word_typed_so_only(page: Page) -> None:
    assert run(page, "words.js", "(m) => m.replacing('\"economy\" and economy', 'economy', 'econom*')") == "econom* and economy"


FILTERS = [["speaker", "Speaker", ["person"]], ["topic", "Topic", []], ["year", "Year", []]]


def test_the_address_gives_the_state_and_takes_it_back(page: Page) -> None:
    state = run(page, "address.js", "(m, f) => m.readState('?q=oil&person=A&speaker=B&speaker=A&topic=Energy&from=2015-02-30"
                                    "&to=2016-10&sort=odd&shown=9999&measure=share', f)", FILTERS)
    assert state == {"q": "oil", "sort": "", "from": "", "to": "2016-10", "filters": {"speaker": ["B", "A"], "topic": ["Energy"]},
                     "shown": 500, "measure": "share", "unread": ["2015-02-30"]}
    address = run(page, "address.js", "(m, [f, s]) => m.addressOf(s, f, '/search/')", [FILTERS, state])
    assert address == "?q=oil&to=2016-10&speaker=B&speaker=A&topic=Energy&shown=500&measure=share"
    assert run(page, "address.js", "(m, f) => m.addressOf(m.readState('', f), f, '/search/')", FILTERS) == "/search/"


def test_days_are_real_days_and_ranges_compare_as_far_as_they_go(page: Page) -> None:
    assert run(page, "address.js", "(m) => ['2015', '2015-10', '2016-02-29', '2015-02-29', '2015-13', '15', '2015-1-1']"
                                   ".map(m.realDay)") == [True, True, True, False, False, False, False]
    got = run(page, "address.js", """(m) => {
        const s = { from: '2015-10', to: '2016', q: '', sort: '' };
        return [m.inRange('2015-10-07', s), m.inRange('2015-09-30', s), m.inRange('2016-12-31', s),
                m.rangeCuts(s), m.backwards(s), m.backwards({ from: '2020', to: '2010' }), m.rangeText(s),
                m.orderOf(s), m.orderOf({ ...s, q: 'x' }), m.orderOf({ ...s, q: 'x', sort: 'asc' })];
    }""")
    assert got == [True, False, True, True, False, True, " from 2015-10 to 2016", "desc", "", "asc"]


def test_a_date_range_filters_by_the_years_it_spans(page: Page) -> None:
    shards = [{"from": "2013-01-02", "to": "2014-05-06"}, {"from": "2014-05-07", "to": "2016-12-01"}]
    got = run(page, "address.js", """(m, shards) => [
        m.activeFilters({ filters: { topic: ['Energy'], speaker: [] }, from: '2014-03', to: '' }, shards),
        m.activeFilters({ filters: { year: ['2013', '2015'] }, from: '', to: '2014' }, shards),
        m.activeFilters({ filters: { year: ['2016'] }, from: '', to: '2014' }, shards)]""", shards)
    assert got == [{"topic": {"any": ["Energy"]}, "year": {"any": ["2014", "2015", "2016"]}},
                   {"year": {"any": ["2013"]}}, {"year": {"any": ["none"]}}]


ROUTED = """async (m, q) => {
    const shards = [{ name: 'a', from: '2001-01-01', to: '2005-12-31', pages: 100 },
                    { name: 'b', from: '2006-01-01', to: '2010-12-31', pages: 100 },
                    { name: 'c', from: '2011-01-01', to: '2015-12-31', pages: 100 }];
    const words = { oil: ['oil', 0, 30, 2, 5], oils: ['oils', 2, 1], gas: ['gas', 1, 7, 2, 40] };
    const wordsFrom = async (prefix) => Object.entries(words).filter(([w]) => w.startsWith(prefix)).map(([w, e]) => m.decode(w, e.slice(1)));
    const stem = (w) => w.replace(/s$/, '');
    const plan = await m.route(q.q, q.filters, q.range, shards, stem, wordsFrom);
    return { shards: plan.shards.map((s) => [s.name, s.estimate]), missing: plan.missing.map((w) => w.typed), exact: plan.exact,
             order: ['asc', 'desc', ''].map((o) => m.ordered(plan.shards, o).map((s) => s.name)) };
}"""


def test_the_router_names_the_shards_holding_every_word_with_a_bound(page: Page) -> None:
    both = run(page, "routing.js", ROUTED, {"q": "oils gas", "filters": {}, "range": {"from": "", "to": ""}})
    # oil is in a (30) and c (5), oils in c (1): oil* in c is at most 6; gas in c is 40.
    assert both == {"shards": [["c", 6]], "missing": [], "exact": False, "order": [["c"], ["c"], ["c"]]}
    one = run(page, "routing.js", ROUTED, {"q": "gas", "filters": {}, "range": {"from": "", "to": ""}})
    assert one["shards"] == [["b", 7], ["c", 40]] and one["exact"] is True
    assert one["order"] == [["b", "c"], ["c", "b"], ["c", "b"]], "best match reads where the word is most frequent first"
    dated = run(page, "routing.js", ROUTED, {"q": "gas", "filters": {"year": {"any": ["2007"]}}, "range": {"from": "", "to": "2010"}})
    assert dated["shards"] == [["b", 7]] and dated["exact"] is False
    missing = run(page, "routing.js", ROUTED, {"q": "gas quokka", "filters": {}, "range": {"from": "", "to": ""}})
    assert missing["shards"] == [] and missing["missing"] == ["quokka"]
    assert run(page, "routing.js", ROUTED, {"q": "— !", "filters": {}, "range": {"from": "", "to": ""}})["shards"] == []


def test_a_router_entry_and_its_chunks(page: Page) -> None:
    got = run(page, "routing.js", """(m) => {
        const entry = (w, e) => { const d = m.decode(w, e); return [d.form, [...d.pages], d.total]; };
        const chunks = [['a', 'eco', '0.json'], ['ecp', 'oil', '1.json'], ['oim', 'zz', '2.json']];
        return [entry('economi', ['economy', 0, 3, 4, 1]), entry('oil', [2, 9]),
                m.chunksFrom(chunks, 'eco'), m.chunksFrom(chunks, 'oil'), m.chunksNear(chunks, 'zzz'), m.chunksNear(chunks, 'b'),
                m.nextGroup([{ estimate: 4 }, { estimate: 5 }, { estimate: 3 }, { estimate: 9 }], 10).length];
    }""")
    assert got == [["economy", [[0, 3], [4, 1]], 4], ["oil", [[2, 9]], 9], ["0.json"], ["1.json"],
                   ["1.json", "2.json"], ["0.json", "1.json"], 3]


NAMES = [{"kind": "person", "name": "Angela Merkel", "url": "/persons/angela-merkel/", "transcripts": 12},
         {"kind": "person", "name": "Angela Merkle", "url": "/persons/angela-merkle/", "transcripts": 1},
         {"kind": "place", "name": "Sochi", "url": "/geography/sochi/", "transcripts": 30}]


def test_the_closest_name_replaces_the_word_no_transcript_holds(page: Page) -> None:
    got = run(page, "suggestions.js", """(m, names) => [
        m.closestName('merkell gas', ['merkell'], names), m.closestName('sochy', ['sochy'], names),
        m.closestName('quokka', ['quokka'], names), m.closestName('Angela Merkel', [], names)]""", NAMES)
    assert got[0]["name"] == "Angela Merkel" and got[0]["query"] == "Angela Merkel gas", "ties go to the name in more transcripts"
    assert got[1]["query"] == "Sochi" and got[2] is None and got[3] is None


def test_the_closest_word_is_an_indexed_form_within_the_edits_allowed(page: Page) -> None:
    got = run(page, "suggestions.js", """(m) => {
        const near = [{ form: 'economy', total: 50 }, { form: 'ecology', total: 2 }, { form: 'Erdoğan', total: 9 }, { form: 'ox', total: 99 }];
        return [m.closestWord({ term: 'econmy' }, near), m.closestWord({ term: 'erdogn' }, near), m.closestWord({ term: 'zzzzzz' }, near)];
    }""")
    assert got[0]["form"] == "economy" and got[1]["form"] == "erdogan" and got[2] is None


def test_a_result_shows_only_its_statements_and_those_of_the_speakers_chosen(page: Page) -> None:
    data = {"meta": {"speakers": '{"Vladimir Putin": "Vladimir Putin", "Question": ""}'},
            "anchors": [{"location": 0}, {"location": 10}, {"location": 20}, {"location": 30}],
            "sub_results": [
                {"url": "/e/#t1", "title": "Vladimir Putin", "anchor": {"location": 0}, "locations": [4]},
                {"url": "/e/#t2", "title": "Question", "anchor": {"location": 10}, "locations": [12]},
                # A match after the next anchor is the narrative's, not the statement's.
                {"url": "/e/#t3", "title": "Vladimir Putin", "anchor": {"location": 20}, "locations": [31]},
                {"url": "/e/#n4", "title": "Narrative", "anchor": {"location": 30}, "locations": [31]}]}
    got = run(page, "results.js", """(m, data) => [m.statementsOf(data, []).map((s) => s.url), m.statementsOf(data, ['Vladimir Putin']).map((s) => s.url),
        m.speakersOf({ meta: { speakers: '{bad' } }), m.speakersOf({})]""", data)
    assert got == [["/e/#t1", "/e/#t2"], ["/e/#t1"], {}, {}]


def test_the_chart_rows_are_every_year_with_both_measures(page: Page) -> None:
    got = run(page, "chart.js", """(m) => {
        const years = m.archiveYears([['2001', 4, 1000], ['2003', 2, 500]]);
        const counts = m.decodeEntry([['2001', 3, 2, '2003', 10, 1], ['Vladimir Putin', 7, 5, 9000], 4, 2]);
        return [m.chartTerms(' sanctions, embargo,, a, b, c, d '), years.map((y) => [y.year, y.transcripts, y.words]),
                m.rows(years, [{ counts }]).map((r) => [r.year, r.values[0].occurrences, r.values[0].rate, r.values[0].share, r.values[0].few]),
                counts.top, counts.narrative, counts.unnamed];
    }""")
    assert got[0] == ["sanctions", "embargo", "a", "b", "c"]
    assert got[1] == [["2001", 4, 1000], ["2002", 0, 0], ["2003", 2, 500]]
    assert got[2] == [["2001", 3, 300, 0.5, True], ["2002", 0, None, None, False], ["2003", 10, 2000, 0.5, False]]
    assert got[3] == [{"name": "Vladimir Putin", "occurrences": 7, "statements": 5, "words": 9000}] and got[4:] == [4, 2]
