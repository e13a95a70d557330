"""content/ -> site/, top to bottom, and nothing else: each step is one
call into its stage. Nothing reaches site/ unless every step succeeded."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.cache import EventCache
from generator.content.files import Signature, content_files
from generator.content.load import load_content
from generator.content.persons import FILE_NAME
from generator.kit.errors import Diagnostic, StenogramError
from generator.kit.hashing import CODE, digest, tree_digest
from generator.kit.progress import SILENT, Reporter
from generator.kit.workers import cores, parallel_map, paused_collector
from generator.output.manifest import Manifest, read_manifest, save_manifest, site_id
from generator.output.plan import Output, plan_outputs
from generator.output.render import Renderer
from generator.output.search import describe, index_shards, shard_keys
from generator.output.staging import StagedSite
from generator.pages.page import Env
from generator.pages.site_pages import site_pages
from generator.site.config import load_config
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

    def describe(self) -> str:
        searched = f"search: {self.search}" if self.search else "no search index"
        warned = f"{len(self.warnings)} warning{'' if len(self.warnings) == 1 else 's'}"
        return (
            f"build: {self.events} transcripts, {self.files} files written, {self.reused} unchanged, {warned}, "
            f"{searched}, in {self.seconds:.2f}s"
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
    reporter: Reporter = SILENT,
) -> BuildSummary:
    started = time.perf_counter()
    jobs = jobs or cores()
    with paused_collector():
        config = load_config(config_path)
        renderer = Renderer(templates_dir, config)
        # Every output's key starts from these: code, templates, configuration.
        settings = digest(CODE, tree_digest(templates_dir), config_path.read_bytes()).encode()
        if not content_dir.is_dir():
            raise StenogramError(content_dir, 1, "content folder not found")
        files, signatures = content_files(content_dir)
        stamp = _stamp(content_dir, files, signatures, settings, search)
        previous = read_manifest(cache_dir, out_dir)
        if previous.stamp == stamp:
            reporter.detail("nothing changed since the last build")
            return BuildSummary(previous.events, 0, len(previous.pages), tuple(Diagnostic(*w) for w in previous.warnings),
                                time.perf_counter() - started, None)

        events_cache = EventCache(cache_dir) if cache_dir is not None else None
        with reporter.stage("load content", len(files)) as advance:
            content = load_content(content_dir, files, advance, events_cache, jobs, signatures)
        try:
            with reporter.stage("model and pages"):
                library = build_library(content)
                env = Env(config, decide_urls(library), content.bodies)
                outputs = plan_outputs(site_pages(library, env, templates_dir / "assets"), settings)
            keys = {o.path: o.key for o in outputs}
            shards = shard_keys(keys.items(), config.language) if search else {}
            manifest = Manifest(site_id(keys, shards), keys, search, shards=shards, stamp=stamp,
                                events=len(library.events), warnings=[[w.path, w.line, w.message] for w in content.warnings])
            if manifest.site == previous.site and search == previous.search:
                # The site in place is what this build would make: keep it.
                todo, search_summary = [], None
                spare, delta, spare_shards = previous.spare, previous.delta, previous.spare_shards
            else:
                todo = [o for o in outputs if previous.pages.get(o.path) != o.key]
                removed = sorted(set(previous.pages) - set(keys))
                search_summary = _write(out_dir, previous, manifest, todo, removed, renderer, env, config.language,
                                        keep_spare=cache_dir is not None, jobs=jobs, reporter=reporter)
                spare, delta, spare_shards = previous.site, [o.path for o in todo] + removed, previous.shards
            if cache_dir is not None and events_cache is not None:
                events_cache.save(content.registry_digest)
                save_manifest(cache_dir, replace(manifest, spare=spare, delta=delta, spare_shards=spare_shards))
            return BuildSummary(len(library.events), len(todo), len(outputs) - len(todo), content.warnings,
                                time.perf_counter() - started, search_summary)
        finally:
            content.bodies.close()


def _write(out_dir: Path, previous: Manifest, manifest: Manifest, todo: list[Output], removed: list[str],
           renderer: Renderer, env: Env, language: str, *, keep_spare: bool, jobs: int,
           reporter: Reporter) -> str | None:
    """Render ``todo`` into a staged copy of the site, index it, swap it in."""
    search_summary = None
    with StagedSite(out_dir, keep_spare=keep_spare) as site:
        from_spare = site.prepare(bool(previous.site), previous.spare, previous.delta)
        with reporter.stage("render and write", len(todo)) as advance:
            def render(output: Output) -> None:
                site.write(output.path, renderer.render(output.page, env))

            for _ in parallel_map(render, todo, jobs):
                advance(1)
        for path in removed:
            site.remove(path)
        site.mark(manifest.site)
        staged_shards = previous.spare_shards if from_spare else {}
        if manifest.search:
            with reporter.stage("search index", len(manifest.shards)) as advance:
                indexed, kept = index_shards(site.staging, out_dir, manifest.shards, previous.shards, staged_shards,
                                             language, advance)
            search_summary = describe(site.staging, indexed, kept)
            reporter.detail(f"search: {search_summary}")
        else:
            index_shards(site.staging, out_dir, {}, previous.shards, staged_shards, language)
        site.commit()
    return search_summary


def _stamp(content_dir: Path, files: list[Path], signatures: list[Signature], settings: bytes, search: bool) -> str:
    """What the build reads, as cheaply as it can be told apart: the
    signature (size, times, inode) of every content file."""
    registry = content_dir / FILE_NAME
    parts = [settings, b"search" if search else b"", registry.read_bytes() if registry.exists() else b""]
    parts += (f"{path}\0{signature}".encode() for path, signature in zip(files, signatures))
    return digest(*parts)
