"""content/ -> site/, top to bottom: config, content, model, links, plan,
render and write, search, swap. Nothing reaches site/ unless every step
succeeded."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.cache import CODE, BuildCache, Manifest, digest, tree_digest
from generator.config import load_config
from generator.content import Signature, content_files, load_content, signature_of
from generator.errors import Diagnostic, StenogramError
from generator.feeds import feed_pages, robots_page, sitemap_page
from generator.links import OutputPlan, decide_links
from generator.model import build_archive
from generator.opendata import data_files
from generator.persons import FILE_NAME
from generator.progress import SILENT, Reporter
from generator.render import Renderer
from generator.search import index_site
from generator.views import Views, inputs_bytes
from generator.workers import cores, parallel_map, paused_collector
from generator.write import StagedSite

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


@dataclass(frozen=True)
class Output:
    path: str  # below site/
    key: str  # hash of all it is made from: same key, same bytes
    make: Callable[[], bytes]


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
    with paused_collector():
        return _build(content_dir, out_dir, config_path, templates_dir, search, cache_dir, jobs, reporter)


def _build(content_dir: Path, out_dir: Path, config_path: Path, templates_dir: Path, search: bool,
           cache_dir: Path | None, jobs: int | None, reporter: Reporter) -> BuildSummary:
    started = time.perf_counter()
    jobs = jobs or cores()
    config = load_config(config_path)
    renderer = Renderer(templates_dir, config)
    # Every output's key starts from these: templates, configuration, code.
    settings = digest(CODE, tree_digest(templates_dir), config_path.read_bytes()).encode()
    cache = BuildCache(cache_dir, out_dir) if cache_dir is not None else None
    if not content_dir.is_dir():
        raise StenogramError(content_dir, 1, "content folder not found")
    files = content_files(content_dir)
    signatures = [signature_of(path) for path in files]
    fingerprint = _fingerprint(content_dir, signatures, files, settings, search)
    previous = cache.manifest if cache is not None else Manifest()
    if previous.fingerprint == fingerprint:
        reporter.detail("nothing changed since the last build")
        return BuildSummary(previous.events, 0, len(previous.pages), tuple(Diagnostic(*w) for w in previous.warnings),
                            time.perf_counter() - started, None)

    with reporter.stage("load content", len(files)) as advance:
        content = load_content(content_dir, files, advance, cache, jobs, signatures)
    try:
        with reporter.stage("model and links"):
            archive = build_archive(content)
            links = decide_links(archive)
            views = Views(config, archive, links, content.bodies)
            outputs = _plan(views, renderer, settings, templates_dir)
        pages = {o.path: o.key for o in outputs}
        site_id = digest("".join(f"{path}\0{key}\n" for path, key in sorted(pages.items())).encode())
        manifest = Manifest(site_id, pages, search, fingerprint=fingerprint, events=len(archive.events),
                            warnings=[[w.path, w.line, w.message] for w in content.warnings])
        summary = dict(events=len(archive.events), warnings=content.warnings)
        if previous.site == site_id and previous.search == search:
            # The site in place is what this build would make: keep it.
            _save(cache, content.registry_digest, manifest, previous.spare, previous.delta)
            return BuildSummary(**summary, files=0, reused=len(outputs), seconds=time.perf_counter() - started, search=None)

        todo = [o for o in outputs if previous.pages.get(o.path) != o.key]
        removed = sorted(set(previous.pages) - set(pages))
        total = len(outputs)
        # What is not rendered is not needed any more: the render workers
        # should not start with it.
        del outputs
        previous.pages.clear()
        search_summary = None
        with StagedSite(out_dir, keep_spare=cache is not None) as site:
            site.prepare(bool(previous.site), previous.spare, previous.delta)
            with reporter.stage("render and write", len(todo)) as advance:
                def render(index: int) -> None:
                    site.write(todo[index].path, todo[index].make())

                for _ in parallel_map(render, range(len(todo)), jobs):
                    advance(1)
            for path in removed:
                site.remove(path)
            site.mark(site_id)
            if search:
                with reporter.stage("search index"):
                    search_summary = index_site(site.staging, config.language)
                reporter.detail(f"search: {search_summary}")
            site.commit()
        _save(cache, content.registry_digest, manifest, previous.site, [o.path for o in todo] + removed)
        return BuildSummary(**summary, files=len(todo), reused=total - len(todo),
                            seconds=time.perf_counter() - started, search=search_summary)
    finally:
        content.bodies.close()


def _plan(views: Views, renderer: Renderer, settings: bytes, templates_dir: Path) -> list[Output]:
    """Every output file with its key, every URL claimed once."""
    config, archive, links = views.config, views.archive, views.links
    pages = list(views.pages())
    html_urls = [p.url for p in pages if p.template.endswith(".html") and p.url != "/404.html"]
    pages += [*feed_pages(config, archive, links), sitemap_page(config, html_urls), robots_page(config)]
    plan = OutputPlan()
    outputs = []
    for page in pages:
        key = digest(settings, page.url.encode(), page.template.encode(), inputs_bytes(page.inputs))
        outputs.append(Output(plan.claim(page.url, page.origin), key, lambda page=page: renderer.render(page)))
    for url, origin, inputs, make in data_files(config, archive, links, views.bodies):
        key = digest(settings, url.encode(), inputs_bytes(inputs))
        outputs.append(Output(plan.claim(url, origin), key, make))
    assets = templates_dir / "assets"
    for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
        data = asset.read_bytes()
        relative = asset.relative_to(assets).as_posix()
        outputs.append(Output(plan.claim("/" + relative, str(asset)), digest(data), lambda data=data: data))
    return outputs


def _fingerprint(content_dir: Path, signatures: list[Signature], files: list[Path], settings: bytes, search: bool) -> str:
    """What the build reads, as cheaply as it can be told apart: the
    signature (size, times, inode) of every content file."""
    registry = content_dir / FILE_NAME
    parts = [settings, b"search" if search else b"", registry.read_bytes() if registry.exists() else b""]
    parts += (f"{path}\0{signature}".encode() for path, signature in zip(files, signatures))
    return digest(*parts)


def _save(cache: BuildCache | None, registry: str, manifest: Manifest, spare: str, delta: list[str]) -> None:
    if cache is None:
        return
    manifest.spare, manifest.delta = spare, delta
    cache.save_events(registry)
    cache.save_manifest(manifest)
