"""A rebuild from the build cache is byte-identical to a cold build, after
every kind of change, and renders only what changed."""

from __future__ import annotations

import re
import shutil
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


def _show_neighbour_dates(project: Path) -> None:
    """A template starts to show a field of another event than the page's own."""
    edit(project / "templates" / "event.html", "<span>← Earlier</span> {{ older.title }}",
         "<span>← Earlier</span> {{ older.title }} ({{ older.date_text }})")


def _edit_time(project: Path) -> None:
    """Only the time of one event changes: its URL and every list stay as they were."""
    path = sorted((project / "content").rglob("*.md"))[COUNT // 2]
    text = path.read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("date: ")]
    edit(path, line, re.sub(r"T\d\d:\d\d", "T23:59", line))


CHANGES = [("nothing", lambda p: None), ("add one", _add), ("edit one", _edit_body), ("delete one", _delete),
           ("template", _template), ("config", _config), ("persons.yaml", _registry),
           ("template shows a neighbour's date", _show_neighbour_dates), ("edit one's time", _edit_time)]
BOUNDED = ("add one", "edit one", "delete one", "persons.yaml", "edit one's time")


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
