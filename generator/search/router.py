"""The search router: which shards hold each indexed word, so that a
reader's browser loads only those.

Its words are read from each shard's own Pagefind index (the stems Pagefind
stored, so the router agrees with Pagefind's stemming exactly), with the
number of pages holding each, and, for the words a stem stands for, the
form most used in the shard's text (what the search page shows when it
offers a word). A shard's word list is kept in the build cache under the
shard's key: the router is rebuilt from those lists, and only a shard
indexed again is read again (``search.wordcounts.read_shard``, once for
the router and the counts).

Published, under ``pagefind/``:

- ``router.json``, fetched on every visit: the shards (name, key, first and
  last date, pages), and the word range of every router chunk with its file;
  and of every file of word counts, with every year's transcripts and
  words (``search.wordcounts``);
- ``router/<hash>.json``, named by their content (cached for good): words
  in sorted ranges, each word ``[shard, pages, shard, pages, …]`` by index
  into the shard list, with its usual form first where it differs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from generator.kit.files import write_file_atomic
from generator.kit.hashing import digest
from generator.search.shards import Shard, page_day

ROUTER = "router.json"
CHUNKS = "router"
CHUNK_BYTES = 24_000  # a chunk's JSON before compression: ~8 KB as a host gzips it
WORDS_CACHE = "search-words"
WORD = re.compile(r"[^\W\d_][\w'’]*")

Words = dict[str, list[Any]]  # stem -> [pages holding it, most used form (or ""), its uses]


def _fold(word: str) -> str:
    """As Pagefind folds a word before stemming: no apostrophes, no accents."""
    word = word.replace("'", "").replace("’", "")
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def words_of(pages: dict[str, int], tokens: Counter[str]) -> Words:
    """Every word a shard's index holds, with its pages and usual form:
    ``pages`` from the index (a word's accented forms' pages included: Pagefind
    finds them for it), ``tokens`` the shard's text cut at white space."""
    import snowballstemmer

    # Counted by whitespace-separated token first (Counter counts in C), then
    # each distinct token cut into words: the same counts as cutting every
    # page into words, in about half the time.
    uses: Counter[str] = Counter()
    for token, count in tokens.items():
        for word in WORD.findall(token):
            uses[word] += count
    stemmer = snowballstemmer.stemmer("english")
    usual: dict[str, tuple[int, str]] = {}  # stem -> (uses, form) of its most used form
    for surface, count in uses.items():
        form = _fold(surface)
        stem = stemmer.stemWord(form)
        if stem in pages and (count, form) > usual.get(stem, (0, "")):
            usual[stem] = (count, form)
    return {word: [count, *(usual[word][::-1] if word in usual else ("", 0))] for word, count in pages.items()}


def usual_forms(words: list[Words]) -> dict[str, str]:
    """The form the archive writes most of each indexed word, over every
    shard's words (of two as used, the first in order); the word itself
    where no shard names one."""
    uses: dict[str, Counter[str]] = {}
    for shard_words in words:
        for word, (_, form, used) in shard_words.items():
            if form:
                uses.setdefault(word, Counter())[form] += used
    stems = set().union(*words)
    return {word: min(uses[word].items(), key=lambda item: (-item[1], item[0]))[0] if word in uses else word
            for word in stems}


def cached_words(cache: Path | None, shard: Shard) -> Words | None:
    """A shard's words as the cache keeps them under its key, if it does."""
    if cache is None:
        return None
    try:
        return json.loads((cache / WORDS_CACHE / f"{shard.key}.json").read_bytes())
    except (OSError, ValueError):
        return None


def keep_words(cache: Path | None, shard: Shard, words: Words) -> None:
    """Keep a shard's words in the cache under its key."""
    if cache is None:
        return
    try:
        write_file_atomic(cache / WORDS_CACHE / f"{shard.key}.json", json.dumps(words, separators=(",", ":"), sort_keys=True))
    except OSError:
        pass  # only the next build pays: it reads the shard again


def prune_cache(cache: Path | None, shards: list[Shard]) -> None:
    """Drop the word lists of shards no site holds any more."""
    folder = cache / WORDS_CACHE if cache is not None else None
    if folder is None or not folder.is_dir():
        return
    keep = {f"{s.key}.json" for s in shards}
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink(missing_ok=True)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def write_chunks(folder: Path, entries: Iterable[tuple[str, Any, int]], limit: int) -> list[list[str]]:
    """Words in order, each with its entry and about the bytes it takes,
    into files of about ``limit`` bytes of JSON named by their content (a
    file whose bytes are the same is not written again); files no longer
    named are removed. Returns each file's first and last word and name."""
    folder.mkdir(parents=True, exist_ok=True)
    chunks: list[list[str]] = []
    current: dict[str, Any] = {}
    size = 0

    def close() -> None:
        data = _dumps(current)
        name = f"{digest(data)[:16]}.json"
        if not (folder / name).is_file() or (folder / name).read_bytes() != data:
            write_file_atomic(folder / name, data)
        chunks.append([min(current), max(current), name])

    for word, entry, bytes_taken in entries:
        current[word] = entry
        size += bytes_taken
        if size >= limit:
            close()
            current, size = {}, 0
    if current:
        close()
    named = {name for _, _, name in chunks}
    for path in folder.iterdir():
        if path.name not in named:
            path.unlink()
    return chunks


def write_router(root: Path, shards: list[Shard], words: list[Words], forms: dict[str, str], loader: str,
                 counts: dict[str, Any]) -> int:
    """Write router.json and its chunks into ``root`` (the search folder),
    removing chunks no longer named; ``forms``: each word's usual form
    (``usual_forms``); ``counts`` (the word counts' files and the years'
    totals, ``search.wordcounts``) go into router.json as they are.
    Returns the number of chunks."""
    merged: dict[str, list[Any]] = {}
    for index, shard_words in enumerate(words):
        for word, (count, _, _) in shard_words.items():
            merged.setdefault(word, []).extend((index, count))

    def entries() -> Iterator[tuple[str, list[Any], int]]:
        for word in sorted(merged):
            # The usual form, written only where it is not the word itself.
            entry = ([forms[word]] if forms[word] != word else []) + merged[word]
            yield word, entry, len(word) + 6 * len(entry) + 4

    chunks = write_chunks(root / CHUNKS, entries(), CHUNK_BYTES)
    router = {
        # The cache tag of the empty bundle's entry file: it changes only with Pagefind.
        "loader": loader,
        "shards": [{"name": s.name, "key": s.key[:16], "pages": len(s.pages),
                    "from": page_day(s.pages[0]), "to": page_day(s.pages[-1])} for s in shards],
        "chunks": [list(chunk) for chunk in chunks],
        **counts,
    }
    write_file_atomic(root / ROUTER, _dumps(router))
    return len(chunks)
