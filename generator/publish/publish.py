"""Publishing a built site: the staged copy brought up to date from the
spare and checked against the record of the site in place, what changed
rendered into it and checked, files nobody wrote removed, the search
shards kept or indexed again, and the swap. One call from build.py."""

from __future__ import annotations

import itertools
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from generator.check.selfcheck import Anchor, SelfCheck
from generator.kit.errors import StenogramError
from generator.kit.integrity import (Digests, Signatures, content_digest, differences, holds, new_digests, same,
                                     signature, signatures, total_size, without)
from generator.kit.layout import SEARCH_FOLDER
from generator.kit.progress import Reporter
from generator.kit.workers import parallel_map
from generator.library.config import SiteConfig
from generator.pages.page import Env
from generator.publish.manifest import Manifest
from generator.publish.plan import Output
from generator.publish.render import Renderer
from generator.publish.staging import StagedSite
from generator.search.index import index_shards
from generator.search.shards import Shard


class Published(NamedTuple):
    written: list[str]  # paths rendered or removed
    search: str | None  # what the search stage says it did
    searched: dict[str, str]  # the keys of the pages shown what the search found, made after it
    files: Signatures  # of the new site
    digests: Digests  # of the new site's files


def publish(out_dir: Path, previous: Manifest, manifest: Manifest, shards: list[Shard], outputs: list[Output],
            renderer: Renderer, env: Env, config: SiteConfig, *, cache_dir: Path | None, jobs: int,
            reporter: Reporter) -> Published:
    """Render into a staged copy of the site what changed, or is not as the
    last build left it; index it, check it, swap it in. An error of the
    operating system (a full disk, a read-only folder) leaves the site in
    place as it was and is one line."""
    try:
        return _publish(out_dir, previous, manifest, shards, outputs, renderer, env, config,
                        cache_dir=cache_dir, jobs=jobs, reporter=reporter)
    except OSError as error:
        raise StenogramError(error.filename or out_dir, 1, f"cannot write the site: {error.strerror}") from None


def _publish(out_dir: Path, previous: Manifest, manifest: Manifest, shards: list[Shard], outputs: list[Output],
             renderer: Renderer, env: Env, config: SiteConfig, *, cache_dir: Path | None, jobs: int,
             reporter: Reporter) -> Published:
    search_summary = None
    with StagedSite(out_dir, signature, keep_spare=cache_dir is not None) as site:
        from_spare = site.prepare(bool(previous.site), previous.spare, previous.delta)
        # The staged copy should now be the site in place, file for file.
        # (Search shards are checked by the search stage, which keeps or remakes them.)
        empty: list[str] = []
        odd: list[str] = []
        staged = signatures(site.staging, skip=SEARCH_FOLDER, empty=empty, odd=odd)
        site.restore_modes(odd)
        damaged, stray = differences(staged, without(previous.files, SEARCH_FOLDER))
        # A file linked from the site in place is judged as it was before the link moved its change time.
        before = site.linked
        damaged = {path for path in damaged if path not in before} | {
            path for path, value in before.items() if path in previous.files and not same(value, previous.files[path])}
        # A page shown what the search finds is judged once the search has found it.
        changed = {o.path for o in outputs if previous.pages.get(o.path) != o.key and not o.page.after_search}
        # A file whose signature moved but whose bytes are as recorded is
        # kept (a restored cache moves every signature): it is read, not rendered.
        suspects = sorted(damaged - changed)
        vouched = {path: previous.digests[path] for path, kept in zip(
            suspects, parallel_map(lambda path: holds(site.staging, path, previous.digests), suspects, jobs, 256)) if kept}
        todo = [o for o in outputs if o.path in changed or (o.path in damaged and o.path not in vouched)]
        # The outputs of one source side by side: an event's page and its
        # data go to the same worker, one after the other, from one fetch.
        todo.sort(key=lambda output: output.page.origin)
        removed = sorted((set(previous.pages) - set(manifest.pages)) | (stray - set(manifest.pages)))
        check = SelfCheck(out_dir, frozenset(manifest.pages), config.path_prefix, config.host)
        anchors: list[Anchor] = []
        known: Digests = dict(vouched)

        def render_all(outputs: list[Output], env: Env, advance) -> None:
            def render(output: Output) -> tuple[list[Anchor], str]:
                data = renderer.render(output.page, env)
                site.write(output.path, data)
                return check.page(output.path, data), content_digest(data)

            # A page whose data is the whole archive is rendered here: a
            # forked worker would make its own copy of that data (150 MiB
            # at 10,000 transcripts) and keep the memory it took.
            here = [o for o in outputs if o.page.whole_archive]
            there = [o for o in outputs if not o.page.whole_archive]
            for output, (found, written_digest) in zip(itertools.chain(here, there),
                                                        itertools.chain(map(render, here), parallel_map(render, there, jobs))):
                anchors.extend(found)
                known[output.path] = written_digest
                advance(1)

        def after_search(found: Env) -> tuple[dict[str, str], list[Output]]:
            """The keys of the pages shown what the search found, made with
            it, and those of them to render: new keys, or damaged files."""
            keyed = {o.path: o.page.searched_key(o.key, found) for o in outputs if o.page.after_search}
            return keyed, [o for o in outputs if o.page.after_search and (
                previous.pages.get(o.path) != keyed[o.path] or o.path in damaged and o.path not in vouched)]

        # Without a search index, those pages have nothing to wait for.
        searched, late = after_search(env) if not shards else ({}, [])
        with reporter.stage("render and write", len(todo)) as advance:
            render_all([o for o in todo if not o.page.after_search] + late, env, advance)
        for path in removed:
            site.remove(path)
        site.remove_empty(empty)
        site.mark(manifest.site, manifest.events)
        staged_shards = previous.spare_shards if from_spare else {}
        # Without shards, the stage only removes a search index the staged copy may hold.
        with (reporter.stage("search index", len(shards)) if shards else nullcontext(lambda n=1: None)) as advance:
            indexed = index_shards(site.staging, out_dir, shards, previous.shards, staged_shards,
                                   previous.files, previous.digests, config.language, cache_dir, advance, jobs)
        # Pages that show what the search found (a person's own words), now
        # that it has: rendered when their key, made with it, is new.
        if shards:
            found = replace(env, key_words=indexed.key_words if indexed else None)
            searched, late = after_search(found)
            if late:
                with reporter.stage("render what search found", len(late)) as advance:
                    render_all(late, found, advance)
        todo = [o for o in todo if not o.page.after_search] + late
        check.anchors(site.staging, anchors)
        # The new site's signatures: the staged files as found, less those
        # removed, with those written, and the search index as it now is
        # (one walk of the site per build, not two).
        search_files = signatures(site.staging, SEARCH_FOLDER)
        if indexed is not None:
            search_summary = f"{indexed}, {total_size(search_files) / 1024:.0f} KiB"
            reporter.detail(f"search: {search_summary}")
        gone = set(removed)
        files = {path: value for path, value in staged.items() if path not in gone}
        files.update((o.path, signature((site.staging / o.path).stat(), o.path)) for o in todo)
        files.update(search_files)
        missing = sorted(set(manifest.pages) - set(files))
        if missing:
            raise StenogramError(out_dir / missing[0], 1, "the build did not write this file; build again")
        digests = new_digests(site.staging, files, known, previous.files, previous.digests)
        site.commit()
    return Published([o.path for o in todo] + removed, search_summary, searched, files, digests)
