"""Properties of import and front matter, over generated input."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, strategies as st

from generator.kit import yamlio
from generator.kit.characters import FORBIDDEN
from generator.content.model import Statement
from generator.content.event_reader import read_event
from generator.content.file_format import compose, split
from generator.kit.errors import StenogramError
from generator.ingest.importer import import_file
from generator.content.persons import PersonRegistry

WORD = re.compile(r"[^\W_]+")  # runs of letters and digits
MONTHS = ["January", "February", "March", "October", "December"]
NAMES = ["Vladimir Putin", "Sergei Shoigu", "Angela Merkel", "Recep Tayyip Erdogan"]

words = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd"]), min_size=1, max_size=12)
punctuation = st.sampled_from([",", ".", ":", "?", "!", ";", " -", " –", "’s", " (", ")", "*", "_", "[", "]", "<", ">", "&", "#", "`", "\\"])
prose = st.lists(st.tuples(words, st.one_of(st.just(""), punctuation)), min_size=1, max_size=25).map(
    lambda parts: " ".join(w + p for w, p in parts)
)
label = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES).map(lambda n: f"President of Russia {n}"),
    st.sampled_from(NAMES).map(lambda n: f"Minister of Defence {n} (retranslated)"),
    st.just("Question"),
)
# Everything raw text can trigger in Markdown by accident, at a line's start.
TRIGGERS = ["~~~", "~~~python ", "```", "```js ", "#", "## ", "> ", ">", "- ", "+ ", "* ", "1. ", "1) ", "***",
            "---", "___", "===", "- - -", "| a | b |\n|---|---|\n", "<div>", "<!-- ", "<http://x.example> ",
            "[ref]: http://x.example ", "&amp; ", "&#42; ", "- - - - - - - - - - - ",
            "1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. ", "> > > > > > > > > > > ", "    code ", "\tcode ", "Heading\n===\n",
            "Heading\n---\n", "\\", "  \\\n"]
trigger_line = st.tuples(st.sampled_from(TRIGGERS), st.one_of(st.just(""), prose)).map("".join)
body_line = st.one_of(
    prose,
    trigger_line,
    st.tuples(label, trigger_line).map(lambda t: f"{t[0]}: {t[1]}"),
    st.tuples(label, prose).map(lambda t: f"{t[0]}: {t[1]}"),
    st.tuples(label, prose).map(lambda t: f" {t[0]}\n: {t[1]}"),
    st.just("* * *"),
    st.just("<…>"),
    prose.map(lambda p: "  " + p),
)
date_line = st.tuples(st.sampled_from(MONTHS), st.integers(1, 28), st.integers(2000, 2030)).map(
    lambda t: f"{t[0]} {t[1]}, {t[2]}"
)
TRAILER_PARTS = ["Geography\nSochi", "Topics\nEconomy", "Persons\nPutin Vladimir", "Publication status",
                 "Published in sections: News", "Text version"]
trailer = st.lists(st.sampled_from(TRAILER_PARTS), max_size=4, unique=True).map(
    lambda parts: "\n".join(sorted(parts, key=TRAILER_PARTS.index))
)


@st.composite
def transcripts(draw) -> tuple[str, list[str]]:
    """A raw transcript in the source's layout, and the lines of its body."""
    body = draw(st.lists(body_line, min_size=1, max_size=12))
    summary = draw(st.one_of(st.just([]), prose.map(lambda p: [p + "."])))
    header = ["Events", draw(prose.filter(lambda p: re.search(r"[A-Za-z0-9]", p))) + " talks", *summary, draw(date_line)]
    return "\n".join([*header, *body, draw(trailer)]) + "\n", body


def _import(text: str, folder: Path):
    raw = folder / "raw.txt"
    raw.write_bytes(text.encode("utf-8", "surrogatepass"))
    return import_file(raw, folder / "content", PersonRegistry())


def _loaded_words(target: Path) -> list[str]:
    _, body = read_event(target, PersonRegistry(), [], target.read_bytes())
    parts: list[str] = []
    for block in body:
        if isinstance(block, Statement):
            parts += [block.label, block.text]
        else:
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", block.html)))
    return WORD.findall(" ".join(parts))


@given(st.text(max_size=2000))
@example("\x85")  # found by hypothesis: Python's strip() eats U+0085, leaving no lines
def test_importer_never_crashes_on_any_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            result = _import(text, Path(folder))
        except StenogramError as error:
            assert re.fullmatch(r".+:\d+: .+", str(error)) and "\n" not in str(error)
        else:
            read_event(result.target, PersonRegistry(), [])  # what import writes, build reads


@given(transcripts())
def test_import_then_load_keeps_every_word_in_order(case) -> None:
    text, body = case
    with tempfile.TemporaryDirectory() as folder:
        try:
            result = _import(text, Path(folder))
        except StenogramError as error:
            # The only refusals for this shape: a label with nothing after it, or a
            # last paragraph that reads as a trailer's heading ('Topics') with no entries.
            assert ("has no text" in str(error) or "not followed by a line starting with ':'" in str(error)
                    or "has no entries" in str(error)), str(error)
            return
        front, markdown_body, _ = split(result.target.read_text(encoding="utf-8"), result.target)
        expected = WORD.findall(" ".join(body))
        assert WORD.findall(markdown_body) == expected
        assert _loaded_words(result.target) == expected
        _, loaded = read_event(result.target, PersonRegistry(), [], result.target.read_bytes())
        for block in loaded:  # never markup: paragraphs and breaks only
            fragments = block.paragraphs if isinstance(block, Statement) else [block.html]
            for fragment in fragments:
                assert re.fullmatch(r"<p>[^<]*</p>\n|<hr />\n", fragment), fragment


yaml_words = st.sampled_from(["no", "yes", "null", "~", "true", "1e3", "0x10", "012", ".inf", "- a", "? x", "a: b", "#c", "&a", "*a", "!tag", "'", '"', "|", ">", "%", "@", "`", "{", "}", "[", "]", "---", "..."])
awkward = st.one_of(st.text(min_size=1), yaml_words, st.lists(yaml_words, min_size=1).map(" ".join))


@given(awkward, st.lists(awkward, max_size=4), st.dictionaries(awkward, st.one_of(st.none(), awkward), max_size=3))
@example("a\x85b", ["\u2028"], {"\u2029": None})  # found by hypothesis: PyYAML read these back as spaces
def test_any_front_matter_string_round_trips(title: str, topics: list[str], speakers: dict) -> None:
    data = {"title": title, "date": "2015-10-07T14:20:00+03:00", "topics": topics, "speakers": speakers}
    text = compose(data, "Body.")
    front, body, _ = split(text, "x.md")
    strings = [title, *topics, *speakers, *(v for v in speakers.values() if v)]
    if any(FORBIDDEN.search(s) for s in strings):  # written as escapes, refused when read
        with pytest.raises(StenogramError, match=r"^x\.md:\d+: (control character|lone surrogate|non-character) U\+"):
            yamlio.load(front, "x.md")
        return
    loaded, _ = yamlio.load(front, "x.md")
    assert loaded == data
    assert body.strip() == "Body."
