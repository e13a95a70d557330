"""The importer: golden output, every word kept, speaker turns, safe writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, GOLDEN, ROOT, SEED, check_golden, corpus_files
from generator.cli import main
from generator.content.file_format import split
from generator.ingest.importer import import_paths
from generator.ingest.raw import read_lines, parse

WORD = re.compile(r"[^\W_]+")  # runs of letters and digits


def import_one(source: Path, content: Path):
    report = import_paths([source], content)
    [result] = report.results
    return result


def body_words_raw(source: Path) -> list[str]:
    raw = parse(source)
    return WORD.findall(" ".join(line.text for line in raw.body))


def body_of(target: Path) -> tuple[dict, str]:
    front, body, _ = split(target.read_text(encoding="utf-8"), target)
    return yaml.safe_load(front), body


def test_seed_matches_golden(tmp_path: Path, update_golden: bool) -> None:
    result = import_one(SEED, tmp_path)
    assert result.status == "written"
    assert result.target == tmp_path / "2015" / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"
    check_golden(GOLDEN / "import-seed.md", result.target.read_text(encoding="utf-8"), update_golden)


def test_seed_turns_persons_and_date(tmp_path: Path) -> None:
    front, body = body_of(import_one(SEED, tmp_path).target)
    labels = re.findall(r"^\*\*(.+?):\*\* ", body, flags=re.M)
    speakers = [front["speakers"][label] for label in labels]
    assert speakers == ["Sergei Shoigu", "Vladimir Putin"] * 3
    assert front["persons"] == ["Sergei Shoigu"]
    assert front["date"] == "2015-10-07T14:20:00+03:00"
    assert front["speakers"]["Defence Minister Sergei Shoigu"] == "Sergei Shoigu"
    assert front["geography"] == ["Krasnodar Territory"]
    assert front["topics"] == ["Armed Forces"]
    assert front["sections"] == ["News", "Transcripts"]
    assert front["photos"] == ["With Defence Minister Sergei Shoigu."]
    # The question inside Putin's turn is prose, not a label.
    assert "\n\nIn this respect, I have a question: What is" in body


def _variants(source: Path) -> dict[str, str]:
    """Variants of a raw file in forms real transcripts take."""
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    label = re.compile(r"^(\s*)((?:President of Russia )?Vladimir Putin|Question|Sergei Shoigu):\s*(.*)$")
    alone, no_space, broken = [], [], []
    for line in lines:
        match = label.match(line)
        if match:
            alone += [f"{match.group(2)}:", match.group(3)]
            no_space.append(f"{match.group(2)}:{match.group(3)}")
            broken += [f" {match.group(2)}", f": {match.group(3)}"]
        else:
            alone.append(line)
            no_space.append(line)
            broken.append(line)
    return {
        "crlf": text.replace("\n", "\r\n"),
        "bom": "\ufeff" + text,
        "no-indent": "\n".join(line.lstrip() for line in lines),
        "blank-lines": "\n\n".join(lines),
        "label-alone": "\n".join(alone),
        "no-space-after-colon": "\n".join(no_space),
        "broken-labels": "\n".join(broken),
    }


@pytest.mark.parametrize("source", corpus_files(), ids=lambda p: p.stem)
def test_every_raw_word_appears_in_order(source: Path, tmp_path: Path) -> None:
    sources = {"original": source}
    for name, text in _variants(source).items():
        variant = tmp_path / "raw" / name / source.name
        variant.parent.mkdir(parents=True)
        variant.write_text(text, encoding="utf-8", newline="")
        sources[name] = variant
    expected = body_words_raw(source)
    assert len(expected) > 20
    for name, path in sources.items():
        result = import_one(path, tmp_path / "content" / name)
        assert result.status == "written", (name, result.error)
        _, body = body_of(result.target)
        assert WORD.findall(body) == expected, name


@pytest.mark.parametrize("variant", ["label-alone", "no-space-after-colon", "broken-labels", "crlf"])
def test_seed_variants_keep_the_same_turns(variant: str, tmp_path: Path) -> None:
    raw = tmp_path / SEED.name
    raw.write_text(_variants(SEED)[variant], encoding="utf-8", newline="")
    front, body = body_of(import_one(raw, tmp_path / "content").target)
    labels = re.findall(r"^\*\*(.+?):\*\* ", body, flags=re.M)
    assert [front["speakers"][label] for label in labels] == ["Sergei Shoigu", "Vladimir Putin"] * 3


EXPECTED_SPEAKERS = {
    "russian-turkish-talks-sochi-2017": {
        "President of Russia Vladimir Putin": "Vladimir Putin",
        "President of Turkey Recep Tayyip Erdogan (retranslated)": "Recep Tayyip Erdogan",
        "Vladimir Putin": "Vladimir Putin",
    },
    "talk-with-journalists-tambov-2003": {"Question": None, "Vladimir Putin": "Vladimir Putin"},
    "interview-china-media-group-2018": {
        "President of China Media Group Shen Haixiong": "Shen Haixiong",
        "Vladimir Putin": "Vladimir Putin",
    },
    "merkel-kremlin-2021": {
        "President of Russia Vladimir Putin": "Vladimir Putin",
        "Federal Chancellor of the Federal Republic of Germany Angela Merkel (retranslated)": "Angela Merkel",
    },
    "security-council-permanent-members-2021": {"President of Russia Vladimir Putin": "Vladimir Putin"},
    "dyumin-tula-videoconference-2021": {"President of Russia Vladimir Putin": "Vladimir Putin"},
    "blair-telephone-2001": None,
}


@pytest.mark.parametrize("stem", sorted(EXPECTED_SPEAKERS))
def test_corpus_speakers(stem: str, tmp_path: Path) -> None:
    front, _ = body_of(import_one(CORPUS / f"{stem}.txt", tmp_path).target)
    assert front.get("speakers") == EXPECTED_SPEAKERS[stem]


def test_valdai_label_needs_registry_and_warns_without(tmp_path: Path) -> None:
    result = import_one(CORPUS / "valdai-club-2017.txt", tmp_path)
    assert [str(w) for w in result.warnings] == [
        f"{CORPUS / 'valdai-club-2017.txt'}:10: speaker 'Research Director of the Foundation for "
        "Development and Support of the Valdai Discussion Club, moderator Fyodor Lukyanov' is named "
        "only in the label; taken as 'Fyodor Lukyanov' (confirm it in content/persons.yaml: Fyodor Lukyanov: "
        "{aliases: ['Research Director of the Foundation for Development and Support of the Valdai Discussion Club, "
        "moderator Fyodor Lukyanov']})"
    ]
    # The entry the warning gives, as it is, is what persons.yaml needs.
    entry = str(result.warnings[0]).split("(confirm it in content/persons.yaml: ", 1)[1][:-1]
    content = tmp_path / "with-registry"
    content.mkdir()
    (content / "persons.yaml").write_text(entry + "\n", encoding="utf-8")
    result = import_one(CORPUS / "valdai-club-2017.txt", content)
    assert result.warnings == ()
    front, body = body_of(result.target)
    assert list(front["speakers"].values()) == ["Fyodor Lukyanov"]
    # Narrative with a colon before the break stays narrative.
    assert body.lstrip().startswith("The general topic of the Valdai Club this year is Creative Destruction: Will")


def test_trailer_name_not_in_text_is_a_warning(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    raw.write_text(SEED.read_text(encoding="utf-8").replace("Shoigu Sergei", "Lavrov Sergei"), encoding="utf-8")
    result = import_one(raw, tmp_path / "content")
    line = next(i for i, l in enumerate(raw.read_text().split("\n"), 1) if l == "Lavrov Sergei")
    assert [str(w) for w in result.warnings] == [
        f"{raw}:{line}: person 'Lavrov Sergei' is not named in the text; taken as 'Sergei Lavrov' "
        "(confirm it in content/persons.yaml: Sergei Lavrov: {aliases: [Lavrov Sergei]})"
    ]


def test_registry_settles_trailer_name(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    raw.write_text(SEED.read_text(encoding="utf-8").replace("Shoigu Sergei", "Lavrov Sergei"), encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "persons.yaml").write_text("Sergey Lavrov:\n  aliases: [Lavrov Sergei]\n", encoding="utf-8")
    result = import_one(raw, content)
    assert result.warnings == ()
    assert body_of(result.target)[0]["persons"] == ["Sergey Lavrov"]


def test_reimport_is_unchanged_and_byte_identical(tmp_path: Path) -> None:
    first = import_one(SEED, tmp_path)
    before = first.target.read_bytes()
    second = import_one(SEED, tmp_path)
    assert second.status == "unchanged"
    assert second.target.read_bytes() == before


def test_hand_edit_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = import_one(SEED, tmp_path).target
    edited = target.read_text(encoding="utf-8").replace("Good.", "Good, thank you.")
    target.write_text(edited, encoding="utf-8")
    result = import_one(SEED, tmp_path)
    assert result.status == "failed"
    assert str(result.error) == (
        f"{SEED}:1: {target} differs from what import would write (edited by hand?); "
        "use --force to overwrite it"
    )
    assert target.read_text(encoding="utf-8") == edited
    [forced] = import_paths([SEED], tmp_path, force=True).results
    assert forced.status == "written"
    assert "Good, thank you." not in target.read_text(encoding="utf-8")


def test_same_title_same_day_gets_a_distinct_slug(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("Good.", "Fine."), encoding="utf-8")
    first = import_one(SEED, tmp_path / "content")
    second = import_one(other, tmp_path / "content")
    assert second.target.name == "2015-10-07-meeting-with-defence-minister-sergei-shoigu-2.md"
    assert body_of(second.target)[0]["slug"] == "meeting-with-defence-minister-sergei-shoigu-2"
    assert "slug" not in body_of(first.target)[0]


def test_header_without_time_takes_the_trailer_time(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    raw.write_text(SEED.read_text(encoding="utf-8").replace("October 7, 2015\n14:20\n", "October 7, 2015\n"), encoding="utf-8")
    assert body_of(import_one(raw, tmp_path / "c").target)[0]["date"] == "2015-10-07T14:20:00+03:00"


@pytest.mark.parametrize(
    "day, expected",
    [("June 1, 2012", "2012-06-01T10:00:00+04:00"), ("January 10, 2009", "2009-01-10T10:00:00+03:00"),
     ("July 10, 2009", "2009-07-10T10:00:00+04:00")],
)
def test_moscow_offset_follows_the_date(day: str, expected: str, tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    text = SEED.read_text(encoding="utf-8").replace("October 7, 2015\n14:20", f"{day}\n10:00")
    raw.write_text(text.replace("Publication date: October 7, 2015, 14:20", f"Publication date: {day}"), encoding="utf-8")
    assert body_of(import_one(raw, tmp_path / "c").target)[0]["date"] == expected


def test_markdown_in_text_is_escaped(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    text = SEED.read_text(encoding="utf-8").replace(
        " Vladimir Putin: Good.", " Vladimir Putin: Good. *Not* [a](javascript:x) <script>alert(1)</script> `code` &amp;\n# Not a heading\n1. Not a list"
    )
    raw.write_text(text, encoding="utf-8")
    _, body = body_of(import_one(raw, tmp_path / "c").target)
    assert r"\*Not\* \[a\](javascript:x) \<script>alert(1)\</script> \`code\` \&amp;" in body
    assert "\n\n\\# Not a heading\n\n1\\. Not a list\n\n<…>" in body


def test_cli_import_folder_summary_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "bad.txt").write_text("Events\n", encoding="utf-8")
    code = main(["import", str(raw), "--content", str(tmp_path / "content")])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{raw / 'bad.txt'}:1: no title line after the rubric" in err
    assert "import: 1 written, 0 unchanged, 1 failed" in err
    assert (tmp_path / "content" / "2015").is_dir()


def test_cli_import_of_a_raw_store_walks_its_year_folders_and_passes_over_notes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    (raw / "2015").mkdir(parents=True)
    (raw / "2015" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "ATTRIBUTION.txt").write_text("Transcripts: President of Russia, CC BY 4.0\n", encoding="utf-8")
    (raw / "2015" / "README.txt").write_text("Notes on 2015\n", encoding="utf-8")
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["import", str(raw), "--content", str(tmp_path / "content")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"passed over 2 notes (not transcripts): {raw / '2015' / 'README.txt'}, {raw / 'ATTRIBUTION.txt'}" in out
    assert "import: 1 written, 0 unchanged, 0 failed" in out
    assert main(["import", str(raw), "--content", str(tmp_path / "content"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_read_lines_keeps_indentation_flag(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    raw.write_text("a\n  b\n\n c  d \n", encoding="utf-8")
    assert [(l.number, l.text, l.indented) for l in read_lines(raw)] == [(1, "a", False), (2, "b", True), (4, "c d", True)]


def test_bad_files_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a-bad.txt").write_text("Events\n", encoding="utf-8")
    (tmp_path / "b-good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    report = import_paths([tmp_path], tmp_path / "content")
    assert [r.status for r in report.results] == ["failed", "written"]
    assert not report.ok


def test_a_hand_edit_that_removes_source_is_still_the_same_event(tmp_path: Path) -> None:
    content = tmp_path / "content"
    target = import_one(SEED, content).target
    text = target.read_text(encoding="utf-8")
    start = text.index("source:\n")
    edited = text[:start] + text[text.index("---", start):]
    target.write_text(edited, encoding="utf-8")
    result = import_one(SEED, content)
    assert result.status == "failed"
    assert str(result.error) == (
        f"{SEED}:1: {target} has the same date and title but no 'source' to tell which raw text it came from; "
        "use --force to overwrite it, or set its 'slug' if it is another event"
    )
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_the_same_raw_text_under_another_name_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    target = import_one(SEED, content).target
    copy = tmp_path / "copy-of-seed.txt"
    copy.write_bytes(SEED.read_bytes())
    for force in (False, True):
        [result] = import_paths([copy], content, force=force).results
        assert result.status == "failed"
        assert str(result.error) == (
            f"{copy}:1: the same raw text is already imported as {target} (from '{SEED.name}'); not imported twice"
        )
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_another_text_under_the_same_file_name_says_so(tmp_path: Path) -> None:
    content = tmp_path / "content"
    target = import_one(SEED, content).target
    other = tmp_path / "other-folder" / SEED.name
    other.parent.mkdir()
    other.write_text(SEED.read_text(encoding="utf-8").replace("Good.", "Good, thank you."), encoding="utf-8")
    result = import_one(other, content)
    assert str(result.error) == (
        f"{other}:1: {target} came from a different text with the same file name (a newer version, or another "
        "folder's file); use --force to replace it"
    )
    [forced] = import_paths([other], content, force=True).results
    assert forced.status == "written" and forced.target == target
    assert "Good, thank you." in target.read_text(encoding="utf-8")


def test_content_from_an_older_import_is_brought_up_to_date_not_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    target = import_one(SEED, content).target
    current = target.read_text(encoding="utf-8")
    older = re.sub(r"\n  sha256: [0-9a-f]{64}\n", "\n", current)  # as import wrote it before it kept the digest
    assert older != current
    target.write_text(older, encoding="utf-8")
    assert [(r.status, r.upgraded) for r in import_paths([SEED], content).results] == [("unchanged", True)]
    assert target.read_text(encoding="utf-8") == current
    assert [(r.status, r.upgraded) for r in import_paths([SEED], content).results] == [("unchanged", False)]
    # Edited by hand besides: still refused.
    target.write_text(older.replace("Good.", "Good, edited."), encoding="utf-8")
    [refused] = import_paths([SEED], content).results
    assert refused.status == "failed" and "edited by hand?" in str(refused.error)


def test_a_newer_text_replacing_a_transcript_dates_the_correction(tmp_path: Path, monkeypatch) -> None:
    from generator.ingest import importer

    content = tmp_path / "content"
    target = import_one(SEED, content).target
    assert "updated:" not in target.read_text(encoding="utf-8")
    newer = tmp_path / "newer" / SEED.name
    newer.parent.mkdir()
    newer.write_text(SEED.read_text(encoding="utf-8").replace("Good.", "Good, thank you."), encoding="utf-8")
    monkeypatch.setattr(importer, "_now", lambda: "2026-11-30T08:00:00+00:00")
    assert [r.status for r in import_paths([newer], content, force=True).results] == ["written"]
    front = target.read_text(encoding="utf-8").split("\n")
    assert front[2:4] == ["date: '2015-10-07T14:20:00+03:00'", "updated: '2026-11-30T08:00:00+00:00'"]
    # The same text again keeps the correction's time, whatever the clock says.
    monkeypatch.setattr(importer, "_now", lambda: "2027-01-01T00:00:00+00:00")
    assert [r.status for r in import_paths([newer], content).results] == ["unchanged"]
    assert [r.status for r in import_paths([newer], content, force=True).results] == ["unchanged"]
    assert "updated: '2026-11-30T08:00:00+00:00'" in target.read_text(encoding="utf-8")
    # A hand edit forced back to the imported text is no correction of the text.
    target.write_text(target.read_text(encoding="utf-8").replace("Good, thank you.", "Good, edited."), encoding="utf-8")
    assert [r.status for r in import_paths([newer], content, force=True).results] == ["written"]
    assert "updated: '2026-11-30T08:00:00+00:00'" in target.read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_written_fails_its_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "2015").write_text("a file where the year's folder should be", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("October 7, 2015", "October 7, 2016")
                     .replace("Publication date: October 7, 2015", "Publication date: October 7, 2016"),
                     encoding="utf-8")
    report = import_paths([SEED, other], content)
    first, second = report.results
    assert first.status == "failed"
    assert str(first.error).startswith(f"{SEED}:1: cannot write {content / '2015'}")
    assert second.status == "written" and second.target.parent == content / "2016"


def test_a_full_disk_fails_each_file_with_one_line_and_writes_nothing_half(tmp_path: Path, mounted) -> None:
    content = mounted("64k")
    (content / "filler").write_bytes(b"x" * (60 * 1024))
    report = import_paths([SEED], content)
    [result] = report.results
    assert result.status == "failed"
    target = content / "2015" / "2015-10-07-meeting-with-defence-minister-sergei-shoigu.md"
    assert str(result.error) == f"{SEED}:1: cannot write {target}: No space left on device"
    assert [p.name for p in content.rglob("*.md")] == []
    assert not any(p.name.endswith(".tmp") for p in content.rglob("*"))


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_originals_address_is_taken_from_the_raw_file(where: str, tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    lines = ["URL: https://en.kremlin.ru/events/president/news/50450", "Retrieved: November 20, 2026"]
    text = SEED.read_text(encoding="utf-8").rstrip("\n")
    raw.write_text("\n".join([*lines, text] if where == "top" else [text, *lines]) + "\n", encoding="utf-8")
    front, body = body_of(import_one(raw, tmp_path / "content").target)
    assert front["source"]["url"] == "https://en.kremlin.ru/events/president/news/50450"
    assert front["source"]["retrieved"] == "2026-11-20"
    assert "kremlin.ru/events" not in body and "Retrieved" not in body
    assert front["title"] == "Meeting with Defence Minister Sergei Shoigu"


def test_the_originals_address_from_the_command_line(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    url = "https://en.kremlin.ru/events/president/transcripts/55882"
    assert main(["import", "-q", str(SEED), "--content", str(content), "--source-url", url]) == 0
    [target] = content.rglob("*.md")
    assert body_of(target)[0]["source"]["url"] == url
    assert main(["import", "-q", str(SEED), "--content", str(content), "--source-url", "javascript:alert(1)"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{SEED}:1: --source-url 'javascript:alert(1)' is not a web address (http:// or https://)")
    bad = tmp_path / "bad.txt"
    bad.write_text("URL: javascript:alert(1)\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert str(import_one(bad, tmp_path / "other").error) == (
        f"{bad}:1: 'javascript:alert(1)' is not a web address (http:// or https://)")
    # A scheme in capitals is the same scheme, written in lower case; an address too long to be one is refused.
    shouted = tmp_path / "shouted"
    assert main(["import", "-q", str(SEED), "--content", str(shouted), "--source-url", "HTTPS://en.kremlin.ru/x"]) == 0
    assert body_of(next(shouted.rglob("*.md")))[0]["source"]["url"] == "https://en.kremlin.ru/x"
    long = "https://en.kremlin.ru/" + "a" * 100_000
    assert main(["import", "-q", str(SEED), "--content", str(tmp_path / "long"), "--source-url", long]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{SEED}:1: --source-url '{long[:77]}…' is {len(long):,} characters; an address may be at most 2,000")
    assert not (tmp_path / "long").exists() or not list((tmp_path / "long").rglob("*.md"))


def test_content_from_before_import_listed_those_present_is_brought_up_to_date(tmp_path: Path) -> None:
    raw = ROOT / "raw" / "2021" / "security-council-permanent-members-2021.txt"
    content = tmp_path / "content"
    (content).mkdir()
    (content / "persons.yaml").write_text("Sergei Ivanov: {}\n", encoding="utf-8")
    target = import_one(raw, content).target
    current = target.read_text(encoding="utf-8")
    assert "\nattending:\n  Prime Minister Mikhail Mishustin: Mikhail Mishustin\n" in current
    # As import wrote it before it read attendance sentences (and before it kept the digest).
    older = re.sub(r"\nattending:\n(?:  .*\n)+", "\n", current)
    assert older != current
    for before in (older, re.sub(r"\n  sha256: [0-9a-f]{64}\n", "\n", older)):
        target.write_text(before, encoding="utf-8")
        assert [(r.status, r.upgraded) for r in import_paths([raw], content).results] == [("unchanged", True)]
        assert target.read_text(encoding="utf-8") == current
    # Those present edited by hand: refused, not overwritten.
    target.write_text(current.replace(": Anton Vaino\n", ": Anton E. Vaino\n"), encoding="utf-8")
    [refused] = import_paths([raw], content).results
    assert refused.status == "failed" and "edited by hand?" in str(refused.error)


@pytest.mark.parametrize("ends", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_the_same_text_with_other_line_ends_is_the_same_transcript(ends: bytes, tmp_path: Path) -> None:
    content = tmp_path / "content"
    target = import_one(SEED, content).target
    windows = tmp_path / "saved-on-windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", ends))
    [again] = import_paths([windows], content).results
    assert again.status == "failed"
    assert str(again.error) == (f"{windows}:1: the same raw text is already imported as {target} "
                                f"(from '{SEED.name}'); not imported twice")
    assert [p.name for p in content.rglob("*.md")] == [target.name]


def test_content_that_recorded_the_raw_bytes_digest_is_the_same_transcript(tmp_path: Path) -> None:
    """Until import read line ends as LF, a CRLF file's digest was of its bytes: such content is brought up to date."""
    import hashlib

    raw = tmp_path / SEED.name
    raw.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    content = tmp_path / "content"
    target = import_one(raw, content).target
    current = target.read_text(encoding="utf-8")
    text_digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert f"  sha256: {text_digest}\n" in current
    target.write_text(current.replace(text_digest, hashlib.sha256(raw.read_bytes()).hexdigest()), encoding="utf-8")
    assert [(r.status, r.upgraded) for r in import_paths([raw], content).results] == [("unchanged", True)]
    assert target.read_text(encoding="utf-8") == current


def test_after_persons_yaml_changes_import_resolves_its_own_files_again_and_says_so(tmp_path: Path) -> None:
    """No --force: a file import wrote and no one edited since (its recorded
    digest says so) takes the names persons.yaml now gives."""
    raw = ROOT / "raw" / "2021" / "security-council-permanent-members-2021.txt"
    content = tmp_path / "content"
    content.mkdir()
    target = import_one(raw, content).target
    assert ": Sergei Shoigu\n" in target.read_text(encoding="utf-8")
    (content / "persons.yaml").write_text("Sergei K. Shoigu:\n  aliases: [Sergei Shoigu]\n", encoding="utf-8")
    [again] = import_paths([raw], content).results
    assert again.status == "written" and again.error is None
    assert again.resolved_again == ("Defence Minister Sergei Shoigu: Sergei Shoigu -> Sergei K. Shoigu",)
    text = target.read_text(encoding="utf-8")
    assert ": Sergei K. Shoigu\n" in text and ": Sergei Shoigu\n" not in text
    # Once more: nothing to do.
    assert [r.status for r in import_paths([raw], content).results] == ["unchanged"]
    # Edited by hand since: the digest no longer matches, and the file is not overwritten.
    edited = text.replace("Prime Minister Mikhail Mishustin: Mikhail Mishustin", "Prime Minister Mikhail Mishustin: M. Mishustin")
    target.write_text(edited, encoding="utf-8")
    (content / "persons.yaml").write_text("", encoding="utf-8")
    [refused] = import_paths([raw], content).results
    assert refused.status == "failed" and "edited by hand?" in str(refused.error)
    assert target.read_text(encoding="utf-8") == edited
