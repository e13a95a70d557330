"""Print the search index's size, and for each query what a first search
transfers, in how many requests, how long until its first result shows,
and how long until the chart of the word through the years is drawn.

    .venv/bin/python bench/search_transfer.py [--site site] [--query rare=Kalibr --query 'filtered=q=war&speaker=Vladimir+Putin']

Serves the built site on 127.0.0.1, opens /search/?q=QUERY in Debian's
chromium, a fresh browser context (empty cache) for each query, and adds up
every response the search page fetches for its search: the scripts,
Pagefind's loader and WebAssembly, the router, each shard's entry,
metadata, index chunks, filters and result fragments, and the list of
names when it suggests one (not the page, nor the style sheet and icon
that every page loads). Bytes are counted as
a compressing host sends them: text (scripts, JSON) and WebAssembly
gzipped at level 6, Pagefind's own .pf_* files as they are (gzipped
already). Build the site first (make site).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from chromium import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

DEFAULT_QUERIES = ["common=president", "two words=president security", "rare=Kalibr"]


def sent_bytes(url: str, body: bytes) -> int:
    """What a host that gzips text sends for ``body``."""
    path = url.split("?")[0]
    if ".pf_" in path.rsplit("/", 1)[-1]:
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_search(browser, url: str, query: str) -> tuple[dict[str, int], float, float | None, str]:
    """What a first search fetched (URL -> bytes as sent), the seconds from
    the navigation to its first result (or its answer, when nothing is
    found) and to its chart (None: none drawn), and its status line."""
    context = browser.new_context()
    page = context.new_page()
    fetched: dict[str, int] = {}

    def record(response) -> None:
        path = response.url.split("?")[0]
        if not ("/pagefind/" in path or path.endswith((".js", "/search/names.json"))):
            return  # the page itself and what every page loads (style sheet, icon)
        try:
            fetched[response.url] = sent_bytes(response.url, response.body())
        except Exception:
            pass

    page.on("response", record)
    address = f"{url}/search/?{query}" if "=" in query else f"{url}/search/?q={quote(query)}"
    page.goto(address)
    # The page's own clock, from the start of the navigation to the first
    # result (or the answer that there is none), polled at every frame.
    shown = page.wait_for_function("""() => {
        const status = document.getElementById('search-status').textContent;
        const answered = document.querySelector('#search-results > li') || status.startsWith('No transcript');
        return answered && performance.now();
    }""", timeout=120_000, polling="raf")
    seconds = shown.json_value() / 1000
    try:
        drawn = page.wait_for_function("() => document.querySelector('#search-counts:not([hidden]) svg') && performance.now()",
                                       timeout=10_000, polling="raf")
        chart = drawn.json_value() / 1000
    except Exception:  # a query with no counts (a phrase, a word in no transcript)
        chart = None
    page.wait_for_load_state("networkidle")
    status = page.locator("#search-status").inner_text()
    scope = page.locator("#search-scope")
    if scope.is_visible():
        status += f" [{scope.inner_text()}]"
    context.close()
    return fetched, seconds, chart, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--query", action="append",
                        help="LABEL=WORDS, or LABEL=q=…&speaker=… for a filtered search (repeatable)")
    args = parser.parse_args()
    require_chromium()
    bundle = args.site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    router = bundle / "router.json"
    shards = sum(1 for p in bundle.iterdir() if p.is_dir() and (p / "pagefind-entry.json").is_file())
    print(f"search index on disk: {sum(p.stat().st_size for p in files) / 1024:.1f} KiB in {len(files)} files, "
          f"{shards} shards; router.json {router.stat().st_size / 1024:.1f} KiB" if router.exists() else "")
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for spec in args.query or DEFAULT_QUERIES:
            label, _, query = spec.partition("=")
            fetched, seconds, chart, status = first_search(browser, url, query)
            drawn = f", chart after {chart:.2f} s ({chart - seconds:+.2f} s)" if chart is not None else ", no chart"
            print(f"first search {label} {query!r}: {sum(fetched.values()) / 1024:.1f} KiB in {len(fetched)} requests, "
                  f"first result after {seconds:.2f} s{drawn} ({status})")
            for name, size in sorted(fetched.items(), key=lambda item: -item[1])[:6]:
                print(f"  {size / 1024:8.1f} KiB  {name.split('/', 3)[-1]}")
        browser.close()
    print("(bytes as a host that gzips text and WebAssembly sends them; Pagefind's .pf_* files as stored)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
