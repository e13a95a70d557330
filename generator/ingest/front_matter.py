"""A parsed transcript's front matter, and its content file: the front
matter with the body content/markdown.py writes from its blocks."""

from __future__ import annotations

from typing import Any

from generator.content.file_format import KEY_ORDER
from generator.content.markdown import TextBlock, check_kept, write_body
from generator.ingest.raw import RawTranscript
from generator.ingest.statements import Resolution
from generator.kit.dates import DateProblem, iso, moscow_datetime, parse_date, parse_time

def front_matter(
    raw: RawTranscript, resolution: Resolution, source_url: str | None = None
) -> dict[str, Any]:
    """Keys in the contract's order (KEY_ORDER); optional keys only when
    they have a value. A second event of one title and day gets its
    numbered slug when it is placed (``Draft.front_for``)."""
    clock = raw.at or _published_time(raw)
    # The raw file's digest: what tells a re-import of the same text from a
    # different transcript, whatever the files are called.
    source: dict[str, Any] = {"file": raw.path.name, "rubric": raw.rubric, "sha256": raw.sha256}
    if source_url or raw.origin.url:
        source["url"] = source_url or raw.origin.url
    if raw.origin.retrieved:
        source["retrieved"] = raw.origin.retrieved.isoformat()
    if resolution.unsettled:
        # Names import had to guess: the build reports them until persons.yaml confirms them.
        source["unsettled"] = list(dict.fromkeys(resolution.unsettled))
    values: dict[str, Any] = {
        "title": raw.title.text,
        "date": iso(moscow_datetime(raw.day, clock)),
        "summary": raw.summary.text if raw.summary else None,
        "sections": list(raw.trailer.sections),
        "geography": [line.text for line in raw.trailer.geography],
        "topics": [line.text for line in raw.trailer.topics],
        "persons": list(resolution.persons),
        "speakers": dict(resolution.speakers),
        "attending": dict(resolution.attending),
        "photos": [line.text for line in raw.photos],
        "source": source,
    }
    return {key: values[key] for key in KEY_ORDER if values.get(key)}


def _published_time(raw: RawTranscript):
    """The trailer's 'Publication date: October 7, 2015, 14:20' gives the time
    when the header has none, provided it is the same day."""
    published = raw.trailer.published or ""
    day_text, _, clock_text = published.rpartition(", ")
    try:
        if clock_text and parse_date(day_text) == raw.day:
            return parse_time(clock_text)
    except DateProblem:
        pass
    return None


def content_body(raw: RawTranscript, blocks: list[TextBlock]) -> str:
    """The body's Markdown, read back as the build will read it first."""
    body = write_body(blocks)
    check_kept(raw.path, blocks, body)
    return body
