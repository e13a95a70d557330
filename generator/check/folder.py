"""``stenogram check``: a built site, file by file, by the rules the build
holds what it writes to (``check.pagecheck``), in one pass over each
file and one walk of the site."""

from __future__ import annotations

import os
from pathlib import Path

from generator.check.pagecheck import Checked, PageChecker, Problem
from generator.kit.errors import StenogramError
from generator.kit.files import MAX_INPUT_BYTES, read_regular
from generator.kit.layout import MARKER, SEARCH_FOLDER  # Pagefind's own files: not pages of ours
from generator.kit.progress import Reporter, SILENT
from generator.kit.workers import cores, parallel_map


def _walk(site: Path) -> tuple[list[str], set[str], set[str]]:
    """The files to check, every file, and every folder of the site (paths below it)."""
    checked, files, folders = [], set(), {""}
    for root, dirs, names in os.walk(site):
        dirs.sort()
        relative = os.path.relpath(root, site).replace(os.sep, "/")
        relative = "" if relative == "." else relative
        base = relative + "/" if relative else ""
        folders.update(base + name for name in dirs)
        for name in sorted(names):
            files.add(base + name)
            if relative.split("/")[0] != SEARCH_FOLDER and name.endswith((".html", ".xml", ".json", ".css")):
                checked.append(base + name)
    return checked, files, folders


def check_site(site: Path, prefix: str = "", reporter: Reporter = SILENT, jobs: int | None = None,
               host: str = "") -> list[str]:
    """Problems as 'path:line: message', sorted; empty when all is well."""
    # A folder with neither the build's marker nor a home page is no site:
    # "0 problems" there would vouch for nothing.
    if not site.is_dir() or not ((site / MARKER).exists() or (site / "index.html").is_file()):
        return [f"{site}:1: no built site here (run stenogram build)"]
    paths, files, folders = _walk(site)
    checker = PageChecker(files.__contains__, folders.__contains__, prefix, host)
    problems: list[Problem] = []
    anchors = []
    ids: dict[str, set[bytes]] = {}

    def check(path: str) -> Checked:
        try:
            data = read_regular(site / path, MAX_INPUT_BYTES, "a page")
        except StenogramError as error:  # a pipe or a device where a page should be
            return Checked([Problem(path, -1, error.message, 1)], [], set())
        return checker.file(path, data)

    with reporter.stage("check", len(paths)) as advance:
        checked_files = parallel_map(check, paths, jobs or cores(), chunksize=32)
        for path, checked in zip(paths, checked_files):
            problems += checked.problems
            anchors += checked.anchors
            if path.endswith(".html"):
                ids[path] = checked.ids
            advance(1)
    problems += checker.anchors(anchors, lambda target: ids.get(target, set()))
    return sorted(f"{site / p.path}:{p.line if p.tag < 0 else p.line_in((site / p.path).read_bytes())}: {p.message}"
                  for p in problems)
