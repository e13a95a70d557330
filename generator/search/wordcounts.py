"""Exact counts of every indexed word, by year and by speaker, from the
positions Pagefind stored for it: what the search page charts ("a word
through the years") and ranks ("who says it most").

A query word matches every indexed word that begins with its stem
(Pagefind's rule), so the counts of an indexed word ``w`` are those of the
query ``w``: the positions of all the words that begin with ``w`` on a
page, each position once (``long-term`` is stored as ``longterm`` and as
``long`` at the same position). A page's words are attributed by its
anchors: a statement runs from its heading (the speaker's label, whose
words are not counted) to the next anchor, and the narrative after a
statement starts at its own anchor (``nK``, which the event page gives
it); words before the first anchor (summary, captions, narrative) are
narrative. So what is counted is every word of a transcript's text as
search reads it, labels aside; titles are not in the text search reads.

Counts are made per shard, when the shard is indexed, and kept in the
build cache under the shard's key, one word a line in word order; the
published counts are merged from those files a word at a time, so memory
holds one word of each shard, and a rebuild reads again only the shards it
indexed again.

Published, under ``pagefind/counts/``: files of sorted word ranges (named
by their content), each word ``[years, speakers, narrative, unnamed]``:
``years`` flat ``[year, occurrences, transcripts, …]``, ``speakers`` the
ten who say it most, flat ``[name, occurrences, statements, their words, …]``,
``narrative`` its occurrences outside statements, ``unnamed`` in
statements by no one named (Question, Remark). ``router.json`` lists the
files (``counts``) and every year's transcripts and words (``years``)."""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from contextlib import ExitStack
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from generator.kit.files import write_file_atomic
from generator.kit.workers import parallel_map
from generator.search.keyness import KeyWords
from generator.search.pagefind_files import fragment, index_entries, meta_pages
from generator.search.router import write_chunks
from generator.search.shards import Shard

COUNTS = "counts"  # the published folder, under pagefind/
COUNTS_CACHE = "search-counts"
CHUNK_BYTES = 24_000  # a file's JSON before compression
TOP_SPEAKERS = 10
# Counts are made for words of two letters or more ("EU", "UN"): the words
# beginning with a single letter are a tenth of a language.
MIN_WORD = 2
_STATEMENT = re.compile(r"t\d+")
_BATCH = 100_000  # segments of the index flattened at a time


NARRATIVE, LABEL = -1, -2  # a position's owner when it is no statement's (statements are numbered from 0)


class _Pages(NamedTuple):
    """A shard's pages laid end to end: who owns each word position."""

    base: Any  # numpy: where each page's positions start in ``owner``
    owner: Any  # numpy: per position, the statement's number, NARRATIVE or LABEL
    year: Any  # numpy: per page, the index of its year in ``years``
    years: list[str]
    speaker: Any  # numpy: per statement, the index of its person in ``persons``, or -1 (no one named)
    persons: list[str]


def _pages(bundle: Path) -> tuple[_Pages, Counter[str]]:
    """Every page's positions and their owners, from its fragment's anchors:
    a statement runs from its heading (the label, LABEL) to the next anchor;
    the rest is NARRATIVE. And the pages' text, cut at white space."""
    import numpy as np

    tokens: Counter[str] = Counter()

    metas = meta_pages(bundle)
    base = np.zeros(len(metas) + 1, dtype=np.int64)
    base[1:] = np.cumsum([page.words for page in metas])
    owner = np.full(int(base[-1]), NARRATIVE, dtype=np.int32)
    year_of: list[str] = []
    speakers: list[str | None] = []
    for number, meta_page in enumerate(metas):
        data = fragment(bundle, meta_page.hash)
        tokens.update(data["content"].lower().split())
        meta = data.get("meta") or {}
        year_of.append(str(meta.get("day", ""))[:4])
        try:
            labels = {" ".join(k.split()): v for k, v in json.loads(meta.get("speakers") or "{}").items()}
        except (ValueError, AttributeError):
            labels = {}
        words, first = meta_page.words, int(base[number])
        anchors = sorted(data.get("anchors") or [], key=lambda a: a["location"])
        for index, anchor in enumerate(anchors):
            if anchor.get("element") != "h2" or not _STATEMENT.fullmatch(anchor.get("id", "")):
                continue  # narrative from here on, as the array holds already
            start = min(anchor["location"], words)
            end = min(anchors[index + 1]["location"], words) if index + 1 < len(anchors) else words
            text = " ".join(str(anchor.get("text", "")).split())
            label_end = min(start + len(text.split()), end)
            owner[first + start:first + label_end] = LABEL
            owner[first + label_end:first + end] = len(speakers)
            speakers.append(labels.get(text))
    years = sorted(set(year_of))
    persons = sorted({name for name in speakers if name is not None})
    index = {name: number for number, name in enumerate(persons)}
    return _Pages(base, owner, np.array([years.index(y) for y in year_of], dtype=np.int64), years,
                  np.array([index.get(name, -1) if name else -1 for name in speakers], dtype=np.int64),
                  persons), tokens


def _totals(pages: _Pages) -> list[Any]:
    """The shard's line of totals: each year's transcripts and counted
    words, each person's words, the narrative's, and the unnamed speakers'."""
    import numpy as np

    owner, counted = pages.owner, pages.owner != LABEL
    page_of = np.repeat(np.arange(len(pages.year)), np.diff(pages.base))
    words = np.bincount(pages.year[page_of[counted]], minlength=len(pages.years))
    transcripts = np.bincount(pages.year, minlength=len(pages.years))
    spoken = np.bincount(owner[owner >= 0], minlength=len(pages.speaker))
    named = pages.speaker >= 0
    persons = np.bincount(pages.speaker[named], weights=spoken[named], minlength=len(pages.persons))
    return ["", [[y, [int(transcripts[i]), int(words[i])]] for i, y in enumerate(pages.years)],
            [[p, int(persons[i])] for i, p in enumerate(pages.persons)],
            int(np.count_nonzero(owner == NARRATIVE)), int(spoken[~named].sum())]


class _Index(NamedTuple):
    """A shard's word index, flattened: each indexed word's positions, in word order."""

    words: list[str]
    start: Any  # numpy: where each word's positions start (one more, the end)
    page: Any  # numpy: per position, its page
    position: Any  # numpy: per position, the word's position on the page


def _index(bundle: Path) -> tuple[_Index, dict[str, int]]:
    """Pagefind's index, decoded at once: locations are deltas from the one
    before on the same page, but after a weight change (a negative marker),
    whose next value is a position in full. So each run from a page's start,
    or from a marker, is summed on its own. And the number of pages of each
    word (those where only its metadata holds it included)."""
    import numpy as np

    words: list[str] = []
    firsts: list[int] = []  # per word, its first segment (one word on one page, perhaps with no position)
    varied: list[int] = []  # the words with accented forms
    batches: list[tuple[Any, Any, Any]] = []  # each batch's page numbers, sizes and locations, flattened
    segments: list[list[Any]] = []  # the batch's segments, ``[page delta, locations, …]``
    groups: list[int] = []  # where each list of pages starts in the batch: a word's, then each accented form's
    done = 0  # the segments of the batches before

    def flush() -> None:
        # By C loops (map, chain), not a Python loop per segment: a shard holds about a million.
        # A batch at a time: the decoded index, held whole, took 300 MB more at 30,000 transcripts.
        nonlocal done
        locations = list(map(itemgetter(1), segments))
        sizes = np.fromiter(map(len, locations), dtype=np.int64, count=len(locations))
        flat = np.fromiter(chain.from_iterable(locations), dtype=np.int64, count=int(sizes.sum()))
        summed = np.cumsum(np.fromiter(map(itemgetter(0), segments), dtype=np.int64, count=len(segments)))
        group_sizes = np.diff(np.array([*groups, len(segments)], dtype=np.int64))
        before = np.concatenate(([0], summed))[np.array(groups, dtype=np.int64)]  # the deltas of the lists before
        batches.append((summed - np.repeat(before, group_sizes), sizes, flat))
        done += len(segments)
        segments.clear()
        groups.clear()

    for entry in index_entries(bundle):
        firsts.append(done + len(segments))
        # The plain word's pages, then each accented form's: page numbers are deltas within each list.
        variants = entry[2] if len(entry) > 2 and entry[2] else ()
        if variants:
            varied.append(len(words))
        for pages in (entry[1], *(variant[1] for variant in variants)):
            groups.append(len(segments))
            segments.extend(pages)
        words.append(entry[0])
        if len(segments) >= _BATCH:
            flush()
    flush()
    firsts.append(done)
    page_numbers, sizes_np, flat = (np.concatenate(parts) for parts in zip(*batches))
    batches.clear()  # the parts, copied: let them go
    # A page where only the word's metadata holds it counts: Pagefind finds it there.
    counted = np.diff(np.array(firsts, dtype=np.int64))
    for word in varied:
        counted[word] = len(np.unique(page_numbers[firsts[word]:firsts[word + 1]]))
    pages_of = dict(zip(words, counted.tolist()))
    segment = np.repeat(np.arange(len(sizes_np)), sizes_np)
    starts = np.zeros(len(flat), dtype=bool)
    offsets = np.concatenate(([0], np.cumsum(sizes_np)))
    starts[offsets[:-1][sizes_np > 0]] = True
    marker = flat < 0
    starts[1:] |= marker[:-1]
    keep = ~marker
    flat, starts, segment = flat[keep], starts[keep], segment[keep]
    total = np.cumsum(flat)
    first = np.maximum.accumulate(np.where(starts, np.arange(len(flat)), 0))
    position = total - total[first] + flat[first]
    kept_before = np.concatenate(([0], np.cumsum(np.bincount(segment, minlength=len(sizes_np)))))
    page_of = page_numbers[segment]
    return _Index(words, kept_before[np.array(firsts, dtype=np.int64)], page_of, position), pages_of


def _common(a: str, b: str) -> str:
    """The longest beginning two words share."""
    end = 0
    for x, y in zip(a, b):
        if x != y:
            break
        end += 1
    return a[:end]


def _nodes(words: list[str]) -> Iterator[tuple[str, int, int, bool]]:
    """Every indexed word, and every beginning that two neighbouring words
    share (a branch), with the range of words that begin with it: words
    come in order, so those beginning with a word follow it. With the
    branches, the words of a shard that begin with any word of the archive
    are one range: that of the first word or branch at or after it."""
    open_nodes: list[tuple[str, int, bool]] = []  # shortest first
    for index, word in enumerate(words):
        while open_nodes and not word.startswith(open_nodes[-1][0]):
            key, start, real = open_nodes.pop()
            yield key, start, index, real
        following = words[index + 1] if index + 1 < len(words) else ""
        branch = _common(word, following)
        if len(branch) >= MIN_WORD and branch != word and not any(key == branch for key, _, _ in open_nodes):
            open_nodes.append((branch, index, False))
            open_nodes.sort(key=lambda node: len(node[0]))
        if following.startswith(word):
            open_nodes.append((word, index, True))
        else:
            yield word, index, index + 1, True
    while open_nodes:
        key, start, real = open_nodes.pop()
        yield key, start, len(words), real


class ShardReading(NamedTuple):
    lines: list[list[Any]]  # the shard's counts (``count_shard``)
    pages: dict[str, int]  # the number of pages of each indexed word
    tokens: Counter[str]  # the shard's text, cut at white space, in lower case


def read_shard(bundle: Path, jobs: int = 1) -> ShardReading:
    """One reading of a shard's files for all that is made of them: the
    counts, and what the router needs (``search.router.words_of``). With
    ``jobs`` above 1, its pages and its index are read by two processes."""
    # The index is the longer read: this process takes it, and the other's pages are the smaller to send back.
    (index, words), (pages, tokens) = parallel_map(lambda read: read(bundle), (_index, _pages), jobs, 1, at_least=2)
    return ShardReading([_totals(pages), *_word_lines(pages, index)], words, tokens)


def count_shard(bundle: Path) -> list[list[Any]]:
    """A shard's counts: its totals first (``["", years, persons, narrative,
    unnamed]``, each year ``[transcripts, words]``, each person ``[name,
    words]``), then in order every indexed word (and every branch, whose
    line ends with 0) with the counts of the query that word: the positions
    of all the words that begin with it, each position once, labels aside;
    its speakers flat, ``[person's place in the totals, occurrences,
    statements, …]``."""
    return read_shard(bundle).lines


def _word_lines(pages: _Pages, index: _Index) -> list[list[Any]]:
    import numpy as np

    owner = pages.owner[pages.base[index.page] + index.position]
    nodes = list(_nodes(index.words))
    # Most nodes are one word that begins no other: counted together, not a word at a time.
    alone = np.zeros(len(index.words), dtype=bool)
    alone[[first for _, first, end, _ in nodes if end == first + 1]] = True
    lines = _lone_word_lines(pages, index, owner, alone)
    for key, first, end, real in nodes:
        if end == first + 1:  # counted above
            continue
        span = slice(int(index.start[first]), int(index.start[end]))
        if span.start == span.stop:
            continue
        page, position, code = index.page[span], index.position[span], owner[span]
        order, once = _in_order(np.zeros(len(page), dtype=np.int64), page, position)
        # One position once: a hyphenated word is stored whole and in parts at the same place.
        page, code = page[order][once], code[order][once]
        counted = code != LABEL
        if not counted.any():
            continue
        page, code = page[counted], code[counted]
        occurrences = np.bincount(pages.year[page], minlength=len(pages.years))
        transcripts = np.bincount(pages.year[page[_firsts(page)]], minlength=len(pages.years))
        # Statements are numbered in page order: sorted by page and position, they are in order.
        statement, times, _ = _runs(code[code >= 0])
        person = pages.speaker[statement]
        named = person >= 0
        said = np.bincount(person[named], weights=times[named], minlength=len(pages.persons))
        statements = np.bincount(person[named], minlength=len(pages.persons))
        years, persons = np.flatnonzero(occurrences), np.flatnonzero(statements)
        line = [key,
                [[pages.years[i], pair] for i, pair in zip(years.tolist(), zip(occurrences[years].tolist(),
                                                                             transcripts[years].tolist()))],
                # By the person's place in the shard's list (its line of totals): a word on
                # most pages has thousands of speakers, and names would be most of the file.
                np.column_stack((persons, said[persons].astype(np.int64), statements[persons])).ravel().tolist(),
                int(np.count_nonzero(code == NARRATIVE)), int(times[~named].sum())]
        lines.append(line if real else [*line, 0])
    return sorted(lines)


def _in_order(word: Any, page: Any, position: Any) -> tuple[Any, Any]:
    """The order that sorts positions by word, page and position, and in
    that order where each distinct one starts. The index is nearly in that
    order already, which a stable sort on one number makes quick."""
    import numpy as np

    if not len(word):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    pages, positions = int(page.max()) + 1, int(position.max()) + 1
    if (int(word.max()) + 1) * pages * positions < 1 << 63:
        key = (word * pages + page) * positions + position
        order = np.argsort(key, kind="stable")
        return order, _firsts(key[order])
    order = np.lexsort((position, page, word))  # too many to make one number of: sort as three
    first = _firsts(word[order]) | _firsts(page[order]) | _firsts(position[order])
    return order, first


def _firsts(keys: Any) -> Any:
    """Of sorted keys, where each run of equal ones starts."""
    import numpy as np

    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return first


def _runs(keys: Any) -> tuple[Any, Any, Any]:
    """Sorted keys' distinct values, each one's count, and where each run
    starts (to sum something else over the runs with ``np.add.reduceat``)."""
    import numpy as np

    starts = np.flatnonzero(_firsts(keys))
    return keys[starts], np.diff(np.append(starts, len(keys))), starts


def _lone_word_lines(pages: _Pages, index: _Index, owner: Any, alone: Any) -> list[list[Any]]:
    """The lines of the words marked in ``alone`` (each one word, whose
    positions are its own), as ``_word_lines`` makes a line: all positions
    sorted once by word, page and position, then counted by grouping."""
    import numpy as np

    chosen = np.repeat(alone, np.diff(index.start))
    word = np.repeat(np.flatnonzero(alone), np.diff(index.start)[alone])
    page, position, code = index.page[chosen], index.position[chosen], owner[chosen]
    del chosen
    order, first = _in_order(word, page, position)
    del position
    word, page, code = word[order], page[order], code[order]
    del order
    # One position once: "so-so" is stored as "so" twice at one place.
    counted = first & (code != LABEL)
    word, page, code = word[counted], page[counted], code[counted]
    words, years = len(index.words), len(pages.years)
    year_of = word * years + pages.year[page]
    occurrences = np.bincount(year_of, minlength=words * years).reshape(words, years)
    new_page = _firsts(word) | _firsts(page)
    transcripts = np.bincount(year_of[new_page], minlength=words * years).reshape(words, years)
    narrative = np.bincount(word[code == NARRATIVE], minlength=words)
    spoken = code >= 0
    # Statements are numbered in page order, so each word's are in order already.
    runs, times, _ = _runs(word[spoken] * len(pages.speaker) + code[spoken])
    run_word, person = runs // len(pages.speaker), pages.speaker[runs % len(pages.speaker)]
    unnamed = np.bincount(run_word[person < 0], weights=times[person < 0], minlength=words).astype(np.int64)
    named = person >= 0
    by_person = run_word[named] * len(pages.persons) + person[named]
    order = np.argsort(by_person, kind="stable")
    pairs, statements, starts = _runs(by_person[order])
    said = np.add.reduceat(times[named][order], starts) if len(starts) else times[:0]
    flat = np.column_stack((pairs % len(pages.persons), said, statements)).ravel().tolist()
    bounds = np.searchsorted(pairs // len(pages.persons), np.arange(words + 1)).tolist()
    totals = occurrences.sum(axis=1).tolist()
    occurrences_rows, transcripts_rows = occurrences.tolist(), transcripts.tolist()
    narrative_list, unnamed_list = narrative.tolist(), unnamed.tolist()
    lines = []
    for number in np.flatnonzero(alone).tolist():
        if not totals[number]:
            continue
        times_by_year, pages_by_year = occurrences_rows[number], transcripts_rows[number]
        lines.append([index.words[number],
                      [[pages.years[y], [times_by_year[y], pages_by_year[y]]] for y in range(years) if times_by_year[y]],
                      flat[3 * bounds[number]:3 * bounds[number + 1]], narrative_list[number], unnamed_list[number]])
    return lines


def counts_file(folder: Path, shard: Shard) -> Path:
    """Where a shard's counts are kept, one line each, under its key."""
    return folder / f"{shard.key}.jsonl"


def save_counts(path: Path, lines: list[list[Any]]) -> None:
    write_file_atomic(path, "".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
                                    for line in lines))


def _lines(path: Path, stack: ExitStack) -> Iterator[list[Any]]:
    stream = stack.enter_context(open(path, encoding="utf-8"))
    for text in stream:
        yield json.loads(text)


class Totals(NamedTuple):
    years: list[list[Any]]  # [year, transcripts, words], oldest first
    persons: dict[str, int]  # their words in statements
    names: list[list[str]]  # per shard, its persons in the order its lines give them


def _merge_totals(heads: Iterable[list[Any]]) -> Totals:
    years: dict[str, list[int]] = {}
    persons: Counter[str] = Counter()
    names = []
    for head in heads:
        for year, (transcripts, words) in head[1]:
            total = years.setdefault(year, [0, 0])
            total[0] += transcripts
            total[1] += words
        persons.update(dict(head[2]))
        names.append([name for name, _ in head[2]])
    return Totals([[year, *years[year]] for year in sorted(years)], dict(persons), names)


def _merged(word: str, lines: list[tuple[int, list[Any]]], totals: Totals, key_words: KeyWords) -> list[Any]:
    """One word's counts over the archive, from each shard's line for it
    (with the shard's place); every speaker's count of it goes to ``key_words``."""
    years: Counter[str] = Counter()
    transcripts: Counter[str] = Counter()
    persons: dict[str, list[int]] = {}
    narrative = unnamed = 0
    for shard, line in lines:
        for year, (times, pages) in line[1]:
            years[year] += times
            transcripts[year] += pages
        names, said = totals.names[shard], line[2]
        for at in range(0, len(said), 3):
            entry = persons.setdefault(names[said[at]], [0, 0])
            entry[0] += said[at + 1]
            entry[1] += said[at + 2]
        narrative += line[3]
        unnamed += line[4]
    key_words.add(word, ((person, times) for person, (times, _) in persons.items()), sum(years.values()))
    top = sorted(persons.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))[:TOP_SPEAKERS]
    return [[x for year in sorted(years) for x in (year, years[year], transcripts[year])],
            [x for person, (times, statements) in top for x in (person, times, statements, totals.persons.get(person, 0))],
            narrative, unnamed]


class _Peek:
    """A shard's lines, one looked at ahead."""

    def __init__(self, lines: Iterator[list[Any]]) -> None:
        self.lines = lines
        self.line: list[Any] | None = next(lines, None)


def _published(peeks: list[_Peek]) -> Iterator[tuple[str, list[tuple[int, list[Any]]]]]:
    """Every word of the archive, in order, with the line of each shard that
    counts the words beginning with it: the shard's first line at or after
    the word, when that line begins with it (the word itself, or the branch
    where the shard's words beginning with it meet)."""
    while True:
        keys = [peek.line[0] for peek in peeks if peek.line is not None]
        if not keys:
            return
        word = min(keys)
        real = any(peek.line is not None and peek.line[0] == word and len(peek.line) == 5 for peek in peeks)
        if real and len(word) >= MIN_WORD:
            yield word, [(shard, peek.line) for shard, peek in enumerate(peeks)
                         if peek.line is not None and peek.line[0].startswith(word)]
        for peek in peeks:
            if peek.line is not None and peek.line[0] == word:
                peek.line = next(peek.lines, None)


def write_counts(root: Path, folder: Path, shards: list[Shard]) -> tuple[list[list[str]], Totals, KeyWords]:
    """Merge the shards' counts in ``folder`` into ``root``/counts/; the
    files' word ranges and the archive's totals, for router.json, and each
    person's own words."""
    with ExitStack() as stack:
        streams = [_lines(counts_file(folder, shard), stack) for shard in shards]
        totals = _merge_totals(next(stream) for stream in streams)
        key_words = KeyWords(totals.persons, sum(words for _, _, words in totals.years))
        entries = ((word, entry, len(word) + len(json.dumps(entry, ensure_ascii=False)))
                   for word, entry in ((word, _merged(word, lines, totals, key_words))
                                       for word, lines in _published([_Peek(stream) for stream in streams])))
        files = write_chunks(root / COUNTS, entries, CHUNK_BYTES)
    return files, totals, key_words


def prune_counts(folder: Path, shards: list[Shard]) -> None:
    """Drop the counts of shards no site holds any more."""
    if not folder.is_dir():
        return
    keep = {counts_file(folder, shard).name for shard in shards}
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink(missing_ok=True)


def scratch_folder(cache: Path | None, stack: ExitStack) -> Path:
    """Where the shards' counts are kept: the build cache, or a folder for this build alone."""
    if cache is not None:
        return cache / COUNTS_CACHE
    return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="stenogram-counts-")))
