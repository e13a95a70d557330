"""Fixture content for build tests: several people, topics, places and years,
a person with many statements (to paginate), and hostile text everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.document import compose
from generator.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD_TITLE = '<script>alert("title")</script> & "Quotes" \'single\' </title>'
PAYLOAD_PERSON = 'Ivan <b>Bold</b> "Quoted"'
PAYLOAD_PLACE = "Tag <i>Place</i> & Co"
PAYLOAD_TOPIC = "]]> A & B <img src=x onerror=alert(1)>"
PAYLOAD_LABEL = "Minister <script>x</script>"
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
            f"**Boris Probin:** Reply {number}.\n\n"
            f"**Anna Testova:** Closing {number}.",
        )
    write_event(
        folder,
        {
            "title": PAYLOAD_TITLE,
            "date": "2020-06-15T12:00:00+03:00",
            "summary": 'Summary <img src=x onerror="alert(1)"> & <a href="javascript:alert(2)">link</a>',
            "sections": ["News <b>"],
            "geography": [PAYLOAD_PLACE],
            "topics": [PAYLOAD_TOPIC],
            "persons": [PAYLOAD_PERSON],
            "speakers": {PAYLOAD_LABEL: PAYLOAD_PERSON},
            "photos": ["Caption <script>alert(3)</script>"],
        },
        "<div onclick=\"alert(4)\">raw html block</div>\n\n"
        "**Minister \\<script>x\\</script>:** Text with <script>alert(5)</script> and "
        "[a link](javascript:alert(6)) and ![img](http://example.invalid/x.png) & more.\n\n"
        "<iframe src=\"http://example.invalid\"></iframe>",
    )
    return folder
