"""Pages: what each view gives its template, and keys derived from a
page's data so that a change to anything a page shows changes its key."""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.content.load import Content, load_content
from generator.library.config import load_config
from generator.library.library import build_library
from generator.library.urls import decide_urls
from generator.pages.keys import fingerprint
from generator.pages.page import Env, Page
from generator.pages.site_pages import site_pages
from generator.pages.theme import read_theme
from modelfixtures import small_archive
from sitefixtures import write_event


def pages_of(content: Content) -> tuple[dict[str, Page], Env]:
    library = build_library(content)
    env = Env(load_config(ROOT / "stenogram.toml"), decide_urls(library), content.bodies)
    return {p.url: p for p in site_pages(library, env, read_theme(ROOT / "templates"))}, env


@pytest.fixture
def site(tmp_path: Path) -> tuple[dict[str, Page], Env]:
    return pages_of(small_archive(tmp_path / "content"))


def test_every_group_page_links_its_feed_and_the_feed_exists(site) -> None:
    pages, env = site
    for url in ("/topics/economy/", "/geography/sochi/", "/sections/news/", "/persons/anna-testova/"):
        page = pages[url]
        view = page.render_data(env)
        feed_url = (view.get("group") or view.get("person"))["feed_url"]
        assert feed_url == url + "feed.xml"
        feed = pages[feed_url].render_data(env)["feed"]
        assert feed["html_url"] == env.config.absolute(url)
        assert [e["title"] for e in feed["entries"]] == [e["title"] for e in view["items"]]


def test_group_page_shows_its_most_present(site) -> None:
    pages, env = site
    people = pages["/topics/economy/"].render_data(env)["group"]["people"]
    assert [(p["name"], p["count"], p["url"]) for p in people] == [
        ("Anna Testova", 2, "/persons/anna-testova/"), ("Boris Probin", 2, "/persons/boris-probin/"),
        ("Carl Alpha", 1, "/persons/carl-alpha/"),
    ]


def test_person_page_shows_topics_companions_and_own_statements(site) -> None:
    pages, env = site
    view = pages["/persons/boris-probin/"].render_data(env)
    summary = view["person"]["summary"]
    assert (summary["statements"], summary["events"]) == (2, 2)
    assert [(t["name"], t["count"]) for t in summary["topics"]] == [("Economy", 2), ("Health", 1)]
    assert [(c["name"], c["count"]) for c in summary["companions"]] == [("Anna Testova", 2), ("Carl Alpha", 1)]
    assert [[s["url"].split("/")[-1] for s in item["statements"]] for item in view["items"]] == [["#t2"], ["#t2"]]


def test_person_page_quotes_two_statements_a_transcript_and_links_the_rest(tmp_path: Path) -> None:
    """Beyond two, a transcript's statements are a count and a link to the
    third, from which the event page's "Next by" links go on."""
    write_event(tmp_path / "content", {
        "title": "Long", "date": "2020-01-10T10:00:00+03:00", "speakers": {"Anna Testova": "Anna Testova", "Question": None},
    }, "\n\n".join(f"**{'Anna Testova' if n % 2 else 'Question'}:** Turn {n}." for n in range(1, 10)))
    content = load_content(tmp_path / "content")
    # The card holds no excerpt it will not show: a third statement, or one of no one's.
    assert [s.number for s in content.events[0].statements if s.excerpt] == [1, 3]
    pages, env = pages_of(content)
    item = pages["/persons/anna-testova/"].render_data(env)["items"][0]
    assert [s["url"].split("/")[-1] for s in item["statements"]] == ["#t1", "#t3"]
    assert item["more"] == {"count": 3, "url": item["url"] + "#t5"}


def test_persons_json_counts_statements_and_transcripts(site) -> None:
    pages, env = site
    persons = json.loads(pages["/data/persons.json"].render_data(env))["persons"]
    assert [(p["name"], p["events"], p["spoke"], p["attended"], p["statements"]) for p in persons] == [
        ("Carl Alpha", 1, 0, 0, 0), ("Boris Probin", 2, 2, 0, 2), ("Anna Testova", 3, 3, 0, 4), ("Vera Zeta", 1, 1, 0, 1),
    ]


def test_the_search_page_knows_every_person_topic_and_place_with_its_page(site) -> None:
    pages, env = site
    names = json.loads(pages["/search/names.json"].render_data(env))
    assert [(n["kind"], n["name"], n["transcripts"]) for n in names] == [
        ("person", "Carl Alpha", 1), ("person", "Boris Probin", 2), ("person", "Anna Testova", 3), ("person", "Vera Zeta", 1),
        ("topic", "Culture", 1), ("topic", "Economy", 2), ("topic", "Health", 1),
        ("place", "Moscow", 2), ("place", "Sochi", 2),
    ]
    # Site-relative, each the URL of a page of the site: the script adds the prefix.
    assert all(n["url"] in pages for n in names)
    assert {n["url"] for n in names if n["kind"] == "place"} == {"/geography/moscow/", "/geography/sochi/"}


def test_persons_index_by_surname(site) -> None:
    pages, env = site
    letters = pages["/persons/"].render_data(env)["letters"]
    assert [(g["letter"], [p["name"] for p in g["persons"]]) for g in letters] == [
        ("A", ["Carl Alpha"]), ("P", ["Boris Probin"]), ("T", ["Anna Testova"]), ("Z", ["Vera Zeta"]),
    ]


def test_every_view_is_a_plain_function_of_its_data(site) -> None:
    """A view that closed over something else could read what its key leaves out."""
    pages, _ = site
    for page in pages.values():
        assert inspect.isfunction(page.view) and page.view.__closure__ is None, page.url
        assert "<locals>" not in page.view.__qualname__, page.url
        fingerprint(page.data)  # every page's data can be keyed


def _changed_keys(content: Path, before: dict, edit) -> list[str]:
    path = next(content.rglob(edit[0]))
    path.write_text(path.read_text(encoding="utf-8").replace(edit[1], edit[2]), encoding="utf-8")
    after, _ = pages_of(load_content(content))
    settings = b"settings"
    return sorted(url for url in before if before[url].key(settings) != after[url].key(settings))


def test_an_edit_changes_the_keys_of_the_pages_that_show_it_and_no_other(tmp_path: Path) -> None:
    content = tmp_path / "content"
    before, _ = pages_of(small_archive(content))
    # Only the time changes: same URL, same lists; the neighbours show title and URL only.
    changed = _changed_keys(content, before, ("*second.md", "T10:00:00", "T11:30:00"))
    assert "/events/2020-01-10-first/" not in changed and "/events/2021-03-10-third/" not in changed
    assert "/events/2020-02-10-second/" in changed and "/persons/vera-zeta/" not in changed
    assert "/geography/moscow/" in changed and "/topics/culture/" not in changed


def test_a_body_edit_that_leaves_the_card_changes_only_the_event_page_its_data_and_its_years_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    before, _ = pages_of(small_archive(content))
    # Narrative before the first statement: no list shows it.
    changed = _changed_keys(content, before, ("*second.md", "**Question:** Why?", "They met.\n\n**Question:** Why?"))
    assert changed == ["/data/years/2020.jsonl.gz", "/events/2020-02-10-second/", "/events/2020-02-10-second/index.json"]


def test_a_title_edit_changes_its_neighbours_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    before, _ = pages_of(small_archive(content))
    changed = _changed_keys(content, before, ("*second.md", "title: Second", "slug: second\ntitle: Second meeting"))
    assert {"/events/2020-01-10-first/", "/events/2021-03-10-third/"} <= set(changed)


def test_fingerprint_refuses_what_it_cannot_key() -> None:
    with pytest.raises(TypeError, match="cannot hold a set"):
        fingerprint(("a", {"b"}))
    assert fingerprint(("a", 1)) != fingerprint(("a", "1"))
    assert fingerprint(("ab", "c")) != fingerprint(("a", "bc"))


def test_a_page_of_data_without_a_dataclass_field_is_keyed_by_all_fields() -> None:
    @dataclasses.dataclass(frozen=True)
    class Data:
        shown: str
        also: int

    assert fingerprint(Data("x", 1)) != fingerprint(Data("x", 2))


def test_a_person_only_named_is_presented_so(site) -> None:
    from generator.publish.render import Renderer

    pages, env = site
    renderer = Renderer(read_theme(ROOT / "templates"), env.config)
    carl = renderer.render(pages["/persons/carl-alpha/"], env).decode("utf-8")
    assert "Named in 1 transcript, with no statements" in carl
    assert "0 statements" not in carl and "Search what Carl Alpha said" not in carl
    anna = renderer.render(pages["/persons/anna-testova/"], env).decode("utf-8")
    assert "4 statements (4 words spoken) in 3 transcripts" in anna
    assert ('In the record from <time datetime="2020-01-10T10:00:00+03:00">10 January 2020</time> '
            'to <time datetime="2021-03-10T10:00:00+03:00">10 March 2021</time>') in anna
    vera = renderer.render(pages["/persons/vera-zeta/"], env).decode("utf-8")
    assert "1 statement (1 word spoken) in 1 transcript" in vera
    assert 'In the record on <time datetime="2021-03-10T10:00:00+03:00">10 March 2021</time>' in vera
    index = renderer.render(pages["/persons/"], env).decode("utf-8")
    assert '<span class="count">named in 1 transcript</span>' in index
    assert '<span class="count">4 statements in 3 transcripts</span>' in index


def test_the_original_is_linked_with_the_day_it_was_copied(tmp_path: Path) -> None:
    from generator.kit.errors import StenogramError
    from generator.publish.render import Renderer
    from sitefixtures import write_event

    content = tmp_path / "content"
    front = {"title": "First", "date": "2020-01-10T10:00:00+03:00", "speakers": {"Anna Testova": "Anna Testova"},
             "source": {"file": "x.txt", "url": "https://en.kremlin.ru/events/president/news/1", "retrieved": "2026-11-20"}}
    write_event(content, front, "**Anna Testova:** One.")
    pages, env = pages_of(load_content(content))
    page = Renderer(read_theme(ROOT / "templates"), env.config).render(pages["/events/2020-01-10-first/"], env).decode("utf-8")
    assert ('Original on <a href="https://en.kremlin.ru/events/president/news/1">en.kremlin.ru</a> '
            '(retrieved <time datetime="2026-11-20">20 November 2026</time>)') in page
    data = json.loads(pages["/events/2020-01-10-first/index.json"].render_data(env))
    assert data["original"] == "https://en.kremlin.ru/events/president/news/1" and "url" not in data["source"]
    entry = json.loads(pages["/data/events.json"].render_data(env))["events"][0]
    assert entry["original"] == "https://en.kremlin.ru/events/president/news/1"
    front["source"]["url"] = "javascript:alert(1)"
    write_event(content, front, "**Anna Testova:** One.")
    with pytest.raises(StenogramError, match=r"2020-01-10-first\.md:\d+: source url 'javascript:alert\(1\)' must be a web address"):
        load_content(content)


def test_a_long_transcript_opens_with_its_speakers_and_steps_through_each(tmp_path: Path) -> None:
    from generator.publish.render import Renderer
    from generator.pages.event import CONTENTS_FROM
    from sitefixtures import write_event

    content = tmp_path / "content"
    turns = ["Anna Testova", "Boris Probin", "Question", "Anna Testova"] * CONTENTS_FROM
    write_event(content, {"title": "Press conference", "date": "2020-01-10T10:00:00+03:00",
                          "speakers": {"Anna Testova": "Anna Testova", "Boris Probin": "Boris Probin", "Question": None}},
                "\n\n".join(f"**{label}:** Words {n}." for n, label in enumerate(turns, 1)))
    write_event(content, {"title": "Short", "date": "2020-01-11T10:00:00+03:00",
                          "speakers": {"Anna Testova": "Anna Testova"}}, "**Anna Testova:** One.")
    pages, env = pages_of(load_content(content))
    view = pages["/events/2020-01-10-press-conference/"].render_data(env)["event"]
    assert view["contents"] == [
        {"name": "Anna Testova", "first": "t1", "count": 2 * CONTENTS_FROM, "noun": "statement"},
        {"name": "Boris Probin", "first": "t2", "count": CONTENTS_FROM, "noun": "statement"},
        {"name": "Question", "first": "t3", "count": CONTENTS_FROM, "noun": "question"},
    ]
    statements = {b["id"]: b for b in view["body"] if b["kind"] == "statement"}
    assert (statements["t1"]["previous"], statements["t1"]["next"]) == (None, "t4")
    assert (statements["t4"]["previous"], statements["t4"]["next"]) == ("t1", "t5")
    # Questions are asked by many people, no one named: not one speaker to step through.
    assert (statements["t3"]["previous"], statements["t3"]["next"]) == (None, None)
    html = Renderer(read_theme(ROOT / "templates"), env.config).render(pages["/events/2020-01-10-press-conference/"], env).decode()
    assert '<a href="#t1">Anna Testova</a> <span class="count">24 statements</span>' in html
    assert '<a href="#t3">Question</a> <span class="count">12 questions</span>' in html
    assert "Next by Question" not in html and "Previous by Question" not in html
    # One citation for the page; a statement's adds its anchor.
    assert html.count(". Kremlin Events Archive, https://stenogram.example.org/events/2020-01-10-press-conference/") == 1
    assert "<p class=\"cite\">Press conference. President of Russia, kremlin.ru, 10 January 2020, " in html
    short = pages["/events/2020-01-11-short/"].render_data(env)["event"]
    assert short["contents"] == []


def test_roles_over_time_and_sort_keys_from_the_registry(tmp_path: Path) -> None:
    from generator.publish.render import Renderer
    from sitefixtures import write_event

    content = tmp_path / "content"
    (content).mkdir()
    (content / "persons.yaml").write_text("Shen Haixiong:\n  sort: Shen\nXi Jinping:\n  sort: Xi\n", encoding="utf-8")
    for year, label in ((2015, "Defence Minister Sergei Shoigu"), (2019, "Defence Minister Sergei Shoigu (retranslated)"),
                        (2021, "Secretary of the Security Council Sergei Shoigu")):
        write_event(content, {"title": f"Meeting {year}", "date": f"{year}-03-01T10:00:00+03:00",
                              "persons": ["Shen Haixiong", "Xi Jinping", "Anna Zed"],
                              "speakers": {label: "Sergei Shoigu", "Sergei Shoigu": "Sergei Shoigu"}},
                    f"**{label}:** One.\n\n**Sergei Shoigu:** Two.")
    pages, env = pages_of(load_content(content))
    summary = pages["/persons/sergei-shoigu/"].render_data(env)["person"]["summary"]
    assert [(r["name"], r["first"]["text"], r["last"]["text"]) for r in summary["roles"]] == [
        ("Secretary of the Security Council", "1 March 2021", "1 March 2021"),
        ("Defence Minister", "1 March 2015", "1 March 2019")]
    html = Renderer(read_theme(ROOT / "templates"), env.config).render(pages["/persons/sergei-shoigu/"], env).decode()
    # The dates of the transcripts that give each title, never a span of office the record does not show.
    assert ('Titles the transcripts give: Secretary of the Security Council <span class="count">(on <time '
            'datetime="2021-03-01T10:00:00+03:00">1 March 2021</time>)</span>; Defence Minister <span class="count">'
            '(first on <time datetime="2015-03-01T10:00:00+03:00">1 March 2015</time>, last on <time '
            'datetime="2019-03-01T10:00:00+03:00">1 March 2019</time>)</span>') in html
    index = pages["/persons/"].render_data(env)
    order = [p["name"] for letter in index["letters"] for p in letter["persons"]]
    # Shen under S and Xi under X, whatever the order of their names; the rest by the last word.
    assert order == ["Shen Haixiong", "Sergei Shoigu", "Xi Jinping", "Anna Zed"]
    assert [letter["letter"] for letter in index["letters"]] == ["S", "X", "Z"]


def test_people_present_are_linked_counted_and_told_apart_from_speakers(tmp_path: Path) -> None:
    from generator.publish.render import Renderer
    from sitefixtures import write_event

    content = tmp_path / "content"
    listed = "Attending were Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov."
    write_event(content, {"title": "Council", "date": "2021-03-12T10:00:00+03:00",
                          "speakers": {"Vladimir Putin": "Vladimir Putin"},
                          "attending": {"Defence Minister Sergei Shoigu": "Sergei Shoigu",
                                        "Foreign Minister Sergei Lavrov": "Sergei Lavrov"}},
                f"{listed} [Sergei Lavrov](https://example.org/) spoke later, and Sergei Shoigu again.\n\n"
                "**Vladimir Putin:** Mr Shoigu, please.")
    write_event(content, {"title": "Report", "date": "2021-04-01T10:00:00+03:00",
                          "speakers": {"Sergei Shoigu": "Sergei Shoigu"}}, "**Sergei Shoigu:** Report.")
    pages, env = pages_of(load_content(content))
    renderer = Renderer(read_theme(ROOT / "templates"), env.config)
    event = renderer.render(pages["/events/2021-03-12-council/"], env).decode("utf-8")
    # Each name is linked once, at its first mention in the narrative; a name inside a link is left as it is.
    assert ('Attending were Defence Minister <a class="mention" href="/persons/sergei-shoigu/">Sergei Shoigu</a> and '
            'Foreign Minister <a class="mention" href="/persons/sergei-lavrov/">Sergei Lavrov</a>.') in event
    assert '<a href="https://example.org/">Sergei Lavrov</a> spoke later, and Sergei Shoigu again.' in event
    # The footer keeps who spoke apart from who was there without speaking, as person pages do.
    footer = event.split('<footer class="event-footer"', 1)[1]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", footer.split("<h2>Cite</h2>")[0])).split("Persons ")[1].strip() == (
        "Speaking Vladimir Putin Present, without speaking Sergei Shoigu Sergei Lavrov")
    shoigu = renderer.render(pages["/persons/sergei-shoigu/"], env).decode("utf-8")
    assert "1 statement (1 word spoken) in 1 transcript; present at 1 more without speaking ·" in shoigu
    assert '<p class="part">Present as Defence Minister, without speaking</p>' in shoigu
    assert "Titles the transcripts give: Defence Minister" in shoigu
    lavrov = renderer.render(pages["/persons/sergei-lavrov/"], env).decode("utf-8")
    assert "Present at 1 transcript without speaking ·" in lavrov and "Search what" not in lavrov
    index = renderer.render(pages["/persons/"], env).decode("utf-8")
    assert '<span class="count">1 statement in 1 transcript, present at 1</span>' in index
    assert '<span class="count">present at 1 transcript</span>' in index
    persons = {p["name"]: p for p in json.loads(pages["/data/persons.json"].render_data(env))["persons"]}
    assert (persons["Sergei Shoigu"]["events"], persons["Sergei Shoigu"]["spoke"], persons["Sergei Shoigu"]["attended"]) == (2, 1, 1)
    data = json.loads(pages["/events/2021-03-12-council/index.json"].render_data(env))
    assert data["attending"] == [{"name": "Sergei Shoigu", "as": "Defence Minister Sergei Shoigu"},
                                 {"name": "Sergei Lavrov", "as": "Foreign Minister Sergei Lavrov"}]


def test_offices_from_the_registry_are_shown_as_such(tmp_path: Path) -> None:
    from generator.kit.errors import StenogramError
    from generator.publish.render import Renderer
    from sitefixtures import write_event

    content = tmp_path / "content"
    write_event(content, {"title": "Report", "date": "2015-04-01T10:00:00+03:00",
                          "speakers": {"Defence Minister Sergei Shoigu": "Sergei Shoigu"}}, "**Defence Minister Sergei Shoigu:** Report.")
    registry = content / "persons.yaml"
    registry.write_text("Sergei Shoigu:\n  offices:\n    - {title: Defence Minister, from: 2012-11-06, to: 2024-05}\n"
                        "    - {title: Security Council Secretary, from: '2024'}\n", encoding="utf-8")
    pages, env = pages_of(load_content(content))
    html = Renderer(read_theme(ROOT / "templates"), env.config).render(pages["/persons/sergei-shoigu/"], env).decode("utf-8")
    assert ('Offices, as the archive\'s register of persons gives them: Defence Minister <span class="count">(<time '
            'datetime="2012-11-06">6 November 2012</time> to <time datetime="2024-05">May 2024</time>)</span>; '
            'Security Council Secretary <span class="count">(from <time datetime="2024">2024</time>)</span>') in html
    # The record's own titles stay apart, with the dates of the transcripts that give them.
    assert 'Titles the transcripts give: Defence Minister <span class="count">(on <time' in html
    for bad, message in [
        ("{title: X, from: 2024-1}", "office from '2024-1' must be a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("{title: X, from: 2024-13-01}", "'2024-13-01' is not a real date"),
        ("{title: X, from: 2020, to: 2019}", "office 'X' ends (2019) before it begins (2020)"),
        ("{from: 2020}", "each office needs a title"),
        ("{title: X, since: 2020}", "an office has title, from and to, not since"),
        # YAML 1.1 reads 0x_7D0 as 2000: a year written so is refused, not shown as "from 2000".
        ("{title: X, from: 0x_7D0}", "'0x_7D0' is read by YAML as a number other than the digits say"),
        ("{title: X, from: 2_000}", "'2_000' is read by YAML as a number other than the digits say"),
    ]:
        registry.write_text(f"Sergei Shoigu:\n  offices:\n    - {bad}\n", encoding="utf-8")
        with pytest.raises(StenogramError, match=re.escape(message)) as caught:
            load_content(content)
        assert re.match(rf"{re.escape(str(registry))}:[13]: ", str(caught.value))
    registry.write_text("Sergei Shoigu:\n  aliases: [Shoigu]\n  ofices:\n    - {title: X, from: 2020}\n", encoding="utf-8")
    with pytest.raises(StenogramError) as caught:
        load_content(content)
    assert str(caught.value) == (f"{registry}:1: 'Sergei Shoigu': unknown key 'ofices' (did you mean 'offices'?); "
                                 "a person has aliases, offices, sort")


def test_a_citation_name_puts_the_family_name_first() -> None:
    from generator.pages.event import citation_name

    assert citation_name("Vladimir Putin", None) == "Putin, Vladimir"
    assert citation_name("Shen Haixiong", "Shen") == "Shen, Haixiong"  # persons.yaml: sort: Shen
    assert citation_name("Recep Tayyip Erdoğan", None) == "Erdoğan, Recep Tayyip"
    assert citation_name("Madonna", None) == "Madonna"


def test_a_person_page_says_its_topics_are_the_transcripts_not_what_they_said(tmp_path: Path) -> None:
    from generator.publish.render import Renderer
    from sitefixtures import write_event

    content = tmp_path / "content"
    write_event(content, {"title": "Budget", "date": "2021-03-12T10:00:00+03:00", "topics": ["Economy and finance"],
                          "speakers": {"Anna Testova": "Anna Testova"}}, "**Anna Testova:** Only the weather today.")
    pages, env = pages_of(load_content(content))
    html = Renderer(read_theme(ROOT / "templates"), env.config).render(pages["/persons/anna-testova/"], env).decode("utf-8")
    assert '<h2 id="topics-heading">Topics of the transcripts they spoke in</h2>' in html and "Spoke on" not in html
    assert "whatever they said in them" in html
