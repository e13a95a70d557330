"""A rebuild trusts no file it reuses: files of the published site that were
deleted, changed or added since the last build are found and made again,
whether or not the content changed; and a build checks its own output
before the swap, so a site with a broken link or an ill-formed feed is
never published."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, tree
from generator.build import build
from generator.kit.errors import StenogramError
from generator.output.check import check_site
from modelfixtures import small_archive


def build_site(content: Path, site: Path, *, templates: Path = ROOT / "templates", cache: bool = True,
               search: bool = True):
    return build(content, site, config_path=ROOT / "stenogram.toml", templates_dir=templates, search=search,
                 cache_dir=site.parent / "cache" if cache else None, jobs=1)


def damage(site: Path) -> None:
    """What a slip of the hand, a sync tool or a full disk can do to a published site."""
    (site / "style.css").unlink()
    event = next((site / "events").glob("2020-01-10-*/index.html"))
    event.write_bytes(event.read_bytes() + b"<!-- stray -->")
    feed = site / "feed.xml"
    data = feed.read_bytes()
    with feed.open("r+b") as stream:  # same size, in place
        stream.write(data[:50].replace(b"<", b"#"))
    (site / "persons" / "index.html").unlink()
    (site / "stray.html").write_text("left here by hand", encoding="utf-8")
    entry = next((site / "pagefind").glob("*/pagefind-entry.json"))
    entry.unlink()
    (site / "pagefind" / "pagefind.js").write_bytes(b"")  # the shared loader too
    fragment = next((site / "pagefind").glob("*/fragment/*"))
    fragment.write_bytes(b"")


@pytest.mark.parametrize("edit", [False, True], ids=["nothing-changed", "one-transcript-edited"])
@pytest.mark.parametrize("spare", [True, False], ids=["with-spare", "spare-deleted"])
def test_the_next_build_repairs_a_damaged_site(edit: bool, spare: bool, tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    build_site(content, site)
    third = content / "2021" / "2021-03-10-third.md"
    third.write_text(third.read_text(encoding="utf-8").replace("Six.", "Six, edited."), encoding="utf-8")
    build_site(content, site)
    assert (tmp_path / ".site.staging").is_dir()  # a spare copy now sits beside the site
    damage(site)
    if not spare:
        shutil.rmtree(tmp_path / ".site.staging")  # "always safe to delete", says the README
    if edit:
        first = content / "2020" / "2020-01-10-first.md"
        first.write_text(first.read_text(encoding="utf-8").replace("One.", "One, edited."), encoding="utf-8")
    build_site(content, site)
    reference = tmp_path / "reference" / "site"
    build_site(content, reference, cache=False)
    # Pagefind's bundles differ from run to run in their hashes: compared by what they hold.
    assert tree(site, skip="pagefind") == tree(reference, skip="pagefind")
    assert search_bundles(site) == search_bundles(reference)
    assert check_site(site) == []
    # And the repair holds: the spare brought up to date is whole too.
    build_site(content, site)
    assert tree(site, skip="pagefind") == tree(reference, skip="pagefind")
    assert search_bundles(site) == search_bundles(reference)


def search_bundles(site: Path) -> dict[str, tuple[int, int]]:
    """Each shard: its page count and its number of files, every file whole."""
    bundles = {}
    for shard in sorted(p for p in (site / "pagefind").iterdir() if p.is_dir() and p.name != "router"):
        files = sorted(p for p in shard.rglob("*") if p.is_file())
        for path in files:
            data = path.read_bytes()
            assert data and (not path.suffix.startswith(".pf_") or gzip.decompress(data)), path
        entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
        bundles[shard.name] = (entry["languages"]["en"]["page_count"], len(files))
    return bundles


def test_a_file_changed_in_place_is_found_without_a_content_change(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    build_site(content, site, search=False)
    before = tree(site)
    robots = site / "robots.txt"
    with robots.open("r+b") as stream:
        stream.write(b"#")
    summary = build_site(content, site, search=False)
    assert summary.files == 1
    assert tree(site) == before


def _templates_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    path = templates / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return templates


@pytest.mark.parametrize("name, old, new, message", [
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><a href="{{ \'/nowhere/\'|href }}">x</a>',
     r"site/[^:]+\.html:\d+: the build wrote a broken link /nowhere/$"),
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><a href="#no-such-id">x</a>',
     r"site/[^:]+\.html:\d+: the build wrote link #no-such-id to a missing anchor #no-such-id$"),
    ("event.html", "</h1>", '</h1><a href="{{ \'/persons/\'|href }}#nobody">x</a>',
     r"site/events/[^:]+/index\.html:\d+: the build wrote a link to a missing anchor #nobody of /persons/index\.html"),
    ("feed.xml", "<title>{{ feed.title }}</title>", "<title>{{ feed.title }} & more</title>",
     r"site/[^:]*feed\.xml:\d+: the build wrote ill-formed XML: not well-formed \(invalid token\)$"),
    ("sitemap.xml", "</urlset>", "</urlset></urlset>",
     r"site/sitemap\.xml:\d+: the build wrote ill-formed XML: "),
])
def test_a_site_that_fails_its_own_check_is_never_published(name, old, new, message, tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    build_site(content, site, search=False)
    published = tree(site)
    templates = _templates_with(tmp_path, name, old, new)
    with pytest.raises(StenogramError, match="^" + str(tmp_path).replace("\\", "\\\\") + "/" + message):
        build_site(content, site, templates=templates, search=False)
    assert tree(site) == published
