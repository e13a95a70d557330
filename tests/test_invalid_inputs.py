"""The bad-input corpus: tests/fixtures/invalid/<case>/ holds the input and a
case.toml with the command, the exit code and the exact line on stderr.

An error names the file and line, exits non-zero, and leaves every file as
it was. Where the right answer is to accept the input (Windows line endings,
a byte-order mark) or to warn, the case says so: exit 0 and the exact
warning, or no output at all.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from generator.cli import main

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def snapshot(folder: Path) -> dict[str, bytes | str]:
    state: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = "-> " + os.readlink(path)
        elif path.is_file():
            state[key] = path.read_bytes()
        else:
            state[key] = "dir"
    return state


def run_case(name: str, work: Path) -> tuple[dict, int, list[str]]:
    shutil.copytree(INVALID / name, work, symlinks=True)
    spec = tomllib.loads((work / "case.toml").read_text(encoding="utf-8"))
    (work / "case.toml").unlink()
    if "pad_to" in spec:
        with (work / "input.txt").open("r+b") as stream:
            stream.truncate(spec["pad_to"])
    if spec["command"] == "import":
        argv = ["import", "input.txt", "--content", "content"]
    else:
        config = spec.get("config", str(ROOT / "stenogram.toml"))
        argv = ["build", "--content", "content", "--out", "site", "--config", config,
                "--templates", str(ROOT / "templates"), "--no-search"]
    return spec, argv


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "case"
    spec, argv = run_case(name, work)
    monkeypatch.chdir(work)
    before = snapshot(work)
    code = main(argv)
    err = capsys.readouterr().err.splitlines()
    assert code == spec["exit"]
    if spec["exit"]:
        assert err[0] == spec["message"]
        assert snapshot(work) == before, "a failed run must write nothing"
    else:
        assert err == ([spec["message"]] if spec["message"] else [])


# Inputs no fixture folder can hold: a pipe, a device, a loop of links.

def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


@pytest.mark.parametrize("make, problem", [
    (_pipe, "is not a regular file (a pipe, a device or a socket); only files are read"),
    (_zero, "is not a regular file (a pipe, a device or a socket); only files are read"),
    (_loop, "cannot read: a loop of symbolic links"),
], ids=["fifo", "dev-zero", "link-loop"])
@pytest.mark.parametrize("which", ["persons.yaml", "stenogram.toml"])
@pytest.mark.parametrize("command", ["build", "check --strict"])
def test_a_settings_file_that_is_no_file_is_one_line_not_a_hang(make, problem: str, which: str, command: str,
                                                                 tmp_path: Path, monkeypatch, capsys) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    config = tmp_path / "stenogram.toml"
    shutil.copyfile(ROOT / "stenogram.toml", config)
    monkeypatch.chdir(tmp_path)
    settings = ["--content", "content", "--config", "stenogram.toml"]
    build = ["build", "--no-search", "--templates", str(ROOT / "templates"), "--out", "site", *settings]
    assert main(build) == 0
    capsys.readouterr()
    target = (content / "persons.yaml") if which == "persons.yaml" else config
    target.unlink()
    make(target)
    code = main(build if command == "build" else ["check", "--strict", "--out", "site", *settings])
    err = capsys.readouterr().err.splitlines()  # a hang is the failure: the run never gets here
    assert code == 1
    assert err[-1] == f"{target.relative_to(tmp_path)}:1: {problem}"


def test_check_of_a_folder_that_holds_no_site_says_so(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x", encoding="utf-8")
    for folder in ("empty", "notes"):
        assert main(["check", "--out", str(tmp_path / folder)]) == 1
        assert f"{tmp_path / folder}:1: no built site here (run stenogram build)" in capsys.readouterr().err


def test_check_holds_a_site_to_the_builds_rules_for_every_kind_of_address(tmp_path: Path, capsys) -> None:
    """srcset, a form's action, url() in a style sheet, and links to the site's own host by its full address."""
    site = tmp_path / "site"
    argv = ["build", "--no-search", "--content", str(ROOT / "content"), "--out", str(site),
            "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    assert main(argv) == 0
    page = site / "404.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<img srcset="/favicon.svg 1x, /gone.png 2x" alt="">'
                    '<form action="/nowhere/"></form><a href="https://stenogram.example.org/missing/">x</a>'
                    '<a href="//stenogram.example.org/search/">fine</a><a href="https://elsewhere.example/x">out</a></main>'),
                    encoding="utf-8")
    with (site / "style.css").open("a", encoding="utf-8") as css:
        css.write("\na { background: url(gone.svg) }\n")
    capsys.readouterr()
    assert main(["check", "--out", str(site), "--config", str(ROOT / "stenogram.toml")]) == 1
    problems = [line.split(": ", 1)[1] for line in capsys.readouterr().err.splitlines() if not line.startswith("check:")]
    assert sorted(problems) == sorted(["a broken link /gone.png", "a broken link /nowhere/",
                                       "a broken link https://stenogram.example.org/missing/",
                                       "a broken link gone.svg in a style sheet"])


def test_a_space_at_the_end_of_a_file_name_shows_in_the_warning(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    stray = content / "2015" / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md "
    stray.write_text("x", encoding="utf-8")
    argv = ["build", "--no-search", "--content", str(content), "--out", str(tmp_path / "site"),
            "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    assert main(argv) == 0
    assert capsys.readouterr().err.splitlines() == [
        f'"{stray}":1: warning: not read: its name begins or ends with a space; rename it']


@pytest.mark.parametrize("option", ["--content", "--templates", "--out", "import"])
def test_a_loop_of_links_is_said_as_such(option: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    _loop(tmp_path / "loop")
    settings = {"--content": str(ROOT / "content"), "--templates": str(ROOT / "templates"), "--out": "site"}
    if option == "import":
        argv, what = ["import", "loop", "--content", "content"], "the raw file"
    else:
        settings[option] = "loop"
        argv = ["build", "--no-search", "--config", str(ROOT / "stenogram.toml"),
                *[part for pair in settings.items() for part in pair]]
        what = {"--content": "content folder", "--templates": "templates folder", "--out": "the output folder"}[option]
    assert main(argv) == 1
    assert f"loop:1: {what} is a loop of symbolic links" in capsys.readouterr().err
