"""People present: the source's attendance sentences, split into titled
names as labels are, and what import writes of them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content.file_format import split
from generator.content.persons import PersonRegistry
from generator.ingest.attendance import attending
from generator.ingest.given_names import name_starts
from generator.ingest.importer import import_paths
from generator.ingest.statements import Declared

SECURITY_COUNCIL = (
    "Attending the meeting were Prime Minister Mikhail Mishustin, Federation Council Speaker Valentina Matviyenko, "
    "Deputy Chairman of the Security Council Dmitry Medvedev, Chief of Staff of the Presidential Executive Office "
    "Anton Vaino, Defence Minister Sergei Shoigu, and Special Presidential Representative for Environmental "
    "Protection, Ecology and Transport Sergei Ivanov."
)


def present(text: str, known: tuple[str, ...] = (), registry: PersonRegistry | None = None):
    registry = registry or PersonRegistry()
    declared = Declared([*registry.display_names, *known])
    found, guessed, warnings = attending([(7, text)], declared.find, registry.canonical, "x.txt",
                                         name_starts(declared.names))
    return found, guessed, [str(w) for w in warnings]


def test_titles_with_commas_and_and_are_kept_whole() -> None:
    found, guessed, warnings = present(SECURITY_COUNCIL)
    assert found == {
        "Prime Minister Mikhail Mishustin": "Mikhail Mishustin",
        "Federation Council Speaker Valentina Matviyenko": "Valentina Matviyenko",
        "Deputy Chairman of the Security Council Dmitry Medvedev": "Dmitry Medvedev",
        "Chief of Staff of the Presidential Executive Office Anton Vaino": "Anton Vaino",
        "Defence Minister Sergei Shoigu": "Sergei Shoigu",
        "Special Presidential Representative for Environmental Protection, Ecology and Transport Sergei Ivanov":
            "Sergei Ivanov",
    }
    # Each name starts at a given name ("… and Transport Sergei Ivanov"): nothing had to be guessed.
    assert guessed == [] and warnings == []


@pytest.mark.parametrize("sentence, expected", [
    # The name starts at the given name, not after the title's last capital word.
    ("Attending the meeting were Minister of Economic Development Maxim Reshetnikov and Defence Minister Sergei Shoigu.",
     {"Minister of Economic Development Maxim Reshetnikov": "Maxim Reshetnikov",
      "Defence Minister Sergei Shoigu": "Sergei Shoigu"}),
    # "and" after a name, before a title whose name follows the next comma: two people, both kept.
    ("Also taking part in the meeting were Minister of Industry and Trade Denis Manturov and Deputy Prime Minister, "
     "Minister of Foreign Affairs Yury Trutnev.",
     {"Minister of Industry and Trade Denis Manturov": "Denis Manturov",
      "Deputy Prime Minister, Minister of Foreign Affairs Yury Trutnev": "Yury Trutnev"}),
    # A title with commas and an "and" of its own, kept as printed.
    ("The meeting was attended by Minister of Industry and Trade, and Energy, Denis Manturov, and Head of the "
     "Federal Customs Service Vladimir Bulavin.",
     {"Minister of Industry and Trade, and Energy, Denis Manturov": "Denis Manturov",
      "Head of the Federal Customs Service Vladimir Bulavin": "Vladimir Bulavin"}),
    ("Participating in the talks were President of Turkey Recep Tayyip Erdogan and Head of Chechnya Ramzan Kadyrov.",
     {"President of Turkey Recep Tayyip Erdogan": "Recep Tayyip Erdogan", "Head of Chechnya Ramzan Kadyrov": "Ramzan Kadyrov"}),
])
def test_every_person_listed_is_kept_with_the_name_as_printed(sentence: str, expected: dict[str, str]) -> None:
    found, guessed, warnings = present(sentence)
    assert found == expected and guessed == [] and warnings == []


@pytest.mark.parametrize("sentence", [
    "The meeting was attended by Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov.",
    "Also taking part were Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov.",
    "Taking part in the talks were Defence Minister Sergei Shoigu, and Foreign Minister Sergei Lavrov.",
    "Vladimir Putin opened the meeting. Also present at the meeting were Defence Minister Sergei Shoigu and "
    "Foreign Minister Sergei Lavrov. The talks went on for three hours.",
    "Participating in the Security Council meeting were Defence Minister Sergei Shoigu and Foreign Minister Sergei Lavrov",
])
def test_the_openings_and_ends_the_source_uses(sentence: str) -> None:
    found, guessed, warnings = present(sentence)
    assert found == {"Defence Minister Sergei Shoigu": "Sergei Shoigu", "Foreign Minister Sergei Lavrov": "Sergei Lavrov"}
    assert guessed == [] and warnings == []


def test_a_name_the_transcript_or_registry_declares_is_no_guess() -> None:
    # Given names the shipped list does not hold.
    sentence = "Attending the meeting were President of Zembla Kinbote Odon Zavier and Head of Nova Zorba Quillan Dorn."
    found, guessed, warnings = present(sentence)
    # After "of", the first word may be a place or a name: either split is a guess, and said so.
    assert found == {"President of Zembla Kinbote Odon Zavier": "Kinbote Odon Zavier",
                     "Head of Nova Zorba Quillan Dorn": "Zorba Quillan Dorn"}
    assert guessed == ["Kinbote Odon Zavier", "Zorba Quillan Dorn"] and len(warnings) == 2
    # A name declared (here: by a label or the trailer) settles it, and its first word starts names.
    found, guessed, warnings = present(sentence, known=("Odon Zavier", "Quillan Dorn"))
    assert found == {"President of Zembla Kinbote Odon Zavier": "Odon Zavier",
                     "Head of Nova Zorba Quillan Dorn": "Quillan Dorn"}
    assert guessed == [] and warnings == []
    # persons.yaml maps the printed entry to the person, whatever its words.
    registry = PersonRegistry({"Odon Zavier": "Odon Zavier",
                               "President of Zembla Kinbote Odon Zavier": "Odon Zavier"})
    found, guessed, warnings = present(sentence, registry=registry)
    assert found["President of Zembla Kinbote Odon Zavier"] == "Odon Zavier" and guessed == ["Zorba Quillan Dorn"]


@pytest.mark.parametrize("text", [
    "All those attending know the topic very well.",
    "The meeting was attended by representatives of the business community.",
    "Attending the meeting were members of the Government.",
])
def test_prose_about_attendance_names_no_one(text: str) -> None:
    found, guessed, warnings = present(text)
    assert found == {} and guessed == []
    # A sentence that opens like a list of names but is not one is said, never silently half-read.
    assert warnings in ([], [f"x.txt:7: an attendance sentence whose list is not titled names separated "
                             "by commas and 'and'; no one taken from it as present"])


def test_import_writes_those_present_after_the_speakers(tmp_path: Path) -> None:
    raw = tmp_path / "council.txt"
    raw.write_text(
        "Events\nMeeting with permanent members of Security Council\nVladimir Putin chaired a meeting.\nMarch 12, 2021\n"
        f"{SECURITY_COUNCIL}\n* * *\nPresident of Russia Vladimir Putin: Colleagues, good afternoon.\n"
        "Defence Minister Sergei Shoigu: Thank you.\n"
        "Publication status\nPublished in sections: News\nPublication date: March 12, 2021\nText version\n",
        encoding="utf-8")
    [result] = import_paths([raw], tmp_path / "content").results
    assert result.error is None, result.error
    front, body, _ = split(result.target.read_text(encoding="utf-8"), result.target)
    text = result.target.read_text(encoding="utf-8")
    assert text.index("\nspeakers:") < text.index("\nattending:") < text.index("\nsource:")
    data = yaml.safe_load(front)
    assert data["attending"]["Defence Minister Sergei Shoigu"] == "Sergei Shoigu"
    assert data["speakers"]["Defence Minister Sergei Shoigu"] == "Sergei Shoigu"
    assert "unsettled" not in data["source"]  # every name starts at a given name: none guessed
    assert SECURITY_COUNCIL in body  # the sentence stays as printed
