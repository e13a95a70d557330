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
