"""Where each event's body (its document) is while a build runs: in
memory for a few files; in pack files on disk for many, written as they
are parsed (by each parsing process); or, for an event taken from the build cache, in the
cache's own packs (``content.cache``). A body is parsed once per change of
its file, ever. At 30,000 transcripts the bodies would not fit the memory
a build may use; the events without them do.

Bodies are handed out only for a ``DocumentRef``, so a page that shows a
body has that body's key in its data. The last body handed out is kept:
an event's page and its data are rendered one after the other, from one
fetch."""

from __future__ import annotations

import pickle
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import NamedTuple

from generator.content.files import read_bytes
from generator.content.model import Body, DocumentRef
from generator.content.persons import PersonRegistry
from generator.content.event_reader import read_event
from generator.kit.errors import StenogramError


class Packed(NamedTuple):
    """Where a body is on disk: pack file, offset, length."""

    file: str
    offset: int
    length: int


def pack(body: Body) -> bytes:
    # Level 1: a third of the bytes for a fiftieth of the time a parse takes.
    return zlib.compress(pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(blob: bytes) -> Body:
    return pickle.loads(zlib.decompress(blob))


def read_packed(packed: Packed) -> bytes:
    with open(packed.file, "rb") as stream:
        stream.seek(packed.offset)
        blob = stream.read(packed.length)
    if len(blob) != packed.length:
        raise OSError(f"{packed.file}: shorter than recorded")
    return blob


class BodyStore:
    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self.folder: Path | None = None
        self.memory: dict[Path, Body] = {}
        self.packed: dict[Path, Packed] = {}
        self._last: tuple[str, Body] | None = None

    def scratch(self) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="stenogram-bodies-"))
        return self.folder

    def keep(self, path: Path, body: Body | Packed) -> None:
        if isinstance(body, Packed):
            self.packed[path] = body
        else:
            self.memory[path] = body

    def get(self, document: DocumentRef) -> Body:
        if type(document) is not DocumentRef:  # an Event's key in a page's data is its card's only
            raise TypeError("bodies are handed out for a DocumentRef, whose key is the body's")
        if self._last is not None and self._last[0] == document.key:
            return self._last[1]
        body = self._fetch(document)
        self._last = (document.key, body)
        return body

    def blob(self, path: Path) -> bytes | None:
        """The packed bytes of a body this store holds, for the cache; None if it holds none."""
        if path in self.memory:
            return pack(self.memory[path])
        if path in self.packed:
            try:
                return read_packed(self.packed[path])
            except OSError:
                return None
        return None

    def _fetch(self, document: DocumentRef) -> Body:
        event = document.event
        if event.path in self.memory:
            return self.memory[event.path]
        if event.path in self.packed:
            try:
                return _unpack(read_packed(self.packed[event.path]))
            except Exception:  # a damaged cache pack: the file is read again below
                pass
        data, _ = read_bytes(event.path)
        again, body = read_event(event.path, self.registry, [], data)
        if again.key != document.key:
            # The page would show a body the rest of the site does not know.
            raise StenogramError(event.path, 1, "changed while the site was being built; build again")
        return body

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
