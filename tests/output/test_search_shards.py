"""The search index in shards, one a year: a rebuild re-indexes only the
shards whose transcripts changed, keeps every other shard's files as they
were, and indexes what a cold build indexes."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, fixture_config
from generator.build import build
from generator.output.search import shard_of
from sitefixtures import make_content, write_event


def run(base: Path, out: str, cache: bool = True):
    return build(base / "content", base / out, config_path=fixture_config(base), templates_dir=ROOT / "templates",
                 cache_dir=base / "cache" if cache else None, jobs=2)


def shard_files(site: Path) -> dict[str, dict[str, bytes]]:
    return {
        shard.name: {p.relative_to(shard).as_posix(): p.read_bytes() for p in sorted(shard.rglob("*")) if p.is_file()}
        for shard in sorted((site / "pagefind").iterdir())
    }


def records(site: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind stored it (URL, text, filters, meta), by URL."""
    found = {}
    for fragment in sorted((site / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        found[data["url"]] = {key: data[key] for key in ("content", "filters", "meta", "anchors")}
    return found


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("shards")
    make_content(base / "content")
    return base


def test_one_shard_a_year_and_only_transcripts(base: Path) -> None:
    summary = run(base, "site")
    years = sorted({p.name[:4] for p in (base / "content").rglob("*.md")})
    assert sorted(shard_files(base / "site")) == years
    assert summary.search.endswith(" KiB") and f"in {len(years)} shards ({len(years)} indexed, 0 kept)" in summary.search
    urls = records(base / "site")
    assert all(url.startswith("/events/") for url in urls)
    assert len(urls) == len(list((base / "content").rglob("*.md")))
    assert shard_of("events/2015-10-07-x/index.html") == "2015" and shard_of("persons/x/index.html") is None


def test_adding_a_transcript_reindexes_its_shard_alone(base: Path) -> None:
    run(base, "site")
    before = shard_files(base / "site")
    write_event(base / "content", {
        "title": "A late addition", "date": "2019-05-05T10:00:00+03:00", "speakers": {"Anna Testova": "Anna Testova"},
    }, "**Anna Testova:** Words about a quetzal.")
    summary = run(base, "site")
    after = shard_files(base / "site")
    assert f"(1 indexed, {len(before) - 1} kept)" in summary.search
    changed = sorted(shard for shard in before if after[shard] != before[shard])
    assert changed == ["2019"]
    # Kept shards are the same files: hard links of the previous site's, hashes and names as they were.
    inode = lambda site: (site / "pagefind" / "2015" / "pagefind-entry.json").stat().st_ino  # noqa: E731
    assert inode(base / "site") == inode(base / ".site.staging")
    assert "/events/2019-05-05-a-late-addition/" in records(base / "site")
    shutil.rmtree(base / "cold", ignore_errors=True)
    run(base, "cold", cache=False)
    assert records(base / "site") == records(base / "cold")


def test_an_edit_reindexes_one_shard_and_a_deletion_drops_an_emptied_one(base: Path) -> None:
    run(base, "site")
    # An event whose neighbours, whose pages show it, are of its year too.
    edited = base / "content" / "2019" / "2019-09-09-fixture-meeting-number-8.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Closing 8.", "Closing 8, a pangolin."), encoding="utf-8")
    summary = run(base, "site")
    assert "(1 indexed," in summary.search
    assert "pangolin" in records(base / "site")["/events/2019-09-09-fixture-meeting-number-8/"]["content"]
    for path in (base / "content" / "2003").glob("*.md"):
        path.unlink()
    run(base, "site")
    assert "2003" not in shard_files(base / "site")
    shutil.rmtree(base / "cold", ignore_errors=True)
    run(base, "cold", cache=False)
    assert records(base / "site") == records(base / "cold")


def test_a_build_without_search_leaves_no_index(base: Path) -> None:
    build(base / "content", base / "plain", config_path=fixture_config(base), templates_dir=ROOT / "templates",
          search=False)
    assert not (base / "plain" / "pagefind").exists()
