"""The build cache: what a rebuild may take from the last one.

- Parsed events (without their bodies), keyed by the hash of their file's
  bytes, of persons.yaml and of the generator's code, so a changed input
  never hits a stale entry. A file whose size, times and inode are as last
  seen is not even read again. They are saved in one file per content
  folder, and a rebuild writes only the files of folders that changed.
- The manifest of the site now in place: the key (hash of all inputs) of
  every output file, the id of that site, and the id of the spare copy
  beside it with the list of files in which the two differ. The manifest is
  trusted only for the site whose marker file holds its id; a build killed
  between its swap and saving the cache leaves a manifest that no longer
  matches, and the next build makes every page again.
- A fingerprint of everything a build reads (each content file's signature,
  persons.yaml, templates, configuration, code): when it matches, the site
  in place is what a build would produce, and nothing is done at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generator
from generator.write import MARKER, read_marker, write_file_atomic

EVENTS_FOLDER = "events"
MANIFEST_FILE = "manifest.json"


def digest(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def tree_digest(*folders: Path) -> bytes:
    """The hash of every file below ``folders``: code, templates."""
    parts: list[bytes] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts).encode()


CODE = tree_digest(Path(generator.__file__).parent)


@dataclass(frozen=True)
class Known:
    """A content file as the last build saw it."""

    signature: tuple[int, ...]
    digest: str  # of its bytes
    key: str  # of everything the event is made from
    event: Any  # the Event
    warnings: tuple
    reused: bool = False  # taken unchanged from the cache
    registry: str = ""  # the digest of persons.yaml when the event was saved


@dataclass
class Manifest:
    site: str = ""  # the id in the marker of the site this describes
    pages: dict[str, str] = field(default_factory=dict)  # output path -> key
    search: bool = False
    spare: str = ""  # the id of the spare copy beside the site
    delta: list[str] = field(default_factory=list)  # paths in which site and spare differ
    fingerprint: str = ""
    events: int = 0
    warnings: list[list[Any]] = field(default_factory=list)


class BuildCache:
    def __init__(self, folder: Path, site: Path) -> None:
        self.folder = folder
        self.used: dict[str, Known] = {}
        self._events: dict[str, tuple] | None = None  # read on first use: a build with nothing to do never needs it
        self._shards: dict[str, tuple[str, frozenset[str]]] = {}  # as read: registry digest, paths
        self.manifest = Manifest()
        try:
            saved = Manifest(**json.loads((folder / MANIFEST_FILE).read_bytes()))
            if saved.site and saved.site == site_id(site):
                self.manifest = saved
        except (OSError, ValueError, TypeError):
            pass

    def _read_events(self) -> dict[str, tuple]:
        events: dict[str, tuple] = {}
        for file in sorted((self.folder / EVENTS_FOLDER).glob("*.pickle")):
            try:
                code, registry, records = pickle.loads(file.read_bytes())
            except Exception:  # from another version, or damaged: those events are parsed again
                continue
            if code == CODE:  # records of other code may not even have the same fields
                self._shards[file.stem] = (registry, frozenset(records))
                events.update((path, (*record, registry)) for path, record in records.items())
        return events

    def known(self, path: Path) -> Known | None:
        if self._events is None:
            self._events = self._read_events()
        # Taken out, not copied: the records are freed as the events are made from them.
        saved = self._events.pop(str(path), None)
        if saved is None:
            return None
        from generator.content import Event

        signature, data_digest, key, event, warnings, registry = saved
        return Known(signature, data_digest, key, Event.from_record(event, path), warnings, True, registry)

    def keep(self, path: Path, signature, data_digest: str, key: str, event, warnings: tuple, reused=False) -> None:
        self.used[str(path)] = Known(tuple(signature), data_digest, key, event, warnings, reused)

    def save_events(self, registry: str) -> None:
        """Write the events of this build, one file per content folder;
        a folder whose events all came unchanged from the cache keeps its file."""
        folder = self.folder / EVENTS_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        shards: dict[str, dict[str, Known]] = {}
        for path, known in self.used.items():
            shards.setdefault(_shard(path), {})[path] = known
        for name, knowns in shards.items():
            reused = all(k.reused for k in knowns.values())
            if reused and self._shards.get(name) == (registry, frozenset(knowns)):
                continue
            records = {path: (k.signature, k.digest, k.key, k.event.record(), k.warnings)
                       for path, k in knowns.items()}
            data = pickle.dumps((CODE, registry, records), protocol=pickle.HIGHEST_PROTOCOL)
            write_file_atomic(folder / f"{name}.pickle", data)
        for file in folder.glob("*.pickle"):
            if file.stem not in shards:
                file.unlink()

    def save_manifest(self, manifest: Manifest) -> None:
        """After the swap: remember what the site now in place was built from."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_file_atomic(self.folder / MANIFEST_FILE, json.dumps(manifest.__dict__, sort_keys=True))


def _shard(path: str) -> str:
    """The cache file of a content file: one per folder (content/<YYYY>/)."""
    return digest(os.path.dirname(path).encode())[:16]


def site_id(site: Path) -> str:
    """The id a site's marker holds: the hash of its manifest's pages."""
    return read_marker(site / MARKER)
