"""content/ -> site/, top to bottom, and nothing else: each step is one
call into its stage. Nothing reaches site/ unless every step succeeded."""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.cache import EventCache
from generator.content.files import ContentFiles, content_files
from generator.content.load import load_content
from generator.content.persons import FILE_NAME, read_registry
from generator.content.event_reader import is_unsettled
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.files import missing
from generator.kit.hashing import CODE, digest
from generator.kit.integrity import all_same, signatures
from generator.kit.nouns import plural
from generator.kit.progress import SILENT, Reporter
from generator.kit.workers import cores, paused_collector
from generator.library.config import load_config, read_config
from generator.library.library import build_library
from generator.library.urls import decide_urls
from generator.pages.page import Env
from generator.pages.site_pages import site_pages
from generator.pages.theme import read_theme
from generator.publish.lock import site_lock
from generator.publish.manifest import Manifest, read_manifest, save_manifest, site_id
from generator.publish.plan import plan_outputs
from generator.publish.publish import publish
from generator.publish.render import Renderer
from generator.publish.shrink import refuse_shrink
from generator.search.index import shard_settings
from generator.search.script import script_page
from generator.search.shards import plan_shards

DEFAULT_TEMPLATES = Path("templates")


@dataclass(frozen=True)
class BuildSummary:
    events: int
    files: int
    reused: int
    warnings: tuple[Diagnostic, ...]
    seconds: float
    search: str | None

    @property
    def unsettled(self) -> int:
        return sum(1 for w in self.warnings if is_unsettled(w))

    def describe(self) -> str:
        searched = f"search: {self.search}" if self.search else "no search index"
        warned = plural(len(self.warnings), "warning")
        if self.unsettled:
            warned += f" ({plural(self.unsettled, 'unsettled name')})"
        return (
            f"build: {plural(self.events, 'transcript')}, {self.files:,} files written, {self.reused:,} unchanged, "
            f"{warned}, {searched}, in {self.seconds:.2f}s"
        )


def build(
    content_dir: Path,
    out_dir: Path,
    *,
    config_path: Path = Path("stenogram.toml"),
    templates_dir: Path = DEFAULT_TEMPLATES,
    search: bool = True,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    allow_shrink: bool = False,
    reporter: Reporter = SILENT,
) -> BuildSummary:
    started = time.perf_counter()
    jobs = jobs or cores()
    # A link as --out (site -> www/real) names the folder it leads to: that
    # folder is locked, staged beside and swapped, and the link is kept.
    out_dir = Path(os.path.realpath(out_dir))
    if out_dir.is_symlink():
        raise StenogramError(out_dir, 1, missing(out_dir, "the output folder"))
    with paused_collector(), site_lock(out_dir):
        # Each input is read once: the configuration, the theme, persons.yaml.
        config_data = read_config(config_path)
        config = load_config(config_path, config_data)
        theme = read_theme(templates_dir)
        renderer = Renderer(theme, config, cache_dir)
        # Every output's key starts from these: code, templates, configuration.
        settings = digest(CODE, theme.digest(), config_data).encode()
        if not content_dir.is_dir():
            raise StenogramError(content_dir, 1, missing(content_dir, "content folder"))
        found_files = content_files(content_dir)
        registry_data = read_registry(content_dir / FILE_NAME)
        stamp = _stamp(found_files, registry_data, settings, search)
        previous = read_manifest(cache_dir, out_dir)
        # Whether every file of the site in place is as the last build left
        # it, and nothing else is there (not even an empty folder): asked at
        # most once, as it reads every file's signature.
        intact = functools.cache(lambda: bool(previous.files) and _as_left(out_dir, previous.files))
        if previous.stamp == stamp and intact():
            reporter.detail("nothing changed since the last build")
            return BuildSummary(previous.events, 0, len(previous.pages), tuple(Diagnostic(*w) for w in previous.warnings),
                                time.perf_counter() - started, _search_in_place(previous))
        theme.refuse_forbidden_characters()

        events_cache = EventCache(cache_dir) if cache_dir is not None else None
        with reporter.stage("load content", len(found_files.paths)) as advance:
            content = load_content(content_dir, found_files, advance, events_cache, jobs, registry_data)
        try:
            with reporter.stage("model and pages"):
                library = build_library(content)
                refuse_shrink(content_dir, out_dir, len(library.events), allowed=allow_shrink)
                env = Env(config, decide_urls(library), content.bodies)
                outputs = plan_outputs([*site_pages(library, env, theme), script_page()], settings)
            keys = {o.path: o.key for o in outputs}
            planned = plan_shards(keys.items(), previous.shard_starts, config.search_shard_pages,
                                  shard_settings(config.language)) if search else []
            shards = {shard.name: shard.key for shard in planned}
            manifest = Manifest(site_id(keys, shards), keys, search, shards=shards,
                                shard_starts=[shard.start for shard in planned], stamp=stamp,
                                events=len(library.events), warnings=[[w.path, w.line, w.message] for w in content.warnings])
            if manifest.site == previous.site and search == previous.search and intact():
                # The site in place is what this build would make: keep it.
                written, search_summary = [], _search_in_place(previous)
                # (The pages shown what the search found keep their keys, made after it.)
                manifest = replace(manifest, pages=previous.pages, spare=previous.spare, delta=previous.delta,
                                   spare_shards=previous.spare_shards, files=previous.files, digests=previous.digests)
            else:
                published = publish(out_dir, previous, manifest, planned, outputs, renderer, env, config,
                                     cache_dir=cache_dir, jobs=jobs, reporter=reporter)
                written, search_summary = published.written, published.search
                manifest = replace(manifest, pages={**manifest.pages, **published.searched}, spare=previous.site,
                                   delta=written, spare_shards=previous.shards, files=published.files,
                                   digests=published.digests)
            warnings = content.warnings
            if cache_dir is not None and events_cache is not None:
                try:
                    events_cache.save(content.registry_digest, content.bodies)
                    save_manifest(cache_dir, manifest)
                    renderer.save_compiled()
                except OSError as error:  # the site is in place and good: only the next build pays
                    warnings += (Diagnostic(str(error.filename or cache_dir), 1,
                                            f"the build cache could not be saved ({error.strerror}); "
                                            "the next build will render everything"),)
            rendered = len(set(written) & set(keys))
            return BuildSummary(len(library.events), rendered, len(outputs) - rendered, warnings,
                                time.perf_counter() - started, search_summary)
        finally:
            content.bodies.close()


def _search_in_place(previous: Manifest) -> str | None:
    """What a build that changes nothing says of the search index it keeps."""
    if not (previous.search and previous.shards):
        return None
    return f"{plural(len(previous.shards), 'shard')} in place, unchanged"


def _as_left(out_dir: Path, files: dict[str, str]) -> bool:
    empty: list[str] = []
    odd: list[str] = []
    return all_same(signatures(out_dir, empty=empty, odd=odd), files) and not empty and not odd


def _stamp(found: ContentFiles, registry: bytes, settings: bytes, search: bool) -> str:
    """What the build reads, as cheaply as it can be told apart: the
    signature (size, times, inode) of every content file, and the files it
    warns it does not read."""
    parts = [settings, b"search" if search else b"", registry]
    parts += (f"{path}\0{signature}".encode() for path, signature in zip(found.paths, found.signatures))
    parts += (str(warning).encode() for warning in found.skipped)
    return digest(*parts)
