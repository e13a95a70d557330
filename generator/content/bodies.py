"""Where each event's body is while a build runs: in memory for a few
files, in pack files on disk for many (written by the parsing workers),
or, for an event taken from the build cache, read again from its file.
At 30,000 transcripts the bodies would not fit the memory a build may
use; the events without them do."""

from __future__ import annotations

import pickle
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from generator.content.files import read_bytes
from generator.content.model import Body, Event
from generator.content.persons import PersonRegistry
from generator.content.validate import read_event
from generator.kit.errors import StenogramError


class Packed(NamedTuple):
    """Where a parsing worker wrote a body: pack file, offset, length."""

    name: str
    offset: int
    length: int


class BodyStore:
    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self.folder: Path | None = None
        self.memory: dict[Path, Body] = {}
        self.packed: dict[Path, Packed] = {}

    def scratch(self) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="stenogram-bodies-"))
        return self.folder

    def keep(self, path: Path, body: Body | Packed) -> None:
        if isinstance(body, Packed):
            self.packed[path] = body
        else:
            self.memory[path] = body

    def get(self, event: Event) -> Body:
        if event.path in self.memory:
            return self.memory[event.path]
        if event.path in self.packed and self.folder is not None:
            name, offset, length = self.packed[event.path]
            with open(self.folder / name, "rb") as stream:
                stream.seek(offset)
                return pickle.loads(stream.read(length))
        data, _ = read_bytes(event.path)
        again, body = read_event(event.path, self.registry, [], data)
        if again.key != event.key:
            # The page would show a body the rest of the site does not know.
            raise StenogramError(event.path, 1, "changed while the site was being built; build again")
        return body

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
