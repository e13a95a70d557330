"""Sizes that used to fall off a cliff, at 1x and 10x: time and peak memory
must grow linearly (10x the size, about 10x the cost, never 100x).

    .venv/bin/python bench/cliffs.py [--scale 1]

Prints a table and writes it to bench/CLIFFS.md.

- turns: one transcript of 80,000 statements, built (statement numbering
  once counted every earlier statement for each);
- persons: one transcript listing 5,000 persons, built (every person kept
  the whole list of everyone they appeared with);
- labels: one raw transcript with 5,000 distinct speaker labels, imported
  (each label searched the whole text).

Each measurement runs in a fresh process, one worker, no search; the
figures are that process's wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = {"turns": 80_000, "persons": 5_000, "labels": 5_000}


def name(number: int) -> str:
    """A distinct two-word name of capitalised letters: 'Ab Cd'."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            break
    return f"Na{letters} Sur{letters}"


def content_event(folder: Path, front: str, body: str) -> None:
    path = folder / "2015" / "2015-10-07-cliff.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\ntitle: Cliff\ndate: '2015-10-07T14:20:00+03:00'\n{front}---\n\n{body}\n", encoding="utf-8")


def prepare(kind: str, size: int, folder: Path) -> list[str]:
    """Write the input; return the stenogram command that measures it."""
    content = folder / "content"
    build = ["build", "--quiet", "--no-search", "--no-cache", "--jobs", "1", "--content", str(content),
             "--out", str(folder / "site"), "--config", str(ROOT / "stenogram.toml"),
             "--templates", str(ROOT / "templates")]
    if kind == "turns":
        # Short, so that 10x (800,000 statements) stays under the 16 MB a content file may have.
        front = "speakers:\n  A: Anna Testova\n  B: Boris Probin\n"
        body = "\n\n".join(f"**{'A' if i % 2 else 'B'}:** {i}" for i in range(size))
        content_event(content, front, body)
        return build
    if kind == "persons":
        names = [name(i) for i in range(size)]
        front = "persons:\n" + "".join(f"- {n}\n" for n in names) + "speakers:\n  Anna Testova: Anna Testova\n"
        content_event(content, front, "**Anna Testova:** Welcome, all of you.")
        return build
    raw = folder / "raw.txt"
    lines = ["Events", "A meeting of many", "October 7, 2015", "14:20"]
    lines += [f"Chairman of the Committee {name(i)}: Thank you, statement {i}." for i in range(size)]
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["import", "--quiet", str(raw), "--content", str(content), "--jobs", "1"]


RUNNER = textwrap.dedent("""
    import json, resource, sys, time
    from generator.cli import main
    started = time.perf_counter()
    code = main(sys.argv[1:])
    seconds = time.perf_counter() - started
    print(json.dumps({"code": code, "seconds": seconds,
                      "mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def measure(kind: str, size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="stenogram-cliff-") as folder:
        command = prepare(kind, size, Path(folder))
        done = subprocess.run([sys.executable, "-c", RUNNER, *command], cwd=ROOT, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if result["code"] != 0:
            raise SystemExit(f"{kind} at {size:,}: exit {result['code']}: {done.stderr.strip()[:300]}")
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the base sizes (default 1)")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    lines = [f"# Cliffs: 1x and 10x (bench/cliffs.py)\n\nRun {time.strftime('%Y-%m-%d')} at commit {commit.strip()}; "
             "one process each, one worker, no search; peak memory is the process's maximum resident size.\n",
             "| cliff | size | seconds | peak MiB | size 10x | seconds | peak MiB | time ratio | memory ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(lines[1:]), flush=True)
    for kind, base in BASE.items():
        size = int(base * args.scale)
        small, large = measure(kind, size), measure(kind, size * 10)
        lines.append(f"| {kind} | {size:,} | {small['seconds']:.2f} | {small['mib']:.0f} | {size * 10:,} | "
                     f"{large['seconds']:.2f} | {large['mib']:.0f} | {large['seconds'] / small['seconds']:.1f}x | "
                     f"{large['mib'] / small['mib']:.1f}x |")
        print(lines[-1], flush=True)
    (ROOT / "bench" / "CLIFFS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
