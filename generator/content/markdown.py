"""Markdown body -> blocks of safe HTML, with statements found.

Raw HTML is disabled, images too: nothing in a transcript becomes markup
beyond the Markdown it is written in. A paragraph that opens with a bold
label ending in a colon (``**Vladimir Putin:** …``) starts a statement;
paragraphs after it belong to it until the next label, a thematic
break or a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "html_block", "html_inline"]
)


@dataclass(frozen=True)
class StatementBlock:
    """A statement as the Markdown has it: its label and its paragraphs."""

    line: int  # body-relative, from 0
    label: str
    paragraphs: tuple[str, ...]  # HTML, the label removed from the first
    text: str  # plain text of the whole statement


@dataclass(frozen=True)
class Narrative:
    """Anything between statements (narrative, breaks, headings), as safe HTML."""

    html: str


Block = StatementBlock | Narrative

# Containers whose contents the Markdown library parses one level deeper.
_CONTAINERS = ("list_item_open", "blockquote_open")


class TooDeep(Exception):
    """Lists or quotes nested beyond the Markdown library's limit, which
    silently drops everything from that point on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # body-relative, from 0


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
        if token.type == "inline":
            parts.append(_plain(token.children or []))
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def parse_body(text: str) -> list[Block]:
    tokens = _MD.parse(text)
    limit = _MD.options["maxNesting"]
    for token in tokens:
        if token.type in _CONTAINERS and token.level + 1 >= limit:
            raise TooDeep((token.map or [0])[0])
    renderer = _MD.renderer
    options = _MD.options
    blocks: list[Block] = []
    turn: dict | None = None

    def close() -> None:
        nonlocal turn
        if turn is not None:
            blocks.append(
                StatementBlock(turn["line"], turn["label"], tuple(turn["html"]), " ".join(turn["text"]).strip())
            )
            turn = None

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
        if token.type == "paragraph_open":
            found = _label_of(group[1])
            if found is not None:
                close()
                label, rest = found
                html = "<p>" + renderer.renderInline(rest, options, {}) + "</p>\n"
                turn = {"line": (token.map or [0])[0], "label": label, "html": [html], "text": [_plain(rest)]}
                index = end + 1
                continue
        html = renderer.render(group, options, {})
        if token.type in ("hr", "heading_open"):
            close()
        if turn is not None:
            turn["html"].append(html)
            turn["text"].append(_plain(group))
        else:
            blocks.append(Narrative(html))
        index = end + 1
    close()
    return blocks
