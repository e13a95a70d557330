"""Benchmark Stenogram on a synthetic archive; print one table, write RESULTS.md.

    .venv/bin/python bench/run.py 1000 [--seed 1] [--work /tmp/stenogram-bench]

Measures, each as a whole process tree on this machine, in one run: import;
cold build without and with search; the rebuilds a publisher's CI makes from
the build cache (nothing changed, one transcript added, one edited); peak
memory of each; the size of site/ and of its search index; what a first
search transfers; and, on the same Markdown, a cold build by Hugo (Debian's
hugo, installed when missing and root; templates in bench/hugo/) and by
Pelican (from PyPI, the bench extra; settings in bench/pelican/), plus the
floor: cp -r of site/.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic archive is the tests' too

from synth import generate  # noqa: E402

STENOGRAM = [sys.executable, "-m", "generator"]
PREAMBLE = """<!-- Written by `make bench N=...` (bench/run.py); each size's section is replaced by its latest run. -->
"""


@dataclass
class Row:
    step: str
    seconds: float
    memory: float  # MiB
    note: str = ""


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stream:
                    fields = stream.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError):
                continue
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory(pids: list[int]) -> int:
    """Bytes the processes hold: the sum of their proportional set sizes,
    so pages that forked workers share with their parent count once."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as stream:
                for line in stream:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


def measure(command: list[str], cwd: Path, timeout: float | None = None, may_fail: bool = False) -> tuple[float, float]:
    """(wall seconds, peak memory in MiB of the whole process tree, sampled
    every 50 ms). A command that fails stops the bench, unless ``may_fail``:
    then its seconds are NaN and its error is printed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _memory(_tree(process.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        subprocess.run(["pkill", "-KILL", "-P", str(process.pid)], check=False)
        process.kill()
        process.communicate()
        done.set()
        return math.inf, peak / 2**20
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        if not may_fail:
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.decode()}")
        print(f"    failed: {errors.decode().strip().splitlines()[-1:]}", file=sys.stderr, flush=True)
        return math.nan, peak / 2**20
    return seconds, peak / 2**20


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def ensure_hugo() -> str | None:
    if shutil.which("hugo") is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=False, capture_output=True)
    return shutil.which("hugo")


def version(command: list[str], pattern: str) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True).stdout
    except OSError:
        return "?"
    found = re.search(pattern, out)
    return found.group(1) if found else "?"


def pelican_source(content: Path, target: Path) -> None:
    """The same Markdown bodies, with the YAML front matter written as
    Pelican's metadata lines: persons as authors, topics as tags, the first
    place as the category (Pelican has one category per article)."""
    events = target / "content" / "events"
    events.mkdir(parents=True)
    for path in sorted(content.rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        lines = [f"Title: {data['title']}", f"Date: {data['date']}", f"Slug: {path.stem}"]
        if data.get("persons"):
            lines.append("Authors: " + ", ".join(data["persons"]))
        if data.get("topics"):
            lines.append("Tags: " + ", ".join(data["topics"]))
        lines.append("Category: " + (data.get("geography") or ["Unplaced"])[0])
        if data.get("summary"):
            lines.append(f"Summary: {data['summary']}")
        (events / path.name).write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
    shutil.copyfile(ROOT / "bench" / "pelican" / "pelicanconf.py", target / "pelicanconf.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/stenogram-bench"))
    parser.add_argument("--pelican-timeout", type=float, default=3600, help="seconds before Pelican's build is stopped")
    args = parser.parse_args()
    work = args.work / str(args.count)
    if work.exists():
        shutil.rmtree(work)
    raw, content, site, cache = work / "raw", work / "content", work / "site", work / "cache"
    generate(args.count + 2, raw, args.seed)
    held = work / "held"
    held.mkdir()
    extra = [path.rename(held / path.name) for path in sorted(raw.glob("*.txt"))[-2:]]
    build = [*STENOGRAM, "build", "--quiet", "--content", str(content), "--out", str(site), "--cache", str(cache),
             "--config", str(ROOT / "stenogram.toml"), "--templates", str(ROOT / "templates")]
    rows: list[Row] = []

    def step(name: str, command: list[str], cwd: Path = work, **options) -> Row:
        print(f"... {name}", file=sys.stderr, flush=True)
        row = Row(name, *measure(command, cwd, **options))
        print(f"    {row.seconds:.2f} s, {row.memory:.0f} MiB", file=sys.stderr, flush=True)
        rows.append(row)
        return row

    def add(path: Path) -> None:
        subprocess.run([*STENOGRAM, "import", "--quiet", str(path), "--content", str(content)], check=True, cwd=work)

    imported = step("import", [*STENOGRAM, "import", "--quiet", str(raw), "--content", str(content)])
    imported.note = f"{args.count / imported.seconds:,.0f} transcripts/s"
    cold = step("cold build, no search", [*build, "--no-search", "--no-cache"])
    shutil.rmtree(site)
    step("cold build with search", [*build, "--no-cache"], may_fail=True)
    shutil.rmtree(site, ignore_errors=True)
    step("cold build filling the cache, no search", [*build, "--no-search"])
    add(extra[0])
    catch_up = step("first rebuild after it: one added, no search", [*build, "--no-search"])
    nothing = step("rebuild, nothing changed", [*build, "--no-search"])
    add(extra[1])
    added = step("rebuild after adding one, no search", [*build, "--no-search"])
    edited_file = sorted(content.rglob("*.md"))[len(extra) + args.count // 2]
    edited_file.write_text(edited_file.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = step("rebuild after editing one, no search", [*build, "--no-search"])
    edited_file.write_text(edited_file.read_text(encoding="utf-8") + "\nAnd another.\n", encoding="utf-8")
    searched = step("rebuild after editing one, with search", build, may_fail=True)
    for row in (catch_up, nothing, added, edited, searched):
        row.note = f"{row.seconds / cold.seconds:.1%} of cold"

    floor = step("floor: cp -r site/", ["cp", "-r", str(site), str(work / "floor")])
    floor.note = f"ours/floor {cold.seconds / floor.seconds:.1f}x"

    versions = {"Python": platform.python_version(),
                "Pagefind": version([sys.executable, "-m", "pagefind", "--version"], r"([\d.]+)")}
    hugo = ensure_hugo()
    if hugo:
        hugo_site = work / "hugo"
        shutil.copytree(ROOT / "bench" / "hugo", hugo_site)
        events = hugo_site / "content" / "events"
        events.mkdir(parents=True)
        for path in content.rglob("*.md"):
            shutil.copyfile(path, events / path.name)
        versions["Hugo"] = version([hugo, "version"], r"v([\d.]+)")
        row = step(f"Hugo {versions['Hugo']} cold build", [hugo, "--quiet", "--source", str(hugo_site),
                                                         "--destination", str(work / "hugo-out")])
        row.note = f"ours/Hugo {cold.seconds / row.seconds:.2f}x; output {size_mib(work / 'hugo-out'):.0f} MiB"
    else:
        rows.append(Row("Hugo cold build", math.nan, math.nan, "hugo not available"))

    pelican_site = work / "pelican"
    pelican_source(content, pelican_site)
    versions["Pelican"] = version([sys.executable, "-m", "pelican", "--version"], r"([\d.]+)")
    row = step(f"Pelican {versions['Pelican']} cold build",
               [sys.executable, "-m", "pelican", "--quiet", "-s", str(pelican_site / "pelicanconf.py"),
                "-o", str(work / "pelican-out"), str(pelican_site / "content")],
               cwd=pelican_site, timeout=args.pelican_timeout)
    row.note = (f"stopped after {args.pelican_timeout:.0f} s" if math.isinf(row.seconds)
                else f"Pelican/ours {row.seconds / cold.seconds:.1f}x; output {size_mib(work / 'pelican-out'):.0f} MiB")

    search = subprocess.run([sys.executable, str(ROOT / "bench" / "search_transfer.py"), "--site", str(site)],
                            capture_output=True, text=True, cwd=ROOT)
    lines = search.stdout.splitlines()
    first_search = next((l for l in lines if "first search" in l), "first search: not measured")
    # The largest files it fetched, to show what the bytes are.
    largest = [" ".join(l.split()) for l in lines if l.startswith("  ")][:5]
    if largest:
        first_search += "; largest: " + ", ".join(largest)
    transferred = re.search(r"([\d.]+) KiB", first_search)

    report = render(args, rows, versions, site, first_search)
    print(report)
    targets = check_targets(rows, cold, added, nothing, edited, imported, transferred, args.count)
    print(targets)
    save(args.count, report + "\n" + targets)
    return 0


def render(args, rows: list[Row], versions: dict[str, str], site: Path, first_search: str) -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    files = sum(1 for p in site.rglob("*") if p.is_file())
    return "\n".join([
        f"# Stenogram benchmark: {args.count:,} synthetic transcripts (seed {args.seed})",
        "",
        f"Run {time.strftime('%Y-%m-%d')} at commit {commit or '?'}. Machine: {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.platform()}; " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "One run; each step a whole process tree; memory is the peak of the tree's summed PSS (shared pages "
        "counted once), sampled every 50 ms. Rebuilds run from the build cache as CI does; the first one after a "
        "full build also brings the spare copy of the site up to date (once). The added transcripts are dated "
        "inside the archive's range, so the pages of their lists newer than them shift.",
        "",
        "| step | seconds | peak memory MiB | note |",
        "|---|---:|---:|---|",
        *(f"| {r.step} | {r.seconds:.2f} | {r.memory:.0f} | {r.note} |" for r in rows),
        "",
        f"site/: {size_mib(site):.0f} MiB in {files:,} files; search index {size_mib(site / 'pagefind'):.1f} MiB.",
        f"{' '.join(first_search.split())} (query 'president').",
        "",
    ])


def check_targets(rows, cold, added, nothing, edited, imported, transferred, count) -> str:
    """The issue's targets (set for 30,000 transcripts on 2 cores) against this run."""
    by_name = {r.step.split(" cold build")[0]: r for r in rows if "cold build" in r.step}
    hugo = next((r for name, r in by_name.items() if name.startswith("Hugo")), None)
    pelican = next((r for name, r in by_name.items() if name.startswith("Pelican")), None)
    ours = [r for r in rows if not r.step.startswith(("Hugo", "Pelican", "floor"))]
    peak = max(r.memory for r in ours if "search" not in r.step.replace("no search", ""))
    peak_search = max(r.memory for r in ours)
    kib = float(transferred.group(1)) if transferred else math.nan
    checks = [
        ("cold build, no search ≤ 2× Hugo", hugo and f"{cold.seconds / hugo.seconds:.2f}× Hugo",
         hugo and cold.seconds <= 2 * hugo.seconds),
        ("≥ 10× faster than Pelican", pelican and f"{pelican.seconds / cold.seconds:.1f}× faster",
         pelican and pelican.seconds >= 10 * cold.seconds),
        ("add one ≤ 5% of cold", f"{added.seconds / cold.seconds:.1%}", added.seconds <= 0.05 * cold.seconds),
        ("edit one ≤ 5% of cold", f"{edited.seconds / cold.seconds:.1%}", edited.seconds <= 0.05 * cold.seconds),
        ("nothing changed ≤ 2% of cold", f"{nothing.seconds / cold.seconds:.1%}", nothing.seconds <= 0.02 * cold.seconds),
        ("import ≥ 1,000 transcripts/s", f"{count / imported.seconds:,.0f}/s", count / imported.seconds >= 1000),
        ("peak memory < 1 GiB, builds without search", f"{peak:,.0f} MiB", peak < 1024),
        ("peak memory < 1 GiB, with Pagefind indexing", f"{peak_search:,.0f} MiB", peak_search < 1024),
        ("first search ≤ 300 kB", f"{kib * 1.024:.0f} kB", kib * 1024 <= 300_000),
    ]
    return "\n".join([
        "| target | measured | met |",
        "|---|---:|---|",
        *(f"| {name} | {figure or 'not measured'} | {'yes' if met else 'no'} |" for name, figure, met in checks),
        "",
    ])


def save(count: int, report: str) -> None:
    """Replace this size's section of bench/RESULTS.md, keep the others."""
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    sections = {int(m.group(1).replace(",", "")): m.group(0).rstrip() + "\n"
                for m in re.finditer(r"^# Stenogram benchmark: ([\d,]+) .*?(?=^# Stenogram benchmark: |\Z)", text, re.S | re.M)}
    sections[count] = report.rstrip() + "\n"
    results.write_text(PREAMBLE + "\n" + "\n".join(sections[n] for n in sorted(sections)), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
