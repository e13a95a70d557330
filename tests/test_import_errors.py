"""Bad raw input: one exact `path:line: message`, a failure, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from generator.ingest.importer import import_paths
from generator.ingest.raw import MAX_BYTES

SEED_TEXT = SEED.read_text(encoding="utf-8")
TRAILER = "Publication status\nPublished in sections: News\nPublication date: May 3, 2017\nText version\n"


def seed_with(old: str, new: str) -> str:
    assert old in SEED_TEXT
    return SEED_TEXT.replace(old, new, 1)


# name -> (file content as bytes or str, expected line, expected message)
CASES: dict[str, tuple[bytes | str, int, str]] = {
    "no-rubric": (SEED_TEXT.split("\n", 1)[1], 1,
                  "no rubric line: expected a section name such as 'Events' first, found 'Meeting with Defence Minister Sergei Shoigu'"),
    "no-title": ("Events\n", 1, "no title line after the rubric"),
    "title-is-date": ("Events\nMay 3, 2017\nText.\n", 2, "no title line: the line after the rubric is a date"),
    "no-date": (seed_with("October 7, 2015\n14:20\n", ""), 4,
                "no date line: expected a date such as 'October 7, 2015', found '1 of 3'"),
    "time-without-date": (seed_with("October 7, 2015\n", ""), 4, "time '14:20' without a date line before it"),
    "impossible-date": (seed_with("October 7, 2015", "February 30, 2015"), 4, "impossible date 'February 30, 2015'"),
    "unknown-month": (seed_with("October 7, 2015", "Octember 7, 2015"), 4, "unknown month 'Octember' in date 'Octember 7, 2015'"),
    "impossible-time": (seed_with("14:20\n1 of 3", "25:20\n1 of 3"), 5, "impossible time '25:20'"),
    "empty-body": ("Events\nA title\nA summary.\nMay 3, 2017\n" + TRAILER, 5,
                   "empty body: no text between the header and the trailer"),
    "header-only": ("Events\nA title\nMay 3, 2017\n", 3, "empty body: no text between the header and the trailer"),
    "label-without-text": (seed_with(" Vladimir Putin: Good.\n <…>", " Vladimir Putin:"), 27, "speaker label 'Vladimir Putin' has no text"),
    "label-then-break": (seed_with("Sergei Shoigu: We have organised", "Sergei Shoigu:\n* * *\nWe have organised"), 20,
                         "speaker label 'Sergei Shoigu' has no text"),
    "broken-label-without-colon-line": (seed_with(" Vladimir Putin: Good.", " Vladimir Putin\nGood."), 27,
                                        "speaker label 'Vladimir Putin' is not followed by a line starting with ':'"),
    "trailer-block-without-entries": (seed_with("Topics\nArmed Forces\n", "Topics\n"), 31, "trailer block 'Topics' has no entries"),
    "photo-without-caption": ("Events\nA title\nMay 3, 2017\n1 of 2\n" + TRAILER, 4, "photo counter '1 of 2' has no caption after it"),
    "title-slugs-to-nothing": (seed_with("Meeting with Defence Minister Sergei Shoigu\n", "!!!\n"), 2,
                               "title '!!!' gives an empty slug (no letters or digits)"),
    "empty-file": ("", 1, "empty file"),
    "blank-file": ("  \n\n \n", 1, "empty file"),
    "latin-1": (SEED_TEXT.replace("’", "'").replace("<…>", "...").encode("utf-8").replace(b"Good.", b"G\xe9nial."), 27,
                "not UTF-8: byte 0xe9 cannot be decoded; save the file as UTF-8"),
    "nul-bytes": (SEED_TEXT.encode("utf-8").replace(b"Good.", b"Go\x00od."), 27,
                  "binary data (NUL byte); a transcript is UTF-8 text"),
    "control-character": (seed_with("Good.", "Go\x07od."), 27, "control character U+0007 in text"),
}


def _write(path: Path, content: bytes | str) -> None:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_exact_line_and_nothing_written(case: str, tmp_path: Path) -> None:
    content, line, message = CASES[case]
    raw = tmp_path / f"{case}.txt"
    _write(raw, content)
    out = tmp_path / "content"
    [result] = import_paths([raw], out).results
    assert result.status == "failed"
    assert str(result.error) == f"{raw}:{line}: {message}"
    assert not out.exists() or not any(out.rglob("*.md"))


def test_oversized_file(tmp_path: Path) -> None:
    raw = tmp_path / "huge.txt"
    with raw.open("wb") as stream:
        stream.write(SEED_TEXT.encode("utf-8"))
        stream.truncate(MAX_BYTES + 1)
    [result] = import_paths([raw], tmp_path / "content").results
    assert str(result.error) == f"{raw}:1: file is {MAX_BYTES + 1:,} bytes; a transcript may be at most {MAX_BYTES:,}"
    assert not (tmp_path / "content").exists()


def test_directory_given_as_file_and_missing_file(tmp_path: Path) -> None:
    from generator.ingest.importer import import_file
    from generator.persons import PersonRegistry
    from generator.errors import StenogramError

    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(StenogramError) as caught:
        import_file(folder, tmp_path / "content", PersonRegistry())
    assert str(caught.value) == f"{folder}:1: is a directory, not a transcript file"
    [missing] = import_paths([tmp_path / "nope.txt"], tmp_path / "content").results
    assert str(missing.error) == f"{tmp_path / 'nope.txt'}:1: no such file"


def test_other_files_still_import(tmp_path: Path) -> None:
    bad = tmp_path / "a-bad.txt"
    bad.write_text("Events\n", encoding="utf-8")
    good = tmp_path / "b-good.txt"
    good.write_text(SEED_TEXT, encoding="utf-8")
    report = import_paths([tmp_path], tmp_path / "content")
    assert [r.status for r in report.results] == ["failed", "written"]
    assert not report.ok
