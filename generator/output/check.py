"""Check a built site: every page is well-formed HTML5, and every internal
link and #fragment resolves."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import html5lib

from generator.output.links import link_target


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.duplicate_ids: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            if values["id"] in self.ids:
                self.duplicate_ids.append((self.getpos()[0], values["id"]))
            self.ids.add(values["id"])
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None and tag in ("a", "link", "script", "img", "area"):
                self.links.append((self.getpos()[0], value))


def check_site(site: Path, prefix: str = "") -> list[str]:
    """Problems as 'path:line: message', sorted; empty when all is well."""
    if not site.is_dir():
        return [f"{site}:1: no built site here (run stenogram build)"]
    # Keyed by resolved path, for links to find; problems name the page as found.
    pages: dict[Path, tuple[Path, _Collector]] = {}
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        problems.extend(_html5_errors(page, text))
        collector = _Collector()
        collector.feed(text)
        pages[page.resolve()] = (page, collector)
        problems.extend(f"{page}:{line}: duplicate id '{name}'" for line, name in collector.duplicate_ids)
    root = site.resolve()
    for resolved, (page, collector) in pages.items():
        for line, link in collector.links:
            relative, fragment = link_target(resolved.relative_to(root).as_posix(), link, prefix,
                                             lambda p: (root / p).is_dir())
            if relative is None:
                continue
            target = (root / relative).resolve()
            if not target.is_file():
                problems.append(f"{page}:{line}: broken link {link}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target][1].ids:
                problems.append(f"{page}:{line}: link {link} names a missing anchor #{fragment}")
    return sorted(problems)


def _html5_errors(page: Path, text: str) -> list[str]:
    """Parse errors of the HTML5 parsing algorithm: what browsers would
    silently repair (stray end tags, bad nesting, duplicate attributes)."""
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(text)
    problems = []
    for (line, _column), code, data in parser.errors:
        detail = ", ".join(f"{k}={v}" for k, v in sorted((data or {}).items()))
        problems.append(f"{page}:{line}: invalid HTML: {code}" + (f" ({detail})" if detail else ""))
    return problems
