"""Whether the working tree imports and builds the same as another commit:
the shipped raw transcripts and a generated archive, each imported by both
(the content files compared), and the shipped archive and the generated
one, each built by both, compared file by file. For a change that should
change no output (a refactoring), every difference it prints is one to
explain.

    python bench/same_site.py BASE [--count 300] [--shape short]

Left out of the comparison: the site's marker (its id digests the code)
and Pagefind's own files, which vary from run to run (an upstream
limitation); the router and the word counts, which Stenogram writes, are
compared, less the keys in router.json that digest the code.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def build(checkout: Path, content: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([PYTHON, "-m", "generator", "build", "--content", str(content), "--out", str(out), "--quiet",
                    "--config", str(ROOT / "stenogram.toml"), "--templates", str(checkout / "templates")],
                   check=True, cwd=out.parent, env=env)


def files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative == ".stenogram-site":
            continue
        if relative.startswith("pagefind/") and not relative.startswith(("pagefind/router", "pagefind/counts/")):
            continue
        data = path.read_bytes()
        if relative == "pagefind/router.json":
            router = json.loads(data)
            router.pop("loader", None)
            for shard in router.get("shards", []):
                shard.pop("key", None)
            data = json.dumps(router, sort_keys=True).encode()
        found[relative] = data
    return found


def imported(checkout: Path, raw: Path, content: Path) -> dict[str, bytes]:
    content.mkdir(parents=True)
    subprocess.run([PYTHON, "-m", "generator", "import", "--content", str(content), "--quiet", str(raw)],
                   check=True, env={**os.environ, "PYTHONPATH": str(checkout)}, cwd=content.parent, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def compare_import(name: str, base: Path, raw: Path, scratch: Path) -> list[str]:
    before, after = (imported(checkout, raw, scratch / f"import-{name}-{label}" / "content")
                     for label, checkout in (("base", base), ("tree", ROOT)))
    lines = [f"import {name}: {len(before):,} content files before, {len(after):,} after"]
    lines += [f"  only before: {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"  only after:  {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"  differs:     {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines


def compare(name: str, base: Path, content: Path, scratch: Path) -> list[str]:
    sites = []
    for label, checkout in (("base", base), ("tree", ROOT)):
        out = scratch / f"{name}-{label}" / "site"
        out.parent.mkdir(parents=True)
        build(checkout, content, out)
        sites.append(files(out))
    before, after = sites
    lines = [f"{name}: {len(before):,} files before, {len(after):,} after"]
    lines += [f"  only before: {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"  only after:  {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"  differs:     {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Import and build the shipped archive and a generated one with BASE "
                                                 "and with the working tree, and list every file that differs.")
    parser.add_argument("base", help="the commit to compare with")
    parser.add_argument("--count", type=int, default=300, help="transcripts in the generated archive (default 300)")
    parser.add_argument("--shape", choices=("long", "short"), default="short")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        base = scratch / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.base], check=True, cwd=ROOT)
        try:
            raw = scratch / "raw"
            subprocess.run([PYTHON, str(ROOT / "tests" / "synth.py"), str(args.count), str(raw), "--shape", args.shape],
                           check=True, stdout=subprocess.DEVNULL)
            generated = scratch / "generated"
            generated.mkdir()
            subprocess.run([PYTHON, "-m", "generator", "import", "--content", str(generated), "--quiet", str(raw)],
                           check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=scratch, stdout=subprocess.DEVNULL)
            lines = (compare_import("shipped", base, ROOT / "raw", scratch) + compare_import("generated", base, raw, scratch)
                     + compare("shipped", base, ROOT / "content", scratch) + compare("generated", base, generated, scratch))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], check=True, cwd=ROOT)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
