"""Print the search index's size and the bytes a first search transfers.

    .venv/bin/python bench/search_transfer.py [--site site] [--query president]

Serves the built site on 127.0.0.1, opens /search/?q=QUERY in Debian's
chromium and adds up every response the search page fetches after its HTML
(the script, Pagefind's loader, WebAssembly, index chunks, filters, result
fragments). Build the site first (make site).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--query", default="president")
    args = parser.parse_args()
    require_chromium()
    bundle = args.site / "pagefind"
    index_bytes = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    fetched: dict[str, int] = {}
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def record(response) -> None:
            if "/search/" not in response.url:
                try:
                    fetched[response.url.split("?")[0]] = len(response.body())
                except Exception:
                    pass

        page.on("response", record)
        page.goto(f"{url}/search/?q={args.query}")
        page.locator("#search-results > li").first.wait_for()
        page.wait_for_load_state("networkidle")
        count = page.locator("#search-status").inner_text()
        browser.close()
    search_bytes = sum(size for name, size in fetched.items() if "/pagefind/" in name or name.endswith("search.js"))
    print(f"site: {args.site}  query: {args.query!r}  ({count})")
    print(f"search index on disk:        {index_bytes / 1024:8.1f} KiB in {sum(1 for p in bundle.rglob('*') if p.is_file())} files")
    print(f"first search transfers:      {search_bytes / 1024:8.1f} KiB in {len([n for n in fetched if '/pagefind/' in n or n.endswith('search.js')])} requests (bytes as served, no HTTP compression; Pagefind's index files are gzipped already)")
    for name, size in sorted(fetched.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:8.1f} KiB  {name.split('/', 3)[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
