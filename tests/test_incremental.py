"""A rebuild from the build cache is byte-identical to a cold build, after
every kind of change, and renders only what changed."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, tree
from generator.build import build
from generator.ingest.importer import import_paths

from synth import generate

COUNT = 300


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("incremental")
    raws = generate(COUNT + 1, base / "raw", seed=7)
    (base / "spare").mkdir()
    raws[-1].rename(base / "spare" / raws[-1].name)
    report = import_paths([base / "raw"], base / "content")
    assert report.ok
    shutil.copytree(ROOT / "templates", base / "templates")
    shutil.copyfile(ROOT / "stenogram.toml", base / "stenogram.toml")
    return base


def run(project: Path, out: str, cache: bool):
    return build(project / "content", project / out, config_path=project / "stenogram.toml",
                 templates_dir=project / "templates", search=False,
                 cache_dir=project / "cache" if cache else None, jobs=2)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_event(project: Path) -> Path:
    return sorted((project / "content").rglob("*.md"))[0]


def _add(project: Path) -> None:
    assert import_paths([project / "spare"], project / "content").ok


def _edit_body(project: Path) -> None:
    edit(_first_event(project), "\n\n", "\n\nAn added paragraph.\n\n")


def _delete(project: Path) -> None:
    sorted((project / "content").rglob("*.md"))[-1].unlink()


def _template(project: Path) -> None:
    edit(project / "templates" / "base.html", "Built with Stenogram.", "Built with Stenogram, edited.")


def _config(project: Path) -> None:
    edit(project / "stenogram.toml", 'title = "Kremlin Events Archive"', 'title = "Events Archive"')


def _registry(project: Path) -> None:
    front = _first_event(project).read_text(encoding="utf-8")
    person = front.split("persons:\n- ", 1)[1].split("\n", 1)[0]
    (project / "content" / "persons.yaml").write_text(f"Renamed Person:\n  aliases: [{person}]\n", encoding="utf-8")


def _show_neighbour_urls(project: Path) -> None:
    """A template starts to show more of another event than the page's own.
    (Only what the view hands on: a field it does not is an error, as
    ``older.date_text`` would be, never a page that could go stale.)"""
    edit(project / "templates" / "event.html", "<span>← Earlier</span> {{ older.title }}",
         "<span>← Earlier</span> {{ older.title }} ({{ older.url }})")


def _retitle(project: Path) -> None:
    """One event's title changes and its URL stays: its neighbours show the title."""
    path = sorted((project / "content").rglob("*.md"))[COUNT // 3]
    text = path.read_text(encoding="utf-8")
    slug = path.stem[len("YYYY-MM-DD-"):]
    edit(path, "\ntitle: ", f"\nslug: {slug}\ntitle: Renamed ")


def _edit_time(project: Path) -> None:
    """Only the time of one event changes: its URL and every list stay as they were."""
    path = sorted((project / "content").rglob("*.md"))[COUNT // 2]
    text = path.read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("date: ")]
    edit(path, line, re.sub(r"T\d\d:\d\d", "T23:59", line))


CHANGES = [("nothing", lambda p: None), ("add one", _add), ("edit one", _edit_body), ("delete one", _delete),
           ("template", _template), ("config", _config), ("persons.yaml", _registry),
           ("template shows more of a neighbour", _show_neighbour_urls), ("edit one's time", _edit_time),
           ("retitle one", _retitle)]
BOUNDED = ("add one", "edit one", "delete one", "persons.yaml", "edit one's time", "retitle one")


def test_incremental_equals_cold_after_every_change(project: Path) -> None:
    first = run(project, "site", cache=True)
    assert first.reused == 0
    for name, change in CHANGES:
        change(project)
        incremental = run(project, "site", cache=True)
        shutil.rmtree(project / "cold", ignore_errors=True)
        cold = run(project, "cold", cache=False)
        assert tree(project / "site") == tree(project / "cold"), name
        total = incremental.files + incremental.reused
        assert total == cold.files
        if name == "nothing":
            assert incremental.files == 0, "a rebuild with nothing changed renders nothing"
        elif name in BOUNDED:
            assert 0 < incremental.files < total * 0.25, f"{name}: {incremental.files} of {total} rewritten"
        else:
            pages = sum(1 for p in (project / "cold").rglob("*.html"))
            assert incremental.files >= pages, f"{name} changes every page"


def test_a_stale_manifest_is_not_trusted(project: Path) -> None:
    run(project, "site", cache=True)
    manifest = (project / "cache" / "manifest.json").read_bytes()
    _edit_body(project)
    run(project, "site", cache=True)
    # As if the last build had been killed after its swap, before saving.
    (project / "cache" / "manifest.json").write_bytes(manifest)
    rebuilt = run(project, "site", cache=True)
    assert rebuilt.reused == 0
    shutil.rmtree(project / "cold", ignore_errors=True)
    run(project, "cold", cache=False)
    assert tree(project / "site") == tree(project / "cold")


def test_parallel_import_writes_what_a_serial_import_writes(project: Path, tmp_path: Path) -> None:
    raws = sorted((project / "raw").glob("*.txt"))[:80]
    # Two events with one title on one day: the numbering must follow the
    # order of the files, never which worker finished first.
    twin = tmp_path / "raw" / "zz-twin.txt"
    twin.parent.mkdir()
    for raw in raws:
        shutil.copyfile(raw, tmp_path / "raw" / raw.name)
    text = raws[0].read_text(encoding="utf-8")
    assert "\nPublication status\n" in text
    twin.write_text(text.replace("\nPublication status\n", "\nA different closing line.\nPublication status\n", 1),
                    encoding="utf-8")
    serial = import_paths([tmp_path / "raw"], tmp_path / "serial", jobs=1)
    parallel = import_paths([tmp_path / "raw"], tmp_path / "parallel", jobs=2)
    assert serial.ok and parallel.ok and serial.count("written") == 81
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")
    assert any(path.endswith("-2.md") for path in tree(tmp_path / "parallel"))


# Opening a file under this folder fails while it is set: a stage after
# content/ that read a content file would fail the build it runs in. (An
# audit hook cannot be removed, so it is installed once and gated.)
_CONTENT_SEALED: list[str] = []


def _refuse_content_reads(event: str, args: tuple) -> None:
    if event == "open" and _CONTENT_SEALED and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if path.startswith(_CONTENT_SEALED[0] + os.sep):
            raise RuntimeError(f"{path} opened after the content stage")


sys.addaudithook(_refuse_content_reads)


def test_no_stage_after_content_opens_a_content_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build as build_module

    run(project, "site", cache=True)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "{# every page is rendered again #}\n", encoding="utf-8")
    original = build_module.load_content

    def load_then_seal(*args, **kwargs):
        loaded = original(*args, **kwargs)
        _CONTENT_SEALED.append(str((project / "content").resolve()))
        return loaded

    monkeypatch.setattr(build_module, "load_content", load_then_seal)
    try:
        summary = run(project, "site", cache=True)
    finally:
        _CONTENT_SEALED.clear()
    assert summary.files > COUNT * 2  # every event page and its data were rendered


def test_the_recorded_signatures_are_the_site_as_it_is(project: Path) -> None:
    """The build records its site's files from what it wrote and removed,
    not from a second walk: the record must equal a walk after every change,
    and each recorded digest the bytes of its file."""
    from generator.kit.integrity import content_digest, signatures
    from generator.publish.manifest import read_manifest

    for name, change in [("edit one", _edit_body), ("delete one", _delete), ("nothing", lambda p: None)]:
        change(project)
        run(project, "site", cache=True)
        manifest = read_manifest(project / "cache", project / "site")
        assert manifest.files == signatures(project / "site"), name
        assert manifest.digests == {path: content_digest((project / "site" / path).read_bytes())
                                    for path in manifest.files}, name
