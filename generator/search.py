"""Search: index the staged site with Pagefind (its real binary, through its
Python API) before the site is swapped in."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.errors import StenogramError

OUTPUT_FOLDER = "pagefind"


async def _index(site: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=language, output_path=str(site / OUTPUT_FOLDER))
    async with PagefindIndex(config=config) as index:
        # Only pages marked data-pagefind-body (the transcripts) are indexed.
        result = await index.add_directory(str(site))
        return int(result.get("page_count", 0))


def index_site(site: Path, language: str) -> str:
    """Write site/pagefind/; returns a one-line summary."""
    try:
        # Pagefind's client is async; its own thread keeps build() callable
        # from code that already runs an event loop.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pages = pool.submit(asyncio.run, _index(site, language)).result()
    except Exception as error:  # the service reports its failures as plain exceptions
        raise StenogramError(site, 1, f"search indexing failed: {error}") from None
    size = sum(p.stat().st_size for p in (site / OUTPUT_FOLDER).rglob("*") if p.is_file())
    return f"{pages} pages indexed, {size / 1024:.0f} KiB"
