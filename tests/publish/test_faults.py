"""Faults while writing: Ctrl-C at any moment, Pagefind dying, a full disk,
a read-only folder, a second build into the same folder. Each ends in one
line and an exit code that says what happened, the previous site in place,
no process left behind and nothing half-written left on the disk.

Timeouts here are generous and only there to fail on a hang, never on speed."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, tree
from modelfixtures import small_archive

HANG = 60  # seconds: far beyond any of these builds; reaching it means a hang


def interruptible() -> None:
    """In the child before it starts: Ctrl-C as a terminal delivers it. A
    test run in the background (nohup, '&' in a script) inherits SIGINT
    ignored, and Python then never turns it into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def command(content: Path, site: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(site),
            "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates"), *extra]


def group_members(group: int) -> list[int]:
    """The processes still alive in a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stream:
                    fields = stream.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != b"Z":
                members.append(int(entry))
    return members


def fake_pagefind(tmp_path: Path, script: str) -> dict[str, str]:
    """An environment whose Pagefind is ``script`` (a shell script)."""
    path = tmp_path / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return {**os.environ, "PAGEFIND_BINARY_PATH": str(path)}


def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    subprocess.run(command(content, site, "--quiet", "--no-search"), check=True, cwd=tmp_path)
    first = content / "2020" / "2020-01-10-first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("One.", "One, edited."), encoding="utf-8")
    return content, site, tree(site)


def test_ctrl_c_while_pagefind_indexes_ends_the_build_at_once(tmp_path: Path) -> None:
    content, site, before = built(tmp_path)
    started = tmp_path / "pagefind-started"
    env = fake_pagefind(tmp_path, f"touch {started}\nexec sleep 600\n")  # a Pagefind that never finishes
    process = subprocess.Popen(command(content, site, "--quiet"), cwd=tmp_path, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)
    deadline = time.monotonic() + HANG
    while not started.exists():
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    out, err = process.communicate(timeout=HANG)
    assert process.returncode == 130
    assert err.splitlines() == ["stenogram: interrupted"]
    assert group_members(process.pid) == []
    assert tree(site) == before


def test_pagefind_dying_is_an_error_naming_the_search_stage(tmp_path: Path) -> None:
    content, site, before = built(tmp_path)
    env = fake_pagefind(tmp_path, "kill -9 $$\n")
    done = subprocess.run(command(content, site, "--quiet"), cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=HANG)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert re.match(rf"{re.escape(str(tmp_path))}/\.site\.staging/pagefind/\d{{4}}-\d\d-\d\d-[0-9a-f]{{6}}:1: ", line)
    assert line.endswith(": search indexing failed: Pagefind was stopped by signal 9")
    assert tree(site) == before
    assert not (tmp_path / ".site.staging").exists()  # a failed build leaves nothing half-written


def test_ctrl_c_while_rendering_says_one_line(tmp_path: Path) -> None:
    from synth import generate

    content, site = tmp_path / "content", tmp_path / "site"
    generate(400, tmp_path / "raw", seed=3)
    subprocess.run([sys.executable, "-m", "generator", "import", "--quiet", str(tmp_path / "raw"),
                    "--content", str(content)], check=True, cwd=tmp_path)
    process = subprocess.Popen(command(content, site, "--no-search", "--jobs", "2"), cwd=tmp_path,
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "CI": "true"}, preexec_fn=interruptible)
    for line in process.stdout:
        if line.startswith("model and pages:"):  # rendering starts now, with forked workers
            break
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=HANG)
    assert process.returncode == 130, err
    assert err.splitlines() == ["stenogram: interrupted"]
    assert group_members(process.pid) == []
    assert not site.exists()


def built_on_a_small_disk(tmp_path: Path, mounted, size: str) -> tuple[Path, Path, Path, dict]:
    """A site built on a tmpfs of ``size``: (the disk, content, site, the site's files)."""
    disk = mounted(size)
    content, site = tmp_path / "content", disk / "site"
    small_archive(content)
    subprocess.run(command(content, site, "--quiet", "--no-search"), check=True, cwd=tmp_path)
    return disk, content, site, tree(site)


def test_a_full_disk_fails_cleanly_and_frees_what_it_wrote(tmp_path: Path, mounted) -> None:
    disk, content, site, before = built_on_a_small_disk(tmp_path, mounted, "3m")
    first = content / "2020" / "2020-01-10-first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("One.", "One. " + "Many words. " * 150_000),
                     encoding="utf-8")
    done = subprocess.run(command(content, site, "--quiet", "--no-search"), cwd=tmp_path, capture_output=True,
                          text=True, timeout=HANG)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.endswith(": cannot write the site: No space left on device"), line
    assert tree(site) == before
    assert sorted(p.name for p in disk.iterdir()) == ["site"]


def test_a_read_only_output_folder_is_one_line(tmp_path: Path, mounted) -> None:
    disk = mounted("3m")
    content = tmp_path / "content"
    small_archive(content)
    mounted.seal(disk)
    done = subprocess.run(command(content, disk / "site", "--quiet", "--no-search"), cwd=tmp_path,
                          capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{disk}/.site.lock:1: cannot lock the output folder: Read-only file system"]


def test_a_cache_that_cannot_be_saved_after_a_good_build_is_a_warning(tmp_path: Path, mounted) -> None:
    cache = mounted("1m")
    mounted.seal(cache)
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    done = subprocess.run(command(content, site, "--quiet", "--no-search", "--cache", str(cache / "cache")),
                          cwd=tmp_path, capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 0, done.stderr
    [line] = done.stderr.splitlines()
    assert line.endswith("warning: the build cache could not be saved (Read-only file system); "
                         "the next build will render everything"), line
    assert (site / "index.html").is_file()


def test_output_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    small_archive(content)
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    done = subprocess.run(command(content, tmp_path / "site", "--quiet", "--no-search"), cwd=tmp_path,
                          capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{tmp_path}/site:1: the output folder is a file; give --out a folder"]


def test_a_second_build_into_the_same_folder_stops_naming_the_first(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    with open(tmp_path / ".site.lock", "w", encoding="ascii") as held:  # the first build, mid-way
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        done = subprocess.run(command(content, site, "--quiet", "--no-search"), cwd=tmp_path,
                              capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{site}:1: another build (process 4242) is writing this site; run again when it has finished"
    ]
    assert not site.exists()
    subprocess.run(command(content, site, "--quiet", "--no-search"), check=True, cwd=tmp_path, timeout=HANG)


@pytest.mark.parametrize("builds", [2])
def test_builds_racing_for_one_folder_leave_a_whole_site(builds: int, tmp_path: Path) -> None:
    from generator.check.folder import check_site

    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    runs = [subprocess.Popen(command(content, site, "--quiet", "--no-search"), cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(builds)]
    results = [(run.wait(timeout=HANG), run.communicate()[1]) for run in runs]
    for code, err in results:
        assert code == 0 or "is writing this site" in err, err
        assert "Traceback" not in err
    assert any(code == 0 for code, _ in results)
    assert check_site(site) == []


def test_compiled_templates_damaged_or_unwritable_cost_only_a_compile(tmp_path: Path) -> None:
    import shutil

    from conftest import fixture_config
    from generator.build import build

    content, site, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    small_archive(content)
    config = fixture_config(tmp_path)
    build(content, site, config_path=config, templates_dir=ROOT / "templates", search=False, cache_dir=cache)
    compiled = sorted((cache / "templates").iterdir())
    assert compiled, "the build keeps its compiled templates"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for path in compiled:
        path.write_bytes(path.read_bytes()[:40] + b"\0garbage")
    shutil.rmtree(site)
    build(content, site, config_path=config, templates_dir=ROOT / "templates", search=False, cache_dir=cache)
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    shutil.rmtree(cache / "templates")
    (cache / "templates").write_text("not a folder")  # cannot be made or written
    shutil.rmtree(site)
    build(content, site, config_path=config, templates_dir=ROOT / "templates", search=False, cache_dir=cache)
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_disk_that_fills_while_indexing_says_so(tmp_path: Path, mounted) -> None:
    """Pagefind says nothing when a write fails; its bundle is only short. The message says why."""
    disk, content, site, before = built_on_a_small_disk(tmp_path, mounted, "8m")
    # Room for the pages of the next build, not for their search index (about 1 MiB of Pagefind's files).
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(bytes(free - 100 * 1024))
    done = subprocess.run(command(content, site, "--quiet"), cwd=tmp_path, capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.endswith(": search indexing failed: no space left on device"), line
    assert tree(site) == before
