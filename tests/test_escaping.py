"""Nothing from a transcript becomes markup: every payload, in every field,
is text in every page, feed, sitemap, JSON file and search result. Checked
by parsing the output, not by searching strings."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import parse_html
from sitefixtures import PAYLOADS

ATOM = {"a": "http://www.w3.org/2005/Atom"}
LIVE_TAGS = {"script", "iframe", "img", "b", "object", "embed", "style", "div"}
OUR_DIVS = {"wrap", "search-record", "transcript", "columns", "search-controls", "search-layout", "search-app", "search-filters", "search-status-line", "search-help"}


def _payload_event(site: Path, number: int) -> Path:
    [page] = (site / "events").glob(f"2020-06-{number:02d}-payload-{number}*/index.html")
    return page


def test_no_page_has_live_markup(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 150
    for page in pages:
        for element in parse_html(page).iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "script":
                # The one script of the site: search, from our own assets.
                assert page == built / "search/index.html", page
                assert element.attrib == {"type": "module", "src": "/search.js"} and not element.text
                continue
            if element.tag == "div":
                assert element.get("class") in OUR_DIVS or element.get("id") in OUR_DIVS, (page, element.attrib)
                continue
            assert element.tag not in LIVE_TAGS, (page, element.tag)
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (page, name)
                if element.tag == "meta" and name == "content" and element.get("name", "").startswith("citation_author"):
                    continue  # a name, family first: "javascript:alert(4), Person" is text to a reference manager
                assert not value.strip().lower().startswith("javascript:"), (page, value)


@pytest.mark.parametrize("number", range(1, len(PAYLOADS) + 1))
def test_payload_is_text_in_every_field_of_its_page(built: Path, number: int) -> None:
    payload = PAYLOADS[number - 1]
    document = parse_html(_payload_event(built, number))
    assert document.find(".//h1").text == f"Payload {number} {payload}"
    assert document.find(".//title").text.startswith(f"Payload {number} {payload} — ")
    description = document.find(".//meta[@name='description']").get("content")
    assert description == f"Summary {payload}"
    text = "".join(document.find(".//main").itertext())
    for field in ("Summary", "Section", "Place", "Topic", "Person", "Minister", "Caption"):
        assert f"{field} {payload}" in text, field
    turn = document.find(".//section[@class='turn']")
    assert "".join(turn.find("h2").itertext()) == f"Minister {payload}"
    paragraphs = ["".join(p.itertext()) for p in turn.findall("p")]
    assert paragraphs[0] == payload  # escaped by the importer: shown exactly
    assert paragraphs[-1] == f"End of payload {number}."


@pytest.mark.parametrize("kind", ["persons", "topics", "geography"])
def test_payload_names_are_text_on_their_own_pages(built: Path, kind: str) -> None:
    prefix = {"persons": "Person", "topics": "Topic", "geography": "Place"}[kind]
    headings = {"".join(parse_html(p).find(".//h1").itertext()) for p in (built / kind).glob("*/index.html")}
    for payload in PAYLOADS:
        assert f"{prefix} {payload}" in headings


def test_feeds_and_sitemap_are_well_formed_with_payloads_as_text(built: Path) -> None:
    feeds = [built / "feed.xml", *built.glob("persons/*/feed.xml"), *built.glob("topics/*/feed.xml")]
    titles: set[str] = set()
    for feed in feeds:
        root = ET.parse(feed).getroot()
        for entry in root.findall("a:entry", ATOM):
            for field in ("a:title", "a:summary"):
                node = entry.find(field, ATOM)
                assert len(node) == 0, "no child elements: text only"
            titles.add(entry.find("a:title", ATOM).text)
    for number, payload in enumerate(PAYLOADS, start=1):
        assert f"Payload {number} {payload}" in titles
    locs = [loc.text for loc in ET.parse(built / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(re.fullmatch(r"https://stenogram\.example\.org/[a-z0-9/.-]*", loc) for loc in locs)


def test_json_carries_payloads_as_json_strings(built: Path) -> None:
    events = {e["title"]: e for e in json.loads((built / "data/events.json").read_text(encoding="utf-8"))["events"]}
    persons = {p["name"] for p in json.loads((built / "data/persons.json").read_text(encoding="utf-8"))["persons"]}
    for number, payload in enumerate(PAYLOADS, start=1):
        event = events[f"Payload {number} {payload}"]
        assert event["geography"] == [f"Place {payload}"] and event["topics"] == [f"Topic {payload}"]
        assert f"Person {payload}" in persons
        detail = json.loads(_payload_event(built, number).with_name("index.json").read_text(encoding="utf-8"))
        assert detail["statements"][0]["label"] == f"Minister {payload}"
        assert detail["statements"][0]["paragraphs"][0].startswith(payload)
