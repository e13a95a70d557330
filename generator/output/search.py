"""Search: the transcripts indexed by Pagefind (its real binary, run as a
command) in shards, one bundle per calendar year, before the site is
swapped in.

One rule: a transcript belongs to the shard of its date's year,
``pagefind/<YYYY>/``. A shard never changes unless one of its transcripts'
pages does, so adding a transcript re-indexes one shard; every other shard
is taken from the site in place (or is already in the staged copy) byte
for byte, names and hashes included. Shards are indexed one at a time,
each by its own Pagefind process, so memory is bounded by the largest
year, not by the archive. The browser merges the shards into one search.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Callable, Iterable

from generator.kit.errors import StenogramError
from generator.kit.hashing import digest
from generator.output.integrity import Signatures, signatures
from generator.output.staging import SEARCH_FOLDER, link_or_copy

# Pagefind ships ready-made UIs; the site has its own on the JS API, so
# these are never fetched and need not be published.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    # The language is forced, so the fallback for pages of no language is never loaded.
    "wasm.unknown.pagefind",
)
EVENT_PAGES = "events/"
ATTEMPTS = 3  # how often a shard Pagefind left damaged is indexed again


def shard_of(path: str) -> str | None:
    """The shard of an output path: the year of an event page, None for any other page."""
    if path.startswith(EVENT_PAGES) and path.endswith("/index.html"):
        return path[len(EVENT_PAGES):len(EVENT_PAGES) + 4]
    return None


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


def shard_keys(pages: Iterable[tuple[str, str]], language: str) -> dict[str, str]:
    """The key of every shard: the keys of its pages, the language and
    Pagefind's version; same key, same bundle."""
    members: dict[str, list[str]] = {}
    for path, key in pages:
        shard = shard_of(path)
        if shard is not None:
            members.setdefault(shard, []).append(f"{path}\0{key}")
    settings = f"{_pagefind_version()}\0{language}".encode()
    return {shard: digest(settings, "\n".join(sorted(lines)).encode()) for shard, lines in sorted(members.items())}


def _pagefind() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise StenogramError(SEARCH_FOLDER, 1, "Pagefind's binary is not installed (pip install 'pagefind[bin]')")
    return str(found)


def _index_one(site: Path, shard: str, language: str) -> None:
    """Index one shard into site/pagefind/<shard>/ with Pagefind's command.

    Pagefind runs as a plain child process in the build's process group, so
    Ctrl-C reaches it as it reaches the build, and the build waits for it
    with nothing between them (its Python API drove it from a thread that
    hung for good when Pagefind died). A Pagefind that dies or fails is an
    error naming the search stage. Every file of the shard is then read
    back, and a damaged shard is indexed again; a site with a broken index
    is never swapped in."""
    output = site / SEARCH_FOLDER / shard
    command = [_pagefind(), "--site", str(site), "--glob", f"{EVENT_PAGES}{shard}-*/index.html",
               "--output-path", str(output), "--force-language", language, "--silent"]
    problem = None
    for _ in range(ATTEMPTS):
        shutil.rmtree(output, ignore_errors=True)
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        try:
            said, _ = process.communicate()
        finally:
            if process.poll() is None:  # interrupted: leave no Pagefind behind
                process.kill()
                process.wait()
        if process.returncode != 0:
            how = (f"Pagefind was stopped by signal {-process.returncode}" if process.returncode < 0
                   else f"Pagefind failed (exit {process.returncode})")
            last = said.decode("utf-8", "replace").strip().splitlines()[-1:] if said else []
            raise StenogramError(output, 1, f"search indexing failed: {how}" + (f": {last[0]}" if last else ""))
        for name in UNUSED_BUNDLE_FILES:
            (output / name).unlink(missing_ok=True)
        problem = _damaged(output)
        if problem is None:
            return
    path, message = problem
    raise StenogramError(path, 1, f"search indexing failed: {message}; build again")


def _damaged(bundle: Path) -> tuple[Path, str] | None:
    """The first file of a written bundle that is not whole, and what is wrong with it."""
    entry = bundle / "pagefind-entry.json"
    try:
        _page_count(bundle)
    except StenogramError:
        return entry, "Pagefind wrote no valid index entry"
    for path in sorted(bundle.rglob("*.pf_*")):
        try:
            gzip.decompress(path.read_bytes())
        except (OSError, EOFError, zlib.error):
            return path, "Pagefind wrote a file cut short"
    return None


def _page_count(bundle: Path) -> int:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise StenogramError(bundle / "pagefind-entry.json", 1,
                             "search indexing failed: Pagefind wrote no valid index entry; build again") from None


def _link_tree(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source`` made of hard links."""
    shutil.rmtree(target, ignore_errors=True)
    for folder, _, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            link_or_copy(Path(folder) / name, target / relative / name)


def index_shards(staging: Path, site: Path, wanted: dict[str, str], current: dict[str, str], staged: dict[str, str],
                 recorded: Signatures, language: str,
                 advance: Callable[[int], None] = lambda n=1: None) -> tuple[int, int]:
    """Bring staging/pagefind/ to the ``wanted`` shards. ``current`` are the
    keys of the shards of the site in place, ``staged`` those already in the
    staging folder, ``recorded`` the signatures of the site in place's
    files: a shard is kept only when its files are still those. Returns
    (shards indexed, shards kept)."""
    bundles = staging / SEARCH_FOLDER
    if not wanted:
        shutil.rmtree(bundles, ignore_errors=True)
        return 0, 0
    bundles.mkdir(exist_ok=True)
    for stale in sorted(p for p in bundles.iterdir() if p.name not in wanted):
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    indexed = kept = 0
    by_shard = _by_shard(recorded)
    for shard, key in wanted.items():
        target = bundles / shard
        folder = f"{SEARCH_FOLDER}/{shard}"
        expected = by_shard.get(shard, {}) if current.get(shard) == key else {}
        if expected and staged.get(shard) == key and signatures(staging, folder) == expected:
            kept += 1
        elif expected and signatures(site, folder) == expected:
            _link_tree(site / SEARCH_FOLDER / shard, target)
            kept += 1
        else:
            _index_one(staging, shard, language)
            indexed += 1
        advance(1)
    return indexed, kept


def _by_shard(recorded: Signatures) -> dict[str, Signatures]:
    """The recorded signatures of the search files, shard by shard."""
    shards: dict[str, Signatures] = {}
    for path, value in recorded.items():
        if path.startswith(SEARCH_FOLDER + "/"):
            shards.setdefault(path.split("/", 2)[1], {})[path] = value
    return shards


def describe(staging: Path, indexed: int, kept: int) -> str:
    bundles = staging / SEARCH_FOLDER
    pages = sum(_page_count(b) for b in sorted(bundles.iterdir()) if b.is_dir())
    size = sum(p.stat().st_size for p in bundles.rglob("*") if p.is_file())
    return f"{pages} pages in {indexed + kept} shards ({indexed} indexed, {kept} kept), {size / 1024:.0f} KiB"
