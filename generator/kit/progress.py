"""What the commands tell the person running them: a progress bar on a
terminal (stderr), one plain line per stage on stdout in CI or a log,
nothing with --quiet. Errors and warnings are the CLI's, on stderr."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

Advance = Callable[[int], None]


def _interactive(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


class Reporter:
    def __init__(self, *, quiet: bool = False, verbose: bool = False, interactive: bool | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.interactive = _interactive(sys.stderr) if interactive is None else interactive

    def detail(self, message: str) -> None:
        """A line only --verbose shows."""
        if self.verbose and not self.quiet:
            print(message, flush=True)

    @contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        """A named step; the block calls ``advance(n)`` as work is done."""
        started = time.perf_counter()
        done = 0
        if self.quiet:
            yield lambda n=1: None
            return

        def advance(n: int = 1) -> None:
            nonlocal done
            done += n

        if self.interactive and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
                task = bar.add_task(label, total=total)

                def advance_bar(n: int = 1) -> None:
                    advance(n)
                    bar.advance(task, n)

                yield advance_bar
        else:
            yield advance
        count = f" {done}" if total else ""
        print(f"{label}:{count} done in {time.perf_counter() - started:.2f}s", flush=True)


SILENT = Reporter(quiet=True, interactive=False)
