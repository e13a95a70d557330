"""The body store: bodies from memory, packs, the cache's packs or the
file again, only for a DocumentRef; a file that changed while the site was
being built is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.bodies import BodyStore
from generator.content.load import load_content
from generator.content.cache import EventCache
from generator.content.model import DocumentRef, Statement
from generator.kit.errors import StenogramError
from modelfixtures import small_archive


def test_a_body_is_read_again_from_its_file_when_not_held(tmp_path: Path) -> None:
    content = small_archive(tmp_path / "content")
    event = content.events[0]
    fresh = BodyStore(content.registry)  # holds nothing: reads the file
    assert fresh.get(DocumentRef.of(event)) == content.bodies.get(DocumentRef.of(event))
    assert [b.text for b in fresh.get(DocumentRef.of(event)) if isinstance(b, Statement)] == ["One.", "Two.", "Three."]


def test_a_body_is_not_handed_out_for_an_event_whose_key_is_its_cards() -> None:
    with pytest.raises(TypeError):
        BodyStore(None).get(object())


def test_a_file_changed_while_building_is_an_error(tmp_path: Path) -> None:
    content = small_archive(tmp_path / "content")
    event = content.events[0]
    event.path.write_text(event.path.read_text(encoding="utf-8").replace("One.", "One, changed."), encoding="utf-8")
    with pytest.raises(StenogramError) as raised:
        BodyStore(content.registry).get(DocumentRef.of(event))
    assert str(raised.value) == f"{event.path}:1: changed while the site was being built; build again"


@pytest.mark.parametrize("jobs", [1, 2])
def test_many_bodies_come_back_from_their_packs(tmp_path: Path, jobs: int) -> None:
    from sitefixtures import write_event

    folder = tmp_path / "content"
    for number in range(70):  # enough to be packed, and parsed by worker processes when jobs > 1
        write_event(folder, {"title": f"Meeting {number}", "date": f"2020-01-{1 + number % 28:02d}T10:{number % 60:02d}:00+03:00",
                             "speakers": {"Anna Testova": "Anna Testova"}}, f"**Anna Testova:** Words {number}.")
    content = load_content(folder, jobs=jobs)
    try:
        # In one process as in several: the bodies of a large archive are not all held in memory.
        assert len(content.bodies.packed) == 70 and not content.bodies.memory
        for event in content.events:
            [statement] = content.bodies.get(DocumentRef.of(event))
            assert statement.text == f"Words {event.title.split()[-1]}."
    finally:
        content.bodies.close()


def test_a_cached_document_comes_from_the_cache_not_from_its_file(tmp_path: Path, monkeypatch) -> None:
    content = small_archive(tmp_path / "content")
    cache = EventCache(tmp_path / "cache")
    again = load_content(tmp_path / "content", cache=cache)
    cache.save(again.registry_digest, again.bodies)
    bodies = {e.path: again.bodies.get(DocumentRef.of(e)) for e in again.events}

    import generator.content.bodies as store

    def no_reading(path, *args, **kwargs):
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(store, "read_bytes", no_reading)
    warm = load_content(tmp_path / "content", cache=EventCache(tmp_path / "cache"))
    assert {e.path: warm.bodies.get(DocumentRef.of(e)) for e in warm.events} == bodies
    assert len(bodies) == len(content.events)


def test_a_damaged_cache_pack_is_read_past_to_the_file(tmp_path: Path) -> None:
    small_archive(tmp_path / "content")
    cache = EventCache(tmp_path / "cache")
    first = load_content(tmp_path / "content", cache=cache)
    cache.save(first.registry_digest, first.bodies)
    packs = list((tmp_path / "cache" / "documents").glob("*.pack"))
    assert packs
    for pack in packs:
        pack.write_bytes(b"\0" * pack.stat().st_size)
    warm = load_content(tmp_path / "content", cache=EventCache(tmp_path / "cache"))
    for event in warm.events:
        assert warm.bodies.get(DocumentRef.of(event)) == first.bodies.get(DocumentRef.of(event))
