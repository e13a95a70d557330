"""Markdown bodies: a body the Markdown library would cut short is refused."""

from __future__ import annotations

import pytest

from generator.content.markdown import Narrative, TooDeep, parse_body


@pytest.mark.parametrize("line", [
    "- - - - - - - - - - x",
    "1. 1. 1. 1. 1. 1. 1. 1. 1. 1. x",
    "* 1) + - * 1) + - * 1) x",
    "> " * 20 + "x",
])
def test_nesting_past_the_limit_is_refused_at_its_line(line: str) -> None:
    with pytest.raises(TooDeep) as raised:
        parse_body(f"First paragraph.\n\n{line}\n\nWords after it.")
    assert raised.value.line == 2


def test_nesting_just_under_the_limit_keeps_every_word() -> None:
    blocks = parse_body("- - - - - - - - - x\n\nWords after it.")
    assert isinstance(blocks[-1], Narrative) and blocks[-1].html == "<p>Words after it.</p>\n"
    assert ">x<" in blocks[0].html


# Pieces that Markdown may or may not read as markup, and the blocks around them.
_PIECES = ["word", "Putin", "1,500", "snake_case", "_x_", "*x*", "**x**", "\\*", "\\[", "\\_", "\\\\", "\\a",
           "[a]", "[a](b)", "`c`", "<…>", "<a@b.c>", "<http://x>", "a < b", "&amp;", "& co", "&#35;", "Q&A;",
           "!", "~", "«quote»", "—", " ", "  ", "\t", "é", "x\u00a0y", ":", "**", "\\"]
_STARTS = ["", "", "", "# ", "> ", "- ", "1. ", "2) ", "    ", "* * *", "---", "===", "```", "[a]: /u", "**Putin:** ",
           "**Vladimir Putin:**", "**Head \\[via link\\]:** ", "** x:** ", "**:** ", "**a:**b ", "**a*b:** ", " "]


def _random_body(rng) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        lines = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            words = [rng.choice(_PIECES) for _ in range(rng.randint(0, 6))]
            lines.append(rng.choice(_STARTS) + " ".join(words) + rng.choice(["", "", "", " ", "  ", "\\"]))
        paragraphs.append("\n".join(lines))
    return rng.choice(["\n\n", "\n\n\n", "\n \n"]).join(paragraphs)


def test_the_plain_way_gives_what_the_markdown_library_gives() -> None:
    import random

    rng = random.Random(21)
    checked = 0
    for _ in range(4000):
        body = _random_body(rng)
        try:
            slow = parse_body(body, fast=False)
        except TooDeep:
            continue
        assert parse_body(body) == slow, body
        checked += 1
    assert checked > 3500


def test_plain_paragraphs_labels_and_breaks_give_their_html_and_text() -> None:
    blocks = parse_body("Opening words &amp; \\*stars\\*.\n\n* * *\n\n**Vladimir Putin:** Good <…> \"afternoon\".\n\nMore.")
    assert blocks[0] == Narrative("<p>Opening words &amp; *stars*.</p>\n", ("Opening words & *stars*.",))
    assert blocks[1] == Narrative("<hr />\n")
    assert blocks[2].label == "Vladimir Putin"
    assert blocks[2].paragraphs == ("<p>Good &lt;…&gt; &quot;afternoon&quot;.</p>\n", "<p>More.</p>\n")
    assert blocks[2].texts == ("Good <…> \"afternoon\".", "More.")


@pytest.mark.parametrize("body, texts", [
    ('Colleagues, "good" afternoon &amp; welcome.', ('Colleagues, "good" afternoon & welcome.',)),
    ("One *stressed* word.", ("One stressed word.",)),
    ("- first\n- second <b>", ("first", "second <b>")),
    ("## A heading", ("A heading",)),
    ("    code, kept", ("code, kept",)),
    ("* * *", ()),
])
def test_each_paragraph_item_heading_or_code_block_has_its_plain_text(body: str, texts: tuple) -> None:
    [block] = parse_body(body)
    assert block.texts == texts
