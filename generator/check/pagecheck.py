"""The site check, one file at a time: the rules the build holds what it
writes to (``check.selfcheck``) and ``stenogram check`` holds a site on
disk to, in one pass over each file's bytes.

- HTML: elements nest and close (void elements aside), no attribute is
  given twice, no id is used twice, no block element opens inside a
  paragraph and no link inside a link (what a browser would silently
  repair); every internal link leads to a file of the site, and every
  #fragment to an id on its page.
- Links are href and src, a form's action, a video's poster, each image
  candidate of srcset, and url() and @import in style sheets; an absolute
  link to the site's own host (https://host/…, //host/…) is checked as an
  internal one.
- XML (feeds, sitemap) is well-formed; JSON parses.
- No page holds a character no transcript may (``kit.characters``); the
  build holds its inputs to that rule as it reads them, and `stenogram
  check` holds the pages on disk to it.

Pages are read as bytes with regular expressions, not with an HTML
parser: a page of the build's own holds its attributes in double quotes
and no unescaped '<' in text, and a site that does not is reported, not
repaired. A twentieth of html5lib's time on the same site, and linear in its size.
"""

from __future__ import annotations

import html
import json
import re
from typing import Callable, NamedTuple
from xml.parsers import expat

from generator.check.links import link_target
from generator.kit.characters import first_forbidden_utf8

VOID = frozenset(b"area base br col embed hr img input link meta source track wbr".split())
# Start tags that close an open <p> in HTML5: written inside one, the page a
# browser shows is not the page written.
CLOSES_P = frozenset(b"address article aside blockquote details div dl fieldset figcaption figure footer form "
                     b"h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split())
_LINKING = frozenset((b"a", b"link", b"script", b"img", b"area", b"source", b"iframe", b"embed", b"video",
                      b"audio", b"track"))
# Attributes that hold addresses besides href and src: a form's action, a
# video's poster, and an image's candidates (srcset: "a.png 1x, b.png 2x").
_ADDRESSES = {b"action": frozenset((b"form",)), b"poster": frozenset((b"video",))}
_SRCSET = frozenset((b"img", b"source"))
_CSS_URL = re.compile(rb"""url\(\s*(["']?)([^"')]*)\1\s*\)|@import\s+(["'])([^"']*)\3""")
# A script or style element whole (its text is not markup); a tag; a comment
# or the doctype. Pages are read tag by tag from one findall: a problem's
# place is the index of its tag, turned into a line only for a message.
_TAG = re.compile(rb"<(script|style)\b([^>]*)>.*?</\1\s*>|<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>|<!--.*?-->|<![^>]*>", re.S)
_ATTRIBUTE = re.compile(rb"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ID = re.compile(rb' id="([^"]*)"')
# Links whose target does not depend on the page they are on: the same few
# hundred (header, footer, persons, topics) are on every page.
_ABSOLUTE = (b"/", b"http:", b"https:", b"mailto:")


class Problem(NamedTuple):
    path: str  # below the site
    tag: int  # the index of its tag in an HTML page; -1 where ``line`` says
    message: str  # reads after "the build wrote " as after "path:line: "
    line: int = 0

    def line_in(self, data: bytes) -> int:
        """Its line in the file's bytes: counted only for a message."""
        if self.tag < 0:
            return self.line
        for index, match in enumerate(_TAG.finditer(data)):
            if index == self.tag:
                return data.count(b"\n", 0, match.start()) + 1
        return 1


# (page, the index of the link's tag in it, target page, fragment): a link into another page
Anchor = tuple[str, int, str, str]


class Checked(NamedTuple):
    problems: list[Problem]
    anchors: list[Anchor]  # links to ids on other pages, for ``PageChecker.anchors``
    ids: set[bytes]  # as written (escaped)


def ids_of(data: bytes) -> set[bytes]:
    """The ids of a page as written (escaped), for links from other pages."""
    return set(_ID.findall(data))


_SKIP, _CLOSE, _OPEN, _WHOLE = range(4)  # what a tag does: nothing, close, open, open and close
# The same for a start tag with nothing of its own to check (no fault, id or
# link; not <a>): most of a page's. It opens, it opens an element that may
# not stand inside a <p>, or it is void.
_PUSH, _PUSH_BLOCK, _VOID = range(4, 7)
# The memos of tags and links start again when they reach this many: the
# tags and links that repeat (the site's chrome, the persons and topics
# every page names) are read again within a page or two, and the rest, an
# id or a link that occurs once, is what made a build's largest process
# grow by a hundred MiB at 10,000 transcripts.
_MEMO_AT_MOST = 8_192


def _describe(whole: bytes, whole_attributes: bytes, closing: bytes, name: bytes, attributes: bytes) -> tuple:
    """(what the tag does, its element's name, its faults alone, its id, its link)."""
    if whole:  # a script or style element, opened and closed
        name, attributes = whole, whole_attributes
    elif not name:  # a comment or the doctype
        return _SKIP, b"", (), None, ()
    name = name.lower()
    if closing:
        return _CLOSE, name, (), None, ()
    faults: list[str] = []
    id_value = None
    links: list[bytes] = []
    if attributes:
        found = _ATTRIBUTE.findall(attributes)
        if len(found) > 1 and len({key.lower() for key, *_ in found}) < len(found):
            faults.append("invalid HTML: an attribute given twice")
        for key, double, single, bare in found:
            key, value = key.lower(), double or single or bare
            if key == b"id":
                id_value = value
            elif (key == b"href" or key == b"src") and name in _LINKING:
                links.append(value)
            elif key == b"srcset" and name in _SRCSET:
                links += [candidate.split()[0] for candidate in value.split(b",") if candidate.strip()]
            elif name in _ADDRESSES.get(key, ()):
                links.append(value)
    action = _WHOLE if whole or name in VOID else _OPEN
    if action == _OPEN and attributes.endswith(b"/"):
        # Reported once: a browser leaves it open, and so the page goes on to say.
        faults.append(f"invalid HTML: <{name.decode()} /> does not close itself")
        action = _WHOLE
    if not faults and id_value is None and not links and name != b"a":
        if action == _OPEN:
            action = _PUSH_BLOCK if name in CLOSES_P else _PUSH
        elif name not in CLOSES_P:
            action = _VOID
    return action, name, tuple(faults), id_value, tuple(links)


def _inside_p(path: str, tag: int, name: bytes) -> Problem:
    return Problem(path, tag, f"invalid HTML: <{name.decode()}> inside <p>")


class PageChecker:
    """Checks files of one site. ``is_file`` and ``is_folder`` say what the
    site holds (paths below it); ``prefix`` is the site's URL path."""

    def __init__(self, is_file: Callable[[str], bool], is_folder: Callable[[str], bool], prefix: str,
                 host: str = "", characters: bool = True) -> None:
        self.is_file, self.is_folder, self.prefix, self.host = is_file, is_folder, prefix, host
        # Whether pages are searched for characters no page may hold: the
        # build leaves it to the reading of its inputs, which holds them all
        # to the same rule (content, settings, the theme).
        self.characters = characters
        self._absolute: dict[bytes, tuple[str, str | None, str]] = {}
        # What each tag as written means: the same few hundred (<p>, <li>,
        # <a class="…">) make most of every page, and are read once.
        self._described: dict[tuple[bytes, ...], tuple] = {}

    def file(self, path: str, data: bytes) -> Checked:
        """A file's problems, its links to ids on other pages, and its ids."""
        if self.characters and path.endswith((".html", ".xml", ".json")):
            forbidden = first_forbidden_utf8(data)
            if forbidden is not None:
                return Checked([Problem(path, -1, forbidden[1], forbidden[0])], [], set())
        if path.endswith(".html"):
            return self._html(path, data)
        if path.endswith(".css"):
            return Checked(self._css(path, data), [], set())
        if path.endswith(".xml"):
            parser = expat.ParserCreate()
            try:
                parser.Parse(data, True)
            except expat.ExpatError as error:
                return Checked([Problem(path, -1, f"ill-formed XML: {expat.ErrorString(error.code)}", error.lineno)], [], set())
        elif path.endswith(".json"):
            try:
                json.loads(data)
            except ValueError as error:
                return Checked([Problem(path, -1, f"invalid JSON: {error}", getattr(error, "lineno", 1))], [], set())
        return Checked([], [], set())

    def _css(self, path: str, data: bytes) -> list[Problem]:
        """A style sheet's url() and @import lead to files of the site (or elsewhere)."""
        problems = []
        for match in _CSS_URL.finditer(data):
            raw = (match.group(2) or match.group(4) or b"").strip()
            if not raw or raw.startswith((b"data:", b"#")):
                continue
            link, target, _ = self._target(path, raw)
            if target is not None and not self.is_file(target):
                problems.append(Problem(path, -1, f"a broken link {link} in a style sheet",
                                        data.count(b"\n", 0, match.start()) + 1))
        return problems

    def anchors(self, anchors: list[Anchor], ids: Callable[[str], set[bytes]]) -> list[Problem]:
        """Every link into another page finds its id there; ``ids`` gives a page's."""
        problems = []
        for page, tag, target, fragment in sorted(anchors):
            if html.escape(fragment).encode("utf-8") not in ids(target):
                problems.append(Problem(page, tag, f"a link to a missing anchor #{fragment} of /{target}"))
        return problems

    def _target(self, path: str, raw: bytes) -> tuple[str, str | None, str]:
        """The link as written on ``path``, where it leads and its fragment."""
        found = self._absolute.get(raw)
        if found is None:
            link = html.unescape(raw.decode("utf-8", "replace"))
            found = (link, *link_target(path, link, self.prefix, self.is_folder, self.host))
            if raw.startswith(_ABSOLUTE):
                if len(self._absolute) >= _MEMO_AT_MOST:
                    self._absolute.clear()
                self._absolute[raw] = found
        return found

    def _html(self, path: str, data: bytes) -> Checked:
        problems: list[Problem] = []
        ids: set[bytes] = set()
        links: list[tuple[int, bytes]] = []
        names: list[bytes] = []  # the open elements, and the index of each one's tag
        opened: list[int] = []
        described = self._described
        for tag, found in enumerate(_TAG.findall(data)):
            about = described.get(found)
            if about is None:
                if len(described) >= _MEMO_AT_MOST:
                    described.clear()
                about = described[found] = _describe(*found)
            action = about[0]
            if action == _PUSH:
                names.append(about[1])
                opened.append(tag)
                continue
            if action == _PUSH_BLOCK:
                if names and names[-1] == b"p":
                    problems.append(_inside_p(path, tag, about[1]))
                names.append(about[1])
                opened.append(tag)
                continue
            if action == _SKIP or action == _VOID:
                continue
            action, name, faults, id_value, found_links = about
            if action == _CLOSE:
                if names and names[-1] == name:
                    names.pop()
                    opened.pop()
                elif name in names:
                    while names[-1] != name:
                        problems.append(Problem(path, opened.pop(), f"invalid HTML: <{names.pop().decode()}> is not closed"))
                    names.pop()
                    opened.pop()
                else:
                    problems.append(Problem(path, tag, f"invalid HTML: stray end tag </{name.decode()}>"))
                continue
            if faults:
                problems += [Problem(path, tag, fault) for fault in faults]
            if id_value is not None:
                if id_value in ids:
                    problems.append(Problem(path, tag, f"a duplicate id '{html.unescape(id_value.decode())}'"))
                ids.add(id_value)
            if found_links:
                links += [(tag, link) for link in found_links]
            if names:
                if name in CLOSES_P and names[-1] == b"p":
                    problems.append(_inside_p(path, tag, name))
                elif name == b"a" and b"a" in names:
                    problems.append(Problem(path, tag, "invalid HTML: a link inside a link"))
            if action == _OPEN:
                names.append(name)
                opened.append(tag)
        problems += [Problem(path, tag, f"invalid HTML: <{name.decode()}> is not closed") for name, tag in zip(names, opened)]
        found_problems, elsewhere = self._links(path, links, ids)
        return Checked(problems + found_problems, elsewhere, ids)

    def _links(self, path: str, links: list[tuple[int, bytes]], ids: set[bytes]) -> tuple[list[Problem], list[Anchor]]:
        problems: list[Problem] = []
        elsewhere: list[Anchor] = []
        for tag, raw in links:
            if raw[:1] == b"#" and b"&" not in raw:
                # A fragment on the page itself, as written: compared as the ids are.
                if raw[1:] not in ids:
                    link = raw.decode("utf-8", "replace")
                    problems.append(Problem(path, tag, f"link {link} to a missing anchor {link}"))
                continue
            link, target, fragment = self._target(path, raw)
            if target is None:
                continue
            if not self.is_file(target):
                problems.append(Problem(path, tag, f"a broken link {link}"))
            elif fragment and target.endswith(".html"):
                if target == path:
                    if html.escape(fragment).encode("utf-8") not in ids:
                        problems.append(Problem(path, tag, f"link {link} to a missing anchor #{fragment}"))
                else:
                    elsewhere.append((path, tag, target, fragment))
        return problems, elsewhere
