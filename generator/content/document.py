"""A content file: YAML front matter between '---' lines, then Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.kit import yamlio
from generator.kit.errors import StenogramError

FENCE = "---"


def compose(front_matter: dict[str, Any], body: str) -> str:
    return f"{FENCE}\n{yamlio.dump(front_matter)}{FENCE}\n\n{body.rstrip()}\n"


def split(text: str, path: str | Path) -> tuple[str, str, int]:
    """Front matter text, body text, and the file line on which the body starts."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise StenogramError(path, 1, "no front matter: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1 :]), index + 2
    raise StenogramError(path, 1, "front matter is not closed: no second '---' line")
