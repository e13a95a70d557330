"""Benchmark Stenogram on a synthetic archive; print one table, write RESULTS.md.

    .venv/bin/python bench/run.py 1000 [--seed 1] [--work /tmp/stenogram-bench]

Measures, each as a whole process on this machine: import; cold build
without and with search; rebuild with nothing changed; rebuild after adding
one transcript and after editing one (from the build cache); peak memory of each; the size of
site/ and of its search index; what a first search transfers; a cold build
of the same Markdown by Hugo (Debian's hugo, installed when missing and
root) with the minimal templates in bench/hugo/; and cp -r of site/.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402

STENOGRAM = [sys.executable, "-m", "generator"]


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def ensure_hugo() -> str | None:
    if shutil.which("hugo"):
        return shutil.which("hugo")
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=False, capture_output=True)
    return shutil.which("hugo")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/stenogram-bench"))
    args = parser.parse_args()
    work = args.work / str(args.count)
    if work.exists():
        shutil.rmtree(work)
    raw, content, site = work / "raw", work / "content", work / "site"
    generate(args.count + 2, raw, args.seed)
    extra = sorted(raw.glob("*.txt"))[-2:]
    held = work / "held"
    held.mkdir()
    for path in extra:
        path.rename(held / path.name)
    build = [*STENOGRAM, "build", "--quiet", "--content", str(content), "--out", str(site),
             "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    rows: list[tuple[str, float, float, str]] = []

    seconds, rss = measure([*STENOGRAM, "import", "--quiet", str(raw), "--content", str(content)], work)
    rows.append(("import", seconds, rss, f"{args.count / seconds:,.0f} transcripts/s"))
    cold, rss = measure([*build, "--no-search", "--no-cache"], work)
    rows.append(("cold build, no search", cold, rss, ""))
    shutil.rmtree(site)
    cold_search, rss = measure([*build, "--no-cache"], work)
    rows.append(("cold build with search", cold_search, rss, ""))
    subprocess.run([*build, "--no-search"], check=True, cwd=work)  # fills the build cache
    seconds, rss = measure([*build, "--no-search"], work)
    rows.append(("rebuild, nothing changed", seconds, rss, f"{seconds / cold:.0%} of cold"))
    subprocess.run([*STENOGRAM, "import", "--quiet", str(held / extra[0].name), "--content", str(content)], check=True, cwd=work)
    seconds, rss = measure([*build, "--no-search"], work)
    rows.append(("rebuild after adding one", seconds, rss, f"{seconds / cold:.0%} of cold"))
    edited = next(content.rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Vladimir Putin", "Vladimir Putin", 1) + "\nOne more line.\n", encoding="utf-8")
    seconds, rss = measure([*build, "--no-search"], work)
    rows.append(("rebuild after editing one", seconds, rss, f"{seconds / cold:.0%} of cold"))
    subprocess.run(build, check=True, cwd=work, capture_output=True)

    floor = work / "floor"
    seconds, rss = measure(["cp", "-r", str(site), str(floor)], work)
    rows.append(("floor: cp -r site/", seconds, rss, f"ours/floor {cold / seconds:.1f}x"))

    hugo = ensure_hugo()
    hugo_note = "hugo not available"
    if hugo:
        hugo_site = work / "hugo"
        shutil.copytree(ROOT / "bench" / "hugo", hugo_site)
        events = hugo_site / "content" / "events"
        events.mkdir(parents=True)
        for path in content.rglob("*.md"):
            shutil.copyfile(path, events / path.name)
        seconds, rss = measure([hugo, "--quiet", "--source", str(hugo_site), "--destination", str(work / "hugo-out")], work)
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        rows.append((f"Hugo {version} cold build", seconds, rss, f"ours/Hugo {cold / seconds:.2f}x"))
        hugo_note = f"Hugo output {size_mib(work / 'hugo-out'):.0f} MiB"
    rows.append(("Pelican cold build", float("nan"), float("nan"), "not measured yet"))

    search = subprocess.run([sys.executable, str(ROOT / "bench" / "search_transfer.py"), "--site", str(site)],
                            capture_output=True, text=True, cwd=ROOT)
    first_search = next((l for l in search.stdout.splitlines() if "first search" in l), "first search: not measured")

    lines = [
        f"# Stenogram benchmark: {args.count:,} synthetic transcripts (seed {args.seed})",
        "",
        f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"{platform.platform()}, Python {platform.python_version()}. One run; whole processes.",
        "",
        "| step | seconds | peak RSS MiB | note |",
        "|---|---:|---:|---|",
        *(f"| {name} | {s:.2f} | {m:.0f} | {note} |" for name, s, m, note in rows),
        "",
        f"site/: {size_mib(site):.0f} MiB in {sum(1 for p in site.rglob('*') if p.is_file()):,} files; "
        f"search index {size_mib(site / 'pagefind'):.1f} MiB; {hugo_note}.",
        f"{' '.join(first_search.split())} (query 'president').",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    results = ROOT / "bench" / "RESULTS.md"
    previous = results.read_text(encoding="utf-8") if results.exists() else ""
    marker = f"# Stenogram benchmark: {args.count:,} "
    kept = [block for block in previous.split("\n# ") if block.strip() and not ("# " + block).startswith(marker) and not block.startswith(marker)]
    blocks = sorted([("# " + b if not b.startswith("# ") else b).rstrip() + "\n" for b in kept] + [report])
    results.write_text("\n".join(blocks), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
