"""The event cache: the events of the last build and their documents, so
that a rebuild parses only the content files that changed, and renders an
unchanged event's page again without reading its file.

Events (their cards) are kept with the digest of their file's bytes, of
persons.yaml and of the code, so a changed input never hits a stale entry;
a file whose signature (size, times, inode) is as last seen is not even
read again. They are saved in one file per content folder, their
documents (bodies, packed) in one pack per folder beside it, and a rebuild
writes only the files of folders that changed. On disk an event
is a plain tuple of its fields in declared order: three times faster to
load than pickled objects; ``_to_record`` and ``_from_record`` are the only
code that knows that order, and they take it from the dataclass.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.content.bodies import BodyStore, Packed
from generator.content.model import Event, StatementSummary
from generator.kit.files import write_file_atomic
from generator.kit.hashing import CODE, digest

EVENTS_FOLDER = "events"
DOCUMENTS_FOLDER = "documents"
_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


def _to_record(event: Event) -> tuple:
    values = dict(zip(_FIELDS, (getattr(event, name) for name in _FIELDS)))
    values.update(path=str(event.path), date=event.date.isoformat(),
                  updated=event.updated.isoformat() if event.updated else None,
                  statements=tuple(map(tuple, event.statements)))
    return tuple(values[name] for name in _FIELDS)


# Where the fields that are stored otherwise than as they are sit in a record.
_PATH, _DATE, _UPDATED, _STATEMENTS = (_FIELDS.index(name) for name in ("path", "date", "updated", "statements"))


def _from_record(record: tuple, path: Path) -> Event:
    values = list(record)
    values[_PATH] = path
    values[_DATE] = datetime.fromisoformat(values[_DATE])
    if values[_UPDATED] is not None:
        values[_UPDATED] = datetime.fromisoformat(values[_UPDATED])
    values[_STATEMENTS] = tuple(map(StatementSummary._make, values[_STATEMENTS]))
    return Event(*values)


@dataclass(frozen=True)
class Known:
    """A content file as a build saw it."""

    signature: tuple[int, ...]
    digest: str  # of its bytes
    key: str  # of everything the event is made from
    event: Event
    warnings: tuple
    reused: bool = False  # taken unchanged from the cache
    registry: str = ""  # the digest of persons.yaml when the event was saved
    document: Packed | None = None  # where its body is in the cache


class EventCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / EVENTS_FOLDER
        self.documents = folder / DOCUMENTS_FOLDER
        self.used: dict[str, Known] = {}
        self._saved: dict[str, tuple] | None = None  # read on first use: a build with nothing to do never needs it
        # As read, per file: registry digest, paths, and the name of its documents' pack.
        self._files: dict[str, tuple[str, frozenset[str], str]] = {}

    def _read(self) -> dict[str, tuple]:
        saved: dict[str, tuple] = {}
        for file in sorted(self.folder.glob("*.pickle")):
            try:
                code, registry, pack_name, records = pickle.loads(file.read_bytes())
            except Exception:  # from another version, or damaged: those events are parsed again
                continue
            if code == CODE:  # records of other code may not even have the same fields
                self._files[file.stem] = (registry, frozenset(records), pack_name)
                pack_file = str(self.documents / pack_name)
                saved.update((path, (*record, registry, pack_file)) for path, record in records.items())
        return saved

    def known(self, path: Path) -> Known | None:
        if self._saved is None:
            self._saved = self._read()
        # Taken out, not copied: the records are freed as the events are made from them.
        saved = self._saved.pop(str(path), None)
        if saved is None:
            return None
        signature, data_digest, key, record, warnings, place, registry, pack_file = saved
        document = Packed(pack_file, *place) if place is not None else None
        return Known(signature, data_digest, key, _from_record(record, path), warnings, True, registry, document)

    def keep(self, path: Path, known: Known) -> None:
        self.used[str(path)] = known

    def save(self, registry: str, bodies: BodyStore) -> None:
        """Write the events of this build, one file per content folder, and
        their documents, one pack per folder; a folder whose events all came
        unchanged from the cache keeps its files."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.documents.mkdir(parents=True, exist_ok=True)
        groups: dict[str, dict[str, Known]] = {}
        for path, known in self.used.items():
            groups.setdefault(_file_of(path), {})[path] = known
        packs: set[str] = set()
        for name, knowns in groups.items():
            kept = self._files.get(name)
            reused = all(k.reused for k in knowns.values())
            if reused and kept is not None and kept[:2] == (registry, frozenset(knowns)):
                packs.add(kept[2])
                continue
            blobs, places, offset = [], {}, 0
            for path in sorted(knowns):
                blob = bodies.blob(Path(path))
                if blob is not None:
                    blobs.append(blob)
                    places[path] = (offset, len(blob))
                    offset += len(blob)
            data = b"".join(blobs)
            # Named by its bytes: the events file written next never names a pack half-written.
            pack_name = f"{name}-{digest(data)[:16]}.pack"
            write_file_atomic(self.documents / pack_name, data)
            packs.add(pack_name)
            records = {path: (k.signature, k.digest, k.key, _to_record(k.event), k.warnings, places.get(path))
                       for path, k in knowns.items()}
            data = pickle.dumps((CODE, registry, pack_name, records), protocol=pickle.HIGHEST_PROTOCOL)
            write_file_atomic(self.folder / f"{name}.pickle", data)
        for file in self.folder.glob("*.pickle"):
            if file.stem not in groups:
                file.unlink()
        for file in self.documents.glob("*.pack"):
            if file.name not in packs:
                file.unlink()


def _file_of(path: str) -> str:
    """The cache file of a content file: one per folder (content/<YYYY>/)."""
    return digest(os.path.dirname(path).encode())[:16]
