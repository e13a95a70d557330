"""People present: the source's attendance sentences, split into titled
names as labels are, and what import writes of them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content.document import split
from generator.content.persons import PersonRegistry
from generator.ingest.attendance import attending
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
    found, guessed, warnings = attending([(7, text)], declared.find, registry.canonical, "x.txt")
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
    # Only the name after "… and Transport" had to be guessed: it is said, with the entry that confirms it.
    assert guessed == ["Sergei Ivanov"]
    assert warnings == ["x.txt:7: present: 'Special Presidential Representative for Environmental Protection, "
                        "Ecology and Transport Sergei Ivanov' taken as 'Sergei Ivanov' (confirm it in content/persons.yaml: "
                        "Sergei Ivanov: {aliases: ['Special Presidential Representative for Environmental Protection, "
                        "Ecology and Transport Sergei Ivanov']})"]


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
    sentence = "Attending the meeting were President of Turkey Recep Tayyip Erdogan and Head of Chechnya Ramzan Kadyrov."
    found, guessed, warnings = present(sentence)
    # After "of", the first word may be a place or a name: either split is a guess, and said so.
    assert found == {"President of Turkey Recep Tayyip Erdogan": "Recep Tayyip Erdogan",
                     "Head of Chechnya Ramzan Kadyrov": "Ramzan Kadyrov"}
    assert guessed == ["Recep Tayyip Erdogan", "Ramzan Kadyrov"] and len(warnings) == 2
    found, guessed, warnings = present(sentence, known=("Recep Tayyip Erdogan", "Ramzan Kadyrov"))
    assert guessed == [] and warnings == []
    # persons.yaml maps the printed entry to the person, whatever its words.
    registry = PersonRegistry({"Recep Tayyip Erdoğan": "Recep Tayyip Erdoğan",
                               "President of Turkey Recep Tayyip Erdogan": "Recep Tayyip Erdoğan"})
    found, guessed, warnings = present(sentence, registry=registry)
    assert found["President of Turkey Recep Tayyip Erdogan"] == "Recep Tayyip Erdoğan" and guessed == ["Ramzan Kadyrov"]


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
    assert data["source"]["unsettled"] == ["Sergei Ivanov"]
    assert SECURITY_COUNCIL in body  # the sentence stays as printed
