"""Pagefind's files (1.5), in one place: its metadata, fragments and word
index, each gzipped behind a signature and then CBOR or JSON. The router,
the word counts, the checks of a bundle Pagefind wrote and the tests read
a bundle through here only; the empty bundle a site without transcripts
serves is written here too.

A bundle's pages are numbered in its metadata's order; a fragment is named
by its page's hash; an index entry is ``[word, pages, variants]``, each
page ``[number, locs, meta_locs]``, and each variant (an accented form of
the same word, "café" of "cafe") ``[form, pages]``. ``locs`` are the
word's positions in the page's text: deltas from the position before, with
a change of weight written as ``-(weight + 1)`` followed by a position in
full (Pagefind's ``positions_to_packed_page``)."""

from __future__ import annotations

import gzip
import json
import zlib
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from generator.kit.errors import StenogramError

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR or JSON of its files
ENTRY = "pagefind-entry.json"  # a bundle's entry: its version and each language's page count


def decoded(path: Path) -> bytes:
    """A Pagefind file's bytes, unzipped and without the signature."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as error:
        raise StenogramError(path, 1, f"cannot read the search index: {error}; build again") from None
    if not data.startswith(SIGNATURE):
        raise StenogramError(path, 1, "not a Pagefind file; build again")
    return data[len(SIGNATURE):]


def whole(path: Path) -> bool:
    """Whether a Pagefind file unzips to its end (one cut short does not)."""
    try:
        gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error):
        return False
    return True


def damaged_file(bundle: Path) -> tuple[Path, str] | None:
    """The first file of a written bundle that is not whole, and what is wrong with it."""
    if not valid_entry(bundle):
        return bundle / ENTRY, "Pagefind wrote no valid index entry"
    for path in sorted(bundle.rglob("*.pf_*")):
        if not whole(path):
            return path, "Pagefind wrote a file cut short"
    return None


def valid_entry(bundle: Path) -> bool:
    """Whether the bundle's entry file says how many pages each language holds."""
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        return all(isinstance(language["page_count"], int) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def empty_metadata(pagefind_version: str) -> bytes:
    """Pagefind's metadata of a bundle of no pages: the CBOR array
    [version, pages, index chunks, filter chunks, sorts], each list empty."""
    import cbor2

    return gzip.compress(SIGNATURE + cbor2.dumps([pagefind_version, [], [], [], []]), mtime=0)


def _cbor(path: Path) -> Any:
    import cbor2

    try:
        return cbor2.loads(decoded(path))
    except (cbor2.CBORDecodeError, ValueError) as error:
        raise StenogramError(path, 1, f"cannot read the search index: {error}; build again") from None


class MetaPage(NamedTuple):
    hash: str  # its fragment is fragment/<hash>.pf_fragment
    words: int  # Pagefind's word count of its text


def _meta(bundle: Path) -> tuple[Path, list[Any]]:
    found = sorted(bundle.glob("pagefind.*.pf_meta"))
    if len(found) != 1:
        raise StenogramError(bundle, 1, "the search bundle has no single metadata file; build again")
    value = _cbor(found[0])
    if not isinstance(value, list) or len(value) < 3:
        raise StenogramError(found[0], 1, "cannot read the search index: not Pagefind's metadata; build again")
    return found[0], value


def meta_pages(bundle: Path) -> list[MetaPage]:
    """The bundle's pages in their numbered order."""
    path, value = _meta(bundle)
    try:
        return [MetaPage(str(page[0]), int(page[1])) for page in value[1]]
    except (IndexError, TypeError, ValueError) as error:
        raise StenogramError(path, 1, f"cannot read the search index: {error}; build again") from None


def index_chunks(bundle: Path) -> list[Path]:
    """The word index's chunks in word order (their names are hashes)."""
    path, value = _meta(bundle)
    try:
        return [bundle / "index" / f"{chunk[2]}.pf_index" for chunk in value[2]]
    except (IndexError, TypeError) as error:
        raise StenogramError(path, 1, f"cannot read the search index: {error}; build again") from None


def fragment(bundle: Path, page_hash: str) -> dict[str, Any]:
    """One page's fragment: url, content, word_count, filters, meta, anchors."""
    path = bundle / "fragment" / f"{page_hash}.pf_fragment"
    try:
        value = json.loads(decoded(path))
    except ValueError as error:
        raise StenogramError(path, 1, f"cannot read the search index: {error}; build again") from None
    if not isinstance(value, dict) or not isinstance(value.get("content"), str):
        raise StenogramError(path, 1, "cannot read the search index: not a page's fragment; build again")
    return value


def fragments(bundle: Path) -> Iterator[dict[str, Any]]:
    """Every fragment of the bundle, in the order of their file names."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        yield fragment(bundle, path.name.removesuffix(".pf_fragment"))


def index_entries(bundle: Path) -> Iterator[list[Any]]:
    """Every entry of the word index, in word order (chunks hold sorted ranges)."""
    for chunk in index_chunks(bundle):
        try:
            entries = _cbor(chunk)[0]
        except (IndexError, TypeError) as error:
            raise StenogramError(chunk, 1, f"cannot read the search index: {error}; build again") from None
        yield from entries


def entry_pages(entry: list[Any]) -> Iterator[tuple[int, list[int]]]:
    """An index entry's pages with their packed locations, the plain word's
    and then each accented variant's: all are the same indexed word. Page
    numbers are stored as deltas within each list."""
    for pages in (entry[1], *(variant[1] for variant in (entry[2] if len(entry) > 2 else ()))):
        number = 0
        for page in pages:
            number += page[0]
            yield number, page[1]


def positions(locs: list[int]) -> list[int]:
    """The positions packed in ``locs`` (deltas, and weight changes), in
    the packed order (by weight, then position)."""
    if not locs or min(locs) >= 0:  # one weight throughout: the usual case, summed in C
        return list(accumulate(locs))
    found: list[int] = []
    last, index = 0, 0
    while index < len(locs):
        value = locs[index]
        if value < 0:  # a weight change, then a position in full
            last = locs[index + 1]
            index += 2
        else:
            last += value
            index += 1
        found.append(last)
    return found
