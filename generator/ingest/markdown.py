"""Write a parsed transcript as a content file (front matter + Markdown).

Every character of the raw text is kept; Markdown syntax in it is escaped,
so that text can never become markup when the site is built.
"""

from __future__ import annotations

import re
from typing import Any

from generator.kit.dates import DateProblem, iso, moscow_datetime, parse_date, parse_time
from generator.content.document import compose
from generator.ingest.raw import RawTranscript
from generator.ingest.statements import BREAK, Block, Break, Paragraph, Resolution, RawStatement

# An underscore between letters or digits never makes emphasis (snake_case
# stays as written); elsewhere it is escaped like the other markers.
_INLINE = re.compile(r"[\\`*\[\]]|(?<![^\W_])_|_(?![^\W_])")
_LESS_THAN = re.compile(r"<(?!…>)")  # the source's omission mark <…> stays as printed
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(?:[#>+\-]|\d{1,9}[.)])")
# Most sentences hold none of these: one search spares them the three rewrites.
_SPECIAL = re.compile(r"[\\`*\[\]_<&]")


def escape(text: str, *, paragraph_start: bool = True) -> str:
    """Backslash-escape what CommonMark would read as markup."""
    out = text
    if _SPECIAL.search(text):
        out = _INLINE.sub(lambda m: "\\" + m.group(), out)
        out = _LESS_THAN.sub(r"\\<", out)
        out = _ENTITY.sub(r"\\&", out)
    if paragraph_start and _BLOCK_START.match(out):
        match = re.match(r"^(\d{1,9})([.)])", out)
        out = f"{match.group(1)}\\{out[match.end(1):]}" if match else "\\" + out
    return out


def body_markdown(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Break):
            parts.append(BREAK)
        elif isinstance(block, Paragraph):
            parts.append(escape(block.text))
        elif isinstance(block, RawStatement):
            first, *rest = block.paragraphs
            label = escape(block.label, paragraph_start=False)
            parts.append(f"**{label}:** {escape(first.text, paragraph_start=False)}")
            parts.extend(escape(p.text) for p in rest)
    return "\n\n".join(parts)


def front_matter(
    raw: RawTranscript, resolution: Resolution, slug: str | None
) -> dict[str, Any]:
    """Keys in the contract's order; optional keys only when they have a value."""
    clock = raw.at or _published_time(raw)
    data: dict[str, Any] = {
        "title": raw.title.text,
        "date": iso(moscow_datetime(raw.day, clock)),
    }
    optional: list[tuple[str, Any]] = [
        ("slug", slug),
        ("summary", raw.summary.text if raw.summary else None),
        ("sections", list(raw.trailer.sections)),
        ("geography", [line.text for line in raw.trailer.geography]),
        ("topics", [line.text for line in raw.trailer.topics]),
        ("persons", list(resolution.persons)),
        ("speakers", dict(resolution.speakers)),
        ("photos", [line.text for line in raw.photos]),
    ]
    data.update((key, value) for key, value in optional if value)
    data["source"] = {"file": raw.path.name, "rubric": raw.rubric}
    return data


def _published_time(raw: RawTranscript):
    """The trailer's 'Publication date: October 7, 2015, 14:20' gives the time
    when the header has none, provided it is the same day."""
    published = raw.trailer.published or ""
    day_text, _, clock_text = published.rpartition(", ")
    try:
        if clock_text and parse_date(day_text) == raw.day:
            return parse_time(clock_text)
    except DateProblem:
        pass
    return None


def transcript_document(
    raw: RawTranscript, blocks: list[Block], resolution: Resolution, slug: str | None = None
) -> str:
    return compose(front_matter(raw, resolution, slug), body_markdown(blocks))
