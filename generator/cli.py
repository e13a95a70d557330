"""The `stenogram` command: a thin layer that parses arguments and calls one
library function per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import __version__
from generator.errors import StenogramError


def _import(args: argparse.Namespace) -> int:
    from generator.ingest.importer import import_paths

    report = import_paths(args.paths, args.content, force=args.force)
    for result in report.results:
        for warning in result.warnings:
            print(f"{warning.path}:{warning.line}: warning: {warning.message}", file=sys.stderr)
        if result.status == "failed":
            print(result.error, file=sys.stderr)
        elif not args.quiet:
            print(f"{result.status:9} {result.source} -> {result.target}")
    written, unchanged, failed = (report.count(s) for s in ("written", "unchanged", "failed"))
    if not args.quiet or failed:
        print(
            f"import: {written} written, {unchanged} unchanged, {failed} failed",
            file=sys.stderr if failed else sys.stdout,
        )
    return 0 if report.ok else 1


def _build(args: argparse.Namespace) -> int:
    from generator.build import build

    summary = build(args.content, args.out, config_path=args.config, search=not args.no_search)
    for warning in summary.warnings:
        print(f"{warning.path}:{warning.line}: warning: {warning.message}", file=sys.stderr)
    if not args.quiet:
        print(summary.describe())
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.check import check_site

    problems = check_site(args.out)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.quiet:
        print(f"check: {len(problems)} problem(s) in {args.out}")
    return 1 if problems else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="stenogram",
        description="Stenogram: turn raw transcripts into a static, searchable archive site.",
    )
    top.add_argument("--version", action="version", version=f"stenogram {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=summary, description=description)
        command.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
        return command

    imp = add(
        "import",
        "import raw transcripts into content/ as Markdown",
        "Import raw 'text version' transcripts (files, or every *.txt in a folder) into "
        "content/<YYYY>/<YYYY-MM-DD>-<slug>.md with YAML front matter. Re-importing the "
        "same file reports 'unchanged'; a content file edited by hand is never overwritten "
        "without --force. Bad input is reported as 'path:line: problem' and nothing is "
        "written for that file.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="raw transcript files or folders")
    imp.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    imp.add_argument("--force", action="store_true", help="overwrite content files that differ from the import")
    imp.set_defaults(run=_import)

    bld = add(
        "build",
        "build the site from content/",
        "Build the static site from content/ into site/: event, person, topic and "
        "geography pages, archive, feeds, sitemap and open data, then the search index. "
        "The new site replaces the old one only when everything succeeded.",
    )
    bld.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    bld.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    bld.add_argument("--config", type=Path, default=Path("stenogram.toml"), help="site configuration file")
    bld.add_argument("--no-search", action="store_true", help="skip the search index")
    bld.set_defaults(run=_build)

    chk = add(
        "check",
        "check a built site's links and anchors",
        "Check a built site: every internal link and #fragment resolves to a page and an id.",
    )
    chk.add_argument("--out", type=Path, default=Path("site"), help="built site folder (default: site)")
    chk.set_defaults(run=_check)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except StenogramError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stenogram: interrupted", file=sys.stderr)
        return 130
