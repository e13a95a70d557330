"""The content file format's own pieces: a key placed in the contract's
order, and a body given back as it was composed."""

from __future__ import annotations

from generator.content.file_format import body_of, compose, placed, split


def test_a_key_goes_after_the_last_key_that_comes_before_it() -> None:
    front = {"title": "T", "date": "D", "mine": 1, "summary": "S", "source": {"file": "f"}}
    assert list(placed(front, "updated", "U")) == ["title", "date", "updated", "mine", "summary", "source"]
    assert list(placed(front, "slug", "s")) == ["title", "date", "slug", "mine", "summary", "source"]
    assert list(placed({"mine": 1}, "title", "T")) == ["title", "mine"]
    # A key already there is moved to its place, and given its new value.
    assert placed({"slug": "a", "title": "T", "date": "D"}, "slug", "b") == {"title": "T", "date": "D", "slug": "b"}
    assert list(placed({"slug": "a", "title": "T", "date": "D"}, "slug", "b")) == ["title", "date", "slug"]


def test_the_body_comes_back_as_it_was_composed() -> None:
    for body in ("One.\n\nTwo.", "Trailing spaces.   \n\n", "**A:** b\n\n* * *\n\nc"):
        text = compose({"title": "T", "source": {"file": "f"}}, body)
        assert compose({"title": "T", "source": {"file": "f"}}, body_of(text)) == text
        assert split(text, "x.md")[1] == f"\n{body.rstrip()}\n"
