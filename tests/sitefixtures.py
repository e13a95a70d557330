"""Fixture content for build tests: several people, topics, places and years,
a person with many statements (to paginate), and hostile text everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.content.file_format import compose
from generator.content.markdown import BREAK
from generator.kit.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
# Text that must never become markup, wherever it is placed.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '" onmouseover="alert(3)" x="',
    "javascript:alert(4)",
    "</title><script>alert(5)</script>",
    "]]><script>alert(6)</script>",
    "[a link](javascript:alert(7))",
    "![an image](http://example.invalid/8.png)",
    '<div onclick="alert(9)">raw block</div>',
    "&lt;script&gt;alert(10)&lt;/script&gt; & <b>bold</b> 'q' \"qq\"",
    "<!-- comment 11",
    "{{ 7*7 }} {% raw %} 12",
]
MANY = 61  # events of Anna Testova: more than one page of 50


def write_event(folder: Path, front: dict, body: str) -> Path:
    day = front["date"][:10]
    slug = front.get("slug") or slugify(front["title"])
    path = folder / day[:4] / f"{day}-{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(compose(front, body), encoding="utf-8")
    return path


def make_content(folder: Path) -> Path:
    """content/ of the project plus the fixtures, in ``folder``."""
    shutil.copytree(ROOT / "content", folder)
    for number in range(1, MANY + 1):
        year = 2019 + number % 2
        month = 1 + number % 12
        speakers = {"Anna Testova": "Anna Testova", "Boris Probin": "Boris Probin", "Question": None}
        write_event(
            folder,
            {
                "title": f"Fixture meeting number {number}",
                "date": f"{year}-{month:02d}-{1 + number % 28:02d}T10:{number % 60:02d}:00+03:00",
                "summary": f"Fixture summary {number}.",
                "sections": ["News", "Transcripts"],
                "geography": ["Fixture City"] + (["Second Town"] if number % 3 == 0 else []),
                "topics": ["Fixture Topic"] + (["Economy"] if number % 2 == 0 else []),
                "persons": ["Boris Probin"],
                "speakers": speakers,
            },
            f"Narrative {number}.\n\n"
            f"**Anna Testova:** Opening statement {number} about zebrafinch{number}.\n\nA second paragraph.\n\n"
            f"**Question:** What next?\n\n"
            f"**Boris Probin:** Reply {number}.{planted(number, 'Boris Probin')}\n\n"
            # After a break, narrative: no one's statement, though Pagefind's section of Boris Probin's heading runs on.
            + (f"{BREAK}\n\nAfter the break, a marmotbreak.\n\n" if number == 5 else "") +
            f"**Anna Testova:** Closing {number}.{planted(number, 'Anna Testova')}",
        )
    for number, payload in enumerate(PAYLOADS, start=1):
        write_payload_event(folder, number, payload)
    return folder


# Made-up words for the search page's counts (tests/browser/test_counts.py):
# "quokkavote" said by Anna Testova in every third fixture meeting, twice in
# those of 2019 (the even numbers), and once by Boris Probin in meeting 7;
# "wombatcount" twice in all, by Boris Probin (fewer than five a year).
QUOKKA = {"2019": (20, 10), "2020": (11, 11)}  # year: occurrences, transcripts
QUOKKA_BY = [("Anna Testova", 30, 20), ("Boris Probin", 1, 1)]  # occurrences, statements


def planted(number: int, speaker: str) -> str:
    if speaker == "Anna Testova" and number % 3 == 0:
        return " The quokkavote counts." * (2 if number % 2 == 0 else 1)
    if speaker == "Boris Probin" and number == 7:
        return " A quokkavote of mine."
    if speaker == "Boris Probin" and number in (5, 11):
        return " One wombatcount."
    return ""


def write_payload_event(folder: Path, number: int, payload: str) -> Path:
    """One event with ``payload`` in every field, through the importer's
    escaping for the label and the first paragraph, and as hand-written
    Markdown in the second."""
    from generator.content.markdown import escape

    label = f"Minister {payload}"
    person = f"Person {payload}"
    return write_event(
        folder,
        {
            "title": f"Payload {number} {payload}",
            "date": f"2020-06-{number:02d}T12:00:00+03:00",
            "summary": f"Summary {payload}",
            "sections": [f"Section {payload}"],
            "geography": [f"Place {payload}"],
            "topics": [f"Topic {payload}"],
            "persons": [person],
            "speakers": {label: person},
            "photos": [f"Caption {payload}"],
        },
        f"**{escape(label, paragraph_start=False)}:** {escape(payload, paragraph_start=False)}\n\n{payload}\n\nEnd of payload {number}.",
    )
