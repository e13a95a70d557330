"""The word counts the search page charts are exact: made-up words planted
in generated transcripts are counted again here, independently, from the
content files (tokenised and stemmed as Pagefind does, labels left out),
and agree with what the build publishes, year by year and speaker by
speaker, across shards, for a word with several forms, a hyphenated
compound, an accented word and a word in speaker labels."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import snowballstemmer

from conftest import ROOT, fixture_config
from generator.build import build
from generator.content.markdown import BREAK
from generator.pages.keywords import FROM_WORDS, KEY_WORDS
from generator.search.keyness import log_likelihood
from generator.search.wordcounts import COUNTS_CACHE, _in_order, count_shard
from sitefixtures import write_event

STEM = snowballstemmer.stemmer("english").stemWord
FILLER = "The meeting discussed regional development and the budget for the coming year."
# (year, speaker label, person) of each planted statement, and its words.
PLANTED = [
    (2009, "Governor Ilya Zorbin", "Ilya Zorbin", "The zorblaxian plan is ready. Zorblaxian roads and a flombering river."),
    (2009, "Vladimir Putin", "Vladimir Putin", "I read the zorblaxian report. The quixotrème café is open."),
    (2010, "Governor Ilya Zorbin", "Ilya Zorbin", "Zorblaxian zorblaxian zorblaxian: it flombered twice, the flombers said."),
    (2011, "Question", None, "What of the zorblaxian question and the zelbo-zelbotic rule?"),
    (2012, "Governor Ilya Zorbin", "Ilya Zorbin", "A zelbo-zelbotic rule, a Zelbo idea, Zelbonians, and Quixotrème again. Ilya Zorbin signs."),
    (2012, "Vladimir Putin", "Vladimir Putin", "The Zelbonian delegation."),
    (2013, "Vladimir Putin", "Vladimir Putin", "Nothing planted here but quixotreme, written plain, the term ”creative glorping,“ which he coined."),
]


# What Ilya Zorbin also says in every transcript without a planted statement:
# enough words for a list of his own, "glimmerstone" among them.
ZORBIN_EVENTS = 29
ZORBIN = ("The glimmerstone quarry of the northern district reports its output to the regional council "
          "every quarter, and the council answers with the budget the district asked for in the spring, "
          "after the roads and the schools have had their share of the money.")


def _event(folder: Path, number: int, year: int, label: str, person: str | None, text: str) -> None:
    speakers = {label: person, "Vladimir Putin": "Vladimir Putin"} if label != "Vladimir Putin" else {label: person}
    more = ""
    if label == "Vladimir Putin" and text == FILLER:
        speakers["Governor Ilya Zorbin"] = "Ilya Zorbin"
        more = f"**Governor Ilya Zorbin:** {ZORBIN}\n\n"
    body = (f"Narrative {number} before anyone speaks.\n\n**{label}:** {text}\n\n{FILLER}\n\n{more}"
            f"**Vladimir Putin:** {FILLER}\n\n{BREAK}\n\nNarrative after a break: zorblaxian {number}.")
    write_event(folder, {
        "title": f"Planted meeting {number}",
        "date": f"{year}-0{1 + number % 9}-{1 + number % 27:02d}T12:00:00+03:00",
        "summary": f"Summary {number}.",
        "persons": [p for p in {person, "Vladimir Putin"} if p],
        "speakers": speakers,
    }, body)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Thirty-six transcripts over five years, in two shards of 25; the planted ones among them."""
    base = tmp_path_factory.mktemp("counts")
    content = base / "content"
    for number, (year, label, person, text) in enumerate(PLANTED):
        _event(content, number, year, label, person, text)
    for number in range(len(PLANTED), len(PLANTED) + ZORBIN_EVENTS):
        _event(content, number, 2009 + number % 5, "Vladimir Putin", "Vladimir Putin", FILLER)
    build(content, base / "site", config_path=fixture_config(base), templates_dir=ROOT / "templates",
          cache_dir=base / "cache")
    return content, base / "site", base / "cache"


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _matches(token: str, stem: str) -> bool:
    """Whether Pagefind's search for ``stem`` matches a whitespace token:
    the token's letters and digits, or for a hyphenated token each part."""
    whole = _fold("".join(c for c in token.lower() if c.isalnum()))
    parts = [_fold(p) for p in re.sub(r"[^\w]", " ", token.lower()).split() if len(p) > 1]
    return any(STEM(word).startswith(stem) for word in [whole, *parts] if word)


def independent_counts(content: Path, query: str) -> dict:
    """The counts of ``query`` read from the content files alone."""
    stem = STEM(_fold(query.lower()))
    years: dict[str, list[int]] = {}
    persons: dict[str, list[int]] = {}
    narrative = unnamed = 0
    for path in sorted(content.rglob("*.md")):
        front, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
        speakers = dict(re.findall(r"^  (.+?): (.+)$", front.split("speakers:\n", 1)[1], re.M))
        year = re.search(r"^date: '?(\d{4})", front, re.M).group(1)
        summary = re.search(r"^summary: (.*)$", front, re.M).group(1)
        found = 0
        for tokens, owner in [(summary.split(), None), *_blocks(body)]:
            times = sum(_matches(token, stem) for token in tokens)
            found += times
            if owner is None:
                narrative += times
            elif speakers.get(owner, "null") == "null":
                unnamed += times
            elif times:
                entry = persons.setdefault(speakers[owner], [0, 0])
                entry[0] += times
                entry[1] += 1
        if found:
            entry = years.setdefault(year, [0, 0])
            entry[0] += found
            entry[1] += 1
    return {"years": years, "persons": persons, "narrative": narrative, "unnamed": unnamed}


def _blocks(body: str):
    """(tokens, label or None for narrative) of each statement and narrative paragraph, labels left out."""
    label = None
    for paragraph in body.strip().split("\n\n"):
        found = re.match(r"\*\*(.+?):\*\* (.*)", paragraph, re.S)
        if found:
            label = found.group(1)
            yield found.group(2).split(), label
        elif paragraph.strip() == BREAK:
            label = None
        else:
            yield paragraph.split(), label


def published(site: Path, word: str) -> dict:
    """What the build published for an indexed word, as the search page reads it."""
    router = json.loads((site / "pagefind" / "router.json").read_bytes())
    file = next(f for start, end, f in router["counts"] if start <= word <= end)
    entry = json.loads((site / "pagefind" / "counts" / file).read_bytes())[word]
    years = {entry[0][i]: [entry[0][i + 1], entry[0][i + 2]] for i in range(0, len(entry[0]), 3)}
    persons = {entry[1][i]: [entry[1][i + 1], entry[1][i + 2]] for i in range(0, len(entry[1]), 4)}
    return {"years": years, "persons": persons, "narrative": entry[2], "unnamed": entry[3]}


@pytest.mark.parametrize("query, word", [
    ("zorblaxian", "zorblaxian"),  # in statements, narrative after breaks, an unnamed question, across shards
    ("flombering", "flomber"),  # several forms: flombering, flombered, flombers
    # a part of a hyphenated word, counted once where the whole word matches
    # too; and words it begins (zelbonian), each transcript once
    ("zelbo", "zelbo"),
    ("quixotrème", "quixotrem"),  # accented, and written plain once: the same indexed word
    ("zorbin", "zorbin"),  # in speaker labels, which are not counted
    ("glorp", "glorp"),  # a word that begins no other, stored twice at one place (“glorping,“ whole and in part): once
])
def test_published_counts_agree_with_the_content_counted_again(planted, query: str, word: str) -> None:
    content, site, _ = planted
    expected = independent_counts(content, query)
    assert expected["years"], "the word is planted"
    assert published(site, word) == expected


def test_the_planted_speaker_says_the_word_most_and_labels_are_not_counted(planted) -> None:
    _, site, _ = planted
    counts = published(site, "zorblaxian")
    assert list(counts["persons"])[0] == "Ilya Zorbin"
    assert counts["persons"]["Ilya Zorbin"] == [5, 2]
    assert counts["unnamed"] == 1
    # "Ilya Zorbin" is in three labels and said once: only the words of the text count.
    assert published(site, "zorbin")["years"] == {"2012": [1, 1]}


def test_year_totals_count_every_transcript_and_its_words_without_labels(planted) -> None:
    content, site, _ = planted
    router = json.loads((site / "pagefind" / "router.json").read_bytes())
    transcripts = Counter(path.name[:4] for path in content.rglob("*.md"))
    assert {year: count for year, count, _ in router["years"]} == dict(transcripts)
    for _, _, words in router["years"]:
        assert words > 0
    assert len(router["shards"]) == 2


def test_a_shards_counts_are_kept_and_only_a_changed_shard_is_counted_again(planted, tmp_path: Path) -> None:
    content, site, cache = planted
    kept = {path.name: path.stat().st_mtime_ns for path in (cache / COUNTS_CACHE).iterdir()}
    assert len(kept) == 2
    _event(content, 99, 2013, "Governor Ilya Zorbin", "Ilya Zorbin", "One more zorblaxian.")
    build(content, site, config_path=fixture_config(tmp_path), templates_dir=ROOT / "templates", cache_dir=cache)
    now = {path.name: path.stat().st_mtime_ns for path in (cache / COUNTS_CACHE).iterdir()}
    assert len(now) == 2 and len(set(now.items()) & set(kept.items())) == 1, "the older shard's counts kept as they were"
    assert published(site, "zorblaxian") == independent_counts(content, "zorblaxian")


def test_a_person_page_lists_the_words_its_person_uses_markedly_more(planted) -> None:
    from conftest import parse_html

    _, site, _ = planted
    zorbin = parse_html(site / "persons" / "ilya-zorbin" / "index.html")
    items = zorbin.findall(".//ol[@class='own-words']/li")
    words = [(li.find("a").text, li.find("a").get("href")) for li in items]
    assert 0 < len(words) <= KEY_WORDS
    assert ("glimmerstone", "/search/?q=glimmerstone&speaker=Ilya+Zorbin") in words
    assert all(word != "quixotrème" for word, _ in words), "said once: fewer than the least a word of one's own takes"
    counts = {li.find("a").text: li.find("span").text for li in items}
    assert counts["glimmerstone"] == f"{ZORBIN_EVENTS}×, no one else"


def test_a_person_with_too_few_words_is_told_why_none_are_listed(built: Path) -> None:
    from conftest import parse_html

    page = parse_html(built / "persons" / "sergei-shoigu" / "index.html")
    note = page.find(".//section[@aria-labelledby='own-words-heading']/p").text
    assert note == f"Their own words are listed from {FROM_WORDS:,} words in statements; Sergei Shoigu has 452."


def test_log_likelihood_is_zero_where_a_person_says_a_word_as_often_as_everyone_else() -> None:
    assert log_likelihood(10, 1_000, 100, 10_000) == 0
    assert log_likelihood(20, 1_000, 100, 10_000) > log_likelihood(15, 1_000, 100, 10_000) > 0


def test_the_router_counts_the_pages_of_an_accented_word(planted) -> None:
    """Pagefind stores "quixotrème" as a variant of "quixotrem": its pages are the word's."""
    _, site, _ = planted
    router = json.loads((site / "pagefind" / "router.json").read_bytes())
    file = next(f for start, end, f in router["chunks"] if start <= "quixotrem" <= end)
    entry = json.loads((site / "pagefind" / "router" / file).read_bytes())["quixotrem"]
    pages = entry[1::2] if isinstance(entry[0], int) else entry[2::2]
    assert sum(pages) == 3  # two pages write it accented, one plain


def test_a_word_in_a_shard_is_counted_once_per_position_and_lines_are_in_word_order(planted) -> None:
    _, site, _ = planted
    shard = next(p for p in sorted((site / "pagefind").iterdir()) if (p / "pagefind-entry.json").is_file())
    lines = list(count_shard(shard))
    words = [line[0] for line in lines[1:]]
    assert lines[0][0] == "" and words == sorted(words) and len(words) == len(set(words))


def test_a_person_page_is_rendered_again_only_when_what_it_shows_changed(planted, tmp_path: Path) -> None:
    """A new transcript without Ilya Zorbin changes no word of his list: his
    page is not written again; Vladimir Putin speaks in it, and his is."""
    content, site, cache = planted
    zorbin, putin = site / "persons" / "ilya-zorbin" / "index.html", site / "persons" / "vladimir-putin" / "index.html"
    before = zorbin.stat().st_ino, zorbin.read_bytes(), putin.stat().st_ino
    _event(content, 98, 2011, "Guest Speaker", "Guest Speaker", "Nothing of the kind, and nothing more.")
    build(content, site, config_path=fixture_config(tmp_path), templates_dir=ROOT / "templates", cache_dir=cache)
    assert (zorbin.stat().st_ino, zorbin.read_bytes()) == before[:2]
    assert putin.stat().st_ino != before[2]
    cold = tmp_path / "cold"
    build(content, cold, config_path=fixture_config(tmp_path), templates_dir=ROOT / "templates")
    for page in ("ilya-zorbin", "vladimir-putin", "guest-speaker"):
        path = f"persons/{page}/index.html"
        assert (site / path).read_bytes() == (cold / path).read_bytes(), path


def test_positions_too_many_for_one_number_are_sorted_and_told_apart_all_the_same() -> None:
    import numpy as np

    word = np.array([1, 0, 1, 1, 0], dtype=np.int64)
    page = np.array([2, 5, 2, 1, 5], dtype=np.int64)
    for big in (7, 1 << 61):  # one number (word, page, position) fits; then it does not
        position = np.array([big, 3, big, 4, 3], dtype=np.int64)
        order, first = _in_order(word, page, position)
        triples = list(zip(word[order].tolist(), page[order].tolist(), position[order].tolist()))
        assert triples == sorted(triples)
        assert first.tolist() == [True, False, True, True, False]


def test_no_indexed_word_is_two_words_glued(planted) -> None:
    """Pagefind indexes metadata as text cut at white space: the speakers'
    map, written without spaces, made "zorbinilya" of "Zorbin","Ilya".
    Every word the router knows is a word of the pages' text, or its stem."""
    _, site, _ = planted
    words: set[str] = set()
    for path in (site / "events").rglob("index.html"):  # the pages' text as a reader sees it
        text = html.unescape(re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8")))
        for token in text.lower().split():
            for part in [_fold("".join(c for c in token if c.isalnum())),
                         *(_fold(p) for p in re.sub(r"[^\w]", " ", token).split())]:
                words.update((part, STEM(part)))
    router = json.loads((site / "pagefind" / "router.json").read_bytes())
    indexed = [word for _, _, file in router["chunks"]
               for word in json.loads((site / "pagefind" / "router" / file).read_bytes())]
    assert "zorbin" in indexed and "ilya" in indexed
    glued = [word for word in indexed if word.isalnum() and not word.isdigit() and word not in words]
    assert glued == []
