"""The plan: every output file with its path below site/ and its key, each
path claimed once."""

from __future__ import annotations

from dataclasses import dataclass

from generator.kit.errors import StenogramError
from generator.pages.page import Page


@dataclass(frozen=True)
class Output:
    path: str  # below site/
    key: str  # same key, same bytes
    page: Page


def output_path(url: str) -> str:
    """'/events/x/' -> 'events/x/index.html'; '/feed.xml' -> 'feed.xml'."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path


def plan_outputs(pages: list[Page], settings: bytes) -> list[Output]:
    """Every page as an output file; a path claimed twice, or one outside
    the site, is an error naming both sources."""
    claims: dict[str, str] = {}
    outputs = []
    for page in pages:
        path = output_path(page.url)
        if path.startswith("/") or ".." in path.split("/"):
            raise StenogramError(page.origin, 1, f"URL {page.url} would be written outside the site")
        if path in claims:
            raise StenogramError(page.origin, 1, f"{page.url} is produced both by {claims[path]} and by {page.origin}")
        claims[path] = page.origin
        outputs.append(Output(path, page.key(settings), page))
    return outputs

