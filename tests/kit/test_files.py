"""Reading only regular files within a cap, writing files with the modes a
user expects, and messages that show what they name."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from generator.cli import main
from generator.kit.errors import Diagnostic, StenogramError, visible
from generator.kit.files import read_regular, write_file_atomic
from generator.ingest.importer import import_paths


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "transcript.txt"
    os.mkfifo(fifo)
    assert main(["import", str(fifo), "--content", str(tmp_path / "content")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{fifo}:1: is not a regular file (a pipe, a device or a socket); only files are read")


def test_dev_zero_is_refused_before_reading() -> None:
    with pytest.raises(StenogramError, match=r"^/dev/zero:1: is not a regular file"):
        read_regular(Path("/dev/zero"), 1024)


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(StenogramError, match=r"file is 11 bytes; a transcript may be at most 10$"):
        read_regular(path, 10)


def _stated_smaller(monkeypatch, by: int) -> None:
    """The file grows between its status and its read: fstat reports it ``by`` bytes short."""
    real = os.fstat

    def fstat(handle: int) -> os.stat_result:
        found = real(handle)
        return os.stat_result((*found[:6], found.st_size - by, *found[7:10]))

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_that_grows_after_its_size_was_taken_is_read_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    _stated_smaller(monkeypatch, 4000)
    assert read_regular(path, 10_000) == path.read_bytes()


def test_a_file_that_grows_past_the_cap_after_its_size_was_taken_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    _stated_smaller(monkeypatch, 5)
    with pytest.raises(StenogramError, match=r"file is more than 10 bytes; a transcript may be at most 10$"):
        read_regular(path, 10)


def test_a_symbolic_link_is_refused_where_links_are_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.html"
    target.write_text("x", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    assert read_regular(link, 10, "a page") == b"x"
    with pytest.raises(StenogramError, match=r"link.html:1: is a symbolic link, which is not followed here$"):
        read_regular(link, 10, "a page", follow_links=False)


def test_a_fifo_in_content_is_an_error_not_a_hang(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content" / "2015"
    content.mkdir(parents=True)
    os.mkfifo(content / "2015-10-07-x.md")
    code = main(["build", "--no-search", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                 "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{content / '2015-10-07-x.md'}:1: is not a regular file (a pipe, a device or a socket)"]


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file_atomic(tmp_path / "new.md", "x")
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
    finally:
        os.umask(old)
    content = tmp_path / "content"
    [result] = import_paths([SEED], content).results
    target = result.target
    target.chmod(0o444)
    target.write_bytes(target.read_bytes().replace(b"Good.", b"Good, edited."))  # root may, others would chmod first
    [forced] = import_paths([SEED], content, force=True).results
    assert forced.status == "written"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_messages_show_what_cannot_be_seen() -> None:
    assert visible("Ivan\u200bPetrov\nx\u00a0y é") == "Ivan\\u200bPetrov\\nx\\xa0y é"
    assert str(Diagnostic("a\tb.md", 2, "label 'Anna\u2028Testova'")) == "a\\tb.md:2: label 'Anna\\u2028Testova'"
    assert str(StenogramError("x.md", 1, "plain é")) == "x.md:1: plain é"
