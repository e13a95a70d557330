"""content/ -> site/, top to bottom, and nothing else: each step is one
call into its stage. Nothing reaches site/ unless every step succeeded."""

from __future__ import annotations

import functools
import time
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.cache import EventCache
from generator.content.files import ContentFiles, content_files
from generator.content.load import load_content
from generator.content.persons import FILE_NAME
from generator.content.validate import is_unsettled
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.hashing import CODE, digest, tree_digest
from generator.kit.progress import SILENT, Reporter
from generator.kit.workers import cores, parallel_map, paused_collector
from generator.output.lock import site_lock
from generator.output.integrity import Signatures, differences, signatures, without
from generator.output.manifest import Manifest, read_manifest, save_manifest, site_id
from generator.output.plan import Output, plan_outputs
from generator.output.render import Renderer
from generator.output.search import index_shards, shard_settings
from generator.output.shards import Shard, plan_shards
from generator.output.shrink import refuse_shrink
from generator.output.selfcheck import Anchor, SelfCheck
from generator.output.staging import SEARCH_FOLDER, StagedSite
from generator.pages.common import plural
from generator.pages.page import Env
from generator.pages.site_pages import site_pages
from generator.site.config import SiteConfig, load_config
from generator.site.library import build_library
from generator.site.urls import decide_urls

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
    with paused_collector(), site_lock(out_dir):
        config = load_config(config_path)
        renderer = Renderer(templates_dir, config, cache_dir)
        # Every output's key starts from these: code, templates, configuration.
        settings = digest(CODE, tree_digest(templates_dir), config_path.read_bytes()).encode()
        if not content_dir.is_dir():
            raise StenogramError(content_dir, 1, "content folder not found")
        found_files = content_files(content_dir)
        stamp = _stamp(content_dir, found_files, settings, search)
        previous = read_manifest(cache_dir, out_dir)
        # Whether every file of the site in place is as the last build left
        # it: asked at most once, as it reads every file's signature.
        intact = functools.cache(lambda: bool(previous.files) and signatures(out_dir) == previous.files)
        if previous.stamp == stamp and intact():
            reporter.detail("nothing changed since the last build")
            return BuildSummary(previous.events, 0, len(previous.pages), tuple(Diagnostic(*w) for w in previous.warnings),
                                time.perf_counter() - started, _search_in_place(previous))

        events_cache = EventCache(cache_dir) if cache_dir is not None else None
        with reporter.stage("load content", len(found_files.paths)) as advance:
            content = load_content(content_dir, found_files, advance, events_cache, jobs)
        try:
            with reporter.stage("model and pages"):
                library = build_library(content)
                refuse_shrink(content_dir, out_dir, len(library.events), allowed=allow_shrink)
                env = Env(config, decide_urls(library), content.bodies)
                outputs = plan_outputs(site_pages(library, env, templates_dir / "assets"), settings)
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
                manifest = replace(manifest, spare=previous.spare, delta=previous.delta,
                                   spare_shards=previous.spare_shards, files=previous.files)
            else:
                try:
                    written, search_summary, files = _write(
                        out_dir, previous, manifest, planned, outputs, renderer, env, config,
                        cache_dir=cache_dir, jobs=jobs, reporter=reporter)
                except OSError as error:  # a full disk, a read-only folder: the site in place stays
                    raise StenogramError(error.filename or out_dir, 1,
                                         f"cannot write the site: {error.strerror}") from None
                manifest = replace(manifest, spare=previous.site, delta=written, spare_shards=previous.shards, files=files)
            warnings = content.warnings
            if cache_dir is not None and events_cache is not None:
                try:
                    events_cache.save(content.registry_digest, content.bodies)
                    save_manifest(cache_dir, manifest)
                except OSError as error:  # the site is in place and good: only the next build pays
                    warnings += (Diagnostic(str(error.filename or cache_dir), 1,
                                            f"the build cache could not be saved ({error.strerror}); "
                                            "the next build will render everything"),)
            rendered = len(set(written) & set(keys))
            return BuildSummary(len(library.events), rendered, len(outputs) - rendered, warnings,
                                time.perf_counter() - started, search_summary)
        finally:
            content.bodies.close()


def _write(out_dir: Path, previous: Manifest, manifest: Manifest, shards: list[Shard], outputs: list[Output],
           renderer: Renderer, env: Env, config: SiteConfig, *, cache_dir: Path | None, jobs: int,
           reporter: Reporter) -> tuple[list[str], str | None, Signatures]:
    """Render into a staged copy of the site what changed, or is not as the
    last build left it; index it, check it, swap it in. Returns the paths
    written or removed, the search summary and the new site's signatures."""
    search_summary = None
    with StagedSite(out_dir, keep_spare=cache_dir is not None) as site:
        from_spare = site.prepare(bool(previous.site), previous.spare, previous.delta)
        # The staged copy should now be the site in place, file for file.
        # (Search shards are checked by the search stage, which keeps or remakes them.)
        damaged, stray = differences(signatures(site.staging, skip=SEARCH_FOLDER),
                                     without(previous.files, SEARCH_FOLDER))
        todo = [o for o in outputs if previous.pages.get(o.path) != o.key or o.path in damaged]
        # The outputs of one source side by side: an event's page and its
        # data go to the same worker, one after the other, from one fetch.
        todo.sort(key=lambda output: output.page.origin)
        removed = sorted((set(previous.pages) - set(manifest.pages)) | (stray - set(manifest.pages)))
        check = SelfCheck(out_dir, frozenset(manifest.pages), config.path_prefix)
        with reporter.stage("render and write", len(todo)) as advance:
            def render(output: Output) -> list[Anchor]:
                data = renderer.render(output.page, env)
                site.write(output.path, data)
                return check.page(output.path, data)

            anchors: list[Anchor] = []
            for found in parallel_map(render, todo, jobs):
                anchors.extend(found)
                advance(1)
        for path in removed:
            site.remove(path)
        check.anchors(site.staging, anchors)
        site.mark(manifest.site, manifest.events)
        staged_shards = previous.spare_shards if from_spare else {}
        # Without shards, the stage only removes a search index the staged copy may hold.
        with (reporter.stage("search index", len(shards)) if shards else nullcontext(lambda n=1: None)) as advance:
            indexed = index_shards(site.staging, out_dir, shards, previous.shards, staged_shards,
                                   previous.files, config.language, cache_dir, advance)
        if indexed is not None:
            search_summary = str(indexed)
            reporter.detail(f"search: {search_summary}")
        files = signatures(site.staging)
        missing = sorted(set(manifest.pages) - set(files))
        if missing:
            raise StenogramError(out_dir / missing[0], 1, "the build did not write this file; build again")
        site.commit()
    return [o.path for o in todo] + removed, search_summary, files


def _search_in_place(previous: Manifest) -> str | None:
    """What a build that changes nothing says of the search index it keeps."""
    if not (previous.search and previous.shards):
        return None
    return f"{plural(len(previous.shards), 'shard')} in place, unchanged"


def _stamp(content_dir: Path, found: ContentFiles, settings: bytes, search: bool) -> str:
    """What the build reads, as cheaply as it can be told apart: the
    signature (size, times, inode) of every content file, and the files it
    warns it does not read."""
    registry = content_dir / FILE_NAME
    parts = [settings, b"search" if search else b"", registry.read_bytes() if registry.is_file() else b""]
    parts += (f"{path}\0{signature}".encode() for path, signature in zip(found.paths, found.signatures))
    parts += (str(warning).encode() for warning in found.skipped)
    return digest(*parts)
