"""A small archive, loaded for real, for the site model and pages tests:
three events whose people, topics and places overlap in known ways."""

from __future__ import annotations

from pathlib import Path

from generator.content.load import Content, load_content
from sitefixtures import write_event

SPEAKERS = {"Anna Testova": "Anna Testova", "Boris Probin": "Boris Probin", "Vera Zeta": "Vera Zeta", "Question": None}


def small_archive(folder: Path) -> Content:
    """Anna speaks in all three, Boris in the first two, Vera only in the
    last; Carl Alpha is listed in the first and never speaks."""
    write_event(folder, {
        "title": "First", "date": "2020-01-10T10:00:00+03:00", "topics": ["Economy", "Health"],
        "geography": ["Moscow"], "sections": ["News"], "persons": ["Carl Alpha"],
        "speakers": {k: SPEAKERS[k] for k in ("Anna Testova", "Boris Probin")},
    }, "**Anna Testova:** One.\n\n**Boris Probin:** Two.\n\n**Anna Testova:** Three.")
    write_event(folder, {
        "title": "Second", "date": "2020-02-10T10:00:00+03:00", "topics": ["Economy"], "geography": ["Moscow", "Sochi"],
        "speakers": {k: SPEAKERS[k] for k in ("Anna Testova", "Boris Probin", "Question")},
    }, "**Question:** Why?\n\n**Boris Probin:** Four.\n\n**Anna Testova:** Five.")
    write_event(folder, {
        "title": "Third", "date": "2021-03-10T10:00:00+03:00", "topics": ["Culture"], "geography": ["Sochi"],
        "speakers": {k: SPEAKERS[k] for k in ("Anna Testova", "Vera Zeta")},
    }, "**Vera Zeta:** Six.\n\n**Anna Testova:** Seven.")
    return load_content(folder)
