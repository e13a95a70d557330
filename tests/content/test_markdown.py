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
