"""The built site: every contract URL, links and anchors, escaping,
determinism, and a failed build that leaves the old site alone."""

from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import GOLDEN, PER_PAGE, ROOT, check_golden, fixture_config, parse_html, tree
from generator.build import build
from generator.check.folder import check_site
from generator.cli import main
from generator.kit.errors import StenogramError
from sitefixtures import MANY, PAYLOADS, make_content

CONFIG = ROOT / "stenogram.toml"
TEMPLATES = ROOT / "templates"
SEED_URL = "events/2015-10-07-meeting-with-defence-minister-sergei-shoigu/"


def run_build(content: Path, out: Path, **kwargs):
    return build(content, out, config_path=CONFIG, templates_dir=TEMPLATES, search=False, **kwargs)


CONTRACT_URLS = [
    "index.html",
    SEED_URL + "index.html",
    SEED_URL + "index.json",
    "persons/sergei-shoigu/index.html",
    "persons/anna-testova/index.html",
    "persons/anna-testova/page/1/index.html",
    "persons/anna-testova/page/2/index.html",
    "persons/anna-testova/feed.xml",
    "topics/armed-forces/index.html",
    "topics/fixture-topic/index.html",
    "topics/fixture-topic/page/2/index.html",
    "topics/fixture-topic/feed.xml",
    "geography/krasnodar-territory/index.html",
    "geography/fixture-city/page/2/index.html",
    "persons/index.html",
    "topics/index.html",
    "geography/index.html",
    "archive/2015/index.html",
    "archive/2015/10/index.html",
    "archive/2019/index.html",
    "search/index.html",
    "feed.xml",
    "sitemap.xml",
    "404.html",
    "robots.txt",
    "data/events.json",
    "data/persons.json",
]


@pytest.mark.parametrize("relative", CONTRACT_URLS)
def test_contract_url_exists(built: Path, relative: str) -> None:
    assert (built / relative).is_file()


def test_no_third_page_when_two_suffice(built: Path) -> None:
    assert not (built / "topics/fixture-topic/page/3").exists()
    assert not (built / "persons/sergei-shoigu/page").exists()


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert check_site(built) == []


def test_checker_finds_broken_links_and_anchors(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    page = site / SEED_URL / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('href="#t2"', 'href="#t99"').replace('href="/persons/sergei-shoigu/"', 'href="/persons/nobody/"', 1))
    person = site / "persons/sergei-shoigu/index.html"
    person.write_text(person.read_text(encoding="utf-8").replace("<h1>", '<h1 id="main">', 1).replace("</main>", "</div></main>", 1))
    problems = check_site(site)
    assert any(p.endswith("link #t99 to a missing anchor #t99") for p in problems)
    person_problems = [p.split(":", 2)[2] for p in problems if p.startswith(f"{person}:")]
    assert person_problems == [" a duplicate id 'main'", " invalid HTML: stray end tag </div>"]
    assert any(p.endswith("a broken link /persons/nobody/") for p in problems)
    assert main(["check", "--out", str(site), "--quiet"]) == 1


def test_seed_event_page_matches_golden(built: Path, update_golden: bool) -> None:
    check_golden(GOLDEN / "event-seed.html", (built / SEED_URL / "index.html").read_text(encoding="utf-8"), update_golden)


def test_seed_turns_have_ids_labels_and_person_links(built: Path) -> None:
    document = parse_html(built / SEED_URL / "index.html")
    turns = document.findall(".//section[@class='turn']")
    assert [t.find("h2").get("id") for t in turns] == [f"t{n}" for n in range(1, 7)]
    speakers = [t.find(".//h2/a") for t in turns]
    assert [a.text for a in speakers] == [
        "Defence Minister Sergei Shoigu", "President of Russia Vladimir Putin", "Sergei Shoigu",
        "Vladimir Putin", "Sergei Shoigu", "Vladimir Putin",
    ]
    assert [a.get("href") for a in speakers] == ["/persons/sergei-shoigu/", "/persons/vladimir-putin/"] * 3
    assert [t.find(".//a[@class='permalink']").get("href") for t in turns] == [f"#t{n}" for n in range(1, 7)]
    assert document.find(".//time").get("datetime") == "2015-10-07T14:20:00+03:00"
    assert len(document.findall(".//h1")) == 1


def test_person_page_lists_statements_with_anchors(built: Path) -> None:
    document = parse_html(built / "persons/sergei-shoigu/index.html")
    links = [a.get("href") for a in document.findall(".//ul[@class='statements']//a")]
    assert links == [f"/{SEED_URL}#t1", f"/{SEED_URL}#t3", f"/{SEED_URL}#t5"]
    text = " ".join("".join(document.find(".//main").itertext()).split())
    assert re.search(r"3 statements \(\d[\d,]* words spoken\) in 1 transcript", text)


def test_many_statements_paginate_newest_first_numbered_from_the_oldest(built: Path) -> None:
    person = built / "persons/anna-testova"
    pages = [parse_html(person / "index.html"), parse_html(person / "page/2/index.html"), parse_html(person / "page/1/index.html")]
    shown = [[t.get("datetime") for t in doc.findall(".//ol[@class='events']//time")] for doc in pages]
    assert [len(times) for times in shown] == [MANY - 2 * PER_PAGE, PER_PAGE, PER_PAGE]
    times = [time for times in shown for time in times]
    assert times == sorted(times, reverse=True)
    statements = [a for doc in pages for a in doc.findall(".//ul[@class='statements']//a")]
    assert len(statements) == 2 * MANY
    # Each page links to the next newer and older ones; page 1 holds the oldest.
    links = [{a.get("rel"): a.get("href") for a in doc.findall(".//nav[@class='pager']/a")} for doc in pages]
    assert links == [
        {"next": "/persons/anna-testova/page/2/"},
        {"prev": "/persons/anna-testova/", "next": "/persons/anna-testova/page/1/"},
        {"prev": "/persons/anna-testova/page/2/"},
    ]
    lead = "".join(pages[2].find(".//p[@class='lead']").itertext())
    assert lead.startswith(f"Transcripts 1 to {PER_PAGE} in date order, from ")


def test_the_header_links_every_way_into_the_archive(built: Path) -> None:
    for page in ("index.html", SEED_URL + "index.html", "search/index.html", "404.html"):
        nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', (built / page).read_text(encoding="utf-8"), re.S)
        assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(1)) == [
            ("/archive/", "Archive"), ("/persons/", "Persons"), ("/topics/", "Topics"), ("/geography/", "Geography"),
            ("/sections/", "Sections"), ("/search/", "Search")], page


def test_feeds_are_atom_with_absolute_urls(built: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for feed in ("feed.xml", "persons/anna-testova/feed.xml", "topics/armed-forces/feed.xml"):
        root = ET.parse(built / feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        entries = root.findall("a:entry", ns)
        assert entries
        for entry in entries:
            assert entry.find("a:link", ns).get("href").startswith("https://stenogram.example.org/events/")
            assert entry.find("a:updated", ns).text
            assert entry.find("a:published", ns).text == entry.find("a:updated", ns).text
            assert entry.find("a:summary", ns).text.strip()
        assert root.find("a:updated", ns).text == entries[0].find("a:updated", ns).text


def test_sitemap_lists_pages_with_their_dates_not_404_or_search(built: Path) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.parse(built / "sitemap.xml").getroot()
    lastmod = {url.find(ns + "loc").text: url.find(ns + "lastmod").text for url in root.iter(ns + "url")}
    base = "https://stenogram.example.org/"
    assert lastmod[base + SEED_URL] == "2015-10-07"
    assert lastmod[base + "archive/2015/10/"] == "2015-10-07"
    events = json.loads((built / "data/events.json").read_text(encoding="utf-8"))["events"]
    newest = max(e["date"] for e in events)[:10]
    assert lastmod[base] == lastmod[base + "persons/"] == newest
    assert not any(u.endswith(("404.html", "/search/")) for u in lastmod)
    assert list(lastmod) == sorted(lastmod)


def test_not_found_page_has_no_canonical_address_and_links_search(built: Path) -> None:
    page = (built / "404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
    assert '<a href="/search/">search</a>' in page


def test_archive_pages_link_the_years_and_months_around_them(built: Path) -> None:
    year = (built / "archive" / "2017" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/archive/2018/">← Newer: 2018</a>' in year
    assert '<a href="/archive/2015/">Older: 2015 →</a>' in year
    month = (built / "archive" / "2015" / "10" / "index.html").read_text(encoding="utf-8")
    assert "Older: " in month and "Newer: " in month
    newest_year = sorted(p.name for p in (built / "archive").iterdir() if p.name.isdigit())[-1]
    assert "Newer: " not in (built / "archive" / newest_year / "index.html").read_text(encoding="utf-8")


def test_times_say_whose_clock_and_counts_their_plural(built: Path) -> None:
    event = (built / SEED_URL / "index.html").read_text(encoding="utf-8")
    assert ">7 October 2015, 14:20 Moscow time</time>" in event
    year = (built / "archive" / "2001" / "index.html").read_text(encoding="utf-8")
    assert '<p class="lead">1 transcript · <a class="group-search" href="/search/?year=2001">Search within 2001</a></p>' in year
    person = (built / "persons" / "sergei-shoigu" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"3 statements \(\d[\d,]* words spoken\) in 1 transcript; present at 1 more without speaking ·", person)


def test_open_data(built: Path) -> None:
    event = json.loads((built / SEED_URL / "index.json").read_text(encoding="utf-8"))
    assert [s["speaker"] for s in event["statements"]] == ["Sergei Shoigu", "Vladimir Putin"] * 3
    assert event["format"] == 3 and set(event["statements"][0]) == {"id", "speaker", "label", "paragraphs"}
    assert event["$schema"] == "https://stenogram.example.org/data/schemas/event.schema.json"
    assert event["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert event["attribution"] == "President of Russia, kremlin.ru"
    assert event["speakers"] == {"Sergei Shoigu": "https://stenogram.example.org/persons/sergei-shoigu/",
                                 "Vladimir Putin": "https://stenogram.example.org/persons/vladimir-putin/"}
    events = json.loads((built / "data/events.json").read_text(encoding="utf-8"))
    assert events["format"] == 3 and events["$schema"].endswith("/data/schemas/events.schema.json")
    assert len(events["events"]) == 10 + MANY + len(PAYLOADS)


def test_a_build_reads_each_input_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """persons.yaml, stenogram.toml and every file of the theme: read once
    for the stamp, the keys, the checks and the pages alike."""
    import builtins
    import collections
    import io
    import os

    content = make_content(tmp_path / "content")
    (content / "persons.yaml").write_text("Sergei Shoigu:\n  aliases: [Sergei K. Shoigu]\n", encoding="utf-8")
    config = fixture_config(tmp_path)
    inputs = {str(content / "persons.yaml"), str(config)} | {str(p) for p in TEMPLATES.rglob("*") if p.is_file()}
    opened: collections.Counter[str] = collections.Counter()

    def counting(original):
        def opening(path, *args, **kwargs):
            if not isinstance(path, int) and os.fspath(path) in inputs:
                opened[os.fspath(path)] += 1
            return original(path, *args, **kwargs)
        return opening

    for module, name in ((os, "open"), (builtins, "open"), (io, "open")):
        monkeypatch.setattr(module, name, counting(getattr(module, name)))
    build(content, tmp_path / "site", config_path=config, templates_dir=TEMPLATES, search=False,
          cache_dir=tmp_path / "cache")
    assert len(inputs) > 15 and opened == collections.Counter(inputs)


# Determinism and failure -------------------------------------------------

def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    build(content, tmp_path / "site", config_path=fixture_config(tmp_path), templates_dir=TEMPLATES, search=False)
    assert tree(tmp_path / "site") == tree(built)


@pytest.mark.parametrize(
    "breakage, message",
    [
        ("front-matter", "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md:3: invalid YAML"),
        ("slug-clash", "share the URL slug 'sergei-shoigu'"),
    ],
)
def test_failed_build_leaves_previous_site_identical(breakage: str, message: str, tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    site = tmp_path / "site"
    run_build(content, site)
    before = tree(site)
    seed = content / "2015" / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"
    text = seed.read_text(encoding="utf-8")
    if breakage == "front-matter":
        seed.write_text(text.replace("date: '2015", "date: [ '2015", 1), encoding="utf-8")
    else:
        seed.write_text(text.replace("- Sergei Shoigu\n", "- Sergei  Shoigu\n", 1), encoding="utf-8")
    with pytest.raises(StenogramError) as caught:
        run_build(content, site)
    assert message in str(caught.value)
    assert tree(site) == before
    assert not (tmp_path / ".site.staging").exists()


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StenogramError) as caught:
        run_build(make_content(tmp_path / "content"), out)
    assert str(caught.value) == f"{out}:1: output folder exists and was not built by stenogram; refusing to replace it"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_the_archive_by_year_follows_its_schema_and_holds_every_statement_once(built: Path) -> None:
    import gzip

    import jsonschema

    schemas = {name: json.loads((built / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
               for name in ("years", "statement")}
    index = json.loads((built / "data" / "years.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, schemas["years"])
    events = json.loads((built / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    expected = {(e["id"], s["id"]): s for e in events
                for s in json.loads((built / "events" / e["id"] / "index.json").read_text(encoding="utf-8"))["statements"]}
    found: dict[tuple[str, str], dict] = {}
    narrative = 0
    years = sorted({e["date"][:4] for e in events})
    assert [f"{y['year']:04d}" for y in index["years"]] == years
    for entry in index["years"]:
        data = (built / "data" / "years" / f"{entry['year']:04d}.jsonl.gz").read_bytes()
        assert data[4:8] == bytes(4), "no time in the gzip header: the same content gives the same bytes"
        lines = [json.loads(line) for line in gzip.decompress(data).decode("utf-8").splitlines()]
        statements = [line for line in lines if line["kind"] == "statement"]
        assert len(statements) == entry["statements"]
        assert entry["transcripts"] == sum(1 for e in events if e["date"].startswith(f"{entry['year']:04d}"))
        for line in lines:
            jsonschema.validate(line, schemas["statement"])
            assert line["date"].startswith(f"{entry['year']:04d}")
        narrative += len(lines) - len(statements)
        for line in statements:
            key = (line["event"], line["id"])
            assert key not in found, f"{key} twice"
            found[key] = line
    assert found.keys() == expected.keys() and len(found) == sum(e["statements"] for e in events)
    for key, line in found.items():
        assert line["text"] == "\n\n".join(expected[key]["paragraphs"])
        assert line["url"].endswith(f"/events/{key[0]}/#{key[1]}")
        assert (line["speaker"], line["label"]) == (expected[key]["speaker"], expected[key]["label"])
    assert narrative > 0
    # The open data page lists each year's file, and every page links to it.
    page = (built / "data" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="/data/years/{y}.jsonl.gz"' in page for y in years)
    assert 'href="/data/">Open data</a>' in (built / "index.html").read_text(encoding="utf-8")


def test_open_data_follows_its_schemas_and_holds_every_word_of_the_page(built: Path) -> None:
    import jsonschema

    # The schemas as the site publishes them, at the address each file names.
    schemas = {name: json.loads((built / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
               for name in ("event", "events", "persons")}
    for name, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"https://stenogram.example.org/data/schemas/{name}.schema.json"
    jsonschema.validate(json.loads((built / "data/events.json").read_text(encoding="utf-8")), schemas["events"])
    jsonschema.validate(json.loads((built / "data/persons.json").read_text(encoding="utf-8")), schemas["persons"])
    words = re.compile(r"[^\W_]+")
    checked = 0
    for data_file in sorted((built / "events").glob("*/index.json")):
        data = json.loads(data_file.read_text(encoding="utf-8"))
        jsonschema.validate(data, schemas["event"])
        # The page's transcript, in order: labels and paragraphs, narrative between.
        page = parse_html(data_file.parent / "index.html")
        transcript = page.find(".//div[@class='transcript']")
        for parent in transcript.iter():  # the reader's tools are not the record
            for child in [c for c in parent if c.get("class") in ("same-speaker", "permalink")]:
                parent.remove(child)
        shown = words.findall(" ".join(transcript.itertext()))
        statements = {s["id"]: s for s in data["statements"]}
        told = []
        for block in data["body"]:
            if "statement" in block:
                told += [statements[block["statement"]]["label"], *statements[block["statement"]]["paragraphs"]]
            else:
                told += block.get("narrative", [])
        assert words.findall(" ".join(told)) == shown, data_file
        checked += 1
    assert checked == 10 + MANY + len(PAYLOADS)
    blair = json.loads(next((built / "events").glob("2001-02-01-*/index.json")).read_text(encoding="utf-8"))
    assert blair["statements"] == [] and words.findall(" ".join(blair["body"][0]["narrative"]))


def test_pages_of_the_whole_archive_are_rendered_by_the_build_not_a_worker(tmp_path: Path, monkeypatch) -> None:
    """A forked worker given the whole archive as data would hold its own copy of it."""
    import generator.publish.publish as publish

    content = make_content(tmp_path / "content")
    shared = []

    def parallel_map(func, items, jobs, chunksize=8):
        shared.extend(item.path for item in items)
        return map(func, items)

    monkeypatch.setattr(publish, "parallel_map", parallel_map)
    run_build(content, tmp_path / "site", jobs=2)
    assert (tmp_path / "site/data/events.json").is_file() and (tmp_path / "site/sitemap.xml").is_file()
    assert len(shared) > 100 and "data/events.json" not in shared and "sitemap.xml" not in shared


def test_a_corrected_transcript_shows_when_it_was_corrected(tmp_path: Path) -> None:
    import jsonschema

    content = make_content(tmp_path / "content")
    seed = next(content.glob("2015/2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("\ndate:", "\nupdated: '2016-02-01T09:30:00+03:00'\ndate:", 1),
                    encoding="utf-8")
    cache = tmp_path / "cache"
    run_build(content, tmp_path / "site", cache_dir=cache)
    feed = "persons/sergei-shoigu/feed.xml"
    first = {path: (tmp_path / "site" / path).read_bytes() for path in (feed, "sitemap.xml", "data/events.json")}
    root = ET.fromstring(first[feed])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [entry] = [e for e in root.findall("a:entry", ns) if e.findtext("a:id", namespaces=ns).endswith(SEED_URL)]
    assert entry.findtext("a:published", namespaces=ns) == "2015-10-07T14:20:00+03:00"
    assert entry.findtext("a:updated", namespaces=ns) == "2016-02-01T09:30:00+03:00"
    assert f"<loc>https://stenogram.example.org/{SEED_URL}</loc><lastmod>2016-02-01</lastmod>" in first["sitemap.xml"].decode()
    schemas = {name: json.loads((tmp_path / "site" / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
               for name in ("event", "events")}
    events = json.loads(first["data/events.json"])
    jsonschema.validate(events, schemas["events"])
    events = events["events"]
    assert [e.get("updated") for e in events if e["id"] in SEED_URL] == ["2016-02-01T09:30:00+03:00"]
    assert sum("updated" in e for e in events) == 1  # only where it was corrected
    event = json.loads((tmp_path / "site" / SEED_URL / "index.json").read_text(encoding="utf-8"))
    jsonschema.validate(event, schemas["event"])
    assert event["updated"] == "2016-02-01T09:30:00+03:00"
    # Taken from the build cache, the date is the same.
    (content / "2015" / "2015-01-01-meeting-with-defence-minister-sergei-shoigu.md").write_text(seed.read_text(encoding="utf-8").replace(
        "2015-10-07T14:20:00+03:00", "2015-01-01T10:00:00+03:00").replace("updated: '2016-02-01T09:30:00+03:00'\n", ""),
        encoding="utf-8")
    run_build(content, tmp_path / "site", cache_dir=cache)
    again = ET.fromstring((tmp_path / "site" / feed).read_bytes())
    # The feed was updated when its newest entry was (Shoigu is also present at a meeting of 2021).
    for feed_root in (root, again):
        entries = [e.findtext("a:updated", namespaces=ns) for e in feed_root.findall("a:entry", ns)]
        assert "2016-02-01T09:30:00+03:00" in entries
        assert feed_root.findtext("a:updated", namespaces=ns) == max(entries)


def test_updated_before_the_date_is_refused(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    seed = next(content.glob("2015/2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("\ndate:", "\nupdated: 2015-10-07T14:19:00+03:00\ndate:", 1),
                    encoding="utf-8")
    with pytest.raises(StenogramError) as raised:
        run_build(content, tmp_path / "site")
    assert str(raised.value) == (f"{seed}:3: updated 2015-10-07T14:19:00+03:00 is before the transcript's date "
                                 "2015-10-07T14:20:00+03:00")


def _zotero_metadata(page: Path) -> dict[str, str]:
    """The <meta name> tags of the head, read as Zotero's Embedded Metadata
    translator reads them (citation_* and DC.*), the last of a name kept."""
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    return {name: html.unescape(content) for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)">', head)
            if name.startswith(("citation_", "DC."))}


def test_a_transcript_page_tells_a_reference_manager_what_it_is(built: Path, tmp_path: Path) -> None:
    assert _zotero_metadata(built / SEED_URL / "index.html") == {
        "citation_title": "Meeting with Defence Minister Sergei Shoigu",
        "citation_author": "Putin, Vladimir",  # the last of them: all are below
        # A report by an institution (Zotero guessed a journal article from citation_title alone),
        "citation_technical_report_institution": "President of Russia, kremlin.ru",
        "citation_publication_date": "2015/10/07",
        "citation_date": "2015-10-07T14:20:00+03:00",  # read after the publication date: the time kept
        "citation_publisher": "President of Russia, kremlin.ru",
        "citation_public_url": f"https://stenogram.example.org/{SEED_URL}",
        "citation_language": "en",
        "DC.title": "Meeting with Defence Minister Sergei Shoigu",
        "DC.date": "2015-10-07T14:20:00+03:00",
        "DC.publisher": "President of Russia, kremlin.ru",
        "DC.rights": "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
        "DC.type": "Text",
    }
    # Its speakers are its authors, family name first.
    head = (built / SEED_URL / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert re.findall(r'<meta name="citation_author" content="([^"]*)">', head) == ["Shoigu, Sergei", "Putin, Vladimir"]
    # With the original's address: named as the source, and cited.
    content = make_content(tmp_path / "content")
    seed = next(content.glob("2015/2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"))
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "\nsource:\n", "\nsource:\n  url: http://en.kremlin.ru/events/president/news/50458\n", 1), encoding="utf-8")
    run_build(content, tmp_path / "site")
    page = tmp_path / "site" / SEED_URL / "index.html"
    assert _zotero_metadata(page)["DC.source"] == "http://en.kremlin.ru/events/president/news/50458"
    assert ("<p class=\"cite\">Meeting with Defence Minister Sergei Shoigu. President of Russia, kremlin.ru, 7 October 2015, "
            "14:20 Moscow time. http://en.kremlin.ru/events/president/news/50458. CC BY 4.0. Kremlin Events Archive, "
            f"https://stenogram.example.org/{SEED_URL}</p>") in page.read_text(encoding="utf-8")
