"""``stenogram check``: a built site, file by file, by the rules the build
holds what it writes to (``output.pagecheck``), in one pass over each
file and one walk of the site."""

from __future__ import annotations

import os
from pathlib import Path

from generator.kit.progress import Reporter, SILENT
from generator.kit.workers import cores, parallel_map
from generator.output.pagecheck import PageChecker, Problem
from generator.output.staging import SEARCH_FOLDER  # Pagefind's own files: not pages of ours


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
            if relative.split("/")[0] != SEARCH_FOLDER and name.endswith((".html", ".xml", ".json")):
                checked.append(base + name)
    return checked, files, folders


def check_site(site: Path, prefix: str = "", reporter: Reporter = SILENT, jobs: int | None = None) -> list[str]:
    """Problems as 'path:line: message', sorted; empty when all is well."""
    if not site.is_dir():
        return [f"{site}:1: no built site here (run stenogram build)"]
    paths, files, folders = _walk(site)
    checker = PageChecker(files.__contains__, folders.__contains__, prefix)
    problems: list[Problem] = []
    anchors = []
    ids: dict[str, set[bytes]] = {}
    with reporter.stage("check", len(paths)) as advance:
        checked_files = parallel_map(lambda path: checker.file(path, (site / path).read_bytes()), paths,
                                     jobs or cores(), chunksize=32)
        for path, checked in zip(paths, checked_files):
            problems += checked.problems
            anchors += checked.anchors
            if path.endswith(".html"):
                ids[path] = checked.ids
            advance(1)
    problems += checker.anchors(anchors, lambda target: ids.get(target, set()))
    return sorted(f"{site / p.path}:{p.line_in((site / p.path).read_bytes())}: {p.message}" for p in problems)
