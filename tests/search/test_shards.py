"""The search index in shards of a fixed number of transcripts, and the
router that says which shards hold a word: a rebuild re-indexes only the
shards whose transcripts changed, keeps every other shard's files and
routing entries as they were, and finds what a cold build finds."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT, SHARD_PAGES, fixture_config, tree
from generator.build import build
from generator.search.index import shard_folders
from generator.search.pagefind_files import entry_pages, fragments, index_entries
from generator.search.router import WORDS_CACHE
from generator.search.shards import FIRST, page_day, plan_shards, shard_name
from sitefixtures import make_content, write_event


def run(base: Path, out: str, cache: bool = True):
    return build(base / "content", base / out, config_path=fixture_config(base), templates_dir=ROOT / "templates",
                 cache_dir=base / "cache" if cache else None, jobs=2)


def router(site: Path) -> dict:
    return json.loads((site / "pagefind" / "router.json").read_bytes())


def shard_files(site: Path) -> dict[str, dict[str, bytes]]:
    return {
        shard["name"]: {p.relative_to(site / "pagefind" / shard["name"]).as_posix(): p.read_bytes()
                        for p in sorted((site / "pagefind" / shard["name"]).rglob("*")) if p.is_file()}
        for shard in router(site)["shards"]
    }


def routing(site: Path) -> dict[str, dict[str, int]]:
    """Every routed word: shard name -> pages holding it."""
    names = [shard["name"] for shard in router(site)["shards"]]
    found = {}
    for _, _, file in router(site)["chunks"]:
        for word, entry in json.loads((site / "pagefind" / "router" / file).read_bytes()).items():
            pairs = entry[1:] if isinstance(entry[0], str) else entry
            found[word] = {names[pairs[i]]: pairs[i + 1] for i in range(0, len(pairs), 2)}
    return found


def indexed_words(bundle: Path) -> dict[str, int]:
    """Pagefind's own index of one shard: word -> pages holding it."""
    return {entry[0]: len({number for number, _ in entry_pages(entry)}) for entry in index_entries(bundle)}


def records(site: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind stored it (URL, text, filters, meta), by URL."""
    found = {}
    for bundle in shard_folders(site / "pagefind"):
        for data in fragments(bundle):
            found[data["url"]] = {key: data[key] for key in ("content", "filters", "meta", "anchors")}
    return found


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("shards")
    make_content(base / "content")
    return base


# The plan alone: which transcripts each shard holds.

def pages(*days: str) -> list[tuple[str, str]]:
    return [(f"events/{day}/index.html", f"key-{day}") for day in days]


def test_a_cold_plan_cuts_the_archive_from_the_oldest_every_cap_pages() -> None:
    days = [f"2020-01-{d:02d}-x" for d in range(1, 11)]
    shards = plan_shards(pages(*days) + [("persons/x/index.html", "k")], [], 4, "s")
    assert [len(s.pages) for s in shards] == [4, 4, 2]
    assert [s.start for s in shards] == [FIRST, "events/2020-01-05-x/index.html", "events/2020-01-09-x/index.html"]
    assert shards[1].name == shard_name(shards[1].start) and shards[1].name.startswith("2020-01-05-")
    assert plan_shards(pages(*days), [], 4, "s") == shards, "the same content, the same shards"


def test_new_transcripts_join_the_shard_of_their_time_and_never_move_a_border() -> None:
    days = [f"2020-01-{d:02d}-x" for d in range(1, 11)]
    before = plan_shards(pages(*days), [], 4, "s")
    starts = [s.start for s in before]
    newest = plan_shards(pages(*days, "2020-02-01-x"), starts, 4, "s")
    assert [s.start for s in newest] == starts and [len(s.pages) for s in newest] == [4, 4, 3]
    assert [s.key for s in newest[:2]] == [s.key for s in before[:2]], "closed shards keep their key"
    older = plan_shards(pages(*days, "2020-01-06-y"), starts, 4, "s")
    assert [len(s.pages) for s in older] == [4, 5, 2], "a closed shard grows past the cap rather than split"
    assert older[0].key == before[0].key and older[2].key == before[2].key
    # The open shard that fills starts the next one.
    full = plan_shards(pages(*days, "2020-02-01-x", "2020-02-02-x", "2020-02-03-x"), starts, 4, "s")
    assert [len(s.pages) for s in full] == [4, 4, 4, 1] and [s.start for s in full[:3]] == starts


def test_a_closed_shard_grown_past_twice_the_cap_is_cut_again_alone() -> None:
    days = [f"2020-01-{d:02d}-x" for d in range(1, 11)]
    starts = [s.start for s in plan_shards(pages(*days), [], 4, "s")]
    added = [f"2020-01-0{d}-z{n}" for d in (5, 6) for n in range(3)]
    shards = plan_shards(pages(*days, *added), starts, 4, "s")
    assert [len(s.pages) for s in shards] == [4, 4, 4, 2, 2]
    assert shards[0].start == starts[0] and shards[1].start == starts[1] and shards[-1].start == starts[2]


def test_a_day_is_never_split_between_two_shards() -> None:
    """Search sorts each shard by time: a day in two shards was listed out of order."""
    days = ["2020-01-01-a", "2020-01-02-a", "2020-01-03-a", "2020-01-04-a", "2020-01-04-b", "2020-01-05-a",
            "2020-01-06-a", "2020-01-07-a", "2020-01-07-b", "2020-01-07-c", "2020-01-07-d", "2020-01-07-e"]
    shards = plan_shards(pages(*days), [], 4, "s")
    held = [[page[7:19] for page in shard.pages] for shard in shards]
    # Cut back to where a day begins; a day longer than a shard stays whole.
    assert held == [["2020-01-01-a", "2020-01-02-a", "2020-01-03-a"],
                    ["2020-01-04-a", "2020-01-04-b", "2020-01-05-a", "2020-01-06-a"],
                    ["2020-01-07-a", "2020-01-07-b", "2020-01-07-c", "2020-01-07-d", "2020-01-07-e"]]
    # A transcript of a shard's first day whose address sorts before the shard's start joins that shard.
    starts = [s.start for s in shards]
    added = plan_shards(pages(*days, "2020-01-04-0"), starts, 4, "s")
    assert [s.start for s in added] == starts
    assert "events/2020-01-04-0/index.html" in added[1].pages and added[0].pages == shards[0].pages
    for plan in (shards, added):
        spans = [(page_day(s.pages[0]), page_day(s.pages[-1])) for s in plan]
        assert all(before[1] < after[0] for before, after in zip(spans, spans[1:])), spans


def test_a_shard_whose_transcripts_are_all_gone_is_dropped() -> None:
    days = [f"2020-01-{d:02d}-x" for d in range(1, 11)]
    starts = [s.start for s in plan_shards(pages(*days), [], 4, "s")]
    shards = plan_shards(pages(*days[:4], *days[8:]), starts, 4, "s")
    assert [s.start for s in shards] == [starts[0], starts[2]]


# A built site.

def test_shards_hold_the_transcripts_in_date_order_and_share_one_loader(base: Path) -> None:
    summary = run(base, "site")
    site = base / "site"
    count = len(list((base / "content").rglob("*.md")))
    shards = router(site)["shards"]
    # Up to the cap each, cut between two days: no day is in two shards.
    assert all(SHARD_PAGES - 3 <= s["pages"] <= SHARD_PAGES for s in shards[:-1]), [s["pages"] for s in shards]
    assert sum(s["pages"] for s in shards) == count
    assert all(a["to"] < b["from"] for a, b in zip(shards, shards[1:]))
    assert f"{count} pages in {len(shards)} shards ({len(shards)} indexed, 0 kept)" in summary.search
    urls = records(site)
    assert len(urls) == count and all(url.startswith("/events/") for url in urls)
    # Pagefind's script and WebAssembly once, beside an empty bundle; no shard has its own.
    top = {p.name for p in (site / "pagefind").iterdir() if p.is_file()}
    assert {"pagefind.js", "wasm.en.pagefind", "pagefind-entry.json", "router.json"} <= top
    assert json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())["languages"]["en"]["page_count"] == 0
    for name, files in shard_files(site).items():
        assert not any(f.endswith(".js") or f.startswith("wasm.") for f in files), name


def test_the_router_holds_every_word_of_every_shard_as_pagefind_indexed_it(base: Path) -> None:
    run(base, "site")
    site = base / "site"
    routed = routing(site)
    expected: dict[str, dict[str, int]] = {}
    for shard in router(site)["shards"]:
        for word, count in indexed_words(site / "pagefind" / shard["name"]).items():
            expected.setdefault(word, {})[shard["name"]] = count
    assert routed == expected
    assert "zebrafinch7" in routed and len(routed["zebrafinch7"]) == 1
    # Chunks are sorted, disjoint word ranges, named by their content.
    chunks = router(site)["chunks"]
    assert all(a[1] < b[0] for a, b in zip(chunks, chunks[1:]))
    # A stem is shown by the form the text uses most.
    forms = {}
    for _, _, file in chunks:
        forms.update(json.loads((site / "pagefind" / "router" / file).read_bytes()))
    assert forms["meet"][0] == "meeting"


def test_adding_a_transcript_reindexes_its_shard_alone_and_changes_only_its_routing(base: Path) -> None:
    run(base, "site")
    before, routed_before = shard_files(base / "site"), routing(base / "site")
    cached = sorted((base / "cache" / WORDS_CACHE).iterdir())
    write_event(base / "content", {
        "title": "A late addition", "date": "2019-05-05T10:00:00+03:00", "speakers": {"Anna Testova": "Anna Testova"},
    }, "**Anna Testova:** Words about a quetzal.")
    summary = run(base, "site")
    after, routed_after = shard_files(base / "site"), routing(base / "site")
    assert f"(1 indexed, {len(before) - 1} kept)" in summary.search
    changed = sorted(shard for shard in before if after.get(shard) != before[shard])
    assert len(changed) == 1 and set(after) == set(before)
    assert routed_after["quetzal"] == {changed[0]: 1}
    for word in set(routed_before) | set(routed_after):
        unchanged = lambda routed: {s: n for s, n in routed.get(word, {}).items() if s != changed[0]}  # noqa: E731
        assert unchanged(routed_before) == unchanged(routed_after), word
    # Kept shards are the same files: hard links of the previous site's, hashes and names as they were.
    kept = next(s for s in before if s != changed[0])
    inode = lambda site: (site / "pagefind" / kept / "pagefind-entry.json").stat().st_ino  # noqa: E731
    assert inode(base / "site") == inode(base / ".site.staging")
    # The router was made from the kept shards' cached word lists: one list more, the changed shard's.
    assert len(set(sorted((base / "cache" / WORDS_CACHE).iterdir())) - set(cached)) == 1
    assert "/events/2019-05-05-a-late-addition/" in records(base / "site")
    shutil.rmtree(base / "cold", ignore_errors=True)
    run(base, "cold", cache=False)
    assert records(base / "site") == records(base / "cold")
    # A cold build cuts the archive afresh (the addition grew a closed shard): the same words, as often.
    totals = lambda routed: {word: sum(shards.values()) for word, shards in routed.items()}  # noqa: E731
    assert totals(routing(base / "site")) == totals(routing(base / "cold"))


def test_an_edit_reindexes_one_shard_and_a_deletion_drops_an_emptied_one(base: Path) -> None:
    run(base, "site")
    edited = base / "content" / "2019" / "2019-09-09-fixture-meeting-number-8.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Closing 8.", "Closing 8, a pangolin."), encoding="utf-8")
    summary = run(base, "site")
    assert "(1 indexed," in summary.search
    assert "pangolin" in records(base / "site")["/events/2019-09-09-fixture-meeting-number-8/"]["content"]
    assert len(routing(base / "site")["pangolin"]) == 1
    last = router(base / "site")["shards"][-1]
    for path in (base / "content").rglob("*.md"):
        if path.name[:10] >= last["from"]:
            path.unlink()
    run(base, "site")
    assert last["name"] not in shard_files(base / "site")
    assert not (base / "site" / "pagefind" / last["name"]).exists()
    shutil.rmtree(base / "cold", ignore_errors=True)
    run(base, "cold", cache=False)
    assert records(base / "site") == records(base / "cold")


def test_a_build_without_search_leaves_no_index(base: Path) -> None:
    build(base / "content", base / "plain", config_path=fixture_config(base), templates_dir=ROOT / "templates",
          search=False)
    assert not (base / "plain" / "pagefind").exists()


def test_a_damaged_loader_or_router_is_made_again(base: Path) -> None:
    run(base, "site")
    loader = base / "site" / "pagefind" / "pagefind.js"
    whole = loader.read_bytes()
    router_file = base / "site" / "pagefind" / "router.json"
    routed = router_file.read_bytes()
    # Damaged in place, as an editor or a careless copy would, through every hard link.
    with loader.open("r+b") as stream:
        stream.truncate(100)
    with router_file.open("r+b") as stream:
        stream.write(b"{}")
    summary = run(base, "site")
    assert "(0 indexed," in summary.search
    assert loader.read_bytes() == whole and router_file.read_bytes() == routed


def test_a_rebuild_that_changes_nothing_says_the_search_index_is_in_place(base: Path) -> None:
    run(base, "site")
    shards = len(router(base / "site")["shards"])
    summary = run(base, "site")
    assert summary.files == 0
    assert f"search: {shards} shards in place, unchanged," in summary.describe()
    assert "no search index" not in summary.describe()


def test_indexing_a_shard_again_leaves_its_unchanged_pages_as_recorded(tmp_path: Path) -> None:
    """The pages of a shard indexed again are read, never touched: the next
    build finds every file as the last one recorded it and writes nothing."""
    make_content(tmp_path / "content")
    run(tmp_path, "site")
    edited = tmp_path / "content" / "2019" / "2019-09-09-fixture-meeting-number-8.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Closing 8.", "Closing 8, an okapi."), encoding="utf-8")
    summary = run(tmp_path, "site")
    assert "(1 indexed," in summary.search
    summary = run(tmp_path, "site")
    assert summary.files == 0
    assert "shards in place, unchanged" in summary.describe()


def test_a_site_restored_from_ci_s_cache_archive_is_read_not_made_again(tmp_path: Path) -> None:
    """CI keeps the build cache, site/ and its spare in a tar archive
    between runs: every file comes back with a new inode and change time,
    so its signature vouches for nothing, and its bytes do. A page damaged
    in the archive is still made again, and the spare is whole after."""
    base = tmp_path / "work"
    make_content(base / "content")
    run(base, "site")
    edited = base / "content" / "2019" / "2019-09-09-fixture-meeting-number-8.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Closing 8.", "Closing 8, a tapir."), encoding="utf-8")
    run(base, "site")  # now a spare sits beside the site, behind it by this edit
    archive = tmp_path / "cache.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(base, arcname=".")
    shutil.rmtree(base)
    with tarfile.open(archive) as tar:
        tar.extractall(base, filter="tar")
    damaged = base / "site" / "events" / "2019-09-09-fixture-meeting-number-8" / "index.html"
    damaged.write_bytes(damaged.read_bytes().replace(b"tapir", b"tapis"))
    summary = run(base, "site")
    assert summary.files == 1
    assert "(0 indexed," in summary.search
    shutil.rmtree(base / "cold", ignore_errors=True)
    run(base, "cold", cache=False)
    assert tree(base / "site", skip="pagefind") == tree(base / "cold", skip="pagefind")
    assert records(base / "site") == records(base / "cold")
    # The next build starts from the spare, restored from the archive too.
    assert run(base, "site").files == 0
    assert tree(base / "site", skip="pagefind") == tree(base / "cold", skip="pagefind")


@pytest.mark.parametrize("before", ["nothing", "a site with its search index"])
def test_an_empty_archive_builds_with_search_on(before: str, tmp_path: Path) -> None:
    """--allow-shrink can empty a site that had a search index; a first build of nothing works too."""
    from generator.check.folder import check_site

    content, empty, site = tmp_path / "content", tmp_path / "empty", tmp_path / "site"
    empty.mkdir()
    settings = dict(config_path=ROOT / "stenogram.toml", templates_dir=ROOT / "templates", cache_dir=tmp_path / "cache", jobs=1)
    if before != "nothing":
        write_event(content, {"title": "Only", "date": "2020-01-10T10:00:00+03:00",
                              "speakers": {"Anna Testova": "Anna Testova"}}, "**Anna Testova:** Words.")
        build(content, site, **settings)
        assert (site / "pagefind" / "router.json").is_file()
    summary = build(empty, site, allow_shrink=True, **settings)
    assert summary.events == 0 and "no search index" in summary.describe()
    assert not (site / "pagefind").exists()
    assert check_site(site) == []
