"""The search page's stemmer stems as Pagefind does: the router is keyed by
Pagefind's stems, so a word the browser stems otherwise is routed to the
wrong shards, or said to be in none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import snowballstemmer
from playwright.sync_api import Browser

from conftest import corpus_files
from generator.search.pagefind_files import fragments, index_entries

# Words where the Snowball English rules are at their most particular.
TRICKY = ("dying lying tying skis skies sky news howe atlas cosmos bias andes idly gently ugly early only singly "
          "generously communism arsenal universal international later emergency organization past pasted "
          "succeeding proceeding exceeded agreed feed cried ties cries dies gas gaps kiwis hopping hoping "
          "fizzed filing failing falling yes yielding sayings russia's economy economic economies").split()


def stems_in_browser(browser: Browser, modules_url: str, words: list[str]) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(f"{modules_url}/")
        return page.evaluate("""async (words) => {
            const { default: EnglishStemmer } = await import('/stemmer.js');
            const stemmer = new EnglishStemmer();
            return words.map((w) => stemmer.stemWord(w));
        }""", words)
    finally:
        page.close()


def test_the_stemmer_agrees_with_snowball_on_the_corpus(browser: Browser, modules_url: str) -> None:
    words = sorted({w for path in corpus_files() for w in re.findall(r"[a-z]+", path.read_text("utf-8").lower())})
    words += TRICKY
    python = snowballstemmer.stemmer("english").stemWords(words)
    assert stems_in_browser(browser, modules_url, words) == python
    assert len(words) > 1000


def test_every_word_of_a_page_stems_to_a_word_pagefind_indexed(browser: Browser, modules_url: str,
                                                              searchable: Path) -> None:
    bundle = searchable / "pagefind" / json.loads((searchable / "pagefind" / "router.json").read_bytes())["shards"][0]["name"]
    indexed = {entry[0] for entry in index_entries(bundle)}
    text = " ".join(page["content"] for page in fragments(bundle))
    words = sorted({w.replace("'", "").replace("’", "") for w in re.findall(r"[^\W\d_][\w'’]*", text.lower())
                    if w.isascii()})
    stems = stems_in_browser(browser, modules_url, words)
    missing = [(w, s) for w, s in zip(words, stems) if s not in indexed]
    assert len(words) > 300 and missing == []
