"""The manifest: what the site in place was built from, so that a rebuild
renders only the outputs whose key changed.

It holds the key of every output file and search shard, the signature and
the digest of every file the site holds (``kit.integrity``: what the
next build checks before it trusts a file it does not write), the id of that site, the id of the spare copy beside it with the list of files in which
the two differ and the keys of its shards, and
the stamp of the build (every content file's signature, persons.yaml, the
settings): when the stamp matches, the site in place is what a build would
produce, and nothing is done at all. The manifest is trusted only for the
site whose marker file holds its id; a build killed between its swap and
saving the manifest leaves one that no longer matches, and the next build
makes every page again.
"""

from __future__ import annotations

import json
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.kit.files import write_file_atomic
from generator.kit.hashing import digest
from generator.kit.layout import MARKER
from generator.publish.staging import read_marker

MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    site: str = ""  # the id in the marker of the site this describes
    pages: dict[str, str] = field(default_factory=dict)  # output path -> key
    search: bool = False
    spare: str = ""  # the id of the spare copy beside the site
    delta: list[str] = field(default_factory=list)  # paths in which site and spare differ
    shards: dict[str, str] = field(default_factory=dict)  # search shard -> key, of the site
    # Where each search shard of the site begins: kept, so that no shard is cut anew.
    shard_starts: list[str] = field(default_factory=list)
    spare_shards: dict[str, str] = field(default_factory=dict)  # likewise, of the spare copy
    stamp: str = ""
    events: int = 0
    warnings: list[list[Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # every file of the site -> its signature
    digests: dict[str, str] = field(default_factory=dict)  # every file of the site -> the digest of its bytes


def site_id(pages: dict[str, str], shards: dict[str, str]) -> str:
    """The id of a site: the digest of its files' and search shards' keys."""
    lines = [f"{path}\0{key}\n" for path, key in sorted(pages.items())]
    lines += [f"search\0{shard}\0{key}\n" for shard, key in sorted(shards.items())]
    return digest("".join(lines).encode())


def read_manifest(cache_dir: Path | None, site: Path) -> Manifest:
    """The manifest of the site in place, or an empty one when there is
    none that describes it."""
    if cache_dir is None:
        return Manifest()
    try:
        saved = Manifest(**json.loads((cache_dir / MANIFEST_FILE).read_bytes()))
    except (OSError, ValueError, TypeError):
        return Manifest()
    # A manifest without the files' signatures cannot vouch for any of them.
    trusted = saved.site and saved.files and saved.site == read_marker(site / MARKER)
    return saved if trusted else Manifest()


def save_manifest(cache_dir: Path, manifest: Manifest) -> None:
    """After the swap: remember what the site now in place was built from."""
    # Its fields as they are: asdict would copy the pages dict, deeply, for nothing.
    fields = {f.name: getattr(manifest, f.name) for f in dataclasses.fields(manifest)}
    write_file_atomic(cache_dir / MANIFEST_FILE, json.dumps(fields, sort_keys=True))
