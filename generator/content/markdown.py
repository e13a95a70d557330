"""The body's Markdown, one block grammar read and written here: a
statement is a paragraph that opens with its bold label ending in a colon
(``**Vladimir Putin:** …``), a break is ``* * *``, narrative is the rest.

Read: Markdown body -> blocks of safe HTML and their plain text, with
statements found. Written (import): plain-text blocks -> Markdown, every
character kept and Markdown syntax in it escaped, so that text can never
become markup when the site is built; the body is then read back as the
build will read it, and one that would not come out as the raw text went
in is refused: escaping is checked, not trusted.

Raw HTML is disabled, images too: nothing in a transcript becomes markup
beyond the Markdown it is written in. A paragraph that opens with a bold
label ending in a colon (``**Vladimir Putin:** …``) starts a statement;
paragraphs after it belong to it until the next label, a thematic
break or a heading.

Most of every archive is what import writes: one-line paragraphs of plain
words, labels and ``* * *`` breaks. Those are read here without the
Markdown library, which costs twenty times as much per paragraph; anything
else goes through the library, run by run. ``tests/content/test_markdown.py``
holds the two ways to the same output.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from generator.kit.errors import StenogramError

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "html_block", "html_inline"]
)


@dataclass(frozen=True)
class StatementBlock:
    """A statement as the Markdown has it: its label and its paragraphs."""

    line: int  # body-relative, from 0
    label: str
    paragraphs: tuple[str, ...]  # HTML, one per block, the label removed from the first
    texts: tuple[str, ...]  # the plain text of each paragraph (list item, heading…), in order

    @property
    def text(self) -> str:
        return " ".join(self.texts)


@dataclass(frozen=True)
class Narrative:
    """Anything between statements (narrative, breaks, headings), as safe
    HTML, with the plain text of each paragraph in it (none for a break)."""

    html: str
    texts: tuple[str, ...] = ()


Block = StatementBlock | Narrative


# The body as import writes it: plain text, each paragraph a line of the
# raw transcript, before any Markdown. ``write_body`` makes its Markdown.
@dataclass(frozen=True)
class TextParagraph:
    line: int
    text: str


@dataclass(frozen=True)
class TextBreak:
    line: int


@dataclass(frozen=True)
class TextStatement:
    line: int
    label: str
    paragraphs: tuple[TextParagraph, ...]


TextBlock = TextParagraph | TextBreak | TextStatement

# Containers whose contents the Markdown library parses one level deeper.
_CONTAINERS = ("list_item_open", "blockquote_open")


class TooDeep(Exception):
    """Lists or quotes nested beyond the Markdown library's limit, which
    silently drops everything from that point on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # body-relative, from 0


class _Top(NamedTuple):
    """One top-level block of a body, read either way."""

    kind: str  # "label", "break" (a thematic break or heading: it ends a statement), "other"
    line: int
    html: str
    texts: tuple[str, ...]
    label: str = ""


# --- the plain way --------------------------------------------------------

# What may open a block at the start of a line (heading, quote, list item,
# thematic break, setext underline, fence, HTML, indented code).
_BLOCK_START = re.compile(r"[#>+\-=*_`~<]|\d{1,9}[.)]")
# What inline Markdown could read as markup; a line without any is its own text.
_MAYBE_MARKUP = re.compile(r"[\\`*_\[\]<&\x00\r]")
_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
# Left once escapes are taken out, any of these may be markup: the library decides.
# ('<' opens an autolink only before a scheme or an e-mail address: the
# source's omission mark '<…>' is text.)
_MARKUP = re.compile(
    r"[\\`*\[\]\x00\r]|<(?=[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])|(?<![^\W_])_|_(?![^\W_])|&#?[0-9A-Za-z]+;"
)
# A body holding any of these has constructs that reach across blank lines
# (a fence, a link reference definition): it goes through the library whole.
_ACROSS = re.compile(r"```|~~~|\]:")
BREAK = "* * *"


def _inline(source: str) -> str | None:
    """The text of a piece of a line that holds no markup, or None."""
    if not _MAYBE_MARKUP.search(source):
        return source
    if _MARKUP.search(_ESCAPE.sub("!", source)):  # '!' stands for an escape: punctuation, inert
        return None
    return _ESCAPE.sub(r"\1", source)


def _plain_lines(lines: list[str]) -> list[str] | None:
    """The text of each line of a paragraph that holds no markup, or None."""
    texts = []
    for line in lines:
        if line != line.strip() or _BLOCK_START.match(line):
            return None
        text = _inline(line)
        if text is None:
            return None
        texts.append(text)
    return texts


def _plain_top(lines: list[str], line: int) -> _Top | None:
    """A paragraph (perhaps a labelled one) or a break the plain way, or None."""
    first = lines[0]
    if len(lines) == 1 and first == BREAK:
        return _Top("break", line, "<hr />\n", ())
    label = ""
    if first.startswith("**"):
        end = first.find("**", 2)
        if end < 4 or first[end - 1] != ":" or first[2].isspace() or not first[end + 2:end + 3] == " ":
            return None
        label_text = _inline(first[2:end])
        rest = first[end + 2:].lstrip()
        if label_text is None or not rest or not label_text[:-1].strip():
            return None
        label = label_text[:-1].strip()
        texts = _plain_lines([rest, *lines[1:]])
        if texts is None:
            return None
        texts[0] = texts[0].lstrip()
    else:
        texts = _plain_lines(lines)
        if texts is None:
            return None
    html = "<p>" + escapeHtml("\n".join(texts)) + "</p>\n"
    return _Top("label" if label else "other", line, html, (" ".join(texts),), label)


# --- the library's way ----------------------------------------------------

def _label_of(inline: Token) -> tuple[str, list[Token]] | None:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    label_parts: list[str] = []
    for index, child in enumerate(children[1:], start=1):
        if child.type == "strong_close":
            label = "".join(label_parts)
            if not label.endswith(":") or len(label) < 2:
                return None
            rest = children[index + 1 :]
            if rest and rest[0].type == "text":
                rest = [_with_content(rest[0], rest[0].content.lstrip())] + rest[1:]
            return label[:-1].strip(), rest
        if child.type != "text":
            return None
        label_parts.append(child.content)
    return None


def _with_content(token: Token, content: str) -> Token:
    copy = token.copy()
    copy.content = content
    return copy


def _plain(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _texts(group: list[Token]) -> tuple[str, ...]:
    """The plain text of each paragraph, item, heading or code block of a block."""
    found = []
    for token in group:
        if token.type == "inline":
            found.append(_plain(token.children or []))
        elif token.type in ("fence", "code_block"):
            found.append(token.content.strip())
    return tuple(text for text in found if text)


def _library_tops(text: str, offset: int) -> Iterator[_Top]:
    tokens = _MD.parse(text)
    limit = _MD.options["maxNesting"]
    for token in tokens:
        if token.type in _CONTAINERS and token.level + 1 >= limit:
            raise TooDeep(offset + (token.map or [0])[0])
    renderer, options = _MD.renderer, _MD.options
    index = 0
    while index < len(tokens):
        token = tokens[index]
        # The top-level block: from this opening token to its matching close.
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        group = tokens[index : end + 1]
        line = offset + (token.map or [0])[0]
        index = end + 1
        if token.type == "paragraph_open":
            found = _label_of(group[1])
            if found is not None:
                label, rest = found
                html = "<p>" + renderer.renderInline(rest, options, {}) + "</p>\n"
                yield _Top("label", line, html, tuple(filter(None, [_plain(rest)])), label)
                continue
        kind = "break" if token.type in ("hr", "heading_open") else "other"
        yield _Top(kind, line, renderer.render(group, options, {}), _texts(group))


# --- both -----------------------------------------------------------------

def _tops(text: str, fast: bool) -> Iterator[_Top]:
    if not fast or _ACROSS.search(text):
        yield from _library_tops(text, 0)
        return
    lines = text.split("\n")
    run: list[str] = []  # lines the library reads, from run_start
    run_start = 0
    start = 0
    count = len(lines)
    while start < count:
        if not lines[start].strip(" \t"):
            start += 1
            continue
        end = start + 1
        while end < count and lines[end].strip(" \t"):
            end += 1
        top = _plain_top(lines[start:end], start)
        if top is None:
            if not run:
                run_start = start
            run = lines[run_start:end]
        else:
            if run:
                yield from _library_tops("\n".join(run), run_start)
                run = []
            yield top
        start = end
    if run:
        yield from _library_tops("\n".join(run), run_start)


def parse_body(text: str, fast: bool = True) -> list[Block]:
    """The body's blocks. ``fast=False`` reads every paragraph with the
    Markdown library (import does, to check its own escaping)."""
    blocks: list[Block] = []
    turn: tuple[int, str, list[str], list[str]] | None = None

    def close() -> None:
        nonlocal turn
        if turn is not None:
            line, label, html, texts = turn
            blocks.append(StatementBlock(line, label, tuple(html), tuple(texts)))
            turn = None

    for top in _tops(text, fast):
        if top.kind == "label":
            close()
            turn = (top.line, top.label, [top.html], list(top.texts))
            continue
        if top.kind == "break":
            close()
        if turn is not None:
            turn[2].append(top.html)
            turn[3].extend(top.texts)
        else:
            blocks.append(Narrative(top.html, top.texts))
    close()
    return blocks


# Writing -------------------------------------------------------------------

# An underscore between letters or digits never makes emphasis (snake_case
# stays as written); elsewhere it is escaped like the other markers.
_INLINE_MARKER = re.compile(r"[\\`*\[\]]|(?<![^\W_])_|_(?![^\W_])")
_LESS_THAN = re.compile(r"<(?!…>)")  # the source's omission mark <…> stays as printed
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What opens a block when a paragraph starts with it: a heading, a quote, a
# list item, a thematic break or setext underline, a fence of either kind.
_OPENS_BLOCK = re.compile(r"^(?:[#>+\-=~]|\d{1,9}[.)])")
# Most sentences hold none of these: one search spares them the three rewrites.
_MAY_ESCAPE = re.compile(r"[\\`*\[\]_<&]")


def escape(text: str, *, paragraph_start: bool = True) -> str:
    """Backslash-escape what CommonMark would read as markup."""
    out = text
    if _MAY_ESCAPE.search(text):
        out = _INLINE_MARKER.sub(lambda m: "\\" + m.group(), out)
        out = _LESS_THAN.sub(r"\\<", out)
        out = _ENTITY.sub(r"\\&", out)
    if paragraph_start and _OPENS_BLOCK.match(out):
        match = re.match(r"^(\d{1,9})([.)])", out)
        out = f"{match.group(1)}\\{out[match.end(1):]}" if match else "\\" + out
    return out


def write_body(blocks: list[TextBlock]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, TextBreak):
            parts.append(BREAK)
        elif isinstance(block, TextParagraph):
            parts.append(escape(block.text))
        elif isinstance(block, TextStatement):
            first, *rest = block.paragraphs
            label = escape(block.label, paragraph_start=False)
            parts.append(f"**{label}:** {escape(first.text, paragraph_start=False)}")
            parts.extend(escape(p.text) for p in rest)
    return "\n\n".join(parts)


# Text that starts with a letter and holds none but these characters is a
# plain paragraph whatever escape() does: no Markdown construct is made of them.
# (The underscore, a word character, is looked for apart: a pattern of one
# class is searched twice as fast as one with an alternative.)
_NOT_PLAIN_TEXT = re.compile(r"[^\w ,.;:?!'’\"“”()–—%/-]")


def _plain_text(text: str) -> bool:
    return text[:1].isalpha() and "_" not in text and _NOT_PLAIN_TEXT.search(text) is None


def check_kept(path, blocks: list[TextBlock], markdown: str) -> None:
    """Refuse a body whose Markdown would not give back ``blocks`` word for
    word, each paragraph a plain paragraph: a gap in ``escape`` must show up
    as an error at import, never as words missing from a page. A body of
    plain words only needs no reading back."""
    texts = [p.text for b in blocks if isinstance(b, TextStatement) for p in b.paragraphs]
    texts += [b.label for b in blocks if isinstance(b, TextStatement)]
    texts += [b.text for b in blocks if isinstance(b, TextParagraph)]
    if all(_plain_text(text) for text in texts):
        return
    found = [
        (b.label, b.text) if isinstance(b, StatementBlock) else b.html for b in parse_body(markdown, fast=False)
    ]
    for index, block in enumerate(blocks):
        if isinstance(block, TextBreak):
            wanted: object = "<hr />\n"
        elif isinstance(block, TextParagraph):
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
