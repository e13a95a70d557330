"""A rebuild trusts no file it reuses: files of the published site that were
deleted, changed or added since the last build are found and made again,
whether or not the content changed; and a build checks its own output
before the swap, so a site with a broken link or an ill-formed feed is
never published."""

from __future__ import annotations

import os
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, tree
from generator.build import build
from generator.check.folder import check_site
from generator.kit.errors import StenogramError
from generator.search.index import shard_folders
from generator.search.pagefind_files import whole
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
    for shard in shard_folders(site / "pagefind"):
        files = sorted(p for p in shard.rglob("*") if p.is_file())
        for path in files:
            data = path.read_bytes()
            assert data and (not path.suffix.startswith(".pf_") or whole(path)), path
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


def _built_then_themed(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, Path, dict, Path]:
    """A site built, and a copy of the theme with one change: (content, site, its files, the templates)."""
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    build_site(content, site, search=False)
    return content, site, tree(site), _templates_with(tmp_path, name, old, new)


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
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><span id="main"></span>',
     r"site/[^:]+\.html:\d+: the build wrote a duplicate id 'main'$"),
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><div>',
     r"site/[^:]+\.html:\d+: the build wrote invalid HTML: <div> is not closed$"),
    # Addresses in other attributes, and absolute ones to the site's own host.
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><img srcset="{{ \'/favicon.svg\'|href }} 1x, {{ \'/nothere.png\'|href }} 2x" alt="">',
     r"site/[^:]+\.html:\d+: the build wrote a broken link /nothere\.png$"),
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><form action="{{ \'/nowhere/\'|href }}"></form>',
     r"site/[^:]+\.html:\d+: the build wrote a broken link /nowhere/$"),
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><a href="https://stenogram.example.org/missing/">x</a>',
     r"site/[^:]+\.html:\d+: the build wrote a broken link https://stenogram\.example\.org/missing/$"),
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer"><a href="//Stenogram.Example.org/missing/">x</a>',
     r"site/[^:]+\.html:\d+: the build wrote a broken link //Stenogram\.Example\.org/missing/$"),
    ("assets/style.css", "body {", 'a { background: url("/missing.png") }\nbody {',
     r"site/style\.css:\d+: the build wrote a broken link /missing\.png in a style sheet$"),
])
def test_a_site_that_fails_its_own_check_is_never_published(name, old, new, message, tmp_path: Path) -> None:
    content, site, published, templates = _built_then_themed(tmp_path, name, old, new)
    with pytest.raises(StenogramError, match="^" + str(tmp_path).replace("\\", "\\\\") + "/" + message):
        build_site(content, site, templates=templates, search=False)
    assert tree(site) == published


# The fault matrix: each kind of damage to the site in place, with and
# without the spare copy beside it, with and without a content edit; the
# next build must give what a cold build gives, folders and their modes
# included, and the build after it too.

def _file_to_folder(site: Path) -> None:
    (site / "robots.txt").unlink()
    (site / "robots.txt").mkdir()
    (site / "robots.txt" / "left.html").write_text("x", encoding="utf-8")


def _folder_to_file(site: Path) -> None:
    shutil.rmtree(site / "persons")
    (site / "persons").write_text("a file where a folder was", encoding="utf-8")


def _time_put_back(site: Path) -> None:
    """What `cp -p`, `touch -r` or `rsync --inplace -t` leave: the same size, the old modification time."""
    for path in (site / "feed.xml", next((site / "events").glob("2020-01-10-*/index.html"))):
        status = path.stat()
        data = path.read_bytes()
        with path.open("r+b") as stream:
            stream.write(data[:20].replace(b"<", b"#"))
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns


def _empty_folders(site: Path) -> None:
    (site / "stray" / "deeper").mkdir(parents=True)
    (site / "persons" / "nobody").mkdir()


def _read_only_folder(site: Path) -> None:
    (site / "topics").chmod(0o555)
    (site / "archive" / "2020").chmod(0o555)


def _link_to_the_same_bytes(site: Path) -> None:
    """A page swapped for a symbolic link to a copy of itself outside the
    site: its bytes read as recorded, but Pages refuses a site with links."""
    page = next((site / "events").glob("2020-01-10-*/index.html"))
    copy = site.parent / "elsewhere.html"
    shutil.copyfile(page, copy)
    page.unlink()
    page.symlink_to(copy)


DAMAGE = {"file-to-folder": _file_to_folder, "folder-to-file": _folder_to_file, "time-put-back": _time_put_back,
          "empty-folders": _empty_folders, "read-only-folders": _read_only_folder,
          "link-to-the-same-bytes": _link_to_the_same_bytes}


def shape(site: Path) -> dict[str, object]:
    """Every file with its bytes, and every folder with its mode."""
    found: dict[str, object] = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        found[relative] = path.read_bytes() if path.is_file() else oct(path.stat().st_mode & 0o777)
    return found


@pytest.fixture
def as_a_user(monkeypatch):
    """Folders without the owner's write bit refuse new and removed entries,
    as they do for anyone but root (the tests may run as root)."""
    if os.geteuid() != 0:
        return

    def folder_of(path, dir_fd=None) -> str:
        path = os.fsdecode(path)
        if dir_fd is not None and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        return os.path.dirname(os.path.abspath(path))

    def guarded(function, *positions):
        def call(*args, **kwargs):
            for position in positions:
                if position < len(args):
                    folder = folder_of(args[position], kwargs.get("dir_fd") if position == 0 else None)
                    if os.path.isdir(folder) and not os.stat(folder).st_mode & 0o200:
                        raise PermissionError(13, "Permission denied", os.fsdecode(args[position]))
            return function(*args, **kwargs)
        return call

    for name, positions in [("unlink", (0,)), ("remove", (0,)), ("rmdir", (0,)), ("mkdir", (0,)),
                            ("link", (1,)), ("rename", (0, 1)), ("replace", (0, 1))]:
        monkeypatch.setattr(os, name, guarded(getattr(os, name), *positions))
    real_open = os.open

    def os_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and not os.path.exists(path if kwargs.get("dir_fd") is None else
                                                     os.path.join(folder_of(path, kwargs["dir_fd"]), os.path.basename(path))):
            folder = folder_of(path, kwargs.get("dir_fd"))
            if not os.stat(folder).st_mode & 0o200:
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    import io
    real_io_open = io.open

    def io_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(m in mode for m in "wax") and not os.path.exists(file):
            if not os.stat(folder_of(file)).st_mode & 0o200:
                raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return real_io_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)


def test_a_read_only_folder_refuses_writes_under_the_emulation(tmp_path: Path, as_a_user) -> None:
    """The emulation itself can fail a build: without it, on root, the read-only cases would prove nothing."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "in.txt").write_text("x", encoding="utf-8")
    folder.chmod(0o555)
    with pytest.raises(PermissionError):
        (folder / "new.txt").write_text("x", encoding="utf-8")
    with pytest.raises(PermissionError):
        (folder / "in.txt").unlink()
    with pytest.raises(PermissionError):
        shutil.rmtree(folder)
    folder.chmod(0o755)


@pytest.mark.parametrize("edit", [False, True], ids=["nothing-changed", "one-transcript-edited"])
@pytest.mark.parametrize("spare", [True, False], ids=["with-spare", "spare-deleted"])
@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_every_kind_of_damage_is_repaired_by_the_next_build(kind: str, spare: bool, edit: bool, tmp_path: Path,
                                                             as_a_user, request) -> None:
    if kind == "time-put-back" and not spare and not edit:
        # Deleting the spare unlinks every file the site shares with it, which
        # moves their change time after the damage did: nothing is left to
        # tell the damaged file by, short of reading every file's bytes.
        request.applymarker(pytest.mark.xfail(strict=True, reason="the change time is moved again by the spare's deletion"))
    content, site = tmp_path / "content", tmp_path / "site"
    small_archive(content)
    build_site(content, site, search=False)
    third = content / "2021" / "2021-03-10-third.md"
    third.write_text(third.read_text(encoding="utf-8").replace("Six.", "Six, edited."), encoding="utf-8")
    build_site(content, site, search=False)
    DAMAGE[kind](site)
    if not spare:
        shutil.rmtree(tmp_path / ".site.staging")
    if edit:
        first = content / "2020" / "2020-01-10-first.md"
        first.write_text(first.read_text(encoding="utf-8").replace("One.", "One, edited."), encoding="utf-8")
    build_site(content, site, search=False)
    reference = tmp_path / "reference" / "site"
    build_site(content, reference, cache=False, search=False)
    assert shape(site) == shape(reference)
    assert not [path for path in site.rglob("*") if path.is_symlink()]
    assert check_site(site) == []
    # The next build starts from the spare, which holds the damage now: it is repaired as well.
    build_site(content, site, search=False)
    assert shape(site) == shape(reference)
    assert not (tmp_path / ".site.old").exists()


@pytest.mark.parametrize("name, old, new, message", [
    ("base.html", '<footer class="site-footer">', '<footer class="site-footer">\ufdd0', "non-character U+FDD0 in text"),
    ("feed.xml", "<title>{{ feed.title }}</title>", "<title>{{ feed.title }}\U0001FFFF</title>",
     "non-character U+1FFFF in text"),
    ("assets/style.css", "body {", "/* \x85 */ body {", "control character U+0085 in text"),
])
def test_a_theme_that_holds_a_character_no_page_may_is_refused_at_its_line(name, old, new, message, tmp_path: Path) -> None:
    """The rule of kit.characters, which content, settings and `stenogram check` hold too."""
    content, site, published, templates = _built_then_themed(tmp_path, name, old, new)
    line = (templates / name).read_text(encoding="utf-8").split(new, 1)[0].count("\n") + 1
    with pytest.raises(StenogramError) as caught:
        build_site(content, site, templates=templates, search=False)
    assert str(caught.value) == f"{templates / name}:{line}: {message}"
    assert tree(site) == published
    # On disk, `stenogram check` finds the same in a page.
    page = site / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</main>", new.encode("utf-8") + b"</main>", 1))
    [problem] = check_site(site)
    assert problem.startswith(f"{page}:") and problem.endswith(f": {message}")
