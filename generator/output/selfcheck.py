"""The build checks what it writes before the site is swapped in: every
internal link of a page it renders leads to a file of the new site, and
every #fragment to an id on its page (``stenogram check``'s rules); every
feed and sitemap parses as XML, every data file as JSON. A site that fails
is never published, and the error names the page and line.

The pages a build reuses were checked when they were written, and are the
same bytes (``output.integrity``); their links cannot have broken, since a
page whose link targets change has changed data, hence a new key, and is
rendered and checked again.

The HTML here is the build's own, its attributes always after a space and
in double quotes, and text can hold no quote (it is escaped); so a regular
expression finds the links and ids of a page in a fraction of an HTML
parser's time.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from xml.parsers import expat

from generator.kit.errors import StenogramError
from generator.output.links import link_target

_LINK = re.compile(rb'<(?:a|link|script|img|area)\s[^>]*?(?<=\s)(?:href|src)="([^"]*)"')
_ID = re.compile(rb' id="([^"]*)"')  # a literal start: found ten times faster than after \s

# (page's path, the link's offset in it, target path, fragment): a link into another page
Anchor = tuple[str, int, str, str]


def _line(data: bytes, offset: int) -> int:
    """The line of an offset, counted only for a message: counting for every
    link would cost a long page's size times its links."""
    return data.count(b"\n", 0, offset) + 1


# Links whose target does not depend on the page they are on: the same
# few hundred (the header, the footer, persons, topics) are on every page.
_ABSOLUTE = (b"/", b"http:", b"https:", b"mailto:")


class SelfCheck:
    def __init__(self, out: Path, paths: frozenset[str], prefix: str) -> None:
        self.out, self.paths, self.prefix = out, paths, prefix
        self._absolute: dict[bytes, tuple[str, str | None, str]] = {}  # as written -> link, target, fragment

    def _target(self, path: str, raw: bytes) -> tuple[str, str | None, str]:
        """The link as written on ``path``, where it leads and its fragment."""
        found = self._absolute.get(raw)
        if found is None:
            link = html.unescape(raw.decode("utf-8"))
            found = (link, *link_target(path, link, self.prefix, lambda p: f"{p}/index.html" in self.paths))
            if raw.startswith(_ABSOLUTE):
                self._absolute[raw] = found
        return found

    def page(self, path: str, data: bytes) -> list[Anchor]:
        """Check one output; returns the links to ids on other pages, for
        ``anchors`` to check once every page is written."""
        if path.endswith(".xml"):
            self._xml(path, data)
        elif path.endswith(".json"):
            try:
                json.loads(data)
            except ValueError as error:
                raise StenogramError(self.out / path, getattr(error, "lineno", 1), f"the build wrote invalid JSON: {error}") from None
        if not path.endswith(".html"):
            return []
        ids: set[bytes] | None = None
        elsewhere: list[Anchor] = []
        for match in _LINK.finditer(data):
            raw = match.group(1)
            if raw[:1] == b"#" and b"&" not in raw:
                # A fragment on the page itself, as written: compared as the ids are.
                target, fragment, escaped = path, raw[1:].decode("utf-8"), raw[1:]
            else:
                link, target, fragment = self._target(path, raw)
                if target is None:
                    continue
                if target not in self.paths:
                    raise StenogramError(self.out / path, _line(data, match.start()), f"the build wrote a broken link {link}")
                if not fragment or not target.endswith(".html"):
                    continue
                escaped = html.escape(fragment).encode("utf-8")
            if target == path:
                ids = ids if ids is not None else set(_ID.findall(data))
                if escaped not in ids:
                    raise StenogramError(self.out / path, _line(data, match.start()),
                                         f"the build wrote link {html.unescape(raw.decode('utf-8'))} to a missing anchor #{fragment}")
            else:
                elsewhere.append((path, match.start(), target, fragment))
        return elsewhere

    def anchors(self, staging: Path, links: list[Anchor]) -> None:
        """Every link into another page finds its id there."""
        by_target: dict[str, list[Anchor]] = {}
        for anchor in links:
            by_target.setdefault(anchor[2], []).append(anchor)
        for target, found in sorted(by_target.items()):
            ids = set(_ID.findall((staging / target).read_bytes()))
            for path, offset, _, fragment in found:
                if html.escape(fragment).encode("utf-8") not in ids:
                    raise StenogramError(self.out / path, _line((staging / path).read_bytes(), offset),
                                         f"the build wrote a link to a missing anchor #{fragment} of /{target}")

    def _xml(self, path: str, data: bytes) -> None:
        parser = expat.ParserCreate()
        try:
            parser.Parse(data, True)
        except expat.ExpatError as error:
            raise StenogramError(self.out / path, error.lineno, f"the build wrote ill-formed XML: {expat.ErrorString(error.code)}") from None
