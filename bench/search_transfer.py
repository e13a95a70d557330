"""Print the search index's size, and for each query the bytes a first
search transfers and how long it takes to show its results.

    .venv/bin/python bench/search_transfer.py [--site site] [--query president --query 1234]

Serves the built site on 127.0.0.1, opens /search/?q=QUERY in Debian's
chromium, a fresh browser for each query, and adds up every response the
search page fetches after its HTML (the script, Pagefind's loader,
WebAssembly, every shard's metadata, index chunks, result fragments). Build
the site first (make site).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def first_search(browser, url: str, query: str) -> tuple[dict[str, int], float, str]:
    """What a first search for ``query`` fetched, the seconds until its first result showed, and its status line."""
    context = browser.new_context()
    page = context.new_page()
    fetched: dict[str, int] = {}

    def record(response) -> None:
        if "/search/" not in response.url:
            try:
                fetched[response.url.split("?")[0]] = len(response.body())
            except Exception:
                pass

    page.on("response", record)
    started = time.perf_counter()
    page.goto(f"{url}/search/?q={query}")
    page.locator("#search-results > li").first.wait_for(timeout=120_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    status = page.locator("#search-status").inner_text()
    context.close()
    return fetched, seconds, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--query", action="append", help="a search to make (repeatable; default: president)")
    args = parser.parse_args()
    require_chromium()
    bundle = args.site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    print(f"search index on disk: {sum(p.stat().st_size for p in files) / 1024:.1f} KiB in {len(files)} files, "
          f"{sum(1 for p in bundle.iterdir() if p.is_dir())} shards")
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in args.query or ["president"]:
            fetched, seconds, status = first_search(browser, url, query)
            mine = {name: size for name, size in fetched.items() if "/pagefind/" in name or name.endswith("search.js")}
            print(f"first search {query!r}: {sum(mine.values()) / 1024:.1f} KiB in {len(mine)} requests, "
                  f"results shown after {seconds:.2f} s ({status}) (bytes as served, no HTTP compression; "
                  "Pagefind's index files are gzipped already)")
            for name, size in sorted(mine.items(), key=lambda item: -item[1])[:5]:
                print(f"  {size / 1024:8.1f} KiB  {name.split('/', 3)[-1]}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
