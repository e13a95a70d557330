"""Search: the transcripts indexed by Pagefind (its real binary, run as a
command) in shards of about the same size (``search.shards``), a router
that tells the browser which shards hold a word (``search.router``), and
one loader for them all, before the site is swapped in.

``pagefind/`` holds Pagefind's script and WebAssembly once, an empty
bundle that the browser starts from (every shard is merged into it only
when a search needs it), ``router.json`` with its chunks, and one folder
per shard with that shard's entry, metadata, index, filters and fragments.
A shard never changes unless one of its transcripts' pages does: every
other shard is taken from the site in place (or is already in the staged
copy) byte for byte, names and hashes included. Shards are indexed one at
a time, each by its own Pagefind process, so memory is bounded by the
shard's cap, not by the archive.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.kit.errors import StenogramError
from generator.kit.files import link_or_copy, write_file_atomic
from generator.kit.hashing import digest
from generator.kit.integrity import Digests, Signatures, holds, is_recorded, signatures
from generator.kit.layout import SEARCH_FOLDER
from generator.kit.nouns import plural
from generator.kit.workers import parallel_map
from generator.pages.keywords import KeyWord
from generator.search.pagefind_files import ENTRY, damaged_file, empty_metadata
from generator.search.router import (CHUNKS, Words, cached_words, keep_words, prune_cache, usual_forms, words_of,
                                     write_router)
from generator.search.shards import Shard
from generator.search.wordcounts import (COUNTS, counts_file, prune_counts, read_shard, save_counts, scratch_folder,
                                         write_counts)

# What a shard keeps of Pagefind's output: the rest (its script, worker,
# WebAssembly and ready-made UIs) is either shared, once, at the top of
# pagefind/, or never fetched by the site's own search page.
SHARD_FILES = ("pagefind-entry.json", "index", "fragment", "filter")
LOADER_FILES = ("pagefind.js", "wasm.{language}.pagefind")
PAGES_FOLDER = ".shard-pages"  # the pages of the shard being indexed, as symbolic links, inside staging
ATTEMPTS = 3  # how often a shard Pagefind left damaged is indexed again


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


def shard_settings(language: str) -> str:
    """What every shard's key holds besides its pages."""
    return f"{pagefind_version()}\0{language}"


def _pagefind() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise StenogramError(SEARCH_FOLDER, 1, "Pagefind's binary is not installed (pip install 'pagefind[bin]')")
    return str(found)


def _run_pagefind(site: Path, output: Path, language: str) -> None:
    """Index every page of ``site`` into ``output`` with Pagefind's command.

    Pagefind runs as a plain child process in the build's process group, so
    Ctrl-C reaches it as it reaches the build, and the build waits for it
    with nothing between them (its Python API drove it from a thread that
    hung for good when Pagefind died). A Pagefind that dies or fails is an
    error naming the shard."""
    command = [_pagefind(), "--site", str(site), "--output-path", str(output),
               "--force-language", language, "--silent"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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


def _index_one(staging: Path, shard: Shard, language: str) -> None:
    """Index one shard into staging/pagefind/<name>/: its pages, shown in
    a folder of their own (``_show``), are all Pagefind sees. Every file of the shard
    is then read back, and a damaged shard is indexed again; a site with a
    broken index is never swapped in."""
    output = staging / SEARCH_FOLDER / shard.name
    pages = staging / PAGES_FOLDER
    shutil.rmtree(pages, ignore_errors=True)
    try:
        for path in shard.pages:
            (pages / path).parent.mkdir(parents=True)
            _show(staging / path, pages / path)
        problem = None
        for _ in range(ATTEMPTS):
            shutil.rmtree(output, ignore_errors=True)
            _run_pagefind(pages, output, language)
            keep = {*SHARD_FILES, *(name.format(language=language) for name in LOADER_FILES)}
            for extra in sorted(output.iterdir()):
                if extra.name not in keep and not extra.name.endswith(".pf_meta"):
                    shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
            problem = damaged_file(output)
            if problem is None:
                return
            if _disk_full(staging):
                # Pagefind says nothing of a write that failed: the bundle is only short.
                raise StenogramError(output, 1, "search indexing failed: no space left on device")
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    path, message = problem
    raise StenogramError(path, 1, f"search indexing failed: {message}; build again")


def _show(page: Path, target: Path) -> None:
    """``target`` showing Pagefind the staged ``page`` without touching it:
    a symbolic link (Pagefind reads through it), or a copy where the file
    system makes none. Not a hard link: linking and unlinking move the
    page's change time after its signature was taken, and the next build
    would take every page of the shard for damaged and render it again."""
    try:
        os.symlink(page, target)
    except OSError:
        shutil.copyfile(page, target)


def _disk_full(folder: Path) -> bool:
    """Whether a megabyte more can be written beside ``folder``."""
    probe = folder / ".space-probe"
    try:
        with open(probe, "wb") as stream:
            stream.write(bytes(1024 * 1024))
            stream.flush()
            os.fsync(stream.fileno())
        return False
    except OSError as error:
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    finally:
        probe.unlink(missing_ok=True)


def _link_tree(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source`` made of hard links."""
    shutil.rmtree(target, ignore_errors=True)
    for folder, _, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            link_or_copy(Path(folder) / name, target / relative / name)


def _write_loader(staging: Path, site: Path, source: Path | None, recorded: Signatures, digests: Digests,
                  language: str) -> None:
    """Pagefind's script and WebAssembly, once, and the empty bundle the
    browser starts from, into staging/pagefind/. ``source``: a shard
    Pagefind just wrote, whose copies of the loader are taken. Without one,
    the loader's files are kept while they are as ``recorded`` (in the
    staged copy, or else linked from the site in place), and made again by
    indexing a page of nothing when they are not."""
    root = staging / SEARCH_FOLDER
    names = [name.format(language=language) for name in LOADER_FILES]
    if source is not None:
        for name in names:
            (root / name).unlink(missing_ok=True)
            link_or_copy(source / name, root / name)
    else:
        damaged = []
        for name in names:
            path = f"{SEARCH_FOLDER}/{name}"
            if is_recorded(staging, path, recorded, digests):
                continue
            if is_recorded(site, path, recorded, digests):
                (root / name).unlink(missing_ok=True)
                link_or_copy(site / path, root / name)
            else:
                damaged.append(name)
        if damaged:
            scratch = staging / PAGES_FOLDER
            shutil.rmtree(scratch, ignore_errors=True)
            try:
                (scratch / "pages").mkdir(parents=True)
                (scratch / "pages" / "index.html").write_text(f'<html lang="{language}"><body><p>stenogram</p></body></html>')
                _run_pagefind(scratch / "pages", scratch / "bundle", language)
                for name in names:
                    os.replace(scratch / "bundle" / name, root / name)  # a new file: never written through a link
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
    meta = empty_metadata(pagefind_version())
    meta_name = f"pagefind.{language}_{digest(meta)[:10]}.pf_meta"
    entry = json.dumps({"version": pagefind_version(), "languages": {language: {
        "hash": f"{language}_{digest(meta)[:10]}", "wasm": language, "page_count": 0}}}, separators=(",", ":"))
    for name, data in ((meta_name, meta), (ENTRY, entry.encode())):
        if not (root / name).is_file() or (root / name).read_bytes() != data:
            write_file_atomic(root / name, data)
    for stale in root.glob("*.pf_meta"):
        if stale.name != meta_name:
            stale.unlink()


def shard_folders(root: Path) -> list[Path]:
    """The shards' folders in a search folder (pagefind/): all but the router's and the counts'."""
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name not in (CHUNKS, COUNTS))


@dataclass(frozen=True)
class SearchResult:
    indexed: int
    kept: int
    pages: int
    chunks: int  # of the router
    key_words: dict[str, tuple[KeyWord, ...]]  # each qualifying person's own words

    def __str__(self) -> str:
        return (f"{self.pages} pages in {plural(self.indexed + self.kept, 'shard')} ({self.indexed} indexed, {self.kept} kept), "
                f"router in {plural(self.chunks, 'chunk')}")


def index_shards(staging: Path, site: Path, wanted: list[Shard], current: dict[str, str], staged: dict[str, str],
                 recorded: Signatures, digests: Digests, language: str, cache: Path | None,
                 advance: Callable[[int], None] = lambda n=1: None, jobs: int = 1) -> SearchResult | None:
    """Bring staging/pagefind/ to the ``wanted`` shards, the router and the
    loader. ``current`` are the keys of the shards of the site in place,
    ``staged`` those already in the staging folder, ``recorded`` and
    ``digests`` the signatures and digests of the site in place's files: a
    shard is kept only when its files are still those, by their signatures
    or else by their bytes. None when there is nothing to index."""
    root = staging / SEARCH_FOLDER
    if not wanted:
        shutil.rmtree(root, ignore_errors=True)
        return None
    root.mkdir(exist_ok=True)
    names = {shard.name for shard in wanted}
    for stale in sorted(p for p in shard_folders(root) if p.name not in names):
        shutil.rmtree(stale)
    indexed = _keep_shards(staging, site, wanted, current, staged, _by_shard(recorded), digests, language, advance)
    again = {shard.name for shard in indexed}
    with ExitStack() as stack:
        counted = scratch_folder(cache, stack)
        kept = [_kept_reading(cache, counted, shard, shard.name in again) for shard in wanted]
        unread = [shard for shard, words in zip(wanted, kept) if words is None]
        # Each shard's files are read once indexing is done, a shard a process:
        # reading is Python's work on one core, and Pagefind's indexing used both.
        # One shard alone (a small archive, or a rebuild) is read by two.
        read = parallel_map(lambda shard: _read(cache, counted, shard, root / shard.name, 1 if len(unread) > 1 else jobs),
                            unread, jobs, 1, at_least=2)
        words = [found if found is not None else next(read) for found in kept]
        files, totals, found = write_counts(root, counted, wanted)
        prune_counts(counted, wanted)
    forms = usual_forms(words)
    _write_loader(staging, site, root / indexed[0].name if indexed else None, recorded, digests, language)
    # The shard copies served their turn: the loader is shared.
    for shard in indexed:
        for name in LOADER_FILES:
            (root / shard.name / name.format(language=language)).unlink(missing_ok=True)
    chunks = write_router(root, wanted, words, forms, digest(pagefind_version().encode(), language.encode())[:16],
                          {"counts": files, "years": totals.years})
    prune_cache(cache, wanted)
    return SearchResult(len(indexed), len(wanted) - len(indexed), sum(len(s.pages) for s in wanted), chunks,
                        found.result(forms))


def _keep_shards(staging: Path, site: Path, wanted: list[Shard], current: dict[str, str], staged: dict[str, str],
                 by_shard: dict[str, Signatures], digests: Digests, language: str,
                 advance: Callable[[int], None]) -> list[Shard]:
    """Each shard kept (staged, or linked from the site in place) or indexed
    again; the shards indexed again."""
    indexed = []
    for shard in wanted:
        folder = f"{SEARCH_FOLDER}/{shard.name}"
        expected = by_shard.get(shard.name, {}) if current.get(shard.name) == shard.key else {}
        if expected and staged.get(shard.name) == shard.key and signatures(staging, folder) == expected:
            pass  # the staged copy holds it as recorded
        elif expected and _as_recorded(site, folder, expected, digests):
            _link_tree(site / folder, staging / folder)
        else:
            _index_one(staging, shard, language)
            indexed.append(shard)
        advance(1)
    return indexed


def _kept_reading(cache: Path | None, counted: Path, shard: Shard, fresh: bool) -> Words | None:
    """A shard's words for the router, when the cache holds them and its counts are in ``counted``."""
    words = None if fresh else cached_words(cache, shard)
    return words if words is not None and counts_file(counted, shard).is_file() else None


def _read(cache: Path | None, counted: Path, shard: Shard, bundle: Path, jobs: int) -> Words:
    """A shard's words for the router, its counts kept in ``counted``: read from its files once for both."""
    reading = read_shard(bundle, jobs)
    words = words_of(reading.pages, reading.tokens)
    keep_words(cache, shard, words)
    save_counts(counts_file(counted, shard), reading.lines)
    return words


def _as_recorded(site: Path, folder: str, expected: Signatures, digests: Digests) -> bool:
    """Whether a shard's folder in the site in place holds the files
    ``expected``, each as its signature or its digest says."""
    found = signatures(site, folder)
    return found.keys() == expected.keys() and all(
        value == expected[path] or holds(site, path, digests) for path, value in found.items())


def _by_shard(recorded: Signatures) -> dict[str, Signatures]:
    """The recorded signatures of the search files, shard by shard."""
    shards: dict[str, Signatures] = {}
    for path, value in recorded.items():
        parts = path.split("/", 2)
        if parts[0] == SEARCH_FOLDER and len(parts) == 3:
            shards.setdefault(parts[1], {})[path] = value
    return shards
