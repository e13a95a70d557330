"""Write a parsed transcript as a content file (front matter + Markdown).

Every character of the raw text is kept; Markdown syntax in it is escaped,
so that text can never become markup when the site is built. The body is
then read back as the build will read it, and a body that would not come
out as the raw text went in is refused: escaping is checked, not trusted.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import escapeHtml

from generator.kit.dates import DateProblem, iso, moscow_datetime, parse_date, parse_time
from generator.content.document import compose
from generator.content.markdown import StatementBlock, parse_body
from generator.kit.errors import StenogramError
from generator.ingest.raw import RawTranscript
from generator.ingest.statements import BREAK, Block, Break, Paragraph, Resolution, RawStatement

# An underscore between letters or digits never makes emphasis (snake_case
# stays as written); elsewhere it is escaped like the other markers.
_INLINE = re.compile(r"[\\`*\[\]]|(?<![^\W_])_|_(?![^\W_])")
_LESS_THAN = re.compile(r"<(?!…>)")  # the source's omission mark <…> stays as printed
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What opens a block when a paragraph starts with it: a heading, a quote, a
# list item, a thematic break or setext underline, a fence of either kind.
_BLOCK_START = re.compile(r"^(?:[#>+\-=~]|\d{1,9}[.)])")
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


# Text that starts with a letter and holds none but these characters is a
# plain paragraph whatever escape() does: no Markdown construct is made of them.
# (The underscore, a word character, is looked for apart: a pattern of one
# class is searched twice as fast as one with an alternative.)
_NOT_PLAIN = re.compile(r"[^\w ,.;:?!'’\"“”()–—%/-]")


def _plain(text: str) -> bool:
    return text[:1].isalpha() and "_" not in text and _NOT_PLAIN.search(text) is None


def check_kept(path, blocks: list[Block], markdown: str) -> None:
    """Refuse a body whose Markdown would not give back ``blocks`` word for
    word, each paragraph a plain paragraph: a gap in ``escape`` must show up
    as an error at import, never as words missing from a page. A body of
    plain words only needs no reading back."""
    texts = [p.text for b in blocks if isinstance(b, RawStatement) for p in b.paragraphs]
    texts += [b.label for b in blocks if isinstance(b, RawStatement)]
    texts += [b.text for b in blocks if isinstance(b, Paragraph)]
    if all(_plain(text) for text in texts):
        return
    found = [
        (b.label, b.text) if isinstance(b, StatementBlock) else b.html for b in parse_body(markdown, fast=False)
    ]
    for index, block in enumerate(blocks):
        if isinstance(block, Break):
            wanted: object = "<hr />\n"
        elif isinstance(block, Paragraph):
            wanted = f"<p>{escapeHtml(block.text)}</p>\n"
        else:
            wanted = (block.label, " ".join(p.text for p in block.paragraphs))
        if index >= len(found) or found[index] != wanted:
            raise StenogramError(
                path, block.line,
                "this text would not come out of Markdown as written, and import never loses words "
                "(please report it, with the file)",
            )
    if len(found) > len(blocks):
        raise StenogramError(path, blocks[-1].line, "the body would not come out of Markdown as written "
                             "(please report it, with the file)")


def front_matter(
    raw: RawTranscript, resolution: Resolution, slug: str | None, source_url: str | None = None
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
        ("attending", dict(resolution.attending)),
        ("photos", [line.text for line in raw.photos]),
    ]
    data.update((key, value) for key, value in optional if value)
    # The raw file's digest: what tells a re-import of the same text from a
    # different transcript, whatever the files are called.
    data["source"] = {"file": raw.path.name, "rubric": raw.rubric, "sha256": raw.sha256}
    if source_url or raw.origin.url:
        data["source"]["url"] = source_url or raw.origin.url
    if raw.origin.retrieved:
        data["source"]["retrieved"] = raw.origin.retrieved.isoformat()
    if resolution.unsettled:
        # Names import had to guess: the build reports them until persons.yaml confirms them.
        data["source"]["unsettled"] = list(dict.fromkeys(resolution.unsettled))
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
    raw: RawTranscript, blocks: list[Block], resolution: Resolution, slug: str | None = None,
    source_url: str | None = None,
) -> str:
    body = body_markdown(blocks)
    check_kept(raw.path, blocks, body)
    return compose(front_matter(raw, resolution, slug, source_url), body)
