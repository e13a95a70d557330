"""Search: index the staged site with Pagefind (its real binary, through its
Python API) before the site is swapped in."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.kit.errors import StenogramError
from generator.output.staging import SEARCH_FOLDER

# Pagefind ships ready-made UIs; the site has its own on the JS API, so
# these are never fetched and need not be published.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


async def _index(site: Path, language: str) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, output_path=str(site / SEARCH_FOLDER))
    async with PagefindIndex(config=config) as index:
        # Only pages marked data-pagefind-body (the transcripts) are indexed.
        await index.add_directory(str(site))


def index_site(site: Path, language: str) -> str:
    """Write site/pagefind/; returns a one-line summary."""
    try:
        # Pagefind's client is async; its own thread keeps build() callable
        # from code that already runs an event loop.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(site, language)).result()
    except Exception as error:  # the service reports its failures as plain exceptions
        raise StenogramError(site, 1, f"search indexing failed: {error}") from None
    bundle = site / SEARCH_FOLDER
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        # Seen once at 30,000 pages: Pagefind reported success and left an
        # empty entry file. A site with a broken index is never swapped in.
        raise StenogramError(bundle / "pagefind-entry.json", 1,
                             "search indexing failed: Pagefind wrote no valid index entry; build again") from None
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return f"{pages} pages indexed, {size / 1024:.0f} KiB"
