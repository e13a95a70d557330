"""One rule for the build's own check and for `stenogram check`: each
fault below is found by both, with the same message, and an HTML fault is
one the HTML5 parsing algorithm also reports (what a browser would repair)."""

from __future__ import annotations

import shutil
from pathlib import Path

import html5lib
import pytest


from generator.check.folder import check_site
from generator.check.selfcheck import SelfCheck
from generator.kit.errors import StenogramError

PAGE = "events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/index.html"


def _html5_errors(data: bytes) -> list:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(data)
    return parser.errors


# (what is done to the seed event page, the message both checks give)
HTML_FAULTS = [
    (("</main>", "</div></main>"), "invalid HTML: stray end tag </div>"),
    (("<main id=\"main\" class=\"wrap\">", "<main id=\"main\" class=\"wrap\"><section>"), "invalid HTML: <section> is not closed"),
    (("<html lang=\"en\">", "<html lang=\"en\" lang=\"ru\">"), "invalid HTML: an attribute given twice"),
    (("<p class=\"summary\">", "<p class=\"summary\"><div></div>"), "invalid HTML: <div> inside <p>"),
    (("<a href=\"/\">", "<a href=\"/\"><a href=\"/\">x</a>"), "invalid HTML: a link inside a link"),
    (("<main ", "<div /><main "), "invalid HTML: <div /> does not close itself"),
]
# Not parse errors, but a page a link cannot rely on.
LINK_FAULTS = [
    (("<h1 ", "<h1 id=\"t1\" "), "a duplicate id 't1'"),
    (('href="/persons/sergei-shoigu/"', 'href="/persons/nobody/"'), "a broken link /persons/nobody/"),
    (('href="#t2"', 'href="#t99"'), "link #t99 to a missing anchor #t99"),
    (('href="/archive/"', 'href="/persons/sergei-shoigu/#nobody"'),
     "a link to a missing anchor #nobody of /persons/sergei-shoigu/index.html"),
]


def _damaged(built: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, bytes]:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    page = site / PAGE
    data = page.read_bytes()
    assert old.encode() in data
    data = data.replace(old.encode(), new.encode(), 1)
    page.write_bytes(data)
    return site, data


def _selfcheck(site: Path, data: bytes) -> str:
    paths = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    check = SelfCheck(site, paths, "")
    with pytest.raises(StenogramError) as raised:
        check.anchors(site, check.page(PAGE, data))
    return raised.value.message


@pytest.mark.parametrize("edit, message", HTML_FAULTS + LINK_FAULTS, ids=[m for _, m in HTML_FAULTS + LINK_FAULTS])
def test_the_build_and_check_find_each_fault_alike(built: Path, tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    site, data = _damaged(built, tmp_path, *edit)
    problems = check_site(site)
    assert [p.split(":", 2)[2].strip() for p in problems] == [message]
    # The line of the edit; for a duplicate id, of its second use.
    at = data.rindex(b'id="t1"') if "duplicate id" in message else data.index(edit[1].encode())
    line = data.count(b"\n", 0, at) + 1
    assert problems[0].startswith(f"{site / PAGE}:{line}:")
    assert _selfcheck(site, data) == f"the build wrote {message}"
    if (edit, message) in HTML_FAULTS:
        assert _html5_errors(data), "a browser would repair this page"


def test_the_built_site_passes_both_and_the_html5_parser(built: Path) -> None:
    assert check_site(built) == []
    for page in [built / PAGE, built / "index.html", built / "persons/sergei-shoigu/index.html", built / "search/index.html"]:
        assert _html5_errors(page.read_bytes()) == [], page


def test_feeds_and_data_are_checked_as_xml_and_json(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    (site / "feed.xml").write_bytes((site / "feed.xml").read_bytes().replace(b"</feed>", b""))
    (site / "data/persons.json").write_bytes(b"[{]")
    problems = [p.split(":", 2)[2].strip() for p in check_site(site)]
    assert problems == ["invalid JSON: Expecting property name enclosed in double quotes: line 1 column 3 (char 2)",
                        "ill-formed XML: no element found"]


def test_the_memos_of_tags_and_links_stay_bounded_and_right() -> None:
    from generator.check.pagecheck import _MEMO_AT_MOST, PageChecker

    checker = PageChecker(lambda path: True, lambda path: False, "")
    for number in range(_MEMO_AT_MOST * 2):  # each tag and link written once, as ids and event links are
        page = f'<p id="x{number}"><a href="/events/e{number}/">e</a></p>'.encode()
        assert checker.file("index.html", page).problems == []
        assert len(checker._described) <= _MEMO_AT_MOST and len(checker._absolute) <= _MEMO_AT_MOST
    bad = b'<p class="a" class="b"><a href="/events/e1/">e</a></p><p id="y"></p><p id="y"></p>'
    assert [p.message for p in checker.file("index.html", bad).problems] == [
        "invalid HTML: an attribute given twice", "a duplicate id 'y'"]


LINKS = ["/", "/events/", "/events/x-1/#t5", "/events/x-1/index.json", "/style.css", "/persons/a~b_c/",
         "/base", "/base/", "/base/events/#", "/baseline/", "/events/a..b/", "/.well-known/x", "/a//b/",
         "/a/./b", "/a/../b/", "/x%20y/", "/x/#a%20b", "/x?y=1", "//host/x/", "/events", "/events/x-1",
         "/É/", "#t1", "x/", "../y/", "https://stenogram.example.org/events/"]


@pytest.mark.parametrize("prefix", ["", "/base"])
def test_the_quick_way_for_plain_links_leads_where_parsing_does(prefix: str) -> None:
    """Most links the build writes skip urlsplit, unquoting and normalising;
    every one must lead where the whole parse leads."""
    from generator.check.links import link_target, parsed_target

    folders = {"events", "events/x-1", "base", "base/events"}.__contains__
    for link in LINKS + [prefix + link for link in LINKS if link.startswith("/")]:
        assert link_target("events/x-1/index.html", link, prefix, folders, "stenogram.example.org") == \
            parsed_target("events/x-1/index.html", link, prefix, folders, "stenogram.example.org"), link
