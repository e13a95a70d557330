"""The shrink guard: a build that would drop all, or more than half, of the
transcripts the site in place has stops, unless told --allow-shrink."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, tree
from generator.cli import main
from modelfixtures import small_archive


def build(content: Path, site: Path, *extra: str) -> int:
    return main(["build", "--quiet", "--no-search", "--content", str(content), "--out", str(site),
                 "--cache", str(site.parent / "cache"), "--config", str(ROOT / "stenogram.toml"),
                 "--templates", str(ROOT / "templates"), *extra])


def test_an_empty_content_folder_never_replaces_a_published_site(tmp_path: Path, capsys) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    assert build(content, site) == 0
    published = tree(site)
    empty = tmp_path / "typo"
    empty.mkdir()
    assert build(empty, site) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{empty}:1: 0 transcripts here, where the site in {site} has 3: this build would drop all of them; "
        "check --content, or pass --allow-shrink if that is what you mean"
    ]
    assert tree(site) == published
    assert build(empty, site, "--allow-shrink") == 0
    assert not (site / "events" / "2020-01-10-first").exists()


def test_dropping_more_than_half_stops_and_half_is_allowed(tmp_path: Path, capsys) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    for extra in range(3):  # six transcripts in all
        shutil.copy(content / "2020" / "2020-01-10-first.md", content / "2020" / f"2020-01-1{extra + 1}-first.md")
        path = content / "2020" / f"2020-01-1{extra + 1}-first.md"
        path.write_text(path.read_text(encoding="utf-8").replace("2020-01-10T", f"2020-01-1{extra + 1}T"),
                        encoding="utf-8")
    assert build(content, site) == 0
    for extra in range(3):  # drop to three: exactly half
        (content / "2020" / f"2020-01-1{extra + 1}-first.md").unlink()
    assert build(content, site) == 0
    (content / "2021" / "2021-03-10-third.md").unlink()
    (content / "2020" / "2020-02-10-second.md").unlink()
    assert build(content, site) == 1
    assert "this build would drop 2 of them, more than half" in capsys.readouterr().err
    assert (site / "events" / "2020-02-10-second" / "index.html").is_file()
