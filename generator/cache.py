"""The build cache: what a rebuild may take from the last one.

- Parsed content files, keyed by the hash of their bytes, of persons.yaml
  and of the generator's code: a changed input can never hit a stale entry.
- The hash of every output's inputs (view data, templates, configuration,
  code), so that an unchanged page is taken from the previous site rather
  than rendered again. These hashes are trusted only for the site they were
  made with: the manifest records the identity (inode, mtime) of that
  site's marker file, which every build writes anew. A build killed after
  its swap but before saving the cache leaves a manifest that no longer
  matches, and the next build renders everything.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import generator
from generator.write import MARKER, write_file_atomic

EVENTS_FILE = "events.pickle"
MANIFEST_FILE = "pages.json"


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


class BuildCache:
    def __init__(self, folder: Path, site: Path) -> None:
        self.folder = folder
        self.events: dict[str, tuple[str, Any]] = {}
        self.pages: dict[str, str] = {}
        self.used_events: dict[str, tuple[str, Any]] = {}
        self.new_pages: dict[str, str] = {}
        try:
            self.events = pickle.loads((folder / EVENTS_FILE).read_bytes())
        except Exception:  # absent, from another version, or damaged: start over
            self.events = {}
        try:
            saved = json.loads((folder / MANIFEST_FILE).read_bytes())
            if saved["site"] == site_identity(site):
                self.pages = saved["pages"]
        except (OSError, ValueError, KeyError, TypeError):
            self.pages = {}

    @staticmethod
    def content_key(data: bytes, registry: bytes) -> str:
        """What a parsed content file depends on: its bytes, persons.yaml, the code."""
        return digest(data, registry, CODE)

    def event(self, path: Path, key: str):
        entry = self.events.get(str(path))
        if entry is not None and entry[0] == key:
            self.used_events[str(path)] = entry
            return entry[1]
        return None

    def store_event(self, path: Path, key: str, value) -> None:
        self.used_events[str(path)] = (key, value)

    def unchanged(self, output: str, key: str) -> bool:
        """Record ``key`` for ``output``; True if the previous site has it."""
        self.new_pages[output] = key
        return self.pages.get(output) == key

    def save(self, site: Path) -> None:
        """After the swap: remember what the site now in place was built from."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_file_atomic(self.folder / EVENTS_FILE, pickle.dumps(self.used_events, protocol=pickle.HIGHEST_PROTOCOL))
        manifest = {"site": site_identity(site), "pages": self.new_pages}
        write_file_atomic(self.folder / MANIFEST_FILE, json.dumps(manifest, sort_keys=True))


def site_identity(site: Path) -> str:
    status = (site / MARKER).stat()
    return f"{status.st_ino}:{status.st_mtime_ns}"
