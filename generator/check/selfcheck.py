"""The build checks what it writes before the site is swapped in, by the
rules ``stenogram check`` holds a site to (``check.pagecheck``): a site
that fails is never published, and the error names the page and line.

The pages a build reuses were checked when they were written, and are the
same bytes (``kit.integrity``); their links cannot have broken, since a
page whose link targets change has changed data, hence a new key, and is
rendered and checked again.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.check.pagecheck import Anchor, PageChecker, Problem, ids_of
from generator.kit.errors import StenogramError


class SelfCheck:
    def __init__(self, out: Path, paths: frozenset[str], prefix: str, host: str = "") -> None:
        self.out = out
        folders = frozenset(posixpath.dirname(path) for path in paths if path.endswith("/index.html")
                            or path == "index.html")
        self.checker = PageChecker(paths.__contains__, folders.__contains__, prefix, host, characters=False)

    def page(self, path: str, data: bytes) -> list[Anchor]:
        """Check one output; returns its links to ids on other pages, for
        ``anchors`` to check once every page is written."""
        checked = self.checker.file(path, data)
        if checked.problems:
            self._fail(checked.problems[0], data)
        return checked.anchors

    def anchors(self, staging: Path, links: list[Anchor]) -> None:
        """Every link into another page finds its id there."""
        pages: dict[str, set[bytes]] = {}

        def ids(target: str) -> set[bytes]:
            if target not in pages:
                pages[target] = ids_of((staging / target).read_bytes())
            return pages[target]

        problems = self.checker.anchors(links, ids)
        if problems:
            self._fail(problems[0], (staging / problems[0].path).read_bytes())

    def _fail(self, problem: Problem, data: bytes) -> None:
        raise StenogramError(self.out / problem.path, problem.line_in(data), f"the build wrote {problem.message}")
