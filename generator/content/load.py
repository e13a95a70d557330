"""content/ -> every event, parsed in parallel, unchanged files taken from
the event cache."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator.content.bodies import BodyStore, Packed, pack
from generator.content.cache import EventCache, Known
from generator.content.files import ContentFiles, content_files, read_bytes
from generator.content.model import Event
from generator.content.persons import FILE_NAME, PersonRegistry, read_registry
from generator.content.event_reader import event_key, read_event
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.files import missing
from generator.kit.hashing import digest
from generator.kit.workers import PARALLEL_FROM, parallel_map


@dataclass(frozen=True)
class Content:
    events: tuple[Event, ...]
    registry: PersonRegistry
    warnings: tuple[Diagnostic, ...]
    bodies: BodyStore
    registry_digest: str = ""  # of persons.yaml's bytes


def load_content(
    content_dir: Path,
    found_files: ContentFiles | None = None,
    advance: Callable[[int], None] = lambda n=1: None,
    cache: EventCache | None = None,
    jobs: int = 1,
    registry_data: bytes | None = None,
) -> Content:
    """Every content file as an event. With an EventCache, a file whose bytes
    (and persons.yaml, and the code) are unchanged is not parsed again; the
    rest are parsed by ``jobs`` worker processes when there are many.
    ``found_files``, when given, is what content/ holds, just scanned;
    ``registry_data``, persons.yaml's bytes, when the caller read them."""
    if not content_dir.is_dir():
        raise StenogramError(content_dir, 1, missing(content_dir, "content folder"))
    registry_path = content_dir / FILE_NAME
    if registry_data is None:
        registry_data = read_registry(registry_path)
    registry = PersonRegistry.load(registry_path, registry_data)
    registry_digest = digest(registry_data)
    bodies = BodyStore(registry)
    found_files = found_files or content_files(content_dir)
    files, signatures = found_files.paths, found_files.signatures
    found: list[tuple[Event, tuple[Diagnostic, ...]] | None] = [None] * len(files)
    todo: list[int] = []
    for index, path in enumerate(files):
        known = cache.known(path) if cache is not None else None
        if known is not None:
            signature = signatures[index]
            data_digest = known.digest if known.signature == signature else digest(read_bytes(path)[0])
            # Same bytes, same persons.yaml: the saved key holds without being computed again.
            same = data_digest == known.digest and known.registry == registry_digest
            if same or known.key == event_key(data_digest, registry, known.event.name_forms):
                cache.keep(path, Known(tuple(signature), data_digest, known.key, known.event, known.warnings, True,
                                       document=known.document))
                if known.document is not None:
                    bodies.keep(path, known.document)
                found[index] = (known.event, known.warnings)
                advance(1)
                continue
        todo.append(index)
    # Many bodies are packed to disk as they are parsed, in one process as in
    # several: held in memory, a --jobs 1 build of 10,000 transcripts peaked
    # at 779 MiB, against 271 MiB packed.
    parser = _Parser(registry, bodies.scratch() if len(todo) >= PARALLEL_FROM else None)
    for index, (event, warnings, signature, data_digest, body) in zip(
        todo, parallel_map(parser, [files[i] for i in todo], jobs)
    ):
        found[index] = (event, warnings)
        bodies.keep(event.path, body)
        if cache is not None:
            cache.keep(event.path, Known(tuple(signature), data_digest, event.key, event, warnings))
        advance(1)
    events = tuple(f[0] for f in found)
    warnings = (*found_files.skipped, *(w for f in found for w in f[1]))
    return Content(events, registry, warnings, bodies, registry_digest)


class _Parser:
    """Parses one file; with ``folder`` set (parsing in several processes)
    each process packs the bodies it parses into a file of its own there, so
    they never cross between processes."""

    def __init__(self, registry: PersonRegistry, folder: Path | None) -> None:
        self.registry, self.folder = registry, folder
        self.pack: Any = None
        self.name, self.end, self.pid = "", 0, 0

    def __call__(self, path: Path):
        data, signature = read_bytes(path)
        data_digest = digest(data)
        warnings: list[Diagnostic] = []
        event, body = read_event(path, self.registry, warnings, data, data_digest)
        if self.folder is not None:
            if self.pid != os.getpid():  # a process forked from one that packed inherits its pack: never share it
                handle, name = tempfile.mkstemp(suffix=".pack", dir=self.folder)
                self.pack, self.name, self.end = os.fdopen(handle, "wb", buffering=0), Path(name).name, 0
                self.pid = os.getpid()
            blob = pack(body)
            self.pack.write(blob)
            body = Packed(str(self.folder / self.name), self.end, len(blob))
            self.end += len(blob)
        return event, tuple(warnings), signature, data_digest, body
