"""Bad content and configuration stop the build with one exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOLDEN, ROOT
from generator.build import build
from generator.cli import main
from generator.config import load_config
from generator.content import load_content
from generator.errors import StenogramError

SEED_NAME = "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"
SEED_TEXT = (GOLDEN / "import-seed.md").read_text(encoding="utf-8")


def content_with(tmp_path: Path, text: str, name: str = SEED_NAME) -> Path:
    folder = tmp_path / "content" / "2015"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def replaced(old: str, new: str) -> str:
    assert old in SEED_TEXT
    return SEED_TEXT.replace(old, new, 1)


CASES = {
    "no-front-matter": (SEED_TEXT.split("---\n", 2)[2], 1, "no front matter: the file must start with a '---' line"),
    "unclosed-front-matter": (SEED_TEXT.replace("---\n\nThe Russian", "\nThe Russian", 1), 1,
                              "front matter is not closed: no second '---' line"),
    "not-a-mapping": ("---\n- a\n- b\n---\n\nText.\n", 2, "front matter must be a mapping of keys to values"),
    "python-tag": (replaced("title: Meeting", "title: !!python/object:os.system Meeting"), 2,
                   "invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'"),
    "missing-title": (replaced("title: Meeting with Defence Minister Sergei Shoigu\n", ""), 2, "missing required key 'title'"),
    "date-without-offset": (replaced("'2015-10-07T14:20:00+03:00'", "'2015-10-07T14:20:00'"), 3,
                            "date has no UTC offset (add one, like +03:00)"),
    "date-only": (replaced("'2015-10-07T14:20:00+03:00'", "2015-10-07"), 3,
                  "date must be a date and time with an offset, like 2015-10-07T14:20:00+03:00"),
    "bad-date": (replaced("'2015-10-07T14:20:00+03:00'", "'2015-10-32T14:20:00+03:00'"), 3,
                 "date '2015-10-32T14:20:00+03:00' is not an ISO 8601 date and time"),
    "list-for-string": (replaced("title: Meeting with Defence Minister Sergei Shoigu", "title: [Meeting]"), 2,
                        "'title' must be a non-empty string"),
    "string-for-list": (replaced("topics:\n- Armed Forces", "topics: Armed Forces"), 10,
                        "'topics' must be a list of non-empty strings"),
    "unknown-label": (replaced("**Vladimir Putin:** Good.", "**Vladimir Vladimirovich:** Good."), 62,
                      "speaker label 'Vladimir Vladimirovich' is not in the front matter's 'speakers'"),
    "slug-with-dots": (replaced("title: Meeting", "slug: ../../etc\ntitle: Meeting"), 2,
                       "slug '../../etc' must be lower-case letters, digits and '-'"),
    "title-changed": (replaced("title: Meeting with", "title: A meeting with"), 2,
                      "file name does not match its date and slug: expected "
                      "'2015-10-07-a-meeting-with-defence-minister-sergei-shoigu.md' (rename the file, or set "
                      "'slug' to keep the old URL)"),
    "title-slugs-to-nothing": (replaced("title: Meeting with Defence Minister Sergei Shoigu", "title: '!!!'"), 2,
                               "title '!!!' gives an empty slug; set 'slug'"),
    "speakers-not-mapping": (replaced("  Defence Minister Sergei Shoigu: Sergei Shoigu\n", "  - x\n"), 15,
                             "invalid YAML: expected <block end>, but found '?'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_is_one_exact_line(case: str, tmp_path: Path) -> None:
    text, line, message = CASES[case]
    path = content_with(tmp_path, text)
    with pytest.raises(StenogramError) as caught:
        load_content(tmp_path / "content")
    assert str(caught.value) == f"{path}:{line}: {message}"


def test_unused_speaker_is_a_warning(tmp_path: Path) -> None:
    content_with(tmp_path, replaced("  Vladimir Putin: Vladimir Putin\n", "  Vladimir Putin: Vladimir Putin\n  Nobody Here: Nobody Here\n"))
    content = load_content(tmp_path / "content")
    assert [str(w) for w in content.warnings] == [
        f"{tmp_path / 'content' / '2015' / SEED_NAME}:14: speaker 'Nobody Here' is never used in the body"
    ]


def test_alias_claimed_by_two_persons(tmp_path: Path) -> None:
    content_with(tmp_path, SEED_TEXT)
    registry = tmp_path / "content" / "persons.yaml"
    registry.write_text("Sergei Shoigu:\n  aliases: [Shoigu]\nSergey Shoygu:\n  aliases: [Shoigu]\n", encoding="utf-8")
    with pytest.raises(StenogramError) as caught:
        load_content(tmp_path / "content")
    assert str(caught.value) == f"{registry}:3: 'Shoigu' is claimed by both 'Sergei Shoigu' (line 1) and 'Sergey Shoygu'"


def test_two_files_one_url(tmp_path: Path) -> None:
    content_with(tmp_path, SEED_TEXT)
    other = tmp_path / "content" / "2015" / "2015-10-07-other.md"
    other.write_text(replaced("title: Meeting", "slug: meeting-with-defence-minister-sergei-shoigu\ntitle: Meeting"), encoding="utf-8")
    # The second file's name does not match its slug: that is caught first.
    with pytest.raises(StenogramError) as caught:
        load_content(tmp_path / "content")
    assert "file name does not match its date and slug" in str(caught.value)


def test_symlink_out_of_content(tmp_path: Path) -> None:
    content_with(tmp_path, SEED_TEXT)
    outside = tmp_path / "outside.md"
    outside.write_text(SEED_TEXT, encoding="utf-8")
    link = tmp_path / "content" / "2015" / "linked.md"
    link.symlink_to(outside)
    with pytest.raises(StenogramError) as caught:
        load_content(tmp_path / "content")
    assert str(caught.value) == f"{link}:1: links outside the content folder"


CONFIG_CASES = {
    "missing-table": ("title = 'x'\n", 1, "missing [site] table"),
    "unknown-key": ("[site]\ntitle = 'x'\ndescription = 'd'\nbase_url = 'https://a.org/'\nlanguage = 'en'\ncolour = 'red'\n", 6,
                    "unknown setting 'site.colour'"),
    "missing-key": ("[site]\ntitle = 'x'\ndescription = 'd'\nlanguage = 'en'\n", 1, "missing setting 'site.base_url'"),
    "wrong-type": ("[site]\ntitle = 'x'\ndescription = 'd'\nbase_url = 'https://a.org/'\nlanguage = 'en'\nitems_per_page = '50'\n", 6,
                   "'site.items_per_page' must be a whole number"),
    "relative-base": ("[site]\ntitle = 'x'\ndescription = 'd'\nbase_url = '/site/'\nlanguage = 'en'\n", 4,
                      "'site.base_url' must be an absolute http(s) URL"),
    "bad-toml": ("[site]\ntitle = \n", 2, "invalid TOML: Invalid value (at line 2, column 9)"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_bad_config_is_one_exact_line(case: str, tmp_path: Path) -> None:
    text, line, message = CONFIG_CASES[case]
    path = tmp_path / "stenogram.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StenogramError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:{line}: {message}"


def test_site_under_a_path_prefixes_every_link(tmp_path: Path) -> None:
    config = tmp_path / "stenogram.toml"
    config.write_text((ROOT / "stenogram.toml").read_text(encoding="utf-8").replace(
        'base_url = "https://stenogram.example.org/"', 'base_url = "https://user.example.io/archive/"'), encoding="utf-8")
    build(ROOT / "content", tmp_path / "site", config_path=config, templates_dir=ROOT / "templates", search=False)
    from generator.check import check_site

    page = (tmp_path / "site" / "persons" / "index.html").read_text(encoding="utf-8")
    assert 'href="/archive/persons/sergei-shoigu/"' in page
    assert check_site(tmp_path / "site", prefix="/archive") == []


def test_cli_build_error_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_with(tmp_path, replaced("title: Meeting", "title: [Meeting"))
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                 "--config", str(ROOT / "stenogram.toml"), "--no-search"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"{path}:2: invalid YAML: while parsing a flow sequence\n" or err.startswith(f"{path}:2: invalid YAML")
    assert err.count("\n") == 1
    assert not (tmp_path / "site").exists()
