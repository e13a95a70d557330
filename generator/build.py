"""content/ -> site/, top to bottom: config, content, model, links, render,
write, search, swap. Nothing reaches site/ unless every step succeeded."""

from __future__ import annotations

import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from generator.cache import CODE, BuildCache, digest, tree_digest
from generator.config import load_config
from generator.content import content_files, load_content
from generator.errors import Diagnostic
from generator.feeds import feed_pages, robots_page, sitemap_page
from generator.links import OutputPlan, decide_links
from generator.model import build_archive
from generator.opendata import data_files
from generator.progress import SILENT, Reporter
from generator.render import Renderer
from generator.search import index_site
from generator.views import Views
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
            f"build: {self.events} transcripts, {self.files} files written, {self.reused} reused, {warned}, "
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
    reporter: Reporter = SILENT,
) -> BuildSummary:
    started = time.perf_counter()
    config = load_config(config_path)
    cache = BuildCache(cache_dir, out_dir) if cache_dir is not None else None
    files = content_files(content_dir) if content_dir.is_dir() else None
    with reporter.stage("load content", len(files or ())) as advance:
        content = load_content(content_dir, files, advance, cache)
    with reporter.stage("model and links"):
        archive = build_archive(content)
        links = decide_links(archive)
    views = Views(config, archive, links)
    renderer = Renderer(templates_dir, config)

    pages = list(views.pages())
    html_urls = [p.url for p in pages if p.template.endswith(".html") and p.url != "/404.html"]
    pages += [*feed_pages(config, archive, links), sitemap_page(config, html_urls), robots_page(config)]

    plan = OutputPlan()
    outputs: list[tuple[str, bytes | None, object]] = []
    for page in pages:
        outputs.append((plan.claim(page.url, page.origin), None, page))
    for url, origin, data in data_files(config, archive, links):
        outputs.append((plan.claim(url, origin), data, None))
    assets = templates_dir / "assets"
    for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
        relative = asset.relative_to(assets).as_posix()
        outputs.append((plan.claim("/" + relative, str(asset)), asset.read_bytes(), None))

    # A page is the same as last time when its template set, configuration,
    # code and view data are: then it is taken from the previous site.
    settings = digest(CODE, tree_digest(templates_dir), config_path.read_bytes()).encode()
    search_summary = None
    with StagedSite(out_dir) as site:
        with reporter.stage("render and write", len(outputs)) as advance:
            for path, data, page in outputs:
                if cache is None:
                    site.write(path, data if data is not None else renderer.render(page))
                else:
                    key = digest(data) if data is not None else digest(
                        settings, pickle.dumps((page.template, page.context), protocol=5)
                    )
                    if not (cache.unchanged(path, key) and site.reuse(path)):
                        site.write(path, data if data is not None else renderer.render(page))
                advance(1)
        if search:
            with reporter.stage("search index"):
                search_summary = index_site(site.staging, config.language)
            reporter.detail(f"search: {search_summary}")
        site.commit()
    if cache is not None:
        cache.save(out_dir)
    return BuildSummary(
        events=len(archive.events),
        files=site.written,
        reused=site.reused,
        warnings=content.warnings,
        seconds=time.perf_counter() - started,
        search=search_summary,
    )
