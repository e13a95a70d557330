"""A build killed at any point leaves the previous site intact and the next
build clean; builds are byte-identical whatever the hash seed and the order
in which the file system lists content."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, tree
from sitefixtures import make_content

from generator.build import build
from generator.kit.errors import StenogramError
from generator.search.index import shard_folders


def build_command(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--quiet", "--content", str(content), "--out", str(out),
            "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates"), *extra]


STAGES = ("load content", "model and pages", "render and write", "search index")


def test_killed_builds_leave_the_previous_site_and_the_next_build_clean(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    site = tmp_path / "site"
    subprocess.run(build_command(content, site), check=True, cwd=tmp_path)
    previous = tree(site)
    # The next builds have something to change.
    seed = content / "2015" / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Good.", "Good. Changed."), encoding="utf-8")
    subprocess.run(build_command(content, tmp_path / "reference"), check=True, cwd=tmp_path)
    # Killed as soon as it starts, then as each stage ends: always before the
    # swap but for the last, which races it. Moments chosen by what the build
    # says, never by a clock, so a slow machine kills at the same points.
    env = {**os.environ, "CI": "true"}
    for after in (None, *STAGES):
        command = [part for part in build_command(content, site) if part != "--quiet"]
        process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True, env=env)
        if after is not None:
            for line in process.stdout:
                if line.startswith(after + ":"):
                    break
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        if after != STAGES[-1]:
            assert tree(site) == previous, f"killed after {after}: the previous site must stay whole"
        elif tree(site) != previous:
            # The kill came after the swap: the new site is whole.
            assert tree(site, skip="pagefind") == tree(tmp_path / "reference", skip="pagefind")
    subprocess.run(build_command(content, site), check=True, cwd=tmp_path)
    assert tree(site, skip="pagefind") == tree(tmp_path / "reference", skip="pagefind")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.staging", ".stenogram-cache", "content", "reference", "site"]
    # Beside the site only the spare is left: the previous site, whole and marked as such.
    from generator.kit.layout import MARKER
    from generator.publish.staging import read_marker

    assert read_marker(tmp_path / ".site.staging" / MARKER)


def _content_in_order(source: Path, target: Path, reverse: bool) -> Path:
    """A copy of ``source`` whose files are created in the given order."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for path in reversed(files) if reverse else files:
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    return target


def test_builds_are_byte_identical_across_hash_seeds_and_file_order(tmp_path: Path) -> None:
    original = make_content(tmp_path / "original")
    trees = []
    for seed, reverse in (("1", False), ("2", True), ("random", False)):
        content = _content_in_order(original, tmp_path / f"content-{seed}", reverse)
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(build_command(content, out), check=True, cwd=tmp_path, env=env)
        # Pagefind's own filter and metadata files vary from run to run (an
        # upstream limitation); everything Stenogram writes must not, the
        # search router included.
        router = {f"{folder}/{name}": data for folder in ("router", "counts")
                  for name, data in tree(out / "pagefind" / folder).items()}
        trees.append(tree(out, skip="pagefind") | router | {"router.json": (out / "pagefind" / "router.json").read_bytes()})
    assert len(trees[0]) > 200
    assert trees[0] == trees[1] == trees[2]


def test_a_swap_interrupted_between_renames_is_recovered(tmp_path: Path) -> None:
    from generator.kit.integrity import signature
    from generator.kit.layout import MARKER
    from generator.publish.staging import StagedSite

    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_bytes(b"")
    (site / "index.html").write_text("old", encoding="utf-8")
    os.replace(site, tmp_path / ".site.old")  # the fallback swap killed half-way
    with StagedSite(site, signature, keep_spare=False) as staged:
        assert (site / "index.html").read_text(encoding="utf-8") == "old"
        staged.prepare(current=False)
        staged.write("index.html", b"new")
        staged.commit()
    assert (site / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def pagefind_then(tmp_path: Path, monkeypatch, damage: str) -> None:
    """Run the real Pagefind, then the shell ``damage`` on its output
    ($OUT), as a Pagefind that reports success over a damaged bundle."""
    from pagefind.service import get_executable

    wrapper = tmp_path / "pagefind-then"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'"{get_executable()}" "$@" || exit $?\n'
        'OUT=""; while [ $# -gt 0 ]; do [ "$1" = "--output-path" ] && OUT="$2"; shift; done\n'
        f"{damage}\n", encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))


def test_a_broken_search_index_is_one_error_and_never_swapped_in(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content")
    site = tmp_path / "site"
    options = dict(config_path=ROOT / "stenogram.toml", templates_dir=ROOT / "templates", search=False)
    build(content, site, **options)
    previous = tree(site)
    # What Pagefind once left at 30,000 pages: success reported, an empty entry file.
    pagefind_then(tmp_path, monkeypatch, ': > "$OUT/pagefind-entry.json"')
    with pytest.raises(StenogramError) as caught:
        build(content, site, **{**options, "search": True})
    assert str(caught.value).endswith(
        "pagefind-entry.json:1: search indexing failed: Pagefind wrote no valid index entry; build again")
    assert tree(site) == previous


def test_a_shard_pagefind_left_cut_short_is_indexed_again(tmp_path: Path, monkeypatch) -> None:
    from generator.search.pagefind_files import whole

    content = make_content(tmp_path / "content")
    calls = tmp_path / "calls"
    # The first time a shard is indexed, one of its files is left cut short.
    pagefind_then(tmp_path, monkeypatch,
                  f'echo "$OUT" >> {calls}\n'
                  f'if [ "$(grep -cx "$OUT" {calls})" = 1 ]; then\n'
                  '  f=$(ls "$OUT"/fragment/* | head -n 1); head -c 10 "$f" > "$f.cut"; mv "$f.cut" "$f"\n'
                  'fi')
    build(content, tmp_path / "site", config_path=ROOT / "stenogram.toml", templates_dir=ROOT / "templates")
    shards = [p.name for p in shard_folders(tmp_path / "site" / "pagefind")]
    indexed = sorted(Path(line).name for line in calls.read_text(encoding="utf-8").split())
    assert indexed == sorted(shards * 2), "every shard indexed again once"
    fragments = list((tmp_path / "site" / "pagefind").rglob("*.pf_fragment"))
    assert fragments and all(whole(fragment) for fragment in fragments)


def test_an_output_folder_given_as_a_link_is_built_where_it_leads_and_the_link_kept(tmp_path: Path) -> None:
    from generator.publish.lock import site_lock
    from modelfixtures import small_archive

    content = tmp_path / "content"
    small_archive(content)
    real = tmp_path / "www" / "real"
    real.mkdir(parents=True)
    link = tmp_path / "site"
    link.symlink_to("www/real")
    settings = dict(config_path=ROOT / "stenogram.toml", templates_dir=ROOT / "templates", search=False,
                    cache_dir=tmp_path / "cache", jobs=1)
    first = content / "2020" / "2020-01-10-first.md"
    for round_ in range(3):  # the swap alternates copies: each build must reach the real folder
        first.write_text(first.read_text(encoding="utf-8").replace("One", f"One {round_}", 1), encoding="utf-8")
        build(content, link, **settings)
        assert link.is_symlink() and os.readlink(link) == "www/real"
        page = next(real.glob("events/2020-01-10-*/index.html")).read_text(encoding="utf-8")
        assert f"One {round_}" in page
    assert (tmp_path / "www" / ".real.staging").is_dir() and not (tmp_path / ".site.staging").exists()
    # A build into the link and one into its target are one site: the second waits its turn.
    with site_lock(real):
        with pytest.raises(StenogramError, match="another build .* is writing this site"):
            build(content, link, **settings)
