"""Bad configuration, and content errors through the library and the CLI.

The exact message of every bad content file is in tests/fixtures/invalid/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOLDEN, ROOT
from generator.build import build
from generator.cli import main
from generator.content.load import load_content
from generator.kit.errors import StenogramError
from generator.library.config import load_config

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


def test_unused_speaker_is_a_warning(tmp_path: Path) -> None:
    content_with(tmp_path, replaced("  Vladimir Putin: Vladimir Putin\n", "  Vladimir Putin: Vladimir Putin\n  Nobody Here: Nobody Here\n"))
    content = load_content(tmp_path / "content")
    assert [str(w) for w in content.warnings] == [
        f"{tmp_path / 'content' / '2015' / SEED_NAME}:14: speaker 'Nobody Here' is never used in the body"
    ]


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
    from generator.check.folder import check_site

    page = (tmp_path / "site" / "persons" / "index.html").read_text(encoding="utf-8")
    assert 'href="/archive/persons/sergei-shoigu/"' in page
    assert check_site(tmp_path / "site", prefix="/archive") == []


def test_cli_build_error_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_with(tmp_path, replaced("title: Meeting", "title: [Meeting"))
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "site"),
                 "--config", str(ROOT / "stenogram.toml"), "--no-search"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"{path}:2: invalid YAML: expected ',' or ']', but got ':'\n"
    assert not (tmp_path / "site").exists()


def test_an_unreadable_folder_template_or_registry_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    """What the operating system refuses to read (permissions root does not
    feel, so the refusal is made here) ends in one line naming the file."""
    import os

    from generator.cli import main
    from modelfixtures import small_archive

    content = tmp_path / "content"
    small_archive(content)
    argv = ["build", "--no-search", "--content", str(content), "--out", str(tmp_path / "site"),
            "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    def refusing(name: str, ending: str):
        """os.<name>, refusing any path that ends with ``ending`` as a user without the right is refused."""
        real = getattr(os, name)

        def call(path, *args, **kwargs):
            if os.fspath(path).endswith(ending):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)
        return call

    for name, ending, expected in [
        ("scandir", "2021", f"{content / '2021'}:1: cannot read this folder: Permission denied"),
        ("open", "base.html", f"{ROOT / 'templates' / 'base.html'}:1: cannot read: Permission denied"),
        # The assets' folder: once reported as a broken link to /style.css on the home page.
        ("scandir", "assets", f"{ROOT / 'templates' / 'assets'}:1: cannot read this folder: Permission denied"),
    ]:
        with monkeypatch.context() as patched:
            patched.setattr(os, name, refusing(name, ending))
            assert main(argv) == 1
        assert capsys.readouterr().err.splitlines() == [expected]


def test_names_import_guessed_are_reported_until_persons_yaml_confirms_them(tmp_path: Path, capsys) -> None:
    from conftest import CORPUS

    content, site = tmp_path / "content", tmp_path / "site"
    assert main(["import", "-q", str(CORPUS / "valdai-club-2017.txt"), "--content", str(content)]) == 0
    [target] = content.rglob("*.md")
    assert "  unsettled:\n  - Fyodor Lukyanov\n" in target.read_text(encoding="utf-8")
    capsys.readouterr()
    build = ["build", "--no-search", "--content", str(content), "--out", str(site),
             "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    check = ["check", "--out", str(site), "--content", str(content), "--config", str(ROOT / "stenogram.toml")]
    assert main(build) == 0
    out, err = capsys.readouterr()
    line = next(n for n, text in enumerate(target.read_text(encoding="utf-8").split("\n"), 1) if text == "source:")
    unsettled = (f"{target}:{line}: person 'Fyodor Lukyanov' was guessed at import and is not confirmed in "
                 "content/persons.yaml (add it there, or take it out of source.unsettled)")
    assert err.splitlines() == [unsettled.replace(f"{line}: ", f"{line}: warning: ", 1)]
    assert "1 warning (1 unsettled name)" in out
    assert main(check) == 0
    assert main([*check, "--strict"]) == 1
    assert capsys.readouterr().err.splitlines() == [unsettled, f"check: 1 problem(s) in {site}"]
    (content / "persons.yaml").write_text("Fyodor Lukyanov:\n  aliases: []\n", encoding="utf-8")
    assert main(build) == 0
    assert main([*check, "--strict"]) == 0
    assert "unsettled" not in capsys.readouterr().err


def test_a_name_guessed_from_an_attendance_list_makes_no_page_until_persons_yaml_confirms_it(tmp_path: Path, capsys) -> None:
    from sitefixtures import write_event

    content, site = tmp_path / "content", tmp_path / "site"
    printed = "Minister of Zembla Kinbote Odon Zavier"
    write_event(content, {"title": "Council", "date": "2021-03-12T10:00:00+03:00",
                          "speakers": {"Vladimir Putin": "Vladimir Putin"},
                          "attending": {printed: "Kinbote Odon Zavier", "Defence Minister Sergei Shoigu": "Sergei Shoigu"},
                          "source": {"file": "council.txt", "unsettled": ["Kinbote Odon Zavier"]}},
                f"Attending the meeting were {printed} and Defence Minister Sergei Shoigu.\n\n**Vladimir Putin:** Colleagues.")
    build = ["build", "--no-search", "--content", str(content), "--out", str(site),
             "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    assert main(build) == 0
    err = capsys.readouterr().err
    assert ("person 'Kinbote Odon Zavier' was guessed at import and is not confirmed in content/persons.yaml: taken as "
            "no one, with no page, until it is (if the guess is right: Kinbote Odon Zavier: {aliases: "
            f"[{printed}]}}; else give the right name)") in err
    assert not (site / "persons" / "kinbote-odon-zavier").exists() and (site / "persons" / "sergei-shoigu").is_dir()
    event = (site / "events" / "2021-03-12-council" / "index.html").read_text(encoding="utf-8")
    assert printed in event and "kinbote" not in event.split("<footer", 1)[1].lower()
    # Confirmed (here under the right name): the person, and their page.
    (content / "persons.yaml").write_text(f"Odon Zavier:\n  aliases: ['{printed}', Kinbote Odon Zavier]\n", encoding="utf-8")
    assert main(build) == 0
    assert "unsettled" not in capsys.readouterr().err
    assert (site / "persons" / "odon-zavier").is_dir() and not (site / "persons" / "kinbote-odon-zavier").exists()
