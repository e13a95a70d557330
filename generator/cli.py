"""The `stenogram` command: a thin layer that parses arguments and calls one
library function per command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import __version__
from generator.kit.errors import StenogramError
from generator.kit.progress import Reporter

INCOMING = Path("incoming")
RAW_STORE = Path("raw")


def _reporter(args: argparse.Namespace) -> Reporter:
    return Reporter(quiet=args.quiet, verbose=args.verbose)


def _print_warnings(warnings) -> None:
    for warning in warnings:
        print(warning.as_warning(), file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from generator.ingest.importer import import_paths
    from generator.kit.nouns import plural

    drop_folder = not args.paths
    paths = args.paths or [args.incoming]
    if drop_folder and not args.incoming.is_dir():
        print(f"{args.incoming}:1: no drop folder here: pass raw files, or create {args.incoming}/", file=sys.stderr)
        return 1
    raw_dir = args.raw if drop_folder or args.move else None
    report = import_paths(
        paths, args.content, force=args.force, raw_dir=raw_dir, empty_ok=drop_folder, jobs=args.jobs,
        source_url=args.source_url, reporter=_reporter(args),
    )
    for result in report.results:
        _print_warnings(result.warnings)
        if result.status == "failed":
            print(result.error, file=sys.stderr)
        elif not args.quiet and result.upgraded:
            print(f"unchanged {result.source} -> {result.target} (brought up to date with what import writes today)")
        elif result.resolved_again:
            # Said even with --quiet: names a published page shows changed.
            print(f"written   {result.source} -> {result.target}: its names resolved again with persons.yaml: "
                  + "; ".join(result.resolved_again))
        elif not args.quiet and (result.status == "written" or args.verbose):
            moved = f" (raw kept in {result.kept_as})" if result.kept_as else ""
            print(f"{result.status:9} {result.source} -> {result.target}{moved}")
    if report.notes and not args.quiet:
        print(f"passed over {plural(len(report.notes), 'note')} (not transcripts): "
              + ", ".join(str(note) for note in report.notes))
    written, unchanged, failed = (report.count(s) for s in ("written", "unchanged", "failed"))
    if not args.quiet or failed:
        print(
            f"import: {written} written, {unchanged} unchanged, {failed} failed",
            file=sys.stderr if failed else sys.stdout,
        )
    return 0 if report.ok else 1


def _build_kwargs(args: argparse.Namespace) -> dict:
    return {
        "config_path": args.config,
        "templates_dir": args.templates,
        "search": not args.no_search,
        "cache_dir": None if args.no_cache else args.cache,
        "jobs": args.jobs,
        "allow_shrink": args.allow_shrink,
    }


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


def _build_and_report(args: argparse.Namespace, reporter: Reporter) -> None:
    from generator.build import build

    summary = build(args.content, args.out, reporter=reporter, **_build_kwargs(args))
    _print_warnings(summary.warnings)
    if not args.quiet:
        print(summary.describe(), flush=True)


def _build(args: argparse.Namespace) -> int:
    _build_and_report(args, _reporter(args))
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.check.folder import check_site
    from generator.library.config import load_config

    # No configuration: a site at the host's root. One that is there but unreadable is an error.
    config = load_config(args.config) if args.config.exists() or args.config.is_symlink() else None
    problems = check_site(args.out, config.path_prefix if config else "", _reporter(args),
                          host=config.host if config else "")
    if args.strict:
        from generator.content.load import load_content
        from generator.content.event_reader import is_unsettled

        problems += [str(w) for w in load_content(args.content).warnings if is_unsettled(w)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.quiet or problems:
        print(f"check: {len(problems)} problem(s) in {args.out}", file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


def _serve(args: argparse.Namespace) -> int:
    from generator.library.config import load_config
    from generator.serve import preview

    reporter = _reporter(args)
    prefix = load_config(args.config).path_prefix
    watched = [args.content, args.templates, args.config]
    preview(lambda: _build_and_report(args, reporter), args.out, watched, port=args.port, prefix=prefix, announce=lambda m: print(m, flush=True))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="stenogram",
        description="Stenogram: turn raw transcripts into a static, searchable archive site.",
    )
    top.add_argument("--version", action="version", version=f"stenogram {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=summary, description=description)
        loudness = command.add_mutually_exclusive_group()
        loudness.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
        loudness.add_argument("-v", "--verbose", action="store_true", help="print every file and stage")
        return command

    def add_site_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
        command.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
        command.add_argument("--config", type=Path, default=Path("stenogram.toml"), help="site configuration file (default: stenogram.toml)")
        command.add_argument("--templates", type=Path, default=Path("templates"), help="templates folder (default: templates)")
        command.add_argument("--no-search", action="store_true", help="skip the search index")
        command.add_argument("--cache", type=Path, default=Path(".stenogram-cache"), help="build cache folder: a rebuild renders only what changed (default: .stenogram-cache)")
        command.add_argument("--no-cache", action="store_true", help="render everything, and neither read nor write the cache")
        command.add_argument("--jobs", type=_positive, default=None, metavar="N", help="worker processes for parsing and rendering (default: one per core)")
        command.add_argument("--allow-shrink", action="store_true", help="publish even when the build drops all, or more than half, of the transcripts the site in place has")

    imp = add(
        "import",
        "import raw transcripts into content/ as Markdown",
        "Import raw 'text version' transcripts into content/<YYYY>/<YYYY-MM-DD>-<slug>.md with "
        "YAML front matter. Without PATH, imports every *.txt in the drop folder (incoming/) and "
        "moves each one that imported to the raw store (raw/<YYYY>/); a file that fails stays "
        "where it was. Re-importing the same file reports 'unchanged'; a content file edited by "
        "hand is never overwritten without --force. Bad input is reported as 'path:line: problem' "
        "and nothing is written for that file.",
    )
    imp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="raw transcript files, or folders: their *.txt files and their year folders' (notes in capitals, such as ATTRIBUTION.txt, are passed over; default: the drop folder)")
    imp.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    imp.add_argument("--incoming", type=Path, default=INCOMING, help="drop folder read when no PATH is given (default: incoming)")
    imp.add_argument("--raw", "--archive", dest="raw", type=Path, default=RAW_STORE, help="the raw store, where imported raw files are moved (default: raw)")
    imp.add_argument("--move", action="store_true", help="move the given PATHs to the raw store too")
    imp.add_argument("--force", action="store_true", help="overwrite content files that differ from the import")
    imp.add_argument("--source-url", metavar="URL", help="the address of the original, for one raw FILE (a line 'URL: …' at the top or bottom of a raw file does the same)")
    imp.add_argument("--jobs", type=_positive, default=None, metavar="N", help="worker processes for parsing (default: one per core)")
    imp.set_defaults(run=_import)

    bld = add(
        "build",
        "build the site from content/",
        "Build the static site from content/ into site/: event, person, topic and "
        "geography pages, archive, feeds, sitemap and open data, then the search index. "
        "The new site replaces the old one only when everything succeeded, its own check of "
        "links, anchors, feeds and sitemap included; files of the site in place that were deleted "
        "or changed since the last build are made again. One build at a time per output folder.",
    )
    add_site_options(bld)
    bld.set_defaults(run=_build)

    chk = add(
        "check",
        "check a built site's pages, links and anchors",
        "Check a built site by the rules the build checks what it writes against: every page's "
        "elements nest and close, no id is used twice, every internal link and #fragment resolves "
        "to a file and an id, feeds and the sitemap are well-formed XML, data files are JSON.",
    )
    chk.add_argument("--out", type=Path, default=Path("site"), help="built site folder (default: site)")
    chk.add_argument("--config", type=Path, default=Path("stenogram.toml"), help="site configuration, for the URL path prefix")
    chk.add_argument("--strict", action="store_true", help="also fail on names import guessed that content/persons.yaml has not confirmed")
    chk.add_argument("--content", type=Path, default=Path("content"), help="content folder, for --strict (default: content)")
    chk.set_defaults(run=_check)

    srv = add(
        "serve",
        "preview the site with live reload",
        "Build the site, serve it on 127.0.0.1, and rebuild when content/, templates/ or the "
        "configuration change; open pages reload by themselves. A broken edit is shown as "
        "'path:line: problem' in the terminal and on the page, and the last good site stays served.",
    )
    add_site_options(srv)
    srv.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    srv.set_defaults(run=_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except StenogramError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # the operating system said no where no stage expected it
        print(f"{error.filename or 'stenogram'}:1: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stenogram: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The `stenogram` command: main(), then leave at once. Everything is
    written and closed by then; tearing down a build's millions of objects
    one by one would add a second at 30,000 transcripts."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
