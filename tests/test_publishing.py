"""The publisher's path: drop folder import, live preview, --help, workflows."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from generator.cli import main, parser

SEED_MD = "2015/2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"


def test_drop_folder_moves_imported_files_and_keeps_failures(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    shutil.copy(SEED, incoming)
    (incoming / "broken.txt").write_text("Events\n", encoding="utf-8")
    assert main(["import"]) == 1
    out, err = capsys.readouterr()
    assert "incoming/broken.txt:1: no title line after the rubric" in err
    assert "import: 1 written, 0 unchanged, 1 failed" in err
    assert (tmp_path / "content" / SEED_MD).is_file()
    assert (tmp_path / "raw" / "2015" / SEED.name).read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in incoming.iterdir()) == ["broken.txt"]
    # The same file dropped again: unchanged, and archived without a duplicate.
    shutil.copy(SEED, incoming)
    (incoming / "broken.txt").unlink()
    assert main(["import"]) == 0
    assert "import: 0 written, 1 unchanged, 0 failed" in capsys.readouterr().out
    assert list(incoming.iterdir()) == []
    assert [p.name for p in (tmp_path / "raw" / "2015").iterdir()] == [SEED.name]


def test_a_moved_file_s_warnings_name_it_where_it_is_now(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    lines = SEED.read_text(encoding="utf-8").split("\n")
    lines.insert(5, "Attending the meeting was President of Zembla Kinbote Odon Zavier.")
    (incoming / SEED.name).write_text("\n".join(lines), encoding="utf-8")
    assert main(["import"]) == 0
    err = capsys.readouterr().err
    assert f"raw/2015/{SEED.name}:6: warning: present: 'President of Zembla Kinbote Odon Zavier' taken as" in err
    assert "incoming/" not in err


def test_explicit_paths_are_not_moved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "elsewhere" / SEED.name
    source.parent.mkdir()
    shutil.copy(SEED, source)
    assert main(["import", str(source), "--quiet"]) == 0
    assert source.exists() and not (tmp_path / "raw").exists()


def test_missing_drop_folder_is_explained(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import"]) == 1
    assert capsys.readouterr().err == "incoming:1: no drop folder here: pass raw files, or create incoming/\n"


COMMANDS = {
    "import": "Import raw 'text version' transcripts",
    "build": "Build the static site from content/",
    "check": "Check a built site",
    "serve": "Build the site, serve it on 127.0.0.1",
}


def test_every_command_has_help_that_says_what_it_does(capsys) -> None:
    subcommands = next(a for a in parser()._actions if a.dest == "command").choices
    assert sorted(subcommands) == sorted(COMMANDS)
    for name, words in COMMANDS.items():
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        assert words in text, name
        assert "--quiet" in text and "--verbose" in text
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", result.stdout, flags=re.M), name


def test_plain_progress_lines_in_ci(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-search", "--content", str(ROOT / "content"),
         "--out", str(tmp_path / "site"), "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")],
        capture_output=True, text=True, env={"CI": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    *stages, summary = result.stdout.splitlines()
    assert [line.split(":")[0] for line in stages] == ["load content", "model and pages", "render and write"]
    assert re.fullmatch(r"build: 10 transcripts, \d+ files written, \d+ unchanged, 0 warnings, no search index, in \d+\.\d\ds", summary)
    assert result.stderr == ""
    quiet = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--quiet", "--no-search", "--content", str(ROOT / "content"),
         "--out", str(tmp_path / "site"), "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")],
        capture_output=True, text=True,
    )
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_the_publish_workflow_lists_unsettled_names_or_fails_on_them_by_a_setting() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["UNSETTLED_NAMES"] == "list"  # the default: publish, and say which names are guessed
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", "") for step in steps]
    # After the build and its check, before anything is uploaded.
    at = names.index("Names import guessed (UNSETTLED_NAMES above)")
    assert names.index("Check links") < at < next(i for i, s in enumerate(steps) if "upload-pages" in s.get("uses", ""))
    script = steps[at]["run"]
    assert "stenogram check --strict" in script and "GITHUB_STEP_SUMMARY" in script
    assert '[ "$UNSETTLED_NAMES" = fail ]' in script and "exit 1" in script


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["publish.yml", "tests.yml"]
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is installed by the test extra"
    result = subprocess.run([actionlint, "-no-color", *map(str, workflows)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(workflows[0].read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs-on: [ubuntu-latest", 1))
    assert subprocess.run([actionlint, str(broken)], capture_output=True).returncode != 0
